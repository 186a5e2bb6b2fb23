/**
 * `npm run matrix`: prints the access matrix evaluated on the program's own documents and exits
 * non-zero if any verdict differs from the expected one. `--write-docs` also refreshes the
 * table in docs/security.md (the spec fails when that table is stale).
 */
// First: a cheaper start-up (see the file).
import "../harness/fast-start";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateMatrix, formatMatrix } from "./matrix";
import { collectMatrixInput } from "./input";
import { parseCommandLine, runCommand } from "../harness/cli";

export const USAGE = `usage: npm run matrix -- [--write-docs]

  --write-docs   also rewrite the access-matrix table in docs/security.md
  --help         this text

exit: 0 every verdict as expected, 1 a verdict differs, 2 bad arguments or the programs failed`;

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

async function main(argv: readonly string[]): Promise<number> {
  const values = parseCommandLine(argv, { "write-docs": { type: "boolean", default: false } });
  const started = Date.now();
  const { input } = await collectMatrixInput();
  const evaluated = Date.now();
  const rows = await evaluateMatrix(input);
  const table = formatMatrix(rows);
  console.log(table);
  const failed = rows.filter((row) => !row.pass);
  console.log(
    `\n${rows.length} scenarios, ${failed.length} mismatches; program runs ${evaluated - started} ms, matrix ${Date.now() - evaluated} ms`,
  );
  if (values["write-docs"]) {
    writeFileSync(SECURITY_DOC, withMatrixTable(readFileSync(SECURITY_DOC, "utf8"), table));
    console.log(`updated ${SECURITY_DOC}`);
  }
  return failed.length === 0 ? 0 : 1;
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
