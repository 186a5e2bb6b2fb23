import { strict as assert } from "node:assert";
import {
  type InvocationLogTarget,
  bedrockLoggingRolePolicy,
  bedrockLoggingRoleTrustPolicy,
  invocationLogBucketPolicy,
  invocationLogKeyPolicy,
  invocationLogObjectsArn,
} from "../../infra/logging-policies";
import { bucketArn, logGroupArn } from "../../infra/arns";

const target: InvocationLogTarget = {
  region: "ap-northeast-1",
  accountId: "111111111111",
  logGroupName: "/bedrock-lz/bedrock-model-invocations",
  bucketName: "bedrock-lz-invocation-logs-111111111111-ap-northeast-1",
  keyPrefix: "bedrock-invocation-logs",
};

const FROM_BEDROCK_IN_THIS_ACCOUNT = {
  StringEquals: { "aws:SourceAccount": "111111111111" },
  ArnLike: { "aws:SourceArn": "arn:aws:bedrock:ap-northeast-1:111111111111:*" },
};

describe("invocation logging documents", () => {
  it("builds the log group, bucket and object ARNs from config names", () => {
    assert.equal(
      logGroupArn("ap-northeast-3", "111111111111", "/x/y"),
      "arn:aws:logs:ap-northeast-3:111111111111:log-group:/x/y",
    );
    assert.equal(bucketArn("b"), "arn:aws:s3:::b");
    assert.equal(
      invocationLogObjectsArn(target),
      "arn:aws:s3:::bedrock-lz-invocation-logs-111111111111-ap-northeast-1/bedrock-invocation-logs/AWSLogs/111111111111/BedrockModelInvocationLogs/*",
    );
  });

  it("key policy: account IAM, CloudWatch Logs for this log group only, Bedrock for this account only", () => {
    assert.deepEqual(invocationLogKeyPolicy(target), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EnableIamPoliciesOfThisAccount",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111111111111:root" },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "CloudWatchLogsEncryptsTheInvocationLogGroupOnly",
          Effect: "Allow",
          Principal: { Service: "logs.ap-northeast-1.amazonaws.com" },
          Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          Resource: "*",
          Condition: {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn":
                "arn:aws:logs:ap-northeast-1:111111111111:log-group:/bedrock-lz/bedrock-model-invocations",
            },
          },
        },
        {
          Sid: "BedrockWritesEncryptedInvocationLogsForThisAccount",
          Effect: "Allow",
          Principal: { Service: "bedrock.amazonaws.com" },
          Action: "kms:GenerateDataKey",
          Resource: "*",
          Condition: FROM_BEDROCK_IN_THIS_ACCOUNT,
        },
      ],
    });
  });

  it("names the CloudWatch Logs principal of the configured region (Osaka)", () => {
    const osaka = invocationLogKeyPolicy({ ...target, region: "ap-northeast-3" });
    assert.deepEqual(osaka.Statement[1].Principal, { Service: "logs.ap-northeast-3.amazonaws.com" });
    assert.deepEqual(osaka.Statement[2].Condition?.ArnLike, {
      "aws:SourceArn": "arn:aws:bedrock:ap-northeast-3:111111111111:*",
    });
  });

  it("bucket policy: TLS only, and Bedrock may only put objects under its prefix for this account", () => {
    const bucket = "arn:aws:s3:::bedrock-lz-invocation-logs-111111111111-ap-northeast-1";
    assert.deepEqual(invocationLogBucketPolicy(target), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucket, `${bucket}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "AmazonBedrockLogsWrite",
          Effect: "Allow",
          Principal: { Service: "bedrock.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${bucket}/bedrock-invocation-logs/AWSLogs/111111111111/BedrockModelInvocationLogs/*`,
          Condition: FROM_BEDROCK_IN_THIS_ACCOUNT,
        },
      ],
    });
  });

  it("with a CloudTrail trail: the key and bucket policies gain exactly its statements", () => {
    const withTrail = { ...target, trailName: "bedrock-lz-audit-ap-northeast-1" };
    const trail = "arn:aws:cloudtrail:ap-northeast-1:111111111111:trail/bedrock-lz-audit-ap-northeast-1";
    assert.deepEqual(invocationLogKeyPolicy(withTrail).Statement, [
      ...invocationLogKeyPolicy(target).Statement,
      {
        Sid: "CloudTrailEncryptsTheAuditTrailOnly",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": trail },
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*" },
        },
      },
      {
        Sid: "CloudTrailDescribesTheKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": trail } },
      },
    ]);
    const bucket = "arn:aws:s3:::bedrock-lz-invocation-logs-111111111111-ap-northeast-1";
    assert.deepEqual(invocationLogBucketPolicy(withTrail).Statement, [
      ...invocationLogBucketPolicy(target).Statement,
      {
        Sid: "AWSCloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucket,
        Condition: { StringEquals: { "aws:SourceArn": trail } },
      },
      {
        Sid: "AWSCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucket}/cloudtrail/AWSLogs/111111111111/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trail } },
      },
    ]);
  });

  it("logging role: trusted by Bedrock for this account, writes to the one log group", () => {
    assert.deepEqual(bedrockLoggingRoleTrustPolicy(target), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "BedrockDeliversInvocationLogsForThisAccount",
          Effect: "Allow",
          Principal: { Service: "bedrock.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: FROM_BEDROCK_IN_THIS_ACCOUNT,
        },
      ],
    });
    assert.deepEqual(bedrockLoggingRolePolicy(target), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "WriteInvocationLogGroupOnly",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: "arn:aws:logs:ap-northeast-1:111111111111:log-group:/bedrock-lz/bedrock-model-invocations:*",
        },
      ],
    });
  });
});
