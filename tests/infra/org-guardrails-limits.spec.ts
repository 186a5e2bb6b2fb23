import * as assert from "node:assert/strict";
import {
  INVOKE_ROLE_ARN_PATTERN,
  PolicySizeError,
  bedrockScp,
  municipalityOrgGuardrails,
  operatorEndpointRuleIsExact,
  operatorOrgGuardrails,
  permissionBoundary,
} from "../../infra/org-guardrails";
import type { PolicyDocument, PolicyStatement } from "../../infra/iam/document";

/** AWS Organizations quotas: an SCP holds 5,120 characters, written out here independently. */
const SCP_LIMIT = 5120;
const compactSize = (document: object) => JSON.stringify(document).length;

const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const JP_PROFILES = "arn:aws:bedrock:*:*:inference-profile/jp.*";
const ANY_FM = "arn:aws:bedrock:*::foundation-model/*";
const OPERATOR = "111111111111";
const OPERATOR_PROFILES = `arn:aws:bedrock:*:${OPERATOR}:application-inference-profile/*`;

/** The two model rules when metering admits the operator's own application profiles. */
const METERED_MODEL_RULES = [
  {
    Sid: "DenyInferenceOutsideJapanProfiles",
    Effect: "Deny",
    Action: INVOKE,
    NotResource: [JP_PROFILES, OPERATOR_PROFILES, ANY_FM],
  },
  {
    Sid: "DenyFoundationModelsOutsideJapanProfiles",
    Effect: "Deny",
    Action: INVOKE,
    Resource: ANY_FM,
    Condition: { StringNotLike: { "bedrock:InferenceProfileArn": [JP_PROFILES, OPERATOR_PROFILES] } },
  },
];

function endpointRuleOf(document: PolicyDocument): PolicyStatement | undefined {
  return document.Statement.find((statement) => statement.Sid === "DenyBedrockOutsideApprovedEndpoints");
}

/** `count` distinct endpoint ids of the real length (17 hex digits). */
function endpointIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `vpce-${i.toString(16).padStart(17, "0")}`);
}

/**
 * Endpoint ids whose document is exactly `size` characters: as many real ids as fit, then the last
 * one lengthened, which grows the document one character at a time.
 */
function idsOfSize(size: number, measure: (ids: string[]) => number): string[] {
  let count = 1;
  while (measure(endpointIds(count + 1)) <= size) count += 1;
  const ids = endpointIds(count);
  ids[count - 1] += "f".repeat(size - measure(ids));
  assert.equal(measure(ids), size);
  return ids;
}

const operatorScpSize = (ids: string[]) =>
  compactSize(bedrockScp({ approvedEndpointIds: ids, principalArnPatterns: [INVOKE_ROLE_ARN_PATTERN] }));
const municipalityScpSize = (ids: string[]) => compactSize(bedrockScp({ approvedEndpointIds: ids }));

describe("guardrail documents with metering and at the size limits (infra/org-guardrails.ts)", () => {
  it("with metering, admits the operator's own application profiles next to the jp. profiles, and nobody else's", () => {
    assert.deepEqual(bedrockScp({ approvedEndpointIds: [], applicationProfileAccountId: OPERATOR }), {
      Version: "2012-10-17",
      Statement: METERED_MODEL_RULES,
    });
    const boundary = permissionBoundary({ approvedEndpointIds: [], applicationProfileAccountId: OPERATOR });
    assert.deepEqual(boundary.Statement.slice(2), METERED_MODEL_RULES);
  });

  it("operator with metering: the SCP and the boundary both admit its application profiles", () => {
    const docs = operatorOrgGuardrails(["vpce-0aaaaaaaaaaaaaaaa"], OPERATOR);
    assert.deepEqual(docs.bedrockScp.Statement.slice(0, 2), METERED_MODEL_RULES);
    assert.deepEqual(docs.permissionBoundary.Statement.slice(2, 4), METERED_MODEL_RULES);
    assert.deepEqual(endpointRuleOf(docs.bedrockScp)?.Condition, {
      StringNotEquals: { "aws:SourceVpce": ["vpce-0aaaaaaaaaaaaaaaa"] },
      ArnLike: { "aws:PrincipalArn": [INVOKE_ROLE_ARN_PATTERN] },
    });
  });

  it("operator: counts the metering rule when deciding whether the endpoints can be listed exactly", () => {
    const ids = endpointIds(170);
    assert.ok(operatorScpSize(ids) <= SCP_LIMIT);
    assert.ok(
      compactSize(
        bedrockScp({
          approvedEndpointIds: ids,
          principalArnPatterns: [INVOKE_ROLE_ARN_PATTERN],
          applicationProfileAccountId: OPERATOR,
        }),
      ) > SCP_LIMIT,
    );
    assert.equal(operatorEndpointRuleIsExact(ids), true);
    assert.equal(operatorEndpointRuleIsExact(ids, OPERATOR), false);
    const docs = operatorOrgGuardrails(ids, OPERATOR);
    assert.deepEqual(endpointRuleOf(docs.bedrockScp)?.Condition, {
      Null: { "aws:SourceVpce": "true" },
      ArnLike: { "aws:PrincipalArn": [INVOKE_ROLE_ARN_PATTERN] },
    });
    assert.deepEqual(endpointRuleOf(docs.permissionBoundary)?.Condition, { Null: { "aws:SourceVpce": "true" } });
    assert.deepEqual(docs.bedrockScp.Statement.slice(0, 2), METERED_MODEL_RULES);
  });

  it("operator: lists the endpoints exactly when the SCP is exactly at the limit, not one character over", () => {
    const atLimit = idsOfSize(SCP_LIMIT, operatorScpSize);
    assert.equal(operatorEndpointRuleIsExact(atLimit), true);
    assert.deepEqual(endpointRuleOf(operatorOrgGuardrails(atLimit).bedrockScp)?.Condition?.StringNotEquals, {
      "aws:SourceVpce": [...atLimit].sort(),
    });
    const over = idsOfSize(SCP_LIMIT + 1, operatorScpSize);
    assert.equal(operatorEndpointRuleIsExact(over), false);
  });

  it("municipality: accepts a Bedrock SCP of exactly the limit and refuses one character more, by name and size", () => {
    const atLimit = idsOfSize(SCP_LIMIT, municipalityScpSize);
    assert.equal(compactSize(municipalityOrgGuardrails(atLimit).bedrockScp), SCP_LIMIT);
    const over = idsOfSize(SCP_LIMIT + 1, municipalityScpSize);
    assert.throws(
      () => municipalityOrgGuardrails(over),
      (error: unknown) => {
        assert.ok(error instanceof PolicySizeError);
        assert.equal(error.name, "PolicySizeError");
        assert.equal(
          error.message,
          "Bedrock SCP is 5121 characters, over the AWS limit of 5120; " +
            "split the approved endpoints over several policies or attach them at OU level",
        );
        return true;
      },
    );
  });
});
