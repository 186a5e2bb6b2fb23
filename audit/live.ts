/**
 * Reads what is deployed, through the AWS SDK v3 with the caller's credentials, and nothing
 * else: every operation is a Get, List or Describe, listed in {@link AUDIT_OPERATIONS} with the
 * IAM action it needs (the audit role's policy in bootstrap/github-oidc.ts grants exactly those).
 * Lists are read through the SDK's paginators; throttling is retried by the SDK's adaptive
 * retry mode, which also slows the client down when AWS says so.
 */
import {
  BedrockClient,
  GetGuardrailCommand,
  GetModelInvocationLoggingConfigurationCommand,
  type GuardrailSummary,
  ListGuardrailsCommand,
  type LoggingConfig,
  paginateListGuardrails,
} from "@aws-sdk/client-bedrock";
import {
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Filter,
  type RouteTable,
  type VpcEndpoint,
  paginateDescribeRouteTables,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
} from "@aws-sdk/client-ec2";
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  NoSuchEntityException,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoles,
} from "@aws-sdk/client-iam";
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
  type PolicySummary,
  paginateListPoliciesForTarget,
} from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { type PolicyDoc, parseLiveDocument } from "./documents";

/** Every SDK command the audit may send, with the IAM action that authorises it. */
export const AUDIT_OPERATIONS: Readonly<Record<string, string>> = {
  [GetCallerIdentityCommand.name]: "sts:GetCallerIdentity",
  [GetRoleCommand.name]: "iam:GetRole",
  [ListRolesCommand.name]: "iam:ListRoles",
  [ListRolePoliciesCommand.name]: "iam:ListRolePolicies",
  [GetRolePolicyCommand.name]: "iam:GetRolePolicy",
  [ListAttachedRolePoliciesCommand.name]: "iam:ListAttachedRolePolicies",
  [GetPolicyCommand.name]: "iam:GetPolicy",
  [GetPolicyVersionCommand.name]: "iam:GetPolicyVersion",
  [DescribeVpcsCommand.name]: "ec2:DescribeVpcs",
  [DescribeVpcEndpointsCommand.name]: "ec2:DescribeVpcEndpoints",
  [DescribeRouteTablesCommand.name]: "ec2:DescribeRouteTables",
  [GetModelInvocationLoggingConfigurationCommand.name]: "bedrock:GetModelInvocationLoggingConfiguration",
  [GetGuardrailCommand.name]: "bedrock:GetGuardrail",
  [ListGuardrailsCommand.name]: "bedrock:ListGuardrails",
  [DescribeOrganizationCommand.name]: "organizations:DescribeOrganization",
  [ListPoliciesForTargetCommand.name]: "organizations:ListPoliciesForTarget",
  [DescribePolicyCommand.name]: "organizations:DescribePolicy",
};

/** Adaptive retry backs off and rate-limits on ThrottlingException; 10 attempts ride out bursts. */
export const RETRY_SETTINGS = { retryMode: "adaptive", maxAttempts: 10 } as const;

/** The caller lacks a permission: the audit names the action instead of reporting drift. */
export class MissingPermissionError extends Error {
  constructor(
    readonly action: string,
    cause: unknown,
  ) {
    super(`access denied for ${action}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = "MissingPermissionError";
  }
}

const DENIED = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AccessDeniedForDependency"]);

export interface AwsClients {
  readonly sts: STSClient;
  readonly iam: IAMClient;
  readonly ec2: EC2Client;
  readonly bedrock: BedrockClient;
  readonly organizations: OrganizationsClient;
}

export function awsClients(region: string): AwsClients {
  const settings = { region, ...RETRY_SETTINGS };
  return {
    sts: new STSClient(settings),
    // IAM and Organizations are global; their SDK clients still want a region for signing.
    iam: new IAMClient(settings),
    ec2: new EC2Client(settings),
    bedrock: new BedrockClient(settings),
    organizations: new OrganizationsClient({ ...settings, region: "us-east-1" }),
  };
}

/** Runs one read, turning AccessDenied into {@link MissingPermissionError} for the command's action. */
async function read<T>(command: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const name = (error as { name?: string })?.name ?? "";
    if (DENIED.has(name)) throw new MissingPermissionError(AUDIT_OPERATIONS[command] ?? command, error);
    throw error;
  }
}

async function collect<T>(command: string, pages: AsyncIterable<T>): Promise<T[]> {
  return read(command, async () => {
    const all: T[] = [];
    for await (const page of pages) all.push(page);
    return all;
  });
}

export interface LiveRole {
  readonly roleName: string;
  readonly trust: PolicyDoc;
  readonly inlinePolicies: Readonly<Record<string, PolicyDoc>>;
  readonly attachedPolicyArns: readonly string[];
  readonly permissionsBoundary?: { readonly arn: string; readonly document: PolicyDoc };
}

export async function callerAccount(clients: AwsClients): Promise<string> {
  const identity = await read(GetCallerIdentityCommand.name, () => clients.sts.send(new GetCallerIdentityCommand({})));
  return identity.Account ?? "";
}

/** Role names starting with `prefix`; ListRoles cannot filter by name, so every page is read. */
export async function listRoleNames(clients: AwsClients, prefix: string): Promise<string[]> {
  const pages = await collect(ListRolesCommand.name, paginateListRoles({ client: clients.iam }, {}));
  return pages
    .flatMap((page) => page.Roles ?? [])
    .map((role) => role.RoleName ?? "")
    .filter((name) => name.startsWith(prefix));
}

async function managedPolicyDocument(clients: AwsClients, arn: string): Promise<PolicyDoc> {
  const policy = await read(GetPolicyCommand.name, () => clients.iam.send(new GetPolicyCommand({ PolicyArn: arn })));
  const version = await read(GetPolicyVersionCommand.name, () =>
    clients.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy?.DefaultVersionId })),
  );
  return parseLiveDocument(version.PolicyVersion?.Document ?? '{"Statement":[]}');
}

/** The role as deployed, or undefined when it does not exist. */
export async function readRole(clients: AwsClients, roleName: string): Promise<LiveRole | undefined> {
  let role;
  try {
    role = await read(GetRoleCommand.name, () => clients.iam.send(new GetRoleCommand({ RoleName: roleName })));
  } catch (error) {
    if (error instanceof NoSuchEntityException || (error as Error)?.name === "NoSuchEntityException") return undefined;
    throw error;
  }
  const policyPages = await collect(
    ListRolePoliciesCommand.name,
    paginateListRolePolicies({ client: clients.iam }, { RoleName: roleName }),
  );
  const inlinePolicies: Record<string, PolicyDoc> = {};
  for (const policyName of policyPages.flatMap((page) => page.PolicyNames ?? [])) {
    const policy = await read(GetRolePolicyCommand.name, () =>
      clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
    );
    inlinePolicies[policyName] = parseLiveDocument(policy.PolicyDocument ?? '{"Statement":[]}');
  }
  const attachedPages = await collect(
    ListAttachedRolePoliciesCommand.name,
    paginateListAttachedRolePolicies({ client: clients.iam }, { RoleName: roleName }),
  );
  const boundaryArn = role.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
  return {
    roleName,
    trust: parseLiveDocument(role.Role?.AssumeRolePolicyDocument ?? '{"Statement":[]}'),
    inlinePolicies,
    attachedPolicyArns: attachedPages.flatMap((page) => page.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? ""),
    permissionsBoundary:
      boundaryArn === undefined
        ? undefined
        : { arn: boundaryArn, document: await managedPolicyDocument(clients, boundaryArn) },
  };
}

export async function findVpcs(clients: AwsClients, filters: Filter[]): Promise<string[]> {
  const pages = await collect(
    DescribeVpcsCommand.name,
    paginateDescribeVpcs({ client: clients.ec2 }, { Filters: filters }),
  );
  return pages.flatMap((page) => page.Vpcs ?? []).map((vpc) => vpc.VpcId ?? "");
}

/**
 * Whether an endpoint still serves: a deleted, rejected or failed one stays listed for a while.
 * EC2 sends the states in lower camel case (`available`, `deleted`), whatever case the SDK's
 * enumeration uses (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpoints.html,
 * filter vpc-endpoint-state), so they are compared without case.
 */
export function endpointInService(state: string | undefined): boolean {
  return !["deleting", "deleted", "rejected", "failed", "expired"].includes((state ?? "").toLowerCase());
}

/** The VPC's endpoints that still serve. */
export async function vpcEndpoints(clients: AwsClients, vpcId: string): Promise<VpcEndpoint[]> {
  const pages = await collect(
    DescribeVpcEndpointsCommand.name,
    paginateDescribeVpcEndpoints({ client: clients.ec2 }, { Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
  );
  return pages.flatMap((page) => page.VpcEndpoints ?? []).filter((endpoint) => endpointInService(endpoint.State));
}

export async function routeTables(clients: AwsClients, vpcId: string): Promise<RouteTable[]> {
  const pages = await collect(
    DescribeRouteTablesCommand.name,
    paginateDescribeRouteTables({ client: clients.ec2 }, { Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
  );
  return pages.flatMap((page) => page.RouteTables ?? []);
}

export async function invocationLogging(clients: AwsClients): Promise<LoggingConfig | undefined> {
  const response = await read(GetModelInvocationLoggingConfigurationCommand.name, () =>
    clients.bedrock.send(new GetModelInvocationLoggingConfigurationCommand({})),
  );
  return response.loggingConfig;
}

export async function listGuardrails(clients: AwsClients, identifier?: string): Promise<GuardrailSummary[]> {
  const pages = await collect(
    ListGuardrailsCommand.name,
    paginateListGuardrails(
      { client: clients.bedrock },
      identifier === undefined ? {} : { guardrailIdentifier: identifier },
    ),
  );
  return pages.flatMap((page) => page.guardrails ?? []);
}

export async function guardrailStatus(
  clients: AwsClients,
  identifier: string,
  version: string,
): Promise<string | undefined> {
  try {
    const guardrail = await read(GetGuardrailCommand.name, () =>
      clients.bedrock.send(new GetGuardrailCommand({ guardrailIdentifier: identifier, guardrailVersion: version })),
    );
    return guardrail.status;
  } catch (error) {
    if ((error as Error)?.name === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/** The organization the audited account is in. */
export interface Organization {
  readonly id: string;
  readonly managementAccountId: string;
}

/** The account's organization; undefined when the account is in none (Organizations says so to any account). */
export async function organizationOf(clients: AwsClients): Promise<Organization | undefined> {
  try {
    const { Organization: organization } = await read(DescribeOrganizationCommand.name, () =>
      clients.organizations.send(new DescribeOrganizationCommand({})),
    );
    return { id: organization?.Id ?? "", managementAccountId: organization?.MasterAccountId ?? "" };
  } catch (error) {
    if ((error as Error)?.name === "AWSOrganizationsNotInUseException") return undefined;
    throw error;
  }
}

/**
 * The SCPs attached to a target (FullAWSAccess among them, attached by default), with the content
 * of those named in `describe`: the audit compares only the program's own, so AWS-managed
 * policies are listed, never described.
 */
export async function scpsOfTarget(
  clients: AwsClients,
  targetId: string,
  describe: ReadonlySet<string>,
): Promise<{ readonly attached: readonly PolicySummary[]; readonly contents: Map<string, PolicyDoc> }> {
  const pages = await collect(
    ListPoliciesForTargetCommand.name,
    paginateListPoliciesForTarget(
      { client: clients.organizations },
      { TargetId: targetId, Filter: "SERVICE_CONTROL_POLICY" },
    ),
  );
  const attached = pages.flatMap((page) => page.Policies ?? []);
  const contents = new Map<string, PolicyDoc>();
  for (const summary of attached) {
    if (summary.AwsManaged === true || !describe.has(summary.Name ?? "")) continue;
    const policy = await read(DescribePolicyCommand.name, () =>
      clients.organizations.send(new DescribePolicyCommand({ PolicyId: summary.Id })),
    );
    contents.set(summary.Name ?? "", parseLiveDocument(policy.Policy?.Content ?? '{"Statement":[]}'));
  }
  return { attached, contents };
}
