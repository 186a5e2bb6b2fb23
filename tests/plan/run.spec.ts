/**
 * The plan of the shipped configs, built in-process with the real program: what each account
 * gets, the wiring between them, the documents, the contract and the report.
 */
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { selectStack } from "../../plan/output";
import { renderReport } from "../../plan/report";
import { type LoadedStack, buildPlan } from "../../plan/run";
import { type Plan, type PlanStack, planSchema } from "../../plan/schema";
import { parseStackConfigText } from "../../harness/stack-file";

const ROOT = resolve(__dirname, "..", "..");
const OPERATOR_ROLE = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";
const CLIENT_ROLE = "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo";
const PROFILE =
  "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-haiku-4-5-20251001-v1:0";

function shipped(stack: string, edit: (text: string) => string = (text) => text): LoadedStack {
  const file = `Pulumi.${stack}.yaml`;
  return {
    stack,
    file,
    config: parseStackConfigText(edit(readFileSync(resolve(ROOT, "tests", "fixtures", file), "utf8")), file),
  };
}

const ofType = (stack: PlanStack, type: string) => stack.resources.filter((r) => r.type === type);
const documentOf = (stack: PlanStack, resource: string) =>
  stack.documents.find((d) => d.resource === resource)?.document;

describe("plan of the shipped configs", () => {
  let plan: Plan;
  before(async () => {
    plan = await buildPlan([shipped("operator"), shipped("municipality")]);
  });

  it("has both stacks with their account kind and validated config", () => {
    assert.deepEqual(Object.keys(plan.stacks), ["operator", "municipality"]);
    assert.equal(plan.stacks.operator.account, "operator");
    assert.equal(plan.stacks.municipality.account, "municipality");
    assert.deepEqual(plan.stacks.municipality.config.vpc, {
      availabilityZones: ["ap-northeast-1a"],
      cidrBlock: "10.0.0.0/16",
    });
  });

  it("gives the steady-state municipality exactly three endpoints, with their service names and types", () => {
    const endpoints = ofType(plan.stacks.municipality, "aws:ec2/vpcEndpoint:VpcEndpoint").map((r) => [
      r.inputs.serviceName,
      r.inputs.vpcEndpointType,
      r.inputs.privateDnsEnabled ?? null,
    ]);
    assert.deepEqual(endpoints.sort(), [
      ["com.amazonaws.ap-northeast-1.bedrock-runtime", "Interface", true],
      ["com.amazonaws.ap-northeast-1.s3", "Gateway", null],
      ["com.amazonaws.ap-northeast-1.sts", "Interface", true],
    ]);
  });

  it("declares no internet path in either account", () => {
    const forbidden = /internetGateway|natGateway|eip:Eip|vpnGateway|transitGateway|vpcPeering/i;
    for (const stack of Object.values(plan.stacks)) {
      assert.deepEqual(
        stack.resources.filter((r) => forbidden.test(r.type)).map((r) => r.type),
        [],
      );
      assert.deepEqual(ofType(stack, "aws:ec2/route:Route"), []);
      for (const table of ofType(stack, "aws:ec2/routeTable:RouteTable")) assert.equal(table.inputs.routes, undefined);
      for (const subnet of ofType(stack, "aws:ec2/subnet:Subnet"))
        assert.equal(subnet.inputs.mapPublicIpOnLaunch, false);
    }
    // The loops above looked at the municipality's closed VPC, not at nothing.
    assert.ok(ofType(plan.stacks.municipality, "aws:ec2/subnet:Subnet").length > 0);
    assert.ok(ofType(plan.stacks.municipality, "aws:ec2/routeTable:RouteTable").length > 0);
  });

  it("lists every resource: the stack, providers, components with their children, and the StackReference", () => {
    const municipality = plan.stacks.municipality;
    // The file gives operatorRoleArn (separate backends): run as written, no stack reference.
    assert.deepEqual(ofType(municipality, "pulumi:pulumi:StackReference"), []);
    assert.deepEqual(ofType(municipality, "pulumi:providers:aws")[0].inputs.allowedAccountIds, ["222222222222"]);
    const components = municipality.resources.filter((r) => !r.custom).map((r) => `${r.type} ${r.name}`);
    assert.deepEqual(components.sort(), [
      "bedrock-lz:codeartifact:CodeArtifactMirror pypi",
      "bedrock-lz:iam:BedrockClientRole client",
      "bedrock-lz:network:ClosedVpc closed",
      "bedrock-lz:network:VpcEndpoints endpoints",
      "pulumi:pulumi:Stack bedrock-lz-municipality",
    ]);
    assert.equal(municipality.resources.find((r) => r.name === "endpoints-sts")?.parent, "endpoints");
    assert.equal(
      plan.stacks.operator.resources.find((r) => r.name === "invoke-sapporo-role")?.parent,
      "invoke-sapporo",
    );
  });

  it("records the invoke role trust: account root principal pinned with ArnEquals aws:PrincipalArn", () => {
    const expected = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AssumeFromMunicipalityClientRole",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::222222222222:root" },
          Action: "sts:AssumeRole",
          Condition: {
            ArnEquals: { "aws:PrincipalArn": CLIENT_ROLE },
            StringEquals: { "sts:ExternalId": "sapporo-bedrock-poc" },
          },
        },
      ],
    };
    assert.deepEqual(documentOf(plan.stacks.operator, "invoke-sapporo-role"), expected);
    // The parsed object, not a string, is what plan.json holds in the inputs too.
    const role = plan.stacks.operator.resources.find((r) => r.name === "invoke-sapporo-role")!;
    assert.deepEqual(role.inputs.assumeRolePolicy, expected);
  });

  it("finds every IAM document of both stacks, each with its own file", () => {
    const listed = (stack: PlanStack) => stack.documents.map((d) => `${d.resource}.${d.input}`).sort();
    assert.deepEqual(listed(plan.stacks.operator), [
      // Invocation logging is on by default (docs/operator.md).
      "invocation-logging-bucket-policy.policy",
      "invocation-logging-key.policy",
      "invocation-logging-role-policy.policy",
      "invocation-logging-role.assumeRolePolicy",
      "invoke-hakodate-invoke.policy",
      "invoke-hakodate-role.assumeRolePolicy",
      "invoke-sapporo-invoke.policy",
      "invoke-sapporo-role.assumeRolePolicy",
    ]);
    assert.deepEqual(listed(plan.stacks.municipality), [
      "client-assume-operator.policy",
      "client-role.assumeRolePolicy",
      "endpoints-bedrock-runtime.policy",
      "endpoints-s3.policy",
      "endpoints-sts.policy",
      "pypi-domain-policy.policyDocument",
      "pypi-repository-policy.policyDocument",
    ]);
    const files = Object.values(plan.stacks).flatMap((s) => s.documents.map((d) => d.file));
    assert.equal(new Set(files).size, files.length);
    assert.ok(files.includes("policies/municipality/endpoints-bedrock-runtime.json"));
  });

  it("feeds the operator's invoke role ARN into the municipality's client policy and endpoint policies", () => {
    assert.deepEqual(plan.wiring[0], {
      from: { stack: "operator", output: "invokeRoleArns.sapporo" },
      to: { stack: "municipality", config: "bedrock-lz:operatorRoleArn" },
      status: "given",
      value: OPERATOR_ROLE,
      feeds: ["client-assume-operator.policy", "endpoints-bedrock-runtime.policy", "endpoints-sts.policy"],
      note: "the configured ARN is the one stack operator exports",
    });
    assert.deepEqual(documentOf(plan.stacks.municipality, "endpoints-bedrock-runtime"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "OperatorRoleInvokesJapanProfileOnly",
          Effect: "Allow",
          Principal: "*",
          Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
          Resource: [
            PROFILE,
            "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/*",
            "arn:aws:bedrock:ap-northeast-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
            "arn:aws:bedrock:ap-northeast-3::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
          ],
          Condition: { ArnEquals: { "aws:PrincipalArn": OPERATOR_ROLE } },
        },
        {
          Sid: "OperatorRoleAppliesOperatorGuardrails",
          Effect: "Allow",
          Principal: "*",
          Action: "bedrock:ApplyGuardrail",
          Resource: "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/*",
          Condition: { ArnEquals: { "aws:PrincipalArn": OPERATOR_ROLE } },
        },
      ],
    });
  });

  it("plans the end state: the unlocked file is locked as deploy step 3 does for separate backends, and says so", () => {
    const hardening = plan.wiring.filter((edge) => edge.to.stack === "operator");
    assert.deepEqual(
      hardening.map((edge) => [edge.from.stack, edge.to.config, edge.status]),
      [
        ["municipality", "bedrock-lz:municipalities.sapporo.bedrockRuntimeEndpointId / stsEndpointId", "filled"],
        ["(municipality hakodate)", "bedrock-lz:municipalities.hakodate.municipalityStack", "absent"],
      ],
    );
    const endpointIds = plan.stacks.municipality.outputs.endpointIds as Record<string, string>;
    assert.deepEqual(hardening[0].value, endpointIds);
    assert.match(hardening[0].note!, /not set in .*Pulumi\.operator\.yaml yet/);
    // The municipality uses operatorRoleArn, so step 3 copies its ids rather than reading its stack.
    assert.deepEqual(plan.stacks.operator.config.municipalities, {
      ...(plan.stacks.operator.config.municipalities as object),
      sapporo: {
        ...((plan.stacks.operator.config.municipalities as Record<string, object>).sapporo as object),
        bedrockRuntimeEndpointId: endpointIds["bedrock-runtime"],
        stsEndpointId: endpointIds.sts,
      },
    });
    assert.ok(!plan.stacks.operator.warnings.some((w) => w.startsWith("Invoke role for sapporo is not locked")));
    assert.ok(
      plan.stacks.operator.warnings.some((w) =>
        /does not lock sapporo yet; the end state copies stack municipality's endpoint ids/.test(w),
      ),
    );
    assert.match(plan.stacks.operator.warnings[0], /^Invoke role for hakodate is not locked/);
  });

  it("records each deploy phase: what step 1 creates and what step 3 changes", () => {
    assert.deepEqual(
      plan.phases?.map((phase) => [phase.name, Object.keys(phase.stacks)]),
      [
        ["operator", ["operator"]],
        ["municipalities", ["municipality"]],
        ["locked", ["operator"]],
      ],
    );
    const step1 = plan.phases![0].stacks.operator;
    assert.ok(step1.changes.every((change) => change.change === "added"));
    assert.equal(step1.changes.length, step1.documents.length);
    assert.deepEqual(
      plan.phases![2].stacks.operator.changes.map((c) => [c.resource, c.change, c.statements]),
      [["invoke-sapporo-invoke", "changed", ["+DenyBedrockOutsideMunicipalityEndpoint"]]],
    );
  });

  it("round-trips through the plan.json schema unchanged", () => {
    const json = JSON.parse(JSON.stringify(plan));
    assert.deepEqual(planSchema.parse(json), plan);
    assert.deepEqual(json, plan); // nothing undefined, nothing dropped by JSON
  });

  it("the schema rejects what the contract forbids", () => {
    const broken = structuredClone(plan) as any;
    broken.stacks.operator.resources[0].parent = undefined;
    assert.equal(planSchema.safeParse(broken).success, false);
    const extra = structuredClone(plan) as any;
    extra.stacks.operator.account = "both";
    assert.equal(planSchema.safeParse(extra).success, false);
  });

  it("renders the report: tree, wiring, documents, exact costs, Mermaid and extra sections", () => {
    const report = renderReport(plan, { extraSections: [{ title: "IAM access matrix", render: () => "matrix here" }] });
    assert.match(
      report,
      /│ {2}└─ endpoints-sts {2}aws\.ec2\.VpcEndpoint {2}com\.amazonaws\.ap-northeast-1\.sts Interface privateDns=on AZs=1 policy/,
    );
    assert.match(report, /\| `aws:ec2\/vpcEndpoint:VpcEndpoint` \| 3 \|/);
    assert.match(report, /\*\*municipality\*\* \(municipality\): \$20\.44 \(unverified prices\) \/ month/);
    // The setup run side by side: two CodeArtifact and three Session Manager endpoints more, 1 AZ.
    assert.match(report, /\| steady state \(this config\) \| — \| \$20\.44 \|/);
    assert.match(
      report,
      /\| setup run \(.*\) \| codeartifact\.api, codeartifact\.repositories, ssm, ssmmessages, ec2messages \| \$71\.54 \+ the smoke-test instance \|/,
    );
    // The invocation-log KMS key (logging is on by default) is the operator's one fixed charge.
    assert.match(report, /\*\*operator\*\* \(operator\): \$1\.00 \/ month/);
    assert.match(
      report,
      /1-AZ PoC profile vs 2 AZs \(2 interface endpoints\): \$20\.44 vs \$40\.88 per month, saving \$20\.44\./,
    );
    assert.match(report, /```mermaid\nflowchart LR\n/);
    assert.match(
      report,
      /municipality__workload -->\|"sts:AssumeRole"\| municipality__endpoints_sts --> operator__invoke_sapporo_role/,
    );
    assert.match(report, /### operator \/ invoke-sapporo-role · `assumeRolePolicy`/);
    // Invoke roles call the profile; the invocation-logging role is Bedrock's and calls nothing.
    assert.match(report, /operator__invoke_sapporo_role -\.->\|"allows only"\|/);
    assert.doesNotMatch(report, /invocation_logging\S* -\.->\|"allows only"\|/);
    assert.ok(report.endsWith("## IAM access matrix\n\nmatrix here\n"));
  });

  it("is deterministic: the same configs give the same plan and report", async () => {
    const again = await buildPlan([shipped("operator"), shipped("municipality")]);
    assert.deepEqual(again, plan);
    assert.equal(renderReport(again), renderReport(plan));
  });

  it("--stack keeps one stack and the wiring that touches it", () => {
    const only = selectStack(plan, "operator");
    assert.deepEqual(Object.keys(only.stacks), ["operator"]);
    assert.equal(only.wiring.length, 3);
    assert.equal(selectStack(plan, undefined), plan);
  });
});

describe("plan of the hardening pass (operator reads the municipality stack)", () => {
  it("evaluates the operator again after the municipality and locks the invoke role to its endpoints", async () => {
    const plan = await buildPlan([
      shipped("operator", (text) =>
        text
          .replace("# municipalityStack: organization", "municipalityStack: organization")
          .replace("# lockTrustToStsEndpoint: true", "lockTrustToStsEndpoint: true"),
      ),
      shipped("municipality"),
    ]);
    const endpointIds = plan.stacks.municipality.outputs.endpointIds as Record<string, string>;
    const invoke = documentOf(plan.stacks.operator, "invoke-sapporo-invoke") as { Statement: unknown[] };
    assert.deepEqual(invoke.Statement[2], {
      Sid: "DenyBedrockOutsideMunicipalityEndpoint",
      Effect: "Deny",
      Action: "bedrock:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpce": endpointIds["bedrock-runtime"] } },
    });
    const trust = documentOf(plan.stacks.operator, "invoke-sapporo-role") as any;
    assert.equal(trust.Statement[0].Condition.StringEquals["aws:SourceVpce"], endpointIds.sts);
    const edge = plan.wiring.find((e) => e.to.config === "bedrock-lz:municipalities.sapporo.municipalityStack")!;
    assert.deepEqual(
      [edge.from.stack, edge.status, edge.feeds],
      ["municipality", "wired", ["invoke-sapporo-role.assumeRolePolicy", "invoke-sapporo-invoke.policy"]],
    );
    assert.deepEqual(
      plan.stacks.operator.warnings.filter((w) => w.includes("sapporo")),
      [],
      "sapporo is locked as written: no warning, no note",
    );
    assert.ok(!plan.stacks.operator.warnings.some((w) => w.startsWith("Invoke role for sapporo")));
  });
});
