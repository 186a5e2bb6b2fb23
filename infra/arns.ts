/**
 * ARN builders and parsers. Every JP region is in the `aws` partition, so the partition is fixed.
 */

const PARTITION = "aws";

export function iamRoleArn(accountId: string, roleName: string): string {
  return `arn:${PARTITION}:iam::${accountId}:role/${roleName}`;
}

export function accountRootArn(accountId: string): string {
  return `arn:${PARTITION}:iam::${accountId}:root`;
}

/** A system-defined inference profile lives in the caller's account and source region. */
export function inferenceProfileArn(region: string, accountId: string, profileId: string): string {
  return `arn:${PARTITION}:bedrock:${region}:${accountId}:inference-profile/${profileId}`;
}

/** Foundation models have no account in their ARN. */
export function foundationModelArn(region: string, modelId: string): string {
  return `arn:${PARTITION}:bedrock:${region}::foundation-model/${modelId}`;
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

/** `arn:aws:iam::123456789012:role/path/name` → `123456789012`. */
export function accountIdOfArn(arn: string): string {
  const accountId = arn.split(":")[4];
  if (!accountId || !/^\d{12}$/.test(accountId)) {
    throw new Error(`cannot read an account id from ARN "${arn}"`);
  }
  return accountId;
}

export const ROLE_ARN_PATTERN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
