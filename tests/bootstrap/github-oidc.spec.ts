/** The CI bootstrap's IAM documents (bootstrap/github-oidc.ts), statement by statement. */
import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import {
  DEPLOY_ROLE_NAME,
  type GithubRepository,
  PREVIEW_ROLE_NAME,
  backendSettings,
  deployBoundaryArn,
  deployBoundaryPolicy,
  deployRoleIamPolicy,
  deployRoleTrustPolicy,
  environmentSubjects,
  githubOidcProviderArn,
  githubOidcTrustPolicy,
  previewRoleTrustPolicy,
  stateAccessPolicy,
  stateBucketName,
  stateBucketPolicy,
  subjectPrefixes,
} from "../../bootstrap/github-oidc";
import { wildcardMatches } from "../../crossguard/iam-documents";
import { POLICY_SIZE_LIMITS } from "../../infra/org-guardrails";
import { policySize } from "../../infra/iam/document";

const PROVIDER = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
const BY_NAME: GithubRepository = { name: "example-org/bedrock-lz", subjectFormat: "name" };
const IDS = { ownerId: "123456", repositoryId: "456789" };
const IMMUTABLE: GithubRepository = { ...BY_NAME, ...IDS, subjectFormat: "immutable" };
const BOTH: GithubRepository = { ...BY_NAME, ...IDS, subjectFormat: "both" };
const BUCKET = "arn:aws:s3:::bedrock-lz-state-111111111111-ap-northeast-1";
const KEY = "arn:aws:kms:ap-northeast-1:111111111111:key/k";

/** The subjects a trust policy admits: StringEquals on `sub` matches any listed value exactly. */
function admittedSubjects(trust: ReturnType<typeof githubOidcTrustPolicy>): string[] {
  const statement = trust.Statement[0];
  strictEqual(statement.Condition?.StringEquals["token.actions.githubusercontent.com:aud"], "sts.amazonaws.com");
  deepStrictEqual(Object.keys(statement.Condition ?? {}), ["StringEquals"]);
  return [statement.Condition?.StringEquals["token.actions.githubusercontent.com:sub"] as string | string[]].flat();
}

describe("GitHub OIDC bootstrap documents", () => {
  it("names the account's OIDC provider", () => {
    strictEqual(githubOidcProviderArn("111111111111"), PROVIDER);
  });

  it("preview role: only jobs in the preview environment (approved), never a bare pull_request token", () => {
    deepStrictEqual(previewRoleTrustPolicy(PROVIDER, BY_NAME), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GitHubActionsOidc",
          Effect: "Allow",
          Principal: { Federated: PROVIDER },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": "repo:example-org/bedrock-lz:environment:preview",
            },
          },
        },
      ],
    });
    for (const repository of [BY_NAME, IMMUTABLE, BOTH]) {
      const admitted = admittedSubjects(previewRoleTrustPolicy(PROVIDER, repository));
      ok(!admitted.some((subject) => subject.endsWith(":pull_request")), repository.subjectFormat);
    }
  });

  it("deploy role: only jobs in the account's GitHub environment (main, approved)", () => {
    deepStrictEqual(deployRoleTrustPolicy(PROVIDER, BY_NAME, "operator"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GitHubActionsOidc",
          Effect: "Allow",
          Principal: { Federated: PROVIDER },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": "repo:example-org/bedrock-lz:environment:operator",
            },
          },
        },
      ],
    });
  });

  describe("subject formats", () => {
    const name = "repo:example-org/bedrock-lz:environment:operator";
    const immutable = "repo:example-org@123456/bedrock-lz@456789:environment:operator";

    it("name: GitHub's name-based subject only", () => {
      deepStrictEqual(subjectPrefixes(BY_NAME), ["repo:example-org/bedrock-lz"]);
      deepStrictEqual(admittedSubjects(deployRoleTrustPolicy(PROVIDER, BY_NAME, "operator")), [name]);
    });

    it("immutable: owner and repository ids, so a reused or renamed name matches nothing", () => {
      deepStrictEqual(admittedSubjects(deployRoleTrustPolicy(PROVIDER, IMMUTABLE, "operator")), [immutable]);
      const admitted = admittedSubjects(deployRoleTrustPolicy(PROVIDER, IMMUTABLE, "operator"));
      // Someone who takes the name after a rename or transfer has other ids.
      for (const token of [name, "repo:example-org@999999/bedrock-lz@456789:environment:operator"]) {
        ok(!admitted.includes(token), token);
      }
    });

    it("both: the switch-over, every role trusts each format", () => {
      deepStrictEqual(environmentSubjects(BOTH, "audit"), [
        "repo:example-org/bedrock-lz:environment:audit",
        "repo:example-org@123456/bedrock-lz@456789:environment:audit",
      ]);
      deepStrictEqual(admittedSubjects(deployRoleTrustPolicy(PROVIDER, BOTH, "operator")), [name, immutable]);
    });

    it("refuses the id-based formats without numeric ids", () => {
      for (const repository of [
        { ...BY_NAME, subjectFormat: "immutable" as const },
        { ...BOTH, ownerId: "12a" },
        { ...BOTH, repositoryId: "*" },
        { ...BOTH, ownerId: "0" },
      ]) {
        throws(() => subjectPrefixes(repository), /needs the repository's numeric owner id and repository id/);
      }
    });
  });

  it("lists several subjects as an array, and refuses none", () => {
    const document = githubOidcTrustPolicy(PROVIDER, ["repo:a/b:pull_request", "repo:a/b:environment:x"]);
    deepStrictEqual(document.Statement[0].Condition?.StringEquals["token.actions.githubusercontent.com:sub"], [
      "repo:a/b:pull_request",
      "repo:a/b:environment:x",
    ]);
    throws(() => githubOidcTrustPolicy(PROVIDER, []), /at least one subject/);
  });

  it("refuses repositories and environments that would widen the subject", () => {
    for (const repository of [
      "example-org/*",
      "example-org",
      "*/bedrock-lz",
      "example org/x",
      "a/b:ref:refs/heads/main",
    ]) {
      throws(
        () => previewRoleTrustPolicy(PROVIDER, { name: repository, subjectFormat: "name" }),
        /is not a GitHub repository/,
        repository,
      );
    }
    throws(() => deployRoleTrustPolicy(PROVIDER, BY_NAME, "*"), /is not a GitHub environment name/);
    throws(() => deployRoleTrustPolicy(PROVIDER, BY_NAME, "prod:x"), /is not a GitHub environment name/);
  });

  it("preview state access: read and decrypt, write nothing (a preview takes no lock)", () => {
    deepStrictEqual(stateAccessPolicy({ bucketArn: "arn:aws:s3:::b", keyArn: KEY, write: false }).Statement, [
      { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" },
      { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
      { Sid: "DecryptState", Effect: "Allow", Action: "kms:Decrypt", Resource: KEY },
    ]);
  });

  it("deploy state access: read and write state objects (the lock included), encrypt and decrypt", () => {
    deepStrictEqual(stateAccessPolicy({ bucketArn: "arn:aws:s3:::b", keyArn: KEY, write: true }).Statement, [
      { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" },
      {
        Sid: "WriteState",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        Resource: "arn:aws:s3:::b/*",
      },
      {
        Sid: "StateKey",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
        Resource: KEY,
      },
    ]);
  });

  it("deploy IAM: landing-zone roles only, every change only to a role carrying the deploy boundary", () => {
    const boundary = "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary";
    strictEqual(deployBoundaryArn("111111111111"), boundary);
    deepStrictEqual(deployRoleIamPolicy("111111111111").Statement, [
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
        Resource: "arn:aws:iam::111111111111:role/bedrock-lz-*",
      },
      {
        Sid: "ChangeLandingZoneRolesWithinTheDeployBoundary",
        Effect: "Allow",
        Action: [
          "iam:CreateRole",
          "iam:PutRolePermissionsBoundary",
          "iam:PutRolePolicy",
          "iam:DeleteRolePolicy",
          "iam:UpdateAssumeRolePolicy",
          "iam:UpdateRole",
          "iam:UpdateRoleDescription",
          "iam:DeleteRole",
        ],
        Resource: "arn:aws:iam::111111111111:role/bedrock-lz-*",
        Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
      },
      {
        Sid: "PassLandingZoneRolesToTheirServices",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: "arn:aws:iam::111111111111:role/bedrock-lz-*",
        Condition: { StringEquals: { "iam:PassedToService": ["bedrock.amazonaws.com", "ec2.amazonaws.com"] } },
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
        Resource: "arn:aws:iam::111111111111:instance-profile/bedrock-lz-*",
      },
    ]);
    const roles = deployRoleIamPolicy("111111111111").Statement[0].Resource as string;
    for (const name of ["bedrock-lz-invoke-sapporo", "bedrock-lz-client-sapporo"]) {
      strictEqual(wildcardMatches(roles, `arn:aws:iam::111111111111:role/${name}`), true, name);
    }
    for (const name of [DEPLOY_ROLE_NAME, PREVIEW_ROLE_NAME]) {
      strictEqual(wildcardMatches(roles, `arn:aws:iam::111111111111:role/${name}`), false, name);
    }
    const actions = deployRoleIamPolicy("111111111111").Statement.flatMap((statement) => statement.Action ?? []);
    for (const forbidden of [
      "iam:DeleteRolePermissionsBoundary",
      "iam:AttachRolePolicy",
      "iam:CreatePolicyVersion",
      "iam:CreatePolicy",
    ]) {
      ok(!actions.includes(forbidden), forbidden);
    }
  });

  it("deploy boundary: the CDK bootstrap's rules, the pipeline's identities, the state's key and bucket", () => {
    const boundary = deployBoundaryPolicy({
      accountId: "111111111111",
      region: "ap-northeast-1",
      stateBucketArn: BUCKET,
      stateKeyArn: KEY,
    });
    const arn = "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary";
    deepStrictEqual(boundary.Statement, [
      { Sid: "AllowWithinBoundary", Effect: "Allow", Action: "*", Resource: "*" },
      {
        Sid: "DenyRoleChangesWithoutThisBoundary",
        Effect: "Deny",
        Action: [
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
        ],
        Resource: "arn:aws:iam::111111111111:role/*",
        Condition: { StringNotEquals: { "iam:PermissionsBoundary": arn } },
      },
      {
        Sid: "DenyUserChangesWithoutThisBoundary",
        Effect: "Deny",
        Action: ["iam:CreateUser", "iam:PutUserPermissionsBoundary", "iam:PutUserPolicy", "iam:AttachUserPolicy"],
        Resource: "arn:aws:iam::111111111111:user/*",
        Condition: { StringNotEquals: { "iam:PermissionsBoundary": arn } },
      },
      {
        Sid: "DenyBoundaryRemoval",
        Effect: "Deny",
        Action: ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
        Resource: ["arn:aws:iam::111111111111:role/*", "arn:aws:iam::111111111111:user/*"],
      },
      {
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
        Resource: "arn:aws:iam::111111111111:user/*",
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
        Resource: arn,
      },
      {
        Sid: "DenyPipelineIdentityChanges",
        Effect: "Deny",
        Action: "iam:*",
        Resource: ["arn:aws:iam::111111111111:role/github-actions-bedrock-lz-*", PROVIDER],
      },
      {
        Sid: "DenyAssumingOtherRolesOfTheAccount",
        Effect: "Deny",
        Action: "sts:AssumeRole",
        NotResource: "arn:aws:iam::111111111111:role/bedrock-lz-*",
        Condition: { StringEquals: { "aws:ResourceAccount": "111111111111" } },
      },
      {
        Sid: "DenyPassingOtherRoles",
        Effect: "Deny",
        Action: "iam:PassRole",
        NotResource: "arn:aws:iam::111111111111:role/bedrock-lz-*",
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
        Resource: [KEY, "arn:aws:kms:ap-northeast-1:111111111111:alias/bedrock-lz-state"],
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
        Resource: [BUCKET, `${BUCKET}/*`],
      },
    ]);
    // The CI roles and the boundary are outside the landing zone's names the deploy role manages.
    for (const name of ["github-actions-bedrock-lz-deploy", "github-actions-bedrock-lz-preview"]) {
      strictEqual(
        wildcardMatches("arn:aws:iam::111111111111:role/bedrock-lz-*", `arn:aws:iam::111111111111:role/${name}`),
        false,
      );
    }
    ok(policySize(boundary) <= POLICY_SIZE_LIMITS.managedPolicy, `${policySize(boundary)} characters`);
  });

  it("state bucket: TLS only, this account only", () => {
    deepStrictEqual(stateBucketPolicy("arn:aws:s3:::b", "111111111111").Statement, [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyOtherAccounts",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        Condition: { StringNotEquals: { "aws:PrincipalAccount": "111111111111" } },
      },
    ]);
  });

  it("gives the backend URL and secrets provider of docs/design.md §8", () => {
    strictEqual(stateBucketName("111111111111", "ap-northeast-1"), "bedrock-lz-state-111111111111-ap-northeast-1");
    deepStrictEqual(backendSettings("111111111111", "ap-northeast-1"), {
      backendUrl: "s3://bedrock-lz-state-111111111111-ap-northeast-1?region=ap-northeast-1",
      secretsProvider: "awskms://alias/bedrock-lz-state?region=ap-northeast-1",
    });
  });
});
