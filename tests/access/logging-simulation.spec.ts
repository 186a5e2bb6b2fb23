import { strict as assert } from "node:assert";
import { simulate } from "../../access/simulator";
import {
  type InvocationLogTarget,
  invocationLogBucketPolicy,
  invocationLogKeyPolicy,
} from "../../infra/logging-policies";
import type { PolicyDocument } from "../../infra/iam/document";

const ACCOUNT = "111111111111";
const target: InvocationLogTarget = {
  region: "ap-northeast-1",
  accountId: ACCOUNT,
  logGroupName: "/bedrock-lz/bedrock-model-invocations",
  bucketName: "bedrock-lz-invocation-logs-111111111111-ap-northeast-1",
  keyPrefix: "bedrock-invocation-logs",
};
const KEY_ARN = `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OBJECT = `arn:aws:s3:::${target.bucketName}/bedrock-invocation-logs/AWSLogs/${ACCOUNT}/BedrockModelInvocationLogs/ap-northeast-1/2026/11/23/00/x.json.gz`;
const FROM_THIS_ACCOUNT = {
  "aws:SourceAccount": ACCOUNT,
  "aws:SourceArn": `arn:aws:bedrock:ap-northeast-1:${ACCOUNT}:*`,
  "aws:SecureTransport": "true",
};

/** Service principals have no identity policies: the resource policy alone decides. */
async function decide(
  resourcePolicy: PolicyDocument,
  principal: string,
  action: string,
  resource: string,
  contextVariables: Record<string, string>,
): Promise<string> {
  const decision = await simulate({
    principal,
    action,
    resource,
    resourceAccountId: ACCOUNT,
    context: contextVariables,
    resourcePolicy,
  });
  return decision.result;
}

describe("invocation logging documents evaluated by @cloud-copilot/iam-simulate", () => {
  const keyPolicy = invocationLogKeyPolicy(target);
  const bucketPolicy = invocationLogBucketPolicy(target);

  // The CloudWatch Logs statement is asserted exactly in logging-policies.spec.ts but not simulated:
  // iam-simulate 0.1 normalises `kms:EncryptionContext:<key>` to its spec name (it only expands
  // `/`-style variables), so any encryption-context condition evaluates as missing there.

  it("Bedrock may only generate data keys, and only for this account", async () => {
    const bedrock = "bedrock.amazonaws.com";
    assert.equal(await decide(keyPolicy, bedrock, "kms:GenerateDataKey", KEY_ARN, FROM_THIS_ACCOUNT), "Allowed");
    assert.equal(await decide(keyPolicy, bedrock, "kms:Decrypt", KEY_ARN, FROM_THIS_ACCOUNT), "ImplicitlyDenied");
    assert.equal(
      await decide(keyPolicy, bedrock, "kms:GenerateDataKey", KEY_ARN, {
        ...FROM_THIS_ACCOUNT,
        "aws:SourceAccount": "999999999999",
        "aws:SourceArn": "arn:aws:bedrock:ap-northeast-1:999999999999:*",
      }),
      "ImplicitlyDenied",
    );
  });

  it("CloudTrail may write only its own trail's files, with the owner-full-control ACL", async () => {
    const withTrail = invocationLogBucketPolicy({ ...target, trailName: "bedrock-lz-audit-ap-northeast-1" });
    const cloudtrail = "cloudtrail.amazonaws.com";
    const file = `arn:aws:s3:::${target.bucketName}/cloudtrail/AWSLogs/${ACCOUNT}/CloudTrail/ap-northeast-1/2026/11/23/x.json.gz`;
    const fromTrail = {
      "aws:SourceArn": `arn:aws:cloudtrail:ap-northeast-1:${ACCOUNT}:trail/bedrock-lz-audit-ap-northeast-1`,
      "aws:SecureTransport": "true",
      "s3:x-amz-acl": "bucket-owner-full-control",
    };
    assert.equal(await decide(withTrail, cloudtrail, "s3:PutObject", file, fromTrail), "Allowed");
    assert.equal(
      await decide(withTrail, cloudtrail, "s3:PutObject", file, { ...fromTrail, "s3:x-amz-acl": "private" }),
      "ImplicitlyDenied",
    );
    assert.equal(
      await decide(withTrail, cloudtrail, "s3:PutObject", file, {
        ...fromTrail,
        "aws:SourceArn": `arn:aws:cloudtrail:ap-northeast-1:${ACCOUNT}:trail/someone-elses-trail`,
      }),
      "ImplicitlyDenied",
    );
    // Without the trail toggle, CloudTrail has no access at all.
    assert.equal(await decide(bucketPolicy, cloudtrail, "s3:PutObject", file, fromTrail), "ImplicitlyDenied");
  });

  it("Bedrock may put log objects under its prefix for this account, over TLS only", async () => {
    const bedrock = "bedrock.amazonaws.com";
    assert.equal(await decide(bucketPolicy, bedrock, "s3:PutObject", OBJECT, FROM_THIS_ACCOUNT), "Allowed");
    assert.equal(
      await decide(
        bucketPolicy,
        bedrock,
        "s3:PutObject",
        `arn:aws:s3:::${target.bucketName}/elsewhere/x.json`,
        FROM_THIS_ACCOUNT,
      ),
      "ImplicitlyDenied",
    );
    assert.equal(
      await decide(bucketPolicy, bedrock, "s3:PutObject", OBJECT, {
        ...FROM_THIS_ACCOUNT,
        "aws:SourceAccount": "999999999999",
      }),
      "ImplicitlyDenied",
    );
    assert.equal(
      await decide(bucketPolicy, bedrock, "s3:PutObject", OBJECT, {
        ...FROM_THIS_ACCOUNT,
        "aws:SecureTransport": "false",
      }),
      "ExplicitlyDenied",
    );
    assert.equal(await decide(bucketPolicy, bedrock, "s3:GetObject", OBJECT, FROM_THIS_ACCOUNT), "ImplicitlyDenied");
  });
});
