/**
 * `npm run plan`: what each account would get, offline (no AWS, no Pulumi CLI). Exit codes:
 * 0 planned; 2 bad arguments, bad config or a failing program (message only, `--verbose` adds
 * the stack trace); 1 anything else. The work is in plan-run / plan-report / plan-output.
 */
import { ConfigError } from "../infra/config";
import * as pulumi from "@pulumi/pulumi";
import { USAGE, parsePlanArgs } from "./plan-args";
import { selectStack, writeArtifacts } from "./plan-output";
import { type ReportSection, renderReport } from "./plan-report";
import { PlanInputError, StackRunError, buildPlan, loadStackFiles } from "./plan-run";

/**
 * Sections other modules add to the report. The IAM access matrix (issue 5) belongs here:
 * a `ReportSection` whose `render(plan)` prints who may call what through which endpoint.
 */
const EXTRA_SECTIONS: ReportSection[] = [];

function isUserError(error: unknown): boolean {
  const cause = error instanceof StackRunError ? error.cause : error;
  return (
    error instanceof PlanInputError ||
    cause instanceof ConfigError ||
    pulumi.RunError.isInstance(cause) ||
    (typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("ERR_PARSE_ARGS"))
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
  const report = renderReport(plan, { extraSections: EXTRA_SECTIONS });
  process.stdout.write(report);
  if (args.out !== undefined) {
    const written = writeArtifacts(plan, report, args.out);
    process.stderr.write(`plan: wrote ${written.length} files to ${args.out}\n`);
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
    if (userError && !(error instanceof StackRunError) && !(error instanceof PlanInputError)) process.stderr.write(`${USAGE}\n`);
    if (verbose && trace) process.stderr.write(`${trace}\n`);
    // A failed program leaves Pulumi promises rejecting later; exit before they print traces.
    process.exit(userError ? 2 : 1);
  },
);
