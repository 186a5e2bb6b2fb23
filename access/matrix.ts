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
import { existingVpcScenarios } from "./scenarios/existing-vpc";
import { bedrockGuardrailScenarios } from "./scenarios/bedrock-guardrail";
import { endpointScenarios } from "./scenarios/endpoint";
import { orgGuardrailScenarios } from "./scenarios/org-guardrails";
import { pathScenarios } from "./scenarios/path";
import { trustScenarios } from "./scenarios/trust";
import { setupScenarios } from "./scenarios/setup";
import { loggingScenarios } from "./scenarios/logging";
import { meteringScenarios, throughOwnProfile } from "./scenarios/metering";
import { clientCallScenarios } from "./scenarios/client-call";
import {
  type Caller,
  type ExistingVpcDocuments,
  type ExistingVpcIds,
  FOREIGN_ACCOUNT_ID,
  FOREIGN_ENDPOINT_ID,
  type GuardrailJson,
  type Layer,
  type MatrixIds,
  type MatrixInput,
  type MatrixRow,
  type OperatorDocuments,
  type Path,
  type ResourcePolicyRef,
  type Scenario,
  type SetupDocuments,
  type Verdict,
} from "./types";

export * from "./types";

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

/** The endpoint ids and policies a scenario is evaluated with: the shared VPC's or the new VPC's. */
export function endpointsFor(scenario: Scenario, input: MatrixInput): ExistingVpcIds & ExistingVpcDocuments {
  if (scenario.network === "existing-vpc") {
    if (input.ids.existingVpc === undefined || input.existingVpc === undefined) {
      throw new Error(`${scenario.id}: no existing-VPC run in the matrix input`);
    }
    return { ...input.ids.existingVpc, ...input.existingVpc };
  }
  return {
    stsEndpointId: input.ids.stsEndpointId,
    bedrockRuntimeEndpointId: input.ids.bedrockRuntimeEndpointId,
    stsEndpointPolicy: input.municipality.stsEndpointPolicy,
    bedrockRuntimeEndpointPolicy: input.municipality.bedrockRuntimeEndpointPolicy,
  };
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
  // In a shared VPC the account's own principals keep each service through its endpoint, by design;
  // the V scenarios prove what still holds there.
  if (ids.sharesItsVpc && scenario.caller === "municipality-admin" && scenario.path in SETUP_ENDPOINTS)
    return "the municipality shares its VPC: its endpoints keep the account's own principals' use (V scenarios)";
  return undefined;
}

/**
 * The configuration's effect on a scenario: with guardrail enforcement, a call the model allows
 * names the enforced guardrail (the R scenarios check the calls that do not); without the STS
 * trust lock, assuming the role outside the STS endpoint is allowed.
 */
export function configured(scenario: Scenario, ids: MatrixIds): Scenario {
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
      // The client's own call keeps the modelId the municipality exports, as its clients do.
      .concat(clientCallScenarios(ids))
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
