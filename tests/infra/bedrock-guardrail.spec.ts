import { createHash } from "node:crypto";
import { strict as assert } from "node:assert";
import { lookupInferenceProfile } from "../../infra/catalog";
import { guardrailConfigDigest, guardrailIdentifierValue, guardrailPolicyBlocks } from "../../infra/bedrock-guardrail";
import type { GuardrailSettings } from "../../infra/config";
import { type ProfileTarget, invokeRolePolicy } from "../../infra/policies";

const target: ProfileTarget = {
  profile: lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!,
  region: "ap-northeast-1",
  operatorAccountId: "111111111111",
};
const guardrail = { arn: "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abc123xyz", version: "3" };

const settings: GuardrailSettings = {
  enforceOnInvokeRoles: true,
  blockedInputMessaging: "in",
  blockedOutputsMessaging: "out",
  contentFilters: { VIOLENCE: { inputStrength: "MEDIUM", outputStrength: "HIGH" } },
  deniedTopics: {},
  piiEntities: { NAME: "ANONYMIZE" },
  piiRegexes: {},
};

describe("guardrail builders", () => {
  it("the identifier is the guardrail ARN with its version", () => {
    assert.equal(
      guardrailIdentifierValue(guardrail),
      "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abc123xyz:3",
    );
  });

  it("leaves out the blocks whose config map is empty", () => {
    assert.deepEqual(guardrailPolicyBlocks(settings), {
      contentPolicyConfig: { filtersConfigs: [{ type: "VIOLENCE", inputStrength: "MEDIUM", outputStrength: "HIGH" }] },
      sensitiveInformationPolicyConfig: { piiEntitiesConfigs: [{ type: "NAME", action: "ANONYMIZE" }] },
    });
  });

  it("the version digest changes with the configuration and not otherwise", () => {
    assert.equal(guardrailConfigDigest(settings), guardrailConfigDigest({ ...settings }));
    assert.notEqual(
      guardrailConfigDigest(settings),
      guardrailConfigDigest({ ...settings, piiEntities: { NAME: "BLOCK" } }),
    );
    // Enforcement is a role setting, not part of the published guardrail.
    assert.equal(guardrailConfigDigest(settings), guardrailConfigDigest({ ...settings, enforceOnInvokeRoles: false }));
  });

  it("lists denied topics and PII regexes, a regex's description only when it has one", () => {
    const full: GuardrailSettings = {
      ...settings,
      contentFilters: {},
      deniedTopics: { Politics: { definition: "Elections and parties.", examples: ["Who should I vote for?"] } },
      piiEntities: {},
      piiRegexes: {
        resident: { pattern: "\\d{12}", action: "BLOCK", description: "My Number" },
        phone: { pattern: "0\\d{9}", action: "ANONYMIZE" },
      },
    };
    assert.deepEqual(guardrailPolicyBlocks(full), {
      topicPolicyConfig: {
        topicsConfigs: [
          {
            name: "Politics",
            type: "DENY",
            definition: "Elections and parties.",
            examples: ["Who should I vote for?"],
          },
        ],
      },
      sensitiveInformationPolicyConfig: {
        regexesConfigs: [
          { name: "resident", pattern: "\\d{12}", action: "BLOCK", description: "My Number" },
          { name: "phone", pattern: "0\\d{9}", action: "ANONYMIZE" },
        ],
      },
    });
    assert.deepEqual(guardrailPolicyBlocks({ ...full, deniedTopics: {}, piiRegexes: {} }), {});
  });

  it("the digest is the first 12 hex digits of the SHA-256 of the messaging and the blocks", () => {
    const expected = createHash("sha256")
      .update(
        JSON.stringify({
          blockedInputMessaging: "in",
          blockedOutputsMessaging: "out",
          contentPolicyConfig: {
            filtersConfigs: [{ type: "VIOLENCE", inputStrength: "MEDIUM", outputStrength: "HIGH" }],
          },
          sensitiveInformationPolicyConfig: { piiEntitiesConfigs: [{ type: "NAME", action: "ANONYMIZE" }] },
        }),
      )
      .digest("hex")
      .slice(0, 12);
    assert.equal(guardrailConfigDigest(settings), expected);
    assert.notEqual(
      guardrailConfigDigest(settings),
      guardrailConfigDigest({ ...settings, blockedInputMessaging: "x" }),
    );
    assert.notEqual(
      guardrailConfigDigest(settings),
      guardrailConfigDigest({ ...settings, blockedOutputsMessaging: "x" }),
    );
  });
});

describe("invokeRolePolicy with an enforced guardrail", () => {
  it("appends exactly two statements and keeps the existing ones unchanged", () => {
    const without = invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: "vpce-0123456789abcdef0" });
    const withGuardrail = invokeRolePolicy({
      ...target,
      bedrockRuntimeEndpointId: "vpce-0123456789abcdef0",
      guardrail,
    });
    assert.deepEqual(withGuardrail.Statement, [
      ...without.Statement,
      {
        Sid: "ApplyEnforcedGuardrail",
        Effect: "Allow",
        Action: "bedrock:ApplyGuardrail",
        Resource: "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abc123xyz",
      },
      {
        Sid: "DenyInvokeWithoutEnforcedGuardrail",
        Effect: "Deny",
        Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
        Resource: "*",
        Condition: {
          StringNotEquals: {
            "bedrock:GuardrailIdentifier": "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abc123xyz:3",
          },
        },
      },
    ]);
    assert.deepEqual(invokeRolePolicy({ ...target }).Statement.length, 2);
  });
});
