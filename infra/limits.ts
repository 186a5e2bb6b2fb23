/**
 * AWS quotas that bound how far one operator account or one VPC can grow, checked against the
 * documents the program would actually create, so a too-large municipality map is a config error
 * that says which limit, the computed size and what to change, not a deploy-time failure.
 * Figures: IAM and STS quotas (IAM User Guide, "IAM and AWS STS quotas"); VPC endpoint quotas
 * (Amazon VPC User Guide, "Amazon VPC quotas").
 */
import { applicationInferenceProfileArn, guardrailArn } from "./arns";
import { ENDPOINT_CATALOG, ENDPOINT_KEYS } from "./endpoints";
import { policySize } from "./iam/document";
import type { GuardrailReference } from "./bedrock-guardrail";
import { type ProfileTarget, invokeRolePolicy, invokeRoleTrustPolicy } from "./policies";
import { CONFIG_MESSAGES as m } from "./config/messages";

export const AWS_QUOTAS = {
  /** Role trust policy length: default and the most Service Quotas will raise it to. */
  trustPolicySize: { default: 2048, max: 4096 },
  /** IAM roles per account. */
  rolesPerAccount: { default: 1000, max: 5000 },
  /** All inline policies of one role together; not adjustable. */
  inlinePolicySizePerRole: 10240,
  /**
   * Bedrock application inference profiles per account and region (adjustable). Unverified: the
   * Amazon Bedrock quotas page (https://docs.aws.amazon.com/general/latest/gr/bedrock.html) lists
   * it; check the figure in Service Quotas before relying on it.
   */
  applicationInferenceProfilesPerAccount: { default: 1000 },
  /** Interface endpoints per VPC (adjustable). */
  interfaceEndpointsPerVpc: { default: 50 },
} as const;

/** The longest VPC endpoint id (`vpce-` + 17 hex digits), for documents whose id is not known yet. */
export const LONGEST_VPCE_ID = `vpce-${"f".repeat(17)}`;

export interface LimitProblem {
  /** Config key path below `bedrock-lz:`. */
  readonly path: readonly string[];
  readonly message: string;
}

export interface InvokeRoleSizing {
  readonly name: string;
  readonly municipalityAccountId: string;
  readonly clientRoleArn: string;
  readonly externalId?: string;
  readonly lockTrustToStsEndpoint: boolean;
}

export interface OperatorQuotas {
  readonly rolesPerAccount: number;
  readonly trustPolicySize: number;
  /** Checked only with metering on; default {@link AWS_QUOTAS}'s. */
  readonly applicationInferenceProfilesPerAccount?: number;
}

/** Application-profile ids are 12 characters: the longest ARN the metered invoke policy names. */
export function longestApplicationProfileArn(region: string, accountId: string): string {
  return applicationInferenceProfileArn(region, accountId, "x".repeat(12));
}

/**
 * A stand-in for a guardrail whose id and version are not known before it exists: AWS guardrail
 * ids are 12 characters, and versions are counted up from 1.
 */
export function longestGuardrailReference(region: string, accountId: string): GuardrailReference {
  return { arn: guardrailArn(region, accountId, "x".repeat(12)), version: "99999" };
}

/**
 * Sizes every invoke role's documents as they will be once locked (the endpoint ids are assumed
 * to be the longest possible), and counts the roles. Linear in the number of municipalities.
 */
export function operatorLimitProblems(
  target: ProfileTarget,
  roles: readonly InvokeRoleSizing[],
  quotas: OperatorQuotas,
  /** When the invoke roles enforce a guardrail, its statements count towards the inline limit. */
  guardrail?: GuardrailReference,
  /** Roles the operator stack creates besides the invoke roles (the invocation-logging role). */
  otherProgramRoles = 0,
  /** Metering on: one application inference profile per municipality (infra/config/features/metering.ts). */
  metered = false,
): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const profileQuota =
    quotas.applicationInferenceProfilesPerAccount ?? AWS_QUOTAS.applicationInferenceProfilesPerAccount.default;
  if (metered && roles.length > profileQuota) {
    problems.push({
      path: ["municipalities"],
      message: m.profilesOverQuota({ count: roles.length, quota: profileQuota }),
    });
  }
  if (roles.length + otherProgramRoles > quotas.rolesPerAccount) {
    problems.push({
      path: ["municipalities"],
      message: m.rolesOverQuota({
        count: roles.length,
        others: otherProgramRoles,
        quota: quotas.rolesPerAccount,
        max: AWS_QUOTAS.rolesPerAccount.max,
      }),
    });
  }
  // The invoke policy does not depend on the municipality, so one measurement serves all roles.
  const inlineSize = policySize(
    invokeRolePolicy({
      ...target,
      bedrockRuntimeEndpointId: LONGEST_VPCE_ID,
      guardrail,
      applicationProfileArn: metered
        ? longestApplicationProfileArn(target.region, target.operatorAccountId)
        : undefined,
    }),
  );
  if (inlineSize > AWS_QUOTAS.inlinePolicySizePerRole) {
    problems.push({
      path: ["inferenceProfileId"],
      message: m.inlinePolicyTooLarge({ size: inlineSize, limit: AWS_QUOTAS.inlinePolicySizePerRole }),
    });
  }
  for (const role of roles) {
    const size = policySize(
      invokeRoleTrustPolicy({
        municipalityAccountId: role.municipalityAccountId,
        clientRoleArn: role.clientRoleArn,
        externalId: role.externalId,
        stsEndpointId: role.lockTrustToStsEndpoint ? LONGEST_VPCE_ID : undefined,
      }),
    );
    if (size > quotas.trustPolicySize) {
      problems.push({
        path: ["municipalities", role.name],
        message: m.trustPolicyTooLarge({
          size,
          quota: quotas.trustPolicySize,
          max: AWS_QUOTAS.trustPolicySize.max,
        }),
      });
    }
  }
  return problems;
}

export function interfaceEndpointProblems(
  enabled: Readonly<Record<string, { readonly enabled: boolean }>>,
  interfaceEndpointsPerVpc: number,
): LimitProblem[] {
  const count = ENDPOINT_KEYS.filter(
    (key) => ENDPOINT_CATALOG[key].kind === "Interface" && enabled[key]?.enabled,
  ).length;
  return count > interfaceEndpointsPerVpc
    ? [
        {
          path: ["endpoints"],
          message: m.interfaceEndpointsOverQuota({ count, quota: interfaceEndpointsPerVpc }),
        },
      ]
    : [];
}
