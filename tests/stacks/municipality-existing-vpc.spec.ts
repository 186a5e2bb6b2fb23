import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import {
  FAKE_EXISTING_VPC_CIDR,
  FAKE_EXISTING_VPC_SECONDARY_CIDR,
  type ProgramRun,
  fakeId,
} from "../../harness/mock-engine";
import { readStackConfigFile } from "../../harness/stack-file";
import { OWN_ACCOUNT_SID } from "../../infra/shared-vpc-policies";
import { FIXTURES, documentOf, named, ofType, runWithConfig, fixtureConfig, withConfig } from "../support";

const VPC = "vpc-0a1b2c3d4e5f60789";
const SUBNETS = ["subnet-0a1b2c3d4e5f60780", "subnet-0a1b2c3d4e5f60781"];
const STS = "vpce-0a1b2c3d4e5f60783";
const S3 = "vpce-0a1b2c3d4e5f60784";

/** Every resource type that would create, change or take over part of the referenced network. */
const NETWORK_TYPES = [
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/defaultRouteTable:DefaultRouteTable",
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  "aws:ec2/route:Route",
  "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
];

function shippedExample(): Record<string, string> {
  return readStackConfigFile(join(FIXTURES, "Pulumi.municipality-existing-vpc.yaml")).config;
}

describe("municipality stack in existing-VPC mode (Pulumi.municipality-existing-vpc.yaml)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runWithConfig("municipality-existing-vpc", shippedExample());
  });

  it("declares no VPC, subnet, route table or default security group: destroy leaves them as they were", () => {
    for (const type of NETWORK_TYPES) strictEqual(ofType(run, type).length, 0, type);
    strictEqual(named(run, "referenced").type, "bedrock-lz:network:ExistingVpc");
    strictEqual(run.resources.filter((r) => r.parent === "referenced").length, 0, "the referenced VPC has no children");
  });

  it("declares no resource for a referenced endpoint, only the opted-in policy", () => {
    const endpoints = ofType(run, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => String(e.inputs.serviceName));
    // Steady state: sts and s3 are referenced, the CodeArtifact endpoints belong to the setup run.
    deepStrictEqual(endpoints.sort(), ["com.amazonaws.ap-northeast-1.bedrock-runtime"]);
    const policies = ofType(run, "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy");
    deepStrictEqual(
      policies.map((p) => p.inputs.vpcEndpointId),
      [STS],
    );
    // Nothing else in the stack names the referenced ids as something to create or change.
    for (const resource of run.resources.filter((r) => r.type !== "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy")) {
      const inputs = JSON.stringify(resource.inputs);
      ok(!inputs.includes(STS) && !inputs.includes(S3), `${resource.name} names a referenced endpoint`);
    }
  });

  it("puts the endpoints and their security group into the given VPC and subnets, with the CIDR read from AWS", () => {
    for (const endpoint of ofType(run, "aws:ec2/vpcEndpoint:VpcEndpoint")) {
      strictEqual(endpoint.inputs.vpcId, VPC);
      deepStrictEqual(endpoint.inputs.subnetIds, SUBNETS);
    }
    strictEqual(named(run, "endpoints-sg").inputs.vpcId, VPC);
    // Every associated IPv4 block (the fake VPC has a secondary one), through a prefix list.
    const blocks = named(run, "endpoints-vpc-blocks");
    deepStrictEqual(
      (blocks.inputs.entries as { cidr: string }[]).map((entry) => entry.cidr),
      [FAKE_EXISTING_VPC_CIDR, FAKE_EXISTING_VPC_SECONDARY_CIDR],
    );
    strictEqual(
      named(run, "endpoints-https-from-vpc").inputs.prefixListId,
      fakeId(blocks.type, blocks.name, "municipality-existing-vpc"),
    );
  });

  it("reports referenced endpoint ids as the stack's endpoint ids, for the operator's lock", () => {
    const ids = run.outputs.endpointIds as Record<string, string>;
    strictEqual(ids.sts, STS);
    strictEqual(ids.s3, S3);
    strictEqual(run.outputs.vpcId, VPC);
    deepStrictEqual(run.outputs.subnetIds, { "ap-northeast-1a": SUBNETS[0], "ap-northeast-1c": SUBNETS[1] });
  });

  it("writes shared-VPC policies: own-account use kept, except on bedrock-runtime", () => {
    const sts = documentOf(named(run, "endpoints-sts-policy"));
    ok(sts.Statement.some((s: { Sid: string }) => s.Sid === OWN_ACCOUNT_SID));
    const bedrock = documentOf(named(run, "endpoints-bedrock-runtime"));
    ok(!bedrock.Statement.some((s: { Sid: string }) => s.Sid === OWN_ACCOUNT_SID));
  });

  it("warns that the unmanaged referenced endpoint's layer is not enforced", () => {
    deepStrictEqual(
      run.warnings.filter((w) => w.includes("not enforce")),
      [
        `The s3 endpoint ${S3} is referenced and its policy left alone: this stack does not enforce the endpoint ` +
          "layer for s3 (whatever policy it has applies; AWS's default allows everything). Set " +
          "existingVpc.endpoints.s3.manageExistingPolicy to true to manage it (docs/municipality.md).",
      ],
    );
  });

  it("places the smoke-test instance in the first AZ's subnet and warns about referenced interface endpoints", async () => {
    const smoke = await runWithConfig(
      "municipality-existing-vpc",
      withConfig(shippedExample(), { "bedrock-lz:smokeTest": { enabled: true } }),
    );
    strictEqual(named(smoke, "smoke-test-instance").inputs.subnetId, SUBNETS[0]);
    ok(smoke.warnings.some((w) => w.includes("referenced interface endpoint must admit HTTPS")));
  });

  it("fails the run when two given subnets share an AZ", async () => {
    await rejects(
      runWithConfig(
        "municipality-existing-vpc",
        withConfig(shippedExample(), {
          "bedrock-lz:existingVpc": {
            vpcId: VPC,
            subnetIds: ["subnet-0a1b2c3d4e5f60780", "subnet-0a1b2c3d4e5f60783"],
            routeTableIds: ["rtb-0a1b2c3d4e5f60782"],
          },
        }),
      ),
      /both in ap-northeast-1a/,
    );
  });

  it("leaves the new-VPC stack's policies strict", async () => {
    const newVpc = await runWithConfig("municipality", fixtureConfig("municipality"));
    for (const endpoint of ofType(newVpc, "aws:ec2/vpcEndpoint:VpcEndpoint")) {
      ok(!JSON.stringify(documentOf(endpoint)).includes(OWN_ACCOUNT_SID), endpoint.name);
    }
    strictEqual(ofType(newVpc, "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy").length, 0);
  });
});
