/**
 * The VPC endpoints a closed municipality VPC can have, keyed by the service suffix that appears
 * in the endpoint service name `com.amazonaws.<region>.<key>` (docs/design.md §5).
 * Shared defaults live here; config overrides them per key (the terraform-aws-vpc
 * `vpc-endpoints` pattern).
 */

export type EndpointKind = "Interface" | "Gateway";

export interface EndpointCatalogEntry {
  readonly kind: EndpointKind;
  readonly enabledByDefault: boolean;
  /** Why the closed VPC needs it; shown in the plan report. */
  readonly purpose: string;
}

export const ENDPOINT_CATALOG = {
  "bedrock-runtime": {
    kind: "Interface",
    enabledByDefault: true,
    purpose: "InvokeModel / Converse with the operator role's credentials",
  },
  sts: {
    kind: "Interface",
    enabledByDefault: true,
    purpose: "AssumeRole into the operator account (regional STS hostname)",
  },
  // The CodeArtifact endpoints are only needed while packages are installed: they follow the
  // setup features (codeArtifact.clientReadAccess, smokeTest) in infra/config/municipality.ts.
  "codeartifact.api": {
    kind: "Interface",
    enabledByDefault: false,
    purpose: "aws codeartifact login (authorization token, repository endpoint)",
  },
  "codeartifact.repositories": {
    kind: "Interface",
    enabledByDefault: false,
    purpose: "pip install from the CodeArtifact PyPI mirror",
  },
  s3: {
    kind: "Gateway",
    enabledByDefault: true,
    purpose: "dnf install from the Amazon Linux 2023 repositories (free gateway endpoint)",
  },
  // Session Manager (sessionAccess): off unless an operator needs a shell on the smoke-test
  // instance; each one is billed per AZ-hour like the others.
  ssm: {
    kind: "Interface",
    enabledByDefault: false,
    purpose: "Session Manager: SSM Agent registers the instance (UpdateInstanceInformation)",
  },
  ssmmessages: {
    kind: "Interface",
    enabledByDefault: false,
    purpose: "Session Manager: the shell's control and data channels",
  },
  ec2messages: {
    kind: "Interface",
    enabledByDefault: false,
    purpose: "Session Manager: message polling for SSM Agent older than 3.3.40.0",
  },
} as const satisfies Record<string, EndpointCatalogEntry>;

/** Endpoints a setup run needs to install packages from the CodeArtifact mirror (pip, `aws codeartifact login`). */
export const PACKAGE_ENDPOINT_KEYS = ["codeartifact.api", "codeartifact.repositories"] as const;

export type EndpointKey = keyof typeof ENDPOINT_CATALOG;
export const ENDPOINT_KEYS = Object.keys(ENDPOINT_CATALOG) as EndpointKey[];

export function endpointServiceName(region: string, key: EndpointKey): string {
  return `com.amazonaws.${region}.${key}`;
}
