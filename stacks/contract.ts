/**
 * The contract between the two stacks and the tools that read them: what each stack exports,
 * by name and type, in one place. Each stack's returned object `satisfies` its type here, the
 * StackReference readers and the tools (plan/, access/, deploy/, bench/) read outputs through
 * the names and helpers below, so renaming or dropping an output is a type error, not a broken
 * deploy. docs/design.md describes the deploy order these outputs feed.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { GuardrailReference } from "../infra/bedrock-guardrail";
import type { OrgGuardrailDocuments } from "../infra/org-guardrails";

/** The operator's optional features: `null` when a feature is off, so the keys are always there. */
export interface OperatorFeatureOutputs {
  readonly invocationLogGroupName: pulumi.Output<string> | null;
  readonly invocationLogBucketName: pulumi.Output<string> | null;
  readonly invocationLogKeyArn: pulumi.Output<string> | null;
  readonly guardrailId: pulumi.Output<string> | null;
  readonly guardrailArn: pulumi.Output<string> | null;
  readonly guardrailVersion: pulumi.Output<string> | null;
  readonly guardrailEnforced: boolean;
  readonly modelAgreementModelId: pulumi.Output<string> | null;
  readonly auditTrailArn: pulumi.Output<string> | null;
  readonly firstCallNetwork: {
    readonly vpcId: pulumi.Output<string>;
    readonly subnetIds: pulumi.Output<string[]>;
    readonly clientSecurityGroupId: pulumi.Output<string>;
    readonly bedrockRuntimeEndpointId: pulumi.Output<string>;
  } | null;
}

/** What the operator stack exports (stacks/operator.ts). */
export interface OperatorOutputs extends OperatorFeatureOutputs {
  readonly account: "operator";
  readonly region: string;
  readonly accountId: string;
  readonly modelId: string;
  readonly inferenceProfileId: string;
  readonly inferenceProfileArn: string;
  /** Read by each municipality stack: `invokeRoleArns[<municipality>]`. */
  readonly invokeRoleArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Metering on: each municipality's application inference profile ARN (its `modelId`); else null. */
  readonly inferenceProfileArns: Readonly<Record<string, pulumi.Output<string>>> | null;
  /** Metering alarms on: the operator's alarm topic; else null. */
  readonly alarmTopicArn: pulumi.Output<string> | null;
  /** Metering dashboards on: the dashboard names, one per page of municipalities; else null. */
  readonly dashboardNames: pulumi.Output<string[]> | null;
  /**
   * Which invoke roles are locked to their municipality's endpoints (null = not yet): plain values
   * when the endpoint ids are plain config, so 1,741 of them cost the `pulumi up` path nothing.
   */
  readonly endpointLocks: Readonly<
    Record<string, { readonly bedrockRuntime: pulumi.Input<string | null>; readonly sts: pulumi.Input<string | null> }>
  >;
  /** Org guardrails: region-guard SCP, Bedrock SCP and permission boundary (docs/security.md). */
  readonly guardrails: pulumi.Output<OrgGuardrailDocuments>;
  /** SCP ids in AWS Organizations when `organizations.enabled`, else null. */
  readonly organizationPolicyIds: pulumi.Output<Record<string, string>> | null;
}

/** Where pip logs in to the CodeArtifact mirror. */
export interface CodeArtifactLogin {
  readonly domainName: string;
  readonly domainOwner: string;
  readonly repositoryName: string;
  readonly loginCommand: string;
}

/** The municipality's optional features (stacks/municipality-features.ts); off = `null`/`false`. */
export interface MunicipalityFeatureOutputs {
  /** Null while neither the mirror nor the read policy is on. */
  readonly codeArtifact: CodeArtifactLogin | null;
  readonly sessionAccess: boolean;
  readonly smokeTestInstanceId: pulumi.Output<string> | null;
  /** `aws ssm start-session` for the smoke instance, when there is one to open. */
  readonly smokeTestSessionCommand: pulumi.Output<string> | null;
}

/** What the municipality stack exports (stacks/municipality.ts). */
export interface MunicipalityOutputs extends MunicipalityFeatureOutputs {
  readonly account: "municipality";
  readonly region: string;
  readonly accountId: string;
  readonly municipalityName: string;
  readonly vpcId: pulumi.Output<string>;
  readonly subnetIds: pulumi.Output<Record<string, string>>;
  /** Read by the operator stack to lock the invoke role: `endpointIds["bedrock-runtime"]`. */
  readonly endpointIds: pulumi.Output<Record<string, string>>;
  readonly endpointSecurityGroupId: pulumi.Output<string>;
  readonly clientRoleArn: pulumi.Output<string>;
  readonly instanceProfileName: pulumi.Output<string>;
  readonly operatorRoleArn: pulumi.Output<string>;
  /** The operator's `jp.` system profile. */
  readonly inferenceProfileId: string;
  /**
   * What clients pass as `modelId` to Converse / InvokeModel: the municipality's application
   * inference profile ARN when the operator meters, else the `jp.` profile id.
   */
  readonly modelId: pulumi.Output<string>;
  /** The Bedrock guardrail clients must name (`guardrailConfig`) when the operator enforces one; else null. */
  readonly guardrail: pulumi.Output<GuardrailReference | null>;
  /** Org guardrails: region-guard SCP, Bedrock SCP and permission boundary (docs/security.md). */
  readonly guardrails: pulumi.Output<OrgGuardrailDocuments>;
  /** SCP ids in AWS Organizations when `organizations.enabled`, else null. */
  readonly organizationPolicyIds: pulumi.Output<Record<string, string>> | null;
}

/** The outputs as another stack, `pulumi stack output` or a tool sees them: plain values. */
export type OperatorOutputValues = pulumi.Unwrap<OperatorOutputs>;
export type MunicipalityOutputValues = pulumi.Unwrap<MunicipalityOutputs>;

/** Every key of a type, listed once: a key added to the type but not here fails to compile. */
type KeyList<T> = { readonly [K in keyof Required<T>]: true };
const keysOf = <T>(list: KeyList<T>) => Object.keys(list) as (keyof T & string)[];

/** Every output the operator stack must export. */
export const OPERATOR_OUTPUT_KEYS = keysOf<OperatorOutputs>({
  account: true,
  region: true,
  accountId: true,
  modelId: true,
  inferenceProfileId: true,
  inferenceProfileArn: true,
  invokeRoleArns: true,
  endpointLocks: true,
  guardrails: true,
  organizationPolicyIds: true,
  invocationLogGroupName: true,
  invocationLogBucketName: true,
  invocationLogKeyArn: true,
  guardrailId: true,
  guardrailArn: true,
  guardrailVersion: true,
  guardrailEnforced: true,
  modelAgreementModelId: true,
  auditTrailArn: true,
  inferenceProfileArns: true,
  alarmTopicArn: true,
  dashboardNames: true,
  firstCallNetwork: true,
});

/** Every output the municipality stack must export. */
export const MUNICIPALITY_OUTPUT_KEYS = keysOf<MunicipalityOutputs>({
  account: true,
  region: true,
  accountId: true,
  municipalityName: true,
  vpcId: true,
  subnetIds: true,
  endpointIds: true,
  endpointSecurityGroupId: true,
  clientRoleArn: true,
  instanceProfileName: true,
  operatorRoleArn: true,
  inferenceProfileId: true,
  modelId: true,
  codeArtifact: true,
  sessionAccess: true,
  smokeTestInstanceId: true,
  smokeTestSessionCommand: true,
  guardrail: true,
  guardrails: true,
  organizationPolicyIds: true,
});

/** The operator output each municipality stack reads: its invoke role's ARN, by municipality. */
export const OPERATOR_ROLE_ARNS_OUTPUT = "invokeRoleArns" satisfies keyof OperatorOutputs;

/** The operator output each municipality stack reads its `modelId` from when the operator meters. */
export const OPERATOR_PROFILE_ARNS_OUTPUT = "inferenceProfileArns" satisfies keyof OperatorOutputs;

/** The municipality output the operator reads to lock the invoke role to the endpoints. */
export const MUNICIPALITY_ENDPOINT_IDS_OUTPUT = "endpointIds" satisfies keyof MunicipalityOutputs;

/**
 * A stack's recorded or fetched outputs, typed by the contract. Partial: a stack that was never
 * deployed (or an older one) may lack any of them, so every reader handles `undefined`.
 */
export function operatorOutputsOf(outputs: Readonly<Record<string, unknown>>): Partial<OperatorOutputValues> {
  return outputs as Partial<OperatorOutputValues>;
}

export function municipalityOutputsOf(outputs: Readonly<Record<string, unknown>>): Partial<MunicipalityOutputValues> {
  return outputs as Partial<MunicipalityOutputValues>;
}

/** One output of the operator stack through a StackReference, typed by the contract. */
export function operatorOutput<K extends keyof OperatorOutputValues>(
  reference: pulumi.StackReference,
  key: K,
): pulumi.Output<OperatorOutputValues[K] | undefined> {
  return reference.getOutput(key) as pulumi.Output<OperatorOutputValues[K] | undefined>;
}

/** One output of a municipality stack through a StackReference, typed by the contract. */
export function municipalityOutput<K extends keyof MunicipalityOutputValues>(
  reference: pulumi.StackReference,
  key: K,
): pulumi.Output<MunicipalityOutputValues[K] | undefined> {
  return reference.getOutput(key) as pulumi.Output<MunicipalityOutputValues[K] | undefined>;
}
