/**
 * The municipality stack's configuration: its closed VPC and endpoints, the client role, how it
 * finds the operator's invoke role, and its optional features, resolved into what
 * `stacks/municipality.ts` consumes.
 */
import { z } from "zod";
import { CHARACTERS } from "./characters";
import { lookupInferenceProfile } from "../catalog";
import { ENDPOINT_CATALOG, ENDPOINT_KEYS, type EndpointKey, PACKAGE_ENDPOINT_KEYS } from "../endpoints";
import { AWS_QUOTAS } from "../limits";
import { clientRoleName } from "../naming";
import { AVAILABILITY_ZONES, subnetSlots } from "../network";
import { ENDPOINT_REGIONS, SERVICE_REGIONS, endpointOffered, endpointsNotOffered, serviceOffered } from "../regions";
import { SESSION_ENDPOINT_KEYS } from "../session-access";
import { commonKeys } from "./common";
import { CONFIG_NAMESPACE } from "./errors";
import { CONFIG_MESSAGES as m } from "./messages";
import {
  applicationProfileArn,
  bool,
  cidrBlock,
  municipalityName,
  roleArn,
  roleName,
  stackReferenceName,
  wholeNumber,
  refuse,
} from "./fields";
import { codeArtifactSchema, distinctMirrorRepositories, resolveCodeArtifact } from "./features/codeartifact";
import { existingVpcSchema, oneNetwork, resolveExistingVpc } from "./features/existing-vpc";
import { resolveOrganizations } from "./features/organizations";
import { sessionAccessSchema, sessionEndpointsKept } from "./features/session-access";
import { smokeTestSchema } from "./features/smoke-test";

const endpointEnabled = z.boolean({ error: m.boolean }).optional().meta({
  description:
    "Create this endpoint; an explicit value always wins. Setup-time endpoints follow their feature: the Session Manager ones (`ssm`, `ssmmessages`, `ec2messages`) `sessionAccess`, the CodeArtifact ones `codeArtifact.clientReadAccess` or `smokeTest.enabled`.",
  descriptionJa:
    "このエンドポイントを作ります。明示した値が常に優先します。セットアップ時のエンドポイントは機能に従います: Session Manager 用(`ssm`、`ssmmessages`、`ec2messages`)は `sessionAccess`、CodeArtifact 用は `codeArtifact.clientReadAccess` または `smokeTest.enabled` でオンになります。",
});
const interfaceEndpointToggle = z.strictObject({
  enabled: endpointEnabled,
  privateDnsEnabled: z.boolean({ error: m.boolean }).optional().meta({
    description: "Resolve the service's public hostname to the endpoint (needed by SDKs and `aws codeartifact login`).",
    descriptionJa: "サービスの公開ホスト名をエンドポイントに解決します(SDK と `aws codeartifact login` に必要です)。",
  }),
});
const gatewayEndpointToggle = z.strictObject({ enabled: endpointEnabled });

// One optional override per catalog entry: unknown endpoint keys are rejected by name.
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

const municipalityFields = z.strictObject({
  account: z.literal("municipality"),
  ...commonKeys,
  municipalityName: municipalityName.meta({
    description: "This municipality's key in the operator's `municipalities` map.",
    descriptionJa: "事業者の `municipalities` マップでの、この自治体のキー。",
    characters: CHARACTERS.municipalityName,
  }),
  clientRoleName: roleName.optional().meta({
    description:
      "Name of the client role; the operator must use the same (default `bedrock-lz-client-<municipalityName>`).",
    descriptionJa:
      "クライアントロールの名前。事業者も同じ名前を使います(既定は `bedrock-lz-client-<municipalityName>`)。",
    characters: CHARACTERS.roleName,
  }),
  operatorStack: stackReferenceName.optional().meta({
    description:
      "Operator stack to read `invokeRoleArns[<municipalityName>]` from (`<org>/<project>/<stack>`, `organization/<project>/<stack>` or `<stack>`). Exactly one of this and `operatorRoleArn`.",
    descriptionJa:
      "`invokeRoleArns[<municipalityName>]` を読む事業者スタック(`<org>/<project>/<stack>`、`organization/<project>/<stack>` または `<stack>`)。これと `operatorRoleArn` のどちらか一方だけを指定します。",
  }),
  operatorRoleArn: roleArn.optional().meta({
    description:
      "The operator's invoke role ARN, when the stacks use different Pulumi backends. Exactly one of this and `operatorStack`.",
    descriptionJa:
      "事業者の呼び出しロールの ARN。2 つのスタックが別々の state バックエンドを使うときに指定します。これと `operatorStack` のどちらか一方だけを指定します。",
  }),
  operatorInferenceProfileArn: applicationProfileArn.optional().meta({
    description:
      "With `operatorRoleArn` and a metering operator: this municipality's application inference profile (the operator's output `inferenceProfileArns.<municipalityName>`), which clients pass as `modelId` and the bedrock-runtime endpoint admits. With `operatorStack` it is read from the stack.",
    descriptionJa:
      "`operatorRoleArn` を使い、事業者がメータリングしている場合: この自治体のアプリケーション推論プロファイル(事業者の出力 `inferenceProfileArns.<municipalityName>`)。クライアントが `modelId` に渡し、bedrock-runtime エンドポイントが許可します。`operatorStack` の場合はスタックから読み取ります。",
  }),
  vpc: z
    .strictObject({
      cidrBlock: cidrBlock.meta({
        description: "IPv4 network address of the VPC, /16 to /28; each AZ gets a quarter of it (at least /28).",
        descriptionJa: "VPC の IPv4 ネットワークアドレス(/16〜/28)。各 AZ がその 4 分の 1(最小 /28)を使います。",
      }),
      availabilityZoneCount: z
        .number({ error: m.azCount })
        .int()
        .min(1, { error: m.azAtLeastOne })
        .max(3, { error: m.azAtMostThree })
        .default(2)
        .meta({
          description:
            "1 for a PoC (interface endpoints cost per AZ-hour), 2-3 for production; Tokyo uses 1a/1c/1d, Osaka 3a/3b/3c.",
          descriptionJa:
            "PoC なら 1(インターフェースエンドポイントは AZ ごとに時間単位で課金)、本番なら 2〜3。東京は 1a/1c/1d、大阪は 3a/3b/3c を使います。",
        }),
    })
    // No default here: an explicit `vpc` next to `existingVpc` must be reported (resolveMunicipality fills it in).
    // The reference shows the leaves' descriptions only, so this object carries none of its own.
    .optional(),
  existingVpc: existingVpcSchema,
  endpoints: endpointToggles,
  clientRole: z
    .strictObject({
      trustLambda: bool(false).meta({
        description: "Let Lambda functions use the client role too (EC2 always can).",
        descriptionJa: "Lambda 関数にもクライアントロールを使わせます(EC2 は常に使えます)。",
      }),
    })
    .prefault({}),
  codeArtifact: codeArtifactSchema,
  sessionAccess: sessionAccessSchema,
  smokeTest: smokeTestSchema,
  // Raised through Service Quotas, this moves the limit infra/limits.ts checks against.
  quotas: z
    .strictObject({
      interfaceEndpointsPerVpc: wholeNumber(1, 1000).default(AWS_QUOTAS.interfaceEndpointsPerVpc.default).meta({
        description: "The VPC's interface-endpoint quota, if raised with Service Quotas.",
        descriptionJa: "VPC のインターフェースエンドポイントのクォータ(Service Quotas で引き上げた場合)。",
      }),
    })
    .prefault({}),
});
type MunicipalityInput = z.output<typeof municipalityFields>;

/** Two sources of the invoke role could disagree, and with none the client has nothing to assume. */
function exactlyOneOperatorReference(cfg: MunicipalityInput, ctx: z.RefinementCtx): void {
  const given = [cfg.operatorStack, cfg.operatorRoleArn].filter((v) => v !== undefined).length;
  if (given !== 1) {
    const keys = { stackKey: `${CONFIG_NAMESPACE}:operatorStack`, roleKey: `${CONFIG_NAMESPACE}:operatorRoleArn` };
    refuse(
      ctx,
      [given === 0 ? "operatorStack" : "operatorRoleArn"],
      given === 0 ? m.operatorReferenceNone(keys) : m.operatorReferenceBoth(keys),
    );
  }
}

/** Each AZ gets one isolated subnet of at least /28, so a small block limits the AZ count. */
/**
 * The application profile is handed over with the role ARN, so it only makes sense next to
 * `operatorRoleArn`, and must belong to that operator's account and this stack's region: the
 * invoke role and the endpoint admit nothing else.
 */
function profileMatchesTheOperatorRole(cfg: MunicipalityInput, ctx: z.RefinementCtx): void {
  const profile = cfg.operatorInferenceProfileArn;
  if (profile === undefined) return;
  const path = ["operatorInferenceProfileArn"];
  if (cfg.operatorRoleArn === undefined) {
    refuse(ctx, path, m.profileOnlyWithRoleArn({ roleKey: `${CONFIG_NAMESPACE}:operatorRoleArn` }));
    return;
  }
  const [, , , region, account] = profile.split(":");
  const roleAccount = cfg.operatorRoleArn.split(":")[4];
  if (account !== roleAccount || region !== cfg.region) {
    refuse(ctx, path, m.profileAccountRegion({ roleAccount, region: cfg.region, account, profileRegion: region }));
  }
}

function subnetsFitTheBlock(cfg: MunicipalityInput, ctx: z.RefinementCtx): void {
  if (cfg.vpc === undefined) return;
  const { cidrBlock: cidr, availabilityZoneCount } = cfg.vpc;
  // Only meaningful once the block and the count are valid on their own.
  const fieldsValid = cidrBlock.safeParse(cidr).success && [1, 2, 3].includes(availabilityZoneCount);
  if (fieldsValid && subnetSlots(cidr) < availabilityZoneCount) {
    refuse(
      ctx,
      ["vpc", "cidrBlock"],
      m.subnetsDontFit({ cidr, slots: subnetSlots(cidr), count: availabilityZoneCount }),
    );
  }
}

/** Catalog defaults, overridden per key; Session Manager's endpoints follow `sessionAccess` unless set. */
/**
 * What the region does not offer (infra/regions.ts) cannot be switched on: CodeArtifact has no
 * endpoint in Osaka, and a VPC endpoint cannot reach another region's service. The CodeArtifact
 * endpoints therefore default to off there (resolveEndpoints) and only an explicit `true` is an error.
 */
function offeredInTheRegion(cfg: MunicipalityInput, ctx: z.RefinementCtx): void {
  // A region outside Japan fails its enum and aborts the object, so refinements see Tokyo or Osaka only.
  for (const key of endpointsNotOffered(cfg.region)) {
    if (cfg.endpoints[key]?.enabled === true) {
      refuse(
        ctx,
        ["endpoints", key, "enabled"],
        m.endpointNotOffered({ key, region: cfg.region, source: ENDPOINT_REGIONS[key].source }),
      );
    }
  }
  if (!serviceOffered(cfg.region, "codeartifact")) {
    for (const setting of ["mirror", "clientReadAccess"] as const) {
      if (cfg.codeArtifact[setting]) {
        refuse(
          ctx,
          ["codeArtifact", setting],
          m.codeArtifactNotOffered({ region: cfg.region, source: SERVICE_REGIONS.codeartifact.source }),
        );
      }
    }
  }
}

/** What decides an endpoint's default: the region and the features that need it. */
export interface EndpointInputs {
  readonly region: string;
  /** The user's per-endpoint overrides (`endpoints.<key>`): an explicit `enabled` always wins. */
  readonly endpoints: Readonly<Partial<Record<EndpointKey, { enabled?: boolean; privateDnsEnabled?: boolean }>>>;
  readonly sessionAccess: boolean;
  /** A setup feature installs packages: `codeArtifact.clientReadAccess` or the smoke test (pip at boot). */
  readonly installsPackages: boolean;
}

/**
 * Catalog defaults, overridden per key. Setup-time endpoints follow their feature: Session Manager's
 * follow `sessionAccess`, CodeArtifact's follow the setup features that install packages, so the
 * steady state pays only for bedrock-runtime and STS. What the region does not offer defaults to off.
 * Also used by plan/cost.ts to price the setup run.
 */
export function resolveEndpoints(inputs: EndpointInputs) {
  return Object.fromEntries(
    ENDPOINT_KEYS.map((key) => {
      const override = inputs.endpoints[key] ?? {};
      const isInterface = ENDPOINT_CATALOG[key].kind === "Interface";
      const followsFeature =
        (inputs.sessionAccess && (SESSION_ENDPOINT_KEYS as readonly string[]).includes(key)) ||
        (inputs.installsPackages && (PACKAGE_ENDPOINT_KEYS as readonly string[]).includes(key));
      return [
        key,
        {
          enabled:
            override.enabled ??
            ((followsFeature || ENDPOINT_CATALOG[key].enabledByDefault) && endpointOffered(inputs.region, key)),
          privateDnsEnabled: isInterface && (override.privateDnsEnabled ?? true),
        },
      ];
    }),
  ) as Record<EndpointKey, { enabled: boolean; privateDnsEnabled: boolean }>;
}

/** Where the client finds the operator's invoke role: its stack output, or the ARN itself. */
export type OperatorReference = { readonly stack: string } | { readonly roleArn: string };

function operatorReferenceOf(cfg: MunicipalityInput): OperatorReference {
  return cfg.operatorStack !== undefined ? { stack: cfg.operatorStack } : { roleArn: cfg.operatorRoleArn! };
}

function newVpcOf(cfg: MunicipalityInput) {
  const { cidrBlock, availabilityZoneCount } = cfg.vpc ?? { cidrBlock: "10.0.0.0/16", availabilityZoneCount: 2 };
  return { cidrBlock, availabilityZones: AVAILABILITY_ZONES[cfg.region].slice(0, availabilityZoneCount) };
}

/** What `stacks/municipality.ts` consumes: names, AZs and endpoint switches worked out. */
function resolveMunicipality(cfg: MunicipalityInput) {
  return {
    account: cfg.account,
    region: cfg.region,
    accountId: cfg.accountId,
    inferenceProfile: lookupInferenceProfile(cfg.inferenceProfileId)!,
    tags: cfg.tags,
    municipalityName: cfg.municipalityName,
    clientRoleName: cfg.clientRoleName ?? clientRoleName(cfg.municipalityName),
    operator: operatorReferenceOf(cfg),
    operatorInferenceProfileArn: cfg.operatorInferenceProfileArn,
    /** The VPC to create; undefined in existing-VPC mode. */
    vpc: cfg.existingVpc === undefined ? newVpcOf(cfg) : undefined,
    existingVpc: resolveExistingVpc(cfg.existingVpc),
    endpoints: resolveEndpoints({
      region: cfg.region,
      endpoints: cfg.endpoints,
      sessionAccess: cfg.sessionAccess.enabled,
      installsPackages: cfg.codeArtifact.clientReadAccess || cfg.smokeTest.enabled,
    }),
    // The user's endpoint overrides, so the plan can re-resolve the endpoints for the setup run.
    endpointOverrides: cfg.endpoints,
    clientRoleTrustedServices: cfg.clientRole.trustLambda
      ? ["ec2.amazonaws.com", "lambda.amazonaws.com"]
      : ["ec2.amazonaws.com"],
    codeArtifact: resolveCodeArtifact(cfg.codeArtifact, cfg.accountId),
    sessionAccess: cfg.sessionAccess.enabled,
    smokeTest: cfg.smokeTest,
    quotas: cfg.quotas,
    permissionBoundary: cfg.permissionBoundary,
    organizations: resolveOrganizations(cfg.organizations, cfg.accountId),
  };
}

export const municipalitySchema = municipalityFields
  .superRefine(offeredInTheRegion)
  .superRefine(exactlyOneOperatorReference)
  .superRefine(profileMatchesTheOperatorRole)
  .superRefine(distinctMirrorRepositories)
  .superRefine(sessionEndpointsKept)
  .superRefine(subnetsFitTheBlock)
  .superRefine(oneNetwork)
  .transform(resolveMunicipality);

export type MunicipalityConfig = z.output<typeof municipalitySchema>;
export type EndpointSetting = MunicipalityConfig["endpoints"][EndpointKey];
