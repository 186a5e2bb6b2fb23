/**
 * Per-municipality metering of the operator account (docs/operator.md, "Metering, alarms and
 * budgets"): one Bedrock application inference profile per municipality copied from the configured
 * `jp.` system profile and tagged for cost allocation, CloudWatch alarms to one operator SNS topic,
 * dashboards, and optional monthly AWS Budgets.
 */
import { z } from "zod";
import { CHARACTERS } from "../characters";
import { PROJECT } from "../../naming";
import { bool, refusedByModel, wholeNumber } from "../fields";

/** A cost-allocation tag key the operator activates in the Billing console. */
export const DEFAULT_COST_ALLOCATION_TAG_KEY = `${PROJECT}:municipality`;

/**
 * The key tags the Bedrock inference profile, so Bedrock's tag-key rule applies (infra/api-models:
 * CreateInferenceProfile `tags[].key`, ASCII only), and it may not start with `aws:` (Tagging AWS
 * resources, "Tag naming limits and requirements").
 */
const TAG_KEY_MESSAGE =
  "must be a tag key Bedrock accepts: 1-128 ASCII letters, digits, spaces and _.:/=+-@, not starting with aws:";
const tagKey = z
  .string({ error: TAG_KEY_MESSAGE })
  .superRefine(
    refusedByModel(
      { service: "bedrock", operation: "CreateInferenceProfile", path: "tags[].key" },
      "Amazon Bedrock CreateInferenceProfile",
      () => TAG_KEY_MESSAGE,
    ),
  )
  .refine((key) => !key.toLowerCase().startsWith("aws:"), { error: TAG_KEY_MESSAGE });

const EMAIL_MESSAGE = "must be an email address";
const email = z.string({ error: EMAIL_MESSAGE }).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: EMAIL_MESSAGE });

/** Defaults sized for a municipality's office workload; each is a per-municipality alarm. */
export const DEFAULT_ALARM_THRESHOLDS = {
  /** Throttled calls in one alarm period. */
  throttles: 10,
  /** 4xx answers in one alarm period (bad requests, access denied). */
  clientErrors: 20,
  /** 5xx answers in one alarm period. */
  serverErrors: 5,
  /** Input plus output tokens in one day. */
  dailyTokens: 2_000_000,
  /** Seconds per period of the error and throttle alarms. */
  periodSeconds: 300,
} as const;

/**
 * Municipalities per dashboard: each charts 6 metrics per municipality (invocations, input and
 * output tokens, client and server errors, throttles), and CloudWatch allows 500 metrics per graph
 * and 2,500 per dashboard (CloudWatch quotas), so at most 416 fit; 100 keeps every graph readable.
 */
export const DEFAULT_MUNICIPALITIES_PER_DASHBOARD = 100;
export const MAX_MUNICIPALITIES_PER_DASHBOARD = 416;

const alarmsFields = z.strictObject({
  enabled: bool(true).meta({
    description:
      "Per-municipality CloudWatch alarms (throttles, client and server errors, daily tokens) and invocation-log delivery alarms, to one KMS-encrypted SNS topic.",
    descriptionJa:
      "自治体ごとの CloudWatch アラーム(スロットリング、クライアントエラーとサーバーエラー、1 日のトークン数)と呼び出しログ配信のアラーム。KMS で暗号化した 1 つの SNS トピックに通知します。",
  }),
  emails: z.array(email, { error: "must be a list of email addresses" }).default([]).meta({
    description: "Email endpoints subscribed to the alarm topic (each must confirm once).",
    descriptionJa: "アラームのトピックを購読するメールアドレス(それぞれ一度確認が必要です)。",
  }),
  periodSeconds: z
    .union([z.literal(60), z.literal(300), z.literal(900), z.literal(3600)], {
      error: "must be 60, 300, 900 or 3600",
    })
    .default(DEFAULT_ALARM_THRESHOLDS.periodSeconds)
    .meta({
      description: "Period of the throttle and error alarms, in seconds (60, 300, 900 or 3600).",
      descriptionJa: "スロットリングとエラーのアラームの期間(秒。60、300、900、3600 のいずれか)。",
    }),
  throttles: wholeNumber(1, 1_000_000).default(DEFAULT_ALARM_THRESHOLDS.throttles).meta({
    description: "Alarm when a municipality is throttled this many times in one period.",
    descriptionJa: "1 期間に自治体がこの回数スロットリングされたらアラーム。",
  }),
  clientErrors: wholeNumber(1, 1_000_000).default(DEFAULT_ALARM_THRESHOLDS.clientErrors).meta({
    description: "Alarm on this many client errors (4xx) of one municipality in one period.",
    descriptionJa: "1 期間に 1 自治体のクライアントエラー(4xx)がこの回数に達したらアラーム。",
  }),
  serverErrors: wholeNumber(1, 1_000_000).default(DEFAULT_ALARM_THRESHOLDS.serverErrors).meta({
    description: "Alarm on this many server errors (5xx) of one municipality in one period.",
    descriptionJa: "1 期間に 1 自治体のサーバーエラー(5xx)がこの回数に達したらアラーム。",
  }),
  dailyTokens: wholeNumber(1000, 10_000_000_000).default(DEFAULT_ALARM_THRESHOLDS.dailyTokens).meta({
    description: "Alarm when a municipality's input plus output tokens in one day exceed this ceiling.",
    descriptionJa: "自治体の 1 日の入力と出力のトークン数の合計がこの上限を超えたらアラーム。",
  }),
});

const budgetsFields = z.strictObject({
  enabled: bool(false).meta({
    description:
      "A monthly AWS Budget per municipality filtered by its cost-allocation tag, and one for the whole operator account.",
    descriptionJa: "コスト配分タグで絞り込んだ自治体ごとの月次 AWS Budget と、事業者アカウント全体の月次 AWS Budget。",
  }),
  municipalityMonthlyUsd: z
    .number({ error: "must be a positive amount in USD" })
    .positive({ error: "must be a positive amount in USD" })
    .default(100)
    .meta({ description: "Monthly budget of each municipality, in USD.", descriptionJa: "各自治体の月次予算(USD)。" }),
  accountMonthlyUsd: z
    .number({ error: "must be a positive amount in USD" })
    .positive({ error: "must be a positive amount in USD" })
    .default(10_000)
    .meta({
      description: "Monthly budget of the whole operator account, in USD.",
      descriptionJa: "事業者アカウント全体の月次予算(USD)。",
    }),
  thresholdsPercent: z
    .array(wholeNumber(1, 1000), { error: "must be a list of percentages" })
    .min(1, { error: "must list at least one percentage" })
    .max(5, { error: "must list at most 5 percentages (AWS Budgets allows 5 notifications per budget)" })
    .default([80, 100])
    .meta({
      description: "Notify when actual cost passes these percentages of the budget (at most 5).",
      descriptionJa: "実コストが予算のこれらの割合を超えたら通知(最大 5 つ)。",
    }),
  emails: z
    .array(email, { error: "must be a list of email addresses" })
    .min(1, { error: "must list at least one email address" })
    .max(10, { error: "must list at most 10 email addresses (an AWS Budgets limit per notification)" })
    .optional()
    .meta({
      description: "Who the budget notifications go to (1-10 addresses); required when budgets are on.",
      descriptionJa: "予算の通知先(1〜10 アドレス)。予算をオンにする場合は必須。",
    }),
});

const meteringFields = z.strictObject({
  enabled: bool(false).meta({
    description:
      "One Bedrock application inference profile per municipality, copied from the `jp.` profile and tagged for cost allocation; its invoke role may call only that profile.",
    descriptionJa:
      "自治体ごとに、`jp.` プロファイルからコピーしてコスト配分タグを付けた Bedrock アプリケーション推論プロファイルを 1 つ作ります。呼び出しロールはそのプロファイルだけを呼び出せます。",
  }),
  costAllocationTagKey: tagKey.default(DEFAULT_COST_ALLOCATION_TAG_KEY).meta({
    description:
      "Tag key carrying the municipality's name on its profile; activate it as a cost-allocation tag in the Billing console.",
    descriptionJa: "プロファイルに自治体名を付けるタグキー。請求コンソールでコスト配分タグとして有効にしてください。",
    characters: CHARACTERS.costAllocationTagKey,
  }),
  alarms: alarmsFields.default({
    enabled: true,
    emails: [],
    periodSeconds: DEFAULT_ALARM_THRESHOLDS.periodSeconds,
    throttles: DEFAULT_ALARM_THRESHOLDS.throttles,
    clientErrors: DEFAULT_ALARM_THRESHOLDS.clientErrors,
    serverErrors: DEFAULT_ALARM_THRESHOLDS.serverErrors,
    dailyTokens: DEFAULT_ALARM_THRESHOLDS.dailyTokens,
  }),
  dashboard: bool(true).meta({
    description:
      "CloudWatch dashboards of every municipality's invocations, tokens and errors (one per 100 municipalities).",
    descriptionJa: "全自治体の呼び出し数、トークン数、エラーを示す CloudWatch ダッシュボード(100 自治体ごとに 1 つ)。",
  }),
  municipalitiesPerDashboard: wholeNumber(1, MAX_MUNICIPALITIES_PER_DASHBOARD)
    .default(DEFAULT_MUNICIPALITIES_PER_DASHBOARD)
    .meta({
      description: `Municipalities per dashboard page (at most ${MAX_MUNICIPALITIES_PER_DASHBOARD}).`,
      descriptionJa: `ダッシュボード 1 ページあたりの自治体数(最大 ${MAX_MUNICIPALITIES_PER_DASHBOARD})。`,
    }),
  budgets: budgetsFields.default({
    enabled: false,
    municipalityMonthlyUsd: 100,
    accountMonthlyUsd: 10_000,
    thresholdsPercent: [80, 100],
  }),
});
type MeteringInput = z.output<typeof meteringFields>;

/** Budgets notify by email; without an address they would alarm nobody. */
function budgetsNeedEmails(cfg: MeteringInput, ctx: z.RefinementCtx): void {
  if (cfg.budgets.enabled && cfg.budgets.emails === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["budgets", "emails"],
      message: "needs at least one email address when budgets.enabled is true",
    });
  }
}

/** Alarms, dashboards and budgets are per municipality profile: without metering there is nothing to watch. */
function partsNeedMetering(cfg: MeteringInput, ctx: z.RefinementCtx): void {
  if (!cfg.enabled && cfg.budgets.enabled) {
    ctx.addIssue({
      code: "custom",
      path: ["budgets", "enabled"],
      message: "needs metering.enabled: true (budgets filter on the profiles' cost-allocation tag)",
    });
  }
}

export const meteringSchema = meteringFields
  .superRefine(budgetsNeedEmails)
  .superRefine(partsNeedMetering)
  .default({
    enabled: false,
    costAllocationTagKey: DEFAULT_COST_ALLOCATION_TAG_KEY,
    alarms: {
      enabled: true,
      emails: [],
      periodSeconds: DEFAULT_ALARM_THRESHOLDS.periodSeconds,
      throttles: DEFAULT_ALARM_THRESHOLDS.throttles,
      clientErrors: DEFAULT_ALARM_THRESHOLDS.clientErrors,
      serverErrors: DEFAULT_ALARM_THRESHOLDS.serverErrors,
      dailyTokens: DEFAULT_ALARM_THRESHOLDS.dailyTokens,
    },
    dashboard: true,
    municipalitiesPerDashboard: DEFAULT_MUNICIPALITIES_PER_DASHBOARD,
    budgets: { enabled: false, municipalityMonthlyUsd: 100, accountMonthlyUsd: 10_000, thresholdsPercent: [80, 100] },
  });

/** What the operator stack builds; `undefined` when metering is off (the direct `jp.` mode). */
export function resolveMetering(cfg: MeteringInput) {
  if (!cfg.enabled) return undefined;
  return {
    costAllocationTagKey: cfg.costAllocationTagKey,
    alarms: cfg.alarms.enabled ? { ...cfg.alarms } : undefined,
    dashboard: cfg.dashboard,
    municipalitiesPerDashboard: cfg.municipalitiesPerDashboard,
    budgets: cfg.budgets.enabled
      ? {
          municipalityMonthlyUsd: cfg.budgets.municipalityMonthlyUsd,
          accountMonthlyUsd: cfg.budgets.accountMonthlyUsd,
          thresholdsPercent: cfg.budgets.thresholdsPercent,
          emails: cfg.budgets.emails ?? [],
        }
      : undefined,
  };
}

export type MeteringSettings = NonNullable<ReturnType<typeof resolveMetering>>;
export type AlarmSettings = NonNullable<MeteringSettings["alarms"]>;
export type BudgetSettings = NonNullable<MeteringSettings["budgets"]>;
