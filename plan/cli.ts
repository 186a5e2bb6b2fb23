/**
 * `npm run plan`: what each account would get, offline (no AWS, no Pulumi CLI), at the end of
 * the deploy order and phase by phase. Exit codes: 0 planned and proved; 1 an access-matrix
 * verdict differs from the expected one (a security finding), or an unexpected error; 2 bad
 * arguments, bad config, stack files that contradict each other (infra/config/cross-stack.ts) or a
 * failing program (message only, `--verbose` adds the stack trace). The work is in plan/run,
 * plan/proof, plan/report and plan/output.
 */
import { ConfigError, crossStackProblems } from "../infra/config";
import { runCommand } from "../harness/cli";
import * as pulumi from "@pulumi/pulumi";
import { USAGE, parsePlanArgs } from "./args";
import { selectStack, writeArtifacts } from "./output";
import { renderBrief, renderReport } from "./report";
import { mismatchMessages, proofSection, proofVerdict, proveDeployment } from "./proof";
import { type LoadedStack, PlanInputError, StackRunError, loadStackFiles, planDeployment, stackConfigOf } from "./run";

function isUserError(error: unknown): boolean {
  const cause = error instanceof StackRunError ? error.cause : error;
  return error instanceof PlanInputError || cause instanceof ConfigError || pulumi.RunError.isInstance(cause);
}

/**
 * Values two stack files must agree on. An error is what would certainly fail the deploy or deny
 * every call after it (another account, role, region, profile, a municipality the operator does
 * not list, an external id the enabled smoke test would not pass): the plan stops before running
 * the programs. A warning (the same external id difference with the smoke test off, a stack
 * reference naming another stack) is printed and the plan goes on.
 */
function checkAcrossStacks(stacks: readonly LoadedStack[]): void {
  const problems = crossStackProblems(stacks.map((s) => ({ file: s.file, config: stackConfigOf(s) })));
  const line = (p: { keys: string[]; message: string }) => `  - ${p.message}\n    keys: ${p.keys.join(", ")}`;
  const warnings = problems.filter((p) => p.severity === "warning");
  if (warnings.length > 0) process.stderr.write(`plan: warning:\n${warnings.map(line).join("\n")}\n`);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new PlanInputError(`the stack files contradict each other:\n${errors.map(line).join("\n")}`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parsePlanArgs(argv);
  const stacks = loadStackFiles(args.configFiles);
  if (args.stack !== undefined && !stacks.some((loaded) => loaded.stack === args.stack)) {
    throw new PlanInputError(
      `--stack ${args.stack}: no such stack; loaded: ${stacks.map((loaded) => loaded.stack).join(", ")}`,
    );
  }
  checkAcrossStacks(stacks);
  const deployment = await planDeployment(stacks);
  const plan = selectStack(deployment.plan, args.stack);
  const proof = await proveDeployment(deployment);
  const report = renderReport(plan, { extraSections: [proofSection(proof)] });
  const mismatches = mismatchMessages(proof);
  process.stdout.write(args.full ? report : renderBrief(plan, [...mismatches, proofVerdict(proof)]));
  if (args.out !== undefined) {
    const written = writeArtifacts(plan, report, args.out);
    process.stderr.write(`plan: wrote ${written.length} files to ${args.out}\n`);
  }
  if (proof.mismatches > 0) {
    process.stderr.write(
      `plan failed: ${proof.mismatches} access-matrix verdicts differ from the expected ones (plan.md or --full has the table)\n`,
    );
    return 1;
  }
  return 0;
}

/** The whole command, for the entry point and in-process specs: the exit code, never a throw. */
export async function planCommand(argv: readonly string[]): Promise<number> {
  try {
    return await runCommand("plan", USAGE, () => main(argv));
  } catch (error) {
    const verbose = argv.includes("--verbose");
    const userError = isUserError(error);
    const trace = error instanceof StackRunError ? (error.cause as Error)?.stack : (error as Error)?.stack;
    process.stderr.write(`plan failed: ${(error as Error)?.message ?? String(error)}\n`);
    if (verbose && trace) process.stderr.write(`${trace}\n`);
    return userError ? 2 : 1;
  }
}

if (require.main === module) {
  // A failed program leaves Pulumi promises rejecting later; exit before they print traces.
  planCommand(process.argv.slice(2)).then((code) => {
    if (code === 0) process.exitCode = 0;
    else process.exit(code);
  });
}
