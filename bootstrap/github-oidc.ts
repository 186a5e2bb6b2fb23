/**
 * Pure builders for the CI bootstrap (bootstrap/): the IAM documents of the roles GitHub Actions
 * assumes through OIDC, and of the state bucket they share. No long-lived keys anywhere: a job
 * gets credentials only if GitHub's token says it runs for this repository, and
 *  - the preview role: for a pull request (sub `repo:<owner>/<repo>:pull_request`);
 *  - the deploy role: in the account's GitHub environment (sub `repo:<owner>/<repo>:environment:<env>`).
 *    GitHub puts the environment, not the branch, in `sub` when a job names an environment; the
 *    environment's deployment-branch rule admits only `main` and its required reviewers approve
 *    each run, so this subject means "main, approved" (docs/pipeline.md);
 *  - the audit role: in the `audit` GitHub environment (sub `repo:<owner>/<repo>:environment:audit`),
 *    which only the scheduled audit workflow names; its deployment-branch rule admits only `main`
 *    and it has no reviewers, so the schedule runs unattended (docs/audit.md).
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

export function assertRepository(repository: string): string {
  if (!REPOSITORY_PATTERN.test(repository)) {
    throw new Error(`"${repository}" is not a GitHub repository "<owner>/<name>" (letters, digits, -, _ and . only)`);
  }
  return repository;
}

export function githubOidcProviderArn(accountId: string): string {
  return iamOidcProviderArn(accountId, GITHUB_OIDC_HOST);
}

export function pullRequestSubject(repository: string): string {
  return `repo:${assertRepository(repository)}:pull_request`;
}

export function environmentSubject(repository: string, environment: string): string {
  if (!ENVIRONMENT_PATTERN.test(environment)) {
    throw new Error(`"${environment}" is not a GitHub environment name (letters, digits, -, _ and . only)`);
  }
  return `repo:${assertRepository(repository)}:environment:${environment}`;
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

export function previewRoleTrustPolicy(providerArn: string, repository: string): PolicyDocument {
  return githubOidcTrustPolicy(providerArn, [pullRequestSubject(repository)]);
}

/** The GitHub environment the scheduled audit job names; its subject is the audit role's only one. */
export const AUDIT_ENVIRONMENT = "audit";

export function auditRoleTrustPolicy(providerArn: string, repository: string): PolicyDocument {
  return githubOidcTrustPolicy(providerArn, [environmentSubject(repository, AUDIT_ENVIRONMENT)]);
}

export function deployRoleTrustPolicy(providerArn: string, repository: string, environment: string): PolicyDocument {
  return githubOidcTrustPolicy(providerArn, [environmentSubject(repository, environment)]);
}

// ---------------------------------------------------------------------------------------------
// Names. The CI roles are deliberately outside the `bedrock-lz-*` namespace the deploy role may
// manage, so the deploy role cannot rewrite its own trust policy.
// ---------------------------------------------------------------------------------------------

export const PREVIEW_ROLE_NAME = `github-actions-${PROJECT}-preview`;
export const DEPLOY_ROLE_NAME = `github-actions-${PROJECT}-deploy`;
export const AUDIT_ROLE_NAME = `github-actions-${PROJECT}-audit`;
export const STATE_KEY_ALIAS = `alias/${PROJECT}-state`;

export function stateBucketName(accountId: string, region: string): string {
  return `${PROJECT}-state-${accountId}-${region}`;
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
  /** Deploy: write any state object and encrypt secrets. Preview: read, and take the lock only. */
  readonly write: boolean;
}

/** What `pulumi preview` / `up` needs of a self-managed S3 backend with the AWS KMS secrets provider. */
export function stateAccessPolicy(args: StateAccessArgs): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: args.bucketArn },
    { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: `${args.bucketArn}/*` },
    {
      Sid: args.write ? "WriteState" : "TakeStackLock",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject"],
      // The self-managed backend writes a lock file under .pulumi/locks/ even for a preview.
      Resource: args.write ? `${args.bucketArn}/*` : `${args.bucketArn}/.pulumi/locks/*`,
    },
    {
      Sid: "StateKey",
      Effect: "Allow",
      Action: args.write
        ? ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
        : ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: args.keyArn,
    },
  ];
  return policyDocument(...statements);
}

/**
 * IAM for the deploy role, limited to the names this program gives (`bedrock-lz-*` roles,
 * instance profiles and policies); the managed policy on the role (PowerUserAccess by default)
 * covers every other service and excludes IAM.
 */
export function deployRoleIamPolicy(accountId: string): PolicyDocument {
  const prefix = `${PROJECT}-*`;
  return policyDocument(
    {
      Sid: "ManageLandingZoneRoles",
      Effect: "Allow",
      Action: [
        "iam:CreateRole",
        "iam:DeleteRole",
        "iam:GetRole",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:ListRoleTags",
        "iam:PutRolePolicy",
        "iam:GetRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:ListRolePolicies",
        // permissionBoundary.enabled switches the boundary on existing roles. No Attach/Detach:
        // the program attaches no managed policies, and attaching one would be the easy way out.
        "iam:PutRolePermissionsBoundary",
        "iam:DeleteRolePermissionsBoundary",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:PassRole",
      ],
      Resource: iamRoleArn(accountId, prefix),
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
      Resource: iamInstanceProfileArn(accountId, prefix),
    },
    {
      Sid: "ManageLandingZonePolicies",
      Effect: "Allow",
      Action: [
        "iam:CreatePolicy",
        "iam:DeletePolicy",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:CreatePolicyVersion",
        "iam:DeletePolicyVersion",
        "iam:ListPolicyVersions",
        "iam:TagPolicy",
        "iam:UntagPolicy",
        "iam:ListPolicyTags",
        "iam:ListEntitiesForPolicy",
      ],
      Resource: iamPolicyArn(accountId, prefix),
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
      Action: ["bedrock:ListGuardrails", "bedrock:GetGuardrail"],
      Resource: `arn:aws:bedrock:${region}:${accountId}:guardrail/*`,
    },
    {
      // Answered only in the management account or a delegated administrator (docs/audit.md).
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
      Sid: "ReadWithoutResourceTypes",
      Effect: "Allow",
      Action: [
        "iam:ListRoles",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcEndpoints",
        "ec2:DescribeRouteTables",
        "bedrock:GetModelInvocationLoggingConfiguration",
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
