/**
 * The audit's one door into the rest of the repository: what to read comes from the offline plan
 * of the stack file (plan/run.ts runs the real program under harness/mock-engine.ts), and the
 * access matrix (access/) is re-run with the live documents in place of the declared ones.
 *
 * Ids only a deploy knows are placeholders in the plan (the mock engine's fake ids and ARNs);
 * the audit binds them to live values: the municipality's endpoint ids by discovering its VPC by
 * tag, the operator's locked endpoint ids and guardrail ARN from its own live policies. Endpoint
 * ids an operator stack file gives explicitly are real and compared as they are.
 */
import { fakeId } from "../harness/mock-engine";
import { type LoadedStack, loadStackFiles, planDeployment } from "../plan/run";
import { collectMatrixInput } from "../access/input";
import { readStackConfigFile } from "../harness/stack-file";
import { type MatrixInput, type MatrixRow, type OperatorDocuments, evaluateMatrix } from "../access/matrix";
import { clientRoleName, invokeRoleName } from "../infra/naming";
import { type PlannedResource, type DeclaredStack, declaredStack } from "./declared";
import { type Bindings, type PolicyDoc, substitute } from "./documents";
import type { AuditOutcome } from "./audit";

export interface AuditPlan {
  readonly declared: DeclaredStack;
  /** The declared matrix input (operator + municipality), when the pair is known. */
  readonly matrixInput?: MatrixInput;
  /** The municipality the matrix evaluates. */
  readonly municipalityName?: string;
  readonly notes: string[];
}

const kindOf = (stack: LoadedStack) => stack.config["bedrock-lz:account"];

/** Every value the mock engine invents for a resource: they stand for what AWS assigns. */
function placeholdersOf(resources: readonly (PlannedResource & { readonly stack: string })[]): string[] {
  const values = new Set<string>();
  for (const { type, name, stack } of resources) {
    const id = fakeId(type, name, stack);
    if (id !== `${name}-id`) values.add(id);
    values.add(`arn:aws:mock:::${type}/${name}`);
    if (type === "aws:kms/key:Key") values.add(`${name}-key-id`);
    if (type === "aws:bedrock/guardrail:Guardrail") {
      values.add(`${name}-gr-id:1`);
      values.add(`${name}-gr-id`);
    }
  }
  return [...values];
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
  const peer = pairOf(stack, others);
  const notes: string[] = [];
  // The file as written: an operator entry not locked yet is audited as unlocked.
  const deployment = await planDeployment(peer === undefined ? [stack] : [stack, peer], { impliedLocks: false });
  const plan = deployment.plan;
  const planned = plan.stacks[stack.stack];
  const account = planned.account as "operator" | "municipality";
  const allResources = Object.entries(plan.stacks).flatMap(([name, s]) =>
    (s.resources as PlannedResource[]).map((resource) => ({ ...resource, stack: name })),
  );
  const declared = declaredStack({
    stack: stack.stack,
    account,
    accountId: String(planned.outputs.accountId),
    region: String(planned.outputs.region ?? stack.config["aws:region"] ?? "ap-northeast-1"),
    resources: planned.resources as PlannedResource[],
    placeholders: placeholdersOf(allResources),
    ownedRolePrefixes: [account === "operator" ? invokeRoleName("") : clientRoleName("")],
    planIdOf: (type, name) => fakeId(type, name, stack.stack),
  });
  notes.push(...planned.warnings);
  if (peer === undefined) {
    notes.push(
      `no ${account === "operator" ? "municipality" : "operator"} stack file pairs with ${stackFile}: the access matrix is not evaluated (pass --peer)`,
    );
    return { declared, notes };
  }
  const [operator, municipality] = account === "operator" ? [stack, peer] : [peer, stack];
  const { input } = await collectMatrixInput(
    readStackConfigFile(operator.file),
    readStackConfigFile(municipality.file),
  );
  return {
    declared,
    matrixInput: input,
    municipalityName: municipality.config["bedrock-lz:municipalityName"],
    notes,
  };
}

function roleName(arn: string): string {
  return arn.slice(arn.indexOf(":role/") + ":role/".length);
}

function liveOperatorDocuments(
  base: OperatorDocuments,
  name: string,
  outcome: AuditOutcome,
  declared: DeclaredStack,
): OperatorDocuments | undefined {
  const role = outcome.live.roles.get(name);
  const declaredRole = declared.roles.find((candidate) => candidate.roleName === name);
  const [policyName] = Object.keys(declaredRole?.inlinePolicies ?? {});
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
    return { skipped: "no peer stack file" };
  }
  const declared = plan.declared;
  const bindings: Bindings = outcome.bindings;
  const base = substitute(plan.matrixInput, bindings);
  let input: MatrixInput;
  if (declared.account === "operator") {
    const name = invokeRoleName(plan.municipalityName);
    const declaredRole = declared.roles.find((role) => role.roleName === name);
    if (declaredRole === undefined) return { skipped: `${name} is not declared by this stack` };
    const phase = Object.values(declaredRole.inlinePolicies).some(isLocked) ? "hardened" : "unlocked";
    const own = liveOperatorDocuments(base[phase], name, outcome, declared);
    if (own === undefined) return { skipped: `${name} or its inline policy is not deployed` };
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
    const [policyName] = Object.keys(declaredRole?.inlinePolicies ?? {});
    const clientPolicy = policyName === undefined ? undefined : role?.inlinePolicies[policyName];
    const sts = outcome.live.endpointPolicies.get("sts");
    const runtime = outcome.live.endpointPolicies.get("bedrock-runtime");
    if (clientPolicy === undefined || sts === undefined || runtime === undefined) {
      return { skipped: "the client role policy or the sts / bedrock-runtime endpoint is not deployed" };
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
