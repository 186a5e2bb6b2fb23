/**
 * The proof part of the plan: the IAM access matrix (access/matrix.ts) evaluated for every
 * operator–municipality pair of the planned deployment, on the documents of its deploy phases,
 * with the expectations the configuration sets. A pair that cannot be formed, or scenarios that
 * do not apply (an endpoint switched off), are reported by name, never skipped in silence.
 */
import { pairMatrixInput } from "../access/input";
import { type MatrixRow, evaluateMatrix, formatMatrix, notApplicable, scenarios } from "../access/matrix";
import { crossStackProblems } from "../infra/config/cross-stack";
import { PLAN_MESSAGES, type PlanMessages } from "./messages";
import type { ReportSection } from "./report";
import type { DeploymentRuns } from "./run";

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
  /** Stacks the matrix could not pair, with the reason. */
  readonly unpaired: readonly string[];
  readonly scenarios: number;
  readonly mismatches: number;
}

export async function proveDeployment(deployment: DeploymentRuns): Promise<Proof> {
  const operators = [...deployment.phases.locked.values()];
  const municipalities = [...deployment.phases.municipalities.values()];
  const pairs: PairProof[] = [];
  const unpaired: string[] = [];
  for (const municipality of municipalities) {
    if (municipality.config.account !== "municipality") continue;
    const name = municipality.config.municipalityName;
    const serving = operators.filter((o) => o.config.account === "operator" && name in o.config.municipalities);
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
    unpaired,
    scenarios: pairs.reduce((sum, pair) => sum + pair.rows.length, 0),
    mismatches: pairs.reduce((sum, pair) => sum + pair.rows.filter((row) => !row.pass).length, 0),
  };
}

/** The last line of the terminal report (and the first of plan.md's access matrix section, in English). */
export function proofVerdict(proof: Proof, messages: PlanMessages = PLAN_MESSAGES.en): string {
  return messages.verdict({
    proved: proof.mismatches === 0 && proof.pairs.length > 0,
    scenarios: proof.scenarios,
    pairs: proof.pairs.length,
    mismatches: proof.mismatches,
    notApplicable: proof.pairs.reduce((sum, pair) => sum + Object.keys(pair.notApplicable).length, 0),
    unpaired: proof.unpaired.length,
  });
}

/** Why verdicts differ, in words: the mismatching ids, and the settings the stacks disagree on. */
export function mismatchMessages(proof: Proof, messages: PlanMessages = PLAN_MESSAGES.en): string[] {
  return proof.pairs.flatMap((pair) => {
    const failed = pair.rows.filter((row) => !row.pass).map((row) => row.id);
    if (failed.length === 0) return [];
    return [messages.mismatch(`${pair.operator} × ${pair.municipality}`, failed, pair.disagreements)];
  });
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
