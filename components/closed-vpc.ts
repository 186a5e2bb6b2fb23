import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { isolatedSubnetCidrs } from "../infra/network";

/** Arguments of {@link ClosedVpc}. */
export interface ClosedVpcArgs {
  /** IPv4 block of the VPC, e.g. `10.0.0.0/16`; each AZ's subnet is carved from it. */
  readonly cidrBlock: string;
  /** AZ names to place one isolated subnet in each (1 for a PoC, 2-3 for production). */
  readonly availabilityZones: readonly string[];
}

/**
 * A VPC with no path to the internet: isolated subnets only, one route table per subnet holding
 * just the implicit local route, no internet gateway, no NAT gateway, no public IPs. DNS support
 * and hostnames are on because interface endpoints need private DNS. The default security group
 * is taken over and emptied so nothing can silently use it.
 */
export class ClosedVpc extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly cidrBlock: string;
  /** Isolated subnet ids keyed by AZ name. */
  readonly subnetIds: pulumi.Output<Record<string, string>>;
  /** Route table ids keyed by AZ name; gateway endpoints add their routes here. */
  readonly routeTableIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ClosedVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:network:ClosedVpc", name, {}, opts);

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.cidrBlock,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Name: name },
      },
      { parent: this },
    );

    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${name}-default-unused` } },
      { parent: this },
    );

    const subnetIds: Record<string, pulumi.Output<string>> = {};
    const routeTableIds: Record<string, pulumi.Output<string>> = {};
    for (const [zone, cidr] of Object.entries(isolatedSubnetCidrs(args.cidrBlock, args.availabilityZones))) {
      const subnet = new aws.ec2.Subnet(
        `${name}-isolated-${zone}`,
        {
          vpcId: vpc.id,
          cidrBlock: cidr,
          availabilityZone: zone,
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-isolated-${zone}` },
        },
        { parent: this },
      );
      // No routes are declared: the local route is implicit, so the table reaches only the VPC.
      const routeTable = new aws.ec2.RouteTable(
        `${name}-isolated-${zone}`,
        { vpcId: vpc.id, tags: { Name: `${name}-isolated-${zone}` } },
        { parent: this },
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-isolated-${zone}`,
        { subnetId: subnet.id, routeTableId: routeTable.id },
        { parent: this },
      );
      subnetIds[zone] = subnet.id;
      routeTableIds[zone] = routeTable.id;
    }

    this.vpcId = vpc.id;
    this.cidrBlock = args.cidrBlock;
    this.subnetIds = pulumi.output(subnetIds);
    this.routeTableIds = pulumi.output(routeTableIds);
    this.registerOutputs({
      vpcId: this.vpcId,
      cidrBlock: this.cidrBlock,
      subnetIds: this.subnetIds,
      routeTableIds: this.routeTableIds,
    });
  }
}
