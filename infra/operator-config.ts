/**
 * Config schemas for the operator account's production features: model invocation logging, data
 * safety of the stateful log resources, model-access automation and the optional guardrail.
 * `infra/config.ts` mounts them on the operator schema; they live here so that schema stays short.
 * Every message says what is allowed; the key path is added by `ConfigError`.
 */
import { z } from "zod";
import type { JapanRegion } from "./catalog";
import { PROJECT } from "./naming";
import { AVAILABILITY_ZONES } from "./network";

const BOOLEAN_MESSAGE = "must be true or false";
const bool = (fallback: boolean) => z.boolean({ error: BOOLEAN_MESSAGE }).default(fallback);

// ---------------------------------------------------------------------------------------------
// Model invocation logging (docs/design.md §4.6)
// ---------------------------------------------------------------------------------------------

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
  .number({ error: `must be one of CloudWatch's retention values: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}` })
  .refine((days) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days), {
    error: (issue) =>
      `${String(issue.input)} is not a retention CloudWatch Logs accepts; use one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`,
  })
  .default(DEFAULT_RETENTION_DAYS);

const LOG_GROUP_NAME_MESSAGE = "must be a log group name: 1-512 characters of letters, digits and _-/.#";
const BUCKET_NAME_MESSAGE =
  "must be an S3 bucket name: 3-63 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit";
const KEY_PREFIX_MESSAGE =
  "must be an S3 key prefix of 1-100 letters, digits and !-_.*'() separated by /, without a leading or trailing /";

export const invocationLoggingSchema = z
  .strictObject({
    /** Turns the whole feature (key, log group, bucket, role, logging configuration) on or off. */
    enabled: bool(true),
    logGroupName: z
      .string({ error: LOG_GROUP_NAME_MESSAGE })
      .regex(/^[\w\-/.#]{1,512}$/, { error: LOG_GROUP_NAME_MESSAGE })
      .default(DEFAULT_LOG_GROUP_NAME),
    retentionInDays,
    /** Default `bedrock-lz-invocation-logs-<account>-<region>`: bucket names are global. */
    bucketName: z
      .string({ error: BUCKET_NAME_MESSAGE })
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: BUCKET_NAME_MESSAGE })
      .optional(),
    keyPrefix: z
      .string({ error: KEY_PREFIX_MESSAGE })
      .regex(/^[\w!\-.*'()]+(?:\/[\w!\-.*'()]+)*$/, { error: KEY_PREFIX_MESSAGE })
      .max(100, { error: KEY_PREFIX_MESSAGE })
      .default(DEFAULT_LOG_KEY_PREFIX),
    archiveStorageClass: z
      .enum(LOG_ARCHIVE_STORAGE_CLASSES, { error: `must be ${LOG_ARCHIVE_STORAGE_CLASSES.join(" or ")}` })
      .default("STANDARD_IA"),
    archiveAfterDays: z
      .number({ error: "must be a whole number of days (0-3650)" })
      .int({ error: "must be a whole number of days (0-3650)" })
      .min(0, { error: "must be a whole number of days (0-3650)" })
      .max(3650, { error: "must be a whole number of days (0-3650)" })
      .default(STANDARD_IA_MINIMUM_DAYS),
    /** Text (prompts and answers) is always delivered: it is what an audit needs. */
    imageDataDelivery: bool(false),
    embeddingDataDelivery: bool(false),
    /**
     * A CloudTrail trail (management events, which include InvokeModel and Converse, plus
     * guardrail data events) delivered to the same bucket and key, for operators without an
     * organisation trail.
     */
    cloudTrail: bool(false),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.cloudTrail && !cfg.enabled) {
      ctx.addIssue({
        code: "custom",
        path: ["cloudTrail"],
        message: "needs invocationLogging.enabled: true (the trail writes to its KMS-encrypted bucket)",
      });
    }
    if (cfg.archiveStorageClass === "STANDARD_IA" && cfg.archiveAfterDays < STANDARD_IA_MINIMUM_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["archiveAfterDays"],
        message: `must be at least ${STANDARD_IA_MINIMUM_DAYS} for STANDARD_IA (an S3 rule); use INTELLIGENT_TIERING for earlier moves`,
      });
    }
  })
  .default({
    enabled: true,
    logGroupName: DEFAULT_LOG_GROUP_NAME,
    retentionInDays: DEFAULT_RETENTION_DAYS,
    keyPrefix: DEFAULT_LOG_KEY_PREFIX,
    archiveStorageClass: "STANDARD_IA",
    archiveAfterDays: STANDARD_IA_MINIMUM_DAYS,
    imageDataDelivery: false,
    embeddingDataDelivery: false,
    cloudTrail: false,
  });

export function defaultLogBucketName(accountId: string, region: string): string {
  return `${PROJECT}-invocation-logs-${accountId}-${region}`;
}

// ---------------------------------------------------------------------------------------------
// Data safety of the retained resources
// ---------------------------------------------------------------------------------------------

export const dataSafetySchema = z
  .strictObject({
    /**
     * Pulumi `protect` on the log key and bucket: refuses their replacement and deletion, and so
     * also refuses `pulumi destroy` of the whole stack until it is turned off again.
     */
    protect: bool(false),
  })
  .default({ protect: false });

// ---------------------------------------------------------------------------------------------
// Model access automation (docs/design.md §4.7)
// ---------------------------------------------------------------------------------------------

const nonEmpty = (what: string, max: number) =>
  z
    .string({ error: `must be ${what} (1-${max} characters)` })
    .min(1, { error: `must be ${what} (1-${max} characters)` })
    .max(max, { error: `must be ${what} (1-${max} characters)` });

/** The Anthropic first-use form, the fields of `PutUseCaseForModelAccess` formData. */
const useCaseForm = z.strictObject({
  companyName: nonEmpty("the operator's company name", 200),
  companyWebsite: z.url({ error: 'must be the company website URL, e.g. "https://www.example.co.jp"' }),
  /** The console form's coded answer, a quoted digit; the provider's own example sends "0". */
  intendedUsers: z.enum(["0", "1", "2"], {
    error: 'must be "0" (internal users), "1" (external users) or "2" (both), quoted',
  }),
  industryOption: nonEmpty("the industry chosen in the console form, e.g. Government", 100),
  otherIndustryOption: z.string().max(100, { error: "must be at most 100 characters" }).default(""),
  useCases: nonEmpty("a short description of the use cases", 1000),
});

export const modelAccessSchema = z
  .strictObject({
    /** Submits the use-case form and accepts the model's offer: account-wide, irreversible. */
    enabled: bool(false),
    useCaseForm: useCaseForm.optional(),
    /**
     * The source report's manual path, kept as an option: a temporary closed VPC with a
     * bedrock-runtime endpoint in the operator account, from which an administrator makes the
     * first call (e.g. a CloudShell VPC environment). Independent of `enabled`.
     */
    firstCallNetwork: bool(false),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.enabled && cfg.useCaseForm === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["useCaseForm"],
        message:
          "is required when modelAccess.enabled is true: { companyName, companyWebsite, intendedUsers, industryOption, useCases }",
      });
    }
  })
  .default({ enabled: false, firstCallNetwork: false });

// ---------------------------------------------------------------------------------------------
// Guardrail (docs/design.md §4.5)
// ---------------------------------------------------------------------------------------------

export const CONTENT_FILTER_TYPES = ["SEXUAL", "VIOLENCE", "HATE", "INSULTS", "MISCONDUCT", "PROMPT_ATTACK"] as const;
export const FILTER_STRENGTHS = ["NONE", "LOW", "MEDIUM", "HIGH"] as const;
export const PII_ACTIONS = ["BLOCK", "ANONYMIZE"] as const;
/** Entity types of the sensitive-information filter (Bedrock API `GuardrailPiiEntityType`). */
export const PII_ENTITY_TYPES = [
  "ADDRESS",
  "AGE",
  "AWS_ACCESS_KEY",
  "AWS_SECRET_KEY",
  "CA_HEALTH_NUMBER",
  "CA_SOCIAL_INSURANCE_NUMBER",
  "CREDIT_DEBIT_CARD_CVV",
  "CREDIT_DEBIT_CARD_EXPIRY",
  "CREDIT_DEBIT_CARD_NUMBER",
  "DRIVER_ID",
  "EMAIL",
  "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
  "IP_ADDRESS",
  "LICENSE_PLATE",
  "MAC_ADDRESS",
  "NAME",
  "PASSWORD",
  "PHONE",
  "PIN",
  "SWIFT_CODE",
  "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
  "UK_NATIONAL_INSURANCE_NUMBER",
  "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER",
  "URL",
  "USERNAME",
  "US_BANK_ACCOUNT_NUMBER",
  "US_BANK_ROUTING_NUMBER",
  "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
  "US_PASSPORT_NUMBER",
  "US_SOCIAL_SECURITY_NUMBER",
  "VEHICLE_IDENTIFICATION_NUMBER",
] as const;

export const DEFAULT_BLOCKED_INPUT_MESSAGE = "申し訳ありません。この入力は利用ポリシーにより処理できません。";
export const DEFAULT_BLOCKED_OUTPUT_MESSAGE = "申し訳ありません。この回答は利用ポリシーにより表示できません。";

const strength = z.enum(FILTER_STRENGTHS, { error: `must be ${FILTER_STRENGTHS.join(", ")}` });
const contentFilter = z.strictObject({ inputStrength: strength, outputStrength: strength });

/**
 * A map whose keys come from a fixed list. Unknown keys get a message that lists the allowed
 * ones (a plain partial record would only say "not a setting here").
 */
function enumKeyedRecord<const K extends string, V extends z.ZodType>(keys: readonly K[], value: V, what: string) {
  return z
    .record(z.string(), value, { error: `must be a map of ${what} (${keys.join(", ")}) to settings` })
    .superRefine((map, ctx) => {
      for (const key of Object.keys(map)) {
        if (!(keys as readonly string[]).includes(key)) {
          ctx.addIssue({ code: "custom", path: [key], message: `is not a ${what}; use one of ${keys.join(", ")}` });
        }
      }
    })
    .transform((map) => map as Partial<Record<K, z.output<V>>>);
}

const TOPIC_NAME_MESSAGE = "must be a topic name of 1-100 ASCII letters, digits and -_ !?. (a Bedrock rule)";
const deniedTopic = z.strictObject({
  definition: nonEmpty("what the topic covers", 200),
  examples: z
    .array(nonEmpty("an example phrase", 100), { error: "must be a list of up to 5 example phrases" })
    .max(5, { error: "must list at most 5 examples" })
    .default([]),
});

const piiRegex = z.strictObject({
  pattern: nonEmpty("a regular expression", 500),
  action: z.enum(PII_ACTIONS, { error: `must be ${PII_ACTIONS.join(" or ")}` }),
  description: z.string().max(1000).optional(),
});

export const guardrailSchema = z
  .strictObject({
    /** Creates the guardrail and publishes a version of it. */
    enabled: bool(false),
    /** Denies every invoke-role call that does not name this guardrail's published version. */
    enforceOnInvokeRoles: bool(false),
    blockedInputMessaging: nonEmpty("the message shown when a prompt is blocked", 500).default(
      DEFAULT_BLOCKED_INPUT_MESSAGE,
    ),
    blockedOutputsMessaging: nonEmpty("the message shown when an answer is blocked", 500).default(
      DEFAULT_BLOCKED_OUTPUT_MESSAGE,
    ),
    contentFilters: enumKeyedRecord(CONTENT_FILTER_TYPES, contentFilter, "content filter type").default({}),
    deniedTopics: z
      .record(z.string().regex(/^[\w\- !?.]{1,100}$/, { error: TOPIC_NAME_MESSAGE }), deniedTopic, {
        error: "must map topic names to { definition, examples }",
      })
      .default({}),
    piiEntities: enumKeyedRecord(
      PII_ENTITY_TYPES,
      z.enum(PII_ACTIONS, { error: `must be ${PII_ACTIONS.join(" or ")}` }),
      "PII entity type",
    ).default({}),
    /** Custom patterns, e.g. the 12-digit マイナンバー, which has no built-in entity type. */
    piiRegexes: z
      .record(
        z.string().regex(/^[\w\- ]{1,100}$/, { error: "must be a name of 1-100 letters, digits and -_ " }),
        piiRegex,
      )
      .default({}),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.enforceOnInvokeRoles && !cfg.enabled) {
      ctx.addIssue({
        code: "custom",
        path: ["enforceOnInvokeRoles"],
        message:
          "needs a guardrail to enforce: set guardrail.enabled: true (with at least one filter), or turn enforcement off",
      });
    }
    const policies =
      Object.keys(cfg.contentFilters).length +
      Object.keys(cfg.deniedTopics).length +
      Object.keys(cfg.piiEntities).length +
      Object.keys(cfg.piiRegexes).length;
    if (cfg.enabled && policies === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["enabled"],
        message: "a guardrail needs at least one of contentFilters, deniedTopics, piiEntities or piiRegexes",
      });
    }
    const promptAttack = cfg.contentFilters.PROMPT_ATTACK;
    if (promptAttack !== undefined && promptAttack.outputStrength !== "NONE") {
      ctx.addIssue({
        code: "custom",
        path: ["contentFilters", "PROMPT_ATTACK", "outputStrength"],
        message: "must be NONE: Bedrock applies the prompt-attack filter to prompts only",
      });
    }
  })
  .default({
    enabled: false,
    enforceOnInvokeRoles: false,
    blockedInputMessaging: DEFAULT_BLOCKED_INPUT_MESSAGE,
    blockedOutputsMessaging: DEFAULT_BLOCKED_OUTPUT_MESSAGE,
    contentFilters: {},
    deniedTopics: {},
    piiEntities: {},
    piiRegexes: {},
  });

// ---------------------------------------------------------------------------------------------
// Resolved settings
// ---------------------------------------------------------------------------------------------

export interface InvocationLoggingSettings {
  readonly logGroupName: string;
  readonly retentionInDays: number;
  readonly bucketName: string;
  readonly keyPrefix: string;
  readonly archiveStorageClass: LogArchiveStorageClass;
  readonly archiveAfterDays: number;
  readonly imageDataDelivery: boolean;
  readonly embeddingDataDelivery: boolean;
  readonly cloudTrail: boolean;
}

export interface UseCaseForm {
  readonly companyName: string;
  readonly companyWebsite: string;
  readonly intendedUsers: "0" | "1" | "2";
  readonly industryOption: string;
  readonly otherIndustryOption: string;
  readonly useCases: string;
}

export interface GuardrailSettings {
  readonly enforceOnInvokeRoles: boolean;
  readonly blockedInputMessaging: string;
  readonly blockedOutputsMessaging: string;
  readonly contentFilters: Readonly<
    Partial<Record<(typeof CONTENT_FILTER_TYPES)[number], { inputStrength: string; outputStrength: string }>>
  >;
  readonly deniedTopics: Readonly<Record<string, { definition: string; examples: readonly string[] }>>;
  readonly piiEntities: Readonly<Partial<Record<(typeof PII_ENTITY_TYPES)[number], (typeof PII_ACTIONS)[number]>>>;
  readonly piiRegexes: Readonly<
    Record<string, { pattern: string; action: (typeof PII_ACTIONS)[number]; description?: string }>
  >;
}

/** What the operator stack consumes; a feature that is off is `undefined`. */
export interface OperatorFeatures {
  readonly invocationLogging?: InvocationLoggingSettings;
  readonly dataSafety: { readonly protect: boolean };
  readonly modelAccess?: { readonly useCaseForm: UseCaseForm };
  /** The temporary first-call network, when asked for. */
  readonly firstCallNetwork?: FirstCallNetworkSettings;
  readonly guardrail?: GuardrailSettings;
}

/** Fixed: the VPC is temporary, peered with nothing, so its block can never collide. */
export const FIRST_CALL_VPC_CIDR = "10.255.255.0/24";

export interface FirstCallNetworkSettings {
  readonly cidrBlock: string;
  /** One AZ: the network exists for one call. */
  readonly availabilityZones: readonly string[];
}

export interface OperatorFeatureInput {
  readonly accountId: string;
  readonly region: string;
  readonly invocationLogging: z.output<typeof invocationLoggingSchema>;
  readonly dataSafety: z.output<typeof dataSafetySchema>;
  readonly modelAccess: z.output<typeof modelAccessSchema>;
  readonly guardrail: z.output<typeof guardrailSchema>;
}

export function resolveOperatorFeatures(cfg: OperatorFeatureInput): OperatorFeatures {
  const { enabled: loggingOn, bucketName, ...logging } = cfg.invocationLogging;
  const { enabled: guardrailOn, ...guardrail } = cfg.guardrail;
  return {
    invocationLogging: loggingOn
      ? { ...logging, bucketName: bucketName ?? defaultLogBucketName(cfg.accountId, cfg.region) }
      : undefined,
    dataSafety: { protect: cfg.dataSafety.protect },
    modelAccess:
      cfg.modelAccess.enabled && cfg.modelAccess.useCaseForm !== undefined
        ? { useCaseForm: cfg.modelAccess.useCaseForm }
        : undefined,
    guardrail: guardrailOn ? guardrail : undefined,
    firstCallNetwork: cfg.modelAccess.firstCallNetwork
      ? { cidrBlock: FIRST_CALL_VPC_CIDR, availabilityZones: AVAILABILITY_ZONES[cfg.region as JapanRegion].slice(0, 1) }
      : undefined,
  };
}
