/**
 * A fake AWS account for the audit specs, served through aws-sdk-client-mock: the documents of
 * the real program's plan, deployed as AWS would hand them back (IAM documents URL-encoded,
 * placeholders replaced by real-looking ids), with every list served one item per page so the
 * audit must follow the paginators.
 */
import { mockClient } from "aws-sdk-client-mock";
import {
  BedrockClient,
  GetGuardrailCommand,
  GetModelInvocationLoggingConfigurationCommand,
  type LoggingConfig,
  ListGuardrailsCommand,
} from "@aws-sdk/client-bedrock";
import {
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type RouteTable,
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
  DescribePolicyCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AuditPlan } from "../../audit/program";
import { type Bindings, type PolicyDoc, substitute } from "../../audit/documents";

export interface FakeRole {
  trust: PolicyDoc;
  inline: Record<string, PolicyDoc>;
  attached: string[];
  boundaryArn?: string;
}

export interface FakeAccount {
  accountId: string;
  roles: Map<string, FakeRole>;
  /** Other roles in the account (not the stack's). */
  otherRoleNames: string[];
  managedPolicies: Map<string, PolicyDoc>;
  vpcIds: string[];
  endpoints: VpcEndpoint[];
  routeTables: RouteTable[];
  logging?: LoggingConfig;
  scps: Map<string, Map<string, PolicyDoc>>;
}

export const LIVE_VPC_ID = "vpc-0a1b2c3d4e5f60789";

/** The account as a clean deployment of the plan leaves it. */
export function cleanAccount(plan: AuditPlan): { account: FakeAccount; liveIds: Bindings } {
  const declared = plan.declared;
  const liveIds: Bindings = new Map();
  declared.endpoints.forEach((endpoint, index) =>
    liveIds.set(endpoint.planId, `vpce-0${String(index + 1).padStart(16, "7")}`),
  );
  const live = <T>(value: T) => substitute(value, liveIds);
  const account: FakeAccount = {
    accountId: declared.accountId,
    roles: new Map(
      declared.roles.map((role) => [
        role.roleName,
        {
          trust: live(role.trust),
          inline: live({ ...role.inlinePolicies }),
          attached: [],
          boundaryArn: role.permissionsBoundary
            ? `arn:aws:iam::${declared.accountId}:policy/${role.permissionsBoundary.policyName}`
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
                `arn:aws:iam::${declared.accountId}:policy/${role.permissionsBoundary.policyName}`,
                live(role.permissionsBoundary.document),
              ] as const,
            ]
          : [],
      ),
    ),
    vpcIds: declared.endpoints.length > 0 ? [LIVE_VPC_ID] : [],
    endpoints: declared.endpoints.map((endpoint) => ({
      VpcEndpointId: liveIds.get(endpoint.planId),
      VpcId: LIVE_VPC_ID,
      ServiceName: endpoint.serviceName,
      VpcEndpointType: endpoint.type,
      PolicyDocument: JSON.stringify(live(endpoint.policy), null, 2),
      PrivateDnsEnabled: endpoint.privateDnsEnabled ?? false,
    })),
    routeTables:
      declared.endpoints.length > 0
        ? [
            {
              RouteTableId: "rtb-0aaaaaaaaaaaaaaa1",
              VpcId: LIVE_VPC_ID,
              Routes: [{ DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local" }],
            },
            {
              RouteTableId: "rtb-0aaaaaaaaaaaaaaa2",
              VpcId: LIVE_VPC_ID,
              Routes: [{ DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local" }],
            },
          ]
        : [],
    logging:
      declared.logging === undefined
        ? undefined
        : {
            textDataDeliveryEnabled: declared.logging.textDataDeliveryEnabled,
            imageDataDeliveryEnabled: declared.logging.imageDataDeliveryEnabled,
            embeddingDataDeliveryEnabled: declared.logging.embeddingDataDeliveryEnabled,
            cloudWatchConfig: {
              logGroupName: declared.logging.logGroupName,
              roleArn: declared.logging.cloudWatchRoleArn,
            },
            s3Config: { bucketName: declared.logging.bucketName!, keyPrefix: declared.logging.keyPrefix },
          },
    scps: new Map(),
  };
  return { account, liveIds };
}

const encoded = (document: PolicyDoc) => encodeURIComponent(JSON.stringify(document));

/** One item per page: IAM pages with Marker/IsTruncated, EC2 with NextToken. */
function iamPage<T>(items: readonly T[], marker: string | undefined) {
  const index = marker === undefined ? 0 : Number(marker);
  return {
    items: items.slice(index, index + 1),
    IsTruncated: index + 1 < items.length,
    Marker: index + 1 < items.length ? String(index + 1) : undefined,
  };
}
function ec2Page<T>(items: readonly T[], token: string | undefined) {
  const index = token === undefined ? 0 : Number(token);
  return { items: items.slice(index, index + 1), NextToken: index + 1 < items.length ? String(index + 1) : undefined };
}

const denied = (action: string) =>
  Object.assign(new Error(`User is not authorized to perform: ${action}`), { name: "AccessDenied" });

export interface Installed {
  /** Every command name the audit sent, in order. */
  sent(): string[];
  restore(): void;
}

/** Serves `account` to every SDK client of the audit; `deny` lists command names answered with AccessDenied. */
export function serve(account: FakeAccount, deny: readonly string[] = []): Installed {
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);
  const ec2 = mockClient(EC2Client);
  const bedrock = mockClient(BedrockClient);
  const organizations = mockClient(OrganizationsClient);
  const guard =
    <I, O>(name: string, answer: (input: I) => O) =>
    (input: I): O => {
      if (deny.includes(name)) throw denied(name);
      return answer(input);
    };

  sts.on(GetCallerIdentityCommand).callsFake(guard("GetCallerIdentityCommand", () => ({ Account: account.accountId })));
  iam.on(GetRoleCommand).callsFake(
    guard("GetRoleCommand", (input: { RoleName: string }) => {
      const role = account.roles.get(input.RoleName);
      if (role === undefined) throw new NoSuchEntityException({ message: "no such role", $metadata: {} });
      return {
        Role: {
          RoleName: input.RoleName,
          Arn: `arn:aws:iam::${account.accountId}:role/${input.RoleName}`,
          Path: "/",
          RoleId: "AROAEXAMPLE",
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
    guard("ListRolesCommand", (input: { Marker?: string }) => {
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
    guard("ListRolePoliciesCommand", (input: { RoleName: string; Marker?: string }) => {
      const page = iamPage(Object.keys(account.roles.get(input.RoleName)?.inline ?? {}), input.Marker);
      return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    }),
  );
  iam.on(GetRolePolicyCommand).callsFake(
    guard("GetRolePolicyCommand", (input: { RoleName: string; PolicyName: string }) => ({
      RoleName: input.RoleName,
      PolicyName: input.PolicyName,
      PolicyDocument: encoded(account.roles.get(input.RoleName)!.inline[input.PolicyName]),
    })),
  );
  iam.on(ListAttachedRolePoliciesCommand).callsFake(
    guard("ListAttachedRolePoliciesCommand", (input: { RoleName: string; Marker?: string }) => {
      const page = iamPage(account.roles.get(input.RoleName)?.attached ?? [], input.Marker);
      return {
        AttachedPolicies: page.items.map((PolicyArn) => ({ PolicyArn, PolicyName: PolicyArn.split("/").pop() })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    }),
  );
  iam.on(GetPolicyCommand).callsFake(
    guard("GetPolicyCommand", (input: { PolicyArn: string }) => ({
      Policy: { Arn: input.PolicyArn, DefaultVersionId: "v3" },
    })),
  );
  iam.on(GetPolicyVersionCommand).callsFake(
    guard("GetPolicyVersionCommand", (input: { PolicyArn: string; VersionId: string }) => ({
      PolicyVersion: { VersionId: input.VersionId, Document: encoded(account.managedPolicies.get(input.PolicyArn)!) },
    })),
  );
  ec2.on(DescribeVpcsCommand).callsFake(
    guard("DescribeVpcsCommand", (input: { NextToken?: string }) => {
      const page = ec2Page(account.vpcIds, input.NextToken);
      return { Vpcs: page.items.map((VpcId) => ({ VpcId })), NextToken: page.NextToken };
    }),
  );
  ec2.on(DescribeVpcEndpointsCommand).callsFake(
    guard("DescribeVpcEndpointsCommand", (input: { NextToken?: string }) => {
      const page = ec2Page(account.endpoints, input.NextToken);
      return { VpcEndpoints: page.items, NextToken: page.NextToken };
    }),
  );
  ec2.on(DescribeRouteTablesCommand).callsFake(
    guard("DescribeRouteTablesCommand", (input: { NextToken?: string }) => {
      const page = ec2Page(account.routeTables, input.NextToken);
      return { RouteTables: page.items, NextToken: page.NextToken };
    }),
  );
  bedrock
    .on(GetModelInvocationLoggingConfigurationCommand)
    .callsFake(guard("GetModelInvocationLoggingConfigurationCommand", () => ({ loggingConfig: account.logging })));
  bedrock.on(ListGuardrailsCommand).callsFake(guard("ListGuardrailsCommand", () => ({ guardrails: [] })));
  bedrock.on(GetGuardrailCommand).callsFake(guard("GetGuardrailCommand", () => ({ status: "READY" })));
  organizations.on(ListPoliciesForTargetCommand).callsFake(
    guard("ListPoliciesForTargetCommand", (input: { TargetId: string }) => ({
      Policies: [...(account.scps.get(input.TargetId)?.keys() ?? [])].map((Name) => ({ Id: `p-${Name}`, Name })),
    })),
  );
  organizations.on(DescribePolicyCommand).callsFake(
    guard("DescribePolicyCommand", (input: { PolicyId: string }) => {
      for (const policies of account.scps.values()) {
        const content = policies.get(input.PolicyId.slice(2));
        if (content !== undefined) return { Policy: { Content: JSON.stringify(content) } };
      }
      throw new Error(`no policy ${input.PolicyId}`);
    }),
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
