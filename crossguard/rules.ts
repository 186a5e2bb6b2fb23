/**
 * The rules of the bedrock-lz policy pack as pure functions over the arguments CrossGuard passes
 * (`ResourceValidationArgs`, `StackValidationArgs`), so they run in unit tests without the CLI.
 *
 * Rules match resources by type token and input name, never by this program's resource names:
 * a fork that adds a route, a role or a bucket anywhere is checked the same way. Only the
 * inputs a rule needs are read, because reading an unknown value during a preview makes
 * CrossGuard skip the rule for that resource (reported as advisory, and enforced at `pulumi up`).
 */
import type { PolicyResource, ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { JAPAN_PROFILE_PREFIX, JAPAN_REGIONS } from "../infra/catalog";
import { SESSION_AGENT_ACTIONS } from "../infra/session-access";
import { parseArn } from "../infra/arns";
import { type FoundDocument, type NormalisedStatement, actionCoversService, documentsOf } from "./iam-documents";

/** The subset of `ResourceValidationArgs` the rules read; tests build it from the mock engine. */
export type ResourceArgs = Pick<ResourceValidationArgs, "type" | "name" | "urn" | "props">;
/** The subset of `StackValidationArgs` the rules read. */
export type StackArgs = { readonly resources: readonly StackResource[] };
export type StackResource = Pick<PolicyResource, "type" | "name" | "urn" | "props"> & {
  /** Per input, the resources its value came from (only their URNs are read). */
  readonly propertyDependencies?: Readonly<Record<string, readonly { readonly urn: string }[]>>;
};

export type ResourceRule = (args: ResourceArgs, reportViolation: ReportViolation) => void;
export type StackRule = (args: StackArgs, reportViolation: ReportViolation) => void;

function label(args: { type: string; name: string }): string {
  return `${args.type} "${args.name}"`;
}

// ---------------------------------------------------------------------------------------------
// Closed network: no path to or from the internet
// ---------------------------------------------------------------------------------------------

/** Resources whose only purpose is an internet path (or a public address for one). */
export const INTERNET_PATH_TYPES: Readonly<Record<string, string>> = {
  "aws:ec2/internetGateway:InternetGateway": "an internet gateway",
  "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment": "an internet gateway attachment",
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": "an egress-only internet gateway (IPv6)",
  "aws:ec2/natGateway:NatGateway": "a NAT gateway",
  "aws:ec2/eip:Eip": "an Elastic IP (a public address)",
  "aws:ec2/eipAssociation:EipAssociation": "an Elastic IP association (a public address)",
  "aws:ec2/carrierGateway:CarrierGateway": "a carrier gateway",
};

const CLOSED_VPC_ADVICE =
  "the landing zone's VPCs are closed: reach AWS APIs through VPC endpoints, never through the internet";

export const noInternetGateway: ResourceRule = (args, reportViolation) => {
  const what = INTERNET_PATH_TYPES[args.type];
  if (what !== undefined) reportViolation(`${label(args)} is ${what}; ${CLOSED_VPC_ADVICE}.`);
};

function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

export const noPublicIp: ResourceRule = (args, reportViolation) => {
  const props = args.props;
  switch (args.type) {
    case "aws:ec2/subnet:Subnet":
      if (isTrue(props.mapPublicIpOnLaunch)) {
        reportViolation(
          `${label(args)} sets mapPublicIpOnLaunch: every instance would get a public IP; ${CLOSED_VPC_ADVICE}.`,
        );
      }
      return;
    case "aws:ec2/instance:Instance":
    case "aws:ec2/spotInstanceRequest:SpotInstanceRequest":
      if (isTrue(props.associatePublicIpAddress)) {
        reportViolation(`${label(args)} sets associatePublicIpAddress; ${CLOSED_VPC_ADVICE}.`);
      } else if (
        props.subnetId === undefined &&
        props.networkInterfaces === undefined &&
        props.primaryNetworkInterface === undefined &&
        props.launchTemplate === undefined
      ) {
        // Without a subnet (its own or its launch template's) EC2 uses the default VPC, whose
        // subnets hand out public IPs.
        reportViolation(
          `${label(args)} names no subnetId, so EC2 would place it in the default VPC (public IPs, internet gateway); ` +
            "put it in an isolated subnet of the closed VPC.",
        );
      }
      return;
    case "aws:ec2/launchTemplate:LaunchTemplate":
      for (const [index, networkInterface] of asArray(props.networkInterfaces).entries()) {
        if (isTrue((networkInterface as Record<string, unknown>)?.associatePublicIpAddress)) {
          reportViolation(
            `${label(args)} networkInterfaces[${index}] sets associatePublicIpAddress; ${CLOSED_VPC_ADVICE}.`,
          );
        }
      }
      return;
  }
};

function asArray(value: unknown): unknown[] {
  // Stryker disable next-line ArrayDeclaration: a string element in place of none has none of the inputs (associatePublicIpAddress, cidrBlock, applyServerSideEncryptionByDefault) the rules read
  return Array.isArray(value) ? value : [];
}

const DEFAULT_ROUTES: ReadonlySet<unknown> = new Set(["0.0.0.0/0", "::/0"]);

/** Route targets that lead out of the VPC to the internet, whatever the destination. */
function internetTarget(route: Record<string, unknown>): string | undefined {
  if (typeof route.gatewayId === "string" && route.gatewayId.startsWith("igw-"))
    return `internet gateway ${route.gatewayId}`;
  if (route.natGatewayId !== undefined && route.natGatewayId !== "") return "a NAT gateway";
  if (route.egressOnlyGatewayId !== undefined && route.egressOnlyGatewayId !== "")
    return "an egress-only internet gateway";
  if (route.carrierGatewayId !== undefined && route.carrierGatewayId !== "") return "a carrier gateway";
  return undefined;
}

function checkRoute(
  where: string,
  destinations: readonly unknown[],
  route: Record<string, unknown>,
  reportViolation: ReportViolation,
) {
  const defaultRoute = destinations.find((destination) => DEFAULT_ROUTES.has(destination));
  if (defaultRoute !== undefined) {
    reportViolation(`${where} is a default route (${String(defaultRoute)}); ${CLOSED_VPC_ADVICE}.`);
    return;
  }
  const target = internetTarget(route);
  if (target !== undefined) reportViolation(`${where} sends traffic to ${target}; ${CLOSED_VPC_ADVICE}.`);
}

export const noDefaultRoute: ResourceRule = (args, reportViolation) => {
  const props = args.props;
  switch (args.type) {
    case "aws:ec2/route:Route":
      checkRoute(label(args), [props.destinationCidrBlock, props.destinationIpv6CidrBlock], props, reportViolation);
      return;
    case "aws:ec2/routeTable:RouteTable":
    case "aws:ec2/defaultRouteTable:DefaultRouteTable":
      for (const [index, route] of asArray(props.routes).entries()) {
        const entry = (route ?? {}) as Record<string, unknown>;
        checkRoute(`${label(args)} routes[${index}]`, [entry.cidrBlock, entry.ipv6CidrBlock], entry, reportViolation);
      }
      return;
  }
};

// ---------------------------------------------------------------------------------------------
// Bedrock: Japan-only inference profiles and the models behind them
// ---------------------------------------------------------------------------------------------

const JAPAN_REGION_SET: ReadonlySet<string> = new Set(JAPAN_REGIONS);

/**
 * Bedrock resource types an Allow may name. Inference profiles must be `jp.`; foundation models
 * only those a `jp.` profile of the same document routes to; guardrails (invoked with the model
 * when a guardrail is enforced) only in a Japan region.
 */
function bedrockResourceProblem(resource: string, japanModels: ReadonlySet<string>): string | undefined {
  if (resource === "*") return "every resource (*), i.e. every model and profile in every region";
  const arn = parseArn(resource);
  if (arn === undefined) return `"${resource}", which is not an ARN`;
  if (arn.service !== "bedrock") {
    return /[*?]/.test(arn.service) ? `"${resource}", whose service is a wildcard` : undefined;
  }
  if (!JAPAN_REGION_SET.has(arn.region)) {
    return `"${resource}" in region "${arn.region || "(any)"}"; only ${JAPAN_REGIONS.join(" and ")} keep data in Japan`;
  }
  switch (arn.resourceType) {
    case "inference-profile":
      return arn.resourceId.startsWith(JAPAN_PROFILE_PREFIX)
        ? undefined
        : `"${resource}", an inference profile that is not "${JAPAN_PROFILE_PREFIX}" (apac., global. and us. profiles route abroad)`;
    case "foundation-model":
      return japanModels.has(arn.resourceId)
        ? undefined
        : `"${resource}", a foundation model no "${JAPAN_PROFILE_PREFIX}" inference profile of this document routes to ` +
            "(allow a model only beside its jp. profile, so it is reached through the profile)";
    // Whether an application profile copies a jp. profile only the stack can tell: see
    // bedrockApplicationProfileFromJapan.
    case "guardrail":
    case "application-inference-profile":
      return undefined;
    default:
      return `"${resource}" (Bedrock resource type "${arn.resourceType}"); only ${JAPAN_PROFILE_PREFIX} inference profiles, their foundation models and guardrails are allowed`;
  }
}

/** Models the `jp.` profiles named anywhere in the document route to (`jp.<model>` → `<model>`). */
function japanModelsOf(document: FoundDocument): Set<string> {
  const models = new Set<string>();
  for (const statement of document.statements) {
    for (const resource of statement.resources) {
      const arn = parseArn(resource);
      if (
        arn?.service === "bedrock" &&
        arn.resourceType === "inference-profile" &&
        arn.resourceId.startsWith(JAPAN_PROFILE_PREFIX)
      ) {
        models.add(arn.resourceId.slice(JAPAN_PROFILE_PREFIX.length));
      }
    }
  }
  return models;
}

/** AWS managed policies that grant Bedrock on every model (the console shortcut of the manual build, docs/design.md §4). */
const BROAD_MANAGED_POLICY = /^arn:aws[\w-]*:iam::aws:policy\/(?:.*Bedrock.*|AdministratorAccess|PowerUserAccess)$/;

/** Bedrock problems of the Allow statements of some documents, as messages. */
function bedrockProblems(owner: string, documents: readonly FoundDocument[]): string[] {
  const problems: string[] = [];
  for (const document of documents) {
    const japanModels = japanModelsOf(document);
    document.statements.forEach((statement, index) => {
      if (statement.effect !== "Allow") return;
      const where = `${owner} ${document.path} statement ${statement.sid ?? index}`;
      const bedrockActions = [
        ...statement.actions.filter((action) => actionCoversService(action, "bedrock")),
        ...(statement.notActions.length > 0 ? ["(NotAction)"] : []),
      ];
      if (bedrockActions.length === 0) return;
      if (statement.notResources.length > 0) {
        problems.push(
          `${where} allows ${bedrockActions.join(", ")} with NotResource; name the jp. inference profile instead.`,
        );
        return;
      }
      for (const resource of statement.resources) {
        const problem = bedrockResourceProblem(resource, japanModels);
        if (problem !== undefined) problems.push(`${where} allows ${bedrockActions.join(", ")} on ${problem}.`);
      }
    });
  }
  return problems;
}

/** Resources that attach a managed policy by `policyArn` to a role, a user or a group. */
const POLICY_ATTACHMENT_TYPES: ReadonlySet<string> = new Set([
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
]);

/** Customer managed policies may be permission boundaries; `managedPolicyLeastPrivilege` checks them. */
export const MANAGED_POLICY_TYPE = "aws:iam/policy:Policy";

export const bedrockJapanProfileOnly: ResourceRule = (args, reportViolation) => {
  if (args.type === MANAGED_POLICY_TYPE) return;
  bedrockProblems(label(args), documentsOf(args.type, args.props)).forEach((problem) => reportViolation(problem));
  if (POLICY_ATTACHMENT_TYPES.has(args.type)) {
    const policyArn = String(args.props.policyArn);
    if (BROAD_MANAGED_POLICY.test(policyArn)) {
      reportViolation(
        `${label(args)} attaches ${policyArn}, which allows Bedrock on every model and region; ` +
          "use the least-privilege statements of infra/policies.ts instead.",
      );
    }
  }
};

/** A Bedrock application inference profile: a copy of a system profile or model, for metering. */
export const APPLICATION_PROFILE_TYPE = "aws:bedrock/inferenceProfile:InferenceProfile";

/** Endpoint policies narrow what passes through an endpoint; they grant nothing themselves. */
const ENDPOINT_POLICY_TYPES: ReadonlySet<string> = new Set([
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
]);

/** Why an application profile's `modelSource.copyFrom` does not keep its calls in Japan, if it does not. */
function copySourceProblem(copyFrom: unknown): string | undefined {
  if (typeof copyFrom !== "string") return "copies from nothing this policy can read";
  const arn = parseArn(copyFrom);
  if (arn?.service !== "bedrock" || arn.resourceType !== "inference-profile") {
    return `copies from "${copyFrom}", which is not a ${JAPAN_PROFILE_PREFIX} inference profile`;
  }
  if (!arn.resourceId.startsWith(JAPAN_PROFILE_PREFIX)) {
    return `copies from "${copyFrom}", an inference profile that is not "${JAPAN_PROFILE_PREFIX}" (apac., global. and us. profiles route abroad)`;
  }
  if (!JAPAN_REGION_SET.has(arn.region)) return `copies from "${copyFrom}", outside ${JAPAN_REGIONS.join(" and ")}`;
  return undefined;
}

/**
 * Application inference profiles (metering) route where the profile they copy routes, and no IAM
 * condition key names that source: only the stack that creates a profile can vouch for it. So an
 * application profile must copy a `jp.` profile in Tokyo or Osaka, and an identity policy may allow
 * only the application profiles this program creates that way; one from another account, or one this
 * stack does not create, is refused. Endpoint policies may admit application profiles (in a Japan
 * region, as the resource rule checks): they only narrow what the operator's identity policy grants,
 * and that policy is checked in the operator's own stack. Profiles and policies a preview cannot know
 * yet are checked at `pulumi up`.
 */
export const bedrockApplicationProfileFromJapan: StackRule = (args, reportViolation) => {
  const fromJapan = new Set<unknown>();
  for (const profile of args.resources.filter((resource) => resource.type === APPLICATION_PROFILE_TYPE)) {
    const source = profile.props.modelSource as { copyFrom?: unknown } | undefined;
    const problem = copySourceProblem(source?.copyFrom);
    if (problem !== undefined) reportViolation(`${label(profile)} ${problem}.`, profile.urn);
    else fromJapan.add(profile.props.arn);
  }
  for (const resource of args.resources) {
    if (ENDPOINT_POLICY_TYPES.has(resource.type)) continue;
    for (const document of knownDocumentsOf(resource) ?? []) {
      document.statements.forEach((statement, index) => {
        if (statement.effect !== "Allow" || !statement.actions.some((a) => actionCoversService(a, "bedrock"))) return;
        for (const named of statement.resources) {
          if (parseArn(named)?.resourceType !== "application-inference-profile" || fromJapan.has(named)) continue;
          reportViolation(
            `${label(resource)} ${document.path} statement ${statement.sid ?? index} allows Bedrock on "${named}", ` +
              `an application inference profile this program does not create from a ${JAPAN_PROFILE_PREFIX} profile ` +
              "(another account's, or made elsewhere, it may route abroad); allow only the profiles this stack copies from a jp. profile.",
            resource.urn,
          );
        }
      });
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Least privilege: no wildcard action or resource in an Allow of a role or endpoint policy
// ---------------------------------------------------------------------------------------------

/**
 * Resources whose `policy` (or `inlinePolicies`) is an identity policy or a VPC endpoint policy.
 * Customer managed policies are checked by `managedPolicyLeastPrivilege`.
 */
export const LEAST_PRIVILEGE_TYPES: ReadonlySet<string> = new Set([
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
]);

/**
 * Actions that have no resource type in the Service Authorization Reference, so IAM requires
 * `Resource: "*"` for them. An Allow on `*` is accepted only when every action is one of these.
 */
export const RESOURCELESS_ACTIONS: ReadonlySet<string> = new Set(
  [
    "sts:GetCallerIdentity",
    "sts:GetServiceBearerToken",
    // Session Manager from a closed VPC (the channel actions of ssmmessages / ec2messages).
    ...SESSION_AGENT_ACTIONS.ssmmessages,
    ...SESSION_AGENT_ACTIONS.ec2messages,
    // The agent registering its own instance: optional resource types, but AWS's own instance
    // profiles grant it on "*" (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloud9SSMInstanceProfile.html).
    ...SESSION_AGENT_ACTIONS.ssm,
    // The live audit's reads (bootstrap audit role): no resource types in the Service Authorization Reference.
    "iam:ListRoles",
    "ec2:DescribeVpcs",
    "ec2:DescribeVpcEndpoints",
    "ec2:DescribeRouteTables",
    "bedrock:GetModelInvocationLoggingConfiguration",
    "organizations:DescribeOrganization",
    // Its resource type is optional: called without a guardrail (list them all), IAM evaluates it on *.
    "bedrock:ListGuardrails",
  ].map((action) => action.toLowerCase()),
);

function isServiceWideAction(action: string): boolean {
  return action === "*" || /^[^:]+:\*$/.test(action);
}

/**
 * Wildcard problems of the Allow statements of some documents. Trust policies
 * (`assumeRolePolicy`) are skipped: their Action is an `sts:AssumeRole*` and they have no
 * Resource. Deny statements may use `*` (they narrow).
 */
/**
 * An endpoint-policy statement that admits only principals of one account (`StringEquals
 * aws:PrincipalAccount`, one account id). In a VPC shared with other workloads (existing-VPC mode,
 * infra/shared-vpc-policies.ts) such a statement keeps that account's own use of the service, as
 * AWS's default endpoint policy does for everyone: it is the account's ceiling on the endpoint and
 * grants nothing its identity policies do not, so its wildcards are not a least-privilege breach.
 */
function ownAccountCeiling(statement: NormalisedStatement): boolean {
  const account = statement.condition.StringEquals?.["aws:PrincipalAccount"];
  return typeof account === "string" && /^\d{12}$/.test(account);
}

function wildcardProblems(owner: string, documents: readonly FoundDocument[], endpointPolicy = false): string[] {
  const problems: string[] = [];
  for (const document of documents) {
    if (document.path === "assumeRolePolicy") continue;
    document.statements.forEach((statement, index) => {
      if (statement.effect !== "Allow") return;
      const where = `${owner} ${document.path} statement ${statement.sid ?? index}`;
      if (statement.notActions.length > 0)
        problems.push(`${where} uses NotAction in an Allow; list the actions it needs.`);
      if (statement.notResources.length > 0) {
        problems.push(`${where} uses NotResource in an Allow; name the resources it needs.`);
      }
      if (endpointPolicy && ownAccountCeiling(statement)) return;
      const wideActions = statement.actions.filter(isServiceWideAction);
      if (wideActions.length > 0) {
        problems.push(
          `${where} allows every action of a service (${wideActions.join(", ")}); list the actions it needs.`,
        );
      }
      if (statement.resources.includes("*")) {
        const scoped = statement.actions.filter((action) => !RESOURCELESS_ACTIONS.has(action.toLowerCase()));
        if (scoped.length > 0) {
          problems.push(
            `${where} allows ${scoped.join(", ")} on every resource (*); name the resources ` +
              "(only actions without resource types, such as sts:GetCallerIdentity, may use *).",
          );
        }
      }
    });
  }
  return problems;
}

export const noWildcardInAllow: ResourceRule = (args, reportViolation) => {
  if (!LEAST_PRIVILEGE_TYPES.has(args.type)) return;
  wildcardProblems(label(args), documentsOf(args.type, args.props), ENDPOINT_POLICY_TYPES.has(args.type)).forEach(
    (problem) => reportViolation(problem),
  );
};

/** CrossGuard's error for a value a preview cannot know yet (duck-typed: no runtime import). */
function isUnknownValueError(error: unknown): boolean {
  return error instanceof Error && "unknownTypeSentinel" in error;
}

/** A stack resource's IAM documents, or undefined when a preview cannot know them yet (checked at `pulumi up`). */
function knownDocumentsOf(resource: StackResource): FoundDocument[] | undefined {
  try {
    return documentsOf(resource.type, resource.props);
  } catch (error) {
    if (isUnknownValueError(error)) return undefined;
    throw error;
  }
}

/**
 * Customer managed policies get both checks above, unless a role or user uses the policy as its
 * permissions boundary: a boundary grants nothing, it caps, so `Allow *` is its normal form (the
 * region guard of docs/design.md §4.4). Only the engine's dependency graph tells the two apart, hence a
 * stack rule. A policy whose document a preview cannot know yet is checked at `pulumi up`.
 */
export const managedPolicyLeastPrivilege: StackRule = (args, reportViolation) => {
  const boundaries = new Set<string>();
  for (const resource of args.resources) {
    resource.propertyDependencies?.permissionsBoundary?.forEach((dependency) => boundaries.add(dependency.urn));
  }
  for (const policy of args.resources.filter((resource) => resource.type === MANAGED_POLICY_TYPE)) {
    if (boundaries.has(policy.urn)) continue;
    const documents = knownDocumentsOf(policy);
    if (documents === undefined) continue;
    const owner = label(policy);
    for (const problem of [...bedrockProblems(owner, documents), ...wildcardProblems(owner, documents)]) {
      reportViolation(problem, policy.urn);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Interface endpoints carry their own policy
// ---------------------------------------------------------------------------------------------

export const interfaceEndpointPolicy: ResourceRule = (args, reportViolation) => {
  if (args.type !== "aws:ec2/vpcEndpoint:VpcEndpoint" || args.props.vpcEndpointType !== "Interface") return;
  const policy = documentsOf(args.type, args.props).find((document) => document.path === "policy");
  if (policy === undefined || policy.statements.length === 0) {
    const service = typeof args.props.serviceName === "string" ? ` (${args.props.serviceName})` : "";
    reportViolation(
      `${label(args)}${service} has no endpoint policy: AWS then allows every action of every principal through it. ` +
        "Give it the least-privilege policy from infra/policies.ts.",
    );
  }
};

// ---------------------------------------------------------------------------------------------
// Logs: encrypted with a customer key and kept for a year
// ---------------------------------------------------------------------------------------------

export const MIN_LOG_RETENTION_DAYS = 365;

export const logGroupEncryptedAndRetained: ResourceRule = (args, reportViolation) => {
  if (args.type !== "aws:cloudwatch/logGroup:LogGroup") return;
  const { kmsKeyId, retentionInDays } = args.props;
  if (typeof kmsKeyId !== "string" || kmsKeyId === "") {
    reportViolation(`${label(args)} has no kmsKeyId; encrypt it with the landing zone's KMS key.`);
  }
  if (typeof retentionInDays !== "number" || retentionInDays < MIN_LOG_RETENTION_DAYS) {
    reportViolation(
      `${label(args)} keeps logs for ${retentionInDays === undefined || retentionInDays === 0 ? "an unset period" : `${String(retentionInDays)} days`}; ` +
        `set retentionInDays to at least ${MIN_LOG_RETENTION_DAYS}.`,
    );
  }
};

// ---------------------------------------------------------------------------------------------
// S3: encrypted, versioned, private. Since AWS provider v7 these are separate resources that
// point at the bucket, so this is a stack-level rule.
// ---------------------------------------------------------------------------------------------

export const BUCKET_TYPES: ReadonlySet<string> = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
const ENCRYPTION_TYPES = new Set([
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
]);
const VERSIONING_TYPES = new Set([
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
]);
const PUBLIC_ACCESS_BLOCK_TYPE = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACL_TYPES = new Set(["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"]);
const PUBLIC_CANNED_ACLS: ReadonlySet<unknown> = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
] as const;

/**
 * Does `config` point at `bucket`? The engine records that its `bucket` input came from the
 * bucket resource (known even in a preview, when the bucket's id is not); a literal name, e.g.
 * of a bucket made elsewhere, is compared with the bucket's name.
 */
function targetsBucket(config: StackResource, bucket: StackResource): boolean {
  const dependencies = config.propertyDependencies?.bucket ?? [];
  if (dependencies.length > 0) return dependencies.some((dependency) => dependency.urn === bucket.urn);
  return typeof config.props.bucket === "string" && config.props.bucket === bucket.props.bucket;
}

function encryptionAlgorithms(config: StackResource): string[] {
  return asArray(config.props.rules)
    .map(
      (rule) =>
        (rule as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: unknown } })
          ?.applyServerSideEncryptionByDefault?.sseAlgorithm,
    )
    .filter((algorithm): algorithm is string => typeof algorithm === "string" && algorithm !== "");
}

export const s3BucketProtected: StackRule = (args, reportViolation) => {
  const all = args.resources;
  for (const bucket of all.filter((resource) => BUCKET_TYPES.has(resource.type))) {
    const where = label(bucket);
    const configs = (types: ReadonlySet<string> | string) =>
      all.filter(
        (resource) =>
          (typeof types === "string" ? resource.type === types : types.has(resource.type)) &&
          targetsBucket(resource, bucket),
      );

    if (!configs(ENCRYPTION_TYPES).some((config) => encryptionAlgorithms(config).length > 0)) {
      reportViolation(
        `${where} has no aws.s3.BucketServerSideEncryptionConfiguration with a default sseAlgorithm; encrypt it (SSE-KMS with the landing zone key).`,
        bucket.urn,
      );
    }
    const versioning = configs(VERSIONING_TYPES);
    if (
      !versioning.some(
        (config) => (config.props.versioningConfiguration as { status?: unknown } | undefined)?.status === "Enabled",
      )
    ) {
      reportViolation(`${where} has no aws.s3.BucketVersioning with status "Enabled"; version it.`, bucket.urn);
    }
    const blocks = configs(PUBLIC_ACCESS_BLOCK_TYPE);
    const complete = blocks.some((block) =>
      PUBLIC_ACCESS_BLOCK_SETTINGS.every((setting) => block.props[setting] === true),
    );
    if (!complete) {
      reportViolation(
        `${where} has no aws.s3.BucketPublicAccessBlock with ${PUBLIC_ACCESS_BLOCK_SETTINGS.join(", ")} all true; keep it private.`,
        bucket.urn,
      );
    }
    for (const acl of configs(ACL_TYPES)) {
      if (PUBLIC_CANNED_ACLS.has(acl.props.acl)) {
        reportViolation(
          `${label(acl)} gives ${where} the public canned ACL "${String(acl.props.acl)}"; keep it private.`,
          acl.urn,
        );
      }
    }
  }
};
