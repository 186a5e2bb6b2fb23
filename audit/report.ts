/**
 * The audit report: Markdown for people (and the GitHub issue), JSON for tools. Its texts are said
 * in English; `renderReport` says the Markdown in the reader's language (./messages.ts).
 */
import type { MatrixRow } from "../access/matrix";
import { type Lang, inLanguage } from "../infra/messages";
import { AUDIT_MESSAGES as m } from "./messages";
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
      message: m.matrixMismatch({ title: row.title, expected: row.expected, actual: row.actual }),
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

/** The report as Markdown in `lang` (English for the files `--out` writes and the GitHub issue). */
export function renderReport(report: AuditReport, lang: Lang = "en"): string {
  const say = (text: string) => inLanguage(text, lang);
  const verdict = say(report.findings.length === 0 ? m.clean : m.findings({ count: report.findings.length }));
  const account = report.account === "operator" ? "operator" : "municipality";
  const title = m.title({ stack: report.stack, account, accountId: report.accountId, region: report.region });
  const lines = [say(title), "", verdict, ""];
  if (report.findings.length > 0) {
    lines.push(say(m.findingsHeader), "|---|---|---|");
    for (const finding of report.findings) {
      lines.push(`| ${finding.code} | ${cell(finding.subject)} | ${cell(say(finding.message))} |`);
    }
    lines.push("", say(m.runbook), "");
  }
  lines.push(
    say(m.matrixHeading),
    "",
    say(
      "scenarios" in report.matrix
        ? m.matrixResult({ scenarios: report.matrix.scenarios, mismatches: report.matrix.mismatches })
        : m.matrixSkipped({ reason: report.matrix.skipped }),
    ),
    "",
    say(m.readHeading),
    "",
    ...report.read.map((line) => `- ${say(line)}`),
  );
  const bound = Object.entries(report.bound);
  if (bound.length > 0) {
    lines.push("", say(m.boundHeading), "");
    lines.push(...bound.map(([placeholder, value]) => `- \`${placeholder}\` → \`${value}\``));
  }
  if (report.notes.length > 0) lines.push("", say(m.notesHeading), "", ...report.notes.map((note) => `- ${say(note)}`));
  return `${lines.join("\n")}\n`;
}
