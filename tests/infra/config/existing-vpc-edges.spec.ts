/** existingVpc's ids and lists at their edges, with the exact problem each gives. */
import { deepStrictEqual } from "node:assert/strict";
import { type MunicipalityConfig, parseStackConfig } from "../../../infra/config";
import { municipality, problemsOf } from "./support";

const existingVpc = {
  vpcId: "vpc-0a1b2c3d4e5f60789",
  subnetIds: ["subnet-0a1b2c3d4e5f60780"],
  routeTableIds: ["rtb-0a1b2c3d4e5f60782"],
};

const withVpc = (changes: object, extra: object = {}) => ({
  ...municipality,
  ...extra,
  existingVpc: { ...existingVpc, ...changes },
});

describe("config: existingVpc at its edges", () => {
  it("ids: the prefix and exactly 8 or 17 lowercase hex digits", () => {
    const vpcId =
      'bedrock-lz:existingVpc.vpcId: must be a VPC id such as "vpc-0123456789abcdef0" (vpc- and 8 or 17 hex digits)';
    for (const id of ["xvpc-00000001", "vpc-000000012", "vpc-00000001x"]) {
      deepStrictEqual(problemsOf(withVpc({ vpcId: id })), [vpcId], id);
    }
    deepStrictEqual(problemsOf(withVpc({ vpcId: "vpc-00000001" })), []);
  });

  it("lists: 1 to 3 subnets, 1 to 200 route tables, each id once", () => {
    const subnets = ["subnet-00000001", "subnet-00000002", "subnet-00000003"];
    deepStrictEqual(problemsOf(withVpc({ subnetIds: subnets })), []);
    deepStrictEqual(problemsOf(withVpc({ subnetIds: [...subnets, "subnet-00000004"] })), [
      "bedrock-lz:existingVpc.subnetIds: must list 1 to 3 subnet ids",
    ]);
    deepStrictEqual(problemsOf(withVpc({ routeTableIds: [] })), [
      "bedrock-lz:existingVpc.routeTableIds: must list 1 to 200 route table ids",
    ]);
    deepStrictEqual(problemsOf(withVpc({ routeTableIds: ["rtb-00000001", "rtb-00000001"] })), [
      "bedrock-lz:existingVpc.routeTableIds: must not list the same id twice",
    ]);
    deepStrictEqual(problemsOf(withVpc({ routeTableIds: "rtb-00000001" })), [
      "bedrock-lz:existingVpc.routeTableIds: must be a list of route table ids; for example: bedrock-lz:existingVpc: { routeTableIds: [rtb-0123456789abcdef0] }",
    ]);
  });

  it("a referenced endpoint switched on explicitly, and another switched off, are both fine", () => {
    const cfg = parseStackConfig(
      withVpc(
        { endpoints: { sts: { existingEndpointId: "vpce-0a1b2c3d4e5f60783", manageExistingPolicy: true } } },
        { endpoints: { sts: { enabled: true }, s3: { enabled: false } } },
      ),
    ) as MunicipalityConfig;
    deepStrictEqual(cfg.existingVpc, {
      ...existingVpc,
      endpoints: { sts: { existingEndpointId: "vpce-0a1b2c3d4e5f60783", manageExistingPolicy: true } },
    });
    deepStrictEqual([cfg.vpc, cfg.endpoints.sts.enabled, cfg.endpoints.s3.enabled], [undefined, true, false]);
  });
});
