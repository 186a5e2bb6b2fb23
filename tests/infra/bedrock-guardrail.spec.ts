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
