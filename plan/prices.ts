/**
 * The one dated price table the offline plan estimates fixed monthly cost from. Amounts are
 * integer micro-dollars (1 USD = 1,000,000) so every sum and product is exact. A figure AWS's
 * own page did not confirm when it was entered carries `verified: false`; the plan prints that
 * flag next to every line that uses it.
 */

/** Table date: when its figures were last looked at. */
export const PRICE_TABLE_DATE = "2026-11-23";

/** AWS prices hourly resources on a 730-hour month. */
export const HOURS_PER_MONTH = 730;

export const MICRO_USD_PER_USD = 1_000_000;

/** Region of a price that is the same everywhere. */
export const ANY_REGION = "*";

export type PriceId =
  | "interfaceEndpointAzHour"
  | "gatewayEndpoint"
  | "natGatewayHour"
  | "kmsKeyMonth"
  | "cloudwatchAlarmMetricMonth"
  | "cloudwatchMetricsInsightsAlarmMetricMonth"
  | "cloudwatchDashboardMonth";

export interface Price {
  readonly id: PriceId;
  readonly description: string;
  readonly region: string;
  /** What one `microUsd` buys, e.g. one endpoint in one AZ for one hour. */
  readonly unit: string;
  readonly microUsd: number;
  readonly source: string;
  /** When `source` was read for this entry. */
  readonly checked: string;
  /** True only when `source` is AWS and it states this figure. */
  readonly verified: boolean;
  readonly note?: string;
  /** `month` for prices AWS states per month (KMS keys); hourly when absent. */
  readonly billing?: "month";
}

export const PRICES: readonly Price[] = [
  {
    id: "interfaceEndpointAzHour",
    description: "Interface VPC endpoint (PrivateLink), per endpoint per AZ",
    region: "ap-northeast-1",
    unit: "endpoint-AZ-hour",
    microUsd: 14_000,
    source: "https://aws.amazon.com/privatelink/pricing/",
    checked: PRICE_TABLE_DATE,
    verified: false,
    note:
      "Tokyo rate from third-party price lists (docs/design.md §5). AWS's page confirms the billing model " +
      "(each endpoint, each AZ, each started hour) but its regional rates are rendered by script and " +
      "were not read. Data processing (per GB) is extra and not estimated.",
  },
  {
    id: "gatewayEndpoint",
    description: "Gateway VPC endpoint (S3, DynamoDB)",
    // Free in every region, so one entry serves Osaka too.
    region: ANY_REGION,
    unit: "endpoint-hour",
    microUsd: 0,
    source: "https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-startup-security-baseline/wkld-12.html",
    checked: PRICE_TABLE_DATE,
    verified: true,
    note: 'AWS: gateway endpoints "come at no additional charge".',
  },
  {
    id: "natGatewayHour",
    description: "NAT gateway, per gateway",
    region: "ap-northeast-1",
    unit: "gateway-hour",
    microUsd: 62_000,
    source: "https://aws.amazon.com/vpc/pricing/",
    checked: PRICE_TABLE_DATE,
    verified: false,
    note:
      "Tokyo rate from third-party price lists (docs/design.md §5). Only used if a plan ever contains a NAT " +
      "gateway (the closed VPC has none) and for the comparison line in the report.",
  },
  {
    id: "kmsKeyMonth",
    description: "KMS customer managed key (the operator's invocation-log key)",
    region: ANY_REGION,
    unit: "key-month",
    microUsd: 1_000_000,
    billing: "month",
    source: "https://aws.amazon.com/kms/pricing/",
    checked: PRICE_TABLE_DATE,
    verified: true,
    note:
      'AWS: "Each AWS KMS key that you create in KMS costs $1/month", the same in every region. ' +
      "Automatic rotation adds $1/month per rotated version (a 2024 change caps this at two rotations, " +
      "read in third-party summaries only); requests beyond 20,000/month are usage and not estimated.",
  },
  {
    id: "cloudwatchAlarmMetricMonth",
    description: "CloudWatch standard-resolution alarm, per metric it evaluates (metering alarms)",
    region: ANY_REGION,
    unit: "alarm-metric-month",
    microUsd: 100_000,
    billing: "month",
    source: "https://aws.amazon.com/cloudwatch/pricing/",
    checked: PRICE_TABLE_DATE,
    verified: false,
    note:
      "US rate from third-party summaries; AWS's page renders regional rates by script and was not read. " +
      "A metric-math alarm is billed per metric it reads. The free tier (10 alarm metrics) is not deducted.",
  },
  {
    id: "cloudwatchMetricsInsightsAlarmMetricMonth",
    description:
      "CloudWatch alarm on a Metrics Insights query, per metric the query analyzes (the operator account's Bedrock alarms)",
    region: ANY_REGION,
    unit: "metric-analyzed-month",
    microUsd: 100_000,
    billing: "month",
    source: "https://aws.amazon.com/cloudwatch/pricing/",
    checked: PRICE_TABLE_DATE,
    verified: false,
    note:
      "AWS's page bills an alarm on a Metrics Insights query per metric the query analyzes and leaves these alarms " +
      "out of the free tier's 10 alarm metrics; the per-metric rate (the standard-resolution $0.10) is from " +
      "third-party summaries, not read on AWS's page, which renders its rates by script. The plan counts one metric " +
      "per municipality's profile, the most a query over ModelId can analyze: a profile without datapoints in the " +
      "evaluated window may not be analyzed (unverified).",
  },
  {
    id: "cloudwatchDashboardMonth",
    description: "CloudWatch dashboard (metering dashboards)",
    region: ANY_REGION,
    unit: "dashboard-month",
    microUsd: 3_000_000,
    billing: "month",
    source: "https://aws.amazon.com/cloudwatch/pricing/",
    checked: PRICE_TABLE_DATE,
    verified: false,
    note: "From third-party summaries, not read on AWS's page. The first 3 dashboards of an account are free; not deducted.",
  },
];

export function findPrice(id: PriceId, region: string, table: readonly Price[] = PRICES): Price | undefined {
  return (
    table.find((price) => price.id === id && price.region === region) ??
    table.find((price) => price.id === id && price.region === ANY_REGION)
  );
}

/** Bedrock on-demand token prices of the catalog's models through a `jp.` (geographic) profile. */
export interface TokenPrice {
  /** Foundation model id (infra/catalog.ts `modelId`). */
  readonly modelId: string;
  readonly inputMicroUsdPerMillion: number;
  readonly outputMicroUsdPerMillion: number;
  readonly source: string;
  readonly checked: string;
  readonly verified: boolean;
  readonly note: string;
}

const TOKEN_PRICE_NOTE =
  "Anthropic's list price plus the 10% AWS charges on regional and geographic (jp.) endpoints of the 4.5 " +
  "models, from third-party summaries: AWS's page renders its rates by script and was not read.";

export const TOKEN_PRICES: readonly TokenPrice[] = [
  {
    modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
    inputMicroUsdPerMillion: 1_100_000,
    outputMicroUsdPerMillion: 5_500_000,
    source: "https://aws.amazon.com/bedrock/pricing/",
    checked: PRICE_TABLE_DATE,
    verified: false,
    note: TOKEN_PRICE_NOTE,
  },
  {
    modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    inputMicroUsdPerMillion: 3_300_000,
    outputMicroUsdPerMillion: 16_500_000,
    source: "https://aws.amazon.com/bedrock/pricing/",
    checked: PRICE_TABLE_DATE,
    verified: false,
    note: TOKEN_PRICE_NOTE,
  },
];

export function findTokenPrice(modelId: string, table: readonly TokenPrice[] = TOKEN_PRICES): TokenPrice | undefined {
  return table.find((price) => price.modelId === modelId);
}
