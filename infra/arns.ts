/**
 * Every ARN the program writes, and the parsers that read them back: one module, so a policy,
 * the access matrix and the policy pack cannot spell the same resource two ways. Every JP region
 * is in the `aws` partition, so the partition is fixed. Passing `*` for a part gives the
 * matching wildcard pattern. Formats: Service Authorization Reference, "Resource types defined
 * by ..." of each service (https://docs.aws.amazon.com/service-authorization/latest/reference/).
 */

const PARTITION = "aws";

export function iamRoleArn(accountId: string, roleName: string): string {
  return `arn:${PARTITION}:iam::${accountId}:role/${roleName}`;
}

export function accountRootArn(accountId: string): string {
  return `arn:${PARTITION}:iam::${accountId}:root`;
}

/** The principal ARN of a role session, as `aws:PrincipalArn`'s caller appears in STS. */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:${PARTITION}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

export function iamInstanceProfileArn(accountId: string, name: string): string {
  return `arn:${PARTITION}:iam::${accountId}:instance-profile/${name}`;
}

export function iamPolicyArn(accountId: string, name: string): string {
  return `arn:${PARTITION}:iam::${accountId}:policy/${name}`;
}

/** An IAM OIDC identity provider is named by its issuer host (`token.actions.githubusercontent.com`). */
export function iamOidcProviderArn(accountId: string, issuerHost: string): string {
  return `arn:${PARTITION}:iam::${accountId}:oidc-provider/${issuerHost}`;
}

/** A system-defined inference profile lives in the caller's account and source region. */
export function inferenceProfileArn(region: string, accountId: string, profileId: string): string {
  return `arn:${PARTITION}:bedrock:${region}:${accountId}:inference-profile/${profileId}`;
}

/**
 * An application inference profile: an id Bedrock assigns (12 lowercase letters and digits), in the
 * account and region that created it (Service Authorization Reference, Amazon Bedrock resource types:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
 */
export function applicationInferenceProfileArn(region: string, accountId: string, profileId: string): string {
  return `arn:${PARTITION}:bedrock:${region}:${accountId}:application-inference-profile/${profileId}`;
}

/** Foundation models have no account in their ARN. */
export function foundationModelArn(region: string, modelId: string): string {
  return `arn:${PARTITION}:bedrock:${region}::foundation-model/${modelId}`;
}

/** A guardrail without its version; `bedrock:GuardrailIdentifier` appends `:<version>`. */
export function guardrailArn(region: string, accountId: string, guardrailId: string): string {
  return `arn:${PARTITION}:bedrock:${region}:${accountId}:guardrail/${guardrailId}`;
}

/** Any Bedrock resource of one account and region: the source of logging deliveries. */
export function bedrockSourceArnPattern(region: string, accountId: string): string {
  return `arn:${PARTITION}:bedrock:${region}:${accountId}:*`;
}

export function codeArtifactDomainArn(region: string, ownerAccountId: string, domain: string): string {
  return `arn:${PARTITION}:codeartifact:${region}:${ownerAccountId}:domain/${domain}`;
}

export function codeArtifactRepositoryArn(
  region: string,
  ownerAccountId: string,
  domain: string,
  repository: string,
): string {
  return `arn:${PARTITION}:codeartifact:${region}:${ownerAccountId}:repository/${domain}/${repository}`;
}

export function trailArn(region: string, accountId: string, trailName: string): string {
  return `arn:${PARTITION}:cloudtrail:${region}:${accountId}:trail/${trailName}`;
}

/** The ARN CloudWatch Logs puts in `kms:EncryptionContext:aws:logs:arn` (no trailing `:*`). */
export function logGroupArn(region: string, accountId: string, logGroupName: string): string {
  return `arn:${PARTITION}:logs:${region}:${accountId}:log-group:${logGroupName}`;
}

export function bucketArn(bucketName: string): string {
  return `arn:${PARTITION}:s3:::${bucketName}`;
}

/** AWS-owned public parameters (`/aws/service/...`) have no account in their ARN. */
export function publicParameterArn(region: string, path: string): string {
  return `arn:${PARTITION}:ssm:${region}::parameter/${path}`;
}

/** The bucket dnf reads the AL2023 package repositories from. */
export function al2023RepositoryObjectsArn(region: string): string {
  return `${bucketArn(`al2023-repos-${region}-de612dc2`)}/*`;
}

/** The bucket AL2023 kernel live patches come from. */
export function al2023LivePatchObjectsArn(region: string): string {
  return `${bucketArn(`al2023-${region}`)}/*`;
}

/** `arn:aws:iam::123456789012:role/path/name` → `123456789012`. */
export function accountIdOfArn(arn: string): string {
  const accountId = arn.split(":")[4];
  if (!accountId || !/^\d{12}$/.test(accountId)) {
    throw new Error(`cannot read an account id from ARN "${arn}"`);
  }
  return accountId;
}

export const ROLE_ARN_PATTERN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** `inference-profile`, `foundation-model`, ... (the part before the first `/`). */
  readonly resourceType: string;
  /** The part after the first `/` (empty when the ARN has none). */
  readonly resourceId: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const resource = parts.slice(5).join(":");
  const slash = resource.indexOf("/");
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resourceType: slash < 0 ? resource : resource.slice(0, slash),
    resourceId: slash < 0 ? "" : resource.slice(slash + 1),
  };
}
