/**
 * The CI bootstrap of one AWS account: GitHub's OIDC provider (or the account's existing one),
 * the preview, deploy and audit roles (each trusted in one GitHub environment), the deploy role's
 * permissions boundary, and the self-managed Pulumi backend of docs/design.md §8: a state bucket
 * and a KMS key in Japan. The IAM documents come from `bootstrap/github-oidc.ts`, where they are
 * tested statement by statement; access/scenarios/pipeline.ts evaluates them together.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { GithubOidcRole } from "./github-oidc-role";
import { JAPAN_REGIONS } from "../infra/catalog";
import { ConfigError, problemsOf, rawConfigOf } from "../infra/config";
import {
  AUDIT_ROLE_NAME,
  DEPLOY_BOUNDARY_POLICY_NAME,
  DEPLOY_ROLE_NAME,
  type GithubRepository,
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_URL,
  PREVIEW_ROLE_NAME,
  STATE_KEY_ALIAS,
  assertRepository,
  auditRoleReadPolicy,
  auditRoleTrustPolicy,
  backendSettings,
  deployBoundaryPolicy,
  deployRoleIamPolicy,
  deployRoleTrustPolicy,
  githubOidcProviderArn,
  isGithubId,
  previewRoleReadPolicy,
  previewRoleTrustPolicy,
  stateAccessPolicy,
  stateBucketName,
  stateBucketPolicy,
  stateKeyPolicy,
} from "./github-oidc";
import { PROJECT } from "../infra/naming";

/** Config namespace: the bootstrap project's name (`bedrock-lz-bootstrap:<key>`). */
export const BOOTSTRAP_NAMESPACE = `${PROJECT}-bootstrap`;

const MANAGED_POLICY_ARN = /^arn:aws:iam::(?:aws|\d{12}):policy\/[\w+=,.@/-]+$/;
const managedPolicyArns = z
  .array(z.string().regex(MANAGED_POLICY_ARN, { error: "must be IAM managed policy ARNs" }))
  .min(1, { error: "must list at least one managed policy ARN" });

const GITHUB_ID_MESSAGE = "must be a GitHub numeric id (digits only), as the repository's OIDC subject shows it";
const githubId = z.string({ error: GITHUB_ID_MESSAGE }).refine(isGithubId, { error: GITHUB_ID_MESSAGE });

const bootstrapFields = z.strictObject({
  /** Which landing-zone account this is; names the GitHub environment and the variables. */
  account: z.enum(["operator", "municipality"], { error: 'must be "operator" or "municipality"' }),
  accountId: z.string().regex(/^\d{12}$/, { error: "must be a 12-digit AWS account id written as a quoted string" }),
  region: z.enum(JAPAN_REGIONS, { error: `must be ${JAPAN_REGIONS.join(" or ")}` }).default("ap-northeast-1"),
  /** `<owner>/<name>` of the repository whose workflows may assume the roles. */
  repository: z.string().refine(
    (value) => {
      try {
        assertRepository(value);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be a GitHub repository "<owner>/<name>"' },
  ),
  /** The numeric ids GitHub's immutable subject carries (`repo:<owner>@<ownerId>/<name>@<repositoryId>:…`). */
  repositoryOwnerId: githubId.optional(),
  repositoryId: githubId.optional(),
  /**
   * Which OIDC subject format the roles trust (bootstrap/github-oidc.ts, OidcSubjectFormat).
   * Default: `immutable` when both ids are set, otherwise `name`.
   */
  oidcSubjectFormat: z
    .enum(["name", "immutable", "both"], { error: 'must be "name", "immutable" or "both"' })
    .optional(),
  /** Set false when the account already has GitHub's OIDC provider (one per account is allowed). */
  createOidcProvider: z.boolean({ error: "must be true or false" }).default(true),
  previewRoleManagedPolicyArns: managedPolicyArns.default(["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]),
  deployRoleManagedPolicyArns: managedPolicyArns.default(["arn:aws:iam::aws:policy/PowerUserAccess"]),
});

/** The id-based subject cannot be written without both ids. */
function idsForImmutableSubjects(config: z.infer<typeof bootstrapFields>, ctx: z.RefinementCtx): void {
  if (config.oidcSubjectFormat !== "immutable" && config.oidcSubjectFormat !== "both") return;
  for (const key of ["repositoryOwnerId", "repositoryId"] as const) {
    if (config[key] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `is required when oidcSubjectFormat is "${config.oidcSubjectFormat}": GitHub's immutable subject names the repository by its owner id and repository id`,
      });
    }
  }
}

const bootstrapSchema = bootstrapFields.superRefine(idsForImmutableSubjects).transform((config) => ({
  ...config,
  oidcSubjectFormat:
    config.oidcSubjectFormat ??
    (config.repositoryOwnerId !== undefined && config.repositoryId !== undefined ? "immutable" : "name"),
}));

export type BootstrapConfig = z.infer<typeof bootstrapSchema>;

/** Validates raw bootstrap config; the error lists every `bedrock-lz-bootstrap:<key>` problem. */
export function parseBootstrapConfig(raw: unknown): BootstrapConfig {
  const result = bootstrapSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(problemsOf(result.error, BOOTSTRAP_NAMESPACE), "bootstrap");
  return result.data;
}

/** Reads `bedrock-lz-bootstrap:*` and `aws:region` from the engine. */
export function readBootstrapConfig(): BootstrapConfig {
  try {
    const raw = rawConfigOf(pulumi.runtime.allConfig(), { namespace: BOOTSTRAP_NAMESPACE, booleans: true });
    return parseBootstrapConfig(raw);
  } catch (error) {
    throw new pulumi.RunError((error as Error).message);
  }
}

/** `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → `ViewOnlyAccess`. */
function keyed(arns: readonly string[]): Record<string, string> {
  return Object.fromEntries(arns.map((arn) => [arn.split("/").pop() as string, arn]));
}

/** The repository and subject format the trust policies are written for. */
export function githubRepositoryOf(config: BootstrapConfig): GithubRepository {
  return {
    name: config.repository,
    ownerId: config.repositoryOwnerId,
    repositoryId: config.repositoryId,
    subjectFormat: config.oidcSubjectFormat,
  };
}

export function bootstrapStack(config: BootstrapConfig) {
  const { accountId, region, repository } = config;
  const github = githubRepositoryOf(config);
  const provider = new aws.Provider(`bootstrap-${region}`, {
    region: region as aws.Region,
    allowedAccountIds: [accountId],
    defaultTags: { tags: { Project: PROJECT, Purpose: "ci-bootstrap", Stack: pulumi.getStack(), ManagedBy: "pulumi" } },
  });
  const opts = { provider };

  const oidcProviderArn: pulumi.Output<string> = config.createOidcProvider
    ? new aws.iam.OpenIdConnectProvider("github", { url: GITHUB_OIDC_URL, clientIdLists: [GITHUB_OIDC_AUDIENCE] }, opts)
        .arn
    : pulumi.output(githubOidcProviderArn(accountId));

  // State outlives every stack it holds: protected against `pulumi destroy`.
  const key = new aws.kms.Key(
    "state",
    {
      description: "Pulumi state and secrets of the bedrock-lz stacks in this account",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify(stateKeyPolicy(accountId)),
    },
    { ...opts, protect: true },
  );
  new aws.kms.Alias("state", { name: STATE_KEY_ALIAS, targetKeyId: key.keyId }, opts);

  const bucketName = stateBucketName(accountId, region);
  const bucket = new aws.s3.Bucket("state", { bucket: bucketName }, { ...opts, protect: true });
  new aws.s3.BucketServerSideEncryptionConfiguration(
    "state-encryption",
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
          bucketKeyEnabled: true,
        },
      ],
    },
    opts,
  );
  new aws.s3.BucketVersioning(
    "state-versioning",
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
  new aws.s3.BucketPublicAccessBlock(
    "state-public-access",
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  new aws.s3.BucketPolicy(
    "state-policy",
    { bucket: bucket.id, policy: pulumi.jsonStringify(bucket.arn.apply((arn) => stateBucketPolicy(arn, accountId))) },
    opts,
  );

  const state = (write: boolean) =>
    pulumi.all([bucket.arn, key.arn]).apply(([bucketArn, keyArn]) => stateAccessPolicy({ bucketArn, keyArn, write }));

  // Outside the deploy role's reach: it denies every change to itself (docs/pipeline.md).
  const deployBoundary = new aws.iam.Policy(
    "deploy-boundary",
    {
      name: DEPLOY_BOUNDARY_POLICY_NAME,
      description: `Permissions boundary of the ${repository} deploy role and of every role it creates`,
      policy: pulumi.jsonStringify(
        pulumi
          .all([bucket.arn, key.arn])
          .apply(([stateBucketArn, stateKeyArn]) =>
            deployBoundaryPolicy({ accountId, region, stateBucketArn, stateKeyArn }),
          ),
      ),
    },
    opts,
  );

  const preview = new GithubOidcRole(
    "preview",
    {
      roleName: PREVIEW_ROLE_NAME,
      description: `pulumi preview of ${repository} pull requests, GitHub environment preview (approved, read-only)`,
      trustPolicy: oidcProviderArn.apply((arn) => previewRoleTrustPolicy(arn, github)),
      managedPolicyArns: keyed(config.previewRoleManagedPolicyArns),
      inlinePolicies: { "pulumi-state-read": state(false), "preview-reads": previewRoleReadPolicy(region) },
    },
    opts,
  );
  const deploy = new GithubOidcRole(
    "deploy",
    {
      roleName: DEPLOY_ROLE_NAME,
      description: `pulumi up from ${repository}, GitHub environment ${config.account} (main, approved)`,
      trustPolicy: oidcProviderArn.apply((arn) => deployRoleTrustPolicy(arn, github, config.account)),
      managedPolicyArns: keyed(config.deployRoleManagedPolicyArns),
      inlinePolicies: { "pulumi-state-write": state(true), "landing-zone-iam": deployRoleIamPolicy(accountId) },
      permissionsBoundary: deployBoundary.arn,
    },
    opts,
  );

  // No managed policy: the one read-only document is the whole of what the audit may do.
  const audit = new GithubOidcRole(
    "audit",
    {
      roleName: AUDIT_ROLE_NAME,
      description: `scheduled live audit from ${repository}, GitHub environment audit (read-only)`,
      trustPolicy: oidcProviderArn.apply((arn) => auditRoleTrustPolicy(arn, github)),
      managedPolicyArns: {},
      inlinePolicies: { "audit-read": auditRoleReadPolicy(accountId, region) },
    },
    opts,
  );

  const variablePrefix = config.account.toUpperCase();
  const backend = backendSettings(accountId, region);
  return {
    oidcProviderArn,
    previewRoleArn: preview.roleArn,
    deployRoleArn: deploy.roleArn,
    auditRoleArn: audit.roleArn,
    /** Set it as `bedrock-lz:permissionBoundary.policyArn` of the landing-zone stacks in this account. */
    deployBoundaryArn: deployBoundary.arn,
    stateBucketName: bucketName,
    backendUrl: backend.backendUrl,
    secretsProvider: backend.secretsProvider,
    /** Repository variables the workflows read (Settings → Secrets and variables → Actions). */
    githubVariables: {
      [`${variablePrefix}_PREVIEW_ROLE_ARN`]: preview.roleArn,
      [`${variablePrefix}_DEPLOY_ROLE_ARN`]: deploy.roleArn,
      [`${variablePrefix}_AUDIT_ROLE_ARN`]: audit.roleArn,
      [`${variablePrefix}_BACKEND_URL`]: backend.backendUrl,
    },
  };
}
