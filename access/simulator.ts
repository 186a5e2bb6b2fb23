/**
 * The one wrapper around @cloud-copilot/iam-simulate: a request and the documents that apply to
 * it in, the decision and the layers that denied it out. The access matrix and every simulation
 * spec call this, so a simulator error, a context key the action does not know, and the reading
 * of "which layer said no" are handled the same way everywhere.
 */
import { type RequestAnalysis, type Simulation, runSimulation } from "@cloud-copilot/iam-simulate";
import { dirname, join } from "node:path";
import type { PolicyDocument } from "../infra/iam/document";

/** An IAM document as JSON: generated documents, mutated documents and fixtures alike. */
export interface PolicyJson {
  readonly Version: string;
  readonly Statement: readonly StatementJson[];
}
export type StatementJson = Readonly<Record<string, unknown>> & {
  readonly Effect: "Allow" | "Deny";
  readonly Sid?: string;
};

/** What the builders produce, or what a stack file or a mutation holds. */
export type AnyPolicy = PolicyJson | PolicyDocument;

/** A request with only the layers that apply to it; absent layers do not take part. */
export interface AccessRequest {
  /** The caller: a role session (`arn:aws:sts::…:assumed-role/…`), a role, or a service principal. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource (for foundation models: the caller's). */
  readonly resourceAccountId: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly identityPolicies?: readonly AnyPolicy[];
  /** A trust policy for `sts:AssumeRole`, a bucket, key or repository policy otherwise. */
  readonly resourcePolicy?: AnyPolicy;
  readonly endpointPolicies?: readonly AnyPolicy[];
  /** SCPs of the caller's account, FullAWSAccess included when the organisation has it. */
  readonly serviceControlPolicies?: readonly AnyPolicy[];
  readonly permissionBoundaries?: readonly AnyPolicy[];
}

export type DeniedLayer = "identity" | "trust" | "endpoint" | "scp" | "boundary" | "cross-account";

export interface AccessDecision {
  /** The simulator's overall result: Allowed, ExplicitlyDenied, ImplicitlyDenied. */
  readonly result: string;
  readonly allowed: boolean;
  /** Every layer whose policies denied the request (empty when allowed). */
  readonly deniedBy: readonly DeniedLayer[];
}

const named = (prefix: string, policies: readonly AnyPolicy[] | undefined) =>
  (policies ?? []).map((policy, index) => ({ name: `${prefix}-${index}`, policy }));

/** The simulator's input for a request; deterministic, so mutation tests can compare two. */
export function simulationOf(request: AccessRequest): Simulation {
  const scps = request.serviceControlPolicies ?? [];
  const boundaries = request.permissionBoundaries ?? [];
  const endpoints = request.endpointPolicies ?? [];
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccountId },
      contextVariables: { ...request.context },
    },
    identityPolicies: named("identity", request.identityPolicies) as Simulation["identityPolicies"],
    serviceControlPolicies:
      scps.length > 0
        ? [{ orgIdentifier: `${principalAccount(request.principal)}-account`, policies: named("scp", scps) }]
        : [],
    resourceControlPolicies: [],
    ...(request.resourcePolicy !== undefined ? { resourcePolicy: request.resourcePolicy } : {}),
    ...(boundaries.length > 0 ? { permissionBoundaryPolicies: named("boundary", boundaries) } : {}),
    ...(endpoints.length > 0 ? { vpcEndpointPolicies: named("endpoint", endpoints) } : {}),
  } as Simulation;
}

/** A role or session ARN's account; a service principal has none. */
function principalAccount(principal: string): string {
  return principal.split(":")[4] || "service";
}

function deniedLayers(analysis: RequestAnalysis | undefined): DeniedLayer[] {
  const denies = (result: string | undefined) => result === "ExplicitlyDenied" || result === "ImplicitlyDenied";
  const layers: DeniedLayer[] = [];
  if (denies(analysis?.identityAnalysis?.result)) layers.push("identity");
  if (denies(analysis?.resourceAnalysis?.result) || analysis?.resourceAnalysis?.result === "DeniedForAccount")
    layers.push("trust");
  if (denies(analysis?.endpointAnalysis?.result)) layers.push("endpoint");
  if (denies(analysis?.scpAnalysis?.result)) layers.push("scp");
  if (denies(analysis?.permissionBoundaryAnalysis?.result)) layers.push("boundary");
  // Every policy allowed, but the resource is in another account and has no resource policy.
  if (layers.length === 0 && analysis?.sameAccount === false) layers.push("cross-account");
  return layers;
}

/**
 * Evaluates one request. A simulator validation error, or a context key the action ignores
 * (a typo would silently make a condition vacuous), is an error, not a verdict.
 */
export function simulate(request: AccessRequest, label = request.action): Promise<AccessDecision> {
  const simulation = simulationOf(request);
  const key = JSON.stringify(simulation);
  let decision = decisions.get(key);
  if (decision === undefined) {
    if (decisions.size >= MAX_REMEMBERED_DECISIONS) decisions.clear();
    decision = decide(simulation, request.action, label);
    decisions.set(key, decision);
    // A failure is not kept: the next caller meets it afresh, with its own label.
    decision.catch(() => decisions.delete(key));
  }
  return decision;
}

/**
 * Decisions already made in this process, by the simulator's exact input. The matrix, the plan,
 * the audit and the specs ask the same questions of the same documents again and again (about
 * three in four requests in `npm test` are repeats), and the simulator spends most of its time
 * matching the resource against the action's ARN patterns. Bounded, since every mutant of the
 * mutation test is a new input.
 */
const decisions = new Map<string, Promise<AccessDecision>>();
const MAX_REMEMBERED_DECISIONS = 5_000;

/** The simulator module whose answers {@link rememberResourceTypes} keeps. */
interface ResourceTypesModule {
  getResourceTypesForAction: (service: string, action: string, resource: string) => Promise<unknown[]>;
}

/** iam-simulate's answers by service, action and resource. */
const answers = new Map<string, Promise<unknown[]>>();

/**
 * iam-simulate works out the action's resource types afresh for every request, matching the
 * resource against each type's ARN pattern with an automaton; that was about two thirds of a
 * request's time. The answer depends only on the service, the action, the resource and the
 * iam-data release the package bundles, and its callers only read it, so it is remembered for the
 * process. The package's `exports` hide the module, so it is found beside the entry point (Node
 * gives the package and us the same module object); a release that moves or renames it fails as
 * this module loads, and one that stops calling through it fails tests/access/simulator.spec.ts,
 * instead of either running slowly unnoticed.
 */
function rememberResourceTypes(): void {
  const path = join(dirname(require.resolve("@cloud-copilot/iam-simulate")), "simulation_engine", "resourceTypes.js");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the package does not export
  const engine = require(path) as ResourceTypesModule;
  const compute = engine.getResourceTypesForAction;
  if (typeof compute !== "function") throw new Error(`${path} no longer exports getResourceTypesForAction`);
  engine.getResourceTypesForAction = (service, action, resource) => {
    const key = `${service}\n${action}\n${resource}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(service, action, resource);
      answers.set(key, answer);
      answer.catch(() => answers.delete(key));
    }
    return answer;
  };
}
rememberResourceTypes();

/** How many (service, action, resource) answers are remembered: a spec's proof that they are asked for here. */
export function rememberedResourceTypes(): number {
  return answers.size;
}

async function decide(simulation: Simulation, action: string, label: string): Promise<AccessDecision> {
  const response = await runSimulation(simulation, {});
  if (response.resultType === "error") {
    throw new Error(`${label}: the simulator rejected the request: ${JSON.stringify(response.errors)}`);
  }
  if (response.resultType !== "single") throw new Error(`${label}: expected a single-resource result`);
  const ignored = response.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) {
    throw new Error(`${label}: context keys not valid for ${action}: ${ignored.join(", ")}`);
  }
  const allowed = response.overallResult === "Allowed";
  return {
    result: response.overallResult,
    allowed,
    deniedBy: allowed ? [] : deniedLayers(response.result.analysis),
  };
}
