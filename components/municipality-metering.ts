import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSettings, BudgetSettings } from "../infra/config/features/metering";
import {
  BEDROCK_METRIC_NAMESPACE,
  MODEL_ID_DIMENSION,
  applicationProfileName,
  applicationProfileTags,
  budgetTagFilterValue,
  municipalityAlarmSpecs,
  municipalityBudgetName,
} from "../infra/metering";

/** Arguments of {@link MunicipalityMetering}. */
export interface MunicipalityMeteringArgs {
  readonly municipalityName: string;
  /** The `jp.` system profile the application profile copies (its ARN in the operator's region). */
  readonly sourceProfileArn: string;
  /** Cost-allocation tag key whose value is the municipality's name. */
  readonly costAllocationTagKey: string;
  /** The stack's own tags, kept on the profile next to the cost-allocation tag. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Per-municipality alarms, or none. */
  readonly alarms?: AlarmSettings;
  /** The operator's alarm topic the alarms notify; required with `alarms`. */
  readonly alarmTopicArn?: pulumi.Input<string>;
  /** A monthly budget filtered by the municipality's cost-allocation tag, or none. */
  readonly budget?: BudgetSettings;
}

/**
 * One municipality's metering in the operator account: its Bedrock application inference profile
 * (copied from the `jp.` profile, so it routes to Tokyo and Osaka only, tagged with the
 * municipality's name for cost allocation), its CloudWatch alarms and optionally its monthly
 * budget. The profile is what the municipality's invoke role is scoped to.
 */
export class MunicipalityMetering extends pulumi.ComponentResource {
  /** What clients pass as `modelId`. */
  readonly profileArn: pulumi.Output<string>;

  constructor(name: string, args: MunicipalityMeteringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:metering:MunicipalityMetering", name, {}, opts);

    // The source is immutable (replacement): a new model is a new profile ARN for the clients.
    const profile = new aws.bedrock.InferenceProfile(
      `${name}-profile`,
      {
        name: applicationProfileName(args.municipalityName),
        // CreateInferenceProfile allows only letters, digits, ":" and "." each followed by at most one
        // space, "_" or "-"; a new description replaces the profile, so it names nothing that changes.
        description: `bedrock-lz profile of municipality ${args.municipalityName} copied from the JP profile: Tokyo and Osaka only`,
        modelSource: { copyFrom: args.sourceProfileArn },
        tags: applicationProfileTags(args.costAllocationTagKey, args.municipalityName, args.tags),
      },
      { parent: this },
    );
    this.profileArn = profile.arn;

    if (args.alarms !== undefined) {
      if (args.alarmTopicArn === undefined) throw new Error(`${name}: alarms need the operator's alarm topic`);
      for (const spec of municipalityAlarmSpecs(args.municipalityName, args.alarms)) {
        const dimensions = { [MODEL_ID_DIMENSION]: profile.arn };
        const common = {
          name: spec.alarmName,
          alarmDescription: spec.description,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: spec.threshold,
          evaluationPeriods: 1,
          // No traffic is not a problem: a quiet municipality stays OK.
          treatMissingData: "notBreaching",
          alarmActions: [args.alarmTopicArn],
          okActions: [args.alarmTopicArn],
        };
        const alarm: aws.cloudwatch.MetricAlarmArgs =
          spec.metrics.length === 1
            ? {
                ...common,
                namespace: BEDROCK_METRIC_NAMESPACE,
                metricName: spec.metrics[0],
                dimensions,
                statistic: "Sum",
                period: spec.periodSeconds,
              }
            : {
                ...common,
                metricQueries: [
                  ...spec.metrics.map((metricName, i) => ({
                    id: `m${i}`,
                    returnData: false,
                    metric: {
                      namespace: BEDROCK_METRIC_NAMESPACE,
                      metricName,
                      dimensions,
                      stat: "Sum",
                      period: spec.periodSeconds,
                    },
                  })),
                  {
                    id: "total",
                    expression: spec.metrics.map((_, i) => `m${i}`).join(" + "),
                    label: "input + output tokens",
                    returnData: true,
                  },
                ],
              };
        new aws.cloudwatch.MetricAlarm(`${name}-${spec.key}`, alarm, { parent: this });
      }
    }

    if (args.budget !== undefined) {
      new aws.budgets.Budget(
        `${name}-budget`,
        {
          name: municipalityBudgetName(args.municipalityName),
          budgetType: "COST",
          timeUnit: "MONTHLY",
          limitAmount: args.budget.municipalityMonthlyUsd.toFixed(2),
          limitUnit: "USD",
          costFilters: [
            { name: "TagKeyValue", values: [budgetTagFilterValue(args.costAllocationTagKey, args.municipalityName)] },
          ],
          notifications: args.budget.thresholdsPercent.map((threshold) => ({
            comparisonOperator: "GREATER_THAN",
            notificationType: "ACTUAL",
            threshold,
            thresholdType: "PERCENTAGE",
            subscriberEmailAddresses: args.budget!.emails,
          })),
        },
        { parent: this },
      );
    }

    this.registerOutputs({ profileArn: this.profileArn });
  }
}
