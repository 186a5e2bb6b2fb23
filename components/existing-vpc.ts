import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link ExistingVpc}. */
export interface ExistingVpcArgs {
  /** The municipality's VPC; nothing in it is created, changed or deleted by this component. */
  readonly vpcId: string;
  /** At most one subnet per AZ: an interface endpoint takes one network interface per AZ. */
  readonly subnetIds: readonly string[];
  /** Route tables of those subnets, for the gateway endpoints. */
  readonly routeTableIds: readonly string[];
}

/** The subnets keyed by AZ; two in one AZ or one outside the VPC is a deploy-time error. */
export function subnetsByZone(
  vpcId: string,
  subnets: readonly { readonly id: string; readonly vpcId: string; readonly availabilityZone: string }[],
): Record<string, string> {
  const byZone: Record<string, string> = {};
  for (const subnet of subnets) {
    if (subnet.vpcId !== vpcId) {
      throw new pulumi.RunError(
        `existingVpc.subnetIds: ${subnet.id} is in ${subnet.vpcId}, not in existingVpc.vpcId ${vpcId}`,
      );
    }
    const other = byZone[subnet.availabilityZone];
    if (other !== undefined) {
      throw new pulumi.RunError(
        `existingVpc.subnetIds: ${other} and ${subnet.id} are both in ${subnet.availabilityZone}; ` +
          "an interface endpoint takes one subnet per AZ, so list one of them",
      );
    }
    byZone[subnet.availabilityZone] = subnet.id;
  }
  return byZone;
}

/**
 * Every IPv4 block clients of the VPC can have an address in: the primary block and each secondary
 * block associated with it. A block being associated or disassociated (or a failed association)
 * holds no address yet or any more, so only `associated` ones count; their number is only known
 * from AWS, which is why the endpoints' security group admits them through a prefix list.
 * States: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcCidrBlockState.html
 */
export function associatedIpv4Blocks(
  primary: string,
  associations: readonly { readonly cidrBlock: string; readonly state: string }[],
): string[] {
  const secondary = associations.filter((a) => a.state === "associated").map((a) => a.cidrBlock);
  return [...new Set([primary, ...secondary])];
}

/**
 * A VPC the municipality already has, referenced instead of created: its CIDR blocks and the AZs
 * of its subnets are read from AWS (data sources, through this component's provider), so they are
 * never typed twice. It declares no resource, so `pulumi destroy` leaves the VPC, its subnets and
 * route tables as they were. Outputs have the shape of {@link ClosedVpc}'s.
 */
export class ExistingVpc extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  /** The primary IPv4 block. */
  readonly cidrBlock: pulumi.Output<string>;
  /** Every associated IPv4 block, primary first (an existing VPC may have secondary ones). */
  readonly cidrBlocks: pulumi.Output<string[]>;
  /** Subnet ids keyed by AZ name, as AWS reports the AZs. */
  readonly subnetIds: pulumi.Output<Record<string, string>>;
  /** Route table ids keyed by id: they belong to the VPC, not to one AZ. */
  readonly routeTableIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ExistingVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:network:ExistingVpc", name, {}, opts);

    const vpc = aws.ec2.getVpcOutput({ id: args.vpcId }, { parent: this });
    const subnets = args.subnetIds.map((id) => aws.ec2.getSubnetOutput({ id }, { parent: this }));

    this.vpcId = vpc.id;
    this.cidrBlock = vpc.cidrBlock;
    this.cidrBlocks = pulumi
      .all([vpc.cidrBlock, vpc.cidrBlockAssociations])
      .apply(([primary, associations]) => associatedIpv4Blocks(primary, associations));
    this.subnetIds = pulumi.all(subnets).apply((found) =>
      subnetsByZone(
        args.vpcId,
        found.map((s) => ({ id: s.id, vpcId: s.vpcId, availabilityZone: s.availabilityZone })),
      ),
    );
    this.routeTableIds = pulumi.output(Object.fromEntries(args.routeTableIds.map((id) => [id, id])));
    this.registerOutputs({
      vpcId: this.vpcId,
      cidrBlock: this.cidrBlock,
      cidrBlocks: this.cidrBlocks,
      subnetIds: this.subnetIds,
      routeTableIds: this.routeTableIds,
    });
  }
}

/** What the endpoints and features need of the network, created ({@link ClosedVpc}) or referenced. */
export interface VpcNetwork {
  readonly vpcId: pulumi.Output<string>;
  readonly cidrBlock: pulumi.Input<string>;
  /**
   * Every IPv4 block of a VPC read from AWS (primary and secondary), when it may have more than
   * {@link cidrBlock}; a VPC this stack creates has that one only.
   */
  readonly cidrBlocks?: pulumi.Output<string[]>;
  /** Subnet ids keyed by AZ name. */
  readonly subnetIds: pulumi.Output<Record<string, string>>;
  readonly routeTableIds: pulumi.Output<Record<string, string>>;
}
