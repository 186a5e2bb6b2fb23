/**
 * The pipeline's own access, in the access matrix's style: requests the CI roles of `bootstrap/`
 * might make, each with its expected verdict, evaluated with the simulator (access/simulator.ts)
 * on the documents the bootstrap program generates under mocks. A group of its own, not part of
 * access/matrix.ts's operator–municipality scenarios: the callers are the deploy role, a role the
 * deploy role created, and the preview role, in one account.
 *
 * What it proves (docs/pipeline.md, "What each role can do"): the deploy role does what the
 * program deploys and nothing that would make it an administrator or destroy the state; a role it
 * created, however wide its own policy, cannot either; the preview role reads and decrypts the
 * state and writes nothing.
 *
 * Not here: the trust policies' `token.actions.githubusercontent.com:sub` and `:aud` keys, which
 * the simulator's IAM data does not define for `sts:AssumeRoleWithWebIdentity` (it would refuse
 * the request); tests/bootstrap/github-oidc.spec.ts checks those statements exactly. The preview
 * role's managed policy (ViewOnlyAccess, List/Describe/Get of metadata only,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ViewOnlyAccess.html) is left
 * out: none of its actions is asked here.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ProgramRun, type RecordedResource, runProgram } from "../harness/mock-engine";
import { parseCommandLine, runCommand } from "../harness/cli";
import { bootstrapStack, readBootstrapConfig } from "../bootstrap/stack";
import { assumedRoleArn, iamPolicyArn, iamRoleArn } from "../infra/arns";
import {
  DEPLOY_ROLE_NAME,
  PREVIEW_ROLE_NAME,
  deployBoundaryArn,
  githubOidcProviderArn,
} from "../bootstrap/github-oidc";
import { PROJECT } from "../infra/naming";
import { type AccessRequest, type DeniedLayer, type PolicyJson, simulate } from "./simulator";
import type { Verdict } from "./types";

/**
 * The AWS managed PowerUserAccess policy, version v12, the deploy role's default managed policy
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html). AWS
 * owns it; it is copied here because the simulator needs the document, not the ARN.
 */
export const POWER_USER_ACCESS: PolicyJson = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
    {
      Effect: "Allow",
      Action: [
        "account:GetAccountInformation",
        "account:GetGovCloudAccountInformation",
        "account:GetPrimaryEmail",
        "account:ListRegions",
        "iam:CreateServiceLinkedRole",
        "iam:DeleteServiceLinkedRole",
        "iam:ListRoles",
        "organizations:DescribeEffectivePolicy",
        "organizations:DescribeOrganization",
      ],
      Resource: "*",
    },
  ],
};

/** The bootstrap's documents for one account, as generated. */
export interface PipelineDocuments {
  /** The deploy role's inline policies (state and landing-zone IAM) and its managed policy. */
  readonly deployPolicies: readonly PolicyJson[];
  readonly deployBoundary: PolicyJson;
  /** The preview role's inline policies. */
  readonly previewPolicies: readonly PolicyJson[];
  readonly stateBucketPolicy: PolicyJson;
  readonly stateKeyPolicy: PolicyJson;
}

export interface PipelineIds {
  readonly accountId: string;
  readonly region: string;
  readonly stateBucketArn: string;
  readonly stateKeyArn: string;
}

export interface PipelineInput {
  readonly ids: PipelineIds;
  readonly documents: PipelineDocuments;
}

function named(run: ProgramRun, name: string): RecordedResource {
  const resource = run.resources.find((candidate) => candidate.name === name);
  if (resource === undefined) throw new Error(`the bootstrap run has no resource "${name}"`);
  return resource;
}

function documentOf(resource: RecordedResource, input = "policy"): PolicyJson {
  return JSON.parse(String(resource.inputs[input])) as PolicyJson;
}

/**
 * The documents of a bootstrap run (bootstrap/stack.ts under harness/mock-engine.ts), by the
 * resource names the stack gives them. The deploy role's managed policy must be the default,
 * PowerUserAccess, whose document this module carries.
 */
export function pipelineInputOf(run: ProgramRun, accountId: string, region: string): PipelineInput {
  const managed = run.resources
    .filter((resource) => resource.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
    .filter((resource) => resource.name.startsWith("deploy-"))
    .map((resource) => resource.inputs.policyArn);
  if (managed.length !== 1 || managed[0] !== "arn:aws:iam::aws:policy/PowerUserAccess") {
    throw new Error(`the pipeline scenarios know PowerUserAccess only; the deploy role has ${managed.join(", ")}`);
  }
  const ofType = (type: string) => {
    const found = run.resources.filter((resource) => resource.type === type && resource.name === "state");
    if (found.length !== 1) throw new Error(`the bootstrap run has no ${type} "state"`);
    return found[0];
  };
  const previewState = documentOf(named(run, "preview-pulumi-state-read"));
  // The key's ARN as the generated policy names it.
  const stateKeyArn = previewState.Statement.find((statement) => statement.Sid === "DecryptState")?.Resource;
  if (typeof stateKeyArn !== "string") throw new Error("the preview's state policy names no key");
  return {
    ids: {
      accountId,
      region,
      stateBucketArn: `arn:aws:s3:::${String(ofType("aws:s3/bucket:Bucket").inputs.bucket)}`,
      stateKeyArn,
    },
    documents: {
      deployPolicies: [
        POWER_USER_ACCESS,
        documentOf(named(run, "deploy-pulumi-state-write")),
        documentOf(named(run, "deploy-landing-zone-iam")),
      ],
      deployBoundary: documentOf(named(run, "deploy-boundary")),
      previewPolicies: [previewState, documentOf(named(run, "preview-preview-reads"))],
      stateBucketPolicy: documentOf(named(run, "state-policy")),
      stateKeyPolicy: documentOf(ofType("aws:kms/key:Key")),
    },
  };
}

export type PipelineCaller = "deploy" | "created-role" | "preview";

/** The resource's own policy, when it has one that takes part. */
export type PipelineResourcePolicy = "state-bucket" | "state-key" | "trusts-account-root";

export interface PipelineScenario {
  readonly id: string;
  readonly title: string;
  readonly expected: Verdict;
  readonly caller: PipelineCaller;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccountId?: string;
  readonly resourcePolicy?: PipelineResourcePolicy;
  readonly context?: Readonly<Record<string, string>>;
}

export interface PipelineRow {
  readonly id: string;
  readonly title: string;
  readonly caller: PipelineCaller;
  readonly expected: Verdict;
  readonly actual: Verdict;
  readonly deniedBy: readonly (DeniedLayer | "resource")[];
  readonly pass: boolean;
}

/** A role of the account outside the landing zone, e.g. an administrators' role. */
const ADMIN_ROLE_NAME = "OrganizationAccountAccessRole";
/** The worst policy the deploy role could give a role it creates. */
const EVERYTHING: PolicyJson = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
/** The role a deploy could create and trust itself (or anyone) with. */
const CREATED_ROLE_NAME = `${PROJECT}-created-by-deploy`;

/**
 * The scenarios. Expected verdicts are the pipeline's security model; docs/pipeline.md prints
 * them. Requests through S3 carry what AWS sets: TLS and the caller's account.
 */
export function pipelineScenarios(ids: PipelineIds): PipelineScenario[] {
  const account = ids.accountId;
  const boundary = deployBoundaryArn(account);
  const landingZoneBoundary = iamPolicyArn(account, `${PROJECT}-permission-boundary`);
  const role = (name: string) => iamRoleArn(account, name);
  const withBoundary = { "iam:PermissionsBoundary": boundary };
  const s3 = { "aws:SecureTransport": "true", "aws:PrincipalAccount": account };
  const checkpoint = `${ids.stateBucketArn}/.pulumi/stacks/${PROJECT}/operator.json`;
  const lock = `${ids.stateBucketArn}/.pulumi/locks/organization/${PROJECT}/operator/0b6f3c1e-2a4d-4e8f-9b1a-5c7d9e0f1a2b.json`;
  const deploy = { caller: "deploy" } as const;
  const created = { caller: "created-role" } as const;
  const preview = { caller: "preview" } as const;
  const adminTrust = {
    resource: role(ADMIN_ROLE_NAME),
    resourcePolicy: "trusts-account-root",
    context: { "aws:ResourceAccount": account },
  } as const;
  return [
    // The program's own deploy actions.
    {
      ...deploy,
      id: "P01",
      title: "deploy creates a landing-zone role that carries the deploy boundary",
      expected: "Allowed",
      action: "iam:CreateRole",
      resource: role(`${PROJECT}-invoke-sapporo`),
      context: withBoundary,
    },
    {
      ...deploy,
      id: "P02",
      title: "deploy writes the inline policy of a bounded landing-zone role",
      expected: "Allowed",
      action: "iam:PutRolePolicy",
      resource: role(`${PROJECT}-invoke-sapporo`),
      context: withBoundary,
    },
    {
      ...deploy,
      id: "P03",
      title: "deploy rewrites the trust of a bounded landing-zone role (the endpoint lock)",
      expected: "Allowed",
      action: "iam:UpdateAssumeRolePolicy",
      resource: role(`${PROJECT}-invoke-sapporo`),
      context: withBoundary,
    },
    {
      ...deploy,
      id: "P04",
      title: "deploy passes the invocation-logging role to Bedrock",
      expected: "Allowed",
      action: "iam:PassRole",
      resource: role(`${PROJECT}-invocation-logging-${ids.region}`),
      context: { "iam:PassedToService": "bedrock.amazonaws.com" },
    },
    {
      ...deploy,
      id: "P05",
      title: "deploy passes the client role to EC2 (its instance profile, the smoke-test instance)",
      expected: "Allowed",
      action: "iam:PassRole",
      resource: role(`${PROJECT}-client-sapporo`),
      context: { "iam:PassedToService": "ec2.amazonaws.com" },
    },
    {
      ...deploy,
      id: "P06",
      title: "deploy writes the stack's checkpoint",
      expected: "Allowed",
      action: "s3:PutObject",
      resource: checkpoint,
      resourcePolicy: "state-bucket",
      context: s3,
    },
    {
      ...deploy,
      id: "P07",
      title: "deploy takes and releases the stack lock",
      expected: "Allowed",
      action: "s3:DeleteObject",
      resource: lock,
      resourcePolicy: "state-bucket",
      context: s3,
    },
    {
      ...deploy,
      id: "P08",
      title: "deploy encrypts state and secrets with the state key",
      expected: "Allowed",
      action: "kms:GenerateDataKey",
      resource: ids.stateKeyArn,
      resourcePolicy: "state-key",
    },
    {
      ...deploy,
      id: "P09",
      title: "deploy creates the invocation-log bucket (PowerUserAccess)",
      expected: "Allowed",
      action: "s3:CreateBucket",
      resource: `arn:aws:s3:::${PROJECT}-invocation-logs-${account}-${ids.region}`,
    },
    {
      ...deploy,
      id: "P10",
      title: "deploy creates an interface VPC endpoint (PowerUserAccess)",
      expected: "Allowed",
      action: "ec2:CreateVpcEndpoint",
      resource: `arn:aws:ec2:${ids.region}:${account}:vpc-endpoint/vpce-0123456789abcdef0`,
    },
    // Escalation: more rights than the deploy role has.
    {
      ...deploy,
      id: "P11",
      title: "deploy creates a role without a boundary",
      expected: "Denied",
      action: "iam:CreateRole",
      resource: role(`${PROJECT}-escalate`),
    },
    {
      ...deploy,
      id: "P12",
      title: "deploy creates a role bounded by the landing zone's own (editable) boundary",
      expected: "Denied",
      action: "iam:CreateRole",
      resource: role(`${PROJECT}-escalate`),
      context: { "iam:PermissionsBoundary": landingZoneBoundary },
    },
    {
      ...deploy,
      id: "P13",
      title: "deploy removes the boundary from a landing-zone role",
      expected: "Denied",
      action: "iam:DeleteRolePermissionsBoundary",
      resource: role(`${PROJECT}-invoke-sapporo`),
      context: withBoundary,
    },
    {
      ...deploy,
      id: "P14",
      title: "deploy widens the inline policy of a landing-zone role without the deploy boundary",
      expected: "Denied",
      action: "iam:PutRolePolicy",
      resource: role(`${PROJECT}-invoke-sapporo`),
      context: { "iam:PermissionsBoundary": landingZoneBoundary },
    },
    {
      ...deploy,
      id: "P15",
      title: "deploy rewrites the trust of a landing-zone role without the deploy boundary",
      expected: "Denied",
      action: "iam:UpdateAssumeRolePolicy",
      resource: role(`${PROJECT}-client-sapporo`),
    },
    {
      ...deploy,
      id: "P16",
      title: "deploy attaches a managed policy (AdministratorAccess) to a bounded landing-zone role",
      expected: "Denied",
      action: "iam:AttachRolePolicy",
      resource: role(`${PROJECT}-invoke-sapporo`),
      context: { ...withBoundary, "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" },
    },
    {
      ...deploy,
      id: "P17",
      title: "deploy rewrites the deploy boundary",
      expected: "Denied",
      action: "iam:CreatePolicyVersion",
      resource: boundary,
    },
    {
      ...deploy,
      id: "P18",
      title: "deploy rewrites the landing zone's bedrock-lz-permission-boundary",
      expected: "Denied",
      action: "iam:CreatePolicyVersion",
      resource: landingZoneBoundary,
    },
    {
      ...deploy,
      id: "P19",
      title: "deploy rewrites its own trust policy",
      expected: "Denied",
      action: "iam:UpdateAssumeRolePolicy",
      resource: role(DEPLOY_ROLE_NAME),
      context: withBoundary,
    },
    {
      ...deploy,
      id: "P20",
      title: "deploy widens its own inline policy",
      expected: "Denied",
      action: "iam:PutRolePolicy",
      resource: role(DEPLOY_ROLE_NAME),
      context: withBoundary,
    },
    {
      ...deploy,
      id: "P21",
      title: "deploy rewrites the preview role's policy",
      expected: "Denied",
      action: "iam:PutRolePolicy",
      resource: role(PREVIEW_ROLE_NAME),
    },
    {
      ...deploy,
      id: "P22",
      title: "deploy admits another audience to GitHub's OIDC provider",
      expected: "Denied",
      action: "iam:AddClientIDToOpenIDConnectProvider",
      resource: githubOidcProviderArn(account),
    },
    {
      ...deploy,
      id: "P23",
      title: "deploy passes a landing-zone role to Lambda",
      expected: "Denied",
      action: "iam:PassRole",
      resource: role(`${PROJECT}-client-sapporo`),
      context: { "iam:PassedToService": "lambda.amazonaws.com" },
    },
    {
      ...deploy,
      id: "P24",
      title: "deploy passes an administrators' role of the account to EC2",
      expected: "Denied",
      action: "iam:PassRole",
      resource: role(ADMIN_ROLE_NAME),
      context: { "iam:PassedToService": "ec2.amazonaws.com" },
    },
    {
      ...deploy,
      ...adminTrust,
      id: "P25",
      title: "deploy assumes an administrators' role that trusts the account (PowerUserAccess allows sts:AssumeRole)",
      expected: "Denied",
      action: "sts:AssumeRole",
    },
    {
      ...deploy,
      id: "P26",
      title: "deploy creates an access key for an existing IAM user",
      expected: "Denied",
      action: "iam:CreateAccessKey",
      resource: `arn:aws:iam::${account}:user/admin`,
    },
    // Destroying or opening the state.
    ...stateAdministration(ids, "deploy", 30),
    // A role the deploy role created with `Allow *`: the boundary it must carry caps it.
    {
      ...created,
      id: "P40",
      title: "a role the deploy created (Allow *) creates a role carrying the deploy boundary",
      expected: "Allowed",
      action: "iam:CreateRole",
      resource: role(`${PROJECT}-second`),
      context: withBoundary,
    },
    {
      ...created,
      id: "P41",
      title: "a role the deploy created (Allow *) creates a role without a boundary",
      expected: "Denied",
      action: "iam:CreateRole",
      resource: role("administrators"),
    },
    {
      ...created,
      id: "P42",
      title: "a role the deploy created (Allow *) removes its own boundary",
      expected: "Denied",
      action: "iam:DeleteRolePermissionsBoundary",
      resource: role(CREATED_ROLE_NAME),
      context: withBoundary,
    },
    {
      ...created,
      id: "P43",
      title: "a role the deploy created (Allow *) rewrites the deploy role's trust",
      expected: "Denied",
      action: "iam:UpdateAssumeRolePolicy",
      resource: role(DEPLOY_ROLE_NAME),
      context: withBoundary,
    },
    {
      ...created,
      id: "P44",
      title: "a role the deploy created (Allow *) rewrites the deploy boundary",
      expected: "Denied",
      action: "iam:SetDefaultPolicyVersion",
      resource: boundary,
    },
    {
      ...created,
      id: "P45",
      title: "a role the deploy created (Allow *) creates an access key for an existing IAM user",
      expected: "Denied",
      action: "iam:CreateAccessKey",
      resource: `arn:aws:iam::${account}:user/admin`,
    },
    {
      ...created,
      ...adminTrust,
      id: "P46",
      title: "a role the deploy created (Allow *) assumes an administrators' role that trusts the account",
      expected: "Denied",
      action: "sts:AssumeRole",
    },
    {
      ...created,
      id: "P47",
      title: "a role the deploy created (Allow *) passes an administrators' role to Lambda",
      expected: "Denied",
      action: "iam:PassRole",
      resource: role(ADMIN_ROLE_NAME),
      context: { "iam:PassedToService": "lambda.amazonaws.com" },
    },
    {
      ...created,
      id: "P48",
      title: "a role the deploy created (Allow *) widens a role without the deploy boundary",
      expected: "Denied",
      action: "iam:PutRolePolicy",
      resource: role(ADMIN_ROLE_NAME),
    },
    {
      ...created,
      id: "P49",
      title: "a role the deploy created (Allow *) creates an IAM user without a boundary",
      expected: "Denied",
      action: "iam:CreateUser",
      resource: `arn:aws:iam::${account}:user/backdoor`,
    },
    ...stateAdministration(ids, "created-role", 50),
    // The preview role.
    {
      ...preview,
      id: "P60",
      title: "preview reads the stack's checkpoint",
      expected: "Allowed",
      action: "s3:GetObject",
      resource: checkpoint,
      resourcePolicy: "state-bucket",
      context: s3,
    },
    {
      ...preview,
      id: "P61",
      title:
        "preview decrypts with the state key: the stack's data key, hence every secret (a preview cannot run without it)",
      expected: "Allowed",
      action: "kms:Decrypt",
      resource: ids.stateKeyArn,
      resourcePolicy: "state-key",
    },
    {
      ...preview,
      id: "P62",
      title: "preview writes the stack's checkpoint",
      expected: "Denied",
      action: "s3:PutObject",
      resource: checkpoint,
      resourcePolicy: "state-bucket",
      context: s3,
    },
    {
      ...preview,
      id: "P63",
      title: "preview takes a stack lock (a preview needs none)",
      expected: "Denied",
      action: "s3:PutObject",
      resource: lock,
      resourcePolicy: "state-bucket",
      context: s3,
    },
    {
      ...preview,
      id: "P64",
      title: "preview deletes another run's stack lock",
      expected: "Denied",
      action: "s3:DeleteObject",
      resource: lock,
      resourcePolicy: "state-bucket",
      context: s3,
    },
    {
      ...preview,
      id: "P65",
      title: "preview encrypts new secrets with the state key",
      expected: "Denied",
      action: "kms:GenerateDataKey",
      resource: ids.stateKeyArn,
      resourcePolicy: "state-key",
    },
    {
      ...preview,
      id: "P66",
      title: "preview creates a role",
      expected: "Denied",
      action: "iam:CreateRole",
      resource: role(`${PROJECT}-invoke-sapporo`),
      context: withBoundary,
    },
  ];
}

/** Deleting, re-keying, opening or purging the state: denied for `caller`, ids from `first`. */
function stateAdministration(ids: PipelineIds, caller: "deploy" | "created-role", first: number): PipelineScenario[] {
  const who = caller === "deploy" ? "deploy" : "a role the deploy created (Allow *)";
  const requests: [string, string, string, PipelineResourcePolicy][] = [
    ["schedules the deletion of the state key", "kms:ScheduleKeyDeletion", ids.stateKeyArn, "state-key"],
    ["replaces the state key's policy", "kms:PutKeyPolicy", ids.stateKeyArn, "state-key"],
    ["disables the state key", "kms:DisableKey", ids.stateKeyArn, "state-key"],
    ["grants the state key to another principal", "kms:CreateGrant", ids.stateKeyArn, "state-key"],
    ["replaces the state bucket's policy", "s3:PutBucketPolicy", ids.stateBucketArn, "state-bucket"],
    ["deletes the state bucket", "s3:DeleteBucket", ids.stateBucketArn, "state-bucket"],
    ["suspends the state bucket's versioning", "s3:PutBucketVersioning", ids.stateBucketArn, "state-bucket"],
    [
      "purges a version of the state (its history)",
      "s3:DeleteObjectVersion",
      `${ids.stateBucketArn}/.pulumi/stacks/${PROJECT}/operator.json`,
      "state-bucket",
    ],
  ];
  const s3: Record<string, string> = { "aws:SecureTransport": "true", "aws:PrincipalAccount": ids.accountId };
  return requests.map(([what, action, resource, resourcePolicy], index) => ({
    id: `P${first + index}`,
    title: `${who} ${what}`,
    expected: "Denied",
    caller,
    action,
    resource,
    resourcePolicy,
    context: resourcePolicy === "state-bucket" ? s3 : {},
  }));
}

/** The simulator's request for a scenario: the caller's policies, its boundary, the resource's policy. */
export function pipelineRequest(scenario: PipelineScenario, input: PipelineInput): AccessRequest {
  const { ids, documents } = input;
  const caller = {
    deploy: {
      principal: assumedRoleArn(ids.accountId, DEPLOY_ROLE_NAME, "github-actions"),
      identityPolicies: documents.deployPolicies,
      permissionBoundaries: [documents.deployBoundary],
    },
    "created-role": {
      principal: assumedRoleArn(ids.accountId, CREATED_ROLE_NAME, "session"),
      identityPolicies: [EVERYTHING],
      permissionBoundaries: [documents.deployBoundary],
    },
    preview: {
      principal: assumedRoleArn(ids.accountId, PREVIEW_ROLE_NAME, "github-actions"),
      identityPolicies: documents.previewPolicies,
      permissionBoundaries: [],
    },
  }[scenario.caller];
  const resourcePolicy = {
    "state-bucket": documents.stateBucketPolicy,
    "state-key": documents.stateKeyPolicy,
    "trusts-account-root": trustsAccountRoot(ids.accountId),
    none: undefined,
  }[scenario.resourcePolicy ?? "none"];
  return {
    principal: caller.principal,
    action: scenario.action,
    resource: scenario.resource,
    resourceAccountId: scenario.resourceAccountId ?? ids.accountId,
    context: scenario.context,
    identityPolicies: caller.identityPolicies,
    permissionBoundaries: caller.permissionBoundaries,
    ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
  };
}

/** A role trusting its whole account, as many administrators' roles do: IAM alone decides who may assume it. */
function trustsAccountRoot(accountId: string): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" }],
  };
}

export async function evaluatePipeline(input: PipelineInput): Promise<PipelineRow[]> {
  return Promise.all(
    pipelineScenarios(input.ids).map(async (scenario) => {
      const decision = await simulate(pipelineRequest(scenario, input), `${scenario.id} ${scenario.action}`);
      const actual: Verdict = decision.allowed ? "Allowed" : "Denied";
      return {
        id: scenario.id,
        title: scenario.title,
        caller: scenario.caller,
        expected: scenario.expected,
        actual,
        // The simulator calls every resource policy's verdict "trust"; only a role's is one.
        deniedBy: decision.deniedBy.map((layer) =>
          layer === "trust" && scenario.resourcePolicy?.startsWith("state-") ? "resource" : layer,
        ),
        pass: actual === scenario.expected,
      };
    }),
  );
}

/** A Markdown table of the rows, for docs/pipeline.md. */
export function formatPipeline(rows: readonly PipelineRow[]): string {
  return [
    "| id | scenario | expected | actual | denied by |",
    "|---|---|---|---|---|",
    ...rows.map(
      (row) =>
        `| ${row.id} | ${row.title} | ${row.expected} | ${row.pass ? "" : "**MISMATCH** "}${row.actual} | ${row.deniedBy.join(", ")} |`,
    ),
  ].join("\n");
}

/** The account the table in docs/pipeline.md is evaluated for; the verdicts do not depend on it. */
export const PIPELINE_EXAMPLE = { accountId: "111111111111", region: "ap-northeast-1" } as const;

/** Runs the bootstrap program under mocks for one account, with its default managed policies. */
export async function collectPipelineInput(
  accountId: string = PIPELINE_EXAMPLE.accountId,
  region: string = PIPELINE_EXAMPLE.region,
): Promise<PipelineInput> {
  const run = await runProgram({
    stack: "operator",
    accountId,
    config: {
      "aws:region": region,
      "bedrock-lz-bootstrap:account": "operator",
      "bedrock-lz-bootstrap:accountId": accountId,
      "bedrock-lz-bootstrap:repository": "example-org/bedrock-lz",
      // The provider's ARN then is the real one, as the boundary names it.
      "bedrock-lz-bootstrap:createOidcProvider": "false",
    },
    program: () => bootstrapStack(readBootstrapConfig()),
  });
  return pipelineInputOf(run, accountId, region);
}

/** The docs that print the table: docs/pipeline.md and its Japanese twin (scenario titles stay English). */
export const PIPELINE_DOCS = [
  join(__dirname, "..", "docs", "pipeline.md"),
  join(__dirname, "..", "docs", "pipeline.ja.md"),
] as const;
const BEGIN = "<!-- pipeline-access:begin (node --require tsx/cjs access/pipeline.ts --write-docs) -->";
const END = "<!-- pipeline-access:end -->";

/** The table between the markers of a pipeline doc. */
export function pipelineTableOf(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the pipeline doc has no ${BEGIN} ... ${END} section`);
  return doc.slice(start + BEGIN.length, end).trim();
}

function withPipelineTable(doc: string, table: string): string {
  pipelineTableOf(doc);
  return `${doc.slice(0, doc.indexOf(BEGIN) + BEGIN.length)}\n${table}\n${doc.slice(doc.indexOf(END))}`;
}

const USAGE = `usage: node --require tsx/cjs access/pipeline.ts [--write-docs]

  --write-docs   also rewrite the pipeline table in docs/pipeline.md and docs/pipeline.ja.md
  --help         this text

exit: 0 every verdict as expected, 1 a verdict differs, 2 bad arguments or the program failed`;

async function main(argv: readonly string[]): Promise<number> {
  const values = parseCommandLine(argv, { "write-docs": { type: "boolean", default: false } });
  const rows = await evaluatePipeline(await collectPipelineInput());
  const table = formatPipeline(rows);
  console.log(table);
  const failed = rows.filter((row) => !row.pass);
  console.log(`\n${rows.length} scenarios, ${failed.length} mismatches`);
  if (values["write-docs"]) {
    for (const doc of PIPELINE_DOCS) {
      writeFileSync(doc, withPipelineTable(readFileSync(doc, "utf8"), table));
      console.log(`updated ${doc}`);
    }
  }
  return failed.length === 0 ? 0 : 1;
}

if (require.main === module) {
  runCommand("pipeline", USAGE, () => main(process.argv.slice(2))).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
