/**
 * Pure builders of metering (docs/operator.md, "Metering, alarms and budgets"): names, the
 * profile's tags, the operator account's alarms (a fixed set of CloudWatch Metrics Insights
 * alarms, whatever the number of municipalities), the dashboard bodies, the alarm topic's key and
 * topic policies and the budget's cost filter. The components only turn these into resources, so
 * the plan, the specs and the usage report read the same definitions.
 *
 * Metrics: Bedrock publishes its runtime metrics (`Invocations`, `InputTokenCount`,
 * `OutputTokenCount`, `InvocationClientErrors`, `InvocationServerErrors`, `InvocationThrottles`)
 * in `AWS/Bedrock` by the `ModelId` dimension
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-runtime-metrics.html). That page
 * does not say what `ModelId` a call through an application profile is recorded under, its ARN or
 * its bare id, so the alarms group by whatever it is, and the dashboards and the usage report read
 * both ({@link modelIdForms}); docs/operator.md's first-deploy checklist settles which.
 */
import { accountRootArn } from "./arns";
import type { AlarmSettings } from "./config/features/metering";
import { type PolicyDocument, policyDocument } from "./iam/document";
import { PROJECT } from "./naming";

export const BEDROCK_METRIC_NAMESPACE = "AWS/Bedrock";
export const MODEL_ID_DIMENSION = "ModelId";

/** Bedrock's runtime metrics the alarms, dashboards and usage report read. */
export const RUNTIME_METRICS = {
  invocations: "Invocations",
  inputTokens: "InputTokenCount",
  outputTokens: "OutputTokenCount",
  clientErrors: "InvocationClientErrors",
  serverErrors: "InvocationServerErrors",
  throttles: "InvocationThrottles",
} as const;

/** Published once per account and region, under no model dimension. */
export const LOG_DELIVERY_FAILURE_METRICS = [
  "ModelInvocationLogsCloudWatchDeliveryFailure",
  "ModelInvocationLogsS3DeliveryFailure",
] as const;

/** Application-profile names: 1-64 letters, digits, spaces, `_` and `-` (CreateInferenceProfile). */
export function applicationProfileName(municipality: string): string {
  return `${PROJECT}-${municipality}`;
}

export function alarmTopicName(region: string): string {
  return `${PROJECT}-alarms-${region}`;
}

export function alarmTopicKeyAlias(region: string): string {
  return `alias/${PROJECT}/alarms-${region}`;
}

export function dashboardName(page: number, pages: number): string {
  return pages === 1 ? `${PROJECT}-municipalities` : `${PROJECT}-municipalities-${page + 1}-of-${pages}`;
}

export function municipalityBudgetName(municipality: string): string {
  return `${PROJECT}-${municipality}`;
}

export const ACCOUNT_BUDGET_NAME = `${PROJECT}-operator-account`;

/** The profile's tags: the cost-allocation tag carries the municipality's name. */
export function applicationProfileTags(
  tagKey: string,
  municipality: string,
  stackTags: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { ...stackTags, [tagKey]: municipality };
}

/**
 * AWS Budgets' `TagKeyValue` filter value: `user:<key>$<value>` for a user-defined cost-allocation
 * tag (Budgets API, `CostFilters`: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html).
 */
export function budgetTagFilterValue(tagKey: string, municipality: string): string {
  return `user:${tagKey}$${municipality}`;
}

/**
 * The two forms CloudWatch may record a call through an application profile under, as the
 * `ModelId` dimension: the profile's ARN (what the caller passes as `modelId`) or its bare id (the
 * last part of the ARN; AWS's own cost-allocation sample reads it that way). Bedrock's page does not
 * say which (docs/operator.md, "Verify on the first deploy"), so every reader here accepts both.
 */
export interface ModelIdForms {
  readonly arn: string;
  readonly id: string;
}

const APPLICATION_PROFILE_RESOURCE = "application-inference-profile/";

/** `arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>` → both forms. */
export function modelIdForms(profileArn: string): ModelIdForms {
  const at = profileArn.indexOf(APPLICATION_PROFILE_RESOURCE);
  if (at < 0) throw new Error(`${profileArn} is not an application inference profile ARN`);
  return { arn: profileArn, id: profileArn.slice(at + APPLICATION_PROFILE_RESOURCE.length) };
}

/** The municipality whose profile CloudWatch recorded as `modelId` (either form), or undefined. */
export function municipalityOfModelId(
  profileArns: Readonly<Record<string, string>>,
  modelId: string,
): string | undefined {
  return Object.entries(profileArns).find(([, arn]) => {
    const forms = modelIdForms(arn);
    return modelId === forms.arn || modelId === forms.id;
  })?.[0];
}

/**
 * What CloudWatch allows an alarm on a Metrics Insights query
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-limits.html, "Limits that
 * apply to alarms based on Metrics Insights queries", and
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-limits.html):
 * it evaluates only the latest 3 hours; one query returns at most 500 time series (more: the alarm's
 * evaluation state is PARTIAL_DATA and `ORDER BY … DESC` decides which 500) and processes at most
 * 10,000 metrics; at most 100 contributors are in ALARM at once; 200 such alarms per account and
 * region by default. docs/operator.md says what happens past each.
 */
export const METRICS_INSIGHTS_ALARM_LIMITS = {
  evaluationWindowSeconds: 3 * 3600,
  timeSeriesPerQuery: 500,
  metricsPerQuery: 10_000,
  contributorsInAlarm: 100,
  alarmsPerAccountAndRegion: 200,
} as const;

/** PutMetricAlarm's `AlarmDescription`: at most 1,024 characters (CloudWatch API reference). */
export const ALARM_DESCRIPTION_MAX_LENGTH = 1024;

/** Which alarms the operator account gets: the same set whatever the number of municipalities. */
export type OperatorAlarmKey = "throttles" | "server-errors" | "client-errors" | "input-tokens" | "output-tokens";

/**
 * One CloudWatch alarm on a Metrics Insights query, as {@link OperatorAlarms} creates it; plain data
 * so the specs, the plan and the docs count the same thing.
 * - `account`: one time series, the sum over every municipality's profile. Bedrock's throughput
 *   quotas are per account, model and region (https://docs.aws.amazon.com/bedrock/latest/userguide/quotas-runtime.html),
 *   so a throttle is one account-wide signal, not one per municipality.
 * - `municipality`: `GROUP BY ModelId`, one contributor per municipality's profile, each with its
 *   own state and its own notification
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Metrics_Insights_Alarm.html).
 */
export interface OperatorAlarmSpec {
  /** Suffix of the Pulumi name and of the alarm name. */
  readonly key: OperatorAlarmKey;
  readonly scope: "account" | "municipality";
  readonly alarmName: string;
  readonly description: string;
  readonly metricName: string;
  /** The Metrics Insights query the alarm evaluates (`metricQueries[0].expression`). */
  readonly query: string;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

/** The shared model ids a call through a municipality's profile is not counted under (see the query). */
export interface SharedModelIds {
  /** The `jp.` system profile the municipalities' profiles copy. */
  readonly systemProfileId: string;
  /** Its foundation model. */
  readonly foundationModelId: string;
}

/**
 * `SELECT SUM(<metric>) FROM SCHEMA("AWS/Bedrock", ModelId) WHERE …`, grouped by `ModelId` for a
 * per-municipality alarm. The query names no municipality, so it follows onboarding and offboarding
 * without a change, and matches a profile whichever form CloudWatch records it under. The `WHERE`
 * leaves out the shared `jp.` profile and its model: if CloudWatch also counted a call under them,
 * that series would sum every municipality and alarm as if it were one. `ORDER BY SUM() DESC`: past
 * 500 series the heaviest 500 are evaluated (the only ones a ceiling can be crossed by first).
 * Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-querylanguage.html
 */
export function metricsInsightsQuery(
  metricName: string,
  scope: OperatorAlarmSpec["scope"],
  shared: SharedModelIds,
): string {
  const excluded = [shared.systemProfileId, shared.foundationModelId]
    .map((id) => `${MODEL_ID_DIMENSION} != '${id.replace(/'/g, "\\'")}'`)
    .join(" AND ");
  const select = `SELECT SUM(${metricName}) FROM SCHEMA("${BEDROCK_METRIC_NAMESPACE}", ${MODEL_ID_DIMENSION}) WHERE ${excluded}`;
  return scope === "account" ? select : `${select} GROUP BY ${MODEL_ID_DIMENSION} ORDER BY SUM() DESC`;
}

/**
 * How to name the municipality from an alarm: a per-municipality notification carries the
 * contributor's `ModelId`, and each profile is named after its municipality
 * ({@link applicationProfileName}), so one read-only call or the operator's outputs answer it.
 */
export const WHICH_MUNICIPALITY_RUNBOOK =
  `ModelId is a municipality's application inference profile (ARN or bare id), named ${PROJECT}-<municipality>: ` +
  "aws bedrock get-inference-profile --inference-profile-identifier <ModelId> --query inferenceProfileName, " +
  "or npm run usage -- --outputs <operator outputs.json> --which <ModelId>. Runbook: docs/operator.md, Alarms.";

/**
 * The operator account's alarms on Bedrock's runtime metrics: account-wide throttles and server
 * errors, and per municipality client errors and input and output tokens over `tokenWindowSeconds`.
 * Five, at 2 or at 1,741 municipalities (the invocation-log delivery alarms add two when logging is on).
 */
export function operatorAlarmSpecs(settings: AlarmSettings, shared: SharedModelIds): OperatorAlarmSpec[] {
  const spec = (
    key: OperatorAlarmKey,
    scope: OperatorAlarmSpec["scope"],
    metricName: string,
    threshold: number,
    periodSeconds: number,
    what: string,
  ): OperatorAlarmSpec => ({
    key,
    scope,
    alarmName: `${PROJECT}-${key}`,
    description:
      scope === "account"
        ? `${what}, all municipalities together (Bedrock's quotas are per account, model and region). ` +
          `Which municipalities: the dashboards ${PROJECT}-municipalities*. Runbook: docs/operator.md, Alarms.`
        : `${what}. ${WHICH_MUNICIPALITY_RUNBOOK}`,
    metricName,
    query: metricsInsightsQuery(metricName, scope, shared),
    threshold,
    periodSeconds,
    evaluationPeriods: 1,
  });
  const period = settings.periodSeconds;
  const window = settings.tokenWindowSeconds;
  return [
    spec(
      "throttles",
      "account",
      RUNTIME_METRICS.throttles,
      settings.throttles,
      period,
      `Bedrock throttled ${settings.throttles}+ calls in ${period} s`,
    ),
    spec(
      "server-errors",
      "account",
      RUNTIME_METRICS.serverErrors,
      settings.serverErrors,
      period,
      `${settings.serverErrors}+ Bedrock server errors (5xx) in ${period} s`,
    ),
    spec(
      "client-errors",
      "municipality",
      RUNTIME_METRICS.clientErrors,
      settings.clientErrors,
      period,
      `A municipality had ${settings.clientErrors}+ client errors (4xx: bad requests, access denied) in ${period} s`,
    ),
    spec(
      "input-tokens",
      "municipality",
      RUNTIME_METRICS.inputTokens,
      settings.inputTokens,
      window,
      `A municipality sent ${settings.inputTokens}+ input tokens in ${window} s`,
    ),
    spec(
      "output-tokens",
      "municipality",
      RUNTIME_METRICS.outputTokens,
      settings.outputTokens,
      window,
      `A municipality received ${settings.outputTokens}+ output tokens in ${window} s`,
    ),
  ];
}

/**
 * What the dashboards chart per municipality, one graph each. Every line is the municipality's
 * profile under both `ModelId` forms, summed by metric math (`SUM([arn, id])`: CloudWatch records
 * one of them, the other adds nothing), and labelled with the municipality's name.
 */
const DASHBOARD_GRAPHS: readonly { readonly title: string; readonly metricName: string }[] = [
  { title: "Invocations", metricName: RUNTIME_METRICS.invocations },
  { title: "Input tokens", metricName: RUNTIME_METRICS.inputTokens },
  { title: "Output tokens", metricName: RUNTIME_METRICS.outputTokens },
  { title: "Client errors (4xx)", metricName: RUNTIME_METRICS.clientErrors },
  { title: "Server errors (5xx)", metricName: RUNTIME_METRICS.serverErrors },
  { title: "Throttles", metricName: RUNTIME_METRICS.throttles },
];

/**
 * CloudWatch's limits on one dashboard: "Up to 500 metrics per dashboard widget" and 2,500 per
 * dashboard across all widgets (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html,
 * Dashboards). The builder counts every entry of a graph's `metrics` array, the hidden metrics and
 * the metric-math line alike, so it stays inside them whichever CloudWatch counts.
 */
export const DASHBOARD_LIMITS = { metricsPerGraph: 500, metricsPerDashboard: 2500 } as const;

/** Entries per municipality in one graph: its profile ARN, its bare id, and their sum. */
export const DASHBOARD_ENTRIES_PER_MUNICIPALITY_PER_GRAPH = 3;

/** The most municipalities one dashboard page can chart inside {@link DASHBOARD_LIMITS} (138). */
export const MAX_MUNICIPALITIES_PER_DASHBOARD = Math.min(
  Math.floor(DASHBOARD_LIMITS.metricsPerGraph / DASHBOARD_ENTRIES_PER_MUNICIPALITY_PER_GRAPH),
  Math.floor(
    DASHBOARD_LIMITS.metricsPerDashboard / (DASHBOARD_ENTRIES_PER_MUNICIPALITY_PER_GRAPH * DASHBOARD_GRAPHS.length),
  ),
);

/**
 * Every municipality's metrics, split over pages of `perPage` municipalities (at most
 * {@link MAX_MUNICIPALITIES_PER_DASHBOARD}), in alphabetical order of their names.
 */
export function dashboardBodies(
  region: string,
  profileArns: Readonly<Record<string, string>>,
  perPage: number,
): string[] {
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_MUNICIPALITIES_PER_DASHBOARD) {
    throw new Error(`municipalities per dashboard must be 1-${MAX_MUNICIPALITIES_PER_DASHBOARD}, got ${perPage}`);
  }
  const names = Object.keys(profileArns).sort();
  const pages: string[] = [];
  for (let start = 0; start < names.length; start += perPage) {
    const chunk = names.slice(start, start + perPage);
    const graph = (title: string, metricName: string, index: number) => ({
      type: "metric",
      x: (index % 2) * 12,
      y: 2 + Math.floor(index / 2) * 8,
      width: 12,
      height: 8,
      properties: {
        title: `${title} per municipality`,
        region,
        view: "timeSeries",
        stacked: false,
        stat: "Sum",
        period: 3600,
        metrics: chunk.flatMap((name, i) => {
          const forms = modelIdForms(profileArns[name]);
          return [
            [BEDROCK_METRIC_NAMESPACE, metricName, MODEL_ID_DIMENSION, forms.arn, { id: `a${i}`, visible: false }],
            [BEDROCK_METRIC_NAMESPACE, metricName, MODEL_ID_DIMENSION, forms.id, { id: `b${i}`, visible: false }],
            [{ expression: `SUM([a${i},b${i}])`, label: name, id: `m${i}` }],
          ];
        }),
      },
    });
    const note = {
      type: "text",
      x: 0,
      y: 0,
      width: 24,
      height: 2,
      properties: {
        markdown:
          `Municipalities ${chunk[0]} to ${chunk[chunk.length - 1]} (${chunk.length}). Each line is one municipality's ` +
          "application inference profile, under its ARN and its bare id together (CloudWatch records one of them).",
      },
    };
    pages.push(
      JSON.stringify({
        widgets: [note, ...DASHBOARD_GRAPHS.map((g, index) => graph(g.title, g.metricName, index))],
      }),
    );
  }
  return pages;
}

const CLOUDWATCH_SERVICE_PRINCIPAL = "cloudwatch.amazonaws.com";

/**
 * The alarm topic's key: CloudWatch must be able to use it to publish to the encrypted topic
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html, "SNS
 * topics encrypted with KMS"), and only for alarms of this account.
 */
export function alarmTopicKeyPolicy(accountId: string): PolicyDocument {
  return policyDocument(
    {
      Sid: "EnableIamPoliciesOfThisAccount",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(accountId) },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "CloudWatchAlarmsOfThisAccountPublish",
      Effect: "Allow",
      Principal: { Service: CLOUDWATCH_SERVICE_PRINCIPAL },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  );
}

/** Only this account's CloudWatch alarms may publish to the topic. */
export function alarmTopicPolicy(topicArn: string, accountId: string): PolicyDocument {
  return policyDocument({
    Sid: "CloudWatchAlarmsOfThisAccountPublish",
    Effect: "Allow",
    Principal: { Service: CLOUDWATCH_SERVICE_PRINCIPAL },
    Action: "sns:Publish",
    Resource: topicArn,
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  });
}
