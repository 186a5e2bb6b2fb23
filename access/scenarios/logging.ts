/**
 * The operator's invocation logs (docs/operator.md): the log bucket's and key's resource policies
 * let Bedrock, and the CloudTrail trail when it is on, write only their own objects for this
 * account. Service principals have no identity policies, so the resource policy alone decides.
 * None when invocation logging is off.
 *
 * The key's CloudWatch Logs statement is not here: iam-simulate normalises
 * `kms:EncryptionContext:<key>` to its spec name, so that condition evaluates as missing;
 * tests/infra/logging-policies.spec.ts asserts that statement exactly instead.
 */
import { FOREIGN_ACCOUNT_ID, type LoggingIds, type MatrixIds, type Scenario } from "../types";

export function loggingScenarios(ids: MatrixIds): Scenario[] {
  if (ids.logging === undefined) return [];
  const account = ids.operatorAccountId;
  const bedrockSource = (accountId: string) => ({
    "aws:SourceAccount": accountId,
    "aws:SourceArn": `arn:aws:bedrock:${ids.region}:${accountId}:*`,
    "aws:SecureTransport": "true",
  });
  const fromThisAccount = bedrockSource(account);
  const base = { phase: "hardened", region: ids.region, path: "no-endpoint", guardrails: "none" } as const;
  const bedrock = { ...base, caller: "bedrock-service", resourceAccountId: account } as const;
  const objects = (logging: LoggingIds) => `arn:aws:s3:::${logging.bucketName}`;
  const logObject = `${objects(ids.logging)}/${ids.logging.keyPrefix}/AWSLogs/${account}/BedrockModelInvocationLogs/${ids.region}/2026/11/23/00/x.json.gz`;
  const list: Scenario[] = [
    {
      ...bedrock,
      id: "L01",
      title: "logging: Bedrock generates data keys of the log key for this account",
      expected: "Allowed",
      action: "kms:GenerateDataKey",
      resource: ids.logging.keyArn,
      resourcePolicy: "log-key",
      context: fromThisAccount,
    },
    {
      ...bedrock,
      id: "L02",
      title: "logging: Bedrock cannot decrypt with the log key",
      expected: "Denied",
      action: "kms:Decrypt",
      resource: ids.logging.keyArn,
      resourcePolicy: "log-key",
      context: fromThisAccount,
    },
    {
      ...bedrock,
      id: "L03",
      title: "logging: Bedrock acting for another account cannot use the log key",
      expected: "Denied",
      action: "kms:GenerateDataKey",
      resource: ids.logging.keyArn,
      resourcePolicy: "log-key",
      context: bedrockSource(FOREIGN_ACCOUNT_ID),
    },
    {
      ...bedrock,
      id: "L04",
      title: "logging: Bedrock writes invocation logs under the prefix for this account",
      expected: "Allowed",
      action: "s3:PutObject",
      resource: logObject,
      resourcePolicy: "log-bucket",
      context: fromThisAccount,
    },
    {
      ...bedrock,
      id: "L05",
      title: "logging: Bedrock cannot write outside the log prefix",
      expected: "Denied",
      action: "s3:PutObject",
      resource: `${objects(ids.logging)}/elsewhere/x.json`,
      resourcePolicy: "log-bucket",
      context: fromThisAccount,
    },
    {
      ...bedrock,
      id: "L06",
      title: "logging: Bedrock acting for another account cannot write to the log bucket",
      expected: "Denied",
      action: "s3:PutObject",
      resource: logObject,
      resourcePolicy: "log-bucket",
      context: bedrockSource(FOREIGN_ACCOUNT_ID),
    },
    {
      ...bedrock,
      id: "L07",
      title: "logging: no write to the log bucket without TLS",
      expected: "Denied",
      action: "s3:PutObject",
      resource: logObject,
      resourcePolicy: "log-bucket",
      context: { ...fromThisAccount, "aws:SecureTransport": "false" },
    },
    {
      ...bedrock,
      id: "L08",
      title: "logging: Bedrock cannot read the logs back",
      expected: "Denied",
      action: "s3:GetObject",
      resource: logObject,
      resourcePolicy: "log-bucket",
      context: fromThisAccount,
    },
  ];
  const trailFile = (logging: LoggingIds) =>
    `${objects(logging)}/cloudtrail/AWSLogs/${account}/CloudTrail/${ids.region}/2026/11/23/x.json.gz`;
  const cloudtrail = { ...base, caller: "cloudtrail-service", resourceAccountId: account } as const;
  if (ids.logging.trailArn === undefined) {
    list.push({
      ...cloudtrail,
      id: "L12",
      title: "logging: without the trail (invocationLogging.cloudTrail), CloudTrail cannot write to the bucket",
      expected: "Denied",
      action: "s3:PutObject",
      resource: trailFile(ids.logging),
      resourcePolicy: "log-bucket",
      context: {
        "aws:SourceArn": `arn:aws:cloudtrail:${ids.region}:${account}:trail/bedrock-lz-audit-${ids.region}`,
        "aws:SecureTransport": "true",
        "s3:x-amz-acl": "bucket-owner-full-control",
      },
    });
  }
  const withTrail = ids.loggingTrail;
  if (withTrail?.trailArn !== undefined) {
    const fromTrail = {
      "aws:SourceArn": withTrail.trailArn,
      "aws:SecureTransport": "true",
      "s3:x-amz-acl": "bucket-owner-full-control",
    };
    const trail = { ...cloudtrail, resourcePolicy: "trail-log-bucket" } as const;
    const otherTrail = `${withTrail.trailArn.slice(0, withTrail.trailArn.lastIndexOf("/"))}/someone-elses-trail`;
    list.push(
      {
        ...trail,
        id: "L09",
        title: "logging: the trail writes its own files with the owner-full-control ACL",
        expected: "Allowed",
        action: "s3:PutObject",
        resource: trailFile(withTrail),
        context: fromTrail,
      },
      {
        ...trail,
        id: "L10",
        title: "logging: the trail cannot write files with another ACL",
        expected: "Denied",
        action: "s3:PutObject",
        resource: trailFile(withTrail),
        context: { ...fromTrail, "s3:x-amz-acl": "private" },
      },
      {
        ...trail,
        id: "L11",
        title: "logging: another trail cannot write to the log bucket",
        expected: "Denied",
        action: "s3:PutObject",
        resource: trailFile(withTrail),
        context: { ...fromTrail, "aws:SourceArn": otherTrail },
      },
      {
        ...trail,
        id: "L15",
        title: "logging: the trail cannot write into the invocation-log prefix",
        expected: "Denied",
        action: "s3:PutObject",
        resource: logObject,
        context: fromTrail,
      },
      {
        ...trail,
        id: "L13",
        title: "logging: the trail checks the bucket's ACL",
        expected: "Allowed",
        action: "s3:GetBucketAcl",
        resource: objects(withTrail),
        context: { "aws:SourceArn": withTrail.trailArn, "aws:SecureTransport": "true" },
      },
      {
        ...trail,
        id: "L14",
        title: "logging: another trail cannot read the bucket's ACL",
        expected: "Denied",
        action: "s3:GetBucketAcl",
        resource: objects(withTrail),
        context: { "aws:SourceArn": otherTrail, "aws:SecureTransport": "true" },
      },
    );
  }
  return list;
}
