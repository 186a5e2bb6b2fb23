import { deepStrictEqual, match, ok, rejects, strictEqual } from "node:assert/strict";
import { lookupInferenceProfile } from "../../infra/catalog";
import { clientRolePolicy, municipalityEndpointPolicies } from "../../infra/policies";
import { type ProgramRun, type RecordedResource, fakeId } from "../../harness/mock-engine";
import { documentOf, named, ofType, runWithConfig, fixtureConfig, withConfig } from "../support";

const OPERATOR_ROLE = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";
const CLIENT_ROLE = "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo";
const OPERATOR_STACK = "organization/bedrock-lz/operator";

const expectedPolicies = municipalityEndpointPolicies({
  profile: lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!,
  region: "ap-northeast-1",
  operatorAccountId: "111111111111",
  operatorRoleArn: OPERATOR_ROLE,
  clientRoleArn: CLIENT_ROLE,
  codeArtifactDomainArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:domain/bedrock-lz",
  codeArtifactRepositoryArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:repository/bedrock-lz/pypi",
});

/** Resource types that would give the closed VPC a path to or from the internet. */
const INTERNET_PATH_TYPES = [
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
  "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/eip:Eip",
  "aws:ec2/route:Route",
  "aws:ec2/vpnGateway:VpnGateway",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
];

function endpointsByService(run: ProgramRun): Record<string, RecordedResource> {
  return Object.fromEntries(ofType(run, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => [e.inputs.serviceName, e]));
}

describe("municipality stack under the mock engine", () => {
  let shipped: ProgramRun;
  before(async () => {
    shipped = await runWithConfig("municipality", fixtureConfig("municipality"));
  });

  describe("closed VPC", () => {
    it("has DNS on, isolated subnets without public IPs, and no internet path of any kind", () => {
      const vpc = named(shipped, "closed-vpc");
      strictEqual(vpc.inputs.cidrBlock, "10.0.0.0/16");
      strictEqual(vpc.inputs.enableDnsSupport, true);
      strictEqual(vpc.inputs.enableDnsHostnames, true);
      const subnets = ofType(shipped, "aws:ec2/subnet:Subnet");
      deepStrictEqual(
        subnets.map((s) => [s.name, s.inputs.availabilityZone, s.inputs.cidrBlock, s.inputs.mapPublicIpOnLaunch]),
        [["closed-isolated-ap-northeast-1a", "ap-northeast-1a", "10.0.0.0/18", false]],
      );
      for (const type of INTERNET_PATH_TYPES) strictEqual(ofType(shipped, type).length, 0, type);
    });

    it("gives each subnet its own route table with no routes declared", () => {
      const tables = ofType(shipped, "aws:ec2/routeTable:RouteTable");
      strictEqual(tables.length, 1);
      strictEqual(tables[0].inputs.routes, undefined);
      strictEqual(ofType(shipped, "aws:ec2/routeTableAssociation:RouteTableAssociation").length, 1);
    });

    it("takes over the default security group and leaves it empty", () => {
      const sg = named(shipped, "closed-default-sg");
      deepStrictEqual([sg.inputs.ingress, sg.inputs.egress], [[], []]);
    });

    it("spreads over the configured number of AZs", async () => {
      const run = await runWithConfig(
        "municipality",
        withConfig(fixtureConfig("municipality"), {
          "bedrock-lz:vpc": { cidrBlock: "10.20.0.0/16", availabilityZoneCount: 3 },
        }),
      );
      deepStrictEqual(
        ofType(run, "aws:ec2/subnet:Subnet").map((s) => s.inputs.cidrBlock),
        ["10.20.0.0/18", "10.20.64.0/18", "10.20.128.0/18"],
      );
      strictEqual(ofType(run, "aws:ec2/routeTable:RouteTable").length, 3);
      const bedrock = endpointsByService(run)["com.amazonaws.ap-northeast-1.bedrock-runtime"];
      strictEqual((bedrock.inputs.subnetIds as string[]).length, 3);
    });
  });

  describe("VPC endpoints", () => {
    it("creates the three steady-state endpoints with the exact service names and types", () => {
      const endpoints = endpointsByService(shipped);
      deepStrictEqual(
        Object.fromEntries(Object.entries(endpoints).map(([service, e]) => [service, e.inputs.vpcEndpointType])),
        {
          "com.amazonaws.ap-northeast-1.bedrock-runtime": "Interface",
          "com.amazonaws.ap-northeast-1.sts": "Interface",
          "com.amazonaws.ap-northeast-1.s3": "Gateway",
        },
      );
    });

    it("adds the CodeArtifact endpoints while packages are installed; an explicit enabled still wins", async () => {
      const services = async (changes: Record<string, unknown>) =>
        Object.keys(
          endpointsByService(await runWithConfig("municipality", withConfig(fixtureConfig("municipality"), changes))),
        )
          .filter((service) => service.includes("codeartifact"))
          .sort();
      const both = [
        "com.amazonaws.ap-northeast-1.codeartifact.api",
        "com.amazonaws.ap-northeast-1.codeartifact.repositories",
      ];
      deepStrictEqual(await services({ "bedrock-lz:codeArtifact": { mirror: true, clientReadAccess: true } }), both);
      deepStrictEqual(
        await services({ "bedrock-lz:smokeTest": { enabled: true, externalId: "sapporo-bedrock-poc" } }),
        both,
      );
      deepStrictEqual(
        await services({
          "bedrock-lz:codeArtifact": { mirror: true, clientReadAccess: true },
          "bedrock-lz:endpoints": { "codeartifact.api": { enabled: false } },
        }),
        ["com.amazonaws.ap-northeast-1.codeartifact.repositories"],
      );
      deepStrictEqual(await services({ "bedrock-lz:endpoints": { "codeartifact.api": { enabled: true } } }), [
        "com.amazonaws.ap-northeast-1.codeartifact.api",
      ]);
    });

    it("puts interface endpoints in the isolated subnets behind the endpoint SG, private DNS on", () => {
      const subnetIds = Object.values(shipped.outputs.subnetIds as Record<string, string>);
      const sgId = shipped.outputs.endpointSecurityGroupId;
      const interfaces = ofType(shipped, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
        (endpoint) => endpoint.inputs.vpcEndpointType === "Interface",
      );
      // Bedrock and STS at least, so the loop below checks the endpoints that matter.
      ok(
        ["endpoints-bedrock-runtime", "endpoints-sts"].every((name) => interfaces.some((e) => e.name === name)),
        interfaces.map((e) => e.name).join(", "),
      );
      for (const endpoint of interfaces) {
        strictEqual(endpoint.inputs.privateDnsEnabled, true, endpoint.name);
        deepStrictEqual(endpoint.inputs.securityGroupIds, [sgId]);
        deepStrictEqual(endpoint.inputs.subnetIds, subnetIds);
        strictEqual(endpoint.inputs.routeTableIds, undefined);
      }
    });

    it("attaches the S3 gateway endpoint to the isolated route tables", () => {
      const s3 = endpointsByService(shipped)["com.amazonaws.ap-northeast-1.s3"];
      const tableIds = ofType(shipped, "aws:ec2/routeTable:RouteTable").map((t) =>
        fakeId(t.type, t.name, shipped.stack),
      );
      deepStrictEqual(s3.inputs.routeTableIds, tableIds);
      match(tableIds[0], /^rtb-[0-9a-f]{17}$/);
      strictEqual(s3.inputs.subnetIds, undefined);
      strictEqual(s3.inputs.privateDnsEnabled, undefined);
    });

    it("admits only HTTPS from the VPC CIDR, with no egress rules", () => {
      const rules = ofType(shipped, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
      deepStrictEqual(
        rules.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
        [["tcp", 443, 443, "10.0.0.0/16"]],
      );
      strictEqual(ofType(shipped, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 0);
      strictEqual(named(shipped, "endpoints-sg").inputs.egress, undefined);
    });

    it("gives every endpoint its exact policy, wired to the operator role", () => {
      const endpoints = endpointsByService(shipped);
      const enabled = ["bedrock-runtime", "sts", "s3"] as const;
      deepStrictEqual(Object.keys(endpoints).length, enabled.length);
      for (const key of enabled) {
        deepStrictEqual(documentOf(endpoints[`com.amazonaws.ap-northeast-1.${key}`]), expectedPolicies[key], key);
      }
    });

    it("gives the CodeArtifact endpoints of a setup run their exact policies", async () => {
      const setup = await runWithConfig(
        "municipality",
        withConfig(fixtureConfig("municipality"), {
          "bedrock-lz:codeArtifact": { mirror: true, clientReadAccess: true },
        }),
      );
      const endpoints = endpointsByService(setup);
      for (const key of ["codeartifact.api", "codeartifact.repositories"] as const) {
        deepStrictEqual(documentOf(endpoints[`com.amazonaws.ap-northeast-1.${key}`]), expectedPolicies[key], key);
      }
    });

    it("creates only the endpoints that are switched on", async () => {
      const run = await runWithConfig(
        "municipality",
        withConfig(fixtureConfig("municipality"), {
          "bedrock-lz:endpoints": {
            "codeartifact.api": { enabled: false },
            "codeartifact.repositories": { enabled: false },
            sts: { enabled: true },
          },
        }),
      );
      deepStrictEqual(Object.keys(endpointsByService(run)).sort(), [
        "com.amazonaws.ap-northeast-1.bedrock-runtime",
        "com.amazonaws.ap-northeast-1.s3",
        "com.amazonaws.ap-northeast-1.sts",
      ]);
      deepStrictEqual(Object.keys(run.outputs.endpointIds as object).sort(), ["bedrock-runtime", "s3", "sts"]);
    });
  });

  describe("client role", () => {
    it("has the fixed name, EC2 trust, an instance profile, and may only assume the operator role", () => {
      const role = named(shipped, "client-role");
      strictEqual(role.inputs.name, "bedrock-lz-client-sapporo");
      deepStrictEqual(documentOf(role, "assumeRolePolicy").Statement[0].Principal, { Service: "ec2.amazonaws.com" });
      deepStrictEqual(documentOf(named(shipped, "client-assume-operator")), clientRolePolicy(OPERATOR_ROLE));
      deepStrictEqual(named(shipped, "client-instance-profile").inputs.name, "bedrock-lz-client-sapporo");
      strictEqual(ofType(shipped, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
    });
  });

  describe("wiring from the operator stack", () => {
    const fromStack = () =>
      withConfig(fixtureConfig("municipality"), {
        "bedrock-lz:operatorRoleArn": undefined,
        "bedrock-lz:operatorStack": OPERATOR_STACK,
      });

    it("reads invokeRoleArns[<municipalityName>] into the role policy and the endpoint policies", async () => {
      const otherRole = "arn:aws:iam::444444444444:role/bedrock-lz-invoke-sapporo";
      const run = await runWithConfig("municipality", fromStack(), {
        [OPERATOR_STACK]: { invokeRoleArns: { sapporo: otherRole, hakodate: "arn:aws:iam::444444444444:role/x" } },
      });
      deepStrictEqual(named(run, "operator").inputs, { name: OPERATOR_STACK });
      deepStrictEqual(documentOf(named(run, "client-assume-operator")), clientRolePolicy(otherRole));
      const bedrock = documentOf(endpointsByService(run)["com.amazonaws.ap-northeast-1.bedrock-runtime"]);
      deepStrictEqual(bedrock.Statement[0].Condition, { ArnEquals: { "aws:PrincipalArn": otherRole } });
      // The profile ARN carries the operator's account, read from the role ARN.
      match(bedrock.Statement[0].Resource[0], /^arn:aws:bedrock:ap-northeast-1:444444444444:inference-profile\/jp\./);
      strictEqual(run.outputs.operatorRoleArn, otherRole);
    });

    it("fails with a clear message when the operator stack has no role for this municipality", async () => {
      await rejects(
        runWithConfig("municipality", fromStack(), { [OPERATOR_STACK]: { invokeRoleArns: { hakodate: "arn:x" } } }),
        /operator stack organization\/bedrock-lz\/operator has no invoke role for municipality "sapporo" \(output invokeRoleArns has: hakodate\)/,
      );
    });
  });

  it("exports what the operator and the workloads need", () => {
    deepStrictEqual(Object.keys(shipped.outputs).sort(), [
      "account",
      "accountId",
      "clientRoleArn",
      "codeArtifact",
      "endpointIds",
      "endpointSecurityGroupId",
      "guardrail",
      "guardrails",
      "inferenceProfileId",
      "instanceProfileName",
      "modelId",
      "municipalityName",
      "operatorRoleArn",
      "organizationPolicyIds",
      "region",
      "sessionAccess",
      "smokeTestInstanceId",
      "smokeTestSessionCommand",
      "subnetIds",
      "vpcId",
    ]);
    strictEqual(shipped.outputs.clientRoleArn, CLIENT_ROLE);
    strictEqual(shipped.outputs.operatorRoleArn, OPERATOR_ROLE);
    match((shipped.outputs.endpointIds as Record<string, string>)["bedrock-runtime"], /^vpce-/);
    strictEqual(shipped.outputs.guardrail, null);
    // No stack reference: clients get the jp. profile id (docs/operator.md, "Metering").
    strictEqual(shipped.outputs.modelId, shipped.outputs.inferenceProfileId);
  });

  it("passes the operator's enforced guardrail (ARN and version) to its clients and the smoke instance", async () => {
    const guardrailArn = "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abcd1234efgh";
    const operatorOutputs = (enforced: boolean) => ({
      [OPERATOR_STACK]: {
        invokeRoleArns: { sapporo: OPERATOR_ROLE },
        guardrailEnforced: enforced,
        guardrailArn,
        guardrailVersion: "3",
      },
    });
    const config = withConfig(fixtureConfig("municipality"), {
      "bedrock-lz:operatorRoleArn": undefined,
      "bedrock-lz:operatorStack": OPERATOR_STACK,
      "bedrock-lz:codeArtifact": { mirror: true, clientReadAccess: true },
      "bedrock-lz:smokeTest": { enabled: true },
    });
    const run = await runWithConfig("municipality", config, operatorOutputs(true));
    deepStrictEqual(run.outputs.guardrail, { arn: guardrailArn, version: "3" });
    match(
      String(named(run, "smoke-test-instance").inputs.userData),
      /--guardrail-arn \S+guardrail\/abcd1234efgh --guardrail-version 3/,
    );
    const unenforced = await runWithConfig("municipality", config, operatorOutputs(false));
    strictEqual(unenforced.outputs.guardrail, null);
    // The wrapper line; the embedded Python source mentions the flag in its help.
    const wrapper = String(named(unenforced, "smoke-test-instance").inputs.userData)
      .split("\n")
      .find((line) => line.startsWith("exec python3"));
    strictEqual(wrapper?.includes("--guardrail-arn"), false);
  });

  it("exports a metering operator's application profile as modelId, and the boot script calls it", async () => {
    const own = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6";
    const config = withConfig(fixtureConfig("municipality"), {
      "bedrock-lz:operatorRoleArn": undefined,
      "bedrock-lz:operatorStack": OPERATOR_STACK,
      "bedrock-lz:codeArtifact": { mirror: true, clientReadAccess: true },
      "bedrock-lz:smokeTest": { enabled: true },
    });
    const wrapperOf = (run: Awaited<ReturnType<typeof runWithConfig>>) =>
      String(named(run, "smoke-test-instance").inputs.userData)
        .split("\n")
        .find((line) => line.startsWith("exec python3"));
    const metered = await runWithConfig("municipality", config, {
      [OPERATOR_STACK]: { invokeRoleArns: { sapporo: OPERATOR_ROLE }, inferenceProfileArns: { sapporo: own } },
    });
    strictEqual(metered.outputs.modelId, own);
    ok(wrapperOf(metered)?.includes(`--model-id ${own}`), wrapperOf(metered));
    const direct = await runWithConfig("municipality", config, {
      [OPERATOR_STACK]: { invokeRoleArns: { sapporo: OPERATOR_ROLE }, inferenceProfileArns: null },
    });
    strictEqual(direct.outputs.modelId, "jp.anthropic.claude-haiku-4-5-20251001-v1:0");
    ok(wrapperOf(direct)?.includes("--model-id jp.anthropic.claude-haiku-4-5-20251001-v1:0"), wrapperOf(direct));
  });
});

describe("municipality stack with a handed-over application inference profile (operatorRoleArn mode)", () => {
  const profile = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6";

  it("exports it as modelId; the endpoint policy is the same with or without it", async () => {
    const run = await runWithConfig(
      "municipality",
      withConfig(fixtureConfig("municipality"), { "bedrock-lz:operatorInferenceProfileArn": profile }),
    );
    strictEqual(run.outputs.modelId, profile);
    const without = await runWithConfig("municipality", fixtureConfig("municipality"));
    strictEqual(without.outputs.modelId, "jp.anthropic.claude-haiku-4-5-20251001-v1:0");
    // The endpoint admits every application profile of the operator's account, so the hand-over
    // never has to reach the municipality's documents.
    const policy = documentOf(named(run, "endpoints-bedrock-runtime"));
    deepStrictEqual(policy, documentOf(named(without, "endpoints-bedrock-runtime")));
    ok(JSON.stringify(policy).includes(profile.replace(/[^/]+$/, "*")));
  });
});
