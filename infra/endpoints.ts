/**
 * The VPC endpoints a closed municipality VPC can have, keyed by the service suffix that appears
 * in the endpoint service name `com.amazonaws.<region>.<key>` (DESIGN §5).
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
  "codeartifact.api": {
    kind: "Interface",
    enabledByDefault: true,
    purpose: "aws codeartifact login (authorization token, repository endpoint)",
  },
  "codeartifact.repositories": {
    kind: "Interface",
    enabledByDefault: true,
    purpose: "pip install from the CodeArtifact PyPI mirror",
  },
  s3: {
    kind: "Gateway",
    enabledByDefault: true,
    purpose: "dnf install from the Amazon Linux 2023 repositories (free gateway endpoint)",
  },
} as const satisfies Record<string, EndpointCatalogEntry>;

export type EndpointKey = keyof typeof ENDPOINT_CATALOG;
export const ENDPOINT_KEYS = Object.keys(ENDPOINT_CATALOG) as EndpointKey[];

export function endpointServiceName(region: string, key: EndpointKey): string {
  return `com.amazonaws.${region}.${key}`;
}
