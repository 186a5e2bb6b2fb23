import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BudgetSettings } from "../infra/config/features/metering";
import {
  applicationProfileName,
  applicationProfileTags,
  budgetTagFilterValue,
  municipalityBudgetName,
} from "../infra/metering";

/** What every municipality's metering shares. */
interface MeteringShared {
  /** The `jp.` system profile the application profiles copy (its ARN in the operator's region). */
  readonly sourceProfileArn: string;
  /** Cost-allocation tag key whose value is the municipality's name. */
  readonly costAllocationTagKey: string;
  /** The stack's own tags, kept on the profile next to the cost-allocation tag. */
  readonly tags?: Readonly<Record<string, string>>;
  /** A monthly budget per municipality filtered by its cost-allocation tag, or none. */
  readonly budget?: BudgetSettings;
}

/** Arguments of {@link MunicipalityMetering}. */
export interface MunicipalityMeteringArgs extends MeteringShared {
  /** Every municipality the operator serves, by name (the keys of `bedrock-lz:municipalities`). */
  readonly municipalityNames: readonly string[];
}

/** One municipality's part of {@link MunicipalityMetering}. */
interface MunicipalityProfileArgs extends MeteringShared {
  readonly municipalityName: string;
}

/**
 * Every municipality's metering in the operator account: per municipality, its Bedrock application
 * inference profile (copied from the `jp.` profile, so it routes to Tokyo and Osaka only, tagged
 * with the municipality's name for cost allocation) and optionally its monthly budget, and nothing
 * else: no alarms of its own (the operator account's alarms group every profile by `ModelId`,
 * components/operator-alarms.ts). The profile is what the municipality's invoke role is scoped to.
 *
 * One component for all municipalities, not one each: at 1,741 municipalities a component per
 * municipality is 1,741 more registrations on the `pulumi up` path (docs/performance.md).
 */
export class MunicipalityMetering extends pulumi.ComponentResource {
  /** Each municipality's application profile ARN: what its clients pass as `modelId`. */
  readonly profileArns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: MunicipalityMeteringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:metering:MunicipalityMetering", name, {}, opts);
    this.profileArns = Object.fromEntries(
      args.municipalityNames.map((municipalityName) => [
        municipalityName,
        this.municipality(`${name}-${municipalityName}`, { ...args, municipalityName }),
      ]),
    );
    this.registerOutputs({ profileArns: this.profileArns });
  }

  /** The municipality's profile (and budget); returns the profile's ARN. */
  private municipality(name: string, args: MunicipalityProfileArgs): pulumi.Output<string> {
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
    return profile.arn;
  }
}
