/** The audit report: Markdown for people (and the GitHub issue), JSON for tools. */
import type { MatrixRow } from "../access/matrix";
import type { AuditOutcome, Finding } from "./audit";
import type { DeclaredStack } from "./declared";

export interface AuditReport {
  readonly stack: string;
  readonly account: string;
  readonly accountId: string;
  readonly region: string;
  readonly findings: readonly Finding[];
  readonly matrix: { readonly scenarios: number; readonly mismatches: number } | { readonly skipped: string };
  readonly bound: Readonly<Record<string, string>>;
  readonly read: readonly string[];
  readonly notes: readonly string[];
}

/** Failing matrix rows are findings like any other: the live documents no longer say what they must. */
export function matrixFindings(rows: readonly MatrixRow[]): Finding[] {
  return rows
    .filter((row) => !row.pass)
    .map((row) => ({
      code: "matrix-mismatch" as const,
      subject: row.id,
      message: `${row.title}: expected ${row.expected}, the live documents give ${row.actual}`,
    }));
}

export function buildReport(
  declared: DeclaredStack,
  outcome: AuditOutcome,
  matrix: { rows: MatrixRow[] } | { skipped: string },
  notes: readonly string[],
): AuditReport {
  const findings = [...outcome.findings, ...("rows" in matrix ? matrixFindings(matrix.rows) : [])];
  return {
    stack: declared.stack,
    account: declared.account,
    accountId: declared.accountId,
    region: declared.region,
    findings,
    matrix:
      "rows" in matrix
        ? { scenarios: matrix.rows.length, mismatches: matrix.rows.filter((row) => !row.pass).length }
        : { skipped: matrix.skipped },
    bound: Object.fromEntries(
      [...outcome.bindings].filter(([placeholder]) => declared.placeholders.includes(placeholder)),
    ),
    read: outcome.read,
    notes,
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderReport(report: AuditReport): string {
  const verdict =
    report.findings.length === 0
      ? "**clean**: what is deployed is what the program declares"
      : `**${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}**`;
  const lines = [
    `# Live audit: stack \`${report.stack}\` (${report.account}, ${report.accountId}, ${report.region})`,
    "",
    verdict,
    "",
  ];
  if (report.findings.length > 0) {
    lines.push("| finding | subject | what |", "|---|---|---|");
    for (const finding of report.findings) {
      lines.push(`| ${finding.code} | ${cell(finding.subject)} | ${cell(finding.message)} |`);
    }
    lines.push("", "Runbook: docs/audit.md (日本語: docs/audit.ja.md).", "");
  }
  lines.push(
    "## Access matrix on the live documents",
    "",
    "scenarios" in report.matrix
      ? `${report.matrix.scenarios} scenarios, ${report.matrix.mismatches} differ from the expected verdict.`
      : `Not evaluated: ${report.matrix.skipped}.`,
    "",
    "## Read",
    "",
    ...report.read.map((line) => `- ${line}`),
  );
  const bound = Object.entries(report.bound);
  if (bound.length > 0) {
    lines.push("", "## Values known only after deploy, as found", "");
    lines.push(...bound.map(([placeholder, value]) => `- \`${placeholder}\` → \`${value}\``));
  }
  if (report.notes.length > 0) lines.push("", "## Notes", "", ...report.notes.map((note) => `- ${note}`));
  return `${lines.join("\n")}\n`;
}
