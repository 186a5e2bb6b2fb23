import * as pulumi from "@pulumi/pulumi";
import { BedrockInvokeRole, MeteringDashboards, MunicipalityMetering, OperatorAlarms } from "../components";
import { asOutput, mapInputs } from "../components/inputs";
import type { MunicipalityPeer, OperatorConfig } from "../infra/config";
import { operatorEndpointRuleIsExact, operatorOrgGuardrails } from "../infra/org-guardrails";
import { invokeRoleName } from "../infra/naming";
import { type ProfileTarget, profileArnOf } from "../infra/policies";
import { MUNICIPALITY_ENDPOINT_IDS_OUTPUT, type OperatorOutputs, municipalityOutput } from "./contract";
import { stackOrgGuardrails } from "./org-guardrails";
import { operatorFeatures } from "./operator-features";
import { japanProvider } from "./provider";
import { PROGRAM_WARNINGS } from "../infra/warnings";

interface PeerEndpoints {
  readonly source: string | undefined;
  readonly bedrockRuntimeEndpointId?: pulumi.Input<string | undefined>;
  readonly stsEndpointId?: pulumi.Input<string | undefined>;
}

/** Endpoint ids for hardening: explicit config, the municipality stack's outputs, or none yet. */
function peerEndpoints(name: string, peer: MunicipalityPeer): PeerEndpoints {
  if (peer.municipalityStack !== undefined) {
    const reference = new pulumi.StackReference(`municipality-${name}`, { name: peer.municipalityStack });
    const endpointIds = municipalityOutput(reference, MUNICIPALITY_ENDPOINT_IDS_OUTPUT);
    return {
      source: PROGRAM_WARNINGS.peerFromStack({
        stack: peer.municipalityStack,
        output: MUNICIPALITY_ENDPOINT_IDS_OUTPUT,
      }),
      bedrockRuntimeEndpointId: endpointIds.apply((ids) => ids?.["bedrock-runtime"]),
      stsEndpointId: endpointIds.apply((ids) => ids?.sts),
    };
  }
  if (peer.bedrockRuntimeEndpointId !== undefined || peer.stsEndpointId !== undefined) {
    return {
      source: PROGRAM_WARNINGS.peerFromConfig({ key: `bedrock-lz:municipalities.${name}` }),
      bedrockRuntimeEndpointId: peer.bedrockRuntimeEndpointId,
      stsEndpointId: peer.stsEndpointId,
    };
  }
  return { source: undefined };
}

/** The operator (事業者) account: one invoke role per municipality, scoped to the JP profile. */
export function operatorStack(config: OperatorConfig) {
  const provider = japanProvider(config);
  const target: ProfileTarget = {
    profile: config.inferenceProfile,
    region: config.region,
    operatorAccountId: config.accountId,
  };
  const peers = Object.fromEntries(
    Object.entries(config.municipalities).map(([name, peer]) => [name, peerEndpoints(name, peer)]),
  );
  // Metering: the guardrails admit the operator's own application profiles next to the jp. profiles.
  const metering = config.metering;
  const meteringAccountId = metering !== undefined ? config.accountId : undefined;
  // The guardrails approve every municipality endpoint known so far; unknown ones are left out.
  // Explicit ids are plain config values: only stack references make this wait (components/inputs.ts).
  const guardrailDocuments = mapInputs(
    Object.values(peers).map((endpoints) => endpoints.bedrockRuntimeEndpointId),
    (endpointIds) => {
      const ids = endpointIds.filter((id): id is string => typeof id === "string" && id !== "");
      if (!operatorEndpointRuleIsExact(ids, meteringAccountId)) {
        pulumi.log.warn(PROGRAM_WARNINGS.guardrailEndpointsNotListed({ count: ids.length }));
      }
      return operatorOrgGuardrails(ids, meteringAccountId);
    },
  );
  const guardrails = stackOrgGuardrails(asOutput(guardrailDocuments), config, provider);
  const features = operatorFeatures(config, { providers: [provider] }, guardrails.boundaryArn);

  const operatorAlarms =
    metering?.alarms !== undefined || metering?.budgets !== undefined
      ? new OperatorAlarms(
          "operator-alarms",
          {
            region: config.region,
            accountId: config.accountId,
            emails: metering.alarms?.emails ?? [],
            alarms: metering.alarms,
            sharedModelIds: {
              systemProfileId: config.inferenceProfile.id,
              foundationModelId: config.inferenceProfile.modelId,
            },
            logDeliveryAlarms: metering.alarms !== undefined && config.invocationLogging !== undefined,
            accountBudget: metering.budgets,
            protect: config.dataSafety.protect,
          },
          { providers: [provider] },
        )
      : undefined;
  const meters =
    metering !== undefined
      ? new MunicipalityMetering(
          "metering",
          {
            municipalityNames: Object.keys(config.municipalities),
            sourceProfileArn: profileArnOf(target),
            costAllocationTagKey: metering.costAllocationTagKey,
            tags: config.tags,
            budget: metering.budgets,
          },
          { providers: [provider] },
        )
      : undefined;
  const dashboards =
    meters !== undefined && metering?.dashboard
      ? new MeteringDashboards(
          "metering-dashboards",
          {
            region: config.region,
            profileArns: meters.profileArns,
            municipalitiesPerDashboard: metering.municipalitiesPerDashboard,
          },
          { providers: [provider] },
        )
      : undefined;

  const roles = Object.fromEntries(
    Object.entries(config.municipalities).map(([name, peer]) => {
      const endpoints = peers[name];
      const role = new BedrockInvokeRole(
        `invoke-${name}`,
        {
          roleName: invokeRoleName(name),
          municipalityName: name,
          municipalityAccountId: peer.accountId,
          clientRoleArn: peer.clientRoleArn,
          externalId: peer.externalId,
          target,
          bedrockRuntimeEndpointId: endpoints.bedrockRuntimeEndpointId,
          peerSource: endpoints.source,
          lockTrustToStsEndpoint: peer.lockTrustToStsEndpoint,
          stsEndpointId: endpoints.stsEndpointId,
          permissionsBoundary: guardrails.boundaryArn,
          guardrail: features.enforcedGuardrail,
          applicationProfileArn: meters?.profileArns[name],
        },
        { providers: [provider] },
      );
      return [name, role];
    }),
  );

  return {
    account: config.account,
    region: config.region,
    accountId: config.accountId,
    modelId: config.inferenceProfile.modelId,
    inferenceProfileId: config.inferenceProfile.id,
    inferenceProfileArn: profileArnOf(target),
    invokeRoleArns: mapValues(roles, (role) => role.roleArn),
    endpointLocks: mapValues(roles, (role) => ({
      bedrockRuntime: role.lockedToBedrockEndpoint,
      sts: role.lockedToStsEndpoint,
    })),
    guardrails: guardrails.documents,
    organizationPolicyIds: guardrails.organizationPolicyIds ?? null,
    ...features.outputs,
    inferenceProfileArns: meters?.profileArns ?? null,
    alarmTopicArn: operatorAlarms?.topicArn ?? null,
    dashboardNames: dashboards?.dashboardNames ?? null,
  } satisfies OperatorOutputs;
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}
