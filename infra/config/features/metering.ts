/**
 * Per-municipality metering of the operator account (docs/operator.md, "Metering, alarms and
 * budgets"): one Bedrock application inference profile per municipality copied from the configured
 * `jp.` system profile and tagged for cost allocation, CloudWatch alarms to one operator SNS topic,
 * dashboards, and optional monthly AWS Budgets.
 */
import { z } from "zod";
import { CHARACTERS } from "../characters";
import { PROJECT } from "../../naming";
import { MAX_MUNICIPALITIES_PER_DASHBOARD } from "../../metering";
import { bool, refusedByModel, wholeNumber, refuse } from "../fields";
import { CONFIG_MESSAGES as m } from "../messages";

/** A cost-allocation tag key the operator activates in the Billing console. */
export const DEFAULT_COST_ALLOCATION_TAG_KEY = `${PROJECT}:municipality`;

/**
 * The key tags the Bedrock inference profile, so Bedrock's tag-key rule applies (infra/api-models:
 * CreateInferenceProfile `tags[].key`, ASCII only), and it may not start with `aws:` (Tagging AWS
 * resources, "Tag naming limits and requirements").
 */
const TAG_KEY_MESSAGE = m.meteringTagKey;
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

const EMAIL_MESSAGE = m.email;
const email = z.string({ error: EMAIL_MESSAGE }).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: EMAIL_MESSAGE });

/**
 * Defaults of the operator account's alarms. Throttles and server errors are account-wide (one
 * signal for all municipalities); client errors and tokens are per municipality, each municipality
 * alarming on its own (infra/metering.ts, `operatorAlarmSpecs`).
 */
export const DEFAULT_ALARM_THRESHOLDS = {
  /** Throttled calls in one alarm period, all municipalities together. */
  throttles: 20,
  /** 5xx answers in one alarm period, all municipalities together. */
  serverErrors: 10,
  /** 4xx answers of one municipality in one alarm period (bad requests, access denied). */
  clientErrors: 20,
  /** Seconds per period of the error and throttle alarms. */
  periodSeconds: 300,
  /** Input tokens of one municipality in one token window. */
  inputTokens: 1_000_000,
  /** Output tokens of one municipality in one token window. */
  outputTokens: 250_000,
  /** Seconds of the token window. */
  tokenWindowSeconds: 3600,
} as const;

/**
 * Municipalities per dashboard: each page charts every municipality's invocations, tokens and
 * errors inside CloudWatch's 500 metrics per graph and 2,500 per dashboard, which allows at most
 * {@link MAX_MUNICIPALITIES_PER_DASHBOARD} (infra/metering.ts counts them); 100 keeps every graph readable.
 */
export const DEFAULT_MUNICIPALITIES_PER_DASHBOARD = 100;
export { MAX_MUNICIPALITIES_PER_DASHBOARD };

const alarmsFields = z.strictObject({
  enabled: bool(true).meta({
    description:
      "The operator account's CloudWatch alarms, the same few at any number of municipalities: account-wide throttles and server errors, per-municipality client errors and input and output tokens (Metrics Insights, one contributor per municipality), and invocation-log delivery failures; to one KMS-encrypted SNS topic.",
    descriptionJa:
      "事業者アカウントの CloudWatch アラーム。自治体の数によらず同じ数です: アカウント全体のスロットリングとサーバーエラー、自治体ごとのクライアントエラーと入力・出力トークン数(Metrics Insights、自治体ごとに 1 つのコントリビューター)、呼び出しログ配信の失敗。KMS で暗号化した 1 つの SNS トピックに通知します。",
  }),
  emails: z.array(email, { error: m.emails }).default([]).meta({
    description: "Email endpoints subscribed to the alarm topic (each must confirm once).",
    descriptionJa: "アラームのトピックを購読するメールアドレス(それぞれ一度確認が必要です)。",
  }),
  periodSeconds: z
    .union([z.literal(60), z.literal(300), z.literal(900), z.literal(3600)], { error: m.alarmPeriod })
    .default(DEFAULT_ALARM_THRESHOLDS.periodSeconds)
    .meta({
      description: "Period of the throttle and error alarms, in seconds (60, 300, 900 or 3600).",
      descriptionJa: "スロットリングとエラーのアラームの期間(秒。60、300、900、3600 のいずれか)。",
    }),
  throttles: wholeNumber(1, 1_000_000).default(DEFAULT_ALARM_THRESHOLDS.throttles).meta({
    description: "Alarm when Bedrock throttles this many calls of all municipalities together in one period.",
    descriptionJa: "1 期間に全自治体あわせてこの回数スロットリングされたらアラーム。",
  }),
  serverErrors: wholeNumber(1, 1_000_000).default(DEFAULT_ALARM_THRESHOLDS.serverErrors).meta({
    description: "Alarm on this many server errors (5xx) of all municipalities together in one period.",
    descriptionJa: "1 期間に全自治体あわせてサーバーエラー(5xx)がこの回数に達したらアラーム。",
  }),
  clientErrors: wholeNumber(1, 1_000_000).default(DEFAULT_ALARM_THRESHOLDS.clientErrors).meta({
    description:
      "Alarm on this many client errors (4xx) of one municipality in one period (each municipality on its own).",
    descriptionJa: "1 期間に 1 自治体のクライアントエラー(4xx)がこの回数に達したらアラーム(自治体ごと)。",
  }),
  tokenWindowSeconds: z
    .union([z.literal(300), z.literal(900), z.literal(3600), z.literal(10800)], { error: m.tokenWindow })
    .default(DEFAULT_ALARM_THRESHOLDS.tokenWindowSeconds)
    .meta({
      description:
        "Window of the token alarms, in seconds (300, 900, 3600 or 10800: CloudWatch evaluates a Metrics Insights alarm over the latest 3 hours only). Daily and monthly ceilings come from budgets and npm run usage.",
      descriptionJa:
        "トークンのアラームの期間(秒。300、900、3600、10800 のいずれか。CloudWatch は Metrics Insights のアラームを直近 3 時間のデータだけで評価します)。日次・月次の上限は予算と npm run usage で見ます。",
    }),
  inputTokens: wholeNumber(1000, 10_000_000_000).default(DEFAULT_ALARM_THRESHOLDS.inputTokens).meta({
    description: "Alarm when one municipality's input tokens in one token window reach this ceiling.",
    descriptionJa: "1 自治体の入力トークン数がトークンのアラームの期間内にこの上限に達したらアラーム。",
  }),
  outputTokens: wholeNumber(1000, 10_000_000_000).default(DEFAULT_ALARM_THRESHOLDS.outputTokens).meta({
    description: "Alarm when one municipality's output tokens in one token window reach this ceiling.",
    descriptionJa: "1 自治体の出力トークン数がトークンのアラームの期間内にこの上限に達したらアラーム。",
  }),
});

const budgetsFields = z.strictObject({
  enabled: bool(false).meta({
    description:
      "A monthly AWS Budget per municipality filtered by its cost-allocation tag, and one for the whole operator account.",
    descriptionJa: "コスト配分タグで絞り込んだ自治体ごとの月次 AWS Budget と、事業者アカウント全体の月次 AWS Budget。",
  }),
  municipalityMonthlyUsd: z
    .number({ error: m.usdAmount })
    .positive({ error: m.usdAmount })
    .default(100)
    .meta({ description: "Monthly budget of each municipality, in USD.", descriptionJa: "各自治体の月次予算(USD)。" }),
  accountMonthlyUsd: z.number({ error: m.usdAmount }).positive({ error: m.usdAmount }).default(10_000).meta({
    description: "Monthly budget of the whole operator account, in USD.",
    descriptionJa: "事業者アカウント全体の月次予算(USD)。",
  }),
  thresholdsPercent: z
    .array(wholeNumber(1, 1000), { error: m.percentages })
    .min(1, { error: m.percentagesMin })
    .max(5, { error: m.percentagesMax })
    .default([80, 100])
    .meta({
      description: "Notify when actual cost passes these percentages of the budget (at most 5).",
      descriptionJa: "実コストが予算のこれらの割合を超えたら通知(最大 5 つ)。",
    }),
  emails: z
    .array(email, { error: m.emails })
    .min(1, { error: m.emailsMin })
    .max(10, { error: m.emailsMax })
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
  alarms: alarmsFields.prefault({}),
  dashboard: bool(true).meta({
    description:
      "CloudWatch dashboards of every municipality's invocations, tokens and errors, labelled with its name (one per municipalitiesPerDashboard municipalities).",
    descriptionJa:
      "全自治体の呼び出し数、トークン数、エラーを自治体名で示す CloudWatch ダッシュボード(municipalitiesPerDashboard 自治体ごとに 1 つ)。",
  }),
  municipalitiesPerDashboard: wholeNumber(1, MAX_MUNICIPALITIES_PER_DASHBOARD)
    .default(DEFAULT_MUNICIPALITIES_PER_DASHBOARD)
    .meta({
      description: `Municipalities per dashboard page (at most ${MAX_MUNICIPALITIES_PER_DASHBOARD}: CloudWatch's 500 metrics per graph and 2,500 per dashboard).`,
      descriptionJa: `ダッシュボード 1 ページあたりの自治体数(最大 ${MAX_MUNICIPALITIES_PER_DASHBOARD}。CloudWatch の上限はグラフあたり 500、ダッシュボードあたり 2,500 メトリクス)。`,
    }),
  budgets: budgetsFields.prefault({}),
});
type MeteringInput = z.output<typeof meteringFields>;

/** Budgets notify by email; without an address they would alarm nobody. */
function budgetsNeedEmails(cfg: MeteringInput, ctx: z.RefinementCtx): void {
  if (cfg.budgets.enabled && cfg.budgets.emails === undefined) {
    refuse(ctx, ["budgets", "emails"], m.budgetsNeedEmails);
  }
}

/** Alarms, dashboards and budgets are per municipality profile: without metering there is nothing to watch. */
function partsNeedMetering(cfg: MeteringInput, ctx: z.RefinementCtx): void {
  if (!cfg.enabled && cfg.budgets.enabled) {
    refuse(ctx, ["budgets", "enabled"], m.budgetsNeedMetering);
  }
}

export const meteringSchema = meteringFields.superRefine(budgetsNeedEmails).superRefine(partsNeedMetering).prefault({});

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
