import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../infra/iam/document";

/** Arguments of {@link GithubOidcRole}. */
export interface GithubOidcRoleArgs {
  /** Fixed name, so the repository variable holding its ARN never changes. */
  readonly roleName: string;
  readonly description: string;
  /** Built by `bootstrap/github-oidc.ts`: GitHub's OIDC provider with exact `aud` and `sub`. */
  readonly trustPolicy: pulumi.Input<PolicyDocument>;
  /** AWS managed policies, keyed by a short name used in the child's name. */
  readonly managedPolicyArns: Readonly<Record<string, string>>;
  /** Inline policies keyed by policy name. */
  readonly inlinePolicies: Readonly<Record<string, pulumi.Input<PolicyDocument>>>;
  /** ARN of the managed policy that caps the role (the deploy role's boundary), if any. */
  readonly permissionsBoundary?: pulumi.Input<string>;
}

/**
 * A role GitHub Actions assumes with its OIDC token (no stored keys). Sessions last one hour,
 * the longest a pipeline job here needs.
 */
export class GithubOidcRole extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;

  constructor(name: string, args: GithubOidcRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:bootstrap:GithubOidcRole", name, {}, opts);

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: args.description,
        assumeRolePolicy: pulumi.jsonStringify(args.trustPolicy),
        maxSessionDuration: 3600,
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    for (const [key, policyArn] of Object.entries(args.managedPolicyArns)) {
      new aws.iam.RolePolicyAttachment(`${name}-${key}`, { role: role.name, policyArn }, { parent: this });
    }
    for (const [policyName, document] of Object.entries(args.inlinePolicies)) {
      new aws.iam.RolePolicy(
        `${name}-${policyName}`,
        { role: role.name, name: policyName, policy: pulumi.jsonStringify(document) },
        { parent: this },
      );
    }

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
  }
}
