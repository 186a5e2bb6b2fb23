/** The CI bootstrap's IAM documents (bootstrap/github-oidc.ts), statement by statement. */
import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  DEPLOY_ROLE_NAME,
  PREVIEW_ROLE_NAME,
  backendSettings,
  deployRoleIamPolicy,
  deployRoleTrustPolicy,
  githubOidcProviderArn,
  githubOidcTrustPolicy,
  previewRoleTrustPolicy,
  stateAccessPolicy,
  stateBucketName,
  stateBucketPolicy,
} from "../../bootstrap/github-oidc";
import { wildcardMatches } from "../../crossguard/iam-documents";

const PROVIDER = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
const REPO = "example-org/bedrock-lz";

describe("GitHub OIDC bootstrap documents", () => {
  it("names the account's OIDC provider", () => {
    strictEqual(githubOidcProviderArn("111111111111"), PROVIDER);
  });

  it("preview role: only this repository's pull requests, audience sts.amazonaws.com", () => {
    deepStrictEqual(previewRoleTrustPolicy(PROVIDER, REPO), {
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
              "token.actions.githubusercontent.com:sub": "repo:example-org/bedrock-lz:pull_request",
            },
          },
        },
      ],
    });
  });

  it("deploy role: only jobs in the account's GitHub environment (main, approved)", () => {
    deepStrictEqual(deployRoleTrustPolicy(PROVIDER, REPO, "operator"), {
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
      throws(() => previewRoleTrustPolicy(PROVIDER, repository), /is not a GitHub repository/, repository);
    }
    throws(() => deployRoleTrustPolicy(PROVIDER, REPO, "*"), /is not a GitHub environment name/);
    throws(() => deployRoleTrustPolicy(PROVIDER, REPO, "prod:x"), /is not a GitHub environment name/);
  });

  it("preview state access: read the state, write only the lock, decrypt", () => {
    deepStrictEqual(
      stateAccessPolicy({ bucketArn: "arn:aws:s3:::b", keyArn: "arn:aws:kms:ap-northeast-1:1:key/k", write: false })
        .Statement,
      [
        { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" },
        { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        {
          Sid: "TakeStackLock",
          Effect: "Allow",
          Action: ["s3:PutObject", "s3:DeleteObject"],
          Resource: "arn:aws:s3:::b/.pulumi/locks/*",
        },
        {
          Sid: "StateKey",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
          Resource: "arn:aws:kms:ap-northeast-1:1:key/k",
        },
      ],
    );
  });

  it("deploy state access: write any state object and encrypt secrets", () => {
    const statements = stateAccessPolicy({
      bucketArn: "arn:aws:s3:::b",
      keyArn: "arn:aws:kms:ap-northeast-1:1:key/k",
      write: true,
    }).Statement;
    deepStrictEqual(statements[2], {
      Sid: "WriteState",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject"],
      Resource: "arn:aws:s3:::b/*",
    });
    deepStrictEqual(statements[3].Action, ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]);
  });

  it("deploy IAM scope covers the landing zone's roles but not the CI roles themselves", () => {
    const statements = deployRoleIamPolicy("111111111111").Statement;
    deepStrictEqual(
      statements.map((statement) => statement.Resource),
      [
        "arn:aws:iam::111111111111:role/bedrock-lz-*",
        "arn:aws:iam::111111111111:instance-profile/bedrock-lz-*",
        "arn:aws:iam::111111111111:policy/bedrock-lz-*",
      ],
    );
    const roles = statements[0].Resource as string;
    for (const name of ["bedrock-lz-invoke-sapporo", "bedrock-lz-client-sapporo"]) {
      strictEqual(wildcardMatches(roles, `arn:aws:iam::111111111111:role/${name}`), true, name);
    }
    // Otherwise the deploy role could rewrite its own trust policy.
    for (const name of [DEPLOY_ROLE_NAME, PREVIEW_ROLE_NAME]) {
      strictEqual(wildcardMatches(roles, `arn:aws:iam::111111111111:role/${name}`), false, name);
    }
    // permissionBoundary.enabled changes existing roles; no managed policy is ever attached.
    const roleActions = statements[0].Action as string[];
    for (const action of ["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"]) {
      strictEqual(roleActions.includes(action), true, action);
    }
    for (const action of ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]) {
      strictEqual(roleActions.includes(action), false, action);
    }
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
