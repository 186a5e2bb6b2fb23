/**
 * The operator stack's configuration: the municipalities it serves, its IAM quotas and its
 * production features (docs/operator.md), resolved into what `stacks/operator.ts` consumes.
 */
import { z } from "zod";
import { CHARACTERS } from "./characters";
import { iamRoleArn } from "../arns";
import { lookupInferenceProfile } from "../catalog";
import { AWS_QUOTAS } from "../limits";
import { clientRoleName } from "../naming";
import { commonKeys } from "./common";
import { CONFIG_MESSAGES as m } from "./messages";
import {
  type TaggingApi,
  accountId,
  bool,
  externalId,
  municipalityName,
  roleName,
  stackReferenceName,
  tagsRefusedBy,
  vpcEndpointId,
  wholeNumber,
  refuse,
} from "./fields";
import { guardrailSchema, resolveBedrockGuardrail } from "./features/bedrock-guardrail";
import { dataSafetySchema } from "./features/data-safety";
import { invocationLoggingSchema, resolveInvocationLogging } from "./features/invocation-logging";
import { modelAccessSchema, resolveFirstCallNetwork, resolveModelAccess } from "./features/model-access";
import { meteringSchema, resolveMetering } from "./features/metering";
import { resolveOrganizations } from "./features/organizations";

const municipalityPeerFields = z.strictObject({
  accountId: accountId.meta({
    description: "The municipality's AWS account; its root is the trust principal, pinned to the client role.",
    descriptionJa:
      "自治体の AWS アカウント。そのルートを信頼ポリシーのプリンシパルにし、クライアントロールに限定します。",
  }),
  clientRoleName: roleName.optional().meta({
    description: "Only when the municipality overrides its `clientRoleName`; default `bedrock-lz-client-<name>`.",
    descriptionJa: "自治体が `clientRoleName` を変えたときだけ指定します。既定は `bedrock-lz-client-<name>` です。",
    characters: CHARACTERS.roleName,
  }),
  externalId: externalId.optional().meta({
    description: "`sts:ExternalId` the client must pass on AssumeRole.",
    descriptionJa: "クライアントが AssumeRole で渡さなければならない `sts:ExternalId`。",
    characters: CHARACTERS.externalId,
  }),
  bedrockRuntimeEndpointId: vpcEndpointId.optional().meta({
    description: "Hardening: deny `bedrock:*` unless the call comes through this municipality endpoint (`vpce-…`).",
    descriptionJa: "ロック: この自治体のエンドポイント(`vpce-…`)を通らない呼び出しには `bedrock:*` を拒否します。",
  }),
  stsEndpointId: vpcEndpointId.optional().meta({
    description: "The municipality's STS endpoint, for `lockTrustToStsEndpoint`.",
    descriptionJa: "自治体の STS エンドポイント。`lockTrustToStsEndpoint` に使います。",
  }),
  municipalityStack: stackReferenceName.optional().meta({
    description:
      "Hardening from the municipality stack's `endpointIds` output instead of explicit ids (same Pulumi backend).",
    descriptionJa:
      "ID を直接書く代わりに、自治体スタックの `endpointIds` 出力を使ってロックします(同じ state バックエンドのとき)。",
  }),
  lockTrustToStsEndpoint: bool(false).meta({
    description:
      "Opt-in: trust only AssumeRole calls through the municipality's STS endpoint (AWS documents network keys in trust policies mainly for federation; test first).",
    descriptionJa:
      "オプトイン: 自治体の STS エンドポイントを通る AssumeRole だけを信頼します(AWS が信頼ポリシーでのネットワーク条件キーを説明しているのは主にフェデレーション向けです。先に試してください)。",
  }),
});
type MunicipalityPeerInput = z.output<typeof municipalityPeerFields>;

/** Two sources of the same endpoint ids could disagree; the stack would not know which to trust. */
function oneSourceOfEndpointIds(peer: MunicipalityPeerInput, ctx: z.RefinementCtx): void {
  const explicit = peer.bedrockRuntimeEndpointId !== undefined || peer.stsEndpointId !== undefined;
  if (explicit && peer.municipalityStack !== undefined) {
    refuse(ctx, ["municipalityStack"], m.endpointIdsTwoSources);
  }
}

/** Locking the trust to an endpoint needs that endpoint's id from somewhere. */
function trustLockNeedsStsEndpoint(peer: MunicipalityPeerInput, ctx: z.RefinementCtx): void {
  if (peer.lockTrustToStsEndpoint && peer.stsEndpointId === undefined && peer.municipalityStack === undefined) {
    refuse(ctx, ["lockTrustToStsEndpoint"], m.trustLockNeedsSts);
  }
}

const municipalityPeer = municipalityPeerFields
  .superRefine(oneSourceOfEndpointIds)
  .superRefine(trustLockNeedsStsEndpoint);

const operatorFields = z.strictObject({
  account: z.literal("operator"),
  ...commonKeys,
  municipalities: z
    .record(municipalityName, municipalityPeer, { error: m.municipalitiesMap })
    .refine((map) => Object.keys(map).length > 0, { error: m.municipalitiesEmpty }),
  // Raised through Service Quotas, these move the limits infra/limits.ts checks against.
  quotas: z
    .strictObject({
      rolesPerAccount: wholeNumber(1, AWS_QUOTAS.rolesPerAccount.max).default(AWS_QUOTAS.rolesPerAccount.default).meta({
        description:
          "The account's IAM role quota; more municipalities than this is a config error (raise it with Service Quotas, or split operators).",
        descriptionJa:
          "アカウントの IAM ロールのクォータ。自治体がこれより多いと設定エラーです(Service Quotas で引き上げるか、事業者を分けます)。",
      }),
      trustPolicySize: wholeNumber(AWS_QUOTAS.trustPolicySize.default, AWS_QUOTAS.trustPolicySize.max)
        .default(AWS_QUOTAS.trustPolicySize.default)
        .meta({
          description: "The account's trust-policy length quota, if raised with Service Quotas.",
          descriptionJa: "アカウントの信頼ポリシーの長さのクォータ(Service Quotas で引き上げた場合)。",
        }),
      applicationInferenceProfilesPerAccount: wholeNumber(1, 100_000)
        .default(AWS_QUOTAS.applicationInferenceProfilesPerAccount.default)
        .meta({
          description:
            "The account's Bedrock application-inference-profile quota; with metering on, more municipalities than this is a config error (raise it with Service Quotas, or split operators).",
          descriptionJa:
            "アカウントの Bedrock アプリケーション推論プロファイルのクォータ。メータリングがオンのとき、これを超える自治体数は設定エラーです(Service Quotas で引き上げるか、事業者アカウントを分けてください)。",
        }),
    })
    .prefault({}),
  invocationLogging: invocationLoggingSchema,
  dataSafety: dataSafetySchema,
  modelAccess: modelAccessSchema,
  guardrail: guardrailSchema,
  metering: meteringSchema,
});
type OperatorInput = z.output<typeof operatorFields>;

/** The client role ARN is the trust principal: two entries resolving to one would be one municipality twice. */
function distinctClientRoles(cfg: OperatorInput, ctx: z.RefinementCtx): void {
  const seen = new Map<string, string>();
  for (const [name, peer] of Object.entries(cfg.municipalities)) {
    const arn = iamRoleArn(peer.accountId, peer.clientRoleName ?? clientRoleName(name));
    const first = seen.get(arn);
    if (first !== undefined) {
      refuse(ctx, ["municipalities", name], m.duplicateClientRole({ first, arn }));
    } else {
      seen.set(arn, name);
    }
  }
}

/**
 * Amazon Bedrock allows only ASCII letters, digits, spaces and `._:/=+@-` in tag keys and values
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Tag.html), and the provider's default
 * tags put every `tags` entry on the guardrail and the metered inference profiles. Refused here,
 * naming the tag, rather than kept off those resources: a tag that silently missed the profiles would
 * leave the Bedrock spend out of every cost report by that tag (docs/configuration.md, "Tags").
 */
export const BEDROCK_TAGS: Omit<TaggingApi, "taggedBy"> = {
  api: "Amazon Bedrock (CreateGuardrail, CreateInferenceProfile)",
  key: { service: "bedrock", operation: "CreateInferenceProfile", path: "tags[].key" },
  value: { service: "bedrock", operation: "CreateInferenceProfile", path: "tags[].value" },
};

const CLOUDTRAIL_TAGS: Omit<TaggingApi, "taggedBy"> = {
  api: "CloudTrail CreateTrail",
  key: { service: "cloudtrail", operation: "CreateTrail", path: "TagsList[].Key" },
  value: { service: "cloudtrail", operation: "CreateTrail", path: "TagsList[].Value" },
};

/** The tagging APIs this operator's resources reach besides IAM's (checked on the key itself). */
function tagsFitEveryApi(cfg: OperatorInput, ctx: z.RefinementCtx): void {
  const apis: TaggingApi[] = [];
  const { guardrail, metering } = { guardrail: cfg.guardrail.enabled, metering: cfg.metering.enabled };
  if (guardrail || metering)
    apis.push({
      ...BEDROCK_TAGS,
      taggedBy: guardrail && metering ? "guardrailAndProfiles" : guardrail ? "guardrail" : "profiles",
    });
  if (cfg.invocationLogging.enabled && cfg.invocationLogging.cloudTrail)
    apis.push({ ...CLOUDTRAIL_TAGS, taggedBy: "cloudTrail" });
  tagsRefusedBy(cfg.tags, apis, ctx);
}

function resolvePeer(name: string, peer: MunicipalityPeerInput) {
  return {
    accountId: peer.accountId,
    clientRoleArn: iamRoleArn(peer.accountId, peer.clientRoleName ?? clientRoleName(name)),
    externalId: peer.externalId,
    bedrockRuntimeEndpointId: peer.bedrockRuntimeEndpointId,
    stsEndpointId: peer.stsEndpointId,
    municipalityStack: peer.municipalityStack,
    lockTrustToStsEndpoint: peer.lockTrustToStsEndpoint,
  };
}

/** What `stacks/operator.ts` consumes: client role ARNs worked out, features that are off `undefined`. */
function resolveOperator(cfg: OperatorInput) {
  return {
    account: cfg.account,
    region: cfg.region,
    accountId: cfg.accountId,
    inferenceProfile: lookupInferenceProfile(cfg.inferenceProfileId)!,
    tags: cfg.tags,
    municipalities: Object.fromEntries(
      Object.entries(cfg.municipalities).map(([name, peer]) => [name, resolvePeer(name, peer)]),
    ),
    quotas: cfg.quotas,
    permissionBoundary: cfg.permissionBoundary,
    organizations: resolveOrganizations(cfg.organizations, cfg.accountId),
    invocationLogging: resolveInvocationLogging(cfg.invocationLogging, cfg.accountId, cfg.region),
    dataSafety: { protect: cfg.dataSafety.protect },
    modelAccess: resolveModelAccess(cfg.modelAccess),
    guardrail: resolveBedrockGuardrail(cfg.guardrail),
    firstCallNetwork: resolveFirstCallNetwork(cfg.modelAccess, cfg.region),
    metering: resolveMetering(cfg.metering),
  };
}

export const operatorSchema = operatorFields
  .superRefine(distinctClientRoles)
  .superRefine(tagsFitEveryApi)
  .transform(resolveOperator);

export type OperatorConfig = z.output<typeof operatorSchema>;
export type MunicipalityPeer = ReturnType<typeof resolvePeer>;
