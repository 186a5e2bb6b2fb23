import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type InvocationLogTarget,
  bedrockLoggingRolePolicy,
  bedrockLoggingRoleTrustPolicy,
  invocationLogBucketPolicy,
  invocationLogKeyPolicy,
} from "../infra/logging-policies";
import type { LogArchiveStorageClass } from "../infra/config";

/** KMS waits this long before a scheduled key deletion; the longest AWS allows. */
export const LOG_KEY_DELETION_WINDOW_DAYS = 30;

/** Arguments of {@link InvocationLogging}. */
export interface InvocationLoggingArgs {
  /** Region, account and the fixed names of the log group, bucket and key prefix. */
  readonly target: InvocationLogTarget;
  /** One of CloudWatch's allowed retention values (validated in config). */
  readonly retentionInDays: number;
  readonly archiveStorageClass: LogArchiveStorageClass;
  readonly archiveAfterDays: number;
  readonly imageDataDelivery: boolean;
  readonly embeddingDataDelivery: boolean;
  /** Adds Pulumi `protect` to the key and bucket (they are always retained on delete). */
  readonly protect: boolean;
  /** Name of the IAM role Bedrock assumes to write to CloudWatch Logs. */
  readonly loggingRoleName: string;
  readonly keyAlias: string;
  /** The stack's permission boundary, when it sets one on every role. */
  readonly permissionsBoundary?: pulumi.Input<string>;
}

/**
 * Bedrock model invocation logging for the operator account and region (docs/design.md §4.6): a KMS key
 * with rotation, a CloudWatch log group and an S3 bucket encrypted with it, the service role
 * Bedrock writes to CloudWatch with, and the account-wide logging configuration.
 *
 * Audit data outlives the stack: the key, the log group, the bucket and every setting that
 * guards the bucket are retained when the stack is destroyed or a resource is replaced
 * (`retainOnDelete`), and a replacement creates the new resource before forgetting the old one
 * (`deleteBeforeReplace: false`). `protect` can be added on top; docs/operator.md says how to
 * really delete them.
 */
export class InvocationLogging extends pulumi.ComponentResource {
  readonly keyArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly loggingRoleArn: pulumi.Output<string>;

  constructor(name: string, args: InvocationLoggingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:operator:InvocationLogging", name, {}, opts);
    const { target } = args;
    const retained: pulumi.CustomResourceOptions = { parent: this, retainOnDelete: true, deleteBeforeReplace: false };
    const guarded: pulumi.CustomResourceOptions = { ...retained, protect: args.protect };

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts Bedrock model invocation logs (${target.logGroupName}, s3://${target.bucketName})`,
        enableKeyRotation: true,
        deletionWindowInDays: LOG_KEY_DELETION_WINDOW_DAYS,
        policy: pulumi.jsonStringify(invocationLogKeyPolicy(target)),
      },
      guarded,
    );
    new aws.kms.Alias(`${name}-key-alias`, { name: args.keyAlias, targetKeyId: key.keyId }, retained);

    // The key policy must already name the group: CloudWatch checks it when the key is associated.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-log-group`,
      { name: target.logGroupName, kmsKeyId: key.arn, retentionInDays: args.retentionInDays },
      guarded,
    );

    const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: target.bucketName }, guarded);
    // Each guard of the bucket is retained with it: a retained bucket must not lose its settings.
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-bucket-public-access-block`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      retained,
    );
    new aws.s3.BucketVersioning(
      `${name}-bucket-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      retained,
    );
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-bucket-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
            // One data key per bucket instead of per object: far fewer KMS requests to pay for.
            bucketKeyEnabled: true,
          },
        ],
      },
      retained,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-bucket-lifecycle`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "archive-invocation-logs",
            status: "Enabled",
            filter: { prefix: `${target.keyPrefix}/` },
            transitions: [{ days: args.archiveAfterDays, storageClass: args.archiveStorageClass }],
            noncurrentVersionTransitions: [
              { noncurrentDays: args.archiveAfterDays, storageClass: args.archiveStorageClass },
            ],
          },
          {
            id: "abort-incomplete-multipart-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      retained,
    );
    const bucketPolicy = new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      { bucket: bucket.id, policy: pulumi.jsonStringify(invocationLogBucketPolicy(target)) },
      // The public access block must exist first, or a policy naming `Principal: "*"` races it.
      { ...retained, dependsOn: [publicAccessBlock] },
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.loggingRoleName,
        description: "Assumed by Amazon Bedrock to deliver model invocation logs to CloudWatch Logs",
        assumeRolePolicy: pulumi.jsonStringify(bedrockLoggingRoleTrustPolicy(target)),
        maxSessionDuration: 3600,
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-role-policy`,
      {
        role: role.name,
        name: "write-invocation-log-group",
        policy: pulumi.jsonStringify(bedrockLoggingRolePolicy(target)),
      },
      { parent: this },
    );

    // Bedrock validates the destinations when the configuration is put, so they come first.
    new aws.bedrockmodel.InvocationLoggingConfiguration(
      `${name}-configuration`,
      {
        loggingConfig: {
          textDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: args.imageDataDelivery,
          embeddingDataDeliveryEnabled: args.embeddingDataDelivery,
          cloudwatchConfig: { logGroupName: logGroup.name, roleArn: role.arn },
          s3Config: { bucketName: bucket.id, keyPrefix: target.keyPrefix },
        },
      },
      { parent: this, dependsOn: [bucketPolicy, encryption, rolePolicy] },
    );

    this.keyArn = key.arn;
    this.logGroupName = logGroup.name;
    this.bucketName = bucket.bucket;
    this.loggingRoleArn = role.arn;
    this.registerOutputs({
      keyArn: this.keyArn,
      logGroupName: this.logGroupName,
      bucketName: this.bucketName,
      loggingRoleArn: this.loggingRoleArn,
    });
  }
}
