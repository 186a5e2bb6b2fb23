/**
 * The Bedrock content guardrail of the operator account (docs/design.md §4.5): content filters,
 * denied topics and sensitive-information filters, optionally enforced on every invoke role.
 */
import { z } from "zod";
import { CHARACTERS } from "../characters";
import type { MemberRef } from "../../api-models";
import { bool, enumKeyedRecord, modelMax, nonEmpty, refusedByModel, refuse } from "../fields";
import { withExample } from "../schema-shape";
import { CONFIG_MESSAGES as m } from "../messages";

const CREATE_GUARDRAIL = (path: string): MemberRef => ({ service: "bedrock", operation: "CreateGuardrail", path });
/** CreateGuardrail's list limits (infra/api-models): 30 denied topics, 10 custom patterns. */
const MAX_DENIED_TOPICS = modelMax(CREATE_GUARDRAIL("topicPolicyConfig.topicsConfig"));
const MAX_PII_REGEXES = modelMax(CREATE_GUARDRAIL("sensitiveInformationPolicyConfig.regexesConfig"));

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

const strength = z.enum(FILTER_STRENGTHS, { error: m.filterStrength({ values: FILTER_STRENGTHS.join(", ") }) });
const contentFilter = z.strictObject({
  inputStrength: strength.meta({
    description:
      "Prompt filter strength for a category (`SEXUAL`, `VIOLENCE`, `HATE`, `INSULTS`, `MISCONDUCT`, `PROMPT_ATTACK`).",
    descriptionJa:
      "カテゴリ(`SEXUAL`、`VIOLENCE`、`HATE`、`INSULTS`、`MISCONDUCT`、`PROMPT_ATTACK`)ごとの、プロンプトに対するフィルターの強度。",
  }),
  outputStrength: strength.meta({
    description: "Answer filter strength for the category; `NONE` for `PROMPT_ATTACK`.",
    descriptionJa: "そのカテゴリの、回答に対するフィルターの強度。`PROMPT_ATTACK` では `NONE` にします。",
  }),
});

const deniedTopic = z.strictObject({
  definition: nonEmpty(m.topicDefinition, 200).meta({
    description: "What the denied topic covers (Japanese allowed; the key is an ASCII name).",
    descriptionJa: "拒否するトピックの範囲(日本語で書けます。キーは ASCII の名前です)。",
    characters: CHARACTERS.topicDefinition,
  }),
  examples: z
    .array(nonEmpty(m.topicExample, 100), { error: m.topicExamples })
    .max(5, { error: m.topicExamplesMax })
    .default([])
    .meta({
      description: "Up to five example phrases of the topic.",
      descriptionJa: "トピックの例文(5 つまで)。",
      characters: CHARACTERS.topicExamples,
    }),
});

const piiAction = z.enum(PII_ACTIONS, { error: m.piiAction({ values: PII_ACTIONS }) });
const piiRegex = z.strictObject({
  pattern: nonEmpty(m.regexPattern, 500).meta({
    description: "Regular expression of a custom sensitive pattern, e.g. the 12-digit マイナンバー.",
    descriptionJa: "独自の機微情報のパターンの正規表現。例: 12 桁のマイナンバー。",
    characters: CHARACTERS.regexPattern,
  }),
  action: piiAction.meta({
    description: "`BLOCK` or `ANONYMIZE` when the pattern matches.",
    descriptionJa: "パターンに一致したときの動作: `BLOCK` または `ANONYMIZE`。",
  }),
  description: z
    .string()
    .superRefine(
      refusedByModel(
        CREATE_GUARDRAIL("sensitiveInformationPolicyConfig.regexesConfig[].description"),
        "Amazon Bedrock CreateGuardrail",
      ),
    )
    .optional()
    .meta({
      description: "What the pattern finds.",
      descriptionJa: "そのパターンが見つけるもの。",
      characters: CHARACTERS.regexDescription,
    }),
});

const guardrailFields = z.strictObject({
  enabled: bool(false).meta({
    description: "Create a Bedrock guardrail from the maps below and publish a version of it.",
    descriptionJa: "下のマップから Bedrock ガードレールを作り、そのバージョンを公開します。",
  }),
  enforceOnInvokeRoles: bool(false).meta({
    description:
      "Deny every invoke-role call that does not name the published guardrail version (`bedrock:GuardrailIdentifier`); needs `enabled`.",
    descriptionJa:
      "公開した Bedrock ガードレールのバージョンを指定しない(`bedrock:GuardrailIdentifier`)呼び出しロールの呼び出しをすべて拒否します。`enabled` が必要です。",
  }),
  blockedInputMessaging: nonEmpty(m.blockedInputMessaging, 500).default(DEFAULT_BLOCKED_INPUT_MESSAGE).meta({
    description: "Message returned when a prompt is blocked.",
    descriptionJa: "プロンプトをブロックしたときに返すメッセージ。",
    characters: CHARACTERS.blockedMessaging,
  }),
  blockedOutputsMessaging: nonEmpty(m.blockedOutputsMessaging, 500).default(DEFAULT_BLOCKED_OUTPUT_MESSAGE).meta({
    description: "Message returned when an answer is blocked.",
    descriptionJa: "回答をブロックしたときに返すメッセージ。",
    characters: CHARACTERS.blockedMessaging,
  }),
  contentFilters: enumKeyedRecord(CONTENT_FILTER_TYPES, contentFilter, "contentFilterType").default({}),
  deniedTopics: z
    .record(withExample(z.string().regex(/^[\w\- !?.]{1,100}$/, { error: m.topicName }), "Elections"), deniedTopic, {
      error: m.deniedTopicsMap,
    })
    .refine((topics) => Object.keys(topics).length <= MAX_DENIED_TOPICS, {
      error: m.deniedTopicsMax({ max: MAX_DENIED_TOPICS }),
    })
    .default({}),
  piiEntities: enumKeyedRecord(PII_ENTITY_TYPES, piiAction, "piiEntityType").default({}).meta({
    description: "Map of Bedrock PII entity type (`NAME`, `EMAIL`, `PHONE`, ...) to `BLOCK` or `ANONYMIZE`.",
    descriptionJa:
      "Bedrock の PII エンティティタイプ(`NAME`、`EMAIL`、`PHONE` など)ごとに `BLOCK` か `ANONYMIZE` を指定するマップ。",
  }),
  // Custom patterns cover what has no built-in entity type, e.g. the 12-digit マイナンバー.
  piiRegexes: z
    .record(withExample(z.string().regex(/^[\w\- ]{1,100}$/, { error: m.regexName }), "MyNumber"), piiRegex)
    .refine((patterns) => Object.keys(patterns).length <= MAX_PII_REGEXES, {
      error: m.regexesMax({ max: MAX_PII_REGEXES }),
    })
    .default({}),
});
type GuardrailInput = z.output<typeof guardrailFields>;

/** Enforcement names the published version in every invoke-role call, so there must be one. */
function enforcementNeedsGuardrail(cfg: GuardrailInput, ctx: z.RefinementCtx): void {
  if (cfg.enforceOnInvokeRoles && !cfg.enabled) {
    refuse(ctx, ["enforceOnInvokeRoles"], m.enforcementNeedsGuardrail);
  }
}

/** A guardrail without a single policy would filter nothing while looking switched on. */
function atLeastOnePolicy(cfg: GuardrailInput, ctx: z.RefinementCtx): void {
  const policies =
    Object.keys(cfg.contentFilters).length +
    Object.keys(cfg.deniedTopics).length +
    Object.keys(cfg.piiEntities).length +
    Object.keys(cfg.piiRegexes).length;
  if (cfg.enabled && policies === 0) {
    refuse(ctx, ["enabled"], m.guardrailNeedsPolicy);
  }
}

/** Bedrock applies the prompt-attack filter to prompts only and rejects any other output strength. */
function promptAttackOnInputOnly(cfg: GuardrailInput, ctx: z.RefinementCtx): void {
  const promptAttack = cfg.contentFilters.PROMPT_ATTACK;
  if (promptAttack !== undefined && promptAttack.outputStrength !== "NONE") {
    refuse(ctx, ["contentFilters", "PROMPT_ATTACK", "outputStrength"], m.promptAttackOutput);
  }
}

export const guardrailSchema = guardrailFields
  .superRefine(enforcementNeedsGuardrail)
  .superRefine(atLeastOnePolicy)
  .superRefine(promptAttackOnInputOnly)
  .prefault({});

/** What the guardrail component builds; `undefined` when `guardrail.enabled` is false. */
export function resolveBedrockGuardrail(cfg: GuardrailInput) {
  const { enabled, ...settings } = cfg;
  return enabled ? settings : undefined;
}

export type BedrockGuardrailSettings = NonNullable<ReturnType<typeof resolveBedrockGuardrail>>;
/** The name the components and builders import. */
export type GuardrailSettings = BedrockGuardrailSettings;
