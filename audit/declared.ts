/**
 * What one stack declares that the audit reads back: the roles with their trust, inline
 * policies and boundary, the VPC endpoints with their policies and private-DNS flags, the
 * invocation-logging configuration, the Bedrock guardrail and the SCPs. Extracted from the
 * resources of the offline plan (audit/program.ts runs it), so the audit reads exactly what the
 * program would deploy, by the physical names the program gives them.
 */
import { ENDPOINT_CATALOG, type EndpointKey, endpointServiceName } from "../infra/endpoints";
import type { PolicyDoc } from "./documents";

/** A resource as the plan records it: inputs as plain JSON, documents already parsed. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface DeclaredRole {
  /** Physical name (infra/naming.ts gives every role a fixed one). */
  readonly roleName: string;
  readonly trust: PolicyDoc;
  /** Inline policies keyed by policy name. */
  readonly inlinePolicies: Readonly<Record<string, PolicyDoc>>;
  /** The boundary's document, when the role carries one. */
  /**
   * The role's permission boundary. `document` is there when the boundary is this stack's own policy;
   * a boundary named by ARN (`permissionBoundary.policyArn`, e.g. the CI deploy boundary) belongs to
   * another stack, so only which policy it is can be compared.
   */
  readonly permissionsBoundary?: { readonly policyName: string; readonly document?: PolicyDoc };
}

export interface DeclaredEndpoint {
  /** Short key: `bedrock-runtime`, `sts`, `s3`... */
  readonly key: string;
  readonly serviceName: string;
  readonly type: "Interface" | "Gateway";
  /** The policy the stack writes; undefined for a referenced endpoint whose policy it leaves alone. */
  readonly policy?: PolicyDoc;
  /** Interface endpoints the stack creates only. */
  readonly privateDnsEnabled?: boolean;
  /** A created endpoint: the id the offline plan gave it (a placeholder: the live id is bound to it). */
  readonly planId?: string;
  /** A referenced endpoint (existing-VPC mode): the id the stack file gives, the endpoint's real one. */
  readonly referencedId?: string;
}

/** Existing-VPC mode: the VPC the stack file names, and the endpoints it references there. */
export interface ExistingVpcDeclaration {
  readonly vpcId: string;
  readonly endpoints: Readonly<
    Partial<Record<EndpointKey, { readonly existingEndpointId: string; readonly manageExistingPolicy: boolean }>>
  >;
}

export interface DeclaredLogging {
  readonly textDataDeliveryEnabled: boolean;
  readonly imageDataDeliveryEnabled: boolean;
  readonly embeddingDataDeliveryEnabled: boolean;
  readonly logGroupName?: string;
  readonly cloudWatchRoleArn?: string;
  readonly bucketName?: string;
  readonly keyPrefix?: string;
}

export interface DeclaredScp {
  readonly name: string;
  readonly content: PolicyDoc;
  readonly targetIds: readonly string[];
}

export interface DeclaredStack {
  readonly stack: string;
  readonly account: "operator" | "municipality";
  readonly accountId: string;
  readonly region: string;
  readonly roles: readonly DeclaredRole[];
  /** Name prefixes of roles only this stack creates: a live role with the prefix that is not declared was left behind. */
  readonly ownedRolePrefixes: readonly string[];
  readonly endpoints: readonly DeclaredEndpoint[];
  /** Existing-VPC mode: the VPC is the user's, found by its id (it does not carry the stack's tags). */
  readonly existingVpc?: { readonly vpcId: string };
  readonly logging?: DeclaredLogging;
  readonly guardrailName?: string;
  readonly scps: readonly DeclaredScp[];
  /** Values only a real deploy knows (mock ids and ARNs): matched against live values by binding. */
  readonly placeholders: readonly string[];
}

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const MANAGED_POLICY = "aws:iam/policy:Policy";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ENDPOINT_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy";
const LOGGING = "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration";
const GUARDRAIL = "aws:bedrock/guardrail:Guardrail";
const SCP = "aws:organizations/policy:Policy";
const SCP_ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";

function doc(value: unknown, where: string): PolicyDoc {
  if (typeof value === "string") return JSON.parse(value) as PolicyDoc;
  if (typeof value === "object" && value !== null && "Statement" in value) return value as PolicyDoc;
  throw new Error(`${where}: no policy document in the plan`);
}

export interface DeclaredStackArgs {
  readonly stack: string;
  readonly account: "operator" | "municipality";
  readonly accountId: string;
  readonly region: string;
  readonly resources: readonly PlannedResource[];
  readonly placeholders: readonly string[];
  readonly ownedRolePrefixes: readonly string[];
  /** The id the offline plan gives a resource (harness/mock-engine.ts `fakeId`). */
  readonly planIdOf: (type: string, name: string) => string;
  /** The stack file's `existingVpc`, when it deploys into a VPC it does not create. */
  readonly existingVpc?: ExistingVpcDeclaration;
}

export function declaredStack(args: DeclaredStackArgs): DeclaredStack {
  const { resources } = args;
  const ofType = (type: string) => resources.filter((resource) => resource.type === type);
  const boundaries = ofType(MANAGED_POLICY);

  const roles = ofType(ROLE).map((role): DeclaredRole => {
    const roleName = String(role.inputs.name);
    const inlinePolicies = Object.fromEntries(
      ofType(ROLE_POLICY)
        .filter((policy) => policy.inputs.role === roleName)
        .map((policy) => [String(policy.inputs.name), doc(policy.inputs.policy, policy.name)]),
    );
    const boundaryArn = role.inputs.permissionsBoundary;
    let permissionsBoundary: DeclaredRole["permissionsBoundary"];
    if (typeof boundaryArn === "string" && boundaryArn !== "") {
      // The boundary is this stack's own managed policy (stacks/guardrails.ts), by name.
      const policy = boundaries.find((candidate) => boundaryArn.endsWith(`/${String(candidate.inputs.name)}`));
      const only = policy ?? (boundaries.length === 1 ? boundaries[0] : undefined);
      permissionsBoundary =
        only === undefined
          ? { policyName: boundaryArn.slice(boundaryArn.lastIndexOf("/") + 1) }
          : { policyName: String(only.inputs.name), document: doc(only.inputs.policy, only.name) };
    }
    return { roleName, trust: doc(role.inputs.assumeRolePolicy, role.name), inlinePolicies, permissionsBoundary };
  });

  const endpoints = ofType(ENDPOINT).map((endpoint): DeclaredEndpoint => {
    const serviceName = String(endpoint.inputs.serviceName);
    const type = endpoint.inputs.vpcEndpointType === "Gateway" ? "Gateway" : "Interface";
    return {
      key: serviceName.replace(/^com\.amazonaws\.[a-z0-9-]+\./, ""),
      serviceName,
      type,
      policy: doc(endpoint.inputs.policy, endpoint.name),
      privateDnsEnabled: type === "Interface" ? endpoint.inputs.privateDnsEnabled === true : undefined,
      planId: args.planIdOf(ENDPOINT, endpoint.name),
    };
  });
  // Referenced endpoints: nothing is created for them, at most their policy is written.
  for (const [key, existing] of Object.entries(args.existingVpc?.endpoints ?? {}) as [
    EndpointKey,
    { existingEndpointId: string; manageExistingPolicy: boolean },
  ][]) {
    // By the id, or by the resource's name (components/vpc-endpoints.ts: `<component>-<key>-policy`):
    // when an operator's file gives another id for the endpoint, the plan holds that one in its place.
    const written = ofType(ENDPOINT_POLICY).find(
      (policy) => policy.inputs.vpcEndpointId === existing.existingEndpointId || policy.name.endsWith(`-${key}-policy`),
    );
    endpoints.push({
      key,
      serviceName: endpointServiceName(args.region, key),
      type: ENDPOINT_CATALOG[key].kind,
      policy: written === undefined ? undefined : doc(written.inputs.policy, written.name),
      referencedId: existing.existingEndpointId,
    });
  }

  const [loggingResource] = ofType(LOGGING);
  let logging: DeclaredLogging | undefined;
  if (loggingResource !== undefined) {
    const config = (loggingResource.inputs.loggingConfig ?? {}) as Record<string, unknown>;
    const cloudwatch = (config.cloudwatchConfig ?? {}) as Record<string, unknown>;
    const s3 = (config.s3Config ?? {}) as Record<string, unknown>;
    logging = {
      textDataDeliveryEnabled: config.textDataDeliveryEnabled === true,
      imageDataDeliveryEnabled: config.imageDataDeliveryEnabled === true,
      embeddingDataDeliveryEnabled: config.embeddingDataDeliveryEnabled === true,
      logGroupName: cloudwatch.logGroupName as string | undefined,
      cloudWatchRoleArn: cloudwatch.roleArn as string | undefined,
      bucketName: s3.bucketName as string | undefined,
      keyPrefix: s3.keyPrefix as string | undefined,
    };
  }

  const [guardrail] = ofType(GUARDRAIL);
  const attachments = ofType(SCP_ATTACHMENT);
  const scps = ofType(SCP).map((policy): DeclaredScp => {
    // Attachments are named `<component>-<key>-<targetId>` after the policy `<component>-<key>`.
    const targetIds = attachments
      .filter((attachment) => attachment.name.startsWith(`${policy.name}-`))
      .map((attachment) => String(attachment.inputs.targetId));
    return { name: String(policy.inputs.name), content: doc(policy.inputs.content, policy.name), targetIds };
  });

  return {
    stack: args.stack,
    account: args.account,
    accountId: args.accountId,
    region: args.region,
    roles,
    ownedRolePrefixes: args.ownedRolePrefixes,
    endpoints,
    existingVpc: args.existingVpc === undefined ? undefined : { vpcId: args.existingVpc.vpcId },
    logging,
    guardrailName: guardrail === undefined ? undefined : String(guardrail.inputs.name),
    scps,
    placeholders: args.placeholders,
  };
}
