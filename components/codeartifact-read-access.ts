import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { codeArtifactReadPolicy } from "../infra/codeartifact";

/** Arguments of {@link CodeArtifactReadAccess}. */
export interface CodeArtifactReadAccessArgs {
  /** The client role that gets the policy. */
  readonly roleName: pulumi.Input<string>;
  readonly domainArn: string;
  readonly repositoryArn: string;
}

/**
 * The temporary permission to install Python packages from the mirror (the manual build of
 * docs/design.md §1 attached a CodeArtifact read policy and removed it once boto3 was installed). Its own component so that
 * switching `codeArtifact.clientReadAccess` off removes exactly this and nothing else.
 */
export class CodeArtifactReadAccess extends pulumi.ComponentResource {
  readonly policyName: pulumi.Output<string>;

  constructor(name: string, args: CodeArtifactReadAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    // The alias keeps the URNs of stacks deployed before the token named the domain, not the account.
    super(
      "bedrock-lz:codeartifact:CodeArtifactReadAccess",
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: "bedrock-lz:municipality:CodeArtifactReadAccess" }] },
    );

    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: args.roleName,
        name: "codeartifact-read-setup-only",
        policy: JSON.stringify(
          codeArtifactReadPolicy({ domainArn: args.domainArn, repositoryArn: args.repositoryArn }),
        ),
      },
      { parent: this },
    );

    this.policyName = policy.name;
    this.registerOutputs({ policyName: this.policyName });
  }
}
