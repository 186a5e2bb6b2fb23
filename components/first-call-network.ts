import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { firstCallEndpointPolicy } from "../infra/model-access";
import type { FirstCallNetworkSettings } from "../infra/config";
import type { ProfileTarget } from "../infra/policies";
import { ClosedVpc } from "./closed-vpc";
import { VpcEndpoints } from "./vpc-endpoints";

/** Arguments of {@link FirstCallNetwork}. */
export interface FirstCallNetworkArgs {
  readonly settings: FirstCallNetworkSettings;
  /** The JP profile the first call is made with, in the operator account. */
  readonly target: ProfileTarget;
}

/**
 * The source report's first-call network, as an option: the same closed VPC and endpoint
 * components the municipality stack uses, here with one AZ and only a bedrock-runtime endpoint,
 * plus a client security group that may reach that endpoint and nothing else. Delete it (turn
 * the toggle off) after the first call: the endpoint is billed per hour.
 */
export class FirstCallNetwork extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly subnetIds: pulumi.Output<string[]>;
  readonly clientSecurityGroupId: pulumi.Output<string>;
  readonly bedrockRuntimeEndpointId: pulumi.Output<string>;

  constructor(name: string, args: FirstCallNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:operator:FirstCallNetwork", name, {}, opts);

    const vpc = new ClosedVpc(
      `${name}-vpc`,
      { cidrBlock: args.settings.cidrBlock, availabilityZones: args.settings.availabilityZones },
      { parent: this },
    );
    const subnetIds = vpc.subnetIds.apply(Object.values);
    const endpoints = new VpcEndpoints(
      `${name}-endpoints`,
      {
        region: args.target.region,
        vpcId: vpc.vpcId,
        vpcCidrBlock: vpc.cidrBlock,
        subnetIds,
        routeTableIds: vpc.routeTableIds.apply(Object.values),
        endpoints: { "bedrock-runtime": { privateDnsEnabled: true, policy: firstCallEndpointPolicy(args.target) } },
      },
      { parent: this },
    );

    // The closed VPC empties the default group, so the caller (CloudShell, an instance) needs one.
    const client = new aws.ec2.SecurityGroup(
      `${name}-client-sg`,
      {
        vpcId: vpc.vpcId,
        description: "First-call client: HTTPS to the VPC endpoints only",
        tags: { Name: `${name}-client` },
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-client-https-to-endpoints`,
      {
        securityGroupId: client.id,
        description: "HTTPS to the interface endpoints",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: endpoints.securityGroupId,
      },
      { parent: this },
    );

    this.vpcId = vpc.vpcId;
    this.subnetIds = subnetIds;
    this.clientSecurityGroupId = client.id;
    this.bedrockRuntimeEndpointId = endpoints.endpointIds.apply((ids) => ids["bedrock-runtime"]);
    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      clientSecurityGroupId: this.clientSecurityGroupId,
      bedrockRuntimeEndpointId: this.bedrockRuntimeEndpointId,
    });
  }
}
