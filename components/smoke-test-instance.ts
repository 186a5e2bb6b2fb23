import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type SmokeInstanceType, al2023AmiParameter } from "../infra/smoke-test";

/** Arguments of {@link SmokeTestInstance}. */
export interface SmokeTestInstanceArgs {
  readonly region: string;
  readonly instanceType: SmokeInstanceType;
  readonly vpcId: pulumi.Input<string>;
  /** One isolated subnet of the closed VPC. */
  readonly subnetId: pulumi.Input<string>;
  /** The interface endpoints' security group: the only HTTPS destination besides S3. */
  readonly endpointSecurityGroupId: pulumi.Input<string>;
  /** The client role's instance profile. */
  readonly instanceProfileName: pulumi.Input<string>;
  /** Boot script from `smokeUserData` (infra/smoke-test.ts). */
  readonly userData: pulumi.Input<string>;
}

/**
 * A throwaway Amazon Linux 2023 instance that proves the whole path at first boot: no public IP,
 * IMDSv2 only with a hop limit of 1 (containers on it cannot reach the role's credentials),
 * encrypted root volume, and a security group whose only egress is HTTPS to the endpoint
 * security group and to S3 (the gateway endpoint's prefix list). No ingress: shells come
 * through Session Manager.
 */
export class SmokeTestInstance extends pulumi.ComponentResource {
  readonly instanceId: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: SmokeTestInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
    // The alias keeps the URNs of stacks deployed before the token named the domain, not the account.
    super(
      "bedrock-lz:smoke:SmokeTestInstance",
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: "bedrock-lz:municipality:SmokeTestInstance" }] },
    );

    const ami = aws.ssm.getParameterOutput({ name: al2023AmiParameter(args.instanceType) }, { parent: this });
    // AWS-managed prefix list of S3 in this region: what the gateway endpoint's routes point at.
    const s3PrefixList = aws.ec2.getPrefixListOutput({ name: `com.amazonaws.${args.region}.s3` }, { parent: this });

    // Inline rule blocks are left empty and the rules are separate resources, so the provider
    // does not add its default allow-all egress rule.
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: "Smoke-test instance: HTTPS to the VPC endpoints and S3 only",
        tags: { Name: name },
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-https-to-endpoints`,
      {
        securityGroupId: securityGroup.id,
        description: "HTTPS to the interface endpoints (STS, Bedrock, CodeArtifact, SSM)",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: args.endpointSecurityGroupId,
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-https-to-s3`,
      {
        securityGroupId: securityGroup.id,
        description: "HTTPS to S3 through the gateway endpoint (dnf repositories)",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        prefixListId: s3PrefixList.id,
      },
      { parent: this },
    );

    const instance = new aws.ec2.Instance(
      `${name}-instance`,
      {
        ami: ami.value,
        instanceType: args.instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [securityGroup.id],
        associatePublicIpAddress: false,
        iamInstanceProfile: args.instanceProfileName,
        metadataOptions: {
          httpEndpoint: "enabled",
          httpTokens: "required",
          httpPutResponseHopLimit: 1,
          instanceMetadataTags: "disabled",
        },
        rootBlockDevice: { encrypted: true, volumeType: "gp3", deleteOnTermination: true },
        // Burstable credits capped: a stuck boot script must not run up unlimited-mode charges.
        creditSpecification: { cpuCredits: "standard" },
        monitoring: false,
        userData: args.userData,
        userDataReplaceOnChange: true,
        tags: { Name: name },
      },
      // A new AL2023 release would otherwise replace the instance on every `pulumi up`.
      // A component's dependsOn does not reach its children: the instance must wait itself, because
      // its boot script runs once and needs every endpoint, policy and repository to exist.
      { parent: this, ignoreChanges: ["ami"], dependsOn: opts?.dependsOn },
    );

    this.instanceId = instance.id;
    this.securityGroupId = securityGroup.id;
    this.registerOutputs({ instanceId: this.instanceId, securityGroupId: this.securityGroupId });
  }
}
