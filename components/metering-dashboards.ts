import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dashboardBodies, dashboardName } from "../infra/metering";

/** Arguments of {@link MeteringDashboards}. */
export interface MeteringDashboardsArgs {
  readonly region: string;
  /** Each municipality's application profile ARN (the metrics' `ModelId`). */
  readonly profileArns: Readonly<Record<string, pulumi.Input<string>>>;
  /** Municipalities per dashboard page; CloudWatch's per-dashboard metric limit bounds it. */
  readonly municipalitiesPerDashboard: number;
}

/**
 * CloudWatch dashboards showing every municipality's invocations, tokens and errors, one page per
 * `municipalitiesPerDashboard` municipalities (infra/metering.ts says why one page cannot hold 1,741).
 */
export class MeteringDashboards extends pulumi.ComponentResource {
  readonly dashboardNames: pulumi.Output<string[]>;

  constructor(name: string, args: MeteringDashboardsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:metering:MeteringDashboards", name, {}, opts);
    // The page count is known when resources are declared: it follows the number of municipalities.
    const pages = Math.ceil(Object.keys(args.profileArns).length / args.municipalitiesPerDashboard);
    const bodies = pulumi
      .all(args.profileArns)
      .apply((arns) => dashboardBodies(args.region, arns, args.municipalitiesPerDashboard));
    const names: string[] = [];
    for (let page = 0; page < pages; page++) {
      const dashboard = dashboardName(page, pages);
      new aws.cloudwatch.Dashboard(
        `${name}-${page + 1}`,
        { dashboardName: dashboard, dashboardBody: bodies.apply((all) => all[page]) },
        { parent: this },
      );
      names.push(dashboard);
    }
    this.dashboardNames = pulumi.output(names);
    this.registerOutputs({ dashboardNames: this.dashboardNames });
  }
}
