/**
 * Model invocation logging of the operator account (docs/design.md §4.6): a KMS key, a CloudWatch
 * log group, an S3 bucket, the logging role and the account's logging configuration.
 */
import { z } from "zod";
import { CHARACTERS } from "../characters";
import { PROJECT } from "../../naming";
import { bool, refusedByModel, refuse } from "../fields";
import { CONFIG_MESSAGES as m } from "../messages";

/** The only values CloudWatch Logs accepts for `retentionInDays` (PutRetentionPolicy API). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const DEFAULT_RETENTION_DAYS = 365;
export const DEFAULT_LOG_GROUP_NAME = `/${PROJECT}/bedrock-model-invocations`;
export const DEFAULT_LOG_KEY_PREFIX = "bedrock-invocation-logs";

/** Infrequent-access classes the log bucket may move objects to. */
export const LOG_ARCHIVE_STORAGE_CLASSES = ["STANDARD_IA", "INTELLIGENT_TIERING"] as const;
export type LogArchiveStorageClass = (typeof LOG_ARCHIVE_STORAGE_CLASSES)[number];
/** S3 refuses a STANDARD_IA transition earlier than 30 days after creation. */
export const STANDARD_IA_MINIMUM_DAYS = 30;

const retentionInDays = z
  .number({ error: m.retentionDays({ values: CLOUDWATCH_RETENTION_DAYS.join(", ") }) })
  .refine((days) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days), {
    error: (issue) => m.retentionDaysValue({ days: String(issue.input), values: CLOUDWATCH_RETENTION_DAYS.join(", ") }),
  })
  .default(DEFAULT_RETENTION_DAYS);

const LOG_GROUP_NAME_MESSAGE = m.logGroupName;
const BUCKET_NAME_MESSAGE = m.bucketName;
const KEY_PREFIX_MESSAGE = m.keyPrefix;
const ARCHIVE_DAYS_MESSAGE = m.archiveDays;

const invocationLoggingFields = z.strictObject({
  enabled: bool(true).meta({
    description:
      "Model invocation logging: KMS key, CloudWatch log group, S3 bucket, Bedrock logging role and the account's logging configuration for this region.",
    descriptionJa:
      "モデル呼び出しログ: KMS キー、CloudWatch ロググループ、S3 バケット、Bedrock のログ記録用ロール、このリージョンでのアカウントのログ設定。",
  }),
  logGroupName: z
    .string({ error: LOG_GROUP_NAME_MESSAGE })
    .regex(/^[\w\-/.#]{1,512}$/, { error: LOG_GROUP_NAME_MESSAGE, abort: true })
    .superRefine(
      refusedByModel(
        { service: "logs", operation: "CreateLogGroup", path: "logGroupName" },
        "CloudWatch Logs CreateLogGroup",
        () => LOG_GROUP_NAME_MESSAGE,
      ),
    )
    .default(DEFAULT_LOG_GROUP_NAME)
    .meta({
      description: "CloudWatch log group of the invocation logs, encrypted with the log key.",
      descriptionJa: "モデル呼び出しログの CloudWatch ロググループ。ログ用の KMS キーで暗号化します。",
      characters: CHARACTERS.logGroupName,
    }),
  retentionInDays: retentionInDays.meta({
    description: `Days CloudWatch keeps the logs; one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")}.`,
    descriptionJa: `CloudWatch がログを保持する日数。${CLOUDWATCH_RETENTION_DAYS.join("、")} のいずれかです。`,
  }),
  // No default here: bucket names are global, so the default is per account and region.
  bucketName: z
    .string({ error: BUCKET_NAME_MESSAGE })
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: BUCKET_NAME_MESSAGE })
    .optional()
    .meta({
      description: "S3 bucket of the invocation logs; default `bedrock-lz-invocation-logs-<account>-<region>`.",
      descriptionJa: "モデル呼び出しログの S3 バケット。既定は `bedrock-lz-invocation-logs-<account>-<region>` です。",
      characters: CHARACTERS.bucketName,
    }),
  keyPrefix: z
    .string({ error: KEY_PREFIX_MESSAGE })
    .regex(/^[\w!\-.*'()]+(?:\/[\w!\-.*'()]+)*$/, { error: KEY_PREFIX_MESSAGE })
    .max(100, { error: KEY_PREFIX_MESSAGE })
    .default(DEFAULT_LOG_KEY_PREFIX)
    .meta({
      description: "Prefix Bedrock writes under in the bucket.",
      descriptionJa: "Bedrock がバケット内で書き込む先のプレフィックス。",
      characters: CHARACTERS.keyPrefix,
    }),
  archiveStorageClass: z
    .enum(LOG_ARCHIVE_STORAGE_CLASSES, {
      error: m.archiveStorageClass({ values: LOG_ARCHIVE_STORAGE_CLASSES }),
    })
    .default("STANDARD_IA")
    .meta({
      description: "Class the lifecycle rule moves logs to: `STANDARD_IA` or `INTELLIGENT_TIERING`.",
      descriptionJa: "ライフサイクルルールがログを移すストレージクラス: `STANDARD_IA` または `INTELLIGENT_TIERING`。",
    }),
  archiveAfterDays: z
    .number({ error: ARCHIVE_DAYS_MESSAGE })
    .int()
    .min(0, { error: ARCHIVE_DAYS_MESSAGE })
    .max(3650, { error: ARCHIVE_DAYS_MESSAGE })
    .default(STANDARD_IA_MINIMUM_DAYS)
    .meta({
      description: "Days before the move; at least 30 for `STANDARD_IA`.",
      descriptionJa: "移すまでの日数。`STANDARD_IA` では 30 以上です。",
    }),
  // Text (prompts and answers) is always delivered: it is what an audit needs.
  imageDataDelivery: bool(false).meta({
    description: "Also log image data (text is always logged).",
    descriptionJa: "画像データもログに残します(テキストは常に残します)。",
  }),
  embeddingDataDelivery: bool(false).meta({
    description: "Also log embedding data (text is always logged).",
    descriptionJa: "埋め込みデータもログに残します(テキストは常に残します)。",
  }),
  cloudTrail: bool(false).meta({
    description:
      "A CloudTrail trail (management events, guardrail data events) into the same bucket and key, for accounts without an organisation trail.",
    descriptionJa:
      "同じバケットと KMS キーに書き込む CloudTrail の証跡(管理イベント、Bedrock ガードレールのデータイベント)。組織の証跡がないアカウント向けです。",
  }),
});
type InvocationLoggingInput = z.output<typeof invocationLoggingFields>;

/** The trail writes into the logging feature's KMS-encrypted bucket, which only exists when it is on. */
function cloudTrailNeedsLogging(cfg: InvocationLoggingInput, ctx: z.RefinementCtx): void {
  if (cfg.cloudTrail && !cfg.enabled) {
    refuse(ctx, ["cloudTrail"], m.cloudTrailNeedsLogging);
  }
}

/** S3 rejects a lifecycle rule that moves objects to STANDARD_IA before they are 30 days old. */
function standardIaMinimumAge(cfg: InvocationLoggingInput, ctx: z.RefinementCtx): void {
  if (cfg.archiveStorageClass === "STANDARD_IA" && cfg.archiveAfterDays < STANDARD_IA_MINIMUM_DAYS) {
    refuse(ctx, ["archiveAfterDays"], m.standardIaMinimum({ days: STANDARD_IA_MINIMUM_DAYS }));
  }
}

export const invocationLoggingSchema = invocationLoggingFields
  .superRefine(cloudTrailNeedsLogging)
  .superRefine(standardIaMinimumAge)
  .prefault({});

export function defaultLogBucketName(accountId: string, region: string): string {
  return `${PROJECT}-invocation-logs-${accountId}-${region}`;
}

/** What the operator stack builds; `undefined` when the feature is off. */
export function resolveInvocationLogging(cfg: InvocationLoggingInput, accountId: string, region: string) {
  const { enabled, bucketName, ...logging } = cfg;
  if (!enabled) return undefined;
  return { ...logging, bucketName: bucketName ?? defaultLogBucketName(accountId, region) };
}

export type InvocationLoggingSettings = NonNullable<ReturnType<typeof resolveInvocationLogging>>;
