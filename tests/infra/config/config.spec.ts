import { deepStrictEqual, match, ok, strictEqual, throws } from "node:assert/strict";
import {
  ConfigError,
  type MunicipalityConfig,
  type OperatorConfig,
  parseStackConfig,
  rawConfigOf,
} from "../../../infra/config";
import { parseStackConfigText } from "../../../harness/stack-file";

const operator = {
  account: "operator",
  accountId: "111111111111",
  municipalities: { sapporo: { accountId: "222222222222" } },
};
const municipality = {
  account: "municipality",
  accountId: "222222222222",
  municipalityName: "sapporo",
  operatorRoleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
};

/** Parses, expects a ConfigError, and returns its problems as "key: message" lines. */
function problemsOf(raw: unknown): string[] {
  try {
    parseStackConfig(raw);
  } catch (error) {
    ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.problems.map((p) => `${p.key}: ${p.message}`);
  }
  throw new Error("expected the config to be rejected");
}

function expectProblem(raw: unknown, key: string, message: RegExp): void {
  const problems = problemsOf(raw);
  const forKey = problems.filter((line) => line.startsWith(`${key}: `));
  ok(forKey.length > 0, `no problem for ${key}; got:\n${problems.join("\n")}`);
  match(forKey.join("\n"), message);
}

describe("stack config (infra/config/)", () => {
  describe("defaults for a Tokyo PoC", () => {
    it("operator: Tokyo, Haiku 4.5 through the JP profile, derived client role ARN, unlocked", () => {
      const cfg = parseStackConfig(operator) as OperatorConfig;
      strictEqual(cfg.region, "ap-northeast-1");
      strictEqual(cfg.inferenceProfile.id, "jp.anthropic.claude-haiku-4-5-20251001-v1:0");
      strictEqual(cfg.inferenceProfile.modelId, "anthropic.claude-haiku-4-5-20251001-v1:0");
      deepStrictEqual(cfg.inferenceProfile.destinationRegions, ["ap-northeast-1", "ap-northeast-3"]);
      deepStrictEqual(cfg.municipalities.sapporo, {
        accountId: "222222222222",
        clientRoleArn: "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo",
        externalId: undefined,
        bedrockRuntimeEndpointId: undefined,
        stsEndpointId: undefined,
        municipalityStack: undefined,
        lockTrustToStsEndpoint: false,
      });
    });

    it("municipality: 2 AZs of 10.0.0.0/16, steady-state endpoints on with private DNS, EC2-only client role", () => {
      const cfg = parseStackConfig(municipality) as MunicipalityConfig;
      deepStrictEqual(cfg.vpc, { cidrBlock: "10.0.0.0/16", availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"] });
      deepStrictEqual(cfg.endpoints, {
        "bedrock-runtime": { enabled: true, privateDnsEnabled: true },
        sts: { enabled: true, privateDnsEnabled: true },
        "codeartifact.api": { enabled: false, privateDnsEnabled: true },
        "codeartifact.repositories": { enabled: false, privateDnsEnabled: true },
        s3: { enabled: true, privateDnsEnabled: false },
        ssm: { enabled: false, privateDnsEnabled: true },
        ssmmessages: { enabled: false, privateDnsEnabled: true },
        ec2messages: { enabled: false, privateDnsEnabled: true },
      });
      strictEqual(cfg.clientRoleName, "bedrock-lz-client-sapporo");
      deepStrictEqual(cfg.clientRoleTrustedServices, ["ec2.amazonaws.com"]);
      deepStrictEqual(cfg.operator, { roleArn: municipality.operatorRoleArn });
      deepStrictEqual(cfg.codeArtifact, {
        domainName: "bedrock-lz",
        domainOwner: "222222222222",
        repositoryName: "pypi",
        upstreamRepositoryName: "pypi-store",
        mirror: false,
        clientReadAccess: false,
      });
      deepStrictEqual(cfg.quotas, { interfaceEndpointsPerVpc: 50 });
    });

    it("municipality: Osaka picks Osaka AZs; toggles and Lambda trust are honoured", () => {
      const cfg = parseStackConfig({
        ...municipality,
        region: "ap-northeast-3",
        vpc: { availabilityZoneCount: 3 },
        endpoints: { "codeartifact.api": { enabled: false }, sts: { privateDnsEnabled: false } },
        clientRole: { trustLambda: true },
      }) as MunicipalityConfig;
      deepStrictEqual(cfg.vpc?.availabilityZones, ["ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"]);
      deepStrictEqual(cfg.endpoints["codeartifact.api"], { enabled: false, privateDnsEnabled: true });
      deepStrictEqual(cfg.endpoints.sts, { enabled: true, privateDnsEnabled: false });
      deepStrictEqual(cfg.clientRoleTrustedServices, ["ec2.amazonaws.com", "lambda.amazonaws.com"]);
    });
  });

  describe("bad input names the key and what is allowed", () => {
    it("a wrong account id", () => {
      expectProblem({ ...operator, accountId: "12345" }, "bedrock-lz:accountId", /12-digit AWS account id/);
      expectProblem(
        { ...operator, municipalities: { sapporo: { accountId: 222222222222 } } },
        "bedrock-lz:municipalities.sapporo.accountId",
        /12-digit AWS account id written as a quoted string/,
      );
    });

    it("a region outside Japan", () => {
      expectProblem(
        { ...municipality, region: "us-east-1" },
        "aws:region",
        /ap-northeast-1 \(Tokyo\) or ap-northeast-3 \(Osaka\)/,
      );
    });

    for (const prefix of ["apac.", "global.", "us."]) {
      it(`a ${prefix} inference profile, which routes outside Japan`, () => {
        expectProblem(
          { ...operator, inferenceProfileId: `${prefix}anthropic.claude-haiku-4-5-20251001-v1:0` },
          "bedrock-lz:inferenceProfileId",
          /not a Japan-only profile: only "jp\." inference profiles/,
        );
      });
    }

    it("a jp. profile missing from the catalog", () => {
      expectProblem(
        { ...operator, inferenceProfileId: "jp.anthropic.claude-opus-9" },
        "bedrock-lz:inferenceProfileId",
        /unknown inference profile .*catalog/,
      );
    });

    it("both or neither of operatorStack and operatorRoleArn", () => {
      expectProblem(
        { ...municipality, operatorStack: "organization/bedrock-lz/operator" },
        "bedrock-lz:operatorRoleArn",
        /exactly one of bedrock-lz:operatorStack or bedrock-lz:operatorRoleArn, not both/,
      );
      const { operatorRoleArn: _omitted, ...neither } = municipality;
      expectProblem(neither, "bedrock-lz:operatorStack", /exactly one of bedrock-lz:operatorStack .* neither is set/);
    });

    it("an operator role that is not an IAM role ARN, and a malformed stack name", () => {
      expectProblem(
        { ...municipality, operatorRoleArn: "bedrock-lz-invoke-sapporo" },
        "bedrock-lz:operatorRoleArn",
        /IAM role ARN/,
      );
      const { operatorRoleArn: _omitted, ...base } = municipality;
      expectProblem({ ...base, operatorStack: "a/b/c/d" }, "bedrock-lz:operatorStack", /<org>\/<project>\/<stack>/);
    });

    it("an empty municipality map", () => {
      expectProblem({ ...operator, municipalities: {} }, "bedrock-lz:municipalities", /at least one municipality/);
    });

    it("a CIDR that does not parse, has host bits, is out of range or too small for the AZs", () => {
      const vpc = (v: object) => ({ ...municipality, vpc: v });
      expectProblem(vpc({ cidrBlock: "10.0.0/16" }), "bedrock-lz:vpc.cidrBlock", /IPv4 CIDR block/);
      expectProblem(vpc({ cidrBlock: "10.0.0.0/33" }), "bedrock-lz:vpc.cidrBlock", /IPv4 CIDR block/);
      expectProblem(vpc({ cidrBlock: "10.0.0.1/16" }), "bedrock-lz:vpc.cidrBlock", /host bits set/);
      expectProblem(vpc({ cidrBlock: "10.0.0.0/8" }), "bedrock-lz:vpc.cidrBlock", /between \/16 and \/28/);
      expectProblem(
        vpc({ cidrBlock: "10.0.0.0/27", availabilityZoneCount: 3 }),
        "bedrock-lz:vpc.cidrBlock",
        /room for 2 isolated subnet\(s\).*not 3/,
      );
      expectProblem(vpc({ availabilityZoneCount: 4 }), "bedrock-lz:vpc.availabilityZoneCount", /at most 3/);
    });

    it("duplicate municipalities: two names for one client role", () => {
      expectProblem(
        {
          ...operator,
          municipalities: {
            sapporo: { accountId: "222222222222" },
            sapporo2: { accountId: "222222222222", clientRoleName: "bedrock-lz-client-sapporo" },
          },
        },
        "bedrock-lz:municipalities.sapporo2",
        /duplicates municipality "sapporo": both trust arn:aws:iam::222222222222:role\/bedrock-lz-client-sapporo/,
      );
    });

    it("duplicate municipalities: the same key twice in the stack file", () => {
      const text = [
        "config:",
        "  bedrock-lz:municipalities:",
        "    sapporo:",
        '      accountId: "222222222222"',
        "    sapporo:",
        '      accountId: "333333333333"',
      ].join("\n");
      throws(() => parseStackConfigText(text, "Pulumi.operator.yaml"), /Pulumi\.operator\.yaml: .*unique/i);
    });

    it("a municipality name that would make an invalid role name", () => {
      expectProblem(
        { ...operator, municipalities: { Sapporo: { accountId: "222222222222" } } },
        "bedrock-lz:municipalities.Sapporo",
        /lowercase letters, digits and hyphens/,
      );
    });

    it("a misspelt key, or a key of the other account kind", () => {
      expectProblem(
        { ...operator, municipalitys: {} },
        "bedrock-lz:municipalitys",
        /: is not a setting here; did you mean municipalities\? \(keys are case-sensitive\)$/,
      );
      expectProblem(
        { ...municipality, municipalities: {} },
        "bedrock-lz:municipalities",
        /: is a setting of the operator stack, and this is a municipality stack \(bedrock-lz:account\)/,
      );
      expectProblem(
        { ...municipality, endpoints: { s3: { privateDnsEnabled: true } } },
        "bedrock-lz:endpoints.s3.privateDnsEnabled",
        /: is not a setting here \(keys are case-sensitive\); the keys here are enabled$/,
      );
    });

    it("a missing or unknown account kind", () => {
      expectProblem({ accountId: "111111111111" }, "bedrock-lz:account", /"operator" or "municipality"/);
      expectProblem({ ...operator, account: "admin" }, "bedrock-lz:account", /"operator" or "municipality"/);
    });

    it("hardening keys that contradict each other", () => {
      expectProblem(
        {
          ...operator,
          municipalities: {
            sapporo: {
              accountId: "222222222222",
              bedrockRuntimeEndpointId: "vpce-0123456789abcdef0",
              municipalityStack: "m",
            },
          },
        },
        "bedrock-lz:municipalities.sapporo.municipalityStack",
        /either explicitly .* or through municipalityStack, not both/,
      );
      expectProblem(
        { ...operator, municipalities: { sapporo: { accountId: "222222222222", lockTrustToStsEndpoint: true } } },
        "bedrock-lz:municipalities.sapporo.lockTrustToStsEndpoint",
        /needs the municipality's STS endpoint/,
      );
      expectProblem(
        {
          ...operator,
          municipalities: { sapporo: { accountId: "222222222222", bedrockRuntimeEndpointId: "vpc-123" } },
        },
        "bedrock-lz:municipalities.sapporo.bedrockRuntimeEndpointId",
        /VPC endpoint id/,
      );
    });

    it("lists every problem at once, one line per key", () => {
      const error = (() => {
        try {
          parseStackConfig({ ...operator, accountId: "x", region: "eu-west-1" });
        } catch (e) {
          return e as ConfigError;
        }
      })();
      ok(error);
      match(error.message, /^invalid stack configuration:\n {2}- aws:region: .*\n {2}- bedrock-lz:accountId: /);
    });
  });
});

describe("flat engine config → raw config (rawConfigOf)", () => {
  it("keeps strings as strings, parses maps, maps aws:region, leaves the engine's pulumi: keys", () => {
    deepStrictEqual(
      rawConfigOf({
        "aws:region": "ap-northeast-1",
        "pulumi:disable-default-providers": '["aws"]',
        "bedrock-lz:accountId": "011111111111",
        "bedrock-lz:municipalities": '{"sapporo":{"accountId":"022222222222"}}',
      }),
      {
        region: "ap-northeast-1",
        accountId: "011111111111",
        municipalities: { sapporo: { accountId: "022222222222" } },
      },
    );
  });

  it("reads another project's namespace, with top-level booleans when asked (bootstrap/)", () => {
    const flat = { "bedrock-lz-bootstrap:createOidcProvider": "false", "aws:region": "r" };
    deepStrictEqual(rawConfigOf(flat, { namespace: "bedrock-lz-bootstrap", booleans: true }), {
      region: "r",
      createOidcProvider: false,
    });
    deepStrictEqual(rawConfigOf({ "bedrock-lz:municipalityName": "true" }), { municipalityName: "true" });
  });

  it("names the key whose map is not valid JSON", () => {
    throws(
      () => rawConfigOf({ "bedrock-lz:vpc": "{cidrBlock: 10.0.0.0/16" }),
      /bedrock-lz:vpc: is not a valid map or list/,
    );
  });
});
