/**
 * The audit's one door into the rest of the repository: what to read comes from the offline plan
 * of the stack file (plan/run.ts runs the real program under harness/mock-engine.ts), and the
 * pair's access matrix (access/input.ts `pairMatrixInput`, what `npm run plan` proves) is re-run
 * with the live documents in place of the declared ones.
 *
 * Ids only a deploy knows are placeholders in the plan (what the mock engine invents in their
 * place: harness/mock-engine.ts `assignedValues`); the audit binds them to live values: the
 * municipality's endpoint ids by finding its VPC (by tag, or the existing VPC's configured id),
 * the operator's locked endpoint ids, guardrail ARN and application-profile ARNs from its own live
 * policies. Ids a stack file gives explicitly (endpoint ids, an existing VPC and its endpoints)
 * are real and compared as they are.
 */
import { FAKE_GUARDRAIL_VERSION, assignedValues, fakeGuardrailId, fakeId } from "../harness/mock-engine";
import { type DeploymentRuns, type LoadedStack, loadStackFiles, planDeployment } from "../plan/run";
import { pairMatrixInput } from "../access/input";
import {
  type MatrixInput,
  type MatrixRow,
  type OperatorDocuments,
  type PolicyJson,
  evaluateMatrix,
} from "../access/matrix";
import { clientRoleName, invokeRoleName } from "../infra/naming";
import {
  type DeclaredRole,
  type DeclaredStack,
  type ExistingVpcDeclaration,
  type PlannedResource,
  declaredStack,
} from "./declared";
import { type Bindings, type PolicyDoc, substitute } from "./documents";
import type { AuditOutcome } from "./audit";
import { AUDIT_MESSAGES as m } from "./messages";

/** Every stack of the offline plan the audit ran, with the account and region it deploys into. */
export interface PlannedStack {
  readonly stack: string;
  readonly accountId: string;
  readonly region: string;
  readonly resources: readonly PlannedResource[];
  /** The stack's validated config, as plan.json holds it. */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * Placeholders of this stack's run that another stack file already gives the real value of (the
   * hand-over done by hand: plan/bindings.ts): the plan holds that value in their place.
   */
  readonly given: ReadonlyMap<string, string>;
}

export interface AuditPlan {
  readonly declared: DeclaredStack;
  /** The audited stack and its peer as planned (what a deployment of them would hold). */
  readonly planned: readonly PlannedStack[];
  /** The declared matrix input (operator + municipality), when the pair is known. */
  readonly matrixInput?: MatrixInput;
  /** The municipality the matrix evaluates. */
  readonly municipalityName?: string;
  readonly notes: string[];
}

const kindOf = (stack: LoadedStack) => stack.config["bedrock-lz:account"];

/** Every value the mock engine invents for a resource of any planned stack: they stand for what AWS assigns. */
function placeholdersOf(stacks: readonly PlannedStack[]): string[] {
  const values = new Set<string>();
  for (const { stack, resources } of stacks) {
    for (const { type, name } of resources) {
      for (const value of assignedValues(type, name, stack)) values.add(value);
      // A guardrail is enforced as `<ARN>:<version>`: the version is published later, so it binds too.
      if (type === "aws:bedrock/guardrail:Guardrail") values.add(`${fakeGuardrailId(name)}:${FAKE_GUARDRAIL_VERSION}`);
    }
  }
  return [...values];
}

/** The `existingVpc` of a municipality's validated config, when it has one. */
function existingVpcOf(config: Readonly<Record<string, unknown>>): ExistingVpcDeclaration | undefined {
  const existing = config.existingVpc as ExistingVpcDeclaration | null | undefined;
  return existing ?? undefined;
}

/** The peer for the matrix: the given file, or a stack file of the other kind in the same folder that pairs with this one. */
function pairOf(stack: LoadedStack, candidates: readonly LoadedStack[]): LoadedStack | undefined {
  const municipalities = (config: Record<string, string>) =>
    Object.keys(JSON.parse(config["bedrock-lz:municipalities"] ?? "{}") as Record<string, unknown>);
  return candidates.find((candidate) => {
    if (candidate.stack === stack.stack || kindOf(candidate) === kindOf(stack)) return false;
    const [operator, municipality] = kindOf(stack) === "operator" ? [stack, candidate] : [candidate, stack];
    return municipalities(operator.config as Record<string, string>).includes(
      municipality.config["bedrock-lz:municipalityName"],
    );
  });
}

/**
 * Plans the stack file (with its peer, so an operator locked through `municipalityStack` sees the
 * municipality's endpoints) and extracts what the audit reads.
 */
export async function planAudit(stackFile: string, peerFiles: readonly string[]): Promise<AuditPlan> {
  const [stack, ...others] = loadStackFiles([stackFile, ...peerFiles]);
  return planAuditOf(stack, others);
}

/** The two plans an audit reads: the files as written, and the end state of the deploy order. */
export interface AuditDeployments {
  /** An operator entry not locked yet stays unlocked: what the stack file deploys. */
  readonly asWritten: DeploymentRuns;
  /** Every entry locked, as step 3 does (what `npm run plan` proves): the access matrix's. */
  readonly endState: DeploymentRuns;
}

/** Plans the stacks both ways; when no lock is left to step 3, the two are one plan. */
export async function planAuditDeployments(stacks: readonly LoadedStack[]): Promise<AuditDeployments> {
  const endState = await planDeployment(stacks);
  const implied = [...endState.locks.values()].some((locks) =>
    Object.values(locks).some((lock) => lock.kind === "implied"),
  );
  return { endState, asWritten: implied ? await planDeployment(stacks, { impliedLocks: false }) : endState };
}

/**
 * {@link planAudit} of stack configs already loaded (a stack file's, or one a spec builds);
 * `deployments` may be given when the same stacks were planned already (the peer's audit).
 */
export async function planAuditOf(
  stack: LoadedStack,
  others: readonly LoadedStack[],
  deployments?: AuditDeployments,
): Promise<AuditPlan> {
  const stackFile = stack.file;
  const peer = pairOf(stack, others);
  const notes: string[] = [];
  const { asWritten: deployment, endState } =
    deployments ?? (await planAuditDeployments(peer === undefined ? [stack] : [stack, peer]));
  const plan = deployment.plan;
  const planned = plan.stacks[stack.stack];
  const account = planned.account as "operator" | "municipality";
  const stacks: PlannedStack[] = Object.entries(plan.stacks).map(([name, s]) => ({
    stack: name,
    accountId: String(s.outputs.accountId),
    region: String(s.outputs.region ?? "ap-northeast-1"),
    resources: s.resources as PlannedResource[],
    config: s.config as Record<string, unknown>,
    given: deployment.endState.get(name)?.bindings ?? new Map(),
  }));
  const own = stacks.find((candidate) => candidate.stack === stack.stack)!;
  const declared = declaredStack({
    stack: stack.stack,
    account,
    accountId: own.accountId,
    region: own.region,
    resources: own.resources,
    placeholders: placeholdersOf(stacks),
    ownedRolePrefixes: [account === "operator" ? invokeRoleName("") : clientRoleName("")],
    planIdOf: (type, name) => fakeId(type, name, stack.stack),
    existingVpc: existingVpcOf(own.config),
  });
  notes.push(...planned.warnings);
  if (peer === undefined) {
    notes.push(m.noPeer({ other: account === "operator" ? "municipality" : "operator", file: stackFile }));
    return { declared, planned: stacks, notes };
  }
  const [operator, municipality] = account === "operator" ? [stack, peer] : [peer, stack];
  // The pair's matrix as `npm run plan` proves it: on the end state of the deploy order (the
  // operator locked to the municipality's endpoints), whatever step the files are at; the live
  // documents then replace those of the phase the audited stack is in.
  const input = pairMatrixInput(endState, operator.stack, municipality.stack);
  return {
    declared,
    planned: stacks,
    matrixInput: input,
    municipalityName: municipality.config["bedrock-lz:municipalityName"],
    notes,
  };
}

function roleName(arn: string): string {
  return arn.slice(arn.indexOf(":role/") + ":role/".length);
}

const sidsOf = (document: { readonly Statement: readonly unknown[] }) =>
  new Set(document.Statement.map((statement) => (statement as { Sid?: unknown }).Sid).filter(Boolean));

/**
 * Which of the role's inline policies is the matrix's document: the one sharing the most
 * statement ids with it. A role can have several (the client role has Session Manager's too while
 * it is on), and the matrix's may carry statements the audited phase has not (the endpoint lock).
 */
function inlinePolicyMatching(role: DeclaredRole | undefined, document: PolicyJson): string | undefined {
  const wanted = sidsOf(document);
  let best: string | undefined;
  let bestShared = 0;
  for (const [name, declared] of Object.entries(role?.inlinePolicies ?? {})) {
    const shared = [...sidsOf(declared)].filter((sid) => wanted.has(sid)).length;
    if (shared > bestShared) [best, bestShared] = [name, shared];
  }
  return best;
}

function liveOperatorDocuments(
  base: OperatorDocuments,
  name: string,
  outcome: AuditOutcome,
  declared: DeclaredStack,
): OperatorDocuments | undefined {
  const role = outcome.live.roles.get(name);
  const declaredRole = declared.roles.find((candidate) => candidate.roleName === name);
  const policyName = inlinePolicyMatching(declaredRole, base.invokePolicy);
  const policy = policyName === undefined ? undefined : role?.inlinePolicies[policyName];
  if (role === undefined || policy === undefined) return undefined;
  return { ...base, invokeTrust: role.trust as never, invokePolicy: policy as never };
}

const isLocked = (policy: PolicyDoc) => JSON.stringify(policy).includes("aws:SourceVpce");

/**
 * The same access matrix, on the live documents of the audited stack (the peer's stay as
 * declared: this audit cannot read another account). Placeholders are replaced by the values
 * bound while reading, so endpoint ids in scenario contexts match the deployed ones.
 */
export async function liveMatrix(
  plan: AuditPlan,
  outcome: AuditOutcome,
): Promise<{ rows: MatrixRow[] } | { skipped: string }> {
  if (plan.matrixInput === undefined || plan.municipalityName === undefined) {
    return { skipped: m.skippedNoPeer };
  }
  const declared = plan.declared;
  const bindings: Bindings = outcome.bindings;
  const base = substitute(plan.matrixInput, bindings);
  let input: MatrixInput;
  if (declared.account === "operator") {
    const name = invokeRoleName(plan.municipalityName);
    const declaredRole = declared.roles.find((role) => role.roleName === name);
    if (declaredRole === undefined) return { skipped: m.skippedNotDeclared({ name }) };
    const phase = Object.values(declaredRole.inlinePolicies).some(isLocked) ? "hardened" : "unlocked";
    const own = liveOperatorDocuments(base[phase], name, outcome, declared);
    if (own === undefined) return { skipped: m.skippedNotDeployed({ name }) };
    const other = base.ids.otherMunicipalityRoleArn;
    const otherDocuments =
      other !== undefined && base.otherMunicipality !== undefined
        ? liveOperatorDocuments(base.hardened, roleName(other), outcome, declared)
        : undefined;
    input = {
      ...base,
      [phase]: own,
      otherMunicipality: otherDocuments ?? base.otherMunicipality,
    };
  } else {
    const name = clientRoleName(plan.municipalityName);
    const role = outcome.live.roles.get(name);
    const declaredRole = declared.roles.find((candidate) => candidate.roleName === name);
    const policyName = inlinePolicyMatching(declaredRole, base.municipality.clientPolicy);
    const clientPolicy = policyName === undefined ? undefined : role?.inlinePolicies[policyName];
    const sts = outcome.live.endpointPolicies.get("sts");
    const runtime = outcome.live.endpointPolicies.get("bedrock-runtime");
    if (clientPolicy === undefined || sts === undefined || runtime === undefined) {
      return { skipped: m.skippedClientParts };
    }
    input = {
      ...base,
      municipality: {
        ...base.municipality,
        clientPolicy: clientPolicy as never,
        stsEndpointPolicy: sts as never,
        bedrockRuntimeEndpointPolicy: runtime as never,
      },
    };
  }
  return { rows: await evaluateMatrix(input) };
}
