/**
 * Each shared field schema (infra/config/fields.ts) parsed on its own: the message a value of the
 * wrong kind gets (zod's generic "Invalid input" never reaches a user), and the example line each
 * field shows (infra/config/schema-shape.ts exampleOf).
 */
import { deepStrictEqual } from "node:assert/strict";
import type { z } from "zod";
import {
  accountId,
  applicationProfileArn,
  bool,
  cidrBlock,
  enumKeyedRecord,
  externalId,
  inferenceProfileId,
  municipalityName,
  nonEmpty,
  refusedByModel,
  region,
  roleArn,
  roleName,
  stackReferenceName,
  tags,
  tagsRefusedBy,
  EVERY_STACK_TAGS,
  vpcEndpointId,
  wholeNumber,
} from "../../../infra/config/fields";
import { CONFIG_MESSAGES as m } from "../../../infra/config/messages";
import { exampleOf } from "../../../infra/config/schema-shape";

function issuesOf(schema: z.ZodType, value: unknown): [PropertyKey[], string][] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path, issue.message]);
}

describe("config fields parsed on their own: the message a value of the wrong kind gets", () => {
  const wrongKind: [string, z.ZodType, unknown, string][] = [
    ["bool", bool(true), 1, m.boolean],
    ["accountId", accountId, 111111111111, m.accountId],
    ["region", region, 1, m.region({ tokyo: "ap-northeast-1", osaka: "ap-northeast-3" })],
    ["municipalityName", municipalityName, 1, m.municipalityName],
    ["roleName", roleName, 1, m.roleName],
    ["vpcEndpointId", vpcEndpointId, 1, m.vpcEndpointId],
    ["stackReferenceName", stackReferenceName, 1, m.stackReference],
    ["roleArn", roleArn, 1, m.roleArn],
    ["applicationProfileArn", applicationProfileArn, 1, m.applicationProfileArn],
    ["wholeNumber", wholeNumber(1, 5), "1", m.wholeNumber({ min: 1, max: 5 })],
    ["nonEmpty", nonEmpty(m.companyName, 3), 1, m.companyName],
    ["externalId", externalId, 1, m.externalId],
    ["tags", tags, 1, m.tagsMap],
    ["cidrBlock", cidrBlock, 1, m.cidrBlock],
  ];
  for (const [name, schema, value, message] of wrongKind) {
    it(`${name}: ${JSON.stringify(value)} gets its own message`, () => {
      deepStrictEqual(issuesOf(schema, value), [[[], message]]);
    });
  }

  it("a tag value that is not text is named under its key", () => {
    deepStrictEqual(issuesOf(tags, { CostCenter: 1 }), [[["CostCenter"], m.tagText]]);
  });

  it("a value of the right kind but the wrong form gets the same message", () => {
    deepStrictEqual(issuesOf(accountId, "11111111111"), [[[], m.accountId]]);
    deepStrictEqual(issuesOf(region, "us-east-1"), [
      [[], m.region({ tokyo: "ap-northeast-1", osaka: "ap-northeast-3" })],
    ]);
    deepStrictEqual(issuesOf(municipalityName, "Sapporo"), [[[], m.municipalityName]]);
    deepStrictEqual(issuesOf(vpcEndpointId, "vpce-123"), [[[], m.vpcEndpointId]]);
    deepStrictEqual(issuesOf(stackReferenceName, "a/b"), [[[], m.stackReference]]);
    deepStrictEqual(issuesOf(roleArn, "arn:aws:iam::1:role/x"), [[[], m.roleArn]]);
    deepStrictEqual(
      issuesOf(applicationProfileArn, "arn:aws:bedrock:us-east-1:111111111111:application-inference-profile/a1"),
      [[[], m.applicationProfileArn]],
    );
    deepStrictEqual(issuesOf(wholeNumber(1, 5), 1.5), [[[], m.wholeNumber({ min: 1, max: 5 })]]);
    deepStrictEqual(issuesOf(wholeNumber(1, 5), 0), [[[], m.wholeNumber({ min: 1, max: 5 })]]);
    deepStrictEqual(issuesOf(wholeNumber(1, 5), 6), [[[], m.wholeNumber({ min: 1, max: 5 })]]);
    deepStrictEqual(issuesOf(wholeNumber(1, 5), 5), []);
    deepStrictEqual(issuesOf(nonEmpty(m.companyName, 3), ""), [[[], m.companyName]]);
    deepStrictEqual(issuesOf(nonEmpty(m.companyName, 3), "abcd"), [[[], m.companyName]]);
    deepStrictEqual(issuesOf(nonEmpty(m.companyName, 3), "abc"), []);
    deepStrictEqual(issuesOf(roleName, "a b"), [[[], m.roleName]]);
    deepStrictEqual(issuesOf(externalId, "x"), [[[], m.externalId]]);
  });

  it("an inference profile outside Japan, then one the catalog lacks", () => {
    deepStrictEqual(issuesOf(inferenceProfileId, "us.anthropic.x"), [
      [[], m.notJapanProfile({ id: "us.anthropic.x", prefix: "jp." })],
    ]);
    deepStrictEqual(issuesOf(inferenceProfileId, "jp.x"), [
      [
        [],
        'unknown inference profile "jp.x"; the catalog (infra/catalog.ts) has: jp.anthropic.claude-haiku-4-5-20251001-v1:0, jp.anthropic.claude-sonnet-4-5-20250929-v1:0',
      ],
    ]);
  });

  it("a map keyed by a fixed list: a wrong kind, a near key and a far one", () => {
    const map = enumKeyedRecord(["alpha", "beta"], tags, "endpointKey");
    deepStrictEqual(issuesOf(map, 1), [[[], m.fixedKeyMap({ what: "endpointKey", keys: "alpha, beta" })]]);
    deepStrictEqual(issuesOf(map, { alpa: {}, zzzzzzz: {}, beta: {} }), [
      [["alpa"], m.fixedKeyUnknownNear({ what: "endpointKey", near: "alpha", keys: "alpha, beta" })],
      [["zzzzzzz"], m.fixedKeyUnknown({ what: "endpointKey", keys: "alpha, beta" })],
    ]);
  });
});

describe("refusedByModel: the message names the API the value would reach", () => {
  it("without a describe, the model's own problem with the API named", () => {
    const issues: unknown[] = [];
    const ctx = { addIssue: (issue: unknown) => issues.push(issue) } as unknown as z.RefinementCtx;
    const check = refusedByModel({ service: "iam", operation: "CreateRole", path: "RoleName" }, "IAM CreateRole");
    check("bedrock-lz-ok", ctx);
    deepStrictEqual(issues, []);
    check("a b", ctx);
    deepStrictEqual(issues, [
      { code: "custom", path: [], message: '"a b" does not match [\\w+=,.@-]+ as a whole (IAM CreateRole)' },
    ]);
  });
});

describe("config fields: the example each shows", () => {
  it("the example of each field with one", () => {
    deepStrictEqual(
      [accountId, municipalityName, vpcEndpointId, stackReferenceName, roleArn, tags].map((schema) =>
        exampleOf(schema as never),
      ),
      [
        "123456789012",
        "sapporo",
        "vpce-0123456789abcdef0",
        "organization/bedrock-lz/operator",
        "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
        { CostCenter: "ai-poc" },
      ],
    );
  });

  it("a map keyed by a fixed list shows its first key", () => {
    deepStrictEqual(
      Object.keys(exampleOf(enumKeyedRecord(["alpha", "beta"], tags, "endpointKey") as never) as object),
      ["alpha"],
    );
  });
});

describe("cidrBlock: a private range's first and last /16 or /28 pass, the blocks just outside do not", () => {
  const publicMessage = (cidr: string) =>
    m.cidrPublic({ cidr, ranges: "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10" });
  it("inside each range, at both ends", () => {
    for (const cidr of [
      "10.0.0.0/16",
      "10.255.255.240/28",
      "172.16.0.0/16",
      "172.31.0.0/16",
      "192.168.0.0/16",
      "192.168.255.240/28",
      "100.64.0.0/16",
      "100.127.255.240/28",
    ]) {
      deepStrictEqual(issuesOf(cidrBlock, cidr), [], cidr);
    }
  });
  it("just outside each range", () => {
    for (const cidr of [
      "9.255.255.240/28",
      "11.0.0.0/16",
      "172.15.255.240/28",
      "172.32.0.0/16",
      "192.167.255.240/28",
      "192.169.0.0/16",
      "100.63.255.240/28",
      "100.128.0.0/16",
    ]) {
      deepStrictEqual(issuesOf(cidrBlock, cidr), [[[], publicMessage(cidr)]], cidr);
    }
  });
  it("host bits and prefix lengths are refused before the range", () => {
    deepStrictEqual(issuesOf(cidrBlock, "8.0.0.1/16"), [[[], m.cidrHostBits({ cidr: "8.0.0.1/16" })]]);
    deepStrictEqual(issuesOf(cidrBlock, "10.0.0.0/15"), [[[], m.cidrPrefix]]);
    deepStrictEqual(issuesOf(cidrBlock, "10.0.0.0/29"), [[[], m.cidrPrefix]]);
    deepStrictEqual(issuesOf(cidrBlock, "10.0.0.0/28"), []);
    deepStrictEqual(issuesOf(cidrBlock, undefined), []);
    deepStrictEqual(cidrBlock.parse(undefined), "10.0.0.0/16");
  });
});

describe("tags: the count the IAM role leaves, reserved keys and AWS's own prefix", () => {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
  it("45 tags pass, 46 are too many", () => {
    deepStrictEqual(issuesOf(tags, many(45)), []);
    deepStrictEqual(issuesOf(tags, many(46)), [[[], m.tooManyTags({ limit: 45, iamMax: 50, own: 4 })]]);
  });
  it("a reserved key in any case, and an aws: prefix in any case", () => {
    deepStrictEqual(issuesOf(tags, { project: "x", "AWS:x": "y", Owner: "z" }), [
      [["project"], m.tagReserved({ reserved: "Project" })],
      [["AWS:x"], m.tagAwsPrefix],
    ]);
  });
});

describe("tagsRefusedBy: problems under bedrock-lz:tags, the aws: prefix only where IAM roles are tagged", () => {
  function refusedBy(map: Record<string, string>, apis: Parameters<typeof tagsRefusedBy>[1]): unknown[] {
    const issues: unknown[] = [];
    tagsRefusedBy(map, apis, { addIssue: (issue: unknown) => issues.push(issue) } as unknown as z.RefinementCtx);
    return issues;
  }
  it("every stack's rules: the prefix, then the key AWS's model refuses, under tags", () => {
    deepStrictEqual(refusedBy({ "aws:x": "y", "a{": "v", ok: "v" }, [EVERY_STACK_TAGS]), [
      { code: "custom", path: ["tags", "aws:x"], message: m.tagAwsPrefix },
      {
        code: "custom",
        path: ["tags", "a{"],
        message: m.tagsRefused({
          problems: [
            m.tagKeyProblem({ key: '"a{"', problem: "does not match [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+ as a whole" }),
          ],
          api: "IAM CreateRole",
          taggedBy: "iamRoles",
        }),
      },
    ]);
  });
  it("a value AWS's model refuses is named by its value, under its key and the given path", () => {
    const issues: unknown[] = [];
    tagsRefusedBy({ k: "v{" }, [EVERY_STACK_TAGS], { addIssue: (issue: unknown) => issues.push(issue) } as never, []);
    deepStrictEqual(issues, [
      {
        code: "custom",
        path: ["k"],
        message: m.tagsRefused({
          problems: [
            m.tagValueProblem({ value: '"v{"', problem: "does not match [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]* as a whole" }),
          ],
          api: "IAM CreateRole",
          taggedBy: "iamRoles",
        }),
      },
    ]);
  });
  it("another API with the same model leaves the aws: prefix to the IAM rule", () => {
    deepStrictEqual(refusedBy({ "aws:x": "y" }, [{ ...EVERY_STACK_TAGS, api: "Other" }]), []);
  });
});

describe("config fields: the value an unset field takes", () => {
  it("Tokyo, the default Japan profile, the VPC block and the given boolean", () => {
    deepStrictEqual(
      [
        region.parse(undefined),
        inferenceProfileId.parse(undefined),
        cidrBlock.parse(undefined),
        bool(false).parse(undefined),
        tags.parse(undefined),
      ],
      ["ap-northeast-1", "jp.anthropic.claude-haiku-4-5-20251001-v1:0", "10.0.0.0/16", false, {}],
    );
  });
});
