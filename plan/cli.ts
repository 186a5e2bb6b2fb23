/**
 * `npm run plan`: what each account would get, offline (no AWS, no Pulumi CLI), at the end of
 * the deploy order and phase by phase. Exit codes: 0 planned and proved; 1 an access-matrix
 * verdict differs from the expected one (a security finding), or an unexpected error; 2 bad
 * arguments, bad config, stack files that contradict each other (infra/config/cross-stack.ts) or a
 * failing program (message only, `--verbose` adds the stack trace). The work is in plan/run,
 * plan/proof, plan/report and plan/output.
 */
// First: a cheaper start-up (see the file).
import "../harness/fast-start";
import { mkdirSync } from "node:fs";
import { ConfigError, crossStackProblems } from "../infra/config";
import { inLanguage } from "../infra/messages";
import { langOfArguments, runCommand } from "../harness/cli";
import { keepingStackTraces } from "../harness/mock-engine";
import * as pulumi from "@pulumi/pulumi";
import { langOf } from "../harness/lang";
import { USAGE, parsePlanArgs } from "./args";
import { PLAN_MESSAGES, type PlanMessages, langOfMessages, noteText } from "./messages";
import { selectStack, writeArtifacts } from "./output";
import { renderBrief, renderReport } from "./report";
import { mismatchMessages, proofSection, proofVerdict, proveDeployment, withPhaseClients } from "./proof";
import {
  type DeploymentRuns,
  type LoadedStack,
  PlanInputError,
  StackRunError,
  loadStackFiles,
  planDeployment,
  stackConfigOf,
} from "./run";

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
function checkAcrossStacks(stacks: readonly LoadedStack[], m: PlanMessages): void {
  const problems = crossStackProblems(stacks.map((s) => ({ file: s.file, config: stackConfigOf(s) })));
  // The problems' messages in the reader's language (infra/config/cross-stack-messages.ts); keys stay as they are.
  const lines = (list: typeof problems, messages: PlanMessages) =>
    list
      .map((p) => `  - ${inLanguage(p.message, langOfMessages(messages))}\n    ${messages.cli.keys(p.keys)}`)
      .join("\n");
  const warnings = problems.filter((p) => p.severity === "warning");
  if (warnings.length > 0) process.stderr.write(`${m.cli.warningHeading}\n${lines(warnings, m)}\n`);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new PlanInputError((messages) => `${messages.cli.contradiction}\n${lines(errors, messages)}`);
  }
}

/**
 * A stack's warnings in the reader's language, looked up by their English text (the text plan.json
 * and the stacks' warnings hold): the plan's own notes from its catalogue, the program's warnings
 * (`pulumi.log.warn`) from theirs (infra/warnings.ts).
 */
function warningTranslator(deployment: DeploymentRuns, m: PlanMessages): (text: string) => string {
  const translated = new Map<string, string>();
  for (const runs of Object.values(deployment.phases)) {
    for (const run of runs.values()) {
      for (const note of run.notes) translated.set(noteText(note), noteText(note, m));
    }
  }
  return (text) => translated.get(text) ?? inLanguage(text, langOfMessages(m));
}

/** The variables the reader's language comes from (LC_ALL, LC_MESSAGES, LANG). */
type Environment = Readonly<Record<string, string | undefined>>;

/** The reader's language, also when the command line itself is wrong (then the locale decides). */
function messagesFor(argv: readonly string[], env: Environment): PlanMessages {
  return PLAN_MESSAGES[langOfArguments(argv, env)];
}

/**
 * `--out` is made before anything runs: a path that cannot be a directory (an existing file, no
 * permission) stops the plan with its reason instead of after the whole report has been printed.
 */
function prepareOut(out: string | undefined): void {
  if (out === undefined) return;
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new PlanInputError((messages) => messages.cli.outNotADirectory(out, code));
  }
}

async function main(argv: readonly string[], env: Environment): Promise<number> {
  const args = parsePlanArgs(argv);
  const m = PLAN_MESSAGES[langOf(args.lang, env)];
  prepareOut(args.out);
  const stacks = loadStackFiles(args.configFiles);
  const wanted = args.stack;
  if (wanted !== undefined && !stacks.some((loaded) => loaded.stack === wanted)) {
    const loaded = stacks.map((stack) => stack.stack);
    throw new PlanInputError((messages) => messages.cli.noSuchStack(wanted, loaded));
  }
  checkAcrossStacks(stacks, m);
  const deployment = await planDeployment(stacks);
  const proof = await proveDeployment(deployment);
  const plan = selectStack(withPhaseClients(deployment.plan, proof), args.stack);
  const report = renderReport(plan, { extraSections: [proofSection(proof)] });
  // plan.md (--full) is the reviewers' artefact: English, like plan.json.
  const verdictLines = [...mismatchMessages(proof, m), proofVerdict(proof, m)];
  const brief = () => renderBrief(plan, verdictLines, { messages: m, warning: warningTranslator(deployment, m) });
  process.stdout.write(args.full ? report : brief());
  if (args.out !== undefined) {
    const written = writeArtifacts(plan, report, args.out);
    process.stderr.write(`${m.cli.wrote(written.length, args.out)}\n`);
  }
  if (proof.mismatches > 0) {
    process.stderr.write(`${m.cli.mismatchesFailed(proof.mismatches)}\n`);
    return 1;
  }
  return 0;
}

/** The whole command, for the entry point and in-process specs: the exit code, never a throw. */
export async function planCommand(argv: readonly string[], env: Environment = process.env): Promise<number> {
  const verbose = argv.includes("--verbose");
  try {
    const plan = () => runCommand("plan", USAGE, () => main(argv, env), langOfArguments(argv, env));
    return await (verbose ? keepingStackTraces(plan) : plan());
  } catch (error) {
    const userError = isUserError(error);
    const trace = error instanceof StackRunError ? (error.cause as Error)?.stack : (error as Error)?.stack;
    const m = messagesFor(argv, env);
    const message =
      error instanceof PlanInputError || error instanceof StackRunError
        ? error.messageIn(m)
        : ((error as Error)?.message ?? String(error));
    process.stderr.write(`${m.cli.failed(message)}\n`);
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
