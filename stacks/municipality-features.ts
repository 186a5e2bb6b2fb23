import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type BedrockClientRole,
  CodeArtifactMirror,
  CodeArtifactReadAccess,
  SessionAccess,
  SmokeTestInstance,
  type VpcEndpoints,
  type VpcNetwork,
} from "../components";
import { codeArtifactLoginArgs, mirrorDomainArn, mirrorRepositoryArn } from "../infra/codeartifact";
import type { GuardrailReference } from "../infra/bedrock-guardrail";
import type { MunicipalityConfig } from "../infra/config";
import { missingSmokePrerequisites, readPythonSmokeSource, smokeUserData } from "../infra/smoke-test";
import { PROGRAM_WARNINGS } from "../infra/warnings";
import type { MunicipalityFeatureOutputs } from "./contract";

/** What the features attach to: the core of the municipality stack. */
export interface MunicipalityCore {
  readonly provider: aws.Provider;
  readonly vpc: VpcNetwork;
  readonly endpoints: VpcEndpoints;
  readonly clientRole: BedrockClientRole;
  readonly operatorRoleArn: pulumi.Output<string>;
  /** The guardrail the operator enforces, which the smoke call must name; null when none. */
  readonly operatorGuardrail: pulumi.Output<GuardrailReference | null>;
  /** What clients pass as `modelId` (the stack output): the boot script calls the same. */
  readonly modelId: pulumi.Output<string>;
}

/**
 * The optional features of the municipality account (docs/municipality.md): the CodeArtifact PyPI
 * mirror, the temporary read policy, Session Manager access and the smoke-test instance.
 * Returns the outputs the runbook uses; a feature that is off contributes `null`.
 */
export function municipalityFeatures(config: MunicipalityConfig, core: MunicipalityCore) {
  const opts = { providers: [core.provider] };
  const settings = config.codeArtifact;

  const mirror = settings.mirror
    ? new CodeArtifactMirror(
        "pypi",
        { accountId: config.accountId, settings, clientRoleArn: core.clientRole.roleArn },
        opts,
      )
    : undefined;

  const readAccess = settings.clientReadAccess
    ? new CodeArtifactReadAccess(
        "codeartifact-read",
        {
          roleName: core.clientRole.roleName,
          domainArn: mirrorDomainArn(config.region, settings),
          repositoryArn: mirrorRepositoryArn(config.region, settings),
        },
        opts,
      )
    : undefined;

  const session = config.sessionAccess
    ? new SessionAccess("session", { roleName: core.clientRole.roleName }, opts)
    : undefined;

  let smoke: SmokeTestInstance | undefined;
  if (config.smokeTest.enabled) {
    const missing = missingSmokePrerequisites(config);
    if (missing.length > 0) {
      pulumi.log.warn(PROGRAM_WARNINGS.smokeWillFail({ missing }));
    }
    const pythonSource = readPythonSmokeSource();
    if (Object.keys(config.existingVpc?.endpoints ?? {}).some((key) => key !== "s3")) {
      pulumi.log.warn(PROGRAM_WARNINGS.smokeReferencedEndpoints);
    }
    smoke = new SmokeTestInstance(
      "smoke-test",
      {
        region: config.region,
        instanceType: config.smokeTest.instanceType,
        vpcId: core.vpc.vpcId,
        // The first AZ by name: the same subnet on every run, created or referenced.
        subnetId: core.vpc.subnetIds.apply((ids) => ids[Object.keys(ids).sort()[0]]),
        endpointSecurityGroupId: core.endpoints.securityGroupId,
        instanceProfileName: core.clientRole.instanceProfileName,
        userData: pulumi
          .all([core.operatorRoleArn, core.operatorGuardrail, core.modelId])
          .apply(([operatorRoleArn, guardrail, modelId]) =>
            smokeUserData({
              guardrail: guardrail ?? undefined,
              region: config.region,
              operatorRoleArn,
              externalId: config.smokeTest.externalId,
              modelId,
              prompt: config.smokeTest.prompt,
              codeArtifact: settings,
              pythonSource,
            }),
          ),
      },
      {
        ...opts,
        // The boot script runs once, so everything it calls must exist before the instance does.
        dependsOn: [core.endpoints, core.clientRole, ...[mirror, readAccess, session].filter((r) => r !== undefined)],
      },
    );
  }

  return {
    /** Where pip logs in; null while neither the mirror nor the read policy is on. */
    codeArtifact:
      mirror || readAccess
        ? {
            domainName: settings.domainName,
            domainOwner: settings.domainOwner,
            repositoryName: settings.repositoryName,
            loginCommand: codeArtifactLoginArgs(config.region, settings).join(" "),
          }
        : null,
    sessionAccess: session !== undefined,
    smokeTestInstanceId: smoke ? smoke.instanceId : null,
    /** `aws ssm start-session` for the smoke instance, when there is one to open. */
    smokeTestSessionCommand:
      smoke && session
        ? pulumi.interpolate`aws ssm start-session --region ${config.region} --target ${smoke.instanceId}`
        : null,
  } satisfies MunicipalityFeatureOutputs;
}
