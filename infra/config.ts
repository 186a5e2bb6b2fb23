/**
 * The stack configuration: one zod schema, discriminated by which account the stack is for,
 * parsed once before any resource is declared. Every error names the Pulumi config key and
 * what is allowed, so a wrong value never gets as far as AWS.
 */
import { z } from "zod";
import { ROLE_ARN_PATTERN, iamRoleArn } from "./arns";
import {
  DEFAULT_INFERENCE_PROFILE_ID,
  INFERENCE_PROFILE_CATALOG,
  JAPAN_PROFILE_PREFIX,
  JAPAN_REGIONS,
  type InferenceProfile,
  lookupInferenceProfile,
} from "./catalog";
import type { CodeArtifactSettings } from "./codeartifact";
import { ENDPOINT_CATALOG, ENDPOINT_KEYS, type EndpointKey } from "./endpoints";
import { AWS_QUOTAS, interfaceEndpointProblems, longestGuardrailReference, operatorLimitProblems } from "./limits";
import { PROJECT, clientRoleName } from "./naming";
import { REQUIRED_SESSION_ENDPOINT_KEYS, SESSION_ENDPOINT_KEYS } from "./session-access";
import { DEFAULT_SMOKE_PROMPT, SMOKE_INSTANCE_TYPES, type SmokeInstanceType } from "./smoke-test";
import { AVAILABILITY_ZONES, ipv4ToNumber, prefixOf, subnetSlots } from "./network";
import { ENDPOINT_REGIONS, SERVICE_REGIONS, endpointOffered, endpointsNotOffered, serviceOffered } from "./regions";
import {
  type OperatorFeatures,
  dataSafetySchema,
  guardrailSchema,
  invocationLoggingSchema,
  modelAccessSchema,
  resolveOperatorFeatures,
} from "./operator-config";

/** Pulumi config namespace of this project (`bedrock-lz:<key>`). */
export const CONFIG_NAMESPACE = PROJECT;

// ---------------------------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------------------------

const ACCOUNT_ID_MESSAGE = 'must be a 12-digit AWS account id written as a quoted string, e.g. "123456789012"';
const accountId = z.string({ error: ACCOUNT_ID_MESSAGE }).regex(/^\d{12}$/, { error: ACCOUNT_ID_MESSAGE });

const region = z
  .enum(JAPAN_REGIONS, {
    error: `must be ${JAPAN_REGIONS.join(" (Tokyo) or ")} (Osaka): data must stay in Japan`,
  })
  .default("ap-northeast-1");

const inferenceProfileId = z
  .string()
  .default(DEFAULT_INFERENCE_PROFILE_ID)
  .refine((id) => id.startsWith(JAPAN_PROFILE_PREFIX), {
    error: (issue) =>
      `"${String(issue.input)}" is not a Japan-only profile: only "${JAPAN_PROFILE_PREFIX}" inference profiles ` +
      `route to Tokyo and Osaka alone (apac., global. and us. profiles send prompts abroad)`,
    abort: true,
  })
  .refine((id) => lookupInferenceProfile(id) !== undefined, {
    error: (issue) =>
      `unknown inference profile "${String(issue.input)}"; the catalog (infra/catalog.ts) has: ` +
      Object.keys(INFERENCE_PROFILE_CATALOG).join(", "),
  });

const MUNICIPALITY_NAME_MESSAGE =
  "must be a short name of 2-32 lowercase letters, digits and hyphens, starting with a letter (e.g. sapporo)";
const municipalityName = z
  .string({ error: MUNICIPALITY_NAME_MESSAGE })
  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, { error: MUNICIPALITY_NAME_MESSAGE });

const ROLE_NAME_MESSAGE = "must be an IAM role name: 1-64 characters of letters, digits and +=,.@_-";
const roleName = z.string({ error: ROLE_NAME_MESSAGE }).regex(/^[\w+=,.@-]{1,64}$/, { error: ROLE_NAME_MESSAGE });

const VPCE_MESSAGE = 'must be a VPC endpoint id such as "vpce-0123456789abcdef0"';
const vpcEndpointId = z.string({ error: VPCE_MESSAGE }).regex(/^vpce-[0-9a-f]{8,17}$/, { error: VPCE_MESSAGE });

const STACK_NAME_MESSAGE =
  "must name a stack: <org>/<project>/<stack> (Pulumi Cloud), organization/<project>/<stack> " +
  "(self-managed backend) or <stack> (same project)";
const stackReferenceName = z
  .string({ error: STACK_NAME_MESSAGE })
  .regex(/^(?:[\w.-]+\/[\w.-]+\/)?[\w.-]+$/, { error: STACK_NAME_MESSAGE });

const ROLE_ARN_MESSAGE = 'must be an IAM role ARN such as "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"';
const roleArn = z.string({ error: ROLE_ARN_MESSAGE }).regex(ROLE_ARN_PATTERN, { error: ROLE_ARN_MESSAGE });

function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

/** `sts:ExternalId`: what the operator's trust policy requires and the client passes. */
const externalId = z
  .string()
  .regex(/^[\w+=,.@:/-]{2,1224}$/, { error: "must be 2-1224 characters of letters, digits and +=,.@:/-" });

const tags = z.record(z.string().min(1).max(128), z.string().max(256)).default({});

/** Opt-in: attach the guardrail permission boundary (infra/guardrails.ts) to this stack's roles. */
const permissionBoundary = z
  .strictObject({ enabled: z.boolean({ error: "must be true or false" }).default(false) })
  .default({ enabled: false });

const ORG_TARGET_MESSAGE =
  'must be an AWS Organizations target: an account id ("123456789012"), an OU id ("ou-ab12-cdef3456") or the root ("r-ab12")';
const organizationTarget = z
  .string({ error: ORG_TARGET_MESSAGE })
  .regex(/^(?:\d{12}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/, { error: ORG_TARGET_MESSAGE });

/** Opt-in: create the two guardrail SCPs in AWS Organizations through the management account. */
const organizations = z
  .strictObject({
    enabled: z.boolean({ error: "must be true or false" }).default(false),
    /** A role in the organisation's management account that may manage SCPs. */
    managementRoleArn: roleArn.optional(),
    /** Where to attach the SCPs; defaults to this stack's account. */
    targetIds: z.array(organizationTarget, { error: "must be a list of account, OU or root ids" }).min(1).optional(),
  })
  .superRefine((org, ctx) => {
    if (org.enabled && org.managementRoleArn === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["managementRoleArn"],
        message:
          "is required when organizations.enabled is true: a role in the management account that may manage SCPs",
      });
    }
  })
  .default({ enabled: false });

/** Smallest subnet AWS allows is /28; each AZ gets one isolated subnet. */
const cidrBlock = z
  .cidrv4({ error: 'must be an IPv4 CIDR block such as "10.0.0.0/16"', abort: true })
  .refine((cidr) => isNetworkAddress(cidr), {
    error: (issue) => `"${String(issue.input)}" has host bits set; use the network address (e.g. 10.0.0.0/16)`,
    abort: true,
  })
  .refine((cidr) => prefixOf(cidr) >= 16 && prefixOf(cidr) <= 28, {
    error: "must have a prefix length between /16 and /28 (the VPC limits)",
  })
  .default("10.0.0.0/16");

// ---------------------------------------------------------------------------------------------
// Operator stack
// ---------------------------------------------------------------------------------------------

const municipalityPeer = z
  .strictObject({
    /** The municipality's AWS account. */
    accountId,
    /** Override only when the municipality stack overrides its `clientRoleName` too. */
    clientRoleName: roleName.optional(),
    /** Optional `sts:ExternalId` the client must pass on AssumeRole. */
    externalId: externalId.optional(),
    /** Hardening: the municipality's bedrock-runtime endpoint id, given explicitly. */
    bedrockRuntimeEndpointId: vpcEndpointId.optional(),
    /** Hardening: the municipality's STS endpoint id, given explicitly. */
    stsEndpointId: vpcEndpointId.optional(),
    /** Hardening: read both endpoint ids from the municipality stack's `endpointIds` output. */
    municipalityStack: stackReferenceName.optional(),
    /** Opt-in: trust only AssumeRole calls that arrive through the municipality's STS endpoint. */
    lockTrustToStsEndpoint: z.boolean({ error: "must be true or false" }).default(false),
  })
  .superRefine((peer, ctx) => {
    const explicit = peer.bedrockRuntimeEndpointId !== undefined || peer.stsEndpointId !== undefined;
    if (explicit && peer.municipalityStack !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["municipalityStack"],
        message:
          "give the endpoint ids either explicitly (bedrockRuntimeEndpointId/stsEndpointId) or through municipalityStack, not both",
      });
    }
    if (peer.lockTrustToStsEndpoint && peer.stsEndpointId === undefined && peer.municipalityStack === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["lockTrustToStsEndpoint"],
        message: "needs the municipality's STS endpoint: set stsEndpointId or municipalityStack",
      });
    }
  });

/** Keys both account kinds accept, with the same meaning. */
const commonKeys = { region, accountId, inferenceProfileId, tags, permissionBoundary, organizations };

const operatorSchema = z
  .strictObject({
    account: z.literal("operator"),
    ...commonKeys,
    municipalities: z
      .record(municipalityName, municipalityPeer, {
        error: "must be a map of municipality short name to { accountId, ... }",
      })
      .refine((map) => Object.keys(map).length > 0, {
        error: "must list at least one municipality (short name → { accountId })",
      }),
    /** This account's IAM quotas, when raised through Service Quotas. */
    quotas: z
      .strictObject({
        rolesPerAccount: wholeNumber(1, AWS_QUOTAS.rolesPerAccount.max).default(AWS_QUOTAS.rolesPerAccount.default),
        trustPolicySize: wholeNumber(AWS_QUOTAS.trustPolicySize.default, AWS_QUOTAS.trustPolicySize.max).default(
          AWS_QUOTAS.trustPolicySize.default,
        ),
      })
      .default({
        rolesPerAccount: AWS_QUOTAS.rolesPerAccount.default,
        trustPolicySize: AWS_QUOTAS.trustPolicySize.default,
      }),
    // Production features of the operator account (infra/operator-config.ts, docs/operator.md).
    invocationLogging: invocationLoggingSchema,
    dataSafety: dataSafetySchema,
    modelAccess: modelAccessSchema,
    guardrail: guardrailSchema,
  })
  .superRefine((cfg, ctx) => {
    // Two entries that resolve to the same client role would be one municipality twice.
    const seen = new Map<string, string>();
    for (const [name, peer] of Object.entries(cfg.municipalities)) {
      const arn = iamRoleArn(peer.accountId, peer.clientRoleName ?? clientRoleName(name));
      const first = seen.get(arn);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["municipalities", name],
          message: `duplicates municipality "${first}": both trust ${arn}; each municipality needs its own client role`,
        });
      } else {
        seen.set(arn, name);
      }
    }
  });

// ---------------------------------------------------------------------------------------------
// Municipality stack
// ---------------------------------------------------------------------------------------------

const interfaceEndpointToggle = z.strictObject({
  enabled: z.boolean({ error: "must be true or false" }).optional(),
  privateDnsEnabled: z.boolean({ error: "must be true or false" }).optional(),
});
const gatewayEndpointToggle = z.strictObject({
  enabled: z.boolean({ error: "must be true or false" }).optional(),
});

const endpointToggles = z
  .strictObject(
    Object.fromEntries(
      ENDPOINT_KEYS.map((key) => [
        key,
        (ENDPOINT_CATALOG[key].kind === "Interface" ? interfaceEndpointToggle : gatewayEndpointToggle).optional(),
      ]),
    ) as Record<EndpointKey, z.ZodOptional<typeof interfaceEndpointToggle>>,
  )
  .default({});

const CODEARTIFACT_DOMAIN_MESSAGE = "must be 2-50 lowercase letters, digits and hyphens, starting with a letter";
const CODEARTIFACT_REPO_MESSAGE = "must be 2-100 letters, digits and ._- starting with a letter or digit";

const municipalitySchema = z
  .strictObject({
    account: z.literal("municipality"),
    ...commonKeys,
    /** Short name; must match this municipality's key in the operator's `municipalities` map. */
    municipalityName,
    clientRoleName: roleName.optional(),
    operatorStack: stackReferenceName.optional(),
    operatorRoleArn: roleArn.optional(),
    vpc: z
      .strictObject({
        cidrBlock,
        availabilityZoneCount: z
          .number({ error: "must be a whole number from 1 to 3" })
          .int({ error: "must be a whole number from 1 to 3" })
          .min(1, { error: "must be at least 1 (1 = PoC, 2 or 3 = production)" })
          .max(3, { error: "must be at most 3: the Japan regions have three usable AZs" })
          .default(2),
      })
      .default({ cidrBlock: "10.0.0.0/16", availabilityZoneCount: 2 }),
    endpoints: endpointToggles,
    clientRole: z
      .strictObject({ trustLambda: z.boolean({ error: "must be true or false" }).default(false) })
      .default({ trustLambda: false }),
    codeArtifact: z
      .strictObject({
        domainName: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,48}[a-z0-9]$/, { error: CODEARTIFACT_DOMAIN_MESSAGE })
          .default("bedrock-lz"),
        /** Account that owns the domain; defaults to this municipality account. */
        domainOwner: accountId.optional(),
        repositoryName: z
          .string()
          .regex(/^[A-Za-z0-9][\w.-]{1,99}$/, { error: CODEARTIFACT_REPO_MESSAGE })
          .default("pypi"),
        /** The repository holding the public:pypi connection, upstream of repositoryName. */
        upstreamRepositoryName: z
          .string()
          .regex(/^[A-Za-z0-9][\w.-]{1,99}$/, { error: CODEARTIFACT_REPO_MESSAGE })
          .default("pypi-store"),
        /** Create the repositories, and the domain when this account owns it. */
        mirror: z.boolean({ error: "must be true or false" }).default(false),
        /** Temporary read policy on the client role: on for setup, off afterwards. */
        clientReadAccess: z.boolean({ error: "must be true or false" }).default(false),
      })
      .prefault({}),
    /** Session Manager endpoints and the agent's permissions on the client role. */
    sessionAccess: z
      .strictObject({ enabled: z.boolean({ error: "must be true or false" }).default(false) })
      .prefault({}),
    /** A throwaway instance that installs boto3 through the mirror and calls Bedrock once. */
    smokeTest: z
      .strictObject({
        enabled: z.boolean({ error: "must be true or false" }).default(false),
        instanceType: z
          .enum(Object.keys(SMOKE_INSTANCE_TYPES) as [SmokeInstanceType, ...SmokeInstanceType[]], {
            error: `must be one of ${Object.keys(SMOKE_INSTANCE_TYPES).join(", ")} (1 GiB or more: dnf and pip run at boot)`,
          })
          .default("t3.micro"),
        prompt: z
          .string({ error: "must be a text of 1-2000 characters" })
          .min(1, { error: "must be a text of 1-2000 characters" })
          .max(2000, { error: "must be a text of 1-2000 characters" })
          .default(DEFAULT_SMOKE_PROMPT),
        /** The operator's `sts:ExternalId` for this municipality, when it requires one. */
        externalId: externalId.optional(),
      })
      .prefault({}),
    /** This VPC's quotas, when raised through Service Quotas. */
    quotas: z
      .strictObject({
        interfaceEndpointsPerVpc: wholeNumber(1, 1000).default(AWS_QUOTAS.interfaceEndpointsPerVpc.default),
      })
      .default({ interfaceEndpointsPerVpc: AWS_QUOTAS.interfaceEndpointsPerVpc.default }),
  })
  .superRefine((cfg, ctx) => {
    regionOfferingProblems(cfg, ctx);
    const given = [cfg.operatorStack, cfg.operatorRoleArn].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [given === 0 ? "operatorStack" : "operatorRoleArn"],
        message:
          given === 0
            ? `set exactly one of ${CONFIG_NAMESPACE}:operatorStack (read the invoke role from the operator stack) ` +
              `or ${CONFIG_NAMESPACE}:operatorRoleArn (give it directly); neither is set`
            : `set exactly one of ${CONFIG_NAMESPACE}:operatorStack or ${CONFIG_NAMESPACE}:operatorRoleArn, not both`,
      });
    }
    const { repositoryName, upstreamRepositoryName } = cfg.codeArtifact;
    if (repositoryName === upstreamRepositoryName) {
      ctx.addIssue({
        code: "custom",
        path: ["codeArtifact", "upstreamRepositoryName"],
        message: `must differ from codeArtifact.repositoryName ("${repositoryName}"): the client repository reads through it`,
      });
    }
    if (cfg.sessionAccess.enabled) {
      for (const key of REQUIRED_SESSION_ENDPOINT_KEYS) {
        if (cfg.endpoints[key]?.enabled === false) {
          ctx.addIssue({
            code: "custom",
            path: ["endpoints", key, "enabled"],
            message: `must not be false while sessionAccess.enabled is true: Session Manager needs the ${key} endpoint`,
          });
        }
      }
    }
    const { cidrBlock: cidr, availabilityZoneCount } = cfg.vpc;
    // Only meaningful once the block and the count are valid on their own.
    const fieldsValid = cidrBlock.safeParse(cidr).success && [1, 2, 3].includes(availabilityZoneCount);
    if (fieldsValid && subnetSlots(cidr) < availabilityZoneCount) {
      ctx.addIssue({
        code: "custom",
        path: ["vpc", "cidrBlock"],
        message:
          `${cidr} has room for ${subnetSlots(cidr)} isolated subnet(s) of at least /28, ` +
          `not ${availabilityZoneCount} (vpc.availabilityZoneCount); use a larger block`,
      });
    }
  });

/**
 * What the region does not offer (infra/regions.ts) cannot be switched on: CodeArtifact has no
 * endpoint in Osaka, and a VPC endpoint cannot reach another region's service. The CodeArtifact
 * endpoints therefore default to off there (resolveMunicipality) and only an explicit `true` is an error.
 */
function regionOfferingProblems(
  cfg: {
    region: string;
    endpoints: Partial<Record<EndpointKey, { enabled?: boolean } | undefined>>;
    codeArtifact: { mirror: boolean; clientReadAccess: boolean };
  },
  ctx: z.RefinementCtx,
): void {
  // A region outside Japan is already reported by its own key.
  if (!(JAPAN_REGIONS as readonly string[]).includes(cfg.region)) return;
  for (const key of endpointsNotOffered(cfg.region)) {
    if (cfg.endpoints[key]?.enabled === true) {
      ctx.addIssue({
        code: "custom",
        path: ["endpoints", key, "enabled"],
        message: `${key} is not offered in ${cfg.region} (${ENDPOINT_REGIONS[key].source}); leave it off there`,
      });
    }
  }
  if (!serviceOffered(cfg.region, "codeartifact")) {
    for (const setting of ["mirror", "clientReadAccess"] as const) {
      if (cfg.codeArtifact[setting]) {
        ctx.addIssue({
          code: "custom",
          path: ["codeArtifact", setting],
          message:
            `CodeArtifact is not offered in ${cfg.region} (${SERVICE_REGIONS.codeartifact.source}); ` +
            "install packages another way (a Tokyo municipality stack can host the mirror)",
        });
      }
    }
  }
}

export const stackSchema = z.discriminatedUnion("account", [operatorSchema, municipalitySchema], {
  error: 'must be "operator" or "municipality": which AWS account this stack deploys into',
});

// ---------------------------------------------------------------------------------------------
// Resolved configuration the stacks consume
// ---------------------------------------------------------------------------------------------

type OperatorInput = z.output<typeof operatorSchema>;
type MunicipalityInput = z.output<typeof municipalitySchema>;

/** Where the guardrail SCPs are created; `undefined` when `organizations.enabled` is false. */
export interface OrganizationsSetting {
  readonly managementRoleArn: string;
  readonly targetIds: readonly string[];
}

function organizationsSetting(
  org: { enabled: boolean; managementRoleArn?: string; targetIds?: string[] },
  accountId: string,
): OrganizationsSetting | undefined {
  if (!org.enabled) return undefined;
  return { managementRoleArn: org.managementRoleArn!, targetIds: org.targetIds ?? [accountId] };
}

export interface MunicipalityPeer {
  readonly accountId: string;
  readonly clientRoleArn: string;
  readonly externalId?: string;
  readonly bedrockRuntimeEndpointId?: string;
  readonly stsEndpointId?: string;
  readonly municipalityStack?: string;
  readonly lockTrustToStsEndpoint: boolean;
}

export interface OperatorConfig extends OperatorFeatures {
  readonly account: "operator";
  readonly region: string;
  readonly accountId: string;
  readonly inferenceProfile: InferenceProfile;
  readonly tags: Readonly<Record<string, string>>;
  readonly municipalities: Readonly<Record<string, MunicipalityPeer>>;
  readonly quotas: { readonly rolesPerAccount: number; readonly trustPolicySize: number };
  /** Attach the guardrail boundary to every invoke role. */
  readonly permissionBoundary: { readonly enabled: boolean };
  readonly organizations?: OrganizationsSetting;
}

export interface EndpointSetting {
  readonly enabled: boolean;
  /** Interface endpoints only. */
  readonly privateDnsEnabled: boolean;
}

export type OperatorReference = { readonly stack: string } | { readonly roleArn: string };

export interface MunicipalityConfig {
  readonly account: "municipality";
  readonly region: string;
  readonly accountId: string;
  readonly inferenceProfile: InferenceProfile;
  readonly tags: Readonly<Record<string, string>>;
  readonly municipalityName: string;
  readonly clientRoleName: string;
  readonly operator: OperatorReference;
  readonly vpc: { readonly cidrBlock: string; readonly availabilityZones: readonly string[] };
  readonly endpoints: Readonly<Record<EndpointKey, EndpointSetting>>;
  readonly clientRoleTrustedServices: readonly string[];
  readonly codeArtifact: CodeArtifactSettings;
  /** Session Manager access to instances carrying the client role. */
  readonly sessionAccess: boolean;
  readonly smokeTest: {
    readonly enabled: boolean;
    readonly instanceType: SmokeInstanceType;
    readonly prompt: string;
    readonly externalId?: string;
  };
  readonly quotas: { readonly interfaceEndpointsPerVpc: number };
  /** Attach the guardrail boundary to the client role. */
  readonly permissionBoundary: { readonly enabled: boolean };
  readonly organizations?: OrganizationsSetting;
}

export type StackConfig = OperatorConfig | MunicipalityConfig;

function resolveOperator(cfg: OperatorInput): OperatorConfig {
  const municipalities = Object.fromEntries(
    Object.entries(cfg.municipalities).map(([name, peer]) => [
      name,
      {
        accountId: peer.accountId,
        clientRoleArn: iamRoleArn(peer.accountId, peer.clientRoleName ?? clientRoleName(name)),
        externalId: peer.externalId,
        bedrockRuntimeEndpointId: peer.bedrockRuntimeEndpointId,
        stsEndpointId: peer.stsEndpointId,
        municipalityStack: peer.municipalityStack,
        lockTrustToStsEndpoint: peer.lockTrustToStsEndpoint,
      } satisfies MunicipalityPeer,
    ]),
  );
  return {
    account: "operator",
    region: cfg.region,
    accountId: cfg.accountId,
    inferenceProfile: lookupInferenceProfile(cfg.inferenceProfileId)!,
    tags: cfg.tags,
    municipalities,
    quotas: cfg.quotas,
    permissionBoundary: cfg.permissionBoundary,
    organizations: organizationsSetting(cfg.organizations, cfg.accountId),
    ...resolveOperatorFeatures(cfg),
  };
}

function resolveMunicipality(cfg: MunicipalityInput): MunicipalityConfig {
  const endpoints = Object.fromEntries(
    ENDPOINT_KEYS.map((key) => {
      const override: { enabled?: boolean; privateDnsEnabled?: boolean } = cfg.endpoints[key] ?? {};
      const isInterface = ENDPOINT_CATALOG[key].kind === "Interface";
      return [
        key,
        {
          enabled:
            override.enabled ??
            ((cfg.sessionAccess.enabled && (SESSION_ENDPOINT_KEYS as readonly string[]).includes(key)) ||
              (ENDPOINT_CATALOG[key].enabledByDefault && endpointOffered(cfg.region, key))),
          privateDnsEnabled: isInterface && (override.privateDnsEnabled ?? true),
        },
      ];
    }),
  ) as Record<EndpointKey, EndpointSetting>;
  return {
    account: "municipality",
    region: cfg.region,
    accountId: cfg.accountId,
    inferenceProfile: lookupInferenceProfile(cfg.inferenceProfileId)!,
    tags: cfg.tags,
    municipalityName: cfg.municipalityName,
    clientRoleName: cfg.clientRoleName ?? clientRoleName(cfg.municipalityName),
    operator: cfg.operatorStack !== undefined ? { stack: cfg.operatorStack } : { roleArn: cfg.operatorRoleArn! },
    vpc: {
      cidrBlock: cfg.vpc.cidrBlock,
      availabilityZones: AVAILABILITY_ZONES[cfg.region].slice(0, cfg.vpc.availabilityZoneCount),
    },
    endpoints,
    clientRoleTrustedServices: cfg.clientRole.trustLambda
      ? ["ec2.amazonaws.com", "lambda.amazonaws.com"]
      : ["ec2.amazonaws.com"],
    codeArtifact: {
      domainName: cfg.codeArtifact.domainName,
      domainOwner: cfg.codeArtifact.domainOwner ?? cfg.accountId,
      repositoryName: cfg.codeArtifact.repositoryName,
      upstreamRepositoryName: cfg.codeArtifact.upstreamRepositoryName,
      mirror: cfg.codeArtifact.mirror,
      clientReadAccess: cfg.codeArtifact.clientReadAccess,
    },
    sessionAccess: cfg.sessionAccess.enabled,
    smokeTest: cfg.smokeTest,
    quotas: cfg.quotas,
    permissionBoundary: cfg.permissionBoundary,
    organizations: organizationsSetting(cfg.organizations, cfg.accountId),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing and errors
// ---------------------------------------------------------------------------------------------

export interface ConfigProblem {
  /** The full Pulumi config key, e.g. `bedrock-lz:municipalities.sapporo.accountId`. */
  readonly key: string;
  readonly message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`invalid stack configuration:\n` + problems.map((p) => `  - ${p.key}: ${p.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** `region` comes from the AWS provider's own key; everything else is in this project's namespace. */
export function configKeyOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return `${CONFIG_NAMESPACE}:<root>`;
  if (path[0] === "region") return "aws:region";
  const [head, ...rest] = path.map(String);
  return `${CONFIG_NAMESPACE}:${[head, ...rest].join(".")}`;
}

function problemsOf(error: z.ZodError): ConfigProblem[] {
  return error.issues.flatMap((issue): ConfigProblem | ConfigProblem[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        key: configKeyOf([...issue.path, key]),
        message:
          "is not a setting here; check its spelling (keys are case-sensitive) and that it belongs to this stack's account kind",
      }));
    }
    if (issue.code === "invalid_key") {
      // A map key (municipality name) that does not match its schema.
      const inner = issue.issues[0]?.message ?? issue.message;
      return { key: configKeyOf(issue.path), message: `map key ${inner}` };
    }
    return { key: configKeyOf(issue.path), message: issue.message };
  });
}

/**
 * Turns the engine's flat config (`bedrock-lz:<key>` and `aws:region`, values as strings, maps as
 * JSON) into the raw object the schema validates. Every `bedrock-lz:` key is kept, so a misspelt
 * one is reported instead of silently ignored; top-level scalars stay strings so account ids keep
 * their leading zeros.
 */
export function rawConfigOf(
  flat: Readonly<Record<string, string>>,
  options: {
    /** Another project's namespace (the bootstrap project uses `bedrock-lz-bootstrap`). */
    readonly namespace?: string;
    /** Read top-level `true`/`false` as booleans (this project has no top-level booleans). */
    readonly booleans?: boolean;
  } = {},
): Record<string, unknown> {
  const prefix = `${options.namespace ?? CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (key === "aws:region") raw.region = value;
    else if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = parseStructured(key, value, options.booleans);
  }
  return raw;
}

function parseStructured(key: string, value: string, booleans = false): unknown {
  if (booleans && (value === "true" || value === "false")) return value === "true";
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new ConfigError([{ key, message: "is not a valid map or list (JSON)" }]);
  }
}

/**
 * Validates raw config (the `bedrock-lz:*` values plus `region` from `aws:region`) and returns
 * the resolved configuration, or throws a {@link ConfigError} listing every problem.
 */
export function parseStackConfig(raw: unknown): StackConfig {
  const result = stackSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(problemsOf(result.error));
  const config = result.data.account === "operator" ? resolveOperator(result.data) : resolveMunicipality(result.data);
  const overLimits = limitProblemsOf(config);
  if (overLimits.length > 0) {
    throw new ConfigError(overLimits.map((p) => ({ key: configKeyOf(p.path), message: p.message })));
  }
  return config;
}

/** AWS quotas, checked on the resolved configuration with the documents the stacks will create. */
function limitProblemsOf(config: StackConfig) {
  if (config.account === "municipality") {
    return interfaceEndpointProblems(config.endpoints, config.quotas.interfaceEndpointsPerVpc);
  }
  return operatorLimitProblems(
    { profile: config.inferenceProfile, region: config.region, operatorAccountId: config.accountId },
    Object.entries(config.municipalities).map(([name, peer]) => ({
      name,
      municipalityAccountId: peer.accountId,
      ...peer,
    })),
    config.quotas,
    config.guardrail?.enforceOnInvokeRoles ? longestGuardrailReference(config.region, config.accountId) : undefined,
  );
}

function isNetworkAddress(cidr: string): boolean {
  return ipv4ToNumber(cidr.split("/")[0]) % 2 ** (32 - prefixOf(cidr)) === 0;
}
