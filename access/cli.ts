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
import { UsageError, parseCommandLine, runCommand } from "../harness/cli";
import { projectStackFiles } from "../harness/stack-file";
import { crossStackProblems } from "../infra/config/cross-stack";
import { type DeploymentRuns, loadStackFiles, planDeployment, stackConfigOf } from "../plan/run";

export const USAGE = `usage: npm run matrix -- [--config <Pulumi.<stack>.yaml>]... [--full] [--write-docs]

  --config <file>   a stack config file; repeat for several. Default: every Pulumi.<stack>.yaml
                    beside Pulumi.yaml. Every operator–municipality pair among them is evaluated
  --full            print every pair's whole table (default: each pair's count and any mismatch)
  --write-docs      also rewrite the access-matrix table in docs/security.md, from the reference
                    pair in tests/fixtures/ (not from --config)
  --help            this text

exit: 0 every verdict as expected, 1 a verdict differs, 2 bad arguments, stack files that
contradict each other, no pair to evaluate, or the programs failed`;

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
  let stacks;
  try {
    stacks = loadStackFiles(files);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const configs = stacks.map((stack) => ({ stack, config: stackConfigOf(stack) }));
  const errors = crossStackProblems(configs.map(({ stack, config }) => ({ file: stack.file, config }))).filter(
    (problem) => problem.severity === "error",
  );
  if (errors.length > 0) {
    throw new UsageError(
      `the stack files contradict each other:\n${errors.map((e) => `  - ${e.message}\n    keys: ${e.keys.join(", ")}`).join("\n")}`,
    );
  }
  const results = await matrixOfDeployment(await planDeployment(stacks));
  if (results.size === 0) {
    throw new UsageError(
      `no operator–municipality pair in ${files.join(", ")}: give an operator's file and the file of a municipality it lists`,
    );
  }
  return results;
}

async function main(argv: readonly string[]): Promise<number> {
  const values = parseCommandLine(argv, {
    config: { type: "string", multiple: true },
    full: { type: "boolean", default: false },
    "write-docs": { type: "boolean", default: false },
  });
  const files = values.config && values.config.length > 0 ? values.config : projectStackFiles();
  const started = Date.now();
  const results = await matrixOfFiles(files);
  let failed = 0;
  let scenarios = 0;
  for (const [pair, rows] of results) {
    const mismatches = rows.filter((row) => !row.pass);
    if (values.full) console.log(`## ${pair}\n\n${formatMatrix(rows)}\n`);
    else {
      console.log(`${pair}: ${rows.length} scenarios, ${mismatches.length} mismatches`);
      if (mismatches.length > 0) console.log(`${formatMatrix(mismatches)}\n`);
    }
    failed += mismatches.length;
    scenarios += rows.length;
  }
  console.log(`${scenarios} scenarios over ${results.size} pairs, ${failed} mismatches; ${Date.now() - started} ms`);
  if (values["write-docs"]) {
    const [reference] = (await matrixOfFiles(REFERENCE_FILES)).values();
    writeFileSync(SECURITY_DOC, withMatrixTable(readFileSync(SECURITY_DOC, "utf8"), formatMatrix(reference)));
    console.log(`updated ${SECURITY_DOC}`);
  }
  return failed === 0 ? 0 : 1;
}

/** The whole command, for the entry point and in-process specs. */
export function matrixCommand(argv: readonly string[]): Promise<number> {
  return runCommand("matrix", USAGE, () => main(argv));
}

if (require.main === module) {
  matrixCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
