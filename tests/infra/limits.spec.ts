import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { ConfigError, type OperatorConfig, parseStackConfig } from "../../infra/config";
import { lookupInferenceProfile } from "../../infra/catalog";
import fc from "fast-check";
import { interfaceEndpointProblems, longestGuardrailReference, operatorLimitProblems } from "../../infra/limits";
import { invokeRolePolicy, invokeRoleTrustPolicy } from "../../infra/policies";

const target = {
  profile: lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!,
  region: "ap-northeast-1",
  operatorAccountId: "111111111111",
};

/**
 * Sizes as IAM counts them, measured here rather than with the program's own `policySize` (infra/iam/document.ts):
 * IAM ignores white space, so the compact JSON is what counts.
 */
const compactSize = (document: object) => JSON.stringify(document).length;

/** A real VPC endpoint id has 17 hex digits, the longest form AWS issues. */
const REAL_VPCE_ID = "vpce-0123456789abcdef0";

/** IAM quotas from the IAM User Guide, "IAM and AWS STS quotas", written out independently. */
const IAM = { trustPolicyDefault: 2048, trustPolicyMax: 4096, inlinePerRole: 10240, rolesDefault: 1000 };

function operatorWith(count: number, extra: Record<string, unknown> = {}) {
  const municipalities = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `m${String(i).padStart(4, "0")}`,
      { accountId: String(200000000000 + i) },
    ]),
  );
  return { account: "operator", accountId: "111111111111", municipalities, ...extra };
}

function problemLines(raw: unknown): string[] {
  try {
    parseStackConfig(raw);
  } catch (error) {
    ok(error instanceof ConfigError);
    return error.problems.map((p) => `${p.key}: ${p.message}`);
  }
  return [];
}

describe("AWS quota checks (infra/limits.ts)", () => {
  it("rejects more municipalities than the account's role quota, naming the limit and the fixes", () => {
    const lines = problemLines(operatorWith(1001));
    deepStrictEqual(lines.length, 1);
    match(
      lines[0],
      /^bedrock-lz:municipalities: 1001 municipalities need 1001 invoke roles plus 1 other role\(s\) of this stack, over the account's IAM role quota of 1000/,
    );
    match(
      lines[0],
      /Split the municipalities across operator accounts, or raise the quota .* \(at most 5000\) and set bedrock-lz:quotas\.rolesPerAccount/,
    );
  });

  it("accepts 1,741 municipalities once the role quota is raised", () => {
    const cfg = parseStackConfig(operatorWith(1741, { quotas: { rolesPerAccount: 2000 } })) as OperatorConfig;
    strictEqual(Object.keys(cfg.municipalities).length, 1741);
    deepStrictEqual(cfg.quotas, {
      rolesPerAccount: 2000,
      trustPolicySize: 2048,
      applicationInferenceProfilesPerAccount: 1000,
    });
  });

  it("validates the quota values themselves", () => {
    match(
      problemLines(operatorWith(1, { quotas: { rolesPerAccount: 6000 } }))[0],
      /^bedrock-lz:quotas\.rolesPerAccount: must be a whole number from 1 to 5000/,
    );
    match(
      problemLines(operatorWith(1, { quotas: { trustPolicySize: 1024 } }))[0],
      /^bedrock-lz:quotas\.trustPolicySize: must be a whole number from 2048 to 4096/,
    );
  });

  it("sizes each trust policy as locked and names the municipality that is over", () => {
    const roles = [
      {
        name: "short",
        municipalityAccountId: "222222222222",
        clientRoleArn: "arn:aws:iam::222222222222:role/c",
        lockTrustToStsEndpoint: false,
      },
      {
        name: "long",
        municipalityAccountId: "333333333333",
        clientRoleArn: "arn:aws:iam::333333333333:role/c",
        externalId: "x".repeat(200),
        lockTrustToStsEndpoint: true,
      },
    ];
    const problems = operatorLimitProblems(target, roles, { rolesPerAccount: 1000, trustPolicySize: 400 });
    deepStrictEqual(
      problems.map((p) => p.path),
      [["municipalities", "long"]],
    );
    const expected = compactSize(invokeRoleTrustPolicy({ ...roles[1], stsEndpointId: REAL_VPCE_ID }));
    match(problems[0].message, new RegExp(`trust policy would be ${expected} characters, over the IAM limit of 400`));
    match(problems[0].message, /Shorten externalId or clientRoleName, or raise the quota .* \(at most 4096\)/);
  });

  it("fits the default trust quota with the longest values config accepts", () => {
    const longest = {
      name: "m".repeat(32),
      municipalityAccountId: "222222222222",
      clientRoleArn: `arn:aws:iam::222222222222:role/${"r".repeat(64)}`,
      externalId: "x".repeat(1224),
      lockTrustToStsEndpoint: true,
    };
    deepStrictEqual(operatorLimitProblems(target, [longest], { rolesPerAccount: 1, trustPolicySize: 2048 }), []);
    const size = compactSize(invokeRoleTrustPolicy({ ...longest, stsEndpointId: REAL_VPCE_ID }));
    ok(size > 1500 && size <= IAM.trustPolicyDefault, String(size));
  });

  it("counts only enabled interface endpoints against the VPC quota", () => {
    const endpoints = {
      "bedrock-runtime": { enabled: true },
      sts: { enabled: true },
      "codeartifact.api": { enabled: true },
      "codeartifact.repositories": { enabled: false },
      s3: { enabled: true },
    };
    deepStrictEqual(interfaceEndpointProblems(endpoints, 3), []);
    const [problem] = interfaceEndpointProblems(endpoints, 2);
    deepStrictEqual(problem.path, ["endpoints"]);
    match(
      problem.message,
      /^3 interface endpoints are enabled, over the VPC quota of 2 \(quotas\.interfaceEndpointsPerVpc\)/,
    );
    match(
      problemLines({
        account: "municipality",
        accountId: "222222222222",
        municipalityName: "sapporo",
        operatorRoleArn: "arn:aws:iam::111111111111:role/x",
        endpoints: { "codeartifact.api": { enabled: true }, "codeartifact.repositories": { enabled: true } },
        quotas: { interfaceEndpointsPerVpc: 2 },
      })[0],
      /^bedrock-lz:endpoints: 4 interface endpoints are enabled, over the VPC quota of 2/,
    );
  });
});

describe("AWS quota checks with guardrail enforcement", () => {
  it("counts the guardrail statements towards the invoke role's inline policy size", () => {
    const guardrail = longestGuardrailReference("ap-northeast-1", "111111111111");
    const plain = compactSize(invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: REAL_VPCE_ID }));
    const enforced = compactSize(invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: REAL_VPCE_ID, guardrail }));
    ok(enforced > plain + 300, `${enforced} vs ${plain}`);
    ok(enforced < IAM.inlinePerRole);
    deepStrictEqual(operatorLimitProblems(target, [], { rolesPerAccount: 1, trustPolicySize: 2048 }, guardrail), []);
  });
});

/**
 * The quota checks as properties: what they accept fits AWS's limits once deployed, and what they
 * reject really would not. Documents are built with the same builders and arguments the stacks
 * use (stacks/operator.ts → components/invoke-role.ts) and measured here.
 */
describe("AWS quota checks over generated municipality sets", () => {
  const RUNS = { numRuns: 120 };
  const HEX = "0123456789abcdef";
  const EXTERNAL_ID_CHARS = "abcXYZ019_+=,.@:/-";
  const vpceId = fc
    .array(fc.constantFrom(...HEX), { minLength: 17, maxLength: 17 })
    .map((digits) => `vpce-${digits.join("")}`);
  /** Lengths spread over the whole accepted range, so the long end is reached. */
  const repeated = (chars: string, min: number, max: number) =>
    fc
      .tuple(fc.integer({ min, max }), fc.constantFrom(...chars))
      .map(([length, char]) => char.repeat(length))
      .filter((text) => /^[\w+=,.@:/-]+$/.test(text));
  const definedOnly = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

  const peer = fc
    .record({
      clientRoleName: fc.option(repeated("aZ9_+=,.@-", 1, 64), { nil: undefined }),
      externalId: fc.option(repeated(EXTERNAL_ID_CHARS, 2, 1224), { nil: undefined }),
      lock: fc.oneof(
        fc.constant({}),
        vpceId.map((stsEndpointId) => ({ lockTrustToStsEndpoint: true, stsEndpointId })),
        fc.constant({ lockTrustToStsEndpoint: true, municipalityStack: "organization/bedrock-lz/municipality" }),
      ),
    })
    .map(({ lock, ...rest }) => ({ ...definedOnly(rest), ...lock }));
  const municipalities = fc.uniqueArray(
    fc.tuple(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/).filter((name) => !name.includes("--")),
      peer,
    ),
    {
      minLength: 1,
      maxLength: 6,
      selector: ([name]) => name,
    },
  );

  it("accepts a set only when its invoke roles fit the role quota, and then every document fits", () => {
    fc.assert(
      fc.property(
        municipalities,
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        fc.option(fc.integer({ min: IAM.trustPolicyDefault, max: IAM.trustPolicyMax }), { nil: undefined }),
        (set, rolesPerAccount, trustPolicySize) => {
          const raw = operatorWith(0, {
            municipalities: Object.fromEntries(
              set.map(([name, settings], i) => [name, { accountId: String(200000000000 + i), ...settings }]),
            ),
            quotas: definedOnly({ rolesPerAccount, trustPolicySize }),
          });
          const lines = problemLines(raw);
          const roleQuota = rolesPerAccount ?? IAM.rolesDefault;
          // Invocation logging is on by default and its role counts against the same quota.
          if (set.length + 1 > roleQuota) {
            // Config length limits keep every trust policy under the default quota, so the role
            // count is the only thing a generated set can be over.
            strictEqual(lines.length, 1, lines.join("\n"));
            match(lines[0], new RegExp(`^bedrock-lz:municipalities: ${set.length} municipalities need`));
            return;
          }
          deepStrictEqual(lines, []);
          const config = parseStackConfig(raw) as OperatorConfig;
          strictEqual(Object.keys(config.municipalities).length, set.length);
          const trustLimit = trustPolicySize ?? IAM.trustPolicyDefault;
          for (const [name, municipality] of Object.entries(config.municipalities)) {
            const trust = invokeRoleTrustPolicy({
              municipalityAccountId: municipality.accountId,
              clientRoleArn: municipality.clientRoleArn,
              externalId: municipality.externalId,
              // A stack reference yields some real endpoint id; the longest kind is the worst case.
              stsEndpointId: municipality.lockTrustToStsEndpoint
                ? (municipality.stsEndpointId ?? REAL_VPCE_ID)
                : undefined,
            });
            ok(compactSize(trust) <= trustLimit, `${name}: ${compactSize(trust)} > ${trustLimit}`);
          }
          const inline = invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: REAL_VPCE_ID });
          ok(compactSize(inline) <= IAM.inlinePerRole);
        },
      ),
      RUNS,
    );
  });

  it("names exactly the municipalities whose locked trust policy would exceed the quota, with its size", () => {
    const role = fc.record({
      roleName: repeated("aZ9_", 1, 64),
      externalId: fc.option(repeated(EXTERNAL_ID_CHARS, 2, 1224), { nil: undefined }),
      lockTrustToStsEndpoint: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(role, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 250, max: IAM.trustPolicyDefault }),
        (generated, trustPolicySize) => {
          const roles = generated.map((r, i) => ({
            name: `m${i}`,
            municipalityAccountId: String(300000000000 + i),
            clientRoleArn: `arn:aws:iam::${300000000000 + i}:role/${r.roleName}`,
            externalId: r.externalId,
            lockTrustToStsEndpoint: r.lockTrustToStsEndpoint,
          }));
          const problems = operatorLimitProblems(target, roles, { rolesPerAccount: IAM.rolesDefault, trustPolicySize });
          const byName = new Map(problems.map((problem) => [problem.path[1], problem.message]));
          strictEqual(byName.size, problems.length);
          for (const r of roles) {
            const worst = compactSize(
              invokeRoleTrustPolicy({ ...r, stsEndpointId: r.lockTrustToStsEndpoint ? REAL_VPCE_ID : undefined }),
            );
            const message = byName.get(r.name);
            if (worst > trustPolicySize) {
              ok(message, `${r.name} is ${worst} > ${trustPolicySize} but was accepted`);
              ok(message.includes(`would be ${worst} characters, over the IAM limit of ${trustPolicySize}`), message);
            } else {
              strictEqual(message, undefined, `${r.name} is ${worst} <= ${trustPolicySize} but was rejected`);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it("rejects a profile whose invoke policy would exceed the inline limit, and only such a profile", () => {
    const base = target.profile;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.boolean(), (regionCount, enforceGuardrail) => {
        const destinationRegions = Array.from({ length: regionCount }, (_, i) => `ap-test-${i + 1}`);
        const wide = { ...target, profile: { ...base, destinationRegions } as typeof base };
        const guardrail = enforceGuardrail ? longestGuardrailReference("ap-northeast-1", "111111111111") : undefined;
        const problems = operatorLimitProblems(wide, [], { rolesPerAccount: 1, trustPolicySize: 2048 }, guardrail);
        const size = compactSize(invokeRolePolicy({ ...wide, bedrockRuntimeEndpointId: REAL_VPCE_ID, guardrail }));
        if (size > IAM.inlinePerRole) {
          strictEqual(problems.length, 1);
          deepStrictEqual(problems[0].path, ["inferenceProfileId"]);
          ok(problems[0].message.includes(`would be ${size} characters`), problems[0].message);
        } else {
          deepStrictEqual(problems, []);
        }
      }),
      RUNS,
    );
  });
});

describe("role quota counts the operator stack's own roles", () => {
  it("refuses two municipalities under a quota of 2 when invocation logging adds its role", () => {
    const lines = problemLines(operatorWith(2, { quotas: { rolesPerAccount: 2 } }));
    deepStrictEqual(lines.length, 1);
    match(lines[0], /2 municipalities need 2 invoke roles plus 1 other role\(s\) of this stack, over .* quota of 2/);
  });

  it("accepts the same two under a quota of 2 when logging is off", () => {
    deepStrictEqual(
      problemLines(operatorWith(2, { quotas: { rolesPerAccount: 2 }, invocationLogging: { enabled: false } })),
      [],
    );
  });
});
