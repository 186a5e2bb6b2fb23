/**
 * The CodeArtifact PyPI mirror a closed VPC installs Python packages from (docs/municipality.md: pip
 * cannot reach pypi.org, so a CodeArtifact repository with a `public:pypi` upstream stands in for it).
 * Pure builders: where the domain lives, the policies on the domain, the repository and the
 * client role. The endpoint policy for `codeartifact.*` is `codeArtifactEndpointPolicy` in
 * ./policies, built from the same ARNs.
 */
import { codeArtifactDomainArn, codeArtifactRepositoryArn } from "./arns";
import { type PolicyDocument, policyDocument } from "./iam/document";

/** CodeArtifact's name for the PyPI external connection. */
export const PYPI_EXTERNAL_CONNECTION = "public:pypi";

/** The settings under `bedrock-lz:codeArtifact` after defaults; their schema is in infra/config. */
export type { CodeArtifactSettings } from "./config/features/codeartifact";
import type { CodeArtifactSettings } from "./config/features/codeartifact";

/** What the mirror creates in this stack. A domain owned by another account is only pointed at. */
export interface MirrorPlan {
  readonly createDomain: boolean;
  readonly createRepositories: boolean;
}

export function mirrorPlan(settings: CodeArtifactSettings, stackAccountId: string): MirrorPlan {
  return {
    createDomain: settings.mirror && settings.domainOwner === stackAccountId,
    createRepositories: settings.mirror,
  };
}

export function mirrorDomainArn(region: string, settings: CodeArtifactSettings): string {
  return codeArtifactDomainArn(region, settings.domainOwner, settings.domainName);
}

export function mirrorRepositoryArn(region: string, settings: CodeArtifactSettings): string {
  return codeArtifactRepositoryArn(region, settings.domainOwner, settings.domainName, settings.repositoryName);
}

/**
 * Temporary identity policy on the client role (the manual build of docs/design.md §1 attached
 * AWSCodeArtifactReadOnlyAccess until boto3 was installed): a token for this domain, reads from this repository, and the STS
 * bearer token GetAuthorizationToken needs, for CodeArtifact only.
 */
export function codeArtifactReadPolicy(args: {
  readonly domainArn: string;
  readonly repositoryArn: string;
}): PolicyDocument {
  return policyDocument(
    {
      Sid: "TokenForThisDomain",
      Effect: "Allow",
      Action: "codeartifact:GetAuthorizationToken",
      Resource: args.domainArn,
    },
    {
      Sid: "ReadThisRepository",
      Effect: "Allow",
      Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
      Resource: args.repositoryArn,
    },
    {
      Sid: "BearerTokenForCodeArtifactOnly",
      Effect: "Allow",
      Action: "sts:GetServiceBearerToken",
      Resource: "*",
      Condition: { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } },
    },
  );
}

/**
 * Domain resource policy: the client role may get a token, nobody else is granted anything.
 * A resource policy's `Resource` is the resource it is attached to, written `*` by convention.
 * The principal is the role's real ARN (the role is in this stack, so it exists first); the
 * identity-side gate stays `sts:GetServiceBearerToken`, which only the temporary read policy grants.
 */
export function mirrorDomainPolicy(clientRoleArn: string): PolicyDocument {
  return policyDocument({
    Sid: "ClientRoleGetsToken",
    Effect: "Allow",
    Principal: { AWS: clientRoleArn },
    Action: "codeartifact:GetAuthorizationToken",
    Resource: "*",
  });
}

/** Repository resource policy: the client role reads, nobody else is granted anything. */
export function mirrorRepositoryPolicy(clientRoleArn: string): PolicyDocument {
  return policyDocument({
    Sid: "ClientRoleReads",
    Effect: "Allow",
    Principal: { AWS: clientRoleArn },
    Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
    Resource: "*",
  });
}

/**
 * The login command the smoke instance and the runbook use. A 15-minute token (the minimum) is
 * enough to install boto3 and expires soon after the read policy is switched off.
 */
export function codeArtifactLoginArgs(region: string, settings: CodeArtifactSettings): string[] {
  return [
    "aws",
    "codeartifact",
    "login",
    "--tool",
    "pip",
    "--domain",
    settings.domainName,
    "--domain-owner",
    settings.domainOwner,
    "--repository",
    settings.repositoryName,
    "--region",
    region,
    "--duration-seconds",
    "900",
  ];
}
