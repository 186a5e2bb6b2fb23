/**
 * Pure builders for the CI bootstrap (bootstrap/): the IAM documents of the three roles GitHub
 * Actions assumes through OIDC, the permissions boundary of the deploy role, and the state bucket
 * and key they share. No long-lived keys anywhere: a job gets credentials only if GitHub's token
 * says it runs for this repository, in one GitHub environment:
 *  - the preview role: `environment:preview`. A preview runs the pull request's program and must
 *    decrypt the stack's secrets (see {@link stateAccessPolicy}), so the environment's required
 *    reviewers approve each preview of code nobody has reviewed yet (docs/pipeline.md);
 *  - the deploy role: `environment:<operator or municipality>`. GitHub puts the environment, not
 *    the branch, in `sub` when a job names an environment; the environment's deployment-branch rule
 *    admits only `main` and its required reviewers approve each run, so this subject means "main,
 *    approved" (docs/pipeline.md);
 *  - the audit role: `environment:audit`, which only the scheduled audit workflow names; its
 *    deployment-branch rule admits only `main` and it has no reviewers, so the schedule runs
 *    unattended (docs/audit.md).
 * Each subject is written in GitHub's name-based format, its immutable id-based format, or both
 * ({@link OidcSubjectFormat}).
 */
import {
  accountRootArn,
  iamInstanceProfileArn,
  iamOidcProviderArn,
  iamPolicyArn,
  iamRoleArn,
  publicParameterArn,
} from "../infra/arns";
import { type PolicyDocument, type PolicyStatement, policyDocument } from "../infra/iam/document";
import { PROJECT } from "../infra/naming";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience aws-actions/configure-aws-credentials requests by default. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** GitHub's owner/name rules: letters, digits, `-`, `_`, `.`; no wildcard can slip into `sub`. */
const REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const ENVIRONMENT_PATTERN = /^[A-Za-z0-9._-]{1,255}$/;
/** GitHub's numeric account and repository ids. */
const GITHUB_ID_PATTERN = /^[1-9]\d{0,19}$/;

export function assertRepository(repository: string): string {
  if (!REPOSITORY_PATTERN.test(repository)) {
    throw new Error(`"${repository}" is not a GitHub repository "<owner>/<name>" (letters, digits, -, _ and . only)`);
  }
  return repository;
}

export function isGithubId(value: string): boolean {
  return GITHUB_ID_PATTERN.test(value);
}

/**
 * Which `sub` format the trust policies accept. GitHub's name-based subject
 * (`repo:<owner>/<name>:…`) follows a repository's name, so a renamed or transferred repository
 * stops matching and whoever later takes the old name starts matching. Repositories created,
 * renamed or transferred after 15 July 2026, and older ones that opt in, get the immutable format
 * (`repo:<owner>@<owner id>/<name>@<repository id>:…`), whose ids are never reused
 * (https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims).
 * `both` is for the switch-over: trust both until the repository's setting is changed, then
 * narrow to `immutable`.
 */
export type OidcSubjectFormat = "name" | "immutable" | "both";

/** The repository whose workflows may assume the roles, and how GitHub writes its subjects. */
export interface GithubRepository {
  /** `<owner>/<name>`. */
  readonly name: string;
  /** Numeric ids; required by the `immutable` and `both` formats. */
  readonly ownerId?: string;
  readonly repositoryId?: string;
  readonly subjectFormat: OidcSubjectFormat;
}

/** The subjects' common prefix, once per accepted format: `repo:<owner>/<name>`, `repo:<owner>@<id>/<name>@<id>`. */
export function subjectPrefixes(repository: GithubRepository): string[] {
  const [owner, name] = assertRepository(repository.name).split("/");
  const prefixes: string[] = [];
  if (repository.subjectFormat !== "immutable") prefixes.push(`repo:${owner}/${name}`);
  if (repository.subjectFormat !== "name") {
    const { ownerId, repositoryId } = repository;
    if (ownerId === undefined || repositoryId === undefined || !isGithubId(ownerId) || !isGithubId(repositoryId)) {
      throw new Error(
        `the "${repository.subjectFormat}" subject format needs the repository's numeric owner id and repository id`,
      );
    }
    prefixes.push(`repo:${owner}@${ownerId}/${name}@${repositoryId}`);
  }
  return prefixes;
}

export function githubOidcProviderArn(accountId: string): string {
  return iamOidcProviderArn(accountId, GITHUB_OIDC_HOST);
}

/** `repo:…:environment:<environment>` in every accepted format. */
export function environmentSubjects(repository: GithubRepository, environment: string): string[] {
  if (!ENVIRONMENT_PATTERN.test(environment)) {
    throw new Error(`"${environment}" is not a GitHub environment name (letters, digits, -, _ and . only)`);
  }
  return subjectPrefixes(repository).map((prefix) => `${prefix}:environment:${environment}`);
}

/**
 * Trust for GitHub's OIDC provider with exact `aud` and `sub` (StringEquals, never StringLike:
 * a wildcard subject would admit any branch, fork or environment).
 */
export function githubOidcTrustPolicy(providerArn: string, subjects: readonly string[]): PolicyDocument {
  if (subjects.length === 0) throw new Error("a GitHub OIDC trust policy needs at least one subject");
  return policyDocument({
    Sid: "GitHubActionsOidc",
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: {
        [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
        [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
      },
    },
  });
}

/** The GitHub environment the pull-request preview jobs name; its subject is the preview role's only one. */
export const PREVIEW_ENVIRONMENT = "preview";
/** The GitHub environment the scheduled audit job names; its subject is the audit role's only one. */
export const AUDIT_ENVIRONMENT = "audit";

export function previewRoleTrustPolicy(providerArn: string, repository: GithubRepository): PolicyDocument {
  return githubOidcTrustPolicy(providerArn, environmentSubjects(repository, PREVIEW_ENVIRONMENT));
}

export function auditRoleTrustPolicy(providerArn: string, repository: GithubRepository): PolicyDocument {
  return githubOidcTrustPolicy(providerArn, environmentSubjects(repository, AUDIT_ENVIRONMENT));
}

export function deployRoleTrustPolicy(
  providerArn: string,
  repository: GithubRepository,
  environment: string,
): PolicyDocument {
  return githubOidcTrustPolicy(providerArn, environmentSubjects(repository, environment));
}

// ---------------------------------------------------------------------------------------------
// Names. The CI roles and the deploy boundary are deliberately outside the `bedrock-lz-*`
// namespace the deploy role may manage, and the boundary denies every IAM action on them.
// ---------------------------------------------------------------------------------------------

export const CI_ROLE_PREFIX = `github-actions-${PROJECT}-`;
export const PREVIEW_ROLE_NAME = `${CI_ROLE_PREFIX}preview`;
export const DEPLOY_ROLE_NAME = `${CI_ROLE_PREFIX}deploy`;
export const AUDIT_ROLE_NAME = `${CI_ROLE_PREFIX}audit`;
export const DEPLOY_BOUNDARY_POLICY_NAME = `${CI_ROLE_PREFIX}deploy-boundary`;
export const STATE_KEY_ALIAS = `alias/${PROJECT}-state`;

/** The landing zone's own IAM names (`infra/naming.ts`): the only roles the deploy role manages. */
const LANDING_ZONE_NAMES = `${PROJECT}-*`;

export function deployBoundaryArn(accountId: string): string {
  return iamPolicyArn(accountId, DEPLOY_BOUNDARY_POLICY_NAME);
}

export function stateBucketName(accountId: string, region: string): string {
  return `${PROJECT}-state-${accountId}-${region}`;
}

export function stateKeyAliasArn(accountId: string, region: string): string {
  return `arn:aws:kms:${region}:${accountId}:${STATE_KEY_ALIAS}`;
}

/** The backend URL and secrets provider the pipeline and `pulumi login` use (docs/design.md §8). */
export function backendSettings(accountId: string, region: string) {
  return {
    backendUrl: `s3://${stateBucketName(accountId, region)}?region=${region}`,
    secretsProvider: `awskms://${STATE_KEY_ALIAS}?region=${region}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------------------------

export interface StateAccessArgs {
  readonly bucketArn: string;
  readonly keyArn: string;
  /** Deploy: write state objects and encrypt. Preview: read and decrypt, write nothing. */
  readonly write: boolean;
}

/**
 * What `pulumi preview` / `up` needs of a self-managed S3 backend with the AWS KMS secrets provider
 * (pulumi/pulumi, pkg/backend/diy and pkg/secrets/cloud: https://github.com/pulumi/pulumi).
 *
 * A preview writes nothing: the self-managed backend takes the stack lock, and writes history and
 * backups, only for `up`, `refresh`, `destroy` and `import`, never for `preview`
 * (https://github.com/pulumi/pulumi/pull/8642). But it cannot run without decrypting: loading the
 * stack's config or its last checkpoint builds the KMS secrets manager, which calls `kms:Decrypt`
 * on the stack's data key at once, whether or not any value is secret, and `pulumi/actions` reads
 * the outputs with `--show-secrets` afterwards. The state objects are also SSE-KMS with the same
 * key. So whoever can preview can read every secret of the stack; that is why the preview role is
 * trusted only in the `preview` environment, behind required reviewers.
 */
export function stateAccessPolicy(args: StateAccessArgs): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: args.bucketArn },
    args.write
      ? {
          Sid: "WriteState",
          Effect: "Allow",
          // Checkpoints, history, backups and the stack lock (.pulumi/locks/), which `up` takes.
          Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          Resource: `${args.bucketArn}/*`,
        }
      : { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: `${args.bucketArn}/*` },
    args.write
      ? {
          Sid: "StateKey",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
          Resource: args.keyArn,
        }
      : { Sid: "DecryptState", Effect: "Allow", Action: "kms:Decrypt", Resource: args.keyArn },
  ];
  return policyDocument(...statements);
}

/** The services the program passes its roles to: EC2 (the client role's instance profile, smoke test) and Bedrock (the invocation-logging role). */
export const PASSED_TO_SERVICES = ["bedrock.amazonaws.com", "ec2.amazonaws.com"] as const;

/**
 * The role actions whose `iam:PermissionsBoundary` condition key is the role's boundary: on
 * CreateRole and PutRolePermissionsBoundary the one being set, on the others the one the role
 * already carries (Service Authorization Reference, IAM actions:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html).
 */
const ROLE_CHANGES_KEYED_BY_BOUNDARY = [
  "iam:CreateRole",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:DeleteRole",
] as const;

/**
 * IAM for the deploy role, limited to the names this program gives (`bedrock-lz-*` roles and
 * instance profiles); the managed policy on the role (PowerUserAccess by default) covers every
 * other service and excludes IAM. Every change to a role requires that role to carry the deploy
 * boundary, so the deploy role can neither create a role stronger than itself nor widen one it did
 * not create; no managed policies (the program's own `bedrock-lz-permission-boundary` cannot be a
 * role's boundary next to this one, a role has one).
 */
export function deployRoleIamPolicy(accountId: string): PolicyDocument {
  const roles = iamRoleArn(accountId, LANDING_ZONE_NAMES);
  return policyDocument(
    {
      Sid: "ReadLandingZoneRoles",
      Effect: "Allow",
      Action: [
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:ListRoleTags",
        "iam:TagRole",
        "iam:UntagRole",
      ],
      Resource: roles,
    },
    {
      // No Attach/DetachRolePolicy: the program attaches no managed policies.
      Sid: "ChangeLandingZoneRolesWithinTheDeployBoundary",
      Effect: "Allow",
      Action: ROLE_CHANGES_KEYED_BY_BOUNDARY.filter((action) => !action.endsWith("tachRolePolicy")),
      Resource: roles,
      Condition: { StringEquals: { "iam:PermissionsBoundary": deployBoundaryArn(accountId) } },
    },
    {
      Sid: "PassLandingZoneRolesToTheirServices",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: roles,
      Condition: { StringEquals: { "iam:PassedToService": [...PASSED_TO_SERVICES] } },
    },
    {
      Sid: "ManageLandingZoneInstanceProfiles",
      Effect: "Allow",
      Action: [
        "iam:CreateInstanceProfile",
        "iam:DeleteInstanceProfile",
        "iam:GetInstanceProfile",
        "iam:AddRoleToInstanceProfile",
        "iam:RemoveRoleFromInstanceProfile",
        "iam:TagInstanceProfile",
        "iam:UntagInstanceProfile",
        "iam:ListInstanceProfileTags",
      ],
      Resource: iamInstanceProfileArn(accountId, LANDING_ZONE_NAMES),
    },
  );
}

export interface DeployBoundaryArgs {
  readonly accountId: string;
  readonly region: string;
  readonly stateBucketArn: string;
  readonly stateKeyArn: string;
}

/**
 * The deploy role's permissions boundary, and the boundary every role it creates must carry: the
 * pattern of the AWS CDK bootstrap's custom permissions boundary
 * (https://docs.aws.amazon.com/cdk/v2/guide/customize-permissions-boundaries.html), which the CDK
 * applies to its deployment role and whose example statements deny creating a role without the
 * boundary, removing it, and changing the boundary policy. A boundary only caps: `Allow *`
 * followed by the denies, so within it the role's own policies decide. Because the roles it
 * creates carry it too, nothing the deploy role creates can do what the deploy role cannot.
 *
 * Besides the CDK's three rules: no role or user of the account may be changed unless it carries
 * this boundary (the condition key is the role's current boundary for those actions), no user
 * credentials, none of the pipeline's own identities touched, no other role of the account
 * assumed or passed (a role that trusts the account root would otherwise make PowerUserAccess an
 * administrator), and the state's key and bucket not administered (deleted, re-keyed, opened,
 * replicated or their history purged).
 */
export function deployBoundaryPolicy(args: DeployBoundaryArgs): PolicyDocument {
  const { accountId } = args;
  const boundary = deployBoundaryArn(accountId);
  const everyRole = iamRoleArn(accountId, "*");
  const everyUser = `arn:aws:iam::${accountId}:user/*`;
  return policyDocument(
    { Sid: "AllowWithinBoundary", Effect: "Allow", Action: "*", Resource: "*" },
    {
      Sid: "DenyRoleChangesWithoutThisBoundary",
      Effect: "Deny",
      Action: [...ROLE_CHANGES_KEYED_BY_BOUNDARY],
      Resource: everyRole,
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
    },
    {
      Sid: "DenyUserChangesWithoutThisBoundary",
      Effect: "Deny",
      Action: ["iam:CreateUser", "iam:PutUserPermissionsBoundary", "iam:PutUserPolicy", "iam:AttachUserPolicy"],
      Resource: everyUser,
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
    },
    {
      Sid: "DenyBoundaryRemoval",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
      Resource: [everyRole, everyUser],
    },
    {
      // Keys and passwords of an existing user would carry that user's permissions, not this boundary.
      Sid: "DenyUserCredentials",
      Effect: "Deny",
      Action: [
        "iam:CreateAccessKey",
        "iam:UpdateAccessKey",
        "iam:CreateLoginProfile",
        "iam:UpdateLoginProfile",
        "iam:CreateServiceSpecificCredential",
        "iam:UploadSSHPublicKey",
      ],
      Resource: everyUser,
    },
    {
      Sid: "DenyBoundaryPolicyChanges",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
        "iam:DeletePolicy",
        "iam:TagPolicy",
        "iam:UntagPolicy",
      ],
      Resource: boundary,
    },
    {
      // The roles GitHub assumes and the provider that lets it: whoever changes them owns the pipeline.
      Sid: "DenyPipelineIdentityChanges",
      Effect: "Deny",
      Action: "iam:*",
      Resource: [iamRoleArn(accountId, `${CI_ROLE_PREFIX}*`), githubOidcProviderArn(accountId)],
    },
    {
      Sid: "DenyAssumingOtherRolesOfTheAccount",
      Effect: "Deny",
      Action: "sts:AssumeRole",
      NotResource: iamRoleArn(accountId, LANDING_ZONE_NAMES),
      Condition: { StringEquals: { "aws:ResourceAccount": accountId } },
    },
    {
      Sid: "DenyPassingOtherRoles",
      Effect: "Deny",
      Action: "iam:PassRole",
      NotResource: iamRoleArn(accountId, LANDING_ZONE_NAMES),
    },
    {
      Sid: "DenyStateKeyAdministration",
      Effect: "Deny",
      Action: [
        "kms:ScheduleKeyDeletion",
        "kms:DisableKey",
        "kms:DisableKeyRotation",
        "kms:PutKeyPolicy",
        "kms:CreateGrant",
        "kms:DeleteAlias",
        "kms:UpdateAlias",
      ],
      Resource: [args.stateKeyArn, stateKeyAliasArn(accountId, args.region)],
    },
    {
      Sid: "DenyStateBucketAdministration",
      Effect: "Deny",
      Action: [
        "s3:DeleteBucket",
        "s3:PutBucketPolicy",
        "s3:DeleteBucketPolicy",
        "s3:PutBucketAcl",
        "s3:PutBucketOwnershipControls",
        "s3:PutBucketPublicAccessBlock",
        "s3:PutBucketVersioning",
        "s3:PutEncryptionConfiguration",
        "s3:PutLifecycleConfiguration",
        "s3:PutReplicationConfiguration",
        "s3:DeleteObjectVersion",
        "s3:PutObjectAcl",
      ],
      Resource: [args.stateBucketArn, `${args.stateBucketArn}/*`],
    },
  );
}

/**
 * The preview role's extra reads. ViewOnlyAccess lists and describes but reads no data (no
 * s3:GetObject on the invocation-log bucket, no secrets); a preview also resolves public SSM
 * parameters (the AL2023 AMI id).
 */
export function previewRoleReadPolicy(region: string): PolicyDocument {
  return policyDocument({
    Sid: "PublicSsmParameters",
    Effect: "Allow",
    Action: ["ssm:GetParameter", "ssm:GetParameters"],
    Resource: publicParameterArn(region, "aws/service/*"),
  });
}

/**
 * Everything `npm run audit` reads (audit/live.ts lists the SDK command behind each action), and
 * nothing else: Get, List and Describe only, so the role cannot change what it audits. Roles,
 * policies and guardrails are named by the program's prefix; the actions AWS defines without a
 * resource type (ListRoles, the EC2 Describe calls, the logging configuration) must use `*`, and
 * ListRoles is what finds a role left behind. No state access: the audit compares with the
 * program's offline plan, not with Pulumi state.
 */
export function auditRoleReadPolicy(accountId: string, region: string): PolicyDocument {
  const prefix = `${PROJECT}-*`;
  return policyDocument(
    {
      Sid: "ReadLandingZoneRoles",
      Effect: "Allow",
      Action: ["iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies"],
      Resource: `arn:aws:iam::${accountId}:role/${prefix}`,
    },
    {
      // Permission boundaries: the program's own, or whatever was put in its place.
      Sid: "ReadBoundaryPolicies",
      Effect: "Allow",
      Action: ["iam:GetPolicy", "iam:GetPolicyVersion"],
      Resource: [`arn:aws:iam::${accountId}:policy/*`, "arn:aws:iam::aws:policy/*"],
    },
    {
      Sid: "ReadGuardrails",
      Effect: "Allow",
      Action: "bedrock:GetGuardrail",
      Resource: `arn:aws:bedrock:${region}:${accountId}:guardrail/*`,
    },
    {
      // Answered only in the management account or a delegated administrator (docs/audit.md). A
      // target is an account, OU or root (Resource types of ListPoliciesForTarget); only the
      // program's own SCPs are described, never AWS-managed ones such as FullAWSAccess, whose ARN
      // has no organization (arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess).
      Sid: "ReadServiceControlPolicies",
      Effect: "Allow",
      Action: ["organizations:ListPoliciesForTarget", "organizations:DescribePolicy"],
      Resource: [
        `arn:aws:organizations::*:account/o-*/${accountId}`,
        "arn:aws:organizations::*:ou/o-*/ou-*",
        "arn:aws:organizations::*:root/o-*/r-*",
        "arn:aws:organizations::*:policy/o-*/service_control_policy/p-*",
      ],
    },
    {
      // ListGuardrails without a guardrail names no resource, so IAM evaluates it against "*";
      // DescribeOrganization (any member may call it) tells a member account from the management one.
      Sid: "ReadWithoutResourceTypes",
      Effect: "Allow",
      Action: [
        "iam:ListRoles",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcEndpoints",
        "ec2:DescribeRouteTables",
        "bedrock:GetModelInvocationLoggingConfiguration",
        "bedrock:ListGuardrails",
        "organizations:DescribeOrganization",
      ],
      Resource: "*",
    },
  );
}

/** TLS only, and only this account's principals may touch the state bucket. */
export function stateBucketPolicy(bucketArn: string, accountId: string): PolicyDocument {
  return policyDocument(
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyOtherAccounts",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { StringNotEquals: { "aws:PrincipalAccount": accountId } },
    },
  );
}

/** Key policy: the account administers the key through IAM, as AWS's default key policy does. */
export function stateKeyPolicy(accountId: string): PolicyDocument {
  return policyDocument({
    Sid: "AccountAdministersKeyThroughIam",
    Effect: "Allow",
    Principal: { AWS: accountRootArn(accountId) },
    Action: "kms:*",
    Resource: "*",
  });
}
