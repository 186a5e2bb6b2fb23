/**
 * The rules each stack kind's schema adds across its keys (infra/config/operator.ts,
 * municipality.ts) and the AWS quotas checked on the resolved config (stack.ts), each from both
 * sides: what passes, and the exact problem list of each way of breaking it.
 */
import { deepStrictEqual } from "node:assert/strict";
import { type MunicipalityConfig, parseStackConfig } from "../../../infra/config";
import { municipality, operator, parseMunicipality, parseOperator, problemsOf } from "./support";

const TWO = { sapporo: { accountId: "222222222222" }, hakodate: { accountId: "333333333333" } };
const VPCE = "vpce-0123456789abcdef0";

describe("stack config: rules across keys, both sides", () => {
  it("an unknown account kind names both kinds", () => {
    deepStrictEqual(problemsOf({ ...operator, account: "admin" }), [
      'bedrock-lz:account: must be "operator" or "municipality": which AWS account this stack deploys into',
    ]);
  });

  describe("operator", () => {
    it("the municipalities must be a non-empty map", () => {
      deepStrictEqual(problemsOf({ ...operator, municipalities: [] }), [
        'bedrock-lz:municipalities: must be a map of municipality short name to { accountId, ... }; for example: bedrock-lz:municipalities: { sapporo: { accountId: "123456789012" } }',
      ]);
    });

    it("endpoint ids from one source: explicit ids or municipalityStack", () => {
      for (const explicit of [{ stsEndpointId: VPCE }, { bedrockRuntimeEndpointId: VPCE }]) {
        deepStrictEqual(
          problemsOf({
            ...operator,
            municipalities: { sapporo: { accountId: "222222222222", ...explicit, municipalityStack: "m" } },
          }),
          [
            "bedrock-lz:municipalities.sapporo.municipalityStack: give the endpoint ids either explicitly (bedrockRuntimeEndpointId/stsEndpointId) or through municipalityStack, not both",
          ],
        );
        deepStrictEqual(
          problemsOf({ ...operator, municipalities: { sapporo: { accountId: "222222222222", ...explicit } } }),
          [],
        );
      }
    });

    it("a trust lock needs the STS endpoint, explicit or from the municipality's stack", () => {
      const lock = (extra: object) => ({
        ...operator,
        municipalities: { sapporo: { accountId: "222222222222", lockTrustToStsEndpoint: true, ...extra } },
      });
      deepStrictEqual(problemsOf(lock({ stsEndpointId: VPCE })), []);
      deepStrictEqual(problemsOf(lock({ municipalityStack: "m" })), []);
      deepStrictEqual(problemsOf(lock({ bedrockRuntimeEndpointId: VPCE })).length, 1);
    });

    it("each peer resolves its own client role ARN and keeps its settings", () => {
      const cfg = parseOperator({
        municipalities: {
          sapporo: {
            accountId: "222222222222",
            clientRoleName: "app-client",
            externalId: "sapporo-id",
            stsEndpointId: VPCE,
            lockTrustToStsEndpoint: true,
          },
        },
      });
      deepStrictEqual(cfg.municipalities.sapporo, {
        accountId: "222222222222",
        clientRoleArn: "arn:aws:iam::222222222222:role/app-client",
        externalId: "sapporo-id",
        bedrockRuntimeEndpointId: undefined,
        stsEndpointId: VPCE,
        municipalityStack: undefined,
        lockTrustToStsEndpoint: true,
      });
    });

    it("two names for one client role: the second names the first; the same role name in two accounts is two roles", () => {
      deepStrictEqual(
        problemsOf({
          ...operator,
          municipalities: {
            sapporo: { accountId: "222222222222", clientRoleName: "client" },
            hakodate: { accountId: "333333333333", clientRoleName: "client" },
            otaru: { accountId: "222222222222", clientRoleName: "client" },
          },
        }),
        [
          'bedrock-lz:municipalities.otaru: duplicates municipality "sapporo": both trust arn:aws:iam::222222222222:role/client; each municipality needs its own client role',
        ],
      );
    });

    it("quotas: the defaults, what may be raised, and the message of a value out of range", () => {
      deepStrictEqual(parseOperator({}).quotas, {
        rolesPerAccount: 1000,
        trustPolicySize: 2048,
        applicationInferenceProfilesPerAccount: 1000,
      });
      deepStrictEqual(parseOperator({ quotas: { trustPolicySize: 4096 } }).quotas, {
        rolesPerAccount: 1000,
        trustPolicySize: 4096,
        applicationInferenceProfilesPerAccount: 1000,
      });
      deepStrictEqual(
        problemsOf({
          ...operator,
          quotas: { rolesPerAccount: 0, trustPolicySize: 100, applicationInferenceProfilesPerAccount: 0 },
        }),
        [
          "bedrock-lz:quotas.rolesPerAccount: must be a whole number from 1 to 5000",
          "bedrock-lz:quotas.trustPolicySize: must be a whole number from 2048 to 4096",
          "bedrock-lz:quotas.applicationInferenceProfilesPerAccount: must be a whole number from 1 to 100000",
        ],
      );
    });

    it("the role quota counts the invocation-logging role; the profile quota counts only with metering", () => {
      deepStrictEqual(problemsOf({ ...operator, municipalities: TWO, quotas: { rolesPerAccount: 2 } }), [
        "bedrock-lz:municipalities: 2 municipalities need 2 invoke roles plus 1 other role(s) of this stack, over the account's IAM role quota of 2 (quotas.rolesPerAccount; other roles in the account count too). Split the municipalities across operator accounts, or raise the quota with Service Quotas (at most 5000) and set bedrock-lz:quotas.rolesPerAccount",
      ]);
      deepStrictEqual(
        problemsOf({
          ...operator,
          municipalities: TWO,
          invocationLogging: { enabled: false },
          quotas: { rolesPerAccount: 2 },
        }),
        [],
      );
      const profiles = { quotas: { applicationInferenceProfilesPerAccount: 1 } };
      deepStrictEqual(problemsOf({ ...operator, municipalities: TWO, ...profiles }), []);
      deepStrictEqual(problemsOf({ ...operator, municipalities: TWO, ...profiles, metering: { enabled: true } }), [
        'bedrock-lz:municipalities: 2 municipalities need 2 Bedrock application inference profiles with metering on, over the account\'s quota "Application inference profiles per account" of 1 (quotas.applicationInferenceProfilesPerAccount; profiles made outside this stack count too). Raise it with Service Quotas (Amazon Bedrock) and set bedrock-lz:quotas.applicationInferenceProfilesPerAccount, split the municipalities across operator accounts, or set metering.enabled: false',
      ]);
    });

    describe("tags where Bedrock and CloudTrail carry them", () => {
      const bedrock = (carriedBy: string) =>
        `bedrock-lz:tags.k: the value "値" does not match [a-zA-Z0-9\\s._:/=+@-]* as a whole: Amazon Bedrock (CreateGuardrail, CreateInferenceProfile) refuses it, and ${carriedBy}`;
      const guardrail = { enabled: true, piiEntities: { EMAIL: "BLOCK" } };

      it("names what carries them: the guardrail, the metered profiles, or both", () => {
        const tags = { k: "値" };
        deepStrictEqual(problemsOf({ ...operator, tags }), []);
        deepStrictEqual(problemsOf({ ...operator, tags, guardrail }), [
          bedrock("the guardrail carries every tag (keep Japanese tags to the municipality stacks)"),
        ]);
        deepStrictEqual(problemsOf({ ...operator, tags, metering: { enabled: true } }), [
          bedrock("the metered inference profiles carry every tag (keep Japanese tags to the municipality stacks)"),
        ]);
        deepStrictEqual(problemsOf({ ...operator, tags, guardrail, metering: { enabled: true } }), [
          bedrock(
            "the guardrail and the metered inference profiles carry every tag (keep Japanese tags to the municipality stacks)",
          ),
        ]);
      });

      it("an aws: key is refused once, not again for each API that carries it", () => {
        deepStrictEqual(problemsOf({ ...operator, guardrail, metering: { enabled: true }, tags: { "aws:x": "v" } }), [
          "bedrock-lz:tags.aws:x: starts with aws:, a prefix AWS keeps for its own tags",
        ]);
      });

      it("an empty tag value: IAM takes it, the CloudTrail trail does not", () => {
        const tags = { k: "" };
        deepStrictEqual(problemsOf({ ...operator, tags }), []);
        deepStrictEqual(problemsOf({ ...operator, tags, invocationLogging: { cloudTrail: true } }), [
          'bedrock-lz:tags.k: the value "" is 0 characters, fewer than 1: CloudTrail CreateTrail refuses it, and invocationLogging.cloudTrail tags the trail with every tag',
        ]);
        // Without logging there is no trail: only that mistake is reported.
        deepStrictEqual(problemsOf({ ...operator, tags, invocationLogging: { enabled: false, cloudTrail: true } }), [
          "bedrock-lz:invocationLogging.cloudTrail: needs invocationLogging.enabled: true (the trail writes to its KMS-encrypted bucket)",
        ]);
      });
    });
  });

  describe("municipality", () => {
    it("exactly one operator reference: both, or neither", () => {
      deepStrictEqual(problemsOf({ ...municipality, operatorStack: "operator" }), [
        "bedrock-lz:operatorRoleArn: set exactly one of bedrock-lz:operatorStack or bedrock-lz:operatorRoleArn, not both",
      ]);
      const { operatorRoleArn: _omitted, ...neither } = municipality;
      deepStrictEqual(problemsOf(neither), [
        "bedrock-lz:operatorStack: set exactly one of bedrock-lz:operatorStack (read the invoke role from the operator stack) or bedrock-lz:operatorRoleArn (give it directly); neither is set",
      ]);
      deepStrictEqual(
        parseStackConfig({ ...neither, operatorStack: "org/bedrock-lz/operator" }).account,
        "municipality",
      );
      deepStrictEqual(
        (parseStackConfig({ ...neither, operatorStack: "org/bedrock-lz/operator" }) as MunicipalityConfig).operator,
        {
          stack: "org/bedrock-lz/operator",
        },
      );
    });

    it("the application profile: the operator role's account and this stack's region", () => {
      const profile = (region: string, account: string) =>
        `arn:aws:bedrock:${region}:${account}:application-inference-profile/a1b2c3d4e5f6`;
      deepStrictEqual(
        parseMunicipality({ operatorInferenceProfileArn: profile("ap-northeast-1", "111111111111") })
          .operatorInferenceProfileArn,
        profile("ap-northeast-1", "111111111111"),
      );
      deepStrictEqual(
        problemsOf({ ...municipality, operatorInferenceProfileArn: profile("ap-northeast-3", "111111111111") }),
        [
          "bedrock-lz:operatorInferenceProfileArn: must be in the operator role's account 111111111111 and this stack's region ap-northeast-1; got 111111111111 in ap-northeast-3",
        ],
      );
    });

    it("subnets: a block with room for the AZs passes; one without names both numbers", () => {
      deepStrictEqual(parseMunicipality({ vpc: { cidrBlock: "10.0.0.0/26", availabilityZoneCount: 3 } }).vpc, {
        cidrBlock: "10.0.0.0/26",
        availabilityZones: ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
      });
      deepStrictEqual(problemsOf({ ...municipality, vpc: { cidrBlock: "10.0.0.0/27", availabilityZoneCount: 3 } }), [
        "bedrock-lz:vpc.cidrBlock: 10.0.0.0/27 has room for 2 isolated subnet(s) of at least /28, not 3 (vpc.availabilityZoneCount); use a larger block",
      ]);
      // A block or count wrong on its own is reported once, by its own key.
      deepStrictEqual(problemsOf({ ...municipality, vpc: { cidrBlock: "10.0.0.0/29", availabilityZoneCount: 3 } }), [
        "bedrock-lz:vpc.cidrBlock: must have a prefix length between /16 and /28 (the VPC limits)",
      ]);
      deepStrictEqual(problemsOf({ ...municipality, vpc: { cidrBlock: "10.0.0.0/28", availabilityZoneCount: 0 } }), [
        "bedrock-lz:vpc.availabilityZoneCount: must be at least 1 (1 = PoC, 2 or 3 = production)",
      ]);
      deepStrictEqual(problemsOf({ ...municipality, vpc: { cidrBlock: "8.8.8.0/28", availabilityZoneCount: 3 } }), [
        'bedrock-lz:vpc.cidrBlock: "8.8.8.0/28" is a public address range. AWS accepts one, but in this closed VPC it would shadow the real internet addresses of that range (the VPC routes them to itself), and nothing here needs one: use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10)',
      ]);
      deepStrictEqual(problemsOf({ ...municipality, vpc: { cidrBlock: "10.0.0.0/28", availabilityZoneCount: 4 } }), [
        "bedrock-lz:vpc.availabilityZoneCount: must be at most 3: the Japan regions have three usable AZs",
      ]);
      deepStrictEqual(problemsOf({ ...municipality, vpc: { availabilityZoneCount: 1.5 } }), [
        "bedrock-lz:vpc.availabilityZoneCount: must be a whole number from 1 to 3",
      ]);
    });

    it("Osaka: CodeArtifact's endpoints default off, and switching them or the mirror on is refused", () => {
      const osaka = parseMunicipality({ region: "ap-northeast-3", smokeTest: { enabled: true } });
      deepStrictEqual(
        [osaka.endpoints["codeartifact.api"].enabled, osaka.endpoints["codeartifact.repositories"].enabled],
        [false, false],
      );
      deepStrictEqual(
        problemsOf({
          ...municipality,
          region: "ap-northeast-3",
          endpoints: { "codeartifact.api": { enabled: true }, "codeartifact.repositories": { enabled: false } },
          codeArtifact: { mirror: true, clientReadAccess: true },
        }),
        [
          "bedrock-lz:endpoints.codeartifact.api.enabled: codeartifact.api is not offered in ap-northeast-3 (https://docs.aws.amazon.com/general/latest/gr/codeartifact.html); leave it off there",
          "bedrock-lz:codeArtifact.mirror: CodeArtifact is not offered in ap-northeast-3 (https://docs.aws.amazon.com/general/latest/gr/codeartifact.html); install packages another way (a Tokyo municipality stack can host the mirror)",
          "bedrock-lz:codeArtifact.clientReadAccess: CodeArtifact is not offered in ap-northeast-3 (https://docs.aws.amazon.com/general/latest/gr/codeartifact.html); install packages another way (a Tokyo municipality stack can host the mirror)",
        ],
      );
      deepStrictEqual(
        problemsOf({
          ...municipality,
          endpoints: { "codeartifact.api": { enabled: true } },
          codeArtifact: { mirror: true, clientReadAccess: true },
        }),
        [],
      );
    });

    it("setup endpoints follow the features that install packages or open sessions", () => {
      const enabled = (cfg: MunicipalityConfig) =>
        Object.entries(cfg.endpoints)
          .filter(([, e]) => e.enabled)
          .map(([key]) => key);
      deepStrictEqual(enabled(parseMunicipality({})), ["bedrock-runtime", "sts", "s3"]);
      const packages = ["bedrock-runtime", "sts", "codeartifact.api", "codeartifact.repositories", "s3"];
      deepStrictEqual(enabled(parseMunicipality({ codeArtifact: { clientReadAccess: true } })), packages);
      deepStrictEqual(enabled(parseMunicipality({ smokeTest: { enabled: true } })), packages);
      deepStrictEqual(enabled(parseMunicipality({ sessionAccess: { enabled: true } })), [
        "bedrock-runtime",
        "sts",
        "s3",
        "ssm",
        "ssmmessages",
        "ec2messages",
      ]);
      const overrides = { sts: { enabled: false, privateDnsEnabled: false }, s3: { enabled: true } };
      const cfg = parseMunicipality({ endpoints: overrides });
      deepStrictEqual(enabled(cfg), ["bedrock-runtime", "s3"]);
      deepStrictEqual(cfg.endpointOverrides, overrides);
    });

    it("endpoint switches and the AZ count must be of their type", () => {
      deepStrictEqual(
        problemsOf({ ...municipality, endpoints: { sts: { enabled: "yes", privateDnsEnabled: "no" } } }),
        [
          "bedrock-lz:endpoints.sts.enabled: must be true or false",
          "bedrock-lz:endpoints.sts.privateDnsEnabled: must be true or false",
        ],
      );
      deepStrictEqual(problemsOf({ ...municipality, vpc: { availabilityZoneCount: "two" } }), [
        "bedrock-lz:vpc.availabilityZoneCount: must be a whole number from 1 to 3",
      ]);
    });

    it("Session Manager's endpoints may be off while sessionAccess is", () => {
      deepStrictEqual(problemsOf({ ...municipality, endpoints: { ssmmessages: { enabled: false } } }), []);
    });

    it("the interface-endpoint quota counts the endpoints switched on", () => {
      deepStrictEqual(problemsOf({ ...municipality, quotas: { interfaceEndpointsPerVpc: 2 } }), []);
      deepStrictEqual(problemsOf({ ...municipality, quotas: { interfaceEndpointsPerVpc: 1 } }), [
        "bedrock-lz:endpoints: 2 interface endpoints are enabled, over the VPC quota of 1 (quotas.interfaceEndpointsPerVpc). Switch some off or raise the quota and set bedrock-lz:quotas.interfaceEndpointsPerVpc",
      ]);
      deepStrictEqual(problemsOf({ ...municipality, quotas: { interfaceEndpointsPerVpc: 0 } }), [
        "bedrock-lz:quotas.interfaceEndpointsPerVpc: must be a whole number from 1 to 1000",
      ]);
    });

    it("names, roles and the client role's trust", () => {
      const cfg = parseMunicipality({ clientRoleName: "app-client", clientRole: { trustLambda: false } });
      deepStrictEqual([cfg.clientRoleName, cfg.clientRoleTrustedServices], ["app-client", ["ec2.amazonaws.com"]]);
      deepStrictEqual(problemsOf({ ...municipality, clientRole: { trustLambda: "yes" } }), [
        "bedrock-lz:clientRole.trustLambda: must be true or false",
      ]);
      deepStrictEqual(problemsOf({ ...municipality, municipalityName: "a--b" }), [
        'bedrock-lz:municipalityName: "a--b" has two hyphens in a row: it names the municipality\'s Bedrock inference profile (bedrock-lz-<name>), whose name CreateInferenceProfile refuses with "--" (pattern ([0-9a-zA-Z][ _-]?)+)',
      ]);
    });
  });
});
