/**
 * Pure builders of per-municipality metering (docs/operator.md, "Metering, alarms and budgets"):
 * names, the profile's tags, the alarm definitions, the dashboard bodies, the alarm topic's key
 * and topic policies and the budget's cost filter. The components only turn these into resources,
 * so the plan, the specs and the usage report read the same definitions.
 *
 * Metrics: Bedrock publishes its runtime metrics (`Invocations`, `InputTokenCount`,
 * `OutputTokenCount`, `InvocationClientErrors`, `InvocationServerErrors`, `InvocationThrottles`)
 * in `AWS/Bedrock` by the `ModelId` dimension
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-runtime-metrics.html); a call
 * made with an application profile is recorded under the `modelId` the caller passed, its ARN.
 * That page does not spell out application profiles: see docs/operator.md for the check after the
 * first deploy, and the invocation logs, which always carry the caller's assumed-role ARN.
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

/** One CloudWatch alarm as the component creates it; plain data so specs and the plan can count it. */
export interface AlarmSpec {
  /** Suffix of the Pulumi name and of the alarm name. */
  readonly key: "throttles" | "client-errors" | "server-errors" | "daily-tokens";
  readonly alarmName: string;
  readonly description: string;
  readonly threshold: number;
  readonly periodSeconds: number;
  /** Single-metric alarms name the metric; the token ceiling adds input and output (metric math). */
  readonly metrics: readonly string[];
}

export function municipalityAlarmSpecs(municipality: string, settings: AlarmSettings): AlarmSpec[] {
  const name = (key: string) => `${PROJECT}-${municipality}-${key}`;
  return [
    {
      key: "throttles",
      alarmName: name("throttles"),
      description: `${municipality}: Bedrock throttled ${settings.throttles}+ calls in ${settings.periodSeconds} s`,
      threshold: settings.throttles,
      periodSeconds: settings.periodSeconds,
      metrics: [RUNTIME_METRICS.throttles],
    },
    {
      key: "client-errors",
      alarmName: name("client-errors"),
      description: `${municipality}: ${settings.clientErrors}+ client errors (4xx) in ${settings.periodSeconds} s`,
      threshold: settings.clientErrors,
      periodSeconds: settings.periodSeconds,
      metrics: [RUNTIME_METRICS.clientErrors],
    },
    {
      key: "server-errors",
      alarmName: name("server-errors"),
      description: `${municipality}: ${settings.serverErrors}+ server errors (5xx) in ${settings.periodSeconds} s`,
      threshold: settings.serverErrors,
      periodSeconds: settings.periodSeconds,
      metrics: [RUNTIME_METRICS.serverErrors],
    },
    {
      key: "daily-tokens",
      alarmName: name("daily-tokens"),
      description: `${municipality}: over ${settings.dailyTokens} input + output tokens in one day`,
      threshold: settings.dailyTokens,
      periodSeconds: 86_400,
      metrics: [RUNTIME_METRICS.inputTokens, RUNTIME_METRICS.outputTokens],
    },
  ];
}

/** CloudWatch bills an alarm per metric it evaluates: the metric-math token alarm counts two. */
export function alarmMetricCount(specs: readonly AlarmSpec[]): number {
  return specs.reduce((sum, spec) => sum + spec.metrics.length, 0);
}

/**
 * Every municipality's metrics, split over pages of `perPage` municipalities: one dashboard body
 * holds at most 2,500 metrics and one graph 500 (CloudWatch quotas,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html), so a
 * single dashboard cannot show 1,741 municipalities one line each. Each page has three graphs:
 * invocations, tokens (input and output) and errors (client, server, throttles).
 */
export function dashboardBodies(
  region: string,
  profileArns: Readonly<Record<string, string>>,
  perPage: number,
): string[] {
  const names = Object.keys(profileArns).sort();
  const pages: string[] = [];
  for (let start = 0; start < names.length; start += perPage) {
    const chunk = names.slice(start, start + perPage);
    const metric = (metricName: string, name: string) => [
      BEDROCK_METRIC_NAMESPACE,
      metricName,
      MODEL_ID_DIMENSION,
      profileArns[name],
      { label: `${name} ${metricName}`, stat: "Sum" },
    ];
    const widget = (title: string, y: number, metricNames: readonly string[]) => ({
      type: "metric",
      x: 0,
      y,
      width: 24,
      height: 8,
      properties: {
        title,
        region,
        view: "timeSeries",
        stacked: false,
        period: 3600,
        metrics: chunk.flatMap((name) => metricNames.map((metricName) => metric(metricName, name))),
      },
    });
    pages.push(
      JSON.stringify({
        widgets: [
          widget("Invocations per municipality", 0, [RUNTIME_METRICS.invocations]),
          widget("Tokens per municipality", 8, [RUNTIME_METRICS.inputTokens, RUNTIME_METRICS.outputTokens]),
          widget("Errors and throttles per municipality", 16, [
            RUNTIME_METRICS.clientErrors,
            RUNTIME_METRICS.serverErrors,
            RUNTIME_METRICS.throttles,
          ]),
        ],
      }),
    );
  }
  return pages;
}

/** CloudWatch's limits on one dashboard; the dashboard builder stays inside them. */
export const DASHBOARD_LIMITS = { metricsPerGraph: 500, metricsPerDashboard: 2500 } as const;

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
