/** The CI bootstrap project (bootstrap/) under the mock engine. */
import { deepStrictEqual, match, ok, rejects, strictEqual, throws } from "node:assert/strict";
import { join } from "node:path";
import { bootstrapStack, parseBootstrapConfig, readBootstrapConfig } from "../../bootstrap/stack";
import {
  type GithubRepository,
  auditRoleReadPolicy,
  auditRoleTrustPolicy,
  deployBoundaryPolicy,
  deployRoleIamPolicy,
  deployRoleTrustPolicy,
  previewRoleTrustPolicy,
} from "../../bootstrap/github-oidc";
import {
  interfaceEndpointPolicy,
  managedPolicyLeastPrivilege,
  noWildcardInAllow,
  s3BucketProtected,
} from "../../crossguard/rules";
import { type ProgramRun, runProgram } from "../../harness/mock-engine";
import { collector, resourceArgsOf, stackValidationArgs } from "../../crossguard/smoke/validation-args";
import { readStackConfigFile } from "../../harness/stack-file";
import { rawConfigOf } from "../../infra/config";
import { REPO_ROOT, documentOf, named, ofType, withConfig } from "../support";

const PROVIDER = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
const REPOSITORY: GithubRepository = { name: "example-org/bedrock-lz", subjectFormat: "name" };

/** The specs' own bootstrap configs: the shipped bootstrap/Pulumi.*.yaml are examples users edit. */
const BOOTSTRAP_CONFIG: Record<"operator" | "municipality", Record<string, string>> = {
  operator: {
    "aws:region": "ap-northeast-1",
    "bedrock-lz-bootstrap:account": "operator",
    "bedrock-lz-bootstrap:accountId": "111111111111",
    "bedrock-lz-bootstrap:repository": "example-org/bedrock-lz",
    "bedrock-lz-bootstrap:createOidcProvider": "true",
  },
  municipality: {
    "aws:region": "ap-northeast-1",
    "bedrock-lz-bootstrap:account": "municipality",
    "bedrock-lz-bootstrap:accountId": "222222222222",
    "bedrock-lz-bootstrap:repository": "example-org/bedrock-lz",
    "bedrock-lz-bootstrap:createOidcProvider": "true",
  },
};

/** The bootstrap config object as `readBootstrapConfig` hands it to the schema. */
function rawOf(config: Record<string, string>): Record<string, unknown> {
  return rawConfigOf(config, { namespace: "bedrock-lz-bootstrap", booleans: true });
}

function runBootstrap(config: Record<string, string>): Promise<ProgramRun> {
  return runProgram({
    stack: config["bedrock-lz-bootstrap:account"] ?? "bootstrap",
    config,
    accountId: config["bedrock-lz-bootstrap:accountId"] ?? "000000000000",
    program: () => bootstrapStack(readBootstrapConfig()),
  });
}

describe("CI bootstrap project", () => {
  let operator: ProgramRun;
  before(async () => {
    operator = await runBootstrap(BOOTSTRAP_CONFIG.operator);
  });

  it("creates the OIDC provider for GitHub with the STS audience", () => {
    const [provider] = ofType(operator, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    deepStrictEqual(provider.inputs, {
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
    });
  });

  it("trusts the preview role to the preview environment and the deploy role to the operator environment", async () => {
    const providerArn = "arn:aws:mock:::aws:iam/openIdConnectProvider:OpenIdConnectProvider/github";
    deepStrictEqual(
      documentOf(named(operator, "preview-role"), "assumeRolePolicy"),
      previewRoleTrustPolicy(providerArn, REPOSITORY),
    );
    deepStrictEqual(
      documentOf(named(operator, "deploy-role"), "assumeRolePolicy"),
      deployRoleTrustPolicy(providerArn, REPOSITORY, "operator"),
    );
    strictEqual(named(operator, "deploy-role").inputs.name, "github-actions-bedrock-lz-deploy");
  });

  it("attaches read-only ViewOnlyAccess to preview and PowerUserAccess + scoped IAM to deploy", () => {
    const attachments = ofType(operator, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => [
      a.name,
      a.inputs.policyArn,
    ]);
    deepStrictEqual(attachments.sort(), [
      ["deploy-PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess"],
      ["preview-ViewOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"],
    ]);
    deepStrictEqual(documentOf(named(operator, "deploy-landing-zone-iam")), deployRoleIamPolicy("111111111111"));
    const previewState = documentOf(named(operator, "preview-pulumi-state-read"));
    deepStrictEqual(
      previewState.Statement.map((statement: { Action: unknown }) => statement.Action),
      ["s3:ListBucket", "s3:GetObject", "kms:Decrypt"],
    );
  });

  it("bounds the deploy role by the deploy boundary, which names the state bucket and key", () => {
    const [boundary] = ofType(operator, "aws:iam/policy:Policy");
    strictEqual(boundary.name, "deploy-boundary");
    strictEqual(boundary.inputs.name, "github-actions-bedrock-lz-deploy-boundary");
    deepStrictEqual(
      documentOf(boundary),
      deployBoundaryPolicy({
        accountId: "111111111111",
        region: "ap-northeast-1",
        stateBucketArn: "arn:aws:s3:::bedrock-lz-state-111111111111-ap-northeast-1",
        stateKeyArn: "arn:aws:kms:ap-northeast-1:111111111111:key/state-key-id",
      }),
    );
    strictEqual(
      named(operator, "deploy-role").inputs.permissionsBoundary,
      "arn:aws:mock:::aws:iam/policy:Policy/deploy-boundary",
    );
    for (const role of ["preview-role", "audit-role"]) {
      strictEqual(named(operator, role).inputs.permissionsBoundary, undefined, role);
    }
    strictEqual(operator.outputs.deployBoundaryArn, "arn:aws:mock:::aws:iam/policy:Policy/deploy-boundary");
  });

  it("gives the audit role only the read-only policy, trusted only in the audit environment", () => {
    const providerArn = "arn:aws:mock:::aws:iam/openIdConnectProvider:OpenIdConnectProvider/github";
    deepStrictEqual(
      documentOf(named(operator, "audit-role"), "assumeRolePolicy"),
      auditRoleTrustPolicy(providerArn, REPOSITORY),
    );
    strictEqual(
      documentOf(named(operator, "audit-role"), "assumeRolePolicy").Statement[0].Condition.StringEquals[
        "token.actions.githubusercontent.com:sub"
      ],
      "repo:example-org/bedrock-lz:environment:audit",
    );
    strictEqual(named(operator, "audit-role").inputs.name, "github-actions-bedrock-lz-audit");
    deepStrictEqual(
      documentOf(named(operator, "audit-audit-read")),
      auditRoleReadPolicy("111111111111", "ap-northeast-1"),
    );
    const auditPolicies = ofType(operator, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.startsWith("audit-"));
    deepStrictEqual(
      auditPolicies.map((p) => p.name),
      ["audit-audit-read"],
    );
  });

  it("keeps the state bucket encrypted, versioned and private (the pack's S3 rule), with a rotating key", () => {
    const [bucket] = ofType(operator, "aws:s3/bucket:Bucket");
    strictEqual(bucket.inputs.bucket, "bedrock-lz-state-111111111111-ap-northeast-1");
    const { violations, report } = collector();
    s3BucketProtected(stackValidationArgs(operator), report);
    deepStrictEqual(violations, []);
    const [key] = ofType(operator, "aws:kms/key:Key");
    strictEqual(key.inputs.enableKeyRotation, true);
  });

  it("passes the policy pack's least-privilege rules; the boundary's Allow * passes only as a boundary", () => {
    const { violations, report } = collector();
    for (const args of resourceArgsOf(operator)) {
      noWildcardInAllow(args, report);
      interfaceEndpointPolicy(args, report);
    }
    managedPolicyLeastPrivilege(stackValidationArgs(operator), report);
    deepStrictEqual(violations, []);
  });

  it("outputs the repository variables the workflows read", async () => {
    deepStrictEqual(operator.outputs.githubVariables, {
      OPERATOR_PREVIEW_ROLE_ARN: "arn:aws:iam::111111111111:role/github-actions-bedrock-lz-preview",
      OPERATOR_DEPLOY_ROLE_ARN: "arn:aws:iam::111111111111:role/github-actions-bedrock-lz-deploy",
      OPERATOR_AUDIT_ROLE_ARN: "arn:aws:iam::111111111111:role/github-actions-bedrock-lz-audit",
      OPERATOR_BACKEND_URL: "s3://bedrock-lz-state-111111111111-ap-northeast-1?region=ap-northeast-1",
    });
    const municipality = await runBootstrap(BOOTSTRAP_CONFIG.municipality);
    deepStrictEqual(Object.keys(municipality.outputs.githubVariables as object), [
      "MUNICIPALITY_PREVIEW_ROLE_ARN",
      "MUNICIPALITY_DEPLOY_ROLE_ARN",
      "MUNICIPALITY_AUDIT_ROLE_ARN",
      "MUNICIPALITY_BACKEND_URL",
    ]);
    strictEqual(
      documentOf(named(municipality, "deploy-role"), "assumeRolePolicy").Statement[0].Condition.StringEquals[
        "token.actions.githubusercontent.com:sub"
      ],
      "repo:example-org/bedrock-lz:environment:municipality",
    );
  });

  it("uses the account's existing OIDC provider when told to", async () => {
    const run = await runBootstrap(
      withConfig(BOOTSTRAP_CONFIG.operator, { "bedrock-lz-bootstrap:createOidcProvider": "false" }),
    );
    deepStrictEqual(ofType(run, "aws:iam/openIdConnectProvider:OpenIdConnectProvider"), []);
    strictEqual(documentOf(named(run, "preview-role"), "assumeRolePolicy").Statement[0].Principal.Federated, PROVIDER);
    strictEqual(run.outputs.oidcProviderArn, PROVIDER);
  });

  it("names every bad key before declaring anything", async () => {
    throws(
      () => parseBootstrapConfig({ account: "ops", accountId: "1", repository: "example-org/*", region: "us-east-1" }),
      (error: Error) => {
        strictEqual(
          error.message,
          "invalid bootstrap configuration:\n" +
            '  - bedrock-lz-bootstrap:account: must be "operator" or "municipality"\n' +
            "  - bedrock-lz-bootstrap:accountId: must be a 12-digit AWS account id written as a quoted string\n" +
            "  - aws:region: must be ap-northeast-1 or ap-northeast-3\n" +
            '  - bedrock-lz-bootstrap:repository: must be a GitHub repository "<owner>/<name>"',
        );
        return true;
      },
    );
    await rejects(
      runBootstrap(withConfig(BOOTSTRAP_CONFIG.operator, { "bedrock-lz-bootstrap:repository": "example-org" })),
      (error: Error) => {
        match(error.message, /bedrock-lz-bootstrap:repository: must be a GitHub repository/);
        return true;
      },
    );
  });

  describe("OIDC subject format", () => {
    const subjectsOf = (run: ProgramRun, role: string) =>
      [
        documentOf(named(run, role), "assumeRolePolicy").Statement[0].Condition.StringEquals[
          "token.actions.githubusercontent.com:sub"
        ],
      ].flat();

    it("trusts the name-based subject when no ids are given", () => {
      strictEqual(parseBootstrapConfig(rawOf(BOOTSTRAP_CONFIG.operator)).oidcSubjectFormat, "name");
      deepStrictEqual(subjectsOf(operator, "deploy-role"), ["repo:example-org/bedrock-lz:environment:operator"]);
    });

    it("trusts only the immutable subject once both ids are set, for every role", async () => {
      const run = await runBootstrap(
        withConfig(BOOTSTRAP_CONFIG.operator, {
          "bedrock-lz-bootstrap:repositoryOwnerId": "123456",
          "bedrock-lz-bootstrap:repositoryId": "456789",
        }),
      );
      deepStrictEqual(
        ["preview-role", "deploy-role", "audit-role"].map((role) => subjectsOf(run, role)),
        [
          ["repo:example-org@123456/bedrock-lz@456789:environment:preview"],
          ["repo:example-org@123456/bedrock-lz@456789:environment:operator"],
          ["repo:example-org@123456/bedrock-lz@456789:environment:audit"],
        ],
      );
    });

    it("trusts both formats while the repository switches", async () => {
      const run = await runBootstrap(
        withConfig(BOOTSTRAP_CONFIG.operator, {
          "bedrock-lz-bootstrap:repositoryOwnerId": "123456",
          "bedrock-lz-bootstrap:repositoryId": "456789",
          "bedrock-lz-bootstrap:oidcSubjectFormat": "both",
        }),
      );
      deepStrictEqual(subjectsOf(run, "deploy-role"), [
        "repo:example-org/bedrock-lz:environment:operator",
        "repo:example-org@123456/bedrock-lz@456789:environment:operator",
      ]);
    });

    it("names the missing id and the bad values before declaring anything", () => {
      throws(
        () => parseBootstrapConfig({ ...rawOf(BOOTSTRAP_CONFIG.operator), oidcSubjectFormat: "immutable" }),
        (error: Error) => {
          strictEqual(
            error.message,
            "invalid bootstrap configuration:\n" +
              '  - bedrock-lz-bootstrap:repositoryOwnerId: is required when oidcSubjectFormat is "immutable": GitHub\'s immutable subject names the repository by its owner id and repository id\n' +
              '  - bedrock-lz-bootstrap:repositoryId: is required when oidcSubjectFormat is "immutable": GitHub\'s immutable subject names the repository by its owner id and repository id',
          );
          return true;
        },
      );
      throws(
        () =>
          parseBootstrapConfig({
            ...rawOf(BOOTSTRAP_CONFIG.operator),
            repositoryOwnerId: "example-org",
            oidcSubjectFormat: "ids",
          }),
        (error: Error) => {
          match(error.message, /bedrock-lz-bootstrap:repositoryOwnerId: must be a GitHub numeric id/);
          match(error.message, /bedrock-lz-bootstrap:oidcSubjectFormat: must be "name", "immutable" or "both"/);
          return true;
        },
      );
    });
  });

  it("the shipped example configs are valid", () => {
    for (const stack of ["operator", "municipality"]) {
      const file = readStackConfigFile(join(REPO_ROOT, "bootstrap", `Pulumi.${stack}.yaml`)).config;
      ok(parseBootstrapConfig(rawOf(file)).repository.includes("/"), stack);
    }
  });
});
