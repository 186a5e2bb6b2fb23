import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import {
  BedrockClientRole,
  ClosedVpc,
  type EndpointSpec,
  ExistingVpc,
  type VpcNetwork,
  VpcEndpoints,
} from "../components";
import { accountIdOfArn, iamRoleArn } from "../infra/arns";
import { mirrorDomainArn, mirrorRepositoryArn } from "../infra/codeartifact";
import type { MunicipalityConfig } from "../infra/config";
import { ENDPOINT_KEYS, type EndpointKey } from "../infra/endpoints";
import { municipalityOrgGuardrails } from "../infra/org-guardrails";
import { municipalityEndpointPolicies } from "../infra/policies";
import { sharedVpcEndpointPolicies } from "../infra/shared-vpc-policies";
import { municipalityFeatures } from "./municipality-features";
import { stackOrgGuardrails } from "./org-guardrails";
import {
  type MunicipalityOutputs,
  OPERATOR_PROFILE_ARNS_OUTPUT,
  OPERATOR_ROLE_ARNS_OUTPUT,
  operatorOutput,
} from "./contract";
import { japanProvider } from "./provider";
import type { GuardrailReference } from "../infra/bedrock-guardrail";
import { PROGRAM_WARNINGS } from "../infra/warnings";

/**
 * The guardrail the operator enforces on the invoke roles, which every request must name; read
 * from the operator stack (null when it enforces none, or when the role ARN is given directly).
 */
function operatorGuardrailOf(reference: pulumi.StackReference | undefined): pulumi.Output<GuardrailReference | null> {
  if (reference === undefined) return pulumi.output(null);
  return pulumi
    .all([
      operatorOutput(reference, "guardrailEnforced"),
      operatorOutput(reference, "guardrailArn"),
      operatorOutput(reference, "guardrailVersion"),
    ])
    .apply(([enforced, arn, version]) =>
      enforced === true && typeof arn === "string" && typeof version === "string" ? { arn, version } : null,
    );
}

/** The operator's invoke role for this municipality: from config, or from the operator stack. */
function operatorRoleArnOf(
  config: MunicipalityConfig,
  reference: pulumi.StackReference | undefined,
): pulumi.Output<string> {
  if ("roleArn" in config.operator || reference === undefined) {
    return pulumi.output((config.operator as { roleArn: string }).roleArn);
  }
  const stack = config.operator.stack;
  return operatorOutput(reference, OPERATOR_ROLE_ARNS_OUTPUT).apply((arns) => {
    const arn = arns?.[config.municipalityName];
    if (typeof arn !== "string") {
      throw new pulumi.RunError(
        PROGRAM_WARNINGS.noInvokeRoleInOperatorStack({
          stack,
          name: config.municipalityName,
          output: OPERATOR_ROLE_ARNS_OUTPUT,
          has: Object.keys(arns ?? {}).join(", ") || undefined,
        }),
      );
    }
    return arn;
  });
}

/** The VPC the stack creates, or (existing-VPC mode) the municipality's own, referenced. */
function networkOf(config: MunicipalityConfig, provider: aws.Provider): VpcNetwork {
  const opts = { providers: [provider] };
  if (config.existingVpc !== undefined) return new ExistingVpc("referenced", config.existingVpc, opts);
  if (config.vpc === undefined) throw new Error("the municipality config resolved neither vpc nor existingVpc");
  return new ClosedVpc("closed", config.vpc, opts);
}

/** What a referenced endpoint means for the layers this stack enforces, said before `pulumi up`. */
function warnAboutReferencedEndpoints(config: MunicipalityConfig): void {
  for (const [key, existing] of Object.entries(config.existingVpc?.endpoints ?? {})) {
    if (!existing.manageExistingPolicy) {
      pulumi.log.warn(PROGRAM_WARNINGS.referencedPolicyLeftAlone({ key, endpointId: existing.existingEndpointId }));
    } else if (key === "bedrock-runtime") {
      pulumi.log.warn(PROGRAM_WARNINGS.referencedBedrockPolicyReplaced({ endpointId: existing.existingEndpointId }));
    }
  }
}

/**
 * What clients pass as `modelId`: this municipality's application inference profile when the
 * operator meters (its stack output `inferenceProfileArns`), else the `jp.` profile id. Without a
 * stack reference (`operatorRoleArn`) the stack cannot know the profile, so it falls back to the
 * `jp.` id: a metering operator hands the ARN over with the role ARN (docs/operator.md).
 */
function modelIdOf(config: MunicipalityConfig, reference: pulumi.StackReference | undefined): pulumi.Output<string> {
  // No warning: most operators do not meter, and the shipped file must deploy cleanly.
  if (reference === undefined) return pulumi.output(config.operatorInferenceProfileArn ?? config.inferenceProfile.id);
  return operatorOutput(reference, OPERATOR_PROFILE_ARNS_OUTPUT).apply(
    (arns) => arns?.[config.municipalityName] ?? config.inferenceProfile.id,
  );
}

/** The municipality (自治体) account: closed VPC, endpoints, and the client role. */
export function municipalityStack(config: MunicipalityConfig) {
  const provider = japanProvider(config);
  const reference =
    "stack" in config.operator ? new pulumi.StackReference("operator", { name: config.operator.stack }) : undefined;
  const operatorRoleArn = operatorRoleArnOf(config, reference);
  const operatorGuardrail = operatorGuardrailOf(reference);
  const clientRoleArn = iamRoleArn(config.accountId, config.clientRoleName);

  const vpc = networkOf(config, provider);
  warnAboutReferencedEndpoints(config);

  const modelId = modelIdOf(config, reference);
  const policies = operatorRoleArn.apply((roleArn) => {
    const project = municipalityEndpointPolicies({
      profile: config.inferenceProfile,
      region: config.region,
      // Inference-profile ARNs carry the account that calls them: the operator's.
      operatorAccountId: accountIdOfArn(roleArn),
      operatorRoleArn: roleArn,
      clientRoleArn,
      // The same ARNs as the mirror and the read policy, so the three always agree.
      codeArtifactDomainArn: mirrorDomainArn(config.region, config.codeArtifact),
      codeArtifactRepositoryArn: mirrorRepositoryArn(config.region, config.codeArtifact),
    });
    // A shared VPC's other workloads resolve the same service names to these endpoints.
    return config.existingVpc !== undefined
      ? sharedVpcEndpointPolicies(project, config.accountId, clientRoleArn)
      : project;
  });
  const referenced = config.existingVpc?.endpoints ?? {};
  const enabledEndpoints: Partial<Record<EndpointKey, EndpointSpec>> = Object.fromEntries(
    ENDPOINT_KEYS.filter((key) => config.endpoints[key].enabled || referenced[key] !== undefined).map((key) => {
      const existing = referenced[key];
      return [
        key,
        {
          privateDnsEnabled: config.endpoints[key].privateDnsEnabled,
          policy: policies.apply((all) => all[key]),
          ...(existing !== undefined
            ? { existing: { endpointId: existing.existingEndpointId, managePolicy: existing.manageExistingPolicy } }
            : {}),
        },
      ];
    }),
  );

  const endpoints = new VpcEndpoints(
    "endpoints",
    {
      region: config.region,
      vpcId: vpc.vpcId,
      vpcCidrBlock: vpc.cidrBlock,
      vpcCidrBlocks: vpc.cidrBlocks,
      subnetIds: vpc.subnetIds.apply(Object.values),
      routeTableIds: vpc.routeTableIds.apply(Object.values),
      endpoints: enabledEndpoints,
    },
    { providers: [provider] },
  );

  // Only this municipality's own bedrock-runtime endpoint is approved (none if it is switched off).
  const guardrails = stackOrgGuardrails(
    endpoints.endpointIds.apply((ids) =>
      municipalityOrgGuardrails(ids["bedrock-runtime"] !== undefined ? [ids["bedrock-runtime"]] : []),
    ),
    config,
    provider,
  );

  const clientRole = new BedrockClientRole(
    "client",
    {
      roleName: config.clientRoleName,
      trustedServices: config.clientRoleTrustedServices,
      operatorRoleArn,
      permissionsBoundary: guardrails.boundaryArn,
      lambdaVpc: config.clientRoleTrustedServices.includes("lambda.amazonaws.com")
        ? { region: config.region, accountId: config.accountId, vpcId: vpc.vpcId }
        : undefined,
    },
    { providers: [provider] },
  );

  const features = municipalityFeatures(config, {
    provider,
    vpc,
    endpoints,
    clientRole,
    operatorRoleArn,
    operatorGuardrail,
    modelId,
  });

  return {
    account: config.account,
    region: config.region,
    accountId: config.accountId,
    municipalityName: config.municipalityName,
    vpcId: vpc.vpcId,
    subnetIds: vpc.subnetIds,
    endpointIds: endpoints.endpointIds,
    endpointSecurityGroupId: endpoints.securityGroupId,
    clientRoleArn: clientRole.roleArn,
    instanceProfileName: clientRole.instanceProfileName,
    operatorRoleArn,
    inferenceProfileId: config.inferenceProfile.id,
    modelId,
    /** What clients pass as `guardrailConfig` (ARN and version) when the operator enforces it; else null. */
    guardrail: operatorGuardrail,
    ...features,
    guardrails: guardrails.documents,
    organizationPolicyIds: guardrails.organizationPolicyIds ?? null,
  } satisfies MunicipalityOutputs;
}
