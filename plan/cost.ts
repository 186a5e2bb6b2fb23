/**
 * Fixed monthly cost of what a plan declares, from the price table. Pure: it sees only resource
 * types and inputs. Only resources with an hourly charge are priced; IAM, VPCs, subnets, route
 * tables and security groups cost nothing by themselves. Usage (tokens, GB processed) is not a
 * fixed cost and is left out.
 */
import { ENDPOINT_CATALOG, ENDPOINT_KEYS } from "../infra/endpoints";
import { type EndpointInputs, resolveEndpoints } from "../infra/config/municipality";
import { HOURS_PER_MONTH, MICRO_USD_PER_USD, type Price, type PriceId, PRICES, findPrice } from "./prices";

export interface CostableResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface CostLine {
  readonly resource: string;
  readonly type: string;
  readonly priceId: PriceId;
  /** Billing units per hour: AZs for an interface endpoint, 1 otherwise. */
  readonly unitsPerHour: number;
  /** Undefined when the table has no price for the region. */
  readonly price: Price | undefined;
  /** Undefined when unpriced. */
  readonly monthlyMicroUsd: number | undefined;
}

export const VPC_ENDPOINT_TYPE = "aws:ec2/vpcEndpoint:VpcEndpoint";
export const NAT_GATEWAY_TYPE = "aws:ec2/natGateway:NatGateway";
export const KMS_KEY_TYPE = "aws:kms/key:Key";
export const METRIC_ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const DASHBOARD_TYPE = "aws:cloudwatch/dashboard:Dashboard";

export const INFERENCE_PROFILE_TYPE = "aws:bedrock/inferenceProfile:InferenceProfile";

/** Japan's municipalities (市区町村), the scale the plan prices the operator's alarms at. */
export const MUNICIPALITIES_OF_JAPAN = 1741;

/** An alarm on a Metrics Insights query: one metric query whose `expression` is a `SELECT`. */
export function isMetricsInsightsAlarm(inputs: Readonly<Record<string, unknown>>): boolean {
  const queries = inputs.metricQueries;
  return (
    Array.isArray(queries) &&
    queries.some((query) => /^\s*SELECT\s/i.test(String((query as { expression?: unknown })?.expression ?? "")))
  );
}

/**
 * What an alarm is billed per: a Metrics Insights alarm per metric its query analyzes, here one per
 * municipality's profile (`ModelId`), the most it can match; a metric-math alarm per metric it reads;
 * a plain alarm reads one.
 */
export function alarmMetricCount(inputs: Readonly<Record<string, unknown>>, municipalities = 1): number {
  if (isMetricsInsightsAlarm(inputs)) return municipalities;
  const queries = inputs.metricQueries;
  if (!Array.isArray(queries)) return 1;
  return Math.max(1, queries.filter((query) => (query as { metric?: unknown })?.metric !== undefined).length);
}

/** Monthly cost of `unitsPerHour` billing units at `price`, exact in micro-dollars. */
export function monthlyMicroUsd(price: Price, unitsPerHour: number): number {
  return price.billing === "month" ? price.microUsd * unitsPerHour : price.microUsd * unitsPerHour * HOURS_PER_MONTH;
}

/** An interface endpoint has one network interface, billed separately, per subnet (= per AZ). */
export function interfaceEndpointAzCount(inputs: Readonly<Record<string, unknown>>): number {
  const subnets = inputs.subnetIds;
  return Array.isArray(subnets) ? subnets.length : 0;
}

function pricedItem(
  resource: CostableResource,
  municipalities: number,
): { priceId: PriceId; unitsPerHour: number } | undefined {
  if (resource.type === VPC_ENDPOINT_TYPE) {
    return resource.inputs.vpcEndpointType === "Gateway"
      ? { priceId: "gatewayEndpoint", unitsPerHour: 1 }
      : { priceId: "interfaceEndpointAzHour", unitsPerHour: interfaceEndpointAzCount(resource.inputs) };
  }
  if (resource.type === NAT_GATEWAY_TYPE) return { priceId: "natGatewayHour", unitsPerHour: 1 };
  if (resource.type === KMS_KEY_TYPE) return { priceId: "kmsKeyMonth", unitsPerHour: 1 };
  if (resource.type === METRIC_ALARM_TYPE) {
    return {
      priceId: isMetricsInsightsAlarm(resource.inputs)
        ? "cloudwatchMetricsInsightsAlarmMetricMonth"
        : "cloudwatchAlarmMetricMonth",
      unitsPerHour: alarmMetricCount(resource.inputs, municipalities),
    };
  }
  if (resource.type === DASHBOARD_TYPE) return { priceId: "cloudwatchDashboardMonth", unitsPerHour: 1 };
  return undefined;
}

/**
 * `municipalities`: what the operator's Metrics Insights alarms analyze, by default the plan's own
 * application profiles (one per metered municipality), at least one.
 */
export function costLines(
  resources: readonly CostableResource[],
  region: string,
  table: readonly Price[] = PRICES,
  municipalities = Math.max(1, resources.filter((resource) => resource.type === INFERENCE_PROFILE_TYPE).length),
): CostLine[] {
  return resources.flatMap((resource) => {
    const item = pricedItem(resource, municipalities);
    if (item === undefined) return [];
    const price = findPrice(item.priceId, region, table);
    return [
      {
        resource: resource.name,
        type: resource.type,
        ...item,
        price,
        monthlyMicroUsd: price === undefined ? undefined : monthlyMicroUsd(price, item.unitsPerHour),
      },
    ];
  });
}

export interface CostSummary {
  readonly lines: readonly CostLine[];
  /** Sum of the priced lines. */
  readonly monthlyMicroUsd: number;
  /** Lines the table has no price for (another region): the total is then a lower bound. */
  readonly unpriced: readonly CostLine[];
  /** Some priced line uses a figure AWS's page did not confirm. */
  readonly usesUnverifiedPrices: boolean;
}

export function summariseCost(lines: readonly CostLine[]): CostSummary {
  const priced = lines.filter((line) => line.monthlyMicroUsd !== undefined);
  return {
    lines,
    monthlyMicroUsd: priced.reduce((sum, line) => sum + line.monthlyMicroUsd!, 0),
    unpriced: lines.filter((line) => line.monthlyMicroUsd === undefined),
    usesUnverifiedPrices: priced.some(
      (line) => line.price !== undefined && !line.price.verified && line.monthlyMicroUsd! > 0,
    ),
  };
}

/** The operator's alarms at one number of municipalities. */
export interface AlarmCostAt {
  readonly municipalities: number;
  readonly monthlyMicroUsd: number;
}

export interface AlarmScaling {
  /** CloudWatch alarms the stack declares: the same at any number of municipalities. */
  readonly alarms: number;
  readonly at: readonly AlarmCostAt[];
  readonly usesUnverifiedPrices: boolean;
}

/**
 * The stack's alarms priced at 1 and at 1,741 municipalities (or `counts`): their number does not
 * change, what a Metrics Insights alarm analyzes does. Undefined without alarms or without a price.
 */
export function alarmScaling(
  resources: readonly CostableResource[],
  region: string,
  counts: readonly number[] = [1, MUNICIPALITIES_OF_JAPAN],
  table: readonly Price[] = PRICES,
): AlarmScaling | undefined {
  const alarms = resources.filter((resource) => resource.type === METRIC_ALARM_TYPE);
  if (alarms.length === 0) return undefined;
  const at = counts.map((municipalities) => ({
    municipalities,
    cost: summariseCost(costLines(alarms, region, table, municipalities)),
  }));
  if (at.some(({ cost }) => cost.unpriced.length > 0)) return undefined;
  return {
    alarms: alarms.length,
    at: at.map(({ municipalities, cost }) => ({ municipalities, monthlyMicroUsd: cost.monthlyMicroUsd })),
    usesUnverifiedPrices: at.some(({ cost }) => cost.usesUnverifiedPrices),
  };
}

/** The plan's sentence on the alarms' count and cost at each number of municipalities. */
export function alarmScalingText(scaling: AlarmScaling): string {
  const at = scaling.at
    .map((point) => `${formatUsd(point.monthlyMicroUsd)} at ${point.municipalities.toLocaleString("en-US")}`)
    .join(", ");
  return (
    `CloudWatch alarms: ${scaling.alarms}, the same at any number of municipalities; per month ${at} ` +
    `municipalities${scaling.usesUnverifiedPrices ? " (unverified prices)" : ""}. An alarm on a Metrics Insights ` +
    "query is billed per metric it analyzes, at most one per municipality's profile (plan/prices.ts)."
  );
}

export interface AzProfileComparison {
  readonly interfaceEndpoints: number;
  readonly oneAzMicroUsd: number;
  readonly twoAzMicroUsd: number;
  /** What the 1-AZ PoC profile saves against 2 AZs each month. */
  readonly savingMicroUsd: number;
}

/**
 * The PoC profile's saving: interface endpoints are billed per AZ, so going from 2 AZs to 1
 * halves their fixed cost. Undefined when the region has no interface endpoint price.
 */
export function azProfileComparison(
  interfaceEndpoints: number,
  region: string,
  table: readonly Price[] = PRICES,
): AzProfileComparison | undefined {
  const price = findPrice("interfaceEndpointAzHour", region, table);
  if (price === undefined) return undefined;
  const oneAz = monthlyMicroUsd(price, interfaceEndpoints);
  const twoAz = monthlyMicroUsd(price, interfaceEndpoints * 2);
  return { interfaceEndpoints, oneAzMicroUsd: oneAz, twoAzMicroUsd: twoAz, savingMicroUsd: twoAz - oneAz };
}

/** `$40.88`: rounded half-up to the cent. */
export function formatUsd(microUsd: number): string {
  const cents = Math.round(microUsd / (MICRO_USD_PER_USD / 100));
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
}

/** `$0.014`: a unit price with all its digits (at least two decimals), for the price lines. */
export function formatUnitPrice(microUsd: number): string {
  const whole = Math.floor(microUsd / MICRO_USD_PER_USD);
  const fraction = String(microUsd % MICRO_USD_PER_USD)
    .padStart(6, "0")
    .replace(/0+$/, "")
    .padEnd(2, "0");
  return `$${whole}.${fraction}`;
}

export interface SetupRunCost {
  /** Interface endpoints the setup run adds to the steady state (Session Manager, CodeArtifact). */
  readonly addedEndpoints: readonly string[];
  readonly availabilityZones: number;
  /** Steady-state total plus the added endpoints; the smoke-test instance is not in the price table. */
  readonly monthlyMicroUsd: number;
}

/**
 * A municipality's fixed cost during a setup run (docs/municipality.md, step 2): the config
 * re-resolved with the setup features on (`sessionAccess`, `codeArtifact.clientReadAccess`,
 * `smokeTest`), the user's explicit endpoint overrides still winning, priced like the steady state.
 * Undefined for an operator or a region without an interface-endpoint price.
 */
export function setupRunCost(
  stack: { readonly account: string; readonly config: Readonly<Record<string, unknown>> },
  steadyMicroUsd: number,
  table: readonly Price[] = PRICES,
): SetupRunCost | undefined {
  if (stack.account !== "municipality") return undefined;
  const config = stack.config as {
    region?: string;
    endpoints?: Record<string, { enabled?: boolean }>;
    endpointOverrides?: EndpointInputs["endpoints"];
    vpc?: { availabilityZones?: readonly string[] };
  };
  const region = String(config.region ?? "");
  const price = findPrice("interfaceEndpointAzHour", region, table);
  if (price === undefined) return undefined;
  const setup = resolveEndpoints({
    region,
    endpoints: config.endpointOverrides ?? {},
    sessionAccess: true,
    installsPackages: true,
  });
  const addedEndpoints = ENDPOINT_KEYS.filter(
    (key) =>
      ENDPOINT_CATALOG[key].kind === "Interface" && setup[key].enabled && config.endpoints?.[key]?.enabled !== true,
  );
  const availabilityZones = config.vpc?.availabilityZones?.length ?? 0;
  return {
    addedEndpoints,
    availabilityZones,
    monthlyMicroUsd: steadyMicroUsd + monthlyMicroUsd(price, addedEndpoints.length * availabilityZones),
  };
}
