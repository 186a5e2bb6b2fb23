/**
 * The proof part of the plan: the IAM access matrix (access/matrix.ts) evaluated for every
 * operator–municipality pair of the planned deployment, on the documents of its deploy phases,
 * with the expectations the configuration sets. A pair that cannot be formed, or scenarios that
 * do not apply (an endpoint switched off), are reported by name, never skipped in silence.
 */
import { matrixInputFromRuns, pairMatrixInput } from "../access/input";
import {
  type MatrixRow,
  configured,
  evaluateMatrix,
  evaluateScenario,
  formatMatrix,
  notApplicable,
  scenarios,
} from "../access/matrix";
import { clientCallScenarios } from "../access/scenarios/client-call";
import type { OperatorConfig } from "../infra/config";
import { crossStackProblems } from "../infra/config/cross-stack";
import { PLAN_MESSAGES, type PlanMessages } from "./messages";
import type { DeployPhaseName } from "./phases";
import type { ReportSection } from "./report";
import type { DeploymentRuns, StackRun } from "./run";
import type { Plan, PlanPhaseClients } from "./schema";

export interface PairProof {
  readonly operator: string;
  readonly municipality: string;
  readonly rows: readonly MatrixRow[];
  /** Scenario id → why it does not apply to this pair. */
  readonly notApplicable: Readonly<Record<string, string>>;
  /** Settings the two stack files disagree on, when a verdict differs (crossStackProblems). */
  readonly disagreements: readonly string[];
}

export interface Proof {
  readonly pairs: readonly PairProof[];
  /** Per deploy phase after step 1: whether each pair's clients get through (the C scenarios). */
  readonly clients: ReadonlyMap<DeployPhaseName, readonly PlanPhaseClients[]>;
  /** Stacks the matrix could not pair, with the reason. */
  readonly unpaired: readonly string[];
  readonly scenarios: number;
  readonly mismatches: number;
}

/** Each municipality of the deployment with each operator that lists it. */
function pairsOf(deployment: DeploymentRuns): { operator: StackRun; municipality: StackRun; name: string }[] {
  const runs = [...deployment.endState.values()];
  return runs.flatMap((municipality) => {
    const { config } = municipality;
    // Stryker disable next-line ConditionalExpression: an operator's config has no municipalityName, so no operator would list it either
    if (config.account !== "municipality") return [];
    return runs
      .filter(
        (operator) =>
          operator.config.account === "operator" && config.municipalityName in operator.config.municipalities,
      )
      .map((operator) => ({ operator, municipality, name: config.municipalityName }));
  });
}

/**
 * The call the clients make, in every phase from step 2 on: with the municipality as that phase
 * deployed it and the operator as it stands then (unlocked until step 3). A phase that leaves the
 * clients denied is reported, not failed: the end state, proved with the whole matrix, decides.
 */
export async function phaseClients(deployment: DeploymentRuns): Promise<Map<DeployPhaseName, PlanPhaseClients[]>> {
  const result = new Map<DeployPhaseName, PlanPhaseClients[]>();
  for (const phase of ["municipalities", "handover", "locked"] as const) {
    const entries: PlanPhaseClients[] = [];
    for (const pair of pairsOf(deployment)) {
      const stack = pair.municipality.loaded.stack;
      const municipality = phase === "locked" ? pair.municipality : deployment.phases[phase].get(stack);
      if (municipality === undefined) continue;
      const unlocked = deployment.phases.operator.get(pair.operator.loaded.stack)!;
      const operator = phase === "locked" ? pair.operator : unlocked;
      // Every phase's run of an operator stack is an operator's (pairsOf checked the end state's).
      const config = operator.config as OperatorConfig;
      const { name } = pair;
      const enforced = config.guardrail?.enforceOnInvokeRoles === true;
      // With an enforced guardrail the clients name it, as docs/deployment.md tells them to.
      const input = matrixInputFromRuns(
        {
          municipality: municipality.run,
          unlocked: unlocked.run,
          hardened: operator.run,
          guarded: enforced ? operator.run : undefined,
        },
        name,
        {
          externalId: config.municipalities[name].externalId,
          trustLocked: config.municipalities[name].lockTrustToStsEndpoint === true,
          guardrailEnforced: enforced,
        },
      );
      const list = clientCallScenarios(input.ids, phase === "locked" ? "hardened" : "unlocked")
        .map((scenario) => configured(scenario, input.ids))
        .filter((scenario) => notApplicable(scenario, input) === undefined);
      const rows = await Promise.all(list.map((scenario) => evaluateScenario(scenario, input)));
      const denied = rows
        .filter((row) => row.actual === "Denied")
        .map((row) => {
          const scenario = list.find((candidate) => candidate.id === row.id)!;
          const deniedBy = row.deniedBy.length > 0 ? [...row.deniedBy] : [row.result];
          return { id: row.id, action: scenario.action, resource: scenario.resource, deniedBy };
        });
      entries.push({
        operator: pair.operator.loaded.stack,
        municipality: stack,
        allowed: rows.length > 0 && denied.length === 0,
        denied,
      });
    }
    if (phase !== "handover" || entries.length > 0) result.set(phase, entries);
  }
  return result;
}

/** The plan with each phase's client verdicts (plan.json `phases[].clients`). */
export function withPhaseClients(plan: Plan, proof: Proof): Plan {
  if (plan.phases === undefined) return plan;
  return {
    ...plan,
    phases: plan.phases.map((phase) => {
      const clients = proof.clients.get(phase.name);
      return clients === undefined ? phase : { ...phase, clients: [...clients] };
    }),
  };
}

export async function proveDeployment(deployment: DeploymentRuns): Promise<Proof> {
  const operators = [...deployment.phases.locked.values()];
  const pairs: PairProof[] = [];
  const unpaired: string[] = [];
  for (const municipality of deployment.endState.values()) {
    if (municipality.config.account !== "municipality") continue;
    const name = municipality.config.municipalityName;
    // Step 3's runs are the operators'.
    const serving = operators.filter((o) => name in (o.config as OperatorConfig).municipalities);
    if (serving.length === 0) {
      unpaired.push(
        `municipality ${municipality.loaded.stack} (${name}): no operator stack in this plan lists "${name}" in bedrock-lz:municipalities`,
      );
    }
    for (const operator of serving) {
      const input = pairMatrixInput(deployment, operator.loaded.stack, municipality.loaded.stack);
      const skipped: Record<string, string> = {};
      for (const scenario of scenarios(input.ids)) {
        const reason = notApplicable(scenario, input);
        if (reason !== undefined) skipped[scenario.id] = reason;
      }
      const rows = await evaluateMatrix(input);
      const failed = rows.some((row) => !row.pass);
      const disagreements = failed
        ? crossStackProblems([
            { file: operator.loaded.file, config: operator.config },
            { file: municipality.loaded.file, config: municipality.config },
          ]).map((problem) => problem.message)
        : [];
      pairs.push({
        operator: operator.loaded.stack,
        municipality: municipality.loaded.stack,
        rows,
        notApplicable: skipped,
        disagreements,
      });
    }
  }
  for (const operator of operators) {
    if (!pairs.some((pair) => pair.operator === operator.loaded.stack)) {
      unpaired.push(`operator ${operator.loaded.stack}: none of its municipalities has a stack file in this plan`);
    }
  }
  return {
    pairs,
    clients: await phaseClients(deployment),
    unpaired,
    scenarios: pairs.reduce((sum, pair) => sum + pair.rows.length, 0),
    mismatches: pairs.reduce((sum, pair) => sum + pair.rows.filter((row) => !row.pass).length, 0),
  };
}

/** The last line of the terminal report (and the first of plan.md's access matrix section, in English). */
export function proofVerdict(proof: Proof, messages: PlanMessages = PLAN_MESSAGES.en): string {
  return messages.verdict({
    // With no pair, every catalogue says NOT EVALUATED whatever `proved` says.
    proved: proof.mismatches === 0,
    scenarios: proof.scenarios,
    pairs: proof.pairs.length,
    mismatches: proof.mismatches,
    notApplicable: proof.pairs.reduce((sum, pair) => sum + Object.keys(pair.notApplicable).length, 0),
    unpaired: proof.unpaired.length,
  });
}

/** Why verdicts differ, in words: the mismatching ids, and the settings the stacks disagree on; and what could not be evaluated. */
export function mismatchMessages(proof: Proof, messages: PlanMessages = PLAN_MESSAGES.en): string[] {
  const unpaired = proof.unpaired.map((reason) => messages.cli.notEvaluated(reason));
  return [
    ...unpaired,
    ...proof.pairs.flatMap((pair) => {
      const failed = pair.rows.filter((row) => !row.pass).map((row) => row.id);
      if (failed.length === 0) return [];
      return [messages.mismatch(`${pair.operator} × ${pair.municipality}`, failed, pair.disagreements)];
    }),
  ];
}

export function proofSection(proof: Proof): ReportSection {
  const body = [
    proofVerdict(proof),
    ...proof.unpaired.map((line) => `\n- not evaluated: ${line}`),
    ...proof.pairs.map((pair) => {
      const skipped = Object.entries(pair.notApplicable);
      const failed = pair.rows.filter((row) => !row.pass).length;
      return [
        `\n### ${pair.operator} × ${pair.municipality}`,
        `${pair.rows.length} scenarios evaluated with @cloud-copilot/iam-simulate on the end-state documents above, ${failed} differ from the expected verdict.`,
        ...pair.disagreements.map((message) => `- the stack files disagree: ${message}`),
        ...(skipped.length > 0
          ? [`Not applicable: ${skipped.map(([id, reason]) => `${id} (${reason})`).join(", ")}.`]
          : []),
        "",
        formatMatrix(pair.rows),
      ].join("\n");
    }),
  ].join("\n");
  return { title: "IAM access matrix", render: () => body };
}
