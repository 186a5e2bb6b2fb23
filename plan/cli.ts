/**
 * `npm run plan`: what each account would get, offline (no AWS, no Pulumi CLI), at the end of
 * the deploy order and phase by phase. Exit codes: 0 planned and proved; 1 an access-matrix
 * verdict differs from the expected one (a security finding, or stack files that disagree), or an
 * unexpected error; 2 bad arguments, bad config or a failing program (message only, `--verbose`
 * adds the stack trace). The work is in plan/run, plan/proof, plan/report and plan/output.
 */
import { ConfigError } from "../infra/config";
import * as pulumi from "@pulumi/pulumi";
import { USAGE, parsePlanArgs } from "./args";
import { selectStack, writeArtifacts } from "./output";
import { renderBrief, renderReport } from "./report";
import { mismatchMessages, proofSection, proofVerdict, proveDeployment } from "./proof";
import { PlanInputError, StackRunError, loadStackFiles, planDeployment } from "./run";

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
