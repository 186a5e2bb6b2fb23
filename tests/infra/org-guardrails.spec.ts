import * as assert from "node:assert/strict";
import fc from "fast-check";
import { INFERENCE_PROFILE_CATALOG } from "../../infra/catalog";
import {
  GLOBAL_SERVICE_ACTIONS,
  INVOKE_ROLE_ARN_PATTERN,
  PolicySizeError,
  allowedRegions,
  bedrockScp,
  municipalityOrgGuardrails,
  operatorEndpointRuleIsExact,
  operatorOrgGuardrails,
  permissionBoundary,
  regionGuardScp,
} from "../../infra/org-guardrails";
import type { PolicyDocument, PolicyStatement } from "../../infra/iam/document";

/**
 * AWS limits written out here (AWS Organizations quotas: SCP 5,120 characters; IAM quotas:
 * managed policy 6,144), and sizes measured here, so a wrong constant or measure in the code
 * under test cannot hide a document AWS would refuse.
 */
const AWS_LIMITS = { scp: 5120, managedPolicy: 6144 };
const compactSize = (document: object) => JSON.stringify(document).length;

/** `count` distinct endpoint ids of the real length (17 hex digits). */
function endpointIds(count: number, seed: number): string[] {
  return Array.from({ length: count }, (_, i) => `vpce-${(seed + i).toString(16).padStart(17, "0")}`);
}

function endpointRuleOf(document: PolicyDocument): PolicyStatement | undefined {
  return document.Statement.find((statement) => statement.Sid === "DenyBedrockOutsideApprovedEndpoints");
}

function withEndpointCondition(document: PolicyDocument, condition: object): PolicyDocument {
  return {
    ...document,
    Statement: document.Statement.map((statement) =>
      statement.Sid === "DenyBedrockOutsideApprovedEndpoints"
        ? { ...statement, Condition: condition as never }
        : statement,
    ),
  };
}

const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const JP_PROFILES = "arn:aws:bedrock:*:*:inference-profile/jp.*";
const ANY_FM = "arn:aws:bedrock:*::foundation-model/*";

const REGION_GUARD = {
  Sid: "DenyOutsideJapanRegions",
  Effect: "Deny",
  NotAction: GLOBAL_SERVICE_ACTIONS,
  Resource: "*",
  Condition: { StringNotEquals: { "aws:RequestedRegion": ["ap-northeast-1", "ap-northeast-3"] } },
};
const DENY_NON_JP_PROFILES = {
  Sid: "DenyInferenceOutsideJapanProfiles",
  Effect: "Deny",
  Action: INVOKE,
  NotResource: [JP_PROFILES, ANY_FM],
};
const DENY_FM_OUTSIDE_JP = {
  Sid: "DenyFoundationModelsOutsideJapanProfiles",
  Effect: "Deny",
  Action: INVOKE,
  Resource: ANY_FM,
  Condition: { StringNotLike: { "bedrock:InferenceProfileArn": JP_PROFILES } },
};

describe("guardrail documents (infra/org-guardrails.ts)", () => {
  it("allows exactly Tokyo and Osaka, which are every destination of every catalog profile", () => {
    assert.deepEqual(allowedRegions(), ["ap-northeast-1", "ap-northeast-3"]);
    for (const entry of Object.values(INFERENCE_PROFILE_CATALOG)) {
      for (const region of entry.destinationRegions) assert.ok(allowedRegions().includes(region), region);
    }
  });

  it("derives the regions from the catalog, so a new destination is never blocked", () => {
    const catalog = {
      "jp.example": {
        modelId: "m",
        displayName: "x",
        destinationRegions: ["ap-northeast-3"],
        sourceRegions: ["ap-northeast-1"],
      },
      "jp.other": {
        modelId: "n",
        displayName: "y",
        destinationRegions: ["ap-northeast-2"],
        sourceRegions: ["ap-northeast-1"],
      },
    } as never;
    assert.deepEqual(allowedRegions(catalog), ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3"]);
  });

  it("region guard: one Deny on aws:RequestedRegion exempting global services, never Bedrock or KMS", () => {
    assert.deepEqual(regionGuardScp(), { Version: "2012-10-17", Statement: [REGION_GUARD] });
    for (const exempt of ["iam:*", "sts:*", "organizations:*", "support:*", "cloudfront:*", "route53:*", "budgets:*"]) {
      assert.ok((GLOBAL_SERVICE_ACTIONS as readonly string[]).includes(exempt), exempt);
    }
    assert.ok(!GLOBAL_SERVICE_ACTIONS.some((a) => a.startsWith("bedrock:") || a.startsWith("kms:")));
  });

  it("Bedrock SCP without known endpoints: only the jp. profile and foundation-model rules", () => {
    assert.deepEqual(bedrockScp({ approvedEndpointIds: [] }), {
      Version: "2012-10-17",
      Statement: [DENY_NON_JP_PROFILES, DENY_FM_OUTSIDE_JP],
    });
  });

  it("operator Bedrock SCP binds the endpoint rule to the invoke roles only", () => {
    const docs = operatorOrgGuardrails(["vpce-0bbbbbbbbbbbbbbbb", "vpce-0aaaaaaaaaaaaaaaa"]);
    assert.deepEqual(docs.bedrockScp.Statement[2], {
      Sid: "DenyBedrockOutsideApprovedEndpoints",
      Effect: "Deny",
      Action: "bedrock:*",
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:SourceVpce": ["vpce-0aaaaaaaaaaaaaaaa", "vpce-0bbbbbbbbbbbbbbbb"] },
        ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/bedrock-lz-invoke-*"] },
      },
    });
    assert.deepEqual(docs.bedrockScp.Statement.slice(0, 2), [DENY_NON_JP_PROFILES, DENY_FM_OUTSIDE_JP]);
  });

  it("municipality Bedrock SCP binds every principal of the account", () => {
    const docs = municipalityOrgGuardrails(["vpce-0aaaaaaaaaaaaaaaa"]);
    assert.deepEqual(docs.bedrockScp.Statement[2], {
      Sid: "DenyBedrockOutsideApprovedEndpoints",
      Effect: "Deny",
      Action: "bedrock:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-0aaaaaaaaaaaaaaaa"] } },
    });
    assert.deepEqual(docs.regionGuardScp, regionGuardScp());
  });

  it("permission boundary: allow up to the same denies, without a principal condition", () => {
    assert.deepEqual(permissionBoundary({ approvedEndpointIds: ["vpce-0aaaaaaaaaaaaaaaa"] }), {
      Version: "2012-10-17",
      Statement: [
        { Sid: "AllowWithinGuardrails", Effect: "Allow", Action: "*", Resource: "*" },
        REGION_GUARD,
        DENY_NON_JP_PROFILES,
        DENY_FM_OUTSIDE_JP,
        {
          Sid: "DenyBedrockOutsideApprovedEndpoints",
          Effect: "Deny",
          Action: "bedrock:*",
          Resource: "*",
          Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-0aaaaaaaaaaaaaaaa"] } },
        },
      ],
    });
    assert.deepEqual(
      operatorOrgGuardrails(["vpce-0aaaaaaaaaaaaaaaa"]).permissionBoundary,
      municipalityOrgGuardrails(["vpce-0aaaaaaaaaaaaaaaa"]).permissionBoundary,
    );
  });

  it("lists a hundred municipalities' endpoints exactly, within the AWS size limits", () => {
    const ids = endpointIds(100, 0);
    const docs = operatorOrgGuardrails(ids);
    assert.deepEqual(endpointRuleOf(docs.bedrockScp)?.Condition?.StringNotEquals, {
      "aws:SourceVpce": [...ids].sort(),
    });
    assert.ok(compactSize(docs.bedrockScp) <= AWS_LIMITS.scp, String(compactSize(docs.bedrockScp)));
    assert.ok(compactSize(docs.permissionBoundary) <= AWS_LIMITS.managedPolicy);
  });

  it("operator: lists the endpoints exactly whenever that fits, and degrades only when it would not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 320 }), fc.nat({ max: 2 ** 40 }), (count, seed) => {
        const ids = endpointIds(count, seed);
        const docs = operatorOrgGuardrails(ids);
        assert.ok(compactSize(docs.regionGuardScp) <= AWS_LIMITS.scp);
        assert.ok(compactSize(docs.bedrockScp) <= AWS_LIMITS.scp, `${count}: ${compactSize(docs.bedrockScp)}`);
        assert.ok(compactSize(docs.permissionBoundary) <= AWS_LIMITS.managedPolicy);
        const exact = { StringNotEquals: { "aws:SourceVpce": [...ids].sort() } };
        const scpRule = endpointRuleOf(docs.bedrockScp)!;
        const boundaryRule = endpointRuleOf(docs.permissionBoundary)!;
        if (scpRule.Condition?.StringNotEquals !== undefined) {
          assert.deepEqual(scpRule.Condition, { ...exact, ArnLike: { "aws:PrincipalArn": [INVOKE_ROLE_ARN_PATTERN] } });
          assert.deepEqual(boundaryRule.Condition, exact);
        } else {
          // Degraded: the exact form must really be too large for one of the two documents.
          assert.deepEqual(scpRule.Condition, {
            Null: { "aws:SourceVpce": "true" },
            ArnLike: { "aws:PrincipalArn": [INVOKE_ROLE_ARN_PATTERN] },
          });
          assert.deepEqual(boundaryRule.Condition, { Null: { "aws:SourceVpce": "true" } });
          const exactScp = withEndpointCondition(docs.bedrockScp, { ...exact, ArnLike: scpRule.Condition.ArnLike });
          const exactBoundary = withEndpointCondition(docs.permissionBoundary, exact);
          assert.ok(
            compactSize(exactScp) > AWS_LIMITS.scp || compactSize(exactBoundary) > AWS_LIMITS.managedPolicy,
            `${count} endpoints would have fitted: ${compactSize(exactScp)}, ${compactSize(exactBoundary)}`,
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it("municipality: returns exact documents within the limits, or refuses with the size that is over", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 320 }), fc.nat({ max: 2 ** 40 }), (count, seed) => {
        const ids = endpointIds(count, seed);
        const exact = { StringNotEquals: { "aws:SourceVpce": [...ids].sort() } };
        let docs: ReturnType<typeof municipalityOrgGuardrails>;
        try {
          docs = municipalityOrgGuardrails(ids);
        } catch (error) {
          assert.ok(error instanceof PolicySizeError, String(error));
          const [, what, size, limit] = /^(.+) is (\d+) characters, over the AWS limit of (\d+); /.exec(error.message)!;
          assert.ok(Number(size) > Number(limit), error.message);
          const document = { "Bedrock SCP": bedrockScp, "permission boundary": permissionBoundary }[what];
          assert.ok(document, what);
          assert.equal(compactSize(document({ approvedEndpointIds: ids })), Number(size));
          assert.equal(Number(limit), what === "Bedrock SCP" ? AWS_LIMITS.scp : AWS_LIMITS.managedPolicy);
          return;
        }
        assert.deepEqual(endpointRuleOf(docs.bedrockScp)?.Condition, exact);
        assert.deepEqual(endpointRuleOf(docs.permissionBoundary)?.Condition, exact);
        assert.ok(compactSize(docs.bedrockScp) <= AWS_LIMITS.scp);
        assert.ok(compactSize(docs.permissionBoundary) <= AWS_LIMITS.managedPolicy);
      }),
      { numRuns: 150 },
    );
  });

  it("an operator with more endpoints than an SCP can list requires some VPC endpoint instead", () => {
    const ids = Array.from({ length: 300 }, (_, i) => `vpce-0${i.toString(16).padStart(16, "0")}`);
    assert.equal(operatorEndpointRuleIsExact(ids), false);
    assert.equal(operatorEndpointRuleIsExact(ids.slice(0, 100)), true);
    const docs = operatorOrgGuardrails(ids);
    const rule = docs.bedrockScp.Statement.find((s) => s.Sid === "DenyBedrockOutsideApprovedEndpoints");
    assert.deepEqual(rule?.Condition, {
      Null: { "aws:SourceVpce": "true" },
      ArnLike: { "aws:PrincipalArn": [INVOKE_ROLE_ARN_PATTERN] },
    });
    assert.ok(compactSize(docs.bedrockScp) <= AWS_LIMITS.scp);
    assert.ok(compactSize(docs.permissionBoundary) <= AWS_LIMITS.managedPolicy);
  });

  it("refuses a document over the limit, naming it and its size", () => {
    // A municipality lists its own endpoints exactly; thousands cannot fit.
    const ids = Array.from({ length: 300 }, (_, i) => `vpce-0${i.toString(16).padStart(16, "0")}`);
    assert.throws(
      () => municipalityOrgGuardrails(ids),
      (error: unknown) =>
        error instanceof PolicySizeError &&
        /^Bedrock SCP is \d+ characters, over the AWS limit of 5120; /.test(error.message),
    );
  });
});
