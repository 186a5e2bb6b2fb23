/**
 * The monthly usage report (`npm run usage`): per municipality, the invocations and tokens Bedrock
 * published in CloudWatch (`AWS/Bedrock`, dimension `ModelId` = the municipality's application
 * inference profile ARN, infra/metering.ts) and an estimated cost from plan/prices.ts. Pure:
 * queries out, metric results in, rows out; usage/cli.ts talks to CloudWatch.
 */
import { BEDROCK_METRIC_NAMESPACE, MODEL_ID_DIMENSION, RUNTIME_METRICS } from "../infra/metering";
import { MICRO_USD_PER_USD, type TokenPrice } from "../plan/prices";

export type Measure = "invocations" | "inputTokens" | "outputTokens";
const MEASURES: readonly Measure[] = ["invocations", "inputTokens", "outputTokens"];

/** The first instant of `month` (YYYY-MM) and of the month after, in UTC. */
export function monthRange(month: string): { start: Date; end: Date } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (match === null) throw new Error(`--month must be YYYY-MM, e.g. 2026-11 (got "${month}")`);
  const [year, index] = [Number(match[1]), Number(match[2]) - 1];
  return { start: new Date(Date.UTC(year, index, 1)), end: new Date(Date.UTC(year, index + 1, 1)) };
}

/** One GetMetricData query; its id encodes the municipality's position and the measure. */
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

/** Three sums per municipality over the month, one datapoint per day. */
export function metricQueries(profiles: Readonly<Record<string, string>>): MetricQuery[] {
  return Object.values(profiles).flatMap((arn, i) =>
    MEASURES.map((measure) => ({
      Id: `m${i}_${measure.toLowerCase()}`,
      MetricStat: {
        Metric: {
          Namespace: BEDROCK_METRIC_NAMESPACE,
          MetricName: RUNTIME_METRICS[measure],
          Dimensions: [{ Name: MODEL_ID_DIMENSION, Value: arn }],
        },
        Period: 86_400,
        Stat: "Sum" as const,
      },
      ReturnData: true as const,
    })),
  );
}

export interface UsageRow {
  readonly municipality: string;
  readonly profileArn: string;
  readonly invocations: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Estimated model cost in micro-dollars. */
  readonly microUsd: number;
}

/** Sums the datapoints of every query back onto its municipality (pages may split a query's values). */
export function usageRows(
  profiles: Readonly<Record<string, string>>,
  results: readonly { readonly Id?: string; readonly Values?: readonly number[] }[],
  price: TokenPrice,
): UsageRow[] {
  const totals = new Map<string, number>();
  for (const result of results) {
    const sum = (result.Values ?? []).reduce((a, b) => a + b, 0);
    totals.set(result.Id ?? "", (totals.get(result.Id ?? "") ?? 0) + sum);
  }
  return Object.entries(profiles).map(([municipality, profileArn], i) => {
    const get = (measure: Measure) => totals.get(`m${i}_${measure.toLowerCase()}`) ?? 0;
    const [invocations, inputTokens, outputTokens] = MEASURES.map(get);
    const microUsd = Math.round(
      (inputTokens * price.inputMicroUsdPerMillion + outputTokens * price.outputMicroUsdPerMillion) / 1_000_000,
    );
    return { municipality, profileArn, invocations, inputTokens, outputTokens, microUsd };
  });
}

export type Format = "md" | "csv" | "json";

const usd = (micro: number) => (micro / MICRO_USD_PER_USD).toFixed(2);

export function renderUsage(month: string, rows: readonly UsageRow[], price: TokenPrice, format: Format): string {
  if (format === "json") return JSON.stringify({ month, price, rows }, null, 2);
  if (format === "csv") {
    return [
      "municipality,invocations,input_tokens,output_tokens,estimated_usd,profile_arn",
      ...rows.map(
        (r) =>
          `${r.municipality},${r.invocations},${r.inputTokens},${r.outputTokens},${usd(r.microUsd)},${r.profileArn}`,
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
  ].join("\n");
}
