/**
 * The audit of one stack: reads what the stack declares back from AWS and names every
 * difference as a finding. Drift is reported statement by statement; some settings are findings
 * whatever the plan says (any attached managed policy, any route to an internet or NAT gateway,
 * invocation logging switched off), because the program never creates them.
 */
import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import { type Bindings, type Json, type PolicyDoc, diffDocuments } from "./documents";
import type { DeclaredEndpoint, DeclaredRole, DeclaredStack } from "./declared";
import {
  type AwsClients,
  type LiveRole,
  MissingPermissionError,
  findVpcs,
  guardrailStatus,
  invocationLogging,
  listGuardrails,
  listRoleNames,
  organizationOf,
  readRole,
  routeTables,
  scpsOfTarget,
  vpcEndpoints,
} from "./live";
import { AUDIT_MESSAGES as m } from "./messages";

export type FindingCode =
  | "role-missing"
  | "role-left-behind"
  | "trust-drift"
  | "inline-policy-missing"
  | "inline-policy-unexpected"
  | "inline-policy-drift"
  | "managed-policy-attached"
  | "boundary-missing"
  | "boundary-unexpected"
  | "boundary-drift"
  | "vpc-missing"
  | "endpoint-missing"
  | "endpoint-unexpected"
  | "endpoint-policy-drift"
  | "endpoint-private-dns"
  | "route-to-internet"
  | "logging-off"
  | "logging-drift"
  | "guardrail-missing"
  | "guardrail-version"
  | "scp-missing"
  | "scp-drift"
  | "scp-unreadable"
  | "matrix-mismatch";

export interface Finding {
  readonly code: FindingCode;
  /** What it is about: a role, `role/policy`, an endpoint key, a route table id... */
  readonly subject: string;
  readonly message: string;
  readonly declared?: Json;
  readonly live?: Json;
}

/** The live documents the access matrix is re-run on (audit/program.ts). */
export interface LiveDocuments {
  readonly roles: ReadonlyMap<string, LiveRole>;
  /** Endpoint policies by endpoint key (`bedrock-runtime`, `sts`...). */
  readonly endpointPolicies: ReadonlyMap<string, PolicyDoc>;
}

export interface AuditOutcome {
  readonly findings: Finding[];
  /** Placeholder → live value (endpoint ids, guardrail ARN...), for the matrix and the report. */
  readonly bindings: Bindings;
  readonly live: LiveDocuments;
  /** One line per thing read, for the report. */
  readonly read: string[];
}

function driftFindings(
  code: FindingCode,
  subject: string,
  declared: PolicyDoc,
  live: PolicyDoc,
  stack: DeclaredStack,
  bindings: Bindings,
): Finding[] {
  return diffDocuments(declared, live, stack.placeholders, bindings).map((drift) => ({
    code,
    subject: `${subject} statement ${drift.statement}`,
    message: m.drift({
      statement: String(drift.statement),
      kind: drift.kind === "missing" || drift.kind === "unexpected" ? drift.kind : "differs",
    }),
    declared: drift.declared,
    live: drift.live,
  }));
}

function auditRole(declared: DeclaredRole, live: LiveRole, stack: DeclaredStack, bindings: Bindings): Finding[] {
  const name = declared.roleName;
  const findings = driftFindings("trust-drift", `${name} trust`, declared.trust, live.trust, stack, bindings);
  for (const [policyName, document] of Object.entries(declared.inlinePolicies)) {
    const deployed = live.inlinePolicies[policyName];
    if (deployed === undefined) {
      findings.push({
        code: "inline-policy-missing",
        subject: `${name}/${policyName}`,
        message: m.inlineMissing({ policy: policyName }),
      });
    } else {
      findings.push(
        ...driftFindings("inline-policy-drift", `${name}/${policyName}`, document, deployed, stack, bindings),
      );
    }
  }
  for (const policyName of Object.keys(live.inlinePolicies)) {
    if (!(policyName in declared.inlinePolicies)) {
      findings.push({
        code: "inline-policy-unexpected",
        subject: `${name}/${policyName}`,
        message: m.inlineUnexpected({ policy: policyName }),
        live: live.inlinePolicies[policyName] as unknown as Json,
      });
    }
  }
  // The program attaches no managed policy to any role; one attached is the easy way out.
  for (const arn of live.attachedPolicyArns) {
    findings.push({
      code: "managed-policy-attached",
      subject: name,
      message: m.managedAttached({ arn }),
      live: arn,
    });
  }
  if (declared.permissionsBoundary !== undefined && live.permissionsBoundary === undefined) {
    findings.push({
      code: "boundary-missing",
      subject: name,
      message: m.boundaryMissing({ policy: declared.permissionsBoundary.policyName }),
    });
  } else if (declared.permissionsBoundary === undefined && live.permissionsBoundary !== undefined) {
    findings.push({
      code: "boundary-unexpected",
      subject: name,
      message: m.boundaryUnexpected({ arn: live.permissionsBoundary.arn }),
    });
  } else if (declared.permissionsBoundary !== undefined && live.permissionsBoundary !== undefined) {
    if (!live.permissionsBoundary.arn.endsWith(`/${declared.permissionsBoundary.policyName}`)) {
      findings.push({
        code: "boundary-drift",
        subject: name,
        message: m.boundaryOther({
          arn: live.permissionsBoundary.arn,
          policy: declared.permissionsBoundary.policyName,
        }),
      });
    }
    // A boundary another stack owns (named by ARN) is only checked to be that policy.
    if (declared.permissionsBoundary.document !== undefined) {
      findings.push(
        ...driftFindings(
          "boundary-drift",
          `${name} boundary`,
          declared.permissionsBoundary.document,
          live.permissionsBoundary.document,
          stack,
          bindings,
        ),
      );
    }
  }
  return findings;
}

/** The id of the first internet-facing target of a route, if any. */
function internetTarget(route: {
  GatewayId?: string;
  NatGatewayId?: string;
  EgressOnlyInternetGatewayId?: string;
}): string | undefined {
  if (route.GatewayId?.startsWith("igw-")) return route.GatewayId;
  return route.NatGatewayId ?? route.EgressOnlyInternetGatewayId;
}

/** The stack's VPC: the existing one its file names, or the one it created, by the tags it gave it. */
async function findStackVpc(
  stack: DeclaredStack,
  clients: AwsClients,
  read: string[],
): Promise<{ vpcId: string } | { missing: Finding }> {
  if (stack.existingVpc !== undefined) {
    const { vpcId } = stack.existingVpc;
    const found = await findVpcs(clients, [{ Name: "vpc-id", Values: [vpcId] }]);
    read.push(m.readVpc({ vpcId, found: found.length === 1 }));
    if (found.length === 1) return { vpcId };
    const message = m.vpcNotFound({ vpcId, region: stack.region });
    return { missing: { code: "vpc-missing", subject: stack.stack, message } };
  }
  // Endpoint ids are not in the stack file: the VPC is found by the default tags every resource
  // of the stack carries (infra/naming.ts defaultTags), and its endpoints by VPC.
  const vpcIds = await findVpcs(clients, [
    { Name: "tag:Project", Values: ["bedrock-lz"] },
    { Name: "tag:Stack", Values: [stack.stack] },
  ]);
  read.push(m.readTaggedVpcs({ stack: stack.stack, ids: vpcIds.join(", ") || undefined }));
  if (vpcIds.length === 1) return { vpcId: vpcIds[0] };
  const message = m.vpcNotOne({ stack: stack.stack, count: vpcIds.length });
  return { missing: { code: "vpc-missing", subject: stack.stack, message } };
}

/** Whether the provider's default tags (stacks/provider.ts) mark the endpoint as this stack's. */
function taggedByStack(endpoint: VpcEndpoint, stack: DeclaredStack): boolean {
  const tag = (key: string) => endpoint.Tags?.find((candidate) => candidate.Key === key)?.Value;
  return tag("Project") === "bedrock-lz" && tag("Stack") === stack.stack;
}

/**
 * The live endpoint a declared one is: a referenced endpoint by its id; a created one by service,
 * preferring the endpoints the stack tagged (a shared VPC may hold another workload's endpoint for
 * the same service, without private DNS); in an existing VPC, only a tagged one is the stack's.
 */
function liveEndpointOf(
  declared: DeclaredEndpoint,
  live: readonly VpcEndpoint[],
  referencedIds: ReadonlySet<string>,
  stack: DeclaredStack,
): VpcEndpoint | undefined {
  if (declared.referencedId !== undefined) return live.find((e) => e.VpcEndpointId === declared.referencedId);
  const candidates = live.filter(
    (e) => e.ServiceName === declared.serviceName && !referencedIds.has(e.VpcEndpointId ?? ""),
  );
  const tagged = candidates.filter((e) => taggedByStack(e, stack));
  return tagged[0] ?? (stack.existingVpc === undefined ? candidates[0] : undefined);
}

async function auditNetwork(
  stack: DeclaredStack,
  clients: AwsClients,
  bindings: Bindings,
  read: string[],
  endpointPolicies: Map<string, PolicyDoc>,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const vpc = await findStackVpc(stack, clients, read);
  if ("missing" in vpc) return [vpc.missing];
  const { vpcId } = vpc;

  // Every route table of the VPC: an existing VPC must be closed as a whole (npm run preflight).
  for (const table of await routeTables(clients, vpcId)) {
    for (const route of table.Routes ?? []) {
      const target = internetTarget(route);
      if (target !== undefined) {
        findings.push({
          code: "route-to-internet",
          subject: table.RouteTableId ?? "?",
          message: m.routeToInternet({
            destination: String(
              route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId,
            ),
            target,
          }),
          live: { destination: route.DestinationCidrBlock ?? null, target },
        });
      }
    }
  }
  read.push(m.readRouteTables({ vpcId }));

  const live = await vpcEndpoints(clients, vpcId);
  read.push(m.readEndpoints({ vpcId, count: live.length }));
  const referencedIds = new Set(stack.endpoints.flatMap((e) => (e.referencedId === undefined ? [] : [e.referencedId])));
  const matched = new Set<string>();
  for (const declared of stack.endpoints) {
    const endpoint = liveEndpointOf(declared, live, referencedIds, stack);
    if (endpoint === undefined) {
      findings.push({
        code: "endpoint-missing",
        subject: declared.key,
        message:
          declared.referencedId !== undefined
            ? m.referencedNotEndpoint({ key: declared.key, id: declared.referencedId, vpcId })
            : m.endpointMissing({ service: declared.serviceName, vpcId }),
      });
      continue;
    }
    matched.add(endpoint.VpcEndpointId ?? "");
    if (declared.planId !== undefined) bindings.set(declared.planId, endpoint.VpcEndpointId ?? "");
    const policy = JSON.parse(endpoint.PolicyDocument ?? '{"Statement":[]}') as PolicyDoc;
    endpointPolicies.set(declared.key, policy);
    if (declared.policy === undefined) {
      // existingVpc.endpoints.<key>.manageExistingPolicy: false (the plan warns about it).
      read.push(m.readReferencedEndpoint({ key: declared.key, id: String(endpoint.VpcEndpointId) }));
    } else {
      findings.push(
        ...driftFindings("endpoint-policy-drift", `endpoint ${declared.key}`, declared.policy, policy, stack, bindings),
      );
    }
    if (declared.privateDnsEnabled !== undefined && endpoint.PrivateDnsEnabled !== declared.privateDnsEnabled) {
      findings.push({
        code: "endpoint-private-dns",
        subject: declared.key,
        message: m.privateDns({ live: endpoint.PrivateDnsEnabled === true, declared: declared.privateDnsEnabled }),
      });
    }
  }
  for (const endpoint of live) {
    // A created VPC holds the stack's endpoints only; in an existing one, other workloads' are theirs.
    const ours = stack.existingVpc === undefined || taggedByStack(endpoint, stack);
    if (ours && !matched.has(endpoint.VpcEndpointId ?? "")) {
      findings.push({
        code: "endpoint-unexpected",
        subject: endpoint.VpcEndpointId ?? "?",
        message: m.endpointUndeclared({
          service: String(endpoint.ServiceName),
          existingVpc: stack.existingVpc !== undefined,
        }),
      });
    }
  }
  return findings;
}

async function auditLogging(stack: DeclaredStack, clients: AwsClients, read: string[]): Promise<Finding[]> {
  const declared = stack.logging;
  if (declared === undefined) return [];
  const live = await invocationLogging(clients);
  read.push(m.readLogging);
  if (live === undefined || (live.cloudWatchConfig === undefined && live.s3Config === undefined)) {
    return [{ code: "logging-off", subject: stack.region, message: m.loggingOff }];
  }
  const findings: Finding[] = [];
  const compare = (field: string, want: unknown, have: unknown) => {
    if (want !== undefined && want !== have) {
      findings.push({
        code: field === "textDataDeliveryEnabled" ? "logging-off" : "logging-drift",
        subject: `logging ${field}`,
        message: m.loggingField({ field, have: JSON.stringify(have), want: JSON.stringify(want) }),
      });
    }
  };
  compare("textDataDeliveryEnabled", declared.textDataDeliveryEnabled, live.textDataDeliveryEnabled ?? false);
  compare("imageDataDeliveryEnabled", declared.imageDataDeliveryEnabled, live.imageDataDeliveryEnabled ?? false);
  compare(
    "embeddingDataDeliveryEnabled",
    declared.embeddingDataDeliveryEnabled,
    live.embeddingDataDeliveryEnabled ?? false,
  );
  compare("cloudWatchConfig.logGroupName", declared.logGroupName, live.cloudWatchConfig?.logGroupName);
  compare("cloudWatchConfig.roleArn", declared.cloudWatchRoleArn, live.cloudWatchConfig?.roleArn);
  compare("s3Config.bucketName", declared.bucketName, live.s3Config?.bucketName);
  compare("s3Config.keyPrefix", declared.keyPrefix, live.s3Config?.keyPrefix);
  return findings;
}

/**
 * `<id>:<version>` (what the guardrail placeholder binds to), or a whole
 * `arn:aws:bedrock:<region>:<account>:guardrail/<id>:<version>` → [id, version].
 */
function guardrailIdentifierParts(identifier: string): [string, string] | undefined {
  const match = /(?:^|:guardrail\/)([^:/]+):([^:/]+)$/.exec(identifier);
  return match === null ? undefined : [match[1], match[2]];
}

async function auditGuardrail(
  stack: DeclaredStack,
  clients: AwsClients,
  bindings: Bindings,
  read: string[],
): Promise<Finding[]> {
  if (stack.guardrailName === undefined) return [];
  const guardrail = (await listGuardrails(clients)).find((summary) => summary.name === stack.guardrailName);
  read.push(m.readGuardrail({ name: stack.guardrailName }));
  if (guardrail === undefined) {
    return [{ code: "guardrail-missing", subject: stack.guardrailName, message: m.guardrailMissing }];
  }
  const versions = (await listGuardrails(clients, guardrail.id))
    .map((summary) => summary.version ?? "")
    .filter((version) => version !== "DRAFT");
  const findings: Finding[] = [];
  if (versions.length === 0) {
    findings.push({
      code: "guardrail-version",
      subject: stack.guardrailName,
      message: m.guardrailNoVersion,
    });
  }
  // The version the invoke roles enforce (bound while comparing their policies) must be READY.
  for (const [placeholder, value] of bindings) {
    if (!placeholder.includes("-gr-id:")) continue;
    const parts = guardrailIdentifierParts(value);
    if (parts === undefined) continue;
    const [id, version] = parts;
    const status = id === guardrail.id ? await guardrailStatus(clients, id, version) : undefined;
    if (status !== "READY") {
      findings.push({
        code: "guardrail-version",
        subject: value,
        message:
          id !== guardrail.id
            ? m.guardrailOther({ id, name: stack.guardrailName, ownId: String(guardrail.id) })
            : m.guardrailVersionStatus({ version, status }),
      });
    }
  }
  return findings;
}

/**
 * Whether this AccessDenied is Organizations refusing a member account: ListPoliciesForTarget and
 * DescribePolicy answer only in the management account or a delegated administrator, with the
 * same AccessDenied an IAM denial gives (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListPoliciesForTarget.html).
 */
function refusedAsMember(error: unknown, accountId: string, managementAccountId: string): boolean {
  return (
    error instanceof MissingPermissionError &&
    error.action.startsWith("organizations:") &&
    accountId !== managementAccountId
  );
}

async function auditScps(
  stack: DeclaredStack,
  clients: AwsClients,
  bindings: Bindings,
  read: string[],
): Promise<Finding[]> {
  if (stack.scps.length === 0) return [];
  const organization = await organizationOf(clients);
  read.push(
    organization === undefined
      ? m.readNoOrganization
      : m.readOrganization({ id: organization.id, management: organization.managementAccountId }),
  );
  if (organization === undefined) {
    return stack.scps.map((scp) => ({
      code: "scp-missing" as const,
      subject: scp.name,
      message: m.noOrganization({ accountId: stack.accountId }),
    }));
  }
  const findings: Finding[] = [];
  const names = new Set(stack.scps.map((scp) => scp.name));
  const byTarget = new Map<string, Map<string, PolicyDoc>>();
  for (const scp of stack.scps) {
    // The program attaches to the listed targets, or to the stack's own account.
    const targets = scp.targetIds.length > 0 ? scp.targetIds : [stack.accountId];
    for (const target of targets) {
      if (!byTarget.has(target)) {
        try {
          const { attached, contents } = await scpsOfTarget(clients, target, names);
          byTarget.set(target, contents);
          read.push(m.readScps({ target, names: attached.map((policy) => policy.Name).join(", ") || undefined }));
        } catch (error) {
          if (!refusedAsMember(error, stack.accountId, organization.managementAccountId)) throw error;
          return [
            ...findings,
            {
              code: "scp-unreadable",
              subject: target,
              message: m.scpUnreadable({
                management: organization.managementAccountId,
                accountId: stack.accountId,
                organization: organization.id,
                action: (error as MissingPermissionError).action,
              }),
            },
          ];
        }
      }
      const live = byTarget.get(target)!.get(scp.name);
      if (live === undefined) {
        findings.push({ code: "scp-missing", subject: `${scp.name} → ${target}`, message: m.scpNotAttached });
      } else {
        findings.push(...driftFindings("scp-drift", `SCP ${scp.name}`, scp.content, live, stack, bindings));
      }
    }
  }
  return findings;
}

/** Reads the stack back and compares; the access matrix on the live documents is audit/program.ts's. */
export async function auditStack(stack: DeclaredStack, clients: AwsClients): Promise<AuditOutcome> {
  const findings: Finding[] = [];
  const bindings: Bindings = new Map();
  const read: string[] = [];
  const roles = new Map<string, LiveRole>();
  const endpointPolicies = new Map<string, PolicyDoc>();

  for (const declared of stack.roles) {
    const live = await readRole(clients, declared.roleName);
    read.push(m.readRole({ name: declared.roleName }));
    if (live === undefined) {
      findings.push({ code: "role-missing", subject: declared.roleName, message: m.roleMissing });
      continue;
    }
    roles.set(declared.roleName, live);
    findings.push(...auditRole(declared, live, stack, bindings));
  }
  const declaredNames = new Set(stack.roles.map((role) => role.roleName));
  for (const prefix of stack.ownedRolePrefixes) {
    for (const name of await listRoleNames(clients, prefix)) {
      if (!declaredNames.has(name)) {
        findings.push({
          code: "role-left-behind",
          subject: name,
          message: m.roleLeftBehind({ name, prefix }),
        });
      }
    }
    read.push(m.readRolesNamed({ prefix }));
  }
  if (stack.endpoints.length > 0)
    findings.push(...(await auditNetwork(stack, clients, bindings, read, endpointPolicies)));
  findings.push(...(await auditLogging(stack, clients, read)));
  findings.push(...(await auditGuardrail(stack, clients, bindings, read)));
  findings.push(...(await auditScps(stack, clients, bindings, read)));
  return { findings, bindings, live: { roles, endpointPolicies }, read };
}
