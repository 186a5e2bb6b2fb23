import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { lookupInferenceProfile } from "../../infra/catalog";
import { CONFIG_MESSAGES } from "../../infra/config/messages";
import {
  LONGEST_VPCE_ID,
  longestApplicationProfileArn,
  longestGuardrailReference,
  operatorLimitProblems,
} from "../../infra/limits";
import { invokeRolePolicy, invokeRoleTrustPolicy } from "../../infra/policies";

const haiku = lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!;
const target = { profile: haiku, region: "ap-northeast-1", operatorAccountId: "111111111111" };

/** IAM counts the compact JSON (IAM User Guide, "IAM and AWS STS quotas"); measured here independently. */
const compactSize = (document: object) => JSON.stringify(document).length;

/** Figures from the IAM User Guide and the Amazon Bedrock quotas page, written out independently. */
const INLINE_LIMIT = 10240;
const PROFILE_QUOTA_DEFAULT = 1000;

function roles(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `m${i}`,
    municipalityAccountId: String(200000000000 + i),
    clientRoleArn: `arn:aws:iam::${200000000000 + i}:role/c`,
    lockTrustToStsEndpoint: false,
  }));
}

/**
 * A profile whose unmetered invoke policy (longest endpoint id) is exactly `size` characters: each
 * destination region appears once, in its foundation-model ARN, so padding the last region's name
 * moves the size one character at a time.
 */
function targetOfInlineSize(size: number) {
  const measure = (destinationRegions: string[]) =>
    compactSize(
      invokeRolePolicy({
        ...target,
        profile: { ...haiku, destinationRegions } as typeof haiku,
        bedrockRuntimeEndpointId: LONGEST_VPCE_ID,
      }),
    );
  const regions: string[] = [];
  while (measure([...regions, `ap-test-${regions.length + 1}`]) <= size) {
    regions.push(`ap-test-${regions.length + 1}`);
  }
  const last = regions.pop()!;
  const padded = [...regions, last + "x".repeat(size - measure([...regions, last]))];
  strictEqual(measure(padded), size);
  return { ...target, profile: { ...haiku, destinationRegions: padded } as typeof haiku };
}

describe("AWS quota checks at their exact boundaries (infra/limits.ts)", () => {
  const quotas = { rolesPerAccount: 5000, trustPolicySize: 2048 };

  it("names the longest application-profile ARN and guardrail stand-ins with AWS's 12-character ids", () => {
    strictEqual(
      longestApplicationProfileArn("ap-northeast-1", "111111111111"),
      "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/xxxxxxxxxxxx",
    );
    deepStrictEqual(longestGuardrailReference("ap-northeast-3", "222222222222"), {
      arn: "arn:aws:bedrock:ap-northeast-3:222222222222:guardrail/xxxxxxxxxxxx",
      version: "99999",
    });
    strictEqual(LONGEST_VPCE_ID, "vpce-fffffffffffffffff");
  });

  it("with metering on, refuses more municipalities than the configured profile quota, and accepts exactly that many", () => {
    const limited = { ...quotas, applicationInferenceProfilesPerAccount: 3 };
    deepStrictEqual(operatorLimitProblems(target, roles(3), limited, undefined, 0, true), []);
    deepStrictEqual(operatorLimitProblems(target, roles(4), limited, undefined, 0, true), [
      { path: ["municipalities"], message: CONFIG_MESSAGES.profilesOverQuota({ count: 4, quota: 3 }) },
    ]);
  });

  it("with metering off, does not count application profiles at all", () => {
    const limited = { ...quotas, applicationInferenceProfilesPerAccount: 3 };
    deepStrictEqual(operatorLimitProblems(target, roles(4), limited), []);
    deepStrictEqual(operatorLimitProblems(target, roles(4), limited, undefined, 0, false), []);
  });

  it("with metering on and no profile quota configured, holds the set to Bedrock's default of 1000", () => {
    deepStrictEqual(operatorLimitProblems(target, roles(PROFILE_QUOTA_DEFAULT), quotas, undefined, 0, true), []);
    deepStrictEqual(
      operatorLimitProblems(target, roles(PROFILE_QUOTA_DEFAULT + 1), quotas, undefined, 0, true).map((p) => p.message),
      [CONFIG_MESSAGES.profilesOverQuota({ count: 1001, quota: PROFILE_QUOTA_DEFAULT })],
    );
  });

  it("counts the other program roles against the role quota up to exactly the quota", () => {
    const tight = { rolesPerAccount: 4, trustPolicySize: 2048 };
    deepStrictEqual(operatorLimitProblems(target, roles(3), tight, undefined, 1), []);
    deepStrictEqual(operatorLimitProblems(target, roles(3), tight, undefined, 2), [
      {
        path: ["municipalities"],
        message: CONFIG_MESSAGES.rolesOverQuota({ count: 3, others: 2, quota: 4, max: 5000 }),
      },
    ]);
  });

  it("accepts an invoke policy of exactly the inline limit and refuses one character more", () => {
    deepStrictEqual(operatorLimitProblems(targetOfInlineSize(INLINE_LIMIT), [], quotas), []);
    deepStrictEqual(operatorLimitProblems(targetOfInlineSize(INLINE_LIMIT + 1), [], quotas), [
      {
        path: ["inferenceProfileId"],
        message: CONFIG_MESSAGES.inlinePolicyTooLarge({ size: INLINE_LIMIT + 1, limit: INLINE_LIMIT }),
      },
    ]);
  });

  it("with metering on, sizes the invoke policy with the longest application-profile ARN", () => {
    const atLimit = targetOfInlineSize(INLINE_LIMIT);
    const metered = compactSize(
      invokeRolePolicy({
        ...atLimit,
        bedrockRuntimeEndpointId: LONGEST_VPCE_ID,
        applicationProfileArn: `arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/${"x".repeat(12)}`,
      }),
    );
    deepStrictEqual(operatorLimitProblems(atLimit, [], quotas, undefined, 0, true), [
      {
        path: ["inferenceProfileId"],
        message: CONFIG_MESSAGES.inlinePolicyTooLarge({ size: metered, limit: INLINE_LIMIT }),
      },
    ]);
  });

  it("accepts a trust policy of exactly the trust quota and refuses it under a quota one smaller", () => {
    const [role] = roles(1);
    const locked = { ...role, externalId: "x".repeat(300), lockTrustToStsEndpoint: true };
    const size = compactSize(invokeRoleTrustPolicy({ ...locked, stsEndpointId: LONGEST_VPCE_ID }));
    deepStrictEqual(operatorLimitProblems(target, [locked], { rolesPerAccount: 10, trustPolicySize: size }), []);
    deepStrictEqual(operatorLimitProblems(target, [locked], { rolesPerAccount: 10, trustPolicySize: size - 1 }), [
      {
        path: ["municipalities", "m0"],
        message: CONFIG_MESSAGES.trustPolicyTooLarge({ size, quota: size - 1, max: 4096 }),
      },
    ]);
    const unlocked = { ...locked, lockTrustToStsEndpoint: false };
    const unlockedSize = compactSize(invokeRoleTrustPolicy(unlocked));
    deepStrictEqual(
      operatorLimitProblems(target, [unlocked], { rolesPerAccount: 10, trustPolicySize: unlockedSize }),
      [],
    );
  });
});
