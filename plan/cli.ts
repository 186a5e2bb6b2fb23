/**
 * `npm run plan`: what each account would get, offline (no AWS, no Pulumi CLI). Exit codes:
 * 0 planned; 1 an access-matrix verdict differs from the expected one; 2 bad arguments, bad config or a failing program (message only, `--verbose` adds
 * the stack trace); 1 anything else. The work is in plan-run / plan-report / plan-output.
 */
import { ConfigError } from "../infra/config";
import * as pulumi from "@pulumi/pulumi";
import { USAGE, parsePlanArgs } from "./args";
import { selectStack, writeArtifacts } from "./output";
import { type ReportSection, renderReport } from "./report";
import { evaluateMatrix, formatMatrix } from "../access/matrix";
import { collectMatrixInput } from "../access/input";
import { type LoadedStack, PlanInputError, StackRunError, buildPlan, loadStackFiles, stackConfigOf } from "./run";

/**
 * The IAM access matrix (docs/security.md) evaluated on the documents of the stacks being
 * planned: one operator and one municipality file. With other combinations there is no single
 * call path to evaluate, and the report says so.
 */
async function accessMatrixSection(
  stacks: readonly LoadedStack[],
): Promise<{ section: ReportSection; failed: number }> {
  const operators = stacks.filter((s) => stackConfigOf(s).account === "operator");
  const municipalities = stacks.filter((s) => stackConfigOf(s).account === "municipality");
  if (operators.length !== 1 || municipalities.length !== 1) {
    const body = "Not evaluated: the matrix needs exactly one operator and one municipality stack file in the plan.";
    return { section: { title: "IAM access matrix", render: () => body }, failed: 0 };
  }
  const { input } = await collectMatrixInput(operators[0], municipalities[0]);
  const rows = await evaluateMatrix(input);
  const failed = rows.filter((row) => !row.pass).length;
  const summary = `${rows.length} scenarios evaluated with @cloud-copilot/iam-simulate on the documents above, ${failed} differ from the expected verdict.`;
  return { section: { title: "IAM access matrix", render: () => `${summary}\n\n${formatMatrix(rows)}` }, failed };
}

function isUserError(error: unknown): boolean {
  const cause = error instanceof StackRunError ? error.cause : error;
  return (
    error instanceof PlanInputError ||
    cause instanceof ConfigError ||
    pulumi.RunError.isInstance(cause) ||
    (typeof (error as { code?: unknown })?.code === "string" &&
      (error as { code: string }).code.startsWith("ERR_PARSE_ARGS"))
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parsePlanArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const stacks = loadStackFiles(args.configFiles);
  if (args.stack !== undefined && !stacks.some((loaded) => loaded.stack === args.stack)) {
    throw new PlanInputError(
      `--stack ${args.stack}: no such stack; loaded: ${stacks.map((loaded) => loaded.stack).join(", ")}`,
    );
  }
  const plan = selectStack(await buildPlan(stacks), args.stack);
  const matrix = await accessMatrixSection(stacks);
  const report = renderReport(plan, { extraSections: [matrix.section] });
  process.stdout.write(report);
  if (args.out !== undefined) {
    const written = writeArtifacts(plan, report, args.out);
    process.stderr.write(`plan: wrote ${written.length} files to ${args.out}\n`);
  }
  if (matrix.failed > 0) {
    process.stderr.write(
      `plan failed: ${matrix.failed} access-matrix verdicts differ from the expected ones (see the report)\n`,
    );
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const verbose = process.argv.includes("--verbose");
    const userError = isUserError(error);
    const trace = error instanceof StackRunError ? (error.cause as Error)?.stack : (error as Error)?.stack;
    process.stderr.write(`plan failed: ${(error as Error)?.message ?? String(error)}\n`);
    if (userError && !(error instanceof StackRunError) && !(error instanceof PlanInputError))
      process.stderr.write(`${USAGE}\n`);
    if (verbose && trace) process.stderr.write(`${trace}\n`);
    // A failed program leaves Pulumi promises rejecting later; exit before they print traces.
    process.exit(userError ? 2 : 1);
  },
);
