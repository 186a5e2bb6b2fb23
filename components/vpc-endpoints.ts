import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ENDPOINT_CATALOG, type EndpointKey, endpointServiceName } from "../infra/endpoints";
import type { PolicyDocument } from "../infra/iam/document";

/** An endpoint the VPC already has (existing-VPC mode): used, never created or deleted. */
export interface ReferencedEndpoint {
  readonly endpointId: string;
  /**
   * Write `policy` onto it (an `aws.ec2.VpcEndpointPolicy`); otherwise its policy is left alone.
   * Deleting that resource resets the endpoint to AWS's default full-access policy.
   */
  readonly managePolicy: boolean;
}

/** One endpoint; the key of the map it sits in picks the service. */
export interface EndpointSpec {
  /** Interface endpoints only: resolve the service's public hostname to the endpoint. */
  readonly privateDnsEnabled: boolean;
  /** Endpoint policy; built by the `infra/policies` builders. */
  readonly policy: pulumi.Input<PolicyDocument>;
  /** Use this existing endpoint instead of creating one. */
  readonly existing?: ReferencedEndpoint;
}

/** Arguments of {@link VpcEndpoints}. */
export interface VpcEndpointsArgs {
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  /** Only clients inside this block may reach the interface endpoints (TCP 443). */
  readonly vpcCidrBlock: pulumi.Input<string>;
  /**
   * Every IPv4 block of the VPC, read from AWS at deploy time (an existing VPC may have secondary
   * blocks, their number unknown when the program declares its resources): when given, clients in
   * any of them are admitted, through a managed prefix list holding them, instead of
   * `vpcCidrBlock` alone.
   */
  readonly vpcCidrBlocks?: pulumi.Output<string[]>;
  /** Interface endpoints get a network interface in each of these subnets. */
  readonly subnetIds: pulumi.Input<string[]>;
  /** Gateway endpoints add a route to each of these route tables. */
  readonly routeTableIds: pulumi.Input<string[]>;
  /** Endpoints to create, keyed by service suffix (`bedrock-runtime`, `sts`, `s3`...). */
  readonly endpoints: Readonly<Partial<Record<EndpointKey, EndpointSpec>>>;
}

/**
 * The private path to AWS APIs from a closed VPC: one security group admitting HTTPS from the
 * VPC only, and each endpoint with its own policy. Endpoints are a map keyed by service, so
 * adding or removing one never renames another. An endpoint the VPC already has is referenced by
 * id: nothing is created for it, at most its policy is managed.
 */
export class VpcEndpoints extends pulumi.ComponentResource {
  readonly securityGroupId: pulumi.Output<string>;
  /** Endpoint ids keyed by service suffix (created and referenced); only the enabled ones are present. */
  readonly endpointIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:network:VpcEndpoints", name, {}, opts);

    // No egress rules: endpoint network interfaces only answer, they never initiate.
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: "HTTPS from inside the VPC to the interface endpoints",
        tags: { Name: `${name}-interface-endpoints` },
      },
      { parent: this },
    );
    // One rule per block would need the blocks' number before AWS is read; a prefix list of them
    // is one rule whatever the number. A rule weighs its list's maxEntries against the security
    // group's rule quota, so the list is sized to the blocks it holds.
    const prefixList =
      args.vpcCidrBlocks === undefined
        ? undefined
        : new aws.ec2.ManagedPrefixList(
            `${name}-vpc-blocks`,
            {
              name: `${name}-vpc-ipv4-blocks`,
              addressFamily: "IPv4",
              maxEntries: args.vpcCidrBlocks.apply((blocks) => blocks.length),
              entries: args.vpcCidrBlocks.apply((blocks) =>
                blocks.map((cidr) => ({ cidr, description: "IPv4 block of the VPC" })),
              ),
            },
            { parent: this },
          );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-https-from-vpc`,
      {
        securityGroupId: securityGroup.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        ...(prefixList === undefined
          ? { description: "HTTPS from the VPC CIDR", cidrIpv4: args.vpcCidrBlock }
          : { description: "HTTPS from every IPv4 block of the VPC", prefixListId: prefixList.id }),
      },
      { parent: this },
    );

    const endpointIds: Record<string, pulumi.Output<string>> = {};
    for (const [key, spec] of Object.entries(args.endpoints) as [EndpointKey, EndpointSpec][]) {
      if (spec.existing !== undefined) {
        if (spec.existing.managePolicy) {
          new aws.ec2.VpcEndpointPolicy(
            `${name}-${key}-policy`,
            { vpcEndpointId: spec.existing.endpointId, policy: pulumi.jsonStringify(spec.policy) },
            { parent: this },
          );
        }
        endpointIds[key] = pulumi.output(spec.existing.endpointId);
        continue;
      }
      const isInterface = ENDPOINT_CATALOG[key].kind === "Interface";
      const endpoint = new aws.ec2.VpcEndpoint(
        `${name}-${key}`,
        {
          vpcId: args.vpcId,
          serviceName: endpointServiceName(args.region, key),
          vpcEndpointType: ENDPOINT_CATALOG[key].kind,
          policy: pulumi.jsonStringify(spec.policy),
          ...(isInterface
            ? {
                privateDnsEnabled: spec.privateDnsEnabled,
                subnetIds: args.subnetIds,
                securityGroupIds: [securityGroup.id],
              }
            : { routeTableIds: args.routeTableIds }),
          tags: { Name: `${name}-${key}` },
        },
        { parent: this },
      );
      endpointIds[key] = endpoint.id;
    }

    this.securityGroupId = securityGroup.id;
    this.endpointIds = pulumi.output(endpointIds);
    this.registerOutputs({ securityGroupId: this.securityGroupId, endpointIds: this.endpointIds });
  }
}
