/**
 * The shared field schemas (infra/config/fields.ts) at their edges: the last value each accepts,
 * the first it refuses, and the message that names the key.
 */
import { deepStrictEqual, throws } from "node:assert/strict";
import { type MunicipalityConfig, parseStackConfig } from "../../../infra/config";
import { modelMax } from "../../../infra/config/fields";
import { municipality, operator, problemsOf } from "./support";

const peer = (extra: object) => ({
  ...operator,
  municipalities: { sapporo: { accountId: "222222222222", ...extra } },
});

describe("config fields: the edges of each value", () => {
  it("an account id: exactly 12 digits, quoted", () => {
    const message =
      'bedrock-lz:accountId: must be a 12-digit AWS account id written as a quoted string, e.g. "123456789012"';
    for (const accountId of ["1111111111112", "x11111111111", "11111111111x", 111111111111]) {
      deepStrictEqual(problemsOf({ ...operator, accountId }), [message], String(accountId));
    }
  });

  it("a municipality name: 2-32 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen", () => {
    const key = (name: string) =>
      `bedrock-lz:municipalities.${name}: map key must be a short name of 2-32 lowercase letters, digits and hyphens (never two in a row), starting with a letter (e.g. sapporo)`;
    const long = "a".repeat(33);
    deepStrictEqual(
      problemsOf({
        ...operator,
        municipalities: {
          "1ab": { accountId: "222222222222" },
          "ab-": { accountId: "222222222222" },
          [long]: { accountId: "222222222222" },
          a: { accountId: "222222222222" },
        },
      }),
      [key("1ab"), key("ab-"), key(long), key("a")],
    );
    deepStrictEqual(
      problemsOf({
        ...operator,
        municipalities: { ab: { accountId: "333333333333" }, ["a1-".repeat(10) + "b2"]: { accountId: "444444444444" } },
      }),
      [],
    );
  });

  it("a VPC endpoint id: vpce- and 8 to 17 hexadecimal digits", () => {
    const message = (key: string) =>
      `bedrock-lz:municipalities.sapporo.${key}: must be a VPC endpoint id such as "vpce-0123456789abcdef0"`;
    deepStrictEqual(
      problemsOf(peer({ stsEndpointId: "vpce-0123456", bedrockRuntimeEndpointId: "vpce-0123456789abcdef01" })),
      [message("bedrockRuntimeEndpointId"), message("stsEndpointId")],
    );
    deepStrictEqual(problemsOf(peer({ stsEndpointId: "xvpce-01234567" })), [message("stsEndpointId")]);
    deepStrictEqual(
      problemsOf(peer({ stsEndpointId: "vpce-01234567", bedrockRuntimeEndpointId: "vpce-0123456789abcdef0" })),
      [],
    );
  });

  it("a stack reference: <stack> or <org>/<project>/<stack>", () => {
    const message =
      "bedrock-lz:municipalities.sapporo.municipalityStack: must name a stack: <org>/<project>/<stack> (Pulumi Cloud), organization/<project>/<stack> (self-managed backend) or <stack> (same project)";
    for (const reference of ["a b", "org/stack", "a/b/c/d"]) {
      deepStrictEqual(problemsOf(peer({ municipalityStack: reference })), [message], reference);
    }
    for (const reference of ["sapporo", "my-org/bedrock-lz/sapporo.prod"]) {
      deepStrictEqual(problemsOf(peer({ municipalityStack: reference })), [], reference);
    }
  });

  it("role ARNs and names, external ids", () => {
    deepStrictEqual(problemsOf({ ...municipality, operatorRoleArn: "xarn:aws:iam::111111111111:role/x" }), [
      'bedrock-lz:operatorRoleArn: must be an IAM role ARN such as "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"',
    ]);
    deepStrictEqual(problemsOf({ ...municipality, clientRoleName: "r".repeat(65) }), [
      "bedrock-lz:clientRoleName: must be an IAM role name: 1-64 characters of letters, digits and +=,.@_-",
    ]);
    deepStrictEqual(problemsOf({ ...municipality, clientRoleName: "r".repeat(64) }), []);
    deepStrictEqual(problemsOf({ ...municipality, smokeTest: { externalId: "a" } }), [
      "bedrock-lz:smokeTest.externalId: must be 2-1224 characters of letters, digits and +=,.@:/-",
    ]);
    deepStrictEqual(problemsOf({ ...municipality, smokeTest: { externalId: "ab" } }), []);
  });

  it("an application profile ARN: Tokyo or Osaka, one id", () => {
    const message =
      'bedrock-lz:operatorInferenceProfileArn: must be a Bedrock application inference profile ARN in Tokyo or Osaka, such as "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6"';
    deepStrictEqual(
      problemsOf({
        ...municipality,
        operatorInferenceProfileArn: "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/abc/x",
      }),
      [message],
    );
    deepStrictEqual(
      problemsOf({
        ...municipality,
        operatorInferenceProfileArn: "xarn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/abc",
      }),
      [
        message,
        "bedrock-lz:operatorInferenceProfileArn: must be in the operator role's account 111111111111 and this stack's region ap-northeast-1; got 111111111111 in ap-northeast-1",
      ].slice(0, 1),
    );
  });

  it("the region and the inference profile name their key even when not text", () => {
    deepStrictEqual(problemsOf({ ...operator, region: 5 }), [
      "aws:region: must be ap-northeast-1 (Tokyo) or ap-northeast-3 (Osaka): data must stay in Japan",
    ]);
    deepStrictEqual(problemsOf({ ...operator, inferenceProfileId: 5 }), [
      'bedrock-lz:inferenceProfileId: must be a text; for example: bedrock-lz:inferenceProfileId: "jp.anthropic.claude-haiku-4-5-20251001-v1:0"',
    ]);
  });

  it("each value is refused once, by the first rule it breaks", () => {
    deepStrictEqual(problemsOf({ ...operator, inferenceProfileId: "apac.anthropic.claude-haiku-4-5-20251001-v1:0" }), [
      'bedrock-lz:inferenceProfileId: "apac.anthropic.claude-haiku-4-5-20251001-v1:0" is not a Japan-only profile: only "jp." inference profiles route to Tokyo and Osaka alone (apac., global. and us. profiles send prompts abroad)',
    ]);
    deepStrictEqual(problemsOf({ ...operator, municipalities: { "A--b": { accountId: "222222222222" } } }), [
      "bedrock-lz:municipalities.A--b: map key must be a short name of 2-32 lowercase letters, digits and hyphens (never two in a row), starting with a letter (e.g. sapporo)",
    ]);
    const vpc = (cidrBlock: string) => problemsOf({ ...municipality, vpc: { cidrBlock } });
    deepStrictEqual(vpc("10.0.0/16"), ['bedrock-lz:vpc.cidrBlock: must be an IPv4 CIDR block such as "10.0.0.0/16"']);
    deepStrictEqual(vpc("10.0.0.1/8"), [
      'bedrock-lz:vpc.cidrBlock: "10.0.0.1/8" has host bits set; use the network address (e.g. 10.0.0.0/16)',
    ]);
    deepStrictEqual(vpc("8.0.0.0/8"), [
      "bedrock-lz:vpc.cidrBlock: must have a prefix length between /16 and /28 (the VPC limits)",
    ]);
  });

  describe("tags", () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

    it("at most 45: IAM's 50 less the program's own", () => {
      deepStrictEqual(problemsOf({ ...operator, tags: tags(45) }), []);
      deepStrictEqual(problemsOf({ ...operator, tags: tags(46) }), [
        "bedrock-lz:tags: must list at most 45 tags: IAM takes 50 per role (CreateRole Tags) and the program adds 4 of its own plus a Name or cost-allocation tag",
      ]);
    });

    it("a map of text; the program's own keys in any case and aws: are refused", () => {
      deepStrictEqual(problemsOf({ ...operator, tags: ["a"] }), [
        "bedrock-lz:tags: must be a map of tag key to value; for example: bedrock-lz:tags: { CostCenter: ai-poc }",
      ]);
      deepStrictEqual(problemsOf({ ...operator, tags: { a: 5 } }), ["bedrock-lz:tags.a: must be a text value"]);
      deepStrictEqual(problemsOf({ ...municipality, tags: { "AWS:x": "1", MANAGEDBY: "me" } }), [
        "bedrock-lz:tags.MANAGEDBY: is the program's own tag ManagedBy, which it sets on every resource (infra/naming.ts): here it would replace it (IAM also takes role tag keys that differ only in case as one key). Use another key",
        "bedrock-lz:tags.AWS:x: starts with aws:, a prefix AWS keeps for its own tags",
      ]);
      deepStrictEqual(problemsOf({ ...municipality, tags: { "x-aws:": "1", Projects: "p" } }), []);
    });

    it("a key longer than IAM takes names the key and the limit", () => {
      const key = "k".repeat(129);
      deepStrictEqual(problemsOf({ ...operator, tags: { [key]: "v" } }), [
        `bedrock-lz:tags.${key}: the key "${key}" is 129 characters, more than 128: IAM CreateRole refuses it, and every stack tags its IAM roles with them`,
      ]);
    });
  });

  describe("a new VPC's block", () => {
    const publicRange = (cidr: string) =>
      `bedrock-lz:vpc.cidrBlock: "${cidr}" is a public address range. AWS accepts one, but in this closed VPC it would shadow the real internet addresses of that range (the VPC routes them to itself), and nothing here needs one: use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10)`;
    const vpc = (cidrBlock: string, availabilityZoneCount = 1) => ({
      ...municipality,
      vpc: { cidrBlock, availabilityZoneCount },
    });

    it("each private range up to its last block; the first block past it is public", () => {
      for (const cidr of [
        "10.255.0.0/16",
        "172.31.0.0/16",
        "192.168.255.0/24",
        "100.127.255.240/28",
        "100.64.0.0/16",
      ]) {
        deepStrictEqual(problemsOf(vpc(cidr)), [], cidr);
      }
      for (const cidr of [
        "11.0.0.0/16",
        "172.32.0.0/16",
        "172.15.0.0/16",
        "192.169.0.0/16",
        "100.128.0.0/16",
        "100.63.0.0/16",
      ]) {
        deepStrictEqual(problemsOf(vpc(cidr)), [publicRange(cidr)], cidr);
      }
    });

    it("a prefix from /16 to /28, without host bits", () => {
      const prefix = "bedrock-lz:vpc.cidrBlock: must have a prefix length between /16 and /28 (the VPC limits)";
      deepStrictEqual(problemsOf(vpc("10.0.0.0/15")), [prefix]);
      deepStrictEqual(problemsOf(vpc("10.0.0.0/29")), [prefix]);
      deepStrictEqual(problemsOf(vpc("10.0.0.0/28")), []);
      deepStrictEqual(problemsOf(vpc("10.0.0.16/28")), []);
      deepStrictEqual(problemsOf(vpc("10.0.0.8/28")).length, 1);
    });
  });

  it("a fixed-key map: the nearest key when one is close, the list when none is", () => {
    const existingVpc = (endpoints: unknown) => ({
      ...municipality,
      vpc: undefined,
      existingVpc: {
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-01234567"],
        routeTableIds: ["rtb-01234567"],
        endpoints,
      },
    });
    const keys = "bedrock-runtime, sts, codeartifact.api, codeartifact.repositories, s3, ssm, ssmmessages, ec2messages";
    deepStrictEqual(problemsOf(existingVpc({ zzzzzzzzzz: { existingEndpointId: "vpce-01234567" } })), [
      `bedrock-lz:existingVpc.endpoints.zzzzzzzzzz: is not a VPC endpoint key; use one of ${keys}`,
    ]);
    deepStrictEqual(problemsOf(existingVpc({ stss: { existingEndpointId: "vpce-01234567" } })), [
      `bedrock-lz:existingVpc.endpoints.stss: is not a VPC endpoint key; did you mean sts? (one of ${keys})`,
    ]);
    deepStrictEqual(problemsOf(existingVpc([])), [
      `bedrock-lz:existingVpc.endpoints: must be a map of VPC endpoint key (${keys}) to settings; for example: bedrock-lz:existingVpc: { endpoints: { bedrock-runtime: { existingEndpointId: vpce-0123456789abcdef0 } } }`,
    ]);
    const cfg = parseStackConfig(existingVpc({ sts: { existingEndpointId: "vpce-01234567" } })) as MunicipalityConfig;
    deepStrictEqual(cfg.existingVpc?.endpoints, {
      sts: { existingEndpointId: "vpce-01234567", manageExistingPolicy: false },
    });
  });

  it("a member's own model problem is said as the model says it, naming the API", () => {
    deepStrictEqual(
      problemsOf({
        ...operator,
        guardrail: {
          enabled: true,
          piiRegexes: { x: { pattern: "a", action: "BLOCK", description: "d".repeat(1001) } },
        },
      }).map((line) => line.replace(/"d+"/, '"d…"')),
      [
        'bedrock-lz:guardrail.piiRegexes.x.description: "d…" is 1001 characters, more than 1000 (Amazon Bedrock CreateGuardrail)',
      ],
    );
  });

  it("a list member's maximum comes from the API model; a member without one is a programming error", () => {
    deepStrictEqual(modelMax({ service: "iam", operation: "CreateRole", path: "Tags" }), 50);
    throws(
      () => modelMax({ service: "bedrock", operation: "CreateInferenceProfile", path: "modelSource" }),
      /^Error: bedrock CreateInferenceProfile modelSource has no maximum$/,
    );
  });
});
