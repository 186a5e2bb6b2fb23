import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { sessionManagerInstancePolicy } from "../infra/session-access";

/** Arguments of {@link SessionAccess}. */
export interface SessionAccessArgs {
  /** The client role whose instances Session Manager should reach. */
  readonly roleName: pulumi.Input<string>;
}

/**
 * What SSM Agent on an instance with the client role needs for a Session Manager shell: an
 * inline policy with the agent's actions only, instead of AmazonSSMManagedInstanceCore (which
 * would also let the workload read every SSM parameter; see infra/session-access.ts).
 * The ssm, ssmmessages and ec2messages endpoints come from the endpoint catalog.
 */
export class SessionAccess extends pulumi.ComponentResource {
  readonly policyName: pulumi.Output<string>;

  constructor(name: string, args: SessionAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    // The alias keeps the URNs of stacks deployed before the token named the domain, not the account.
    super(
      "bedrock-lz:ssm:SessionAccess",
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: "bedrock-lz:municipality:SessionAccess" }] },
    );

    const policy = new aws.iam.RolePolicy(
      `${name}-agent`,
      {
        role: args.roleName,
        name: "session-manager-agent",
        policy: JSON.stringify(sessionManagerInstancePolicy()),
      },
      { parent: this },
    );

    this.policyName = policy.name;
    this.registerOutputs({ policyName: this.policyName });
  }
}
