import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { ConfigError, type OperatorConfig, parseStackConfig } from "../../infra/config";
import { lookupInferenceProfile } from "../../infra/catalog";
import {
  LONGEST_VPCE_ID,
  interfaceEndpointProblems,
  longestGuardrailReference,
  operatorLimitProblems,
} from "../../infra/limits";
import { policySize } from "../../infra/iam/document";
import { invokeRolePolicy, invokeRoleTrustPolicy } from "../../infra/policies";

const target = {
  profile: lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!,
  region: "ap-northeast-1",
  operatorAccountId: "111111111111",
};

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
  it("measures documents the way IAM does: compact JSON, no white space", () => {
    const trust = invokeRoleTrustPolicy({
      municipalityAccountId: "222222222222",
      clientRoleArn: "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo",
    });
    strictEqual(policySize(trust), JSON.stringify(trust).length);
    strictEqual(policySize(trust), 283);
    strictEqual(LONGEST_VPCE_ID.length, 22);
  });

  it("rejects more municipalities than the account's role quota, naming the limit and the fixes", () => {
    const lines = problemLines(operatorWith(1001));
    deepStrictEqual(lines.length, 1);
    match(
      lines[0],
      /^bedrock-lz:municipalities: 1001 municipalities need 1001 invoke roles, over the account's IAM role quota of 1000/,
    );
    match(
      lines[0],
      /Split the municipalities across operator accounts, or raise the quota .* \(at most 5000\) and set bedrock-lz:quotas\.rolesPerAccount/,
    );
  });

  it("accepts 1,741 municipalities once the role quota is raised", () => {
    const cfg = parseStackConfig(operatorWith(1741, { quotas: { rolesPerAccount: 2000 } })) as OperatorConfig;
    strictEqual(Object.keys(cfg.municipalities).length, 1741);
    deepStrictEqual(cfg.quotas, { rolesPerAccount: 2000, trustPolicySize: 2048 });
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
    const expected = policySize(invokeRoleTrustPolicy({ ...roles[1], stsEndpointId: LONGEST_VPCE_ID }));
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
    ok(policySize(invokeRoleTrustPolicy({ ...longest, stsEndpointId: LONGEST_VPCE_ID })) > 1500);
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
        quotas: { interfaceEndpointsPerVpc: 2 },
      })[0],
      /^bedrock-lz:endpoints: 4 interface endpoints are enabled, over the VPC quota of 2/,
    );
  });
});

describe("AWS quota checks with guardrail enforcement", () => {
  it("counts the guardrail statements towards the invoke role's inline policy size", () => {
    const guardrail = longestGuardrailReference("ap-northeast-1", "111111111111");
    const plain = policySize(invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: LONGEST_VPCE_ID }));
    const enforced = policySize(invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: LONGEST_VPCE_ID, guardrail }));
    ok(enforced > plain + 300, `${enforced} vs ${plain}`);
    ok(enforced < 10240);
    deepStrictEqual(operatorLimitProblems(target, [], { rolesPerAccount: 1, trustPolicySize: 2048 }, guardrail), []);
  });
});
