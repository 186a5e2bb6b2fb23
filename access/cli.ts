/**
 * `npm run matrix`: the access matrix evaluated on the program's own documents for every
 * operator–municipality pair of the stack files given (default: every Pulumi.<stack>.yaml beside
 * Pulumi.yaml), planned together as `npm run plan` plans them, with the what-if variants of
 * access/input.ts. Exits non-zero if any verdict differs from the expected one. `--write-docs`
 * refreshes the table in docs/security.md from the reference pair in tests/fixtures/ (the spec fails
 * when that table is stale), so the docs do not change when a user edits their own files.
 */
// First: a cheaper start-up (see the file).
import "../harness/fast-start";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type MatrixRow, evaluateMatrix, formatMatrix } from "./matrix";
import { matrixRunsOf } from "./input";
import { UsageError, langArgument, langOfArguments, parseCommandLine, runCommand } from "../harness/cli";
import { projectStackFiles } from "../harness/stack-file";
import { crossStackProblems } from "../infra/config/cross-stack";
import { type Lang, inLanguage } from "../infra/messages";
import { PLAN_MESSAGES } from "../plan/messages";
import {
  type DeploymentRuns,
  PlanInputError,
  StackRunError,
  loadStackFiles,
  planDeployment,
  stackConfigOf,
} from "../plan/run";
import { MATRIX_MESSAGES as m } from "./messages";

/** The usage in both languages (./messages.ts). */
export const USAGE = { en: m.usage, ja: inLanguage(m.usage, "ja") };

/** The pair docs/security.md documents: the repository's reference fixtures, not a user's files. */
export const REFERENCE_FILES = ["Pulumi.operator.yaml", "Pulumi.municipality.yaml"].map((file) =>
  join(__dirname, "..", "tests", "fixtures", file),
);

export const SECURITY_DOC = join(__dirname, "..", "docs", "security.md");
const BEGIN = "<!-- access-matrix:begin (npm run matrix -- --write-docs) -->";
const END = "<!-- access-matrix:end -->";

/** The docs file with its matrix section replaced by `table`. */
export function withMatrixTable(doc: string, table: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/security.md has no ${BEGIN} ... ${END} section`);
  return `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}

export function matrixTableOf(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/security.md has no ${BEGIN} ... ${END} section`);
  return doc.slice(start + BEGIN.length, end).trim();
}

/** The rows of every operator–municipality pair of a planned deployment, by pair label (`<file> × <file>`). */
export async function matrixOfDeployment(deployment: DeploymentRuns): Promise<Map<string, MatrixRow[]>> {
  const runs = [...deployment.endState.values()];
  const results = new Map<string, MatrixRow[]>();
  for (const municipality of runs) {
    if (municipality.config.account !== "municipality") continue;
    const name = municipality.config.municipalityName;
    for (const operator of runs) {
      if (operator.config.account !== "operator" || !(name in operator.config.municipalities)) continue;
      const { input } = await matrixRunsOf(deployment, operator.loaded.stack, municipality.loaded.stack);
      results.set(`${operator.loaded.file} × ${municipality.loaded.file}`, await evaluateMatrix(input));
    }
  }
  return results;
}

/** The rows of every operator–municipality pair of the files, by pair label. */
export async function matrixOfFiles(
  files: readonly string[],
): Promise<Map<string, Awaited<ReturnType<typeof evaluateMatrix>>>> {
  // A file that cannot be read is a PlanInputError: matrixCommand says it in the reader's language.
  const stacks = loadStackFiles(files);
  const configs = stacks.map((stack) => ({ stack, config: stackConfigOf(stack) }));
  const errors = crossStackProblems(configs.map(({ stack, config }) => ({ file: stack.file, config }))).filter(
    (problem) => problem.severity === "error",
  );
  if (errors.length > 0) {
    throw new UsageError(
      m.contradiction({ problems: errors.map((e) => m.problem({ message: e.message, keys: e.keys.join(", ") })) }),
    );
  }
  const results = await matrixOfDeployment(await planDeployment(stacks));
  if (results.size === 0) {
    throw new UsageError(m.noPair({ files: files.join(", ") }));
  }
  return results;
}

async function main(argv: readonly string[], lang: Lang): Promise<number> {
  const values = parseCommandLine(argv, {
    config: { type: "string", multiple: true },
    full: { type: "boolean", default: false },
    "write-docs": { type: "boolean", default: false },
    lang: { type: "string" },
  });
  langArgument(values.lang);
  const say = (text: string) => console.log(inLanguage(text, lang));
  const files = values.config && values.config.length > 0 ? values.config : projectStackFiles();
  const started = Date.now();
  const results = await matrixOfFiles(files);
  let failed = 0;
  let scenarios = 0;
  for (const [pair, rows] of results) {
    const mismatches = rows.filter((row) => !row.pass);
    if (values.full) console.log(`## ${pair}\n\n${formatMatrix(rows)}\n`);
    else {
      say(m.pair({ pair, scenarios: rows.length, mismatches: mismatches.length }));
      if (mismatches.length > 0) console.log(`${formatMatrix(mismatches)}\n`);
    }
    failed += mismatches.length;
    scenarios += rows.length;
  }
  say(m.total({ scenarios, pairs: results.size, mismatches: failed, millis: Date.now() - started }));
  if (values["write-docs"]) {
    const [reference] = (await matrixOfFiles(REFERENCE_FILES)).values();
    writeFileSync(SECURITY_DOC, withMatrixTable(readFileSync(SECURITY_DOC, "utf8"), formatMatrix(reference)));
    say(m.updated({ file: SECURITY_DOC }));
  }
  return failed === 0 ? 0 : 1;
}

/** The whole command, for the entry point and in-process specs: the exit code, never a throw. */
export async function matrixCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const lang = langOfArguments(argv, env);
  try {
    return await runCommand("matrix", USAGE, () => main(argv, lang), lang);
  } catch (error) {
    // A stack whose config or program failed: the plan's message, in the reader's language.
    const message =
      error instanceof StackRunError || error instanceof PlanInputError
        ? error.messageIn(PLAN_MESSAGES[lang])
        : inLanguage((error as Error)?.message ?? String(error), lang);
    process.stderr.write(`${inLanguage(m.failed({ message }), lang)}\n`);
    return 2;
  }
}

if (require.main === module) {
  matrixCommand(process.argv.slice(2)).then((code) => process.exit(code));
}
