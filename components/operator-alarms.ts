import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSettings, BudgetSettings } from "../infra/config/features/metering";
import {
  ACCOUNT_BUDGET_NAME,
  BEDROCK_METRIC_NAMESPACE,
  LOG_DELIVERY_FAILURE_METRICS,
  type SharedModelIds,
  alarmTopicKeyAlias,
  alarmTopicKeyPolicy,
  alarmTopicName,
  alarmTopicPolicy,
  operatorAlarmSpecs,
} from "../infra/metering";
import { PROJECT } from "../infra/naming";

/** Arguments of {@link OperatorAlarms}. */
export interface OperatorAlarmsArgs {
  readonly region: string;
  readonly accountId: string;
  /** Email endpoints subscribed to the topic; each confirms the subscription once. */
  readonly emails: readonly string[];
  /**
   * The account's alarms on Bedrock's runtime metrics (infra/metering.ts, `operatorAlarmSpecs`), or
   * none. A fixed set: the per-municipality ones group by `ModelId`, so they name no municipality.
   */
  readonly alarms?: AlarmSettings;
  /** The `jp.` profile and model the municipalities' profiles copy, which the alarm queries leave out. */
  readonly sharedModelIds: SharedModelIds;
  /** Alarm when invocation logs fail to reach CloudWatch Logs or S3 (invocation logging on). */
  readonly logDeliveryAlarms: boolean;
  /** A monthly budget of the whole operator account, or none. */
  readonly accountBudget?: BudgetSettings;
  /** Adds Pulumi `protect` to the topic key (it is always retained on delete). */
  readonly protect: boolean;
}

/**
 * The operator's one alarm topic (KMS-encrypted, retained key) with its email subscriptions, the
 * account's Bedrock alarms (Metrics Insights queries: the same few at any number of
 * municipalities), the invocation-log delivery alarms and the account budget.
 */
export class OperatorAlarms extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: OperatorAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:metering:OperatorAlarms", name, {}, opts);

    // Like the invocation-log key: a destroyed stack must not leave encrypted messages unreadable.
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `${PROJECT}: encrypts the operator alarm topic`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify(alarmTopicKeyPolicy(args.accountId)),
      },
      { parent: this, retainOnDelete: true, deleteBeforeReplace: false, protect: args.protect },
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { name: alarmTopicKeyAlias(args.region), targetKeyId: key.keyId },
      { parent: this },
    );

    const topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: alarmTopicName(args.region), kmsMasterKeyId: key.arn },
      { parent: this },
    );
    new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      { arn: topic.arn, policy: topic.arn.apply((arn) => JSON.stringify(alarmTopicPolicy(arn, args.accountId))) },
      { parent: this },
    );
    args.emails.forEach((email, i) => {
      new aws.sns.TopicSubscription(
        `${name}-email-${i}`,
        { topic: topic.arn, protocol: "email", endpoint: email },
        { parent: this },
      );
    });
    this.topicArn = topic.arn;

    // One metric query per alarm, a Metrics Insights `expression` with its `period`: how the
    // provider writes PutMetricAlarm's `Metrics` for such an alarm ("With a Metrics Insights Query",
    // https://www.pulumi.com/registry/packages/aws/api-docs/cloudwatch/metricalarm/).
    for (const spec of args.alarms === undefined ? [] : operatorAlarmSpecs(args.alarms, args.sharedModelIds)) {
      new aws.cloudwatch.MetricAlarm(
        `${name}-${spec.key}`,
        {
          name: spec.alarmName,
          alarmDescription: spec.description,
          metricQueries: [
            { id: "q", expression: spec.query, period: spec.periodSeconds, label: spec.metricName, returnData: true },
          ],
          evaluationPeriods: spec.evaluationPeriods,
          threshold: spec.threshold,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          // No traffic is not a problem: a quiet municipality (or account) stays OK.
          treatMissingData: "notBreaching",
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        { parent: this },
      );
    }

    if (args.logDeliveryAlarms) {
      for (const metricName of LOG_DELIVERY_FAILURE_METRICS) {
        new aws.cloudwatch.MetricAlarm(
          `${name}-${metricName}`,
          {
            name: `${PROJECT}-${metricName}`,
            alarmDescription: `Bedrock could not deliver invocation logs (${metricName}): usage records are missing`,
            namespace: BEDROCK_METRIC_NAMESPACE,
            metricName,
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [topic.arn],
            okActions: [topic.arn],
          },
          { parent: this },
        );
      }
    }

    if (args.accountBudget !== undefined) {
      new aws.budgets.Budget(
        `${name}-account-budget`,
        {
          name: ACCOUNT_BUDGET_NAME,
          budgetType: "COST",
          timeUnit: "MONTHLY",
          limitAmount: args.accountBudget.accountMonthlyUsd.toFixed(2),
          limitUnit: "USD",
          notifications: args.accountBudget.thresholdsPercent.map((threshold) => ({
            comparisonOperator: "GREATER_THAN",
            notificationType: "ACTUAL",
            threshold,
            thresholdType: "PERCENTAGE",
            subscriberEmailAddresses: args.accountBudget!.emails,
          })),
        },
        { parent: this },
      );
    }

    this.registerOutputs({ topicArn: this.topicArn });
  }
}
