import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  PYPI_EXTERNAL_CONNECTION,
  type CodeArtifactSettings,
  mirrorDomainPolicy,
  mirrorPlan,
  mirrorRepositoryPolicy,
} from "../infra/codeartifact";

/** Arguments of {@link CodeArtifactMirror}. */
export interface CodeArtifactMirrorArgs {
  /** The account this stack deploys into; the domain is created only when it owns it. */
  readonly accountId: string;
  readonly settings: CodeArtifactSettings;
  /** The only principal the domain and repository policies grant anything to. */
  readonly clientRoleArn: pulumi.Input<string>;
}

/**
 * A PyPI mirror for a VPC without internet: a repository holding the `public:pypi` external
 * connection, and the repository clients log in to, reading through it. The domain is created
 * here only when this account owns it; a domain owned by another account (e.g. the operator's)
 * is pointed at, and that account manages its domain policy. Both resource policies grant the
 * client role alone.
 */
export class CodeArtifactMirror extends pulumi.ComponentResource {
  readonly domainName: pulumi.Output<string>;
  readonly domainOwner: pulumi.Output<string>;
  readonly repositoryName: pulumi.Output<string>;

  constructor(name: string, args: CodeArtifactMirrorArgs, opts?: pulumi.ComponentResourceOptions) {
    // The alias keeps the URNs of stacks deployed before the token named the domain, not the account.
    super(
      "bedrock-lz:codeartifact:CodeArtifactMirror",
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: "bedrock-lz:municipality:CodeArtifactMirror" }] },
    );
    const { settings } = args;
    const plan = mirrorPlan(settings, args.accountId);

    // The default AWS-managed key (aws/codeartifact) encrypts the cached packages; a CMK adds
    // cost and a key policy for public packages only.
    const domain = plan.createDomain
      ? new aws.codeartifact.Domain(`${name}-domain`, { domain: settings.domainName }, { parent: this })
      : undefined;
    const domainName = domain ? domain.domain : pulumi.output(settings.domainName);
    // The configured owner equals this account whenever the domain is created here.
    const domainOwner = pulumi.output(settings.domainOwner);

    if (domain) {
      new aws.codeartifact.DomainPermissions(
        `${name}-domain-policy`,
        {
          domain: domainName,
          domainOwner,
          policyDocument: pulumi.jsonStringify(pulumi.output(args.clientRoleArn).apply(mirrorDomainPolicy)),
        },
        { parent: this },
      );
    }

    const upstream = new aws.codeartifact.Repository(
      `${name}-upstream`,
      {
        domain: domainName,
        domainOwner,
        repository: settings.upstreamRepositoryName,
        description: "Holds the public:pypi connection; clients read through the repository downstream",
        externalConnections: { externalConnectionName: PYPI_EXTERNAL_CONNECTION },
      },
      { parent: this },
    );

    const repository = new aws.codeartifact.Repository(
      `${name}-repository`,
      {
        domain: domainName,
        domainOwner,
        repository: settings.repositoryName,
        description: "pip index for the closed VPC (aws codeartifact login --tool pip)",
        upstreams: [{ repositoryName: upstream.repository }],
      },
      { parent: this },
    );

    new aws.codeartifact.RepositoryPermissionsPolicy(
      `${name}-repository-policy`,
      {
        domain: domainName,
        domainOwner,
        repository: repository.repository,
        policyDocument: pulumi.jsonStringify(pulumi.output(args.clientRoleArn).apply(mirrorRepositoryPolicy)),
      },
      { parent: this },
    );

    this.domainName = domainName;
    this.domainOwner = domainOwner;
    this.repositoryName = repository.repository;
    this.registerOutputs({
      domainName: this.domainName,
      domainOwner: this.domainOwner,
      repositoryName: this.repositoryName,
    });
  }
}
