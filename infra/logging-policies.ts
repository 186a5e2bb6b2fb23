/**
 * Pure builders for the documents of model invocation logging (docs/design.md §4.6): the KMS key policy,
 * the log bucket policy and the Bedrock logging service role. Names are fixed by config, so every
 * ARN is known before anything exists and the key policy can name the log group it will encrypt
 * (the log group needs the key first, so the key policy cannot wait for the log group's output).
 */
import { accountRootArn, bedrockSourceArnPattern, bucketArn, logGroupArn, trailArn } from "./arns";
import { type PolicyDocument, type PolicyStatement, policyDocument } from "./iam/document";

export const BEDROCK_SERVICE_PRINCIPAL = "bedrock.amazonaws.com";

/** Everything the logging documents depend on; all plain strings from validated config. */
export interface InvocationLogTarget {
  readonly region: string;
  readonly accountId: string;
  readonly logGroupName: string;
  readonly bucketName: string;
  readonly keyPrefix: string;
  /** Set when a CloudTrail trail of this name delivers to the same bucket and key. */
  readonly trailName?: string;
}

/** Where the optional trail writes inside the log bucket. */
export const CLOUDTRAIL_KEY_PREFIX = "cloudtrail";
const CLOUDTRAIL_SERVICE_PRINCIPAL = "cloudtrail.amazonaws.com";

/** Where Bedrock writes: `<prefix>/AWSLogs/<account>/BedrockModelInvocationLogs/...`. */
export function invocationLogObjectsArn(target: InvocationLogTarget): string {
  return `${bucketArn(target.bucketName)}/${target.keyPrefix}/AWSLogs/${target.accountId}/BedrockModelInvocationLogs/*`;
}

/** Confused-deputy guard for the Bedrock service principal: only calls made for this account. */
function fromBedrockInThisAccount(target: InvocationLogTarget) {
  return {
    StringEquals: { "aws:SourceAccount": target.accountId },
    ArnLike: { "aws:SourceArn": bedrockSourceArnPattern(target.region, target.accountId) },
  };
}

export function invocationLogKeyPolicy(target: InvocationLogTarget): PolicyDocument {
  const trail =
    target.trailName !== undefined ? trailArn(target.region, target.accountId, target.trailName) : undefined;
  const statements: PolicyStatement[] = [
    {
      // Without it no IAM policy in the account could manage or use the key (KMS default statement).
      Sid: "EnableIamPoliciesOfThisAccount",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(target.accountId) },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "CloudWatchLogsEncryptsTheInvocationLogGroupOnly",
      Effect: "Allow",
      Principal: { Service: `logs.${target.region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnEquals: {
          "kms:EncryptionContext:aws:logs:arn": logGroupArn(target.region, target.accountId, target.logGroupName),
        },
      },
    },
    {
      // S3 asks KMS for the data key of an SSE-KMS object as the writer, here the Bedrock service.
      Sid: "BedrockWritesEncryptedInvocationLogsForThisAccount",
      Effect: "Allow",
      Principal: { Service: BEDROCK_SERVICE_PRINCIPAL },
      Action: "kms:GenerateDataKey",
      Resource: "*",
      Condition: fromBedrockInThisAccount(target),
    },
  ];
  if (trail !== undefined) {
    statements.push(
      {
        // The encryption context names the trail; aws:SourceArn pins the caller to this trail.
        Sid: "CloudTrailEncryptsTheAuditTrailOnly",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL_SERVICE_PRINCIPAL },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": trail },
          StringLike: {
            "kms:EncryptionContext:aws:cloudtrail:arn": trailArn("*", target.accountId, "*"),
          },
        },
      },
      {
        Sid: "CloudTrailDescribesTheKey",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL_SERVICE_PRINCIPAL },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": trail } },
      },
    );
  }
  return policyDocument(...statements);
}

export function invocationLogBucketPolicy(target: InvocationLogTarget): PolicyDocument {
  const bucket = bucketArn(target.bucketName);
  const statements: PolicyStatement[] = [
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
      Principal: { Service: BEDROCK_SERVICE_PRINCIPAL },
      Action: "s3:PutObject",
      Resource: invocationLogObjectsArn(target),
      Condition: fromBedrockInThisAccount(target),
    },
  ];
  if (target.trailName !== undefined) {
    const trail = trailArn(target.region, target.accountId, target.trailName);
    statements.push(
      {
        Sid: "AWSCloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL_SERVICE_PRINCIPAL },
        Action: "s3:GetBucketAcl",
        Resource: bucket,
        Condition: { StringEquals: { "aws:SourceArn": trail } },
      },
      {
        Sid: "AWSCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL_SERVICE_PRINCIPAL },
        Action: "s3:PutObject",
        Resource: `${bucket}/${CLOUDTRAIL_KEY_PREFIX}/AWSLogs/${target.accountId}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trail } },
      },
    );
  }
  return policyDocument(...statements);
}

/** The role Bedrock assumes to write to CloudWatch Logs (`cloudwatchConfig.roleArn`). */
export function bedrockLoggingRoleTrustPolicy(target: InvocationLogTarget): PolicyDocument {
  return policyDocument({
    Sid: "BedrockDeliversInvocationLogsForThisAccount",
    Effect: "Allow",
    Principal: { Service: BEDROCK_SERVICE_PRINCIPAL },
    Action: "sts:AssumeRole",
    Condition: fromBedrockInThisAccount(target),
  });
}

export function bedrockLoggingRolePolicy(target: InvocationLogTarget): PolicyDocument {
  const group = logGroupArn(target.region, target.accountId, target.logGroupName);
  return policyDocument({
    Sid: "WriteInvocationLogGroupOnly",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    // `:*` covers the group's streams (PutLogEvents is authorised on the stream) and nothing else.
    Resource: `${group}:*`,
  });
}
