import * as pulumi from "@pulumi/pulumi";
import {
  BedrockAuditTrail,
  BedrockGuardrail,
  BedrockModelAccess,
  FirstCallNetwork,
  InvocationLogging,
} from "../components";
import type { OperatorConfig } from "../infra/config";
import type { GuardrailReference } from "../infra/bedrock-guardrail";
import { PROJECT } from "../infra/naming";
import type { OperatorFeatureOutputs } from "./contract";

/** IAM names are account-wide: the region keeps a Tokyo and an Osaka stack apart. */
export function invocationLoggingRoleName(region: string): string {
  return `${PROJECT}-invocation-logging-${region}`;
}

export function invocationLogKeyAlias(region: string): string {
  return `alias/${PROJECT}/invocation-logs-${region}`;
}

export const GUARDRAIL_NAME = `${PROJECT}-guardrail`;

export function auditTrailName(region: string): string {
  return `${PROJECT}-audit-${region}`;
}

export interface OperatorFeatureResources {
  /** Set only when `guardrail.enforceOnInvokeRoles` is on: what every invoke role must name. */
  readonly enforcedGuardrail?: pulumi.Output<GuardrailReference>;
  /** Stack outputs for auditors; `null` when a feature is off, so the keys are always there. */
  readonly outputs: OperatorFeatureOutputs;
}

/** Invocation logging, model access and the Bedrock guardrail, each declared only when its toggle is on. */
export function operatorFeatures(
  config: OperatorConfig,
  opts: pulumi.ComponentResourceOptions,
  /** The stack's permission boundary (`permissionBoundary.enabled`), set on every role it creates. */
  permissionsBoundary?: pulumi.Input<string>,
): OperatorFeatureResources {
  const logging =
    config.invocationLogging &&
    new InvocationLogging(
      "invocation-logging",
      {
        target: {
          region: config.region,
          accountId: config.accountId,
          logGroupName: config.invocationLogging.logGroupName,
          bucketName: config.invocationLogging.bucketName,
          keyPrefix: config.invocationLogging.keyPrefix,
          trailName: config.invocationLogging.cloudTrail ? auditTrailName(config.region) : undefined,
        },
        retentionInDays: config.invocationLogging.retentionInDays,
        archiveStorageClass: config.invocationLogging.archiveStorageClass,
        archiveAfterDays: config.invocationLogging.archiveAfterDays,
        imageDataDelivery: config.invocationLogging.imageDataDelivery,
        embeddingDataDelivery: config.invocationLogging.embeddingDataDelivery,
        protect: config.dataSafety.protect,
        loggingRoleName: invocationLoggingRoleName(config.region),
        permissionsBoundary,
        keyAlias: invocationLogKeyAlias(config.region),
      },
      opts,
    );

  // The trail checks the bucket policy when it is created, so it waits for the whole component.
  const trail =
    logging &&
    config.invocationLogging?.cloudTrail &&
    new BedrockAuditTrail(
      "audit-trail",
      { trailName: auditTrailName(config.region), bucketName: logging.bucketName, keyArn: logging.keyArn },
      { ...opts, dependsOn: [logging] },
    );

  const modelAccess =
    config.modelAccess &&
    new BedrockModelAccess(
      "model-access",
      { modelId: config.inferenceProfile.modelId, useCaseForm: config.modelAccess.useCaseForm },
      opts,
    );

  const firstCall =
    config.firstCallNetwork &&
    new FirstCallNetwork(
      "first-call",
      {
        settings: config.firstCallNetwork,
        target: { profile: config.inferenceProfile, region: config.region, operatorAccountId: config.accountId },
      },
      opts,
    );

  const guardrail =
    config.guardrail &&
    new BedrockGuardrail("guardrail", { guardrailName: GUARDRAIL_NAME, settings: config.guardrail }, opts);

  return {
    enforcedGuardrail:
      guardrail && config.guardrail?.enforceOnInvokeRoles
        ? pulumi
            .all([guardrail.guardrailArn, guardrail.version])
            .apply(([arn, version]): GuardrailReference => ({ arn, version }))
        : undefined,
    outputs: {
      invocationLogGroupName: logging ? logging.logGroupName : null,
      invocationLogBucketName: logging ? logging.bucketName : null,
      invocationLogKeyArn: logging ? logging.keyArn : null,
      guardrailId: guardrail ? guardrail.guardrailId : null,
      guardrailArn: guardrail ? guardrail.guardrailArn : null,
      guardrailVersion: guardrail ? guardrail.version : null,
      guardrailEnforced: guardrail !== undefined && config.guardrail?.enforceOnInvokeRoles === true,
      modelAgreementModelId: modelAccess ? modelAccess.modelId : null,
      auditTrailArn: trail ? trail.trailArn : null,
      firstCallNetwork: firstCall
        ? {
            vpcId: firstCall.vpcId,
            subnetIds: firstCall.subnetIds,
            clientSecurityGroupId: firstCall.clientSecurityGroupId,
            bedrockRuntimeEndpointId: firstCall.bedrockRuntimeEndpointId,
          }
        : null,
    },
  };
}
