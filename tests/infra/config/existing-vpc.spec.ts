import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { ConfigError, type MunicipalityConfig, parseStackConfig } from "../../../infra/config";

const base = {
  account: "municipality",
  accountId: "222222222222",
  municipalityName: "sapporo",
  operatorRoleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
};
const existingVpc = {
  vpcId: "vpc-0a1b2c3d4e5f60789",
  subnetIds: ["subnet-0a1b2c3d4e5f60780", "subnet-12345678"],
  routeTableIds: ["rtb-0a1b2c3d4e5f60782"],
};

function problems(raw: unknown): string[] {
  try {
    parseStackConfig(raw);
  } catch (error) {
    ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.problems.map((p) => `${p.key}: ${p.message}`);
  }
  throw new Error("expected the config to be rejected");
}

describe("config: existingVpc (existing-VPC mode)", () => {
  it("resolves the referenced network and creates no VPC", () => {
    const cfg = parseStackConfig({
      ...base,
      existingVpc: { ...existingVpc, endpoints: { sts: { existingEndpointId: "vpce-0a1b2c3d4e5f60783" } } },
    }) as MunicipalityConfig;
    strictEqual(cfg.vpc, undefined);
    deepStrictEqual(cfg.existingVpc, {
      ...existingVpc,
      endpoints: { sts: { existingEndpointId: "vpce-0a1b2c3d4e5f60783", manageExistingPolicy: false } },
    });
  });

  it("keeps new-VPC mode the unchanged default", () => {
    const cfg = parseStackConfig(base) as MunicipalityConfig;
    strictEqual(cfg.existingVpc, undefined);
    deepStrictEqual(cfg.vpc, { cidrBlock: "10.0.0.0/16", availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"] });
  });

  it("rejects vpc next to existingVpc, naming both keys", () => {
    const found = problems({ ...base, vpc: { cidrBlock: "10.0.0.0/16" }, existingVpc });
    deepStrictEqual(found, [
      "bedrock-lz:vpc: set either bedrock-lz:existingVpc (deploy into a VPC you already have) or bedrock-lz:vpc (create a new one), not both",
    ]);
  });

  for (const [key, value, message] of [
    ["vpcId", "vpc-123", /"vpc-0123456789abcdef0" \(vpc- and 8 or 17 hex digits\)/],
    ["vpcId", "subnet-0a1b2c3d4e5f60780", /a VPC id/],
    ["vpcId", "vpc-0A1B2C3D4E5F60789", /a VPC id/],
    ["subnetIds", ["subnet-0a1b2c3d4e5f607801"], /a subnet id/],
    ["subnetIds", [], /1 to 3 subnet ids/],
    ["subnetIds", ["subnet-12345678", "subnet-12345678"], /same id twice/],
    ["routeTableIds", ["rtb-123456789"], /a route table id/],
  ] as const) {
    it(`rejects existingVpc.${key} = ${JSON.stringify(value)}`, () => {
      const lines = problems({ ...base, existingVpc: { ...existingVpc, [key]: value } });
      ok(lines.length >= 1);
      match(lines.join("\n"), new RegExp(`^bedrock-lz:existingVpc\\.${key}(\\.\\d+)?: `));
      match(lines.join("\n"), message);
    });
  }

  it("rejects an unknown endpoint key and a malformed endpoint id", () => {
    const lines = problems({
      ...base,
      existingVpc: {
        ...existingVpc,
        endpoints: {
          dynamodb: { existingEndpointId: "vpce-0a1b2c3d4e5f60783" },
          sts: { existingEndpointId: "vpce-x" },
        },
      },
    });
    ok(
      lines.some((line) => line.startsWith("bedrock-lz:existingVpc.endpoints.dynamodb: ")),
      lines.join("\n"),
    );
    ok(lines.some((line) => line.startsWith("bedrock-lz:existingVpc.endpoints.sts.existingEndpointId: ")));
  });

  it("rejects a referenced endpoint that is switched off", () => {
    const lines = problems({
      ...base,
      endpoints: { sts: { enabled: false } },
      existingVpc: { ...existingVpc, endpoints: { sts: { existingEndpointId: "vpce-0a1b2c3d4e5f60783" } } },
    });
    deepStrictEqual(lines, [
      "bedrock-lz:endpoints.sts.enabled: must not be false while existingVpc.endpoints.sts references an existing endpoint",
    ]);
  });
});
