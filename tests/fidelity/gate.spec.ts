import { deepStrictEqual, ok } from "node:assert/strict";
import { type DeclaredDocument, declaredDocuments } from "./documents";
import { IamChecker } from "./iam-checks";
import { SDK_ENUMS, checkInputs } from "./inputs";
import {
  CONTENT_FILTER_TYPES,
  FILTER_STRENGTHS,
  PII_ACTIONS,
  PII_ENTITY_TYPES,
} from "../../infra/config/features/bedrock-guardrail";
import { LOG_ARCHIVE_STORAGE_CLASSES } from "../../infra/config/features/invocation-logging";
import { ENDPOINT_CATALOG } from "../../infra/endpoints";
import { ENDPOINT_REGIONS, endpointOffered } from "../../infra/regions";
import { SCENARIOS, type ScenarioRun, runScenarios } from "./scenarios";

const checker = new IamChecker();

describe("fidelity: what the program declares is what AWS accepts", function () {
  this.timeout(120_000);
  let runs: ScenarioRun[];
  let documents: (DeclaredDocument & { scenario: string })[];
  before(async () => {
    runs = await runScenarios();
    documents = runs.flatMap(({ scenario, run }) =>
      declaredDocuments(run).map((doc) => ({ ...doc, scenario: scenario.name })),
    );
  });

  it("runs every scenario and finds documents of every kind", () => {
    deepStrictEqual(
      runs.map((r) => r.scenario.name),
      SCENARIOS.map((s) => s.name),
    );
    const kinds = new Set(documents.map((d) => d.kind));
    for (const kind of ["identity", "managed", "trust", "endpoint", "resource", "scp", "boundary"] as const) {
      ok(kinds.has(kind), `no ${kind} document in any scenario`);
    }
    ok(documents.length > 100, `only ${documents.length} documents`);
    if (process.env.FIDELITY_VERBOSE) console.log(`${runs.length} configurations, ${documents.length} documents`);
  });

  it("uses real actions, applicable condition keys, well-formed ARNs, and fits the size limits", async () => {
    const problems: string[] = [];
    for (const doc of documents) {
      for (const problem of await checker.check(doc.document, doc.kind, doc.sizeLimit)) {
        problems.push(`${doc.scenario}: ${doc.where} (${doc.kind}): ${problem}`);
      }
    }
    deepStrictEqual([...new Set(problems)], []);
  });

  it("a generated document with a misspelt action or a foreign condition key fails the gate", async () => {
    const invoke = documents.find(
      (d) => d.where === "invoke-sapporo-policy.policy" || /invoke-sapporo.*policy/.test(d.where),
    );
    ok(invoke, documents.map((d) => d.where).join(", "));
    const mutated = JSON.parse(JSON.stringify(invoke.document));
    mutated.Statement[0].Action = ["bedrock:InvokeModell"];
    mutated.Statement[0].Condition = { StringEquals: { "s3:prefix": "x" } };
    const problems = await checker.check(mutated, invoke.kind, invoke.sizeLimit);
    ok(
      problems.some((p) => /InvokeModell/.test(p)),
      problems.join("\n"),
    );
    mutated.Statement[0].Action = ["bedrock:InvokeModel"];
    const keyProblems = await checker.check(mutated, invoke.kind, invoke.sizeLimit);
    ok(
      keyProblems.some((p) => /s3:prefix" applies to none/.test(p)),
      keyProblems.join("\n"),
    );
  });

  it("every enum-like value and every resource name is one AWS accepts", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const { scenario, run } of runs) {
      const result = checkInputs(run);
      checked += result.checked;
      problems.push(...result.problems.map((p) => `${scenario.name}: ${p}`));
    }
    deepStrictEqual(problems, []);
    if (process.env.FIDELITY_VERBOSE) console.log(`${checked} resources' names and enum values checked`);
    ok(checked > 50, `only ${checked} inputs checked`);
  });

  it("the config schema allows only values the AWS SDK models accept, whatever the config", () => {
    const within = (what: string, ours: readonly string[], sdk: string[]) =>
      deepStrictEqual(
        ours.filter((value) => !sdk.includes(value)),
        [],
        what,
      );
    within("content filter types", CONTENT_FILTER_TYPES, SDK_ENUMS.contentFilterType);
    within("filter strengths", FILTER_STRENGTHS, SDK_ENUMS.filterStrength);
    within("PII entity types", PII_ENTITY_TYPES, SDK_ENUMS.piiEntityType);
    within("PII actions", PII_ACTIONS, SDK_ENUMS.sensitiveInformationAction);
    within("archive storage classes", LOG_ARCHIVE_STORAGE_CLASSES, SDK_ENUMS.transitionStorageClass);
    within(
      "endpoint kinds",
      Object.values(ENDPOINT_CATALOG).map((e) => e.kind),
      SDK_ENUMS.vpcEndpointType,
    );
  });

  it("no stack declares an endpoint its region does not offer (infra/regions.ts)", () => {
    const problems: string[] = [];
    for (const { scenario, run } of runs) {
      const region = scenario.config["aws:region"];
      for (const endpoint of run.resources.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")) {
        const service = String(endpoint.inputs.serviceName);
        const key = service.replace(`com.amazonaws.${region}.`, "") as keyof typeof ENDPOINT_REGIONS;
        if (!(key in ENDPOINT_REGIONS))
          problems.push(`${scenario.name}: ${service} is not in the catalog or another region`);
        else if (!endpointOffered(region, key))
          problems.push(`${scenario.name}: ${service} is not offered in ${region}`);
      }
      if (region === "ap-northeast-3" && run.resources.some((r) => r.type.startsWith("aws:codeartifact/"))) {
        problems.push(`${scenario.name}: declares CodeArtifact resources in Osaka`);
      }
    }
    deepStrictEqual(problems, []);
  });
});
