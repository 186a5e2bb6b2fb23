/**
 * The API-model gate (api-inputs.ts): every input the program sends to AWS, for the shipped stack
 * files, the fixtures, every fidelity scenario (every optional feature on and off, both regions)
 * and the CI bootstrap, checked against AWS's own models (infra/api-models/api-models.json); the
 * requests the audit, preflight, usage and smoke tools make; the region facts; and mutants that
 * must fail. The pairwise config sweep runs the same check on each of its cases (tests/plan/sweep.spec.ts).
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mockClient } from "aws-sdk-client-mock";
import { BedrockClient } from "@aws-sdk/client-bedrock";
import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { Route53Client } from "@aws-sdk/client-route-53";
import { STSClient } from "@aws-sdk/client-sts";
import { bootstrapStack, readBootstrapConfig } from "../../bootstrap/stack";
import { runAudit } from "../../audit/cli";
import { awsClients } from "../../audit/live";
import { planAudit } from "../../audit/program";
import { runSmoke } from "../../clients/ts/smoke";
import { INVOKE_ANSWERS, type ProgramRun, type RecordedResource, runProgram } from "../../harness/mock-engine";
import { readStackConfigFile } from "../../harness/stack-file";
import { API_MODELS, awsPattern, jsonSchemaPattern, shapeOf } from "../../infra/api-models";
import { invokeRoleName } from "../../infra/naming";
import { loadStackFiles, planDeployment } from "../../plan/run";
import { targetOfVpc } from "../../preflight/checks";
import { readVpcFacts } from "../../preflight/read";
import { readStackConfig, runStack } from "../../stacks";
import { usageReport } from "../../usage/cli";
import { cleanAccount, serve } from "../audit/fake-aws";
import { FIXTURES, REPO_ROOT, withConfig } from "../support";
import {
  type RecordedInvoke,
  type SdkRequest,
  checkApiInputs,
  checkInvokes,
  checkSdkRequests,
  regionProblems,
} from "./api-inputs";
import { API_MAPPING, INVOKE_MAPPING, PROVIDER_TYPE } from "./api-mapping";
import { SCENARIOS } from "./scenarios";

const invokes: RecordedInvoke[] = [];
const answers = { ...INVOKE_ANSWERS };

/** A run outside the per-process cache, so every data source it reads is recorded. */
function runFresh(stack: string, config: Record<string, string>, stackOutputs = {}): Promise<ProgramRun> {
  return runProgram({
    stack,
    config,
    accountId: config["bedrock-lz:accountId"] ?? "000000000000",
    stackOutputs,
    program: () => runStack(readStackConfig()),
  });
}

function runBootstrap(file: string): Promise<ProgramRun> {
  const { stack, config } = readStackConfigFile(file);
  return runProgram({
    stack,
    config,
    accountId: config["bedrock-lz-bootstrap:accountId"] ?? "000000000000",
    program: () => bootstrapStack(readBootstrapConfig()),
  });
}

/** Every phase's run of a deployment of these stack files, as `npm run plan` walks it. */
async function deploymentRuns(files: readonly string[]): Promise<{ label: string; run: ProgramRun }[]> {
  const deployment = await planDeployment(loadStackFiles(files));
  return Object.entries(deployment.phases).flatMap(([phase, runs]) =>
    [...runs.values()].map(({ loaded, run }) => ({ label: `${loaded.file} (${phase})`, run })),
  );
}

const stackFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => /^Pulumi\..+\.yaml$/.test(name))
    .map((name) => join(dir, name));

/** Records the input of every command sent through these SDK clients (mocked or not). */
function recordSdk(): { requests: SdkRequest[]; restore(): void } {
  const requests: SdkRequest[] = [];
  const classes = [
    BedrockClient,
    BedrockRuntimeClient,
    CloudWatchClient,
    EC2Client,
    IAMClient,
    OrganizationsClient,
    Route53Client,
    STSClient,
  ] as { prototype: { send: (...args: unknown[]) => unknown } }[];
  const originals = classes.map((client) => client.prototype.send);
  classes.forEach((client, i) => {
    client.prototype.send = function (this: { config: { serviceId: string } }, command: unknown, ...rest: unknown[]) {
      const { constructor, input } = command as { constructor: { name: string }; input: unknown };
      requests.push({ serviceId: this.config.serviceId, operation: constructor.name.replace(/Command$/, ""), input });
      return originals[i].call(this, command, ...rest);
    };
  });
  return { requests, restore: () => classes.forEach((client, i) => (client.prototype.send = originals[i])) };
}

/** Every optional feature of both stack kinds switched on, metering with all its parts included. */
const METERING_ON = {
  enabled: true,
  alarms: { emails: ["bedrock-ops@example.jp"] },
  budgets: { enabled: true, emails: ["bedrock-billing@example.jp"] },
};

describe("fidelity: every input the program sends is one AWS's API models accept", function () {
  this.timeout(300_000);
  const runs: { label: string; run: ProgramRun }[] = [];

  before(async () => {
    for (const token of Object.keys(answers)) {
      INVOKE_ANSWERS[token] = (inputs, options) => {
        invokes.push({ token, inputs });
        return answers[token](inputs, options);
      };
    }
    try {
      for (const scenario of SCENARIOS) {
        runs.push({
          label: scenario.name,
          run: await runFresh(scenario.stack, scenario.config, scenario.stackOutputs),
        });
      }
      const meteredScenario = SCENARIOS.find((s) => s.name === "operator, features on, locked")!;
      runs.push({
        label: "operator, every feature on, metering with alarms, dashboards and budgets",
        run: await runFresh(
          "operator",
          withConfig(meteredScenario.config, { "bedrock-lz:metering": METERING_ON }),
          meteredScenario.stackOutputs,
        ),
      });
      runs.push(...(await deploymentRuns(stackFiles(REPO_ROOT))));
      runs.push(...(await deploymentRuns(stackFiles(FIXTURES))));
      for (const file of stackFiles(join(REPO_ROOT, "bootstrap")))
        runs.push({ label: file, run: await runBootstrap(file) });
    } finally {
      Object.assign(INVOKE_ANSWERS, answers);
    }
  });

  it("the data records its sources, and every pattern in it compiles as AWS applies it", () => {
    ok(/^\d+\.\d+\.\d+$/.test(API_MODELS.sources.botocore), API_MODELS.sources.botocore);
    ok(/^\d+\.\d+\.\d+$/.test(API_MODELS.sources["cfn-lint"]), API_MODELS.sources["cfn-lint"]);
    const broken: string[] = [];
    for (const [service, model] of Object.entries(API_MODELS.services)) {
      for (const [name, shape] of Object.entries(model.shapes)) {
        if (shape.pattern === undefined) continue;
        try {
          awsPattern(shape.pattern);
        } catch (error) {
          broken.push(`${service} ${name}: ${(error as Error).message}`);
        }
      }
    }
    for (const [type, { properties }] of Object.entries(API_MODELS.cloudFormation)) {
      for (const [property, constraint] of Object.entries(properties)) {
        for (const pattern of [constraint.pattern, constraint["items.pattern"]]) {
          try {
            if (pattern !== undefined) jsonSchemaPattern(pattern);
          } catch (error) {
            broken.push(`${type} ${property}: ${(error as Error).message}`);
          }
        }
      }
    }
    deepStrictEqual(broken, []);
    // Whole-string matching, as AWS does: a pattern the models leave unanchored still refuses a tail.
    ok(awsPattern("([0-9a-zA-Z][ _-]?)+").test("bedrock-lz-sapporo"));
    ok(!awsPattern("([0-9a-zA-Z][ _-]?)+").test("bedrock-lz--sapporo"));
    ok(!awsPattern("[a-zA-Z0-9\\s._:/=+@-]*").test("企画課"));
  });

  it("maps every member it names to the model, and tags on exactly the types whose provider tags", () => {
    const problems: string[] = [];
    for (const [type, mapping] of Object.entries(API_MAPPING)) {
      for (const [input, target] of Object.entries(mapping.inputs)) {
        if (target.kind === "notSent") continue;
        try {
          shapeOf({ service: target.call.split(":")[0], operation: target.call.split(":")[1], path: target.member });
        } catch (error) {
          problems.push(`${type} ${input}: ${(error as Error).message}`);
        }
        if (target.kind === "member" && target.cfn !== undefined && mapping.cfnType === undefined)
          problems.push(`${type} ${input}: a CloudFormation property without a cfnType`);
      }
      if (mapping.cfnType !== undefined && API_MODELS.cloudFormation[mapping.cfnType] === undefined)
        problems.push(`${type}: ${mapping.cfnType} is not in infra/api-models (add it to refresh.py's CFN_TYPES)`);
      // The provider adds its default tags to every resource whose arguments have `tags`.
      const [, module, name] = /^aws:([^/]+)\/([^:]+):/.exec(type)!;
      const declaration = join(REPO_ROOT, "node_modules", "@pulumi", "aws", module, `${name}.d.ts`);
      ok(existsSync(declaration), declaration);
      const args = readFileSync(declaration, "utf8").split(/export interface \w+Args \{/)[1] ?? "";
      const taggable = /^\s+tags\?: pulumi\.Input/m.test(args);
      if (taggable !== "tags" in mapping.inputs)
        problems.push(`${type}: the provider ${taggable ? "tags it" : "does not tag it"}, the mapping disagrees`);
    }
    deepStrictEqual(problems, []);
  });

  it("passes on the shipped files, the fixtures, every scenario with every feature on and off, and the bootstrap", () => {
    const checks = runs.map(({ label, run }) => ({ label, ...checkApiInputs(run, label) }));
    deepStrictEqual(
      checks.flatMap((c) => c.problems),
      [],
    );
    // Every resource type the runs declare was checked, and the checks are not a handful.
    const declared = new Set(
      runs.flatMap(({ run }) => run.resources.map((r) => r.type)).filter((t) => t.startsWith("aws:")),
    );
    deepStrictEqual(
      [...declared].filter((type) => !(type in API_MAPPING)),
      [],
    );
    ok(declared.size >= 40, `only ${declared.size} resource types declared`);
    for (const { label, checked } of checks) ok(checked > 20, `${label}: only ${checked} inputs checked`);
    if (process.env.FIDELITY_VERBOSE) for (const { label, checked } of checks) console.log(`${checked}\t${label}`);
  });

  it("checks what the data sources are asked, and sees every one the program reads", () => {
    const result = checkInvokes(invokes);
    deepStrictEqual(result.problems, []);
    deepStrictEqual(
      Object.keys(INVOKE_MAPPING).filter((token) => !invokes.some((call) => call.token === token)),
      [],
    );
  });

  it("declares nothing where its service or CloudFormation type is not offered (Budgets: us-east-1)", () => {
    deepStrictEqual(
      runs.flatMap(({ label, run }) => regionProblems(run).map((p) => `${label}: ${p}`)),
      [],
    );
    ok(API_MODELS.endpoints.budgets.global?.signingRegion === "us-east-1");
    ok(!API_MODELS.cloudFormation["AWS::Budgets::Budget"].regions.includes("ap-northeast-3"));
    ok(!API_MODELS.cloudFormation["AWS::CodeArtifact::Domain"].regions.includes("ap-northeast-3"));
  });

  describe("mutants fail it", () => {
    const metered = () => runs.find((r) => r.label.startsWith("operator, every feature on"))!.run;
    const mutated = (change: (resource: RecordedResource) => void, type: string) => {
      const run = structuredClone(metered());
      const target = run.resources.find((resource) => resource.type === type);
      ok(target, `no ${type}`);
      change(target);
      return checkApiInputs(run).problems;
    };

    it("a description with a parenthesis", () => {
      const problems = mutated(
        (profile) => (profile.inputs.description = "Bedrock for sapporo (JP profile)"),
        "aws:bedrock/inferenceProfile:InferenceProfile",
      );
      ok(
        problems.some((p) => /description → bedrock:CreateInferenceProfile description: .* does not match/.test(p)),
        problems.join("\n"),
      );
    });

    it("a Japanese tag value on a Bedrock resource, through the provider's default tags too", () => {
      for (const type of ["aws:bedrock/inferenceProfile:InferenceProfile", "aws:bedrock/guardrail:Guardrail"]) {
        const problems = mutated((resource) => (resource.inputs.tags = { 部署: "企画課" }), type);
        ok(
          problems.some((p) => /tags\.部署 → bedrock:Create\w+ tags key: "部署" does not match/.test(p)),
          problems.join("\n"),
        );
        ok(
          problems.some((p) => /value: "企画課" does not match/.test(p)),
          problems.join("\n"),
        );
      }
      const run = structuredClone(metered());
      const provider = run.resources.find((r) => r.type === PROVIDER_TYPE && r.name.startsWith("operator-"))!;
      const defaults = JSON.parse(String(provider.inputs.defaultTags));
      provider.inputs.defaultTags = JSON.stringify({ tags: { ...defaults.tags, CostCenter: "企画課" } });
      const problems = checkApiInputs(run).problems;
      ok(problems.some((p) => /\(aws:bedrock\/guardrail:Guardrail\) tags\.CostCenter/.test(p)));
      // IAM, KMS and CloudWatch Logs accept it: only the Bedrock resources are refused.
      ok(!problems.some((p) => /aws:iam|aws:kms|aws:cloudwatch\/logGroup/.test(p)), problems.join("\n"));
    });

    it("a 65-character name", () => {
      const name = `bedrock-lz-invoke-${"x".repeat(47)}`;
      const problems = mutated((role) => (role.inputs.name = name), "aws:iam/role:Role");
      ok(
        problems.some((p) => p.includes(`"${name}" is 65 characters, more than 64`)),
        problems.join("\n"),
      );
    });

    it("a resource type or an input nobody mapped", () => {
      const run = structuredClone(metered());
      const alarm = run.resources.find((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")!;
      run.resources.push({ ...alarm, type: "aws:cloudwatch/compositeAlarm:CompositeAlarm", name: "composite" });
      alarm.inputs.datapointsToAlarm = 2;
      const problems = checkApiInputs(run).problems;
      ok(problems.some((p) => /composite \(aws:cloudwatch\/compositeAlarm:CompositeAlarm\) .*no mapping/.test(p)));
      ok(problems.some((p) => /datapointsToAlarm → \?: no mapping/.test(p)));
    });
  });

  describe("requests the tools make with user-derived values", () => {
    const operatorFile = join(FIXTURES, "Pulumi.operator.yaml");
    const municipalityFile = join(FIXTURES, "Pulumi.municipality.yaml");

    it("the live audit, for both stack kinds", async () => {
      const requests: SdkRequest[] = [];
      for (const [file, peer] of [
        [operatorFile, municipalityFile],
        [municipalityFile, operatorFile],
      ]) {
        const plan = await planAudit(file, [peer]);
        const served = serve(cleanAccount(plan).account);
        const recorded = recordSdk();
        try {
          await runAudit({ stack: file, peers: [peer] }, awsClients, plan);
        } finally {
          recorded.restore();
          served.restore();
        }
        requests.push(...recorded.requests);
      }
      const recorded = { requests };
      const result = checkSdkRequests(recorded.requests);
      deepStrictEqual(result.problems, []);
      ok(result.checked > 10, String(result.checked));
    });

    it("the preflight of the shipped existing-VPC file's VPC", async () => {
      const { config } = readStackConfigFile(join(FIXTURES, "Pulumi.municipality-existing-vpc.yaml"));
      const vpcId = JSON.parse(config["bedrock-lz:existingVpc"]).vpcId as string;
      const ec2 = mockClient(EC2Client);
      const route53 = mockClient(Route53Client);
      ec2.onAnyCommand().resolves({});
      route53.onAnyCommand().resolves({});
      ec2.on((await import("@aws-sdk/client-ec2")).DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: vpcId }] });
      const recorded = recordSdk();
      try {
        await readVpcFacts(
          { ec2: new EC2Client({}), route53: new Route53Client({}) },
          targetOfVpc(vpcId, config["aws:region"]),
        );
      } finally {
        recorded.restore();
        ec2.restore();
        route53.restore();
      }
      const result = checkSdkRequests(recorded.requests);
      deepStrictEqual(result.problems, []);
      ok(result.checked >= 7, String(result.checked));
    });

    it("the usage report of a metering operator", async () => {
      const run = metering();
      const outputs = join(mkdtempSync(join(tmpdir(), "api-gate-")), "outputs.json");
      writeFileSync(outputs, JSON.stringify(run.outputs));
      const cloudwatch = mockClient(CloudWatchClient);
      // One datapoint: a month with none at all is an error of its own (usage/cli.ts).
      cloudwatch.onAnyCommand().resolves({ MetricDataResults: [{ Id: "m0_invocations_arn", Values: [1] }] });
      const recorded = recordSdk();
      try {
        await usageReport(
          ["--month", "2026-11", "--outputs", outputs, "--stack", operatorFile],
          new CloudWatchClient({}),
        );
      } finally {
        recorded.restore();
        cloudwatch.restore();
      }
      const result = checkSdkRequests(recorded.requests);
      deepStrictEqual(result.problems, []);
      ok(result.checked >= 1);
    });

    it("the smoke client, with the fixture's external id, the metered profile and the enforced guardrail", async () => {
      const run = metering();
      const { config } = readStackConfigFile(municipalityFile);
      const outputs = run.outputs as {
        inferenceProfileArns: Record<string, string>;
        guardrailArn: string;
        guardrailVersion: string;
      };
      const sts = mockClient(STSClient);
      const bedrock = mockClient(BedrockRuntimeClient);
      sts.onAnyCommand().resolves({
        Credentials: { AccessKeyId: "AKIA", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date() },
      });
      bedrock
        .onAnyCommand()
        .resolves({ output: { message: { role: "assistant", content: [{ text: "ok" }] } } } as never);
      const recorded = recordSdk();
      try {
        await runSmoke(
          {
            roleArn: `arn:aws:iam::111111111111:role/${invokeRoleName(config["bedrock-lz:municipalityName"])}`,
            region: config["aws:region"],
            modelId: outputs.inferenceProfileArns.sapporo,
            prompt: "こんにちは",
            stream: false,
            externalId: JSON.parse(config["bedrock-lz:smokeTest"]).externalId,
            // Bedrock assigns the id (12 lowercase letters and digits); the mock engine's stand-in is not one.
            guardrail: {
              arn: outputs.guardrailArn.replace(/[^/]+$/, "a1b2c3d4e5f6"),
              version: outputs.guardrailVersion,
            },
          },
          () => undefined,
        );
      } finally {
        recorded.restore();
        sts.restore();
        bedrock.restore();
      }
      const result = checkSdkRequests(recorded.requests);
      deepStrictEqual(result.problems, []);
      deepStrictEqual(
        recorded.requests.map((r) => r.operation),
        ["AssumeRole", "Converse"],
      );
    });

    function metering(): ProgramRun {
      return runs.find((r) => r.label.startsWith("operator, every feature on"))!.run;
    }
  });
});
