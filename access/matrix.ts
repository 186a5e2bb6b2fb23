/**
 * The access matrix: request scenarios, each with its expected verdict, evaluated with
 * @cloud-copilot/iam-simulate (AGPL-3.0, a devDependency: it runs in tests and the offline plan,
 * never in the deployed program) on the documents the program generates. Pure: documents in
 * (access/input.ts collects them from the program run under mocks), rows out.
 * docs/security.md explains the layers and what the simulator cannot model.
 */
import type { Simulation } from "@cloud-copilot/iam-simulate";
import { iamRoleArn } from "../infra/arns";
import { type AccessRequest, type PolicyJson, simulate, simulationOf } from "./simulator";
import {
  type ExistingVpcDocuments,
  type ExistingVpcIds,
  endpointsFor,
  existingVpcScenarios,
} from "./scenarios/existing-vpc";
import { bedrockGuardrailScenarios } from "./scenarios/bedrock-guardrail";
import { endpointScenarios } from "./scenarios/endpoint";
import { orgGuardrailScenarios } from "./scenarios/org-guardrails";
import { pathScenarios } from "./scenarios/path";
import { trustScenarios } from "./scenarios/trust";
import { setupScenarios } from "./scenarios/setup";
import { loggingScenarios } from "./scenarios/logging";
import { type MeteringIds, meteringScenarios, throughOwnProfile } from "./scenarios/metering";

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

export { FOREIGN_MODEL_PROFILE_ID, otherModelProfileId } from "./scenarios/facts";

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

/**
 * The scenario table, one line per group (access/scenarios/). Expected verdicts are the security
 * model; docs/security.md prints them. Sorted by id, so a group's place in this list is free.
 */
export function scenarios(ids: MatrixIds): Scenario[] {
  return (
    [
      ...pathScenarios(ids),
      ...trustScenarios(ids),
      ...endpointScenarios(ids),
      ...orgGuardrailScenarios(ids),
      ...bedrockGuardrailScenarios(ids),
      ...existingVpcScenarios(ids),
      ...setupScenarios(ids),
      ...loggingScenarios(ids),
    ]
      // With metering, the invoke paths go through the municipality's own application profile.
      .map((scenario) => throughOwnProfile(scenario, ids))
      .concat(meteringScenarios(ids))
      .map((scenario) => configured(scenario, ids))
      .sort((a, b) => a.id.localeCompare(b.id))
  );
}

interface CallerFacts {
  readonly principal: string;
  readonly roleArn: string;
  readonly account: "operator" | "municipality" | "foreign" | "service";
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
    case "bedrock-service":
      return { principal: "bedrock.amazonaws.com", roleArn: "", account: "service", carriesBoundary: false };
    case "cloudtrail-service":
      return { principal: "cloudtrail.amazonaws.com", roleArn: "", account: "service", carriesBoundary: false };
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

function identityPolicies(scenario: Scenario, input: MatrixInput): PolicyJson[] {
  if (scenario.identity === "widened") return [widened(scenario.action)];
  switch (scenario.caller) {
    case "client": {
      if (scenario.identity !== "setup") return [input.municipality.clientPolicy];
      const setup = required(input.setup, scenario, "setup-time run");
      return [setup.clientPolicy, setup.codeArtifactReadPolicy, setup.sessionManagerPolicy];
    }
    case "operator-session":
      return [phaseDocuments(scenario, input).invokePolicy];
    case "other-municipality-session":
      if (input.otherMunicipality === undefined) throw new Error(`${scenario.id}: no other municipality`);
      return [input.otherMunicipality.invokePolicy];
    // Service principals have no identity policies: the resource policy alone decides.
    case "bedrock-service":
    case "cloudtrail-service":
      return [];
    default:
      return [ALLOW_EVERYTHING];
  }
}

/** The resource policy a scenario names. */
function resourcePolicyOf(scenario: Scenario, ref: ResourcePolicyRef, input: MatrixInput): PolicyJson {
  switch (ref) {
    case "codeartifact-domain":
      return required(input.setup, scenario, "setup-time run").domainPolicy;
    case "codeartifact-repository":
      return required(input.setup, scenario, "setup-time run").repositoryPolicy;
    case "log-bucket":
      return required(input.logging, scenario, "invocation logging").bucketPolicy;
    case "trail-log-bucket":
      return required(input.loggingTrail, scenario, "invocation logging with the trail").bucketPolicy;
    case "log-key":
      return required(input.logging, scenario, "invocation logging").keyPolicy;
  }
}

/** The setup-time endpoints' policies, by path. */
const SETUP_ENDPOINTS = {
  "codeartifact-endpoint": "codeArtifactEndpointPolicy",
  "ssm-endpoint": "ssmEndpointPolicy",
  "ssmmessages-endpoint": "ssmmessagesEndpointPolicy",
  "ec2messages-endpoint": "ec2messagesEndpointPolicy",
} as const satisfies Partial<Record<Path, keyof SetupDocuments>>;

function guardrailsOf(
  account: CallerFacts["account"],
  scenario: Scenario,
  input: MatrixInput,
): GuardrailJson | undefined {
  if (account === "foreign" || account === "service") return undefined;
  return account === "municipality" ? input.municipality.guardrails : phaseDocuments(scenario, input).guardrails;
}

/** The request for one scenario, with every layer that applies to it. */
export function buildSimulation(
  scenario: Scenario,
  input: MatrixInput,
): { request: AccessRequest; simulation: Simulation; layers: Layer[] } {
  const { ids } = input;
  const caller = callerFacts(scenario.caller, ids);
  // A service principal has no identity policies: its layer is not there to evaluate.
  const layers: Layer[] = caller.account === "service" ? [] : ["identity"];
  const context: Record<string, string> = {
    ...(caller.account !== "service"
      ? { "aws:PrincipalArn": caller.roleArn, "aws:PrincipalAccount": caller.roleArn.split(":")[4] }
      : {}),
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
  } else if (scenario.path !== "no-endpoint") {
    endpointPolicies.push(
      scenario.endpointPolicy === "default"
        ? DEFAULT_ENDPOINT_POLICY
        : required(input.setup, scenario, "setup-time run")[SETUP_ENDPOINTS[scenario.path]],
    );
    layers.push("endpoint");
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
  } else if (scenario.resourcePolicy !== undefined) {
    resourcePolicy = resourcePolicyOf(scenario, scenario.resourcePolicy, input);
    layers.splice(1, 0, "resource");
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
    identityPolicies: identityPolicies(scenario, input),
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
    // The simulator calls every resource policy's verdict "trust"; only a role's is one.
    deniedBy: decision.deniedBy
      .filter((layer) => layer !== "identity" || layers.includes("identity"))
      .map((layer) => (layer === "trust" && scenario.resourcePolicy !== undefined ? "resource" : layer)),
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
