/**
 * The monthly usage report (`npm run usage`): per municipality, the invocations and tokens Bedrock
 * published in CloudWatch (`AWS/Bedrock`, dimension `ModelId` = the municipality's application
 * inference profile, read under its ARN and under its bare id, since AWS does not say which it
 * records: infra/metering.ts) and an estimated cost from plan/prices.ts. Pure: queries out, metric
 * results in, rows out; usage/cli.ts talks to CloudWatch.
 */
import { BEDROCK_METRIC_NAMESPACE, MODEL_ID_DIMENSION, RUNTIME_METRICS, modelIdForms } from "../infra/metering";
import { MICRO_USD_PER_USD, type TokenPrice } from "../plan/prices";
import { USAGE_MESSAGES } from "./messages";

export type Measure = "invocations" | "inputTokens" | "outputTokens";
const MEASURES: readonly Measure[] = ["invocations", "inputTokens", "outputTokens"];

/** The first instant of `month` (YYYY-MM) and of the month after, in UTC. */
export function monthRange(month: string): { start: Date; end: Date } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (match === null) throw new Error(USAGE_MESSAGES.month({ month }));
  const [year, index] = [Number(match[1]), Number(match[2]) - 1];
  return { start: new Date(Date.UTC(year, index, 1)), end: new Date(Date.UTC(year, index + 1, 1)) };
}

/** One GetMetricData query; its id encodes the municipality's position, the measure and the form. */
export interface MetricQuery {
  readonly Id: string;
  readonly MetricStat: {
    readonly Metric: {
      readonly Namespace: string;
      readonly MetricName: string;
      readonly Dimensions: { readonly Name: string; readonly Value: string }[];
    };
    readonly Period: number;
    readonly Stat: "Sum";
  };
  readonly ReturnData: true;
}

/** GetMetricData takes at most 500 queries per call (CloudWatch API reference). */
export const QUERIES_PER_CALL = 500;

/** The two `ModelId` forms a profile is read under (infra/metering.ts, `modelIdForms`). */
const FORMS = ["arn", "id"] as const;
type Form = (typeof FORMS)[number];

const queryId = (index: number, measure: Measure, form: Form) => `m${index}_${measure.toLowerCase()}_${form}`;

/** Three sums per municipality over the month, one datapoint per day, each under both `ModelId` forms. */
export function metricQueries(profiles: Readonly<Record<string, string>>): MetricQuery[] {
  return Object.values(profiles).flatMap((arn, i) => {
    const forms = modelIdForms(arn);
    return MEASURES.flatMap((measure) =>
      FORMS.map((form) => ({
        Id: queryId(i, measure, form),
        MetricStat: {
          Metric: {
            Namespace: BEDROCK_METRIC_NAMESPACE,
            MetricName: RUNTIME_METRICS[measure],
            Dimensions: [{ Name: MODEL_ID_DIMENSION, Value: forms[form] }],
          },
          Period: 86_400,
          Stat: "Sum" as const,
        },
        ReturnData: true as const,
      })),
    );
  });
}

/** Under which `ModelId` the month's datapoints of a municipality were found. */
export type ModelIdForm = "arn" | "id" | "both" | "none";

export interface UsageRow {
  readonly municipality: string;
  readonly profileArn: string;
  readonly invocations: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Estimated model cost in micro-dollars. */
  readonly microUsd: number;
  readonly modelIdForm: ModelIdForm;
}

/**
 * Sums the datapoints of every query back onto its municipality, both forms together (pages may
 * split a query's values; CloudWatch records a call under one form, so nothing is counted twice).
 */
export function usageRows(
  profiles: Readonly<Record<string, string>>,
  results: readonly { readonly Id?: string; readonly Values?: readonly number[] }[],
  price: TokenPrice,
): UsageRow[] {
  const totals = new Map<string, number>();
  const seen = new Set<string>();
  for (const result of results) {
    const values = result.Values ?? [];
    const id = result.Id ?? "";
    totals.set(id, (totals.get(id) ?? 0) + values.reduce((a, b) => a + b, 0));
    if (values.length > 0) seen.add(id);
  }
  return Object.entries(profiles).map(([municipality, profileArn], i) => {
    const get = (measure: Measure) =>
      FORMS.reduce((sum, form) => sum + (totals.get(queryId(i, measure, form)) ?? 0), 0);
    const [invocations, inputTokens, outputTokens] = MEASURES.map(get);
    const found = FORMS.filter((form) => MEASURES.some((measure) => seen.has(queryId(i, measure, form))));
    const modelIdForm: ModelIdForm = found.length === 2 ? "both" : (found[0] ?? "none");
    const microUsd = Math.round(
      (inputTokens * price.inputMicroUsdPerMillion + outputTokens * price.outputMicroUsdPerMillion) / 1_000_000,
    );
    return { municipality, profileArn, invocations, inputTokens, outputTokens, microUsd, modelIdForm };
  });
}

/** How many municipalities' datapoints were found under each form: the first-deploy check's answer. */
export function modelIdFormCounts(rows: readonly UsageRow[]): Record<ModelIdForm, number> {
  const counts: Record<ModelIdForm, number> = { arn: 0, id: 0, both: 0, none: 0 };
  for (const row of rows) counts[row.modelIdForm]++;
  return counts;
}

/** Not one datapoint for any municipality under either form: the report would be all zeros for no known reason. */
export function noSeriesAtAll(rows: readonly UsageRow[]): boolean {
  return rows.every((row) => row.modelIdForm === "none");
}

export type Format = "md" | "csv" | "json";

const usd = (micro: number) => (micro / MICRO_USD_PER_USD).toFixed(2);

/** `formsNote`: the reader's sentence on which `ModelId` form CloudWatch used (md only; csv and json carry the column). */
export function renderUsage(
  month: string,
  rows: readonly UsageRow[],
  price: TokenPrice,
  format: Format,
  formsNote = "",
): string {
  if (format === "json") return JSON.stringify({ month, price, modelIdForms: modelIdFormCounts(rows), rows }, null, 2);
  if (format === "csv") {
    return [
      "municipality,invocations,input_tokens,output_tokens,estimated_usd,profile_arn,model_id_form",
      ...rows.map(
        (r) =>
          `${r.municipality},${r.invocations},${r.inputTokens},${r.outputTokens},${usd(r.microUsd)},${r.profileArn},${r.modelIdForm}`,
      ),
    ].join("\n");
  }
  const total = rows.reduce((sum, r) => sum + r.microUsd, 0);
  return [
    `# Bedrock usage ${month} (${price.modelId})`,
    "",
    "| municipality | invocations | input tokens | output tokens | estimated USD |",
    "|---|---:|---:|---:|---:|",
    ...rows.map(
      (r) => `| ${r.municipality} | ${r.invocations} | ${r.inputTokens} | ${r.outputTokens} | ${usd(r.microUsd)} |`,
    ),
    `| **total** | | | | ${usd(total)} |`,
    "",
    `Prices: $${usd(price.inputMicroUsdPerMillion)} / $${usd(price.outputMicroUsdPerMillion)} per million input / output tokens` +
      `${price.verified ? "" : " (unverified)"}, ${price.source}, read ${price.checked}. Tokens only: no guardrail, log or endpoint charges.`,
    ...(formsNote === "" ? [] : ["", formsNote]),
  ].join("\n");
}
