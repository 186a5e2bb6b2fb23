/**
 * The access matrix's vocabulary: the documents and ids it evaluates, a scenario and its row. Its
 * own module, so the scenario groups (access/scenarios/) and the evaluator (access/matrix.ts) both
 * depend on it and not on each other.
 */
import type { PolicyJson } from "./simulator";

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

/**
 * The municipality's setup-time documents (docs/municipality.md: the features switched on while
 * installing, off in the steady state): a run with `codeArtifact.clientReadAccess`, the mirror and
 * `sessionAccess` on. Mutation targets, so every statement is proved by a scenario.
 */
export interface SetupDocuments {
  /** The client role's own policies in that run. */
  readonly clientPolicy: PolicyJson;
  readonly codeArtifactReadPolicy: PolicyJson;
  readonly sessionManagerPolicy: PolicyJson;
  readonly codeArtifactEndpointPolicy: PolicyJson;
  readonly ssmEndpointPolicy: PolicyJson;
  readonly ssmmessagesEndpointPolicy: PolicyJson;
  readonly ec2messagesEndpointPolicy: PolicyJson;
  readonly domainPolicy: PolicyJson;
  readonly repositoryPolicy: PolicyJson;
}

/** The resource policies of the operator's invocation-log bucket and key. */
export interface LoggingDocuments {
  readonly bucketPolicy: PolicyJson;
  readonly keyPolicy: PolicyJson;
}

export interface SetupIds {
  readonly domainArn: string;
  /** The repository pip reads, and the upstream one that holds the public connection. */
  readonly repositoryArn: string;
  readonly upstreamRepositoryArn: string;
}

export interface LoggingIds {
  readonly bucketName: string;
  readonly keyPrefix: string;
  readonly keyArn: string;
  /** The CloudTrail trail writing into the same bucket, when that run has one. */
  readonly trailArn?: string;
}

export interface MatrixIds extends MeteringIds {
  readonly operatorAccountId: string;
  readonly municipalityAccountId: string;
  readonly operatorRoleArn: string;
  /** Another municipality's invoke role in the same operator account, if the config has one. */
  readonly otherMunicipalityRoleArn?: string;
  readonly clientRoleArn: string;
  /**
   * What the municipality stack tells its clients to pass as `modelId` (its output): the `jp.`
   * profile id, or the application profile ARN a metering operator handed over.
   */
  readonly clientModelId?: string;
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
  /**
   * The municipality's own stack deploys into an existing VPC shared with other workloads: its
   * endpoints keep the account's own principals' use of each service (infra/shared-vpc-policies.ts).
   */
  readonly sharesItsVpc?: boolean;
  /** The same municipality deployed into an existing, shared VPC (access/scenarios/existing-vpc.ts). */
  readonly existingVpc?: ExistingVpcIds;
  /** The setup-time run's names (access/scenarios/setup.ts), if evaluated. */
  readonly setup?: SetupIds;
  /** Invocation logging of the end-state operator (access/scenarios/logging.ts), if on. */
  readonly logging?: LoggingIds;
  /** The same with the CloudTrail trail into the log bucket, if a run has it. */
  readonly loggingTrail?: LoggingIds;
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
  readonly setup?: SetupDocuments;
  readonly logging?: LoggingDocuments;
  readonly loggingTrail?: LoggingDocuments;
}

export type Phase = "unlocked" | "hardened" | "guarded";
/** Which org guardrails are in force: none (the default), the SCPs, the boundary, or both. */
export type Guardrails = "none" | "scp" | "boundary" | "scp+boundary";
/** How the request reaches AWS: our endpoints, someone else's endpoint, or no endpoint. */
export type Path =
  | "sts-endpoint"
  | "bedrock-endpoint"
  | "foreign-endpoint"
  | "no-endpoint"
  | "codeartifact-endpoint"
  | "ssm-endpoint"
  | "ssmmessages-endpoint"
  | "ec2messages-endpoint";
export type Caller =
  | "client"
  | "operator-session"
  | "other-municipality-session"
  | "municipality-admin"
  | "operator-admin"
  | "foreign-account"
  | "bedrock-service"
  | "cloudtrail-service";
export type Layer = "identity" | "trust" | "resource" | "endpoint" | "scp" | "boundary";
/** A resource policy other than a role's trust, from the matrix input. */
export type ResourcePolicyRef =
  "codeartifact-domain" | "codeartifact-repository" | "log-bucket" | "trail-log-bucket" | "log-key";
export type Verdict = "Allowed" | "Denied";

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly expected: Verdict;
  readonly phase: Phase;
  readonly caller: Caller;
  /**
   * `widened`: the caller's own policy was replaced by "Allow <action> on *" (drift, tampering);
   * `setup`: the client role's policies in the setup-time run.
   */
  readonly identity?: "generated" | "widened" | "setup";
  /** `default`: the endpoint's policy was replaced by AWS's full-access default (drift). */
  readonly endpointPolicy?: "generated" | "default";
  readonly action: string;
  readonly resource: string;
  /** Resource account; defaults to the account in the resource ARN. */
  readonly resourceAccountId?: string;
  /** Trust policy of a target role that is not one of ours (AssumeRole only). */
  readonly targetTrust?: PolicyJson;
  /** The resource's own policy (bucket, key, CodeArtifact domain or repository). */
  readonly resourcePolicy?: ResourcePolicyRef;
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

/** The endpoints of the existing-VPC run, as the matrix needs them. */
export interface ExistingVpcIds {
  /** Undefined when the endpoint is switched off (the matrix then names the scenario not applicable). */
  readonly stsEndpointId: string | undefined;
  readonly bedrockRuntimeEndpointId: string | undefined;
}

/** Their policies; a referenced endpoint whose policy is left alone has none of ours. */
export interface ExistingVpcDocuments {
  readonly stsEndpointPolicy: PolicyJson | undefined;
  readonly bedrockRuntimeEndpointPolicy: PolicyJson | undefined;
}

/** What a metering operator's contract says about this pair (operator output `inferenceProfileArns`). */
export interface MeteringIds {
  /** This municipality's application inference profile: what its clients pass as `modelId`. */
  readonly applicationProfileArn?: string;
  /** Another municipality's profile in the same operator account, if the config has one. */
  readonly otherApplicationProfileArn?: string;
}
