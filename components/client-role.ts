import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type LambdaVpcTarget,
  clientRolePolicy,
  clientRoleTrustPolicy,
  lambdaVpcAccessPolicy,
} from "../infra/policies";

/** Arguments of {@link BedrockClientRole}. */
export interface BedrockClientRoleArgs {
  /** Fixed name: the operator's trust policy names this role's ARN before it exists. */
  readonly roleName: string;
  /** AWS services whose workloads may use the role, e.g. `ec2.amazonaws.com`. */
  readonly trustedServices: readonly string[];
  /** The operator's invoke role, the only role this one may assume. */
  readonly operatorRoleArn: pulumi.Input<string>;
  /** Opt-in guardrail boundary (infra/org-guardrails.ts): the role can never exceed it. */
  readonly permissionsBoundary?: pulumi.Input<string>;
  /** Set when Lambda is trusted: the ENI and log rights a function in the closed VPC needs. */
  readonly lambdaVpc?: { readonly region: string; readonly accountId: string; readonly vpcId: pulumi.Input<string> };
}

/**
 * The municipality workload's identity: it can assume the operator's invoke role and nothing
 * else. No Bedrock rights of its own: municipality accounts may not use third-party models.
 * The instance profile lets an EC2 instance in the closed VPC carry the role.
 */
export class BedrockClientRole extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  readonly instanceProfileName: pulumi.Output<string>;

  constructor(name: string, args: BedrockClientRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    // The alias keeps the URNs of stacks deployed before the token named the domain, not the account.
    super(
      "bedrock-lz:iam:BedrockClientRole",
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: "bedrock-lz:municipality:BedrockClientRole" }] },
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: "Workloads in the closed VPC; may only assume the operator's Bedrock invoke role",
        assumeRolePolicy: JSON.stringify(clientRoleTrustPolicy(args.trustedServices)),
        maxSessionDuration: 3600,
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );

    new aws.iam.RolePolicy(
      `${name}-assume-operator`,
      {
        role: role.name,
        name: "assume-operator-invoke-role",
        policy: pulumi.jsonStringify(pulumi.output(args.operatorRoleArn).apply(clientRolePolicy)),
      },
      { parent: this },
    );

    if (args.lambdaVpc !== undefined) {
      const { region, accountId, vpcId } = args.lambdaVpc;
      new aws.iam.RolePolicy(
        `${name}-lambda-vpc-access`,
        {
          role: role.name,
          name: "lambda-vpc-access",
          policy: pulumi.jsonStringify(
            pulumi
              .output(vpcId)
              .apply((id): ReturnType<typeof lambdaVpcAccessPolicy> =>
                lambdaVpcAccessPolicy({ region, accountId, vpcId: id } satisfies LambdaVpcTarget),
              ),
          ),
        },
        { parent: this },
      );
    }

    const instanceProfile = new aws.iam.InstanceProfile(
      `${name}-instance-profile`,
      { name: args.roleName, role: role.name },
      { parent: this },
    );

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.instanceProfileName = instanceProfile.name;
    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      instanceProfileName: this.instanceProfileName,
    });
  }
}
