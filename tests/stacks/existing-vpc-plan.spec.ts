import { match, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { planCommand } from "../../plan/cli";
import { capture } from "../cli-capture";
import { REPO_ROOT } from "../support";

/**
 * The existing-VPC example (its fixture copy, tests/fixtures/: the shipped file is the user's to
 * edit) through the offline plan: the report shows what existing-VPC mode creates and prices.
 */
describe("an existing-VPC municipality (Pulumi.municipality-existing-vpc.yaml fixture) in the offline plan", function () {
  this.timeout(30_000);
  let report: string;
  before(async () => {
    const result = await capture(() =>
      planCommand(
        [
          "--config",
          join(REPO_ROOT, "tests", "fixtures", "Pulumi.operator.yaml"),
          "--config",
          join(REPO_ROOT, "tests", "fixtures", "Pulumi.municipality-existing-vpc.yaml"),
          "--stack",
          "municipality-existing-vpc",
          "--full",
        ],
        {},
      ),
    );
    strictEqual(result.code, 0, result.stderr);
    report = result.stdout;
  });

  it("shows the VPC as referenced, with nothing created under it", () => {
    match(report, /├─ referenced {2}bedrock-lz:network:ExistingVpc\n├─ endpoints /);
    ok(!/aws\.ec2\.(Vpc|Subnet|RouteTable|DefaultSecurityGroup) /.test(report), "a network resource is declared");
  });

  it("prices only the endpoints it creates (bedrock-runtime over the 2 referenced subnets' AZs)", () => {
    match(report, /\| endpoints-bedrock-runtime \| interfaceEndpointAzHour \| 2 \|/);
    strictEqual(report.match(/\| endpoints-[\w.-]+ \| interfaceEndpointAzHour \|/g)?.length, 1);
    ok(!/\| endpoints-(sts|s3) \|/.test(report), "a referenced endpoint is priced");
  });

  it("manages the opted-in endpoint's policy and warns about the one left alone", () => {
    match(report, /endpoints-sts-policy {2}aws\.ec2\.VpcEndpointPolicy/);
    match(report, /- The s3 endpoint vpce-0a1b2c3d4e5f60784 is referenced and its policy left alone/);
  });

  it("passes its access matrix", () => {
    ok(!report.includes("MISMATCH"));
  });
});
