/**
 * Mutation testing for the access matrix: every way of loosening one statement of one generated
 * document, applied one at a time. A mutant the matrix does not notice (no scenario flips) is a
 * rule the matrix does not prove. Pure: a {@link MatrixInput} in, mutated copies out.
 */
import {
  type LoggingDocuments,
  type MatrixInput,
  type PolicyJson,
  type Scenario,
  type SetupDocuments,
  type StatementJson,
  buildSimulation,
  evaluateScenario,
} from "./matrix";

/** Where a generated document lives in the matrix input, e.g. `hardened.invokePolicy`. */
export type DocumentPath =
  | "municipality.clientPolicy"
  | "municipality.stsEndpointPolicy"
  | "municipality.bedrockRuntimeEndpointPolicy"
  | `${"municipality" | "unlocked" | "hardened"}.guardrails.${"regionGuardScp" | "bedrockScp" | "permissionBoundary"}`
  | `${"unlocked" | "hardened" | "guarded"}.${"invokeTrust" | "invokePolicy"}`
  | `setup.${keyof SetupDocuments}`
  | `${"logging" | "loggingTrail"}.${keyof LoggingDocuments}`;

/**
 * The documents a developer edits, each with every place it appears in the matrix input. The
 * operator's documents appear once per deploy phase (before and after the lock); a change to a
 * builder changes both, so a mutant is applied to both.
 */
export const MUTATION_TARGETS: Readonly<Record<string, readonly DocumentPath[]>> = {
  "municipality.clientPolicy": ["municipality.clientPolicy"],
  "municipality.stsEndpointPolicy": ["municipality.stsEndpointPolicy"],
  "municipality.bedrockRuntimeEndpointPolicy": ["municipality.bedrockRuntimeEndpointPolicy"],
  "municipality.regionGuardScp": ["municipality.guardrails.regionGuardScp"],
  "municipality.bedrockScp": ["municipality.guardrails.bedrockScp"],
  "municipality.permissionBoundary": ["municipality.guardrails.permissionBoundary"],
  "operator.invokeTrust": ["unlocked.invokeTrust", "hardened.invokeTrust"],
  "operator.invokePolicy": ["unlocked.invokePolicy", "hardened.invokePolicy", "guarded.invokePolicy"],
  "operator.regionGuardScp": ["unlocked.guardrails.regionGuardScp", "hardened.guardrails.regionGuardScp"],
  "operator.bedrockScp": ["unlocked.guardrails.bedrockScp", "hardened.guardrails.bedrockScp"],
  "operator.permissionBoundary": ["unlocked.guardrails.permissionBoundary", "hardened.guardrails.permissionBoundary"],
  // The setup-time run's documents (access/scenarios/setup.ts).
  "municipality.codeArtifactReadPolicy": ["setup.codeArtifactReadPolicy"],
  "municipality.sessionManagerPolicy": ["setup.sessionManagerPolicy"],
  "municipality.codeArtifactEndpointPolicy": ["setup.codeArtifactEndpointPolicy"],
  "municipality.ssmEndpointPolicy": ["setup.ssmEndpointPolicy"],
  "municipality.ssmmessagesEndpointPolicy": ["setup.ssmmessagesEndpointPolicy"],
  "municipality.ec2messagesEndpointPolicy": ["setup.ec2messagesEndpointPolicy"],
  "municipality.codeArtifactDomainPolicy": ["setup.domainPolicy"],
  "municipality.codeArtifactRepositoryPolicy": ["setup.repositoryPolicy"],
  // Invocation logging (access/scenarios/logging.ts); the bucket's fullest form has the trail.
  "operator.logKeyPolicy": ["logging.keyPolicy"],
  "operator.logBucketPolicy": ["logging.bucketPolicy", "loggingTrail.bucketPolicy"],
};

/**
 * Keys a real request can lack. A negated operator on a missing key is true, so a Deny on such a
 * key also stops requests without it; adding `Null: {key: "false"}` ("only when present") is
 * the loosening that lets them through. (`...IfExists` is not: on a missing key it is true too.)
 */
export const ABSENTABLE_KEYS = ["aws:SourceVpce", "bedrock:InferenceProfileArn", "sts:ExternalId"];

type StatementChange = (statement: StatementJson) => StatementJson | undefined;

export interface Mutation {
  /** `<target>#<statement sid>:<operator>`, stable across runs. */
  readonly id: string;
  readonly target: string;
  readonly sid: string;
  /** Returns undefined when the statement (or the part it changes) is not in this document. */
  readonly change: StatementChange;
}

/** A document path walks plain nested objects (`hardened.invokePolicy`). */
type Tree = Record<string, unknown>;

/** The document at `path`, or undefined when the input has no such run (e.g. no setup run). */
export function documentAt(input: MatrixInput, path: DocumentPath): PolicyJson | undefined {
  return path.split(".").reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], input) as
    PolicyJson | undefined;
}

export function withDocument(input: MatrixInput, path: DocumentPath, policy: PolicyJson): MatrixInput {
  const copy = structuredClone(input) as unknown as Tree;
  const keys = path.split(".");
  const parent = keys.slice(0, -1).reduce<Tree>((node, key) => node[key] as Tree, copy);
  parent[keys[keys.length - 1]] = policy;
  return copy as unknown as MatrixInput;
}

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]) as string[];
const DROP = Symbol("drop");

/** Every single-statement loosening of one document. */
export function mutationsOf(target: string, policy: PolicyJson): Mutation[] {
  const mutations: Mutation[] = [];
  for (const statement of policy.Statement) {
    if (statement.Sid === undefined) throw new Error(`${target}: every generated statement needs a Sid`);
    const sid = statement.Sid;
    const add = (operator: string, change: StatementChange) =>
      mutations.push({ id: `${target}#${sid}:${operator}`, target, sid, change });
    const conditionOf = (s: StatementJson) => (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const condition = conditionOf(statement);

    if (statement.Effect === "Allow") {
      if (statement.NotResource !== undefined || (statement.Resource !== undefined && statement.Resource !== "*")) {
        add("resource-wildcard", ({ NotResource: _dropped, ...rest }) => ({ ...rest, Resource: "*" }) as StatementJson);
      }
      if (typeof statement.Principal === "object" && statement.Principal !== null) {
        add("principal-wildcard", (s) => ({ ...s, Principal: "*" }));
      }
      for (const [operator, keys] of Object.entries(condition)) {
        for (const key of Object.keys(keys)) {
          add(`drop-condition:${operator}:${key}`, (s) => {
            const current = conditionOf(s);
            if (current[operator]?.[key] === undefined) return undefined;
            const { Condition: _dropped, ...rest } = s;
            const kept = withoutConditionKey(current, operator, key);
            return (kept !== undefined ? { ...rest, Condition: kept } : rest) as StatementJson;
          });
        }
      }
    } else {
      add("drop-statement", () => DROP as unknown as StatementJson);
      const actions = asList(statement.Action);
      if (actions.length > 1) {
        for (const action of actions) {
          add(`drop-action:${action}`, (s) => ({ ...s, Action: asList(s.Action).filter((a) => a !== action) }));
        }
      }
      for (const [operator, keys] of Object.entries(condition)) {
        if (!/Not/.test(operator)) continue;
        for (const key of Object.keys(keys).filter((k) => ABSENTABLE_KEYS.includes(k))) {
          add(`only-when-present:${key}`, (s) => {
            const current = conditionOf(s);
            if (current[operator]?.[key] === undefined) return undefined;
            return { ...s, Condition: { ...current, Null: { ...(current.Null ?? {}), [key]: "false" } } };
          });
        }
      }
    }
  }
  return mutations;
}

function withoutConditionKey(
  condition: Record<string, Record<string, unknown>>,
  operator: string,
  key: string,
): Record<string, Record<string, unknown>> | undefined {
  const copy: Record<string, Record<string, unknown>> = {};
  for (const [op, keys] of Object.entries(condition)) {
    const kept = Object.fromEntries(Object.entries(keys).filter(([k]) => !(op === operator && k === key)));
    if (Object.keys(kept).length > 0) copy[op] = kept;
  }
  return Object.keys(copy).length > 0 ? copy : undefined;
}

/** The mutants of every target, taken from its most complete (hardened) form. */
export function allMutations(input: MatrixInput): Mutation[] {
  return Object.entries(MUTATION_TARGETS).flatMap(([target, paths]) => {
    const fullest = paths.map((path) => documentAt(input, path)).filter((policy) => policy !== undefined);
    return fullest.length > 0 ? mutationsOf(target, fullest[fullest.length - 1]) : [];
  });
}

/** Applies a mutant everywhere its target appears; throws if it changed nothing (a bad mutant). */
export function applyMutation(input: MatrixInput, mutation: Mutation): MatrixInput {
  let result = input;
  let changed = 0;
  for (const path of MUTATION_TARGETS[mutation.target]) {
    const policy = documentAt(result, path);
    if (policy === undefined) continue;
    const index = policy.Statement.findIndex((s) => s.Sid === mutation.sid);
    if (index < 0) continue;
    const replacement = mutation.change(policy.Statement[index]);
    if (replacement === undefined) continue;
    const statements = [...policy.Statement];
    if ((replacement as unknown) === DROP) statements.splice(index, 1);
    else statements[index] = replacement;
    result = withDocument(result, path, { ...policy, Statement: statements });
    changed++;
  }
  if (changed === 0) throw new Error(`${mutation.id}: changed no document`);
  return result;
}

export interface MutationOutcome {
  readonly id: string;
  /** The first scenario whose verdict flipped, or undefined when the mutant survived. */
  readonly killedBy: string | undefined;
}

/**
 * Applies each mutation alone and re-evaluates only the denied scenarios whose simulation it
 * changes (the others cannot flip), stopping at the first flip.
 */
export async function runMutations(
  input: MatrixInput,
  list: readonly Scenario[],
  mutations: readonly Mutation[] = allMutations(input),
): Promise<MutationOutcome[]> {
  const baseline = new Map(list.map((s) => [s.id, JSON.stringify(buildSimulation(s, input).simulation)]));
  const outcomes: MutationOutcome[] = [];
  for (const mutation of mutations) {
    const mutated = applyMutation(input, mutation);
    outcomes.push({ id: mutation.id, killedBy: await firstFlip(mutated, list, baseline) });
  }
  return outcomes;
}

/** Every scenario that flips when the mutations are applied together. */
export async function flippedScenarios(
  input: MatrixInput,
  list: readonly Scenario[],
  mutations: readonly Mutation[],
): Promise<string[]> {
  const mutated = mutations.reduce(applyMutation, input);
  const flipped: string[] = [];
  for (const scenario of list) {
    if (!(await evaluateScenario(scenario, mutated)).pass) flipped.push(scenario.id);
  }
  return flipped;
}

/**
 * Every mutant loosens (widens an Allow, narrows a Deny), so it can only turn a denial into an
 * allow: a scenario expected to be allowed cannot flip and is not simulated. A mutant that
 * tightened instead would survive here and fail the mutation spec, not pass it unseen.
 */
async function firstFlip(mutated: MatrixInput, list: readonly Scenario[], baseline: Map<string, string>) {
  for (const scenario of list) {
    // Stryker disable next-line ConditionalExpression: time only; every mutant allMutations makes loosens, so an allowed scenario stays allowed and passes
    if (scenario.expected === "Allowed") continue;
    // Stryker disable next-line ConditionalExpression: time only; an unchanged simulation gives the baseline's verdict, which passes on the matrix the mutants are run against
    if (JSON.stringify(buildSimulation(scenario, mutated).simulation) === baseline.get(scenario.id)) continue;
    const row = await evaluateScenario(scenario, mutated);
    if (!row.pass) return scenario.id;
  }
  return undefined;
}
