/**
 * A fake AWS account for the audit specs, served through aws-sdk-client-mock, that answers as AWS
 * does: it holds what a clean deployment of the real program's plan leaves, with every value AWS
 * assigns (ids, ARNs) in AWS's own formats rather than the mock engine's stand-ins; IAM documents
 * URL-encoded; every list one item per page; the calls authorised against the audit role's read
 * policy (bootstrap/github-oidc.ts), so a call outside it is AccessDenied as it would be; AWS
 * Organizations with FullAWSAccess attached to every target and its policies readable only from
 * the management account or a delegated administrator. Around the stack it puts what a real
 * account has besides: the default VPC with its internet route, a main route table, and in an
 * existing VPC the other workloads' route table and endpoint.
 */
import { createHash } from "node:crypto";
import { mockClient } from "aws-sdk-client-mock";
import {
  BedrockClient,
  GetGuardrailCommand,
  GetModelInvocationLoggingConfigurationCommand,
  ListGuardrailsCommand,
  type LoggingConfig,
} from "@aws-sdk/client-bedrock";
import {
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Filter,
  type RouteTable,
  type State,
  type Tag,
  type Vpc,
  type VpcEndpoint,
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
} from "@aws-sdk/client-iam";
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { FAKE_EXISTING_VPC_CIDR, assignedValues, fakeId } from "../../harness/mock-engine";
import { auditRoleReadPolicy } from "../../bootstrap/github-oidc";
import { AUDIT_OPERATIONS } from "../../audit/live";
import type { AuditPlan, PlannedStack } from "../../audit/program";
import { type Bindings, type PolicyDoc, substitute } from "../../audit/documents";
import { type EndpointKey, endpointServiceName } from "../../infra/endpoints";
import { defaultTags } from "../../infra/naming";
import type { PolicyDocument } from "../../infra/iam/document";

export interface FakeRole {
  trust: PolicyDoc;
  inline: Record<string, PolicyDoc>;
  attached: string[];
  boundaryArn?: string;
}

export interface FakeGuardrail {
  id: string;
  name: string;
  arn: string;
  /** `DRAFT` and the published versions, with their status. */
  versions: { version: string; status: string }[];
}

/** An SCP as Organizations keeps it. */
export interface FakeScp {
  Id: string;
  Arn: string;
  Name: string;
  AwsManaged: boolean;
  Content: string;
}

export interface FakeOrganization {
  id: string;
  managementAccountId: string;
  rootId: string;
  /** The audited account may read the organization's policies (a delegated administrator). */
  delegatedAdministrator: boolean;
}

export interface FakeAccount {
  accountId: string;
  region: string;
  roles: Map<string, FakeRole>;
  /** Other roles in the account (not the stack's). */
  otherRoleNames: string[];
  managedPolicies: Map<string, PolicyDoc>;
  vpcs: Vpc[];
  endpoints: VpcEndpoint[];
  routeTables: RouteTable[];
  logging?: LoggingConfig;
  guardrails: FakeGuardrail[];
  organization?: FakeOrganization;
  /** Every SCP of the organization by id. */
  policies: Map<string, FakeScp>;
  /** The SCP ids attached to each target (account id, OU id, root id). */
  attachments: Map<string, string[]>;
}

/** The organization the fake accounts are in, when the stack file names no management role. */
export const FAKE_ORGANIZATION_ID = "o-a1b2c3d4e5";
export const FAKE_MANAGEMENT_ACCOUNT_ID = "999999999999";
export const FULL_AWS_ACCESS: FakeScp = {
  Id: "p-FullAWSAccess",
  Arn: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
  Name: "FullAWSAccess",
  AwsManaged: true,
  Content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
};
/** What EC2 sends for a working endpoint: lower case, not the SDK enumeration's `Available`. */
const AVAILABLE = "available" as State;
/** AWS's default endpoint policy, on an endpoint whose policy nobody set. */
export const DEFAULT_ENDPOINT_POLICY = { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] };

/** A stable stand-in for something AWS generates: `length` characters of `alphabet`, from `seed`. */
function generated(seed: string, alphabet: string, length: number): string {
  const bytes = createHash("sha256").update(seed).digest();
  return Array.from({ length }, (_, i) => alphabet[bytes[i % bytes.length] % alphabet.length]).join("");
}
const HEX = "0123456789abcdef";
const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A resource id in EC2's format: the prefix and 17 hexadecimal digits. */
function ec2Id(prefix: string, seed: string): string {
  return `${prefix}-0${generated(seed, HEX, 16)}`;
}

function uuid(seed: string): string {
  const hex = generated(seed, HEX, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * What AWS would have assigned in place of each value the mock engine invented, in AWS's formats:
 * EC2 ids, KMS key UUIDs, Bedrock's 12-character guardrail and application-profile ids, and an
 * ARN of the service's form for a type the engine gives a stand-in ARN. Derived from the plan's
 * resources and the engine's own list (harness/mock-engine.ts `assignedValues`), not from what
 * the audit registers, so a value the audit fails to treat as deploy-time is drift here as it
 * would be on AWS. Stable per value, so the fakes of two accounts agree on a shared one.
 */
export function deployedValues(planned: readonly PlannedStack[]): Bindings {
  const values: [string, string][] = [];
  for (const { stack, accountId, region, resources } of planned) {
    for (const { type, name, inputs } of resources) {
      for (const value of assignedValues(type, name, stack)) {
        const seed = `${stack}/${value}`;
        let live: string;
        if (value === fakeId(type, name, stack)) live = ec2Id(value.slice(0, value.indexOf("-")), seed);
        else if (type === "aws:kms/key:Key") live = uuid(seed);
        else if (type.startsWith("aws:bedrock/")) live = generated(seed, LOWER, 12);
        else {
          // aws:<module>/<resource>:<Type> → arn:aws:<service>:<region>:<account>:<resource>/<name>
          const [, module, resourceType] = /^aws:([a-z0-9]+)\/(\w+):/.exec(type) ?? ["", "mock", "resource"];
          const physical = String(inputs.name ?? name);
          live =
            module === "iam"
              ? `arn:aws:iam::${accountId}:${resourceType.toLowerCase()}/${physical}`
              : `arn:aws:${module}:${region}:${accountId}:${resourceType.toLowerCase()}/${physical}`;
        }
        values.push([value, live]);
      }
    }
  }
  // A value another stack file gives (an endpoint id, a profile ARN handed over by hand) is the real one.
  for (const { given } of planned) values.push(...given);
  // Longest first, so a value inside a longer one is never replaced on its own; the given ones last win.
  const byValue = new Map(values);
  return new Map([...byValue].sort(([a], [b]) => b.length - a.length));
}

const plannedOf = (plan: AuditPlan) => plan.planned.find((stack) => stack.stack === plan.declared.stack)!;

function tagList(tags: Readonly<Record<string, string>>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** The account as a clean deployment of the plan leaves it. */
export function cleanAccount(plan: AuditPlan): { account: FakeAccount; liveIds: Bindings } {
  const declared = plan.declared;
  const own = plannedOf(plan);
  const { accountId, region } = declared;
  const liveIds = deployedValues(plan.planned);
  const live = <T>(value: T) => substitute(value, liveIds);
  const stackTags = defaultTags(
    declared.account,
    declared.stack,
    (own.config.tags as Record<string, string> | undefined) ?? {},
  );
  const ofType = (type: string) => own.resources.filter((resource) => resource.type === type);

  // The network: the VPC the stack created (tagged by the provider), or the existing one it names
  // (the user's, with another workload in it); the account's default VPC beside it either way.
  const network: Pick<FakeAccount, "vpcs" | "endpoints" | "routeTables"> = { vpcs: [], endpoints: [], routeTables: [] };
  if (declared.endpoints.length > 0) {
    const existing = own.config.existingVpc as
      { vpcId: string; routeTableIds: string[]; endpoints: Record<string, { existingEndpointId: string }> } | undefined;
    const [createdVpc] = ofType("aws:ec2/vpc:Vpc");
    const vpcId = existing?.vpcId ?? live(fakeId(createdVpc.type, createdVpc.name, declared.stack));
    const cidr = existing === undefined ? String(createdVpc.inputs.cidrBlock) : FAKE_EXISTING_VPC_CIDR;
    network.vpcs.push({
      VpcId: vpcId,
      CidrBlock: cidr,
      State: "available",
      OwnerId: accountId,
      Tags: existing === undefined ? tagList({ ...stackTags, ...(createdVpc.inputs.tags as object) }) : [],
    });
    const tableIds =
      existing?.routeTableIds ??
      ofType("aws:ec2/routeTable:RouteTable").map((table) => live(fakeId(table.type, table.name, declared.stack)));
    const gateway = declared.endpoints.find((endpoint) => endpoint.type === "Gateway");
    const gatewayId = gateway?.referencedId ?? (gateway?.planId && live(gateway.planId));
    const local = {
      DestinationCidrBlock: cidr,
      GatewayId: "local",
      Origin: "CreateRouteTable",
      State: "active",
    } as const;
    network.routeTables.push(
      // The main route table AWS creates with every VPC; in an existing VPC, another workload's.
      { RouteTableId: ec2Id("rtb", `${vpcId}/main`), VpcId: vpcId, Routes: [local] },
      ...tableIds.map((RouteTableId) => ({
        RouteTableId,
        VpcId: vpcId,
        Routes: [
          local,
          // A gateway endpoint's route targets the endpoint, not the internet.
          ...(gatewayId
            ? [{ DestinationPrefixListId: "pl-61a54008", GatewayId: gatewayId, Origin: "CreateRoute" } as const]
            : []),
        ],
      })),
    );
    for (const endpoint of declared.endpoints) {
      const referenced = endpoint.referencedId !== undefined;
      network.endpoints.push({
        VpcEndpointId: endpoint.referencedId ?? live(endpoint.planId!),
        VpcId: vpcId,
        ServiceName: endpoint.serviceName,
        VpcEndpointType: endpoint.type,
        State: AVAILABLE,
        // A referenced endpoint whose policy the stack leaves alone has whatever it had: here AWS's default.
        PolicyDocument: JSON.stringify(endpoint.policy === undefined ? DEFAULT_ENDPOINT_POLICY : live(endpoint.policy)),
        PrivateDnsEnabled: endpoint.type === "Interface" && (endpoint.privateDnsEnabled ?? true),
        OwnerId: accountId,
        Tags: referenced ? [] : tagList({ ...stackTags, Name: `endpoints-${endpoint.key}` }),
      });
    }
    if (existing !== undefined) {
      // Another workload's endpoint in the shared VPC, for a service the stack does not use.
      network.endpoints.push({
        VpcEndpointId: ec2Id("vpce", `${vpcId}/logs`),
        VpcId: vpcId,
        ServiceName: `com.amazonaws.${region}.logs`,
        VpcEndpointType: "Interface",
        State: AVAILABLE,
        PolicyDocument: JSON.stringify(DEFAULT_ENDPOINT_POLICY),
        PrivateDnsEnabled: true,
        OwnerId: accountId,
        Tags: [{ Key: "Name", Value: "shared-logs" }],
      });
    }
  }
  // The default VPC of the region: open to the internet, and none of the stack's business.
  const defaultVpc = ec2Id("vpc", `${accountId}/default`);
  network.vpcs.push({ VpcId: defaultVpc, CidrBlock: "172.31.0.0/16", IsDefault: true, State: "available" });
  network.routeTables.push({
    RouteTableId: ec2Id("rtb", `${defaultVpc}/main`),
    VpcId: defaultVpc,
    Routes: [
      { DestinationCidrBlock: "172.31.0.0/16", GatewayId: "local" },
      { DestinationCidrBlock: "0.0.0.0/0", GatewayId: ec2Id("igw", defaultVpc) },
    ],
  });

  const guardrails: FakeGuardrail[] = ofType("aws:bedrock/guardrail:Guardrail").map((guardrail) => {
    const id = live(assignedValues(guardrail.type, guardrail.name, declared.stack)[0]);
    const versions = ofType("aws:bedrock/guardrailVersion:GuardrailVersion").length;
    return {
      id,
      name: String(guardrail.inputs.name),
      arn: `arn:aws:bedrock:${region}:${accountId}:guardrail/${id}`,
      versions: [
        { version: "DRAFT", status: "READY" },
        ...Array.from({ length: versions }, (_, i) => ({ version: String(i + 1), status: "READY" })),
      ],
    };
  });

  // AWS Organizations: the account is a member; FullAWSAccess is on every target by default.
  const organizations = own.config.organizations as { managementRoleArn?: string } | null | undefined;
  const organization: FakeOrganization = {
    id: FAKE_ORGANIZATION_ID,
    managementAccountId: organizations?.managementRoleArn?.split(":")[4] ?? FAKE_MANAGEMENT_ACCOUNT_ID,
    rootId: "r-a1b2",
    delegatedAdministrator: true,
  };
  const policies = new Map([[FULL_AWS_ACCESS.Id, FULL_AWS_ACCESS]]);
  const attachments = new Map<string, string[]>([[organization.rootId, [FULL_AWS_ACCESS.Id]]]);
  const attach = (target: string, id: string) =>
    attachments.set(target, [...(attachments.get(target) ?? [FULL_AWS_ACCESS.Id]), id]);
  attachments.set(accountId, [FULL_AWS_ACCESS.Id]);
  for (const scp of declared.scps) {
    const id = `p-${generated(`${organization.id}/${scp.name}`, LOWER, 10)}`;
    policies.set(id, {
      Id: id,
      Arn: `arn:aws:organizations::${organization.managementAccountId}:policy/${organization.id}/service_control_policy/${id}`,
      Name: scp.name,
      AwsManaged: false,
      Content: JSON.stringify(live(scp.content)),
    });
    for (const target of scp.targetIds.length > 0 ? scp.targetIds : [accountId]) attach(target, id);
  }

  const account: FakeAccount = {
    accountId,
    region,
    roles: new Map(
      declared.roles.map((role) => [
        role.roleName,
        {
          trust: live(role.trust),
          inline: live({ ...role.inlinePolicies }),
          attached: [],
          boundaryArn: role.permissionsBoundary
            ? `arn:aws:iam::${accountId}:policy/${role.permissionsBoundary.policyName}`
            : undefined,
        },
      ]),
    ),
    otherRoleNames: ["OrganizationAccountAccessRole", "AWSServiceRoleForSupport"],
    managedPolicies: new Map(
      declared.roles.flatMap((role) =>
        role.permissionsBoundary
          ? [
              [
                `arn:aws:iam::${accountId}:policy/${role.permissionsBoundary.policyName}`,
                // A boundary another stack owns has a document this stack does not declare.
                live(role.permissionsBoundary.document ?? { Version: "2012-10-17", Statement: [] }),
              ] as const,
            ]
          : [],
      ),
    ),
    ...network,
    logging:
      declared.logging === undefined
        ? undefined
        : live({
            textDataDeliveryEnabled: declared.logging.textDataDeliveryEnabled,
            imageDataDeliveryEnabled: declared.logging.imageDataDeliveryEnabled,
            embeddingDataDeliveryEnabled: declared.logging.embeddingDataDeliveryEnabled,
            cloudWatchConfig: {
              logGroupName: declared.logging.logGroupName,
              roleArn: declared.logging.cloudWatchRoleArn,
            },
            s3Config: { bucketName: declared.logging.bucketName!, keyPrefix: declared.logging.keyPrefix },
          }),
    guardrails,
    organization,
    policies,
    attachments,
  };
  return { account, liveIds };
}

/** The stack's own endpoint for `key`, as the fake holds it. */
export function endpointOf(account: FakeAccount, key: EndpointKey): VpcEndpoint {
  const serviceName = endpointServiceName(account.region, key);
  const endpoint = account.endpoints.find(
    (candidate) => candidate.ServiceName === serviceName && candidate.VpcId !== undefined,
  );
  if (endpoint === undefined) throw new Error(`the fake account has no ${key} endpoint`);
  return endpoint;
}

/** The route tables of the stack's VPC (not the default VPC's). */
export function stackRouteTables(account: FakeAccount): RouteTable[] {
  const vpc = account.vpcs.find((candidate) => !candidate.IsDefault);
  return account.routeTables.filter((table) => table.VpcId === vpc?.VpcId);
}

const encoded = (document: PolicyDoc) => encodeURIComponent(JSON.stringify(document));

/** One item per page: IAM pages with Marker/IsTruncated, the others with NextToken. */
function iamPage<T>(items: readonly T[], marker: string | undefined) {
  const index = marker === undefined ? 0 : Number(marker);
  return {
    items: items.slice(index, index + 1),
    IsTruncated: index + 1 < items.length,
    Marker: index + 1 < items.length ? String(index + 1) : undefined,
  };
}
function tokenPage<T>(items: readonly T[], token: string | undefined) {
  const index = token === undefined ? 0 : Number(token);
  return { items: items.slice(index, index + 1), next: index + 1 < items.length ? String(index + 1) : undefined };
}

/** EC2's filters: every filter must match, any of its values. */
function filtered<T>(
  items: readonly T[],
  filters: readonly Filter[] | undefined,
  field: (item: T, name: string) => string | undefined,
): T[] {
  return items.filter((item) =>
    (filters ?? []).every((filter) => (filter.Values ?? []).includes(field(item, filter.Name ?? "") ?? "")),
  );
}
const tagValue = (tags: readonly Tag[] | undefined, key: string) => tags?.find((tag) => tag.Key === key)?.Value;

/** IAM's wildcards in one ARN segment (or the resource part): `*` any run, `?` one character. */
function segmentMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(value);
}

/** An ARN against a policy's Resource: segment by segment, so a wildcard never spans a colon. */
function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === "*") return true;
  const split = (arn: string) => {
    const parts = arn.split(":");
    return [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  const [p, r] = [split(pattern), split(resource)];
  return p.length === r.length && p.every((segment, i) => segmentMatches(segment, r[i]));
}

/** Whether an identity policy of plain Allow statements (the audit role's) allows `action` on `resource`. */
export function policyAllows(policy: PolicyDocument, action: string, resource: string): boolean {
  return policy.Statement.some(
    (statement) =>
      statement.Effect === "Allow" &&
      [statement.Action ?? []].flat().some((pattern) => segmentMatches(pattern.toLowerCase(), action.toLowerCase())) &&
      [statement.Resource ?? []].flat().some((pattern) => resourceMatches(pattern, resource)),
  );
}

/** The error each service answers a refusal with. */
function accessDenied(service: string, message: string): Error {
  const name =
    service === "iam" ? "AccessDenied" : service === "ec2" ? "UnauthorizedOperation" : "AccessDeniedException";
  return Object.assign(new Error(message), { name });
}

export interface Installed {
  /** Every command name the audit sent, in order. */
  sent(): string[];
  restore(): void;
}

export interface ServeOptions {
  /** Command names answered with AccessDenied whatever the policy says. */
  readonly deny?: readonly string[];
  /** The audit role's policy the calls are authorised against (default: bootstrap/github-oidc.ts's). */
  readonly policy?: PolicyDocument;
}

/** Serves `account` to every SDK client of the audit. */
export function serve(account: FakeAccount, options: ServeOptions = {}): Installed {
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);
  const ec2 = mockClient(EC2Client);
  const bedrock = mockClient(BedrockClient);
  const organizations = mockClient(OrganizationsClient);
  const policy = options.policy ?? auditRoleReadPolicy(account.accountId, account.region);
  const org = account.organization;
  const guardrailArn = (id: string) => account.guardrails.find((g) => g.id === id || g.arn === id)?.arn ?? id;
  const targetArn = (target: string) =>
    `arn:aws:organizations::${org?.managementAccountId}:` +
    (target.startsWith("ou-")
      ? `ou/${org?.id}/${target}`
      : target.startsWith("r-")
        ? `root/${org?.id}/${target}`
        : `account/${org?.id}/${target}`);

  /** Answers `name` when the audit role's policy allows it on the resource `resourceOf` names. */
  const guard =
    <I, O>(name: string, resourceOf: (input: I) => string, answer: (input: I) => O) =>
    (input: I): O => {
      const action = AUDIT_OPERATIONS[name];
      const service = action.split(":")[0];
      const resource = resourceOf(input);
      if (options.deny?.includes(name)) throw accessDenied(service, `User is not authorized to perform: ${action}`);
      if (action !== "sts:GetCallerIdentity" && !policyAllows(policy, action, resource)) {
        throw accessDenied(
          service,
          `User: arn:aws:sts::${account.accountId}:assumed-role/github-actions-bedrock-lz-audit/audit is not ` +
            `authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
        );
      }
      return answer(input);
    };
  const any = () => "*";
  const roleArn = (input: { RoleName: string }) => `arn:aws:iam::${account.accountId}:role/${input.RoleName}`;
  /** Organizations' own gate, after IAM's: policies are readable from the management account or a delegated administrator. */
  const inOrganization = () => {
    if (org === undefined) {
      throw Object.assign(new Error("Your account is not a member of an organization."), {
        name: "AWSOrganizationsNotInUseException",
      });
    }
    if (account.accountId !== org.managementAccountId && !org.delegatedAdministrator) {
      throw accessDenied("organizations", "You don't have permissions to access this resource.");
    }
  };

  sts
    .on(GetCallerIdentityCommand)
    .callsFake(guard("GetCallerIdentityCommand", any, () => ({ Account: account.accountId })));
  iam.on(GetRoleCommand).callsFake(
    guard("GetRoleCommand", roleArn, (input: { RoleName: string }) => {
      const role = account.roles.get(input.RoleName);
      if (role === undefined) throw new NoSuchEntityException({ message: "no such role", $metadata: {} });
      return {
        Role: {
          RoleName: input.RoleName,
          Arn: roleArn(input),
          Path: "/",
          RoleId: `AROA${generated(input.RoleName, UPPER, 17)}`,
          CreateDate: new Date(0),
          AssumeRolePolicyDocument: encoded(role.trust),
          PermissionsBoundary: role.boundaryArn
            ? { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: role.boundaryArn }
            : undefined,
        },
      };
    }),
  );
  iam.on(ListRolesCommand).callsFake(
    guard("ListRolesCommand", any, (input: { Marker?: string }) => {
      const names = [...account.otherRoleNames, ...account.roles.keys()];
      const page = iamPage(names, input.Marker);
      return {
        Roles: page.items.map((RoleName) => ({ RoleName })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    }),
  );
  iam.on(ListRolePoliciesCommand).callsFake(
    guard("ListRolePoliciesCommand", roleArn, (input: { RoleName: string; Marker?: string }) => {
      const page = iamPage(Object.keys(account.roles.get(input.RoleName)?.inline ?? {}), input.Marker);
      return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    }),
  );
  iam.on(GetRolePolicyCommand).callsFake(
    guard("GetRolePolicyCommand", roleArn, (input: { RoleName: string; PolicyName: string }) => ({
      RoleName: input.RoleName,
      PolicyName: input.PolicyName,
      PolicyDocument: encoded(account.roles.get(input.RoleName)!.inline[input.PolicyName]),
    })),
  );
  iam.on(ListAttachedRolePoliciesCommand).callsFake(
    guard("ListAttachedRolePoliciesCommand", roleArn, (input: { RoleName: string; Marker?: string }) => {
      const page = iamPage(account.roles.get(input.RoleName)?.attached ?? [], input.Marker);
      return {
        AttachedPolicies: page.items.map((PolicyArn) => ({ PolicyArn, PolicyName: PolicyArn.split("/").pop() })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    }),
  );
  const policyArn = (input: { PolicyArn: string }) => input.PolicyArn;
  iam.on(GetPolicyCommand).callsFake(
    guard("GetPolicyCommand", policyArn, (input: { PolicyArn: string }) => ({
      Policy: { Arn: input.PolicyArn, DefaultVersionId: "v3" },
    })),
  );
  iam.on(GetPolicyVersionCommand).callsFake(
    guard("GetPolicyVersionCommand", policyArn, (input: { PolicyArn: string; VersionId: string }) => ({
      PolicyVersion: { VersionId: input.VersionId, Document: encoded(account.managedPolicies.get(input.PolicyArn)!) },
    })),
  );
  ec2.on(DescribeVpcsCommand).callsFake(
    guard("DescribeVpcsCommand", any, (input: { Filters?: Filter[]; NextToken?: string }) => {
      const vpcs = filtered(account.vpcs, input.Filters, (vpc, name) =>
        name === "vpc-id" ? vpc.VpcId : name.startsWith("tag:") ? tagValue(vpc.Tags, name.slice(4)) : undefined,
      );
      const page = tokenPage(vpcs, input.NextToken);
      return { Vpcs: page.items, NextToken: page.next };
    }),
  );
  ec2.on(DescribeVpcEndpointsCommand).callsFake(
    guard("DescribeVpcEndpointsCommand", any, (input: { Filters?: Filter[]; NextToken?: string }) => {
      const endpoints = filtered(account.endpoints, input.Filters, (e, name) =>
        name === "vpc-id" ? e.VpcId : undefined,
      );
      const page = tokenPage(endpoints, input.NextToken);
      return { VpcEndpoints: page.items, NextToken: page.next };
    }),
  );
  ec2.on(DescribeRouteTablesCommand).callsFake(
    guard("DescribeRouteTablesCommand", any, (input: { Filters?: Filter[]; NextToken?: string }) => {
      const tables = filtered(account.routeTables, input.Filters, (t, name) =>
        name === "vpc-id" ? t.VpcId : undefined,
      );
      const page = tokenPage(tables, input.NextToken);
      return { RouteTables: page.items, NextToken: page.next };
    }),
  );
  bedrock
    .on(GetModelInvocationLoggingConfigurationCommand)
    .callsFake(guard("GetModelInvocationLoggingConfigurationCommand", any, () => ({ loggingConfig: account.logging })));
  bedrock.on(ListGuardrailsCommand).callsFake(
    guard(
      "ListGuardrailsCommand",
      (input: { guardrailIdentifier?: string }) =>
        input.guardrailIdentifier === undefined ? "*" : guardrailArn(input.guardrailIdentifier),
      (input: { guardrailIdentifier?: string; nextToken?: string }) => {
        // Without an identifier: every guardrail, as its DRAFT; with one: each of its versions.
        const summaries =
          input.guardrailIdentifier === undefined
            ? account.guardrails.map((g) => ({ id: g.id, arn: g.arn, name: g.name, version: "DRAFT" }))
            : account.guardrails
                .filter((g) => g.id === input.guardrailIdentifier || g.arn === input.guardrailIdentifier)
                .flatMap((g) => g.versions.map((v) => ({ id: g.id, arn: g.arn, name: g.name, ...v })));
        const page = tokenPage(summaries, input.nextToken);
        return { guardrails: page.items, nextToken: page.next };
      },
    ),
  );
  bedrock.on(GetGuardrailCommand).callsFake(
    guard(
      "GetGuardrailCommand",
      (input: { guardrailIdentifier: string }) => guardrailArn(input.guardrailIdentifier),
      (input: { guardrailIdentifier: string; guardrailVersion?: string }) => {
        const guardrail = account.guardrails.find((g) => g.id === input.guardrailIdentifier);
        const version = guardrail?.versions.find((v) => v.version === (input.guardrailVersion ?? "DRAFT"));
        if (version === undefined) {
          throw Object.assign(new Error("guardrail not found"), { name: "ResourceNotFoundException" });
        }
        return { guardrailId: guardrail!.id, guardrailArn: guardrail!.arn, ...version };
      },
    ),
  );
  organizations.on(DescribeOrganizationCommand).callsFake(
    guard("DescribeOrganizationCommand", any, () => {
      if (org === undefined) inOrganization();
      return {
        Organization: {
          Id: org!.id,
          Arn: `arn:aws:organizations::${org!.managementAccountId}:organization/${org!.id}`,
          MasterAccountId: org!.managementAccountId,
          FeatureSet: "ALL",
        },
      };
    }),
  );
  organizations.on(ListPoliciesForTargetCommand).callsFake(
    guard(
      "ListPoliciesForTargetCommand",
      (input: { TargetId: string }) => targetArn(input.TargetId),
      (input: { TargetId: string; NextToken?: string }) => {
        inOrganization();
        const attached = (account.attachments.get(input.TargetId) ?? []).map((id) => account.policies.get(id)!);
        const page = tokenPage(attached, input.NextToken);
        return {
          Policies: page.items.map(({ Id, Arn, Name, AwsManaged }) => ({
            Id,
            Arn,
            Name,
            AwsManaged,
            Type: "SERVICE_CONTROL_POLICY",
          })),
          NextToken: page.next,
        };
      },
    ),
  );
  organizations.on(DescribePolicyCommand).callsFake(
    guard(
      "DescribePolicyCommand",
      (input: { PolicyId: string }) => account.policies.get(input.PolicyId)?.Arn ?? input.PolicyId,
      (input: { PolicyId: string }) => {
        inOrganization();
        const found = account.policies.get(input.PolicyId);
        if (found === undefined) throw Object.assign(new Error("no such policy"), { name: "PolicyNotFoundException" });
        const { Content, ...summary } = found;
        return { Policy: { PolicySummary: { ...summary, Type: "SERVICE_CONTROL_POLICY" }, Content } };
      },
    ),
  );

  const mocks = [sts, iam, ec2, bedrock, organizations];
  return {
    sent: () =>
      mocks.flatMap((mock) =>
        mock.calls().map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name),
      ),
    restore: () => mocks.forEach((mock) => mock.restore()),
  };
}
