/**
 * The access matrix: request scenarios, each with its expected verdict, evaluated with
 * @cloud-copilot/iam-simulate (AGPL-3.0, a devDependency: it runs in tests and the offline plan,
 * never in the deployed program) on the documents the program generates. Pure: documents in
 * (access/input.ts collects them from the program run under mocks), rows out.
 * docs/security.md explains the layers and what the simulator cannot model.
 */
import type { Simulation } from "@cloud-copilot/iam-simulate";
import { foundationModelArn, iamRoleArn, inferenceProfileArn } from "../infra/arns";
import { INFERENCE_PROFILE_CATALOG } from "../infra/catalog";
import { type AccessRequest, type PolicyJson, simulate, simulationOf } from "./simulator";
import {
  type ExistingVpcDocuments,
  type ExistingVpcIds,
  endpointsFor,
  existingVpcScenarios,
} from "./scenarios-existing-vpc";
import { type MeteringIds, meteringScenarios, throughOwnProfile } from "./scenarios-metering";

export type { PolicyJson, StatementJson } from "./simulator";

export interface GuardrailJson {
  readonly regionGuardScp: PolicyJson;
  readonly bedrockScp: PolicyJson;
  readonly permissionBoundary: PolicyJson;
}

export interface OperatorDocuments {
  readonly invokeTrust: PolicyJson;
  readonly invokePolicy: PolicyJson;
  readonly guardrails: GuardrailJson;
}

export interface MunicipalityDocuments {
  readonly clientPolicy: PolicyJson;
  /** Absent when the endpoint is switched off; scenarios through it are then not applicable. */
  readonly stsEndpointPolicy?: PolicyJson;
  readonly bedrockRuntimeEndpointPolicy?: PolicyJson;
  readonly guardrails: GuardrailJson;
}

export interface MatrixIds extends MeteringIds {
  readonly operatorAccountId: string;
  readonly municipalityAccountId: string;
  readonly operatorRoleArn: string;
  /** Another municipality's invoke role in the same operator account, if the config has one. */
  readonly otherMunicipalityRoleArn?: string;
  readonly clientRoleArn: string;
  /** The municipality's endpoints; absent when its config switches that endpoint off. */
  readonly bedrockRuntimeEndpointId?: string;
  readonly stsEndpointId?: string;
  readonly externalId?: string;
  /** `lockTrustToStsEndpoint` for this municipality in the operator's (end-state) config. */
  readonly trustLocked: boolean;
  /** `guardrail.enforceOnInvokeRoles` in the operator's config: every invoke must name the guardrail. */
  readonly guardrailEnforced: boolean;
  readonly inferenceProfileId: string;
  readonly inferenceProfileArn: string;
  readonly region: string;
  /** `bedrock:GuardrailIdentifier` the guarded invoke role requires (guardrail ARN:version). */
  readonly guardrailIdentifier?: string;
  /** The same municipality deployed into an existing, shared VPC (access/scenarios-existing-vpc.ts). */
  readonly existingVpc?: ExistingVpcIds;
}

/**
 * Everything the matrix evaluates. `unlocked` = operator step 1, `hardened` = step 3, `guarded` =
 * step 3 with `guardrail.enforceOnInvokeRoles`.
 */
export interface MatrixInput {
  readonly ids: MatrixIds;
  readonly municipality: MunicipalityDocuments;
  readonly unlocked: OperatorDocuments;
  readonly hardened: OperatorDocuments;
  /** The hardened operator with guardrail enforcement on the invoke roles (docs/operator.md), if evaluated. */
  readonly guarded?: OperatorDocuments;
  /** Another municipality's invoke role documents (same operator account), if configured. */
  readonly otherMunicipality?: { readonly invokePolicy: PolicyJson; readonly invokeTrust: PolicyJson };
  /** The endpoint policies of the existing-VPC run, if evaluated. */
  readonly existingVpc?: ExistingVpcDocuments;
}

export type Phase = "unlocked" | "hardened" | "guarded";
/** Which org guardrails are in force: none (the default), the SCPs, the boundary, or both. */
export type Guardrails = "none" | "scp" | "boundary" | "scp+boundary";
/** How the request reaches AWS: our endpoints, someone else's endpoint, or no endpoint. */
export type Path = "sts-endpoint" | "bedrock-endpoint" | "foreign-endpoint" | "no-endpoint";
export type Caller =
  | "client"
  | "operator-session"
  | "other-municipality-session"
  | "municipality-admin"
  | "operator-admin"
  | "foreign-account";
export type Layer = "identity" | "trust" | "endpoint" | "scp" | "boundary";
export type Verdict = "Allowed" | "Denied";

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly expected: Verdict;
  readonly phase: Phase;
  readonly caller: Caller;
  /** `widened`: the caller's own policy was replaced by "Allow <action> on *" (drift, tampering). */
  readonly identity?: "generated" | "widened";
  /** `default`: our endpoint's policy was replaced by AWS's full-access default (drift). */
  readonly endpointPolicy?: "generated" | "default";
  readonly action: string;
  readonly resource: string;
  /** Resource account; defaults to the account in the resource ARN. */
  readonly resourceAccountId?: string;
  /** Trust policy of a target role that is not one of ours (AssumeRole only). */
  readonly targetTrust?: PolicyJson;
  readonly region: string;
  readonly path: Path;
  readonly guardrails: Guardrails;
  readonly context?: Readonly<Record<string, string>>;
  /** `existing-vpc`: evaluated with the endpoints of the existing-VPC run. */
  readonly network?: "existing-vpc";
}

export interface MatrixRow {
  readonly id: string;
  readonly title: string;
  readonly layers: readonly Layer[];
  readonly expected: Verdict;
  readonly actual: Verdict;
  /** The simulator's own result: Allowed, ExplicitlyDenied or ImplicitlyDenied. */
  readonly result: string;
  /** Layers whose own evaluation denied the request. */
  readonly deniedBy: readonly string[];
  readonly pass: boolean;
}

export const FOREIGN_ACCOUNT_ID = "444444444444";
/** Some other VPC's endpoint, with AWS's default (full access) endpoint policy. */
export const FOREIGN_ENDPOINT_ID = "vpce-0f0e0d0c0b0a09080";

const ALLOW_EVERYTHING: PolicyJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};
/** AWS's default endpoint policy, as on an endpoint someone else created. */
const DEFAULT_ENDPOINT_POLICY: PolicyJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
};

function widened(action: string): PolicyJson {
  return { Version: "2012-10-17", Statement: [{ Sid: "Widened", Effect: "Allow", Action: action, Resource: "*" }] };
}

/** A role in `accountId` that delegates to IAM policies in its account (a common trust). */
function trustsAccount(accountId: string): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" }],
  };
}

/** A fixed id no catalog will hold, for "another model" when the catalog has only one entry. */
export const FOREIGN_MODEL_PROFILE_ID = "jp.anthropic.claude-not-configured-v1:0";

/** "Another model": any catalog entry but the configured one, or a fixed foreign id. */
export function otherModelProfileId(configured: string): string {
  return Object.keys(INFERENCE_PROFILE_CATALOG).find((id) => id !== configured) ?? FOREIGN_MODEL_PROFILE_ID;
}

function required<T>(value: T | undefined, scenario: Scenario, what: string): T {
  if (value === undefined) throw new Error(`${scenario.id}: the matrix input has no ${what}`);
  return value;
}

/**
 * Why a scenario cannot be evaluated on this input (an endpoint it goes through is switched
 * off), or undefined. The plan counts and names these; they are never silently dropped.
 */
export function notApplicable(scenario: Scenario, input: MatrixInput): string | undefined {
  const { ids, municipality } = input;
  if (scenario.path === "sts-endpoint" && (ids.stsEndpointId === undefined || !municipality.stsEndpointPolicy))
    return "the municipality has no sts endpoint";
  const bedrock = ids.bedrockRuntimeEndpointId === undefined || !municipality.bedrockRuntimeEndpointPolicy;
  if (scenario.path === "bedrock-endpoint" && bedrock) return "the municipality has no bedrock-runtime endpoint";
  // Without a bedrock-runtime endpoint there is nothing to lock the invoke role (or the
  // municipality's own Bedrock guardrails) to: Bedrock is unreachable from the closed VPC.
  if (
    bedrock &&
    scenario.phase === "hardened" &&
    scenario.action.startsWith("bedrock:Invoke") &&
    scenario.caller !== "foreign-account"
  )
    return "nothing to lock Bedrock calls to: the municipality has no bedrock-runtime endpoint";
  if (scenario.phase === "guarded" && input.guarded === undefined) return "no guardrail is enforced";
  return undefined;
}

/**
 * The configuration's effect on a scenario: with guardrail enforcement, a call the model allows
 * names the enforced guardrail (the R scenarios check the calls that do not); without the STS
 * trust lock, assuming the role outside the STS endpoint is allowed.
 */
function configured(scenario: Scenario, ids: MatrixIds): Scenario {
  const invokes =
    scenario.action === "bedrock:InvokeModel" || scenario.action === "bedrock:InvokeModelWithResponseStream";
  if (
    ids.guardrailEnforced &&
    ids.guardrailIdentifier !== undefined &&
    invokes &&
    scenario.caller === "operator-session" &&
    scenario.expected === "Allowed" &&
    scenario.phase !== "guarded"
  ) {
    return { ...scenario, context: { ...scenario.context, "bedrock:GuardrailIdentifier": ids.guardrailIdentifier } };
  }
  if (!ids.trustLocked && TRUST_LOCK_SCENARIOS.includes(scenario.id)) return { ...scenario, expected: "Allowed" };
  return scenario;
}

/** The scenarios the opt-in STS trust lock (lockTrustToStsEndpoint) turns from Allowed to Denied. */
const TRUST_LOCK_SCENARIOS = ["T01", "T02"];

/** The scenario table. Expected verdicts are the security model; docs/security.md prints them. */
export function scenarios(ids: MatrixIds): Scenario[] {
  return [...baseScenarios(ids).map((scenario) => throughOwnProfile(scenario, ids)), ...meteringScenarios(ids)]
    .map((scenario) => configured(scenario, ids))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function baseScenarios(ids: MatrixIds): Scenario[] {
  const profile = ids.inferenceProfileArn;
  const modelId = ids.inferenceProfileId.slice(ids.inferenceProfileId.indexOf(".") + 1);
  const fm = (region: string) => foundationModelArn(region, modelId);
  const otherProfile = (prefix: string, region = ids.region) =>
    inferenceProfileArn(region, ids.operatorAccountId, `${prefix}${modelId}`);
  const viaProfile = { "bedrock:InferenceProfileArn": profile };
  const externalId: Record<string, string> = ids.externalId !== undefined ? { "sts:ExternalId": ids.externalId } : {};
  const municipalityRole = iamRoleArn(ids.municipalityAccountId, "MunicipalityAdmin");
  const invoke = "bedrock:InvokeModel";
  const stream = "bedrock:InvokeModelWithResponseStream";
  const assume = "sts:AssumeRole";

  const list: Scenario[] = [
    // --- The one path that works --------------------------------------------------------------
    {
      id: "A01",
      title: "client role assumes the operator role via the STS endpoint",
      expected: "Allowed",
      phase: "hardened",
      caller: "client",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "sts-endpoint",
      guardrails: "scp+boundary",
      context: externalId,
    },
    {
      id: "A02",
      title: "same, before the lock and without org guardrails (default deploy)",
      expected: "Allowed",
      phase: "unlocked",
      caller: "client",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "sts-endpoint",
      guardrails: "none",
      context: externalId,
    },
    {
      id: "A03",
      title: "operator role invokes the JP profile via the bedrock-runtime endpoint",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: profile,
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "A04",
      title: "operator role streams from the JP profile via the bedrock-runtime endpoint",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-session",
      action: stream,
      resource: profile,
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "A05",
      title: "foundation model in ap-northeast-1 reached through the JP profile",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: fm("ap-northeast-1"),
      region: "ap-northeast-1",
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
      context: viaProfile,
    },
    {
      id: "A06",
      title: "foundation model in ap-northeast-3 reached through the JP profile",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: fm("ap-northeast-3"),
      region: "ap-northeast-3",
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
      context: viaProfile,
    },
    {
      id: "A07",
      title: "streaming from the ap-northeast-3 foundation model through the JP profile",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-session",
      action: stream,
      resource: fm("ap-northeast-3"),
      region: "ap-northeast-3",
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
      context: viaProfile,
    },
    {
      id: "A08",
      title: "before the lock the operator role works outside the endpoint (documented step 1)",
      expected: "Allowed",
      phase: "unlocked",
      caller: "operator-session",
      action: invoke,
      resource: profile,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "none",
    },
    {
      id: "A09",
      title: "operator admin uses IAM (global, us-east-1) under the region guard",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-admin",
      action: "iam:CreateRole",
      resource: iamRoleArn(ids.operatorAccountId, "new-role"),
      region: "us-east-1",
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "A10",
      title: "operator admin runs EC2 in Osaka under the region guard",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-admin",
      action: "ec2:RunInstances",
      resource: `arn:aws:ec2:ap-northeast-3:${ids.operatorAccountId}:instance/i-0123456789abcdef0`,
      region: "ap-northeast-3",
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "A11",
      title: "operator admin keeps the Bedrock control plane outside the endpoints",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-admin",
      action: "bedrock:PutModelInvocationLoggingConfiguration",
      resource: "*",
      region: ids.region,
      path: "no-endpoint",
      guardrails: "scp",
    },

    // --- Trust and the STS endpoint -----------------------------------------------------------
    {
      id: "T01",
      title: "client role assumes the operator role without the STS endpoint (locked)",
      expected: "Denied",
      phase: "hardened",
      caller: "client",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "none",
      context: externalId,
    },
    {
      id: "T02",
      title: "client role assumes the operator role via another VPC's STS endpoint (locked)",
      expected: "Denied",
      phase: "hardened",
      caller: "client",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "foreign-endpoint",
      guardrails: "none",
      context: externalId,
    },
    {
      id: "T04",
      title: "municipality admin assumes the operator role (no endpoint, before the lock)",
      expected: "Denied",
      phase: "unlocked",
      caller: "municipality-admin",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "none",
      context: externalId,
    },
    {
      id: "T05",
      title: "municipality admin assumes the operator role via the STS endpoint",
      expected: "Denied",
      phase: "hardened",
      caller: "municipality-admin",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "sts-endpoint",
      guardrails: "scp+boundary",
      context: externalId,
    },
    {
      id: "T06",
      title: "a role of the same name in another account assumes the operator role",
      expected: "Denied",
      phase: "unlocked",
      caller: "foreign-account",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "none",
      context: externalId,
    },
    {
      id: "T07",
      title: "client role assumes another role of its account (trusts the account) without endpoint",
      expected: "Denied",
      phase: "hardened",
      caller: "client",
      action: assume,
      resource: municipalityRole,
      targetTrust: trustsAccount(ids.municipalityAccountId),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "none",
    },
    {
      id: "T08",
      title: "client role assumes another role of its account via the STS endpoint",
      expected: "Denied",
      phase: "hardened",
      caller: "client",
      action: assume,
      resource: municipalityRole,
      targetTrust: trustsAccount(ids.municipalityAccountId),
      region: ids.region,
      path: "sts-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "T09",
      title: "client role with a widened policy assumes another role via the STS endpoint",
      expected: "Denied",
      phase: "hardened",
      caller: "client",
      identity: "widened",
      action: assume,
      resource: municipalityRole,
      targetTrust: trustsAccount(ids.municipalityAccountId),
      region: ids.region,
      path: "sts-endpoint",
      guardrails: "none",
    },

    // --- The bedrock-runtime endpoint and the invoke role --------------------------------------
    {
      id: "E01",
      title: "operator role invokes the JP profile without the endpoint (locked)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: profile,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "none",
    },
    {
      id: "E02",
      title: "operator role streams without the endpoint (locked)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: stream,
      resource: profile,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "none",
    },
    {
      id: "E03",
      title: "operator role invokes via another VPC's endpoint (locked)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: profile,
      region: ids.region,
      path: "foreign-endpoint",
      guardrails: "none",
    },
    {
      id: "E04",
      title: "operator role invokes without the endpoint, all guardrails on",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: profile,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E06",
      title: "operator role invokes the foundation model directly (no profile)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: fm(ids.region),
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "none",
    },
    {
      id: "E07",
      title: "operator role invokes the foundation model directly, all guardrails on",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: fm(ids.region),
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E08",
      title: "operator role invokes the apac. profile",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: otherProfile("apac."),
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E09",
      title: "operator role invokes the global. profile",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: otherProfile("global."),
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E10",
      title: "operator role invokes the us. profile in us-east-1",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: invoke,
      resource: otherProfile("us.", "us-east-1"),
      region: "us-east-1",
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E11",
      title: "operator role invokes another model's JP profile (before the lock, foreign endpoint)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      action: invoke,
      resource: inferenceProfileArn(ids.region, ids.operatorAccountId, otherModelProfileId(ids.inferenceProfileId)),
      region: ids.region,
      path: "foreign-endpoint",
      guardrails: "none",
    },
    {
      id: "E12",
      title: "operator role invokes the foundation model in us-east-1 through the JP profile",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      action: invoke,
      resource: fm("us-east-1"),
      region: "us-east-1",
      path: "foreign-endpoint",
      guardrails: "none",
      context: viaProfile,
    },
    {
      id: "E13",
      title: "operator role: CreateModelCustomizationJob",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: "bedrock:CreateModelCustomizationJob",
      resource: fm(ids.region),
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E14",
      title: "operator role: PutModelInvocationLoggingConfiguration",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: "bedrock:PutModelInvocationLoggingConfiguration",
      resource: "*",
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E15",
      title: "operator role: DeleteGuardrail",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      action: "bedrock:DeleteGuardrail",
      resource: `arn:aws:bedrock:${ids.region}:${ids.operatorAccountId}:guardrail/abcdefghij12`,
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E16",
      title: "foundation model reached through the JP profile, before the lock via a foreign endpoint: identity alone",
      expected: "Allowed",
      phase: "unlocked",
      caller: "operator-session",
      action: stream,
      resource: fm("ap-northeast-3"),
      region: "ap-northeast-3",
      path: "foreign-endpoint",
      guardrails: "none",
      context: viaProfile,
    },
    {
      id: "E17",
      title: "municipality admin invokes through the bedrock-runtime endpoint",
      expected: "Denied",
      phase: "hardened",
      caller: "municipality-admin",
      action: invoke,
      resource: profile,
      resourceAccountId: ids.operatorAccountId,
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "scp+boundary",
    },
    {
      id: "E18",
      title: "another account's principal invokes the operator's JP profile",
      expected: "Denied",
      phase: "hardened",
      caller: "foreign-account",
      action: invoke,
      resource: profile,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "none",
    },

    // --- Org guardrails against drift: the role's own policy widened to "*" -------------------
    {
      id: "G01",
      title: "widened operator role invokes the apac. profile (SCP)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      identity: "widened",
      action: invoke,
      resource: otherProfile("apac."),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "G02",
      title: "widened operator role streams from the apac. profile (SCP)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      identity: "widened",
      action: stream,
      resource: otherProfile("apac."),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "G03",
      title: "widened operator role invokes the foundation model directly (SCP)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      identity: "widened",
      action: invoke,
      resource: fm(ids.region),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "G04",
      title: "widened operator role streams from the foundation model directly (SCP)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      identity: "widened",
      action: stream,
      resource: fm(ids.region),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "G05",
      title: "widened operator role invokes the JP profile outside the endpoint (SCP)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      identity: "widened",
      action: invoke,
      resource: profile,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "G06",
      title: "operator admin runs EC2 in us-east-1 (region-guard SCP)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-admin",
      action: "ec2:RunInstances",
      resource: `arn:aws:ec2:us-east-1:${ids.operatorAccountId}:instance/i-0123456789abcdef0`,
      region: "us-east-1",
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "G07",
      title: "widened operator role invokes the apac. profile (boundary)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      identity: "widened",
      action: invoke,
      resource: otherProfile("apac."),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      id: "G08",
      title: "widened operator role streams from the apac. profile (boundary)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      identity: "widened",
      action: stream,
      resource: otherProfile("apac."),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      id: "G09",
      title: "widened operator role invokes the foundation model directly (boundary)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      identity: "widened",
      action: invoke,
      resource: fm(ids.region),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      id: "G10",
      title: "widened operator role streams from the foundation model directly (boundary)",
      expected: "Denied",
      phase: "unlocked",
      caller: "operator-session",
      identity: "widened",
      action: stream,
      resource: fm(ids.region),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      id: "G11",
      title: "widened operator role invokes the JP profile outside the endpoint (boundary)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      identity: "widened",
      action: invoke,
      resource: profile,
      region: ids.region,
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      id: "G12",
      title: "widened operator role runs EC2 in us-east-1 (boundary)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      identity: "widened",
      action: "ec2:RunInstances",
      resource: `arn:aws:ec2:us-east-1:${ids.operatorAccountId}:instance/i-0123456789abcdef0`,
      region: "us-east-1",
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      // Anthropic models are enabled through an AWS Marketplace subscription; Marketplace is global.
      id: "A12",
      title: "operator admin subscribes to a model in AWS Marketplace (global, us-east-1) under the region guard",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-admin",
      action: "aws-marketplace:Subscribe",
      resource: "*",
      region: "us-east-1",
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "A13",
      title: "bounded operator role lists Marketplace subscriptions (global, us-east-1) under the boundary",
      expected: "Allowed",
      phase: "hardened",
      caller: "operator-session",
      identity: "widened",
      action: "aws-marketplace:ViewSubscriptions",
      resource: "*",
      region: "us-east-1",
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      id: "G13",
      title: "municipality admin runs EC2 in us-east-1 (municipality region-guard SCP)",
      expected: "Denied",
      phase: "hardened",
      caller: "municipality-admin",
      action: "ec2:RunInstances",
      resource: `arn:aws:ec2:us-east-1:${ids.municipalityAccountId}:instance/i-0123456789abcdef0`,
      region: "us-east-1",
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "G14",
      title: "municipality admin invokes a JP profile in its own account outside the endpoint (SCP)",
      expected: "Denied",
      phase: "hardened",
      caller: "municipality-admin",
      action: invoke,
      resource: inferenceProfileArn(ids.region, ids.municipalityAccountId, ids.inferenceProfileId),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "scp",
    },
    {
      id: "G15",
      title: "widened client role invokes a JP profile in its own account outside the endpoint (boundary)",
      expected: "Denied",
      phase: "hardened",
      caller: "client",
      identity: "widened",
      action: invoke,
      resource: inferenceProfileArn(ids.region, ids.municipalityAccountId, ids.inferenceProfileId),
      region: ids.region,
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      id: "G16",
      title: "widened client role runs EC2 in us-east-1 (boundary)",
      expected: "Denied",
      phase: "hardened",
      caller: "client",
      identity: "widened",
      action: "ec2:RunInstances",
      resource: `arn:aws:ec2:us-east-1:${ids.municipalityAccountId}:instance/i-0123456789abcdef0`,
      region: "us-east-1",
      path: "no-endpoint",
      guardrails: "boundary",
    },
    {
      id: "G17",
      title: "widened operator role invokes the apac. profile via the endpoint (endpoint policy)",
      expected: "Denied",
      phase: "hardened",
      caller: "operator-session",
      identity: "widened",
      action: invoke,
      resource: otherProfile("apac."),
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails: "none",
    },
    // The municipality's own account: its endpoint policy drifted to AWS's default.
    ...(["scp", "boundary"] as const).flatMap((guardrails, g) => {
      const caller: Caller = guardrails === "scp" ? "municipality-admin" : "client";
      const identity = guardrails === "scp" ? "generated" : "widened";
      const who = guardrails === "scp" ? "municipality admin" : "widened client role";
      const own = (prefix: string) => inferenceProfileArn(ids.region, ids.municipalityAccountId, `${prefix}${modelId}`);
      const base = {
        phase: "hardened",
        caller,
        identity,
        region: ids.region,
        path: "bedrock-endpoint",
        endpointPolicy: "default",
        guardrails,
        expected: "Denied",
        resourceAccountId: ids.municipalityAccountId,
      } as const;
      return [
        {
          ...base,
          id: `G${18 + g * 4}`,
          title: `${who} invokes the apac. profile through a drifted endpoint (${guardrails})`,
          action: invoke,
          resource: own("apac."),
        },
        {
          ...base,
          id: `G${19 + g * 4}`,
          title: `${who} streams from the apac. profile through a drifted endpoint (${guardrails})`,
          action: stream,
          resource: own("apac."),
        },
        {
          ...base,
          id: `G${20 + g * 4}`,
          title: `${who} invokes the foundation model directly through a drifted endpoint (${guardrails})`,
          action: invoke,
          resource: fm(ids.region),
        },
        {
          ...base,
          id: `G${21 + g * 4}`,
          title: `${who} streams from the foundation model directly through a drifted endpoint (${guardrails})`,
          action: stream,
          resource: fm(ids.region),
        },
      ];
    }),
  ];
  if (ids.externalId !== undefined) {
    list.push({
      id: "T03",
      title: "client role assumes the operator role without the external id",
      expected: "Denied",
      phase: "unlocked",
      caller: "client",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "sts-endpoint",
      guardrails: "none",
    });
  }
  if (ids.otherMunicipalityRoleArn !== undefined) {
    list.push(
      {
        id: "E05",
        title: "another municipality's invoke role uses this municipality's endpoint",
        expected: "Denied",
        phase: "hardened",
        caller: "other-municipality-session",
        action: invoke,
        resource: profile,
        region: ids.region,
        path: "bedrock-endpoint",
        guardrails: "none",
      },
      {
        id: "T10",
        title: "client role assumes another municipality's invoke role via the STS endpoint",
        expected: "Denied",
        phase: "hardened",
        caller: "client",
        action: assume,
        resource: ids.otherMunicipalityRoleArn,
        region: ids.region,
        path: "sts-endpoint",
        guardrails: "none",
      },
    );
  }
  if (ids.guardrailIdentifier !== undefined) {
    // Guardrail enforcement (guardrail.enforceOnInvokeRoles): every invoke must name the
    // published guardrail version the operator pins; the JP-profile rules stay in force.
    const guardrailArn = ids.guardrailIdentifier.slice(0, ids.guardrailIdentifier.lastIndexOf(":"));
    const version = Number(ids.guardrailIdentifier.slice(ids.guardrailIdentifier.lastIndexOf(":") + 1));
    const guarded = {
      phase: "guarded" as const,
      caller: "operator-session" as const,
      resource: profile,
      region: ids.region,
      path: "bedrock-endpoint" as const,
      guardrails: "scp+boundary" as const,
    };
    list.push(
      {
        id: "R01",
        title: "with guardrail enforcement: invoke naming the enforced guardrail version",
        expected: "Allowed",
        action: invoke,
        context: { "bedrock:GuardrailIdentifier": ids.guardrailIdentifier },
        ...guarded,
      },
      {
        id: "R02",
        title: "with guardrail enforcement: streaming naming the enforced guardrail version",
        expected: "Allowed",
        action: stream,
        context: { "bedrock:GuardrailIdentifier": ids.guardrailIdentifier },
        ...guarded,
      },
      {
        id: "R03",
        title: "with guardrail enforcement: invoke without a guardrail",
        expected: "Denied",
        action: invoke,
        ...guarded,
      },
      {
        id: "R04",
        title: "with guardrail enforcement: streaming without a guardrail",
        expected: "Denied",
        action: stream,
        ...guarded,
      },
      {
        id: "R05",
        title: "with guardrail enforcement: invoke naming another version of the guardrail",
        expected: "Denied",
        action: invoke,
        context: { "bedrock:GuardrailIdentifier": `${guardrailArn}:${Number.isNaN(version) ? 2 : version + 1}` },
        ...guarded,
      },
      {
        id: "R07",
        title: "with guardrail enforcement: the operator role applies the enforced guardrail via the endpoint",
        expected: "Allowed",
        action: "bedrock:ApplyGuardrail",
        ...guarded,
        resource: guardrailArn,
      },
      {
        id: "R08",
        title: "with guardrail enforcement: the operator role applies another guardrail of its account",
        expected: "Denied",
        action: "bedrock:ApplyGuardrail",
        ...guarded,
        resource: `${guardrailArn.slice(0, guardrailArn.lastIndexOf("/"))}/anotherguard1`,
      },
      {
        id: "R09",
        title: "operator admin applies the enforced guardrail through the municipality's endpoint",
        expected: "Denied",
        action: "bedrock:ApplyGuardrail",
        ...guarded,
        caller: "operator-admin",
        guardrails: "none",
        resource: guardrailArn,
      },
      {
        id: "R06",
        title: "with guardrail enforcement: foundation model through the JP profile without a guardrail",
        expected: "Denied",
        action: invoke,
        context: viaProfile,
        ...guarded,
        resource: fm(ids.region),
      },
    );
  }
  list.push(...existingVpcScenarios(ids));
  return list.sort((a, b) => a.id.localeCompare(b.id));
}

interface CallerFacts {
  readonly principal: string;
  readonly roleArn: string;
  readonly account: "operator" | "municipality" | "foreign";
  /** Our roles carry the boundary when it is enabled; administrators and foreigners do not. */
  readonly carriesBoundary: boolean;
}

function callerFacts(caller: Caller, ids: MatrixIds): CallerFacts {
  const session = (roleArn: string, name: string) => {
    const [, , , , account, resource] = roleArn.split(":");
    return `arn:aws:sts::${account}:assumed-role/${resource.split("/").pop()}/${name}`;
  };
  const role = (accountId: string, name: string) => iamRoleArn(accountId, name);
  switch (caller) {
    case "client":
      return {
        principal: session(ids.clientRoleArn, "i-0123456789abcdef0"),
        roleArn: ids.clientRoleArn,
        account: "municipality",
        carriesBoundary: true,
      };
    case "operator-session":
      return {
        principal: session(ids.operatorRoleArn, "app"),
        roleArn: ids.operatorRoleArn,
        account: "operator",
        carriesBoundary: true,
      };
    case "other-municipality-session": {
      const arn = ids.otherMunicipalityRoleArn ?? role(ids.operatorAccountId, "bedrock-lz-invoke-other");
      return { principal: session(arn, "app"), roleArn: arn, account: "operator", carriesBoundary: true };
    }
    case "municipality-admin": {
      const arn = role(ids.municipalityAccountId, "Admin");
      return { principal: session(arn, "alice"), roleArn: arn, account: "municipality", carriesBoundary: false };
    }
    case "operator-admin": {
      const arn = role(ids.operatorAccountId, "Admin");
      return { principal: session(arn, "bob"), roleArn: arn, account: "operator", carriesBoundary: false };
    }
    case "foreign-account": {
      // Same role name as the client role, in an account the trust does not name.
      const arn = role(FOREIGN_ACCOUNT_ID, ids.clientRoleArn.split("/").pop()!);
      return {
        principal: session(arn, "i-0badbadbadbadbad0"),
        roleArn: arn,
        account: "foreign",
        carriesBoundary: false,
      };
    }
  }
}

function phaseDocuments(scenario: Scenario, input: MatrixInput): OperatorDocuments {
  const documents = input[scenario.phase];
  if (documents === undefined) throw new Error(`${scenario.id}: the matrix input has no ${scenario.phase} operator`);
  return documents;
}

function identityPolicy(scenario: Scenario, input: MatrixInput): PolicyJson {
  if (scenario.identity === "widened") return widened(scenario.action);
  switch (scenario.caller) {
    case "client":
      return input.municipality.clientPolicy;
    case "operator-session":
      return phaseDocuments(scenario, input).invokePolicy;
    case "other-municipality-session":
      if (input.otherMunicipality === undefined) throw new Error(`${scenario.id}: no other municipality`);
      return input.otherMunicipality.invokePolicy;
    default:
      return ALLOW_EVERYTHING;
  }
}

function guardrailsOf(
  account: CallerFacts["account"],
  scenario: Scenario,
  input: MatrixInput,
): GuardrailJson | undefined {
  if (account === "foreign") return undefined;
  return account === "municipality" ? input.municipality.guardrails : phaseDocuments(scenario, input).guardrails;
}

/** The request for one scenario, with every layer that applies to it. */
export function buildSimulation(
  scenario: Scenario,
  input: MatrixInput,
): { request: AccessRequest; simulation: Simulation; layers: Layer[] } {
  const { ids } = input;
  const caller = callerFacts(scenario.caller, ids);
  const layers: Layer[] = ["identity"];
  const context: Record<string, string> = {
    "aws:PrincipalArn": caller.roleArn,
    "aws:PrincipalAccount": caller.roleArn.split(":")[4],
    "aws:RequestedRegion": scenario.region,
    ...scenario.context,
  };
  const endpointPolicies: PolicyJson[] = [];
  const endpoints = endpointsFor(scenario, input);
  if (scenario.path === "sts-endpoint") {
    context["aws:SourceVpce"] = required(endpoints.stsEndpointId, scenario, "sts endpoint");
    endpointPolicies.push(required(endpoints.stsEndpointPolicy, scenario, "sts endpoint"));
    layers.push("endpoint");
  } else if (scenario.path === "bedrock-endpoint") {
    context["aws:SourceVpce"] = required(endpoints.bedrockRuntimeEndpointId, scenario, "bedrock-runtime endpoint");
    endpointPolicies.push(
      scenario.endpointPolicy === "default"
        ? DEFAULT_ENDPOINT_POLICY
        : required(endpoints.bedrockRuntimeEndpointPolicy, scenario, "bedrock-runtime endpoint"),
    );
    layers.push("endpoint");
  } else if (scenario.path === "foreign-endpoint") {
    context["aws:SourceVpce"] = FOREIGN_ENDPOINT_ID;
    endpointPolicies.push(DEFAULT_ENDPOINT_POLICY);
  }

  let resourcePolicy: PolicyJson | undefined;
  if (scenario.action === "sts:AssumeRole") {
    resourcePolicy =
      scenario.resource === ids.operatorRoleArn
        ? phaseDocuments(scenario, input).invokeTrust
        : scenario.resource === ids.otherMunicipalityRoleArn
          ? input.otherMunicipality?.invokeTrust
          : scenario.targetTrust;
    if (resourcePolicy === undefined) throw new Error(`${scenario.id}: AssumeRole needs the target's trust policy`);
    layers.splice(1, 0, "trust");
  }

  const guardrails = guardrailsOf(caller.account, scenario, input);
  const serviceControlPolicies: PolicyJson[] = [];
  if (guardrails !== undefined && (scenario.guardrails === "scp" || scenario.guardrails === "scp+boundary")) {
    // AWS attaches FullAWSAccess by default; the guardrail SCPs only subtract from it.
    serviceControlPolicies.push(ALLOW_EVERYTHING, guardrails.regionGuardScp, guardrails.bedrockScp);
    layers.push("scp");
  }
  const permissionBoundaries: PolicyJson[] = [];
  if (
    guardrails !== undefined &&
    caller.carriesBoundary &&
    (scenario.guardrails === "boundary" || scenario.guardrails === "scp+boundary")
  ) {
    permissionBoundaries.push(guardrails.permissionBoundary);
    layers.push("boundary");
  }

  const resourceAccountId = scenario.resourceAccountId ?? scenario.resource.split(":")[4] ?? "";
  const request: AccessRequest = {
    principal: caller.principal,
    action: scenario.action,
    resource: scenario.resource,
    // Foundation models have no account; the call is served in the caller's account.
    resourceAccountId: resourceAccountId === "" ? caller.roleArn.split(":")[4] : resourceAccountId,
    context,
    identityPolicies: [identityPolicy(scenario, input)],
    resourcePolicy,
    endpointPolicies,
    serviceControlPolicies,
    permissionBoundaries,
  };
  return { request, simulation: simulationOf(request), layers };
}

/** Evaluates one scenario; a simulator validation error or an ignored context key is an error. */
export async function evaluateScenario(scenario: Scenario, input: MatrixInput): Promise<MatrixRow> {
  const { request, layers } = buildSimulation(scenario, input);
  const decision = await simulate(request, scenario.id);
  const actual: Verdict = decision.allowed ? "Allowed" : "Denied";
  return {
    id: scenario.id,
    title: scenario.title,
    layers,
    expected: scenario.expected,
    actual,
    result: decision.result,
    deniedBy: [...decision.deniedBy],
    pass: actual === scenario.expected,
  };
}

export async function evaluateMatrix(
  input: MatrixInput,
  list: readonly Scenario[] = applicableScenarios(input),
): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  for (const scenario of list) rows.push(await evaluateScenario(scenario, input));
  return rows;
}

/** The scenarios this input can evaluate (see {@link notApplicable}). */
export function applicableScenarios(input: MatrixInput): Scenario[] {
  return scenarios(input.ids).filter((scenario) => notApplicable(scenario, input) === undefined);
}

/** A Markdown table of the rows, for docs/security.md and the plan. */
export function formatMatrix(rows: readonly MatrixRow[]): string {
  const lines = [
    "| id | scenario | layers | expected | actual | denied by |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (row) =>
        `| ${row.id} | ${row.title} | ${row.layers.join(", ")} | ${row.expected} | ${row.pass ? "" : "**MISMATCH** "}${row.actual} | ${row.deniedBy.join(", ")} |`,
    ),
  ];
  return lines.join("\n");
}
