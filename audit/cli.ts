/**
 * `npm run audit -- --stack Pulumi.<stack>.yaml`: reads what the stack deployed, with the
 * caller's read-only credentials, compares it with what the program declares, and re-runs the
 * access matrix on the live documents. Exit codes: 0 all holds; 1 findings (listed); 2 bad
 * arguments, credentials for the wrong account, a missing permission (the action is named), or
 * an audit that could not complete.
 */
// First: a cheaper start-up (see the file).
import "../harness/fast-start";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError, langArgument, langOfArguments, parseCommandLine, runCommand } from "../harness/cli";
import { type Lang, inLanguage } from "../infra/messages";
import { AUDIT_MESSAGES as m } from "./messages";
import { auditStack } from "./audit";
import { type AwsClients, MissingPermissionError, awsClients, callerAccount } from "./live";
import { type AuditPlan, liveMatrix, planAudit } from "./program";
import { type AuditReport, buildReport, renderReport } from "./report";

/** The usage in both languages (./messages.ts). */
export const USAGE = { en: m.usage, ja: inLanguage(m.usage, "ja") };

export { UsageError };

export interface AuditArgs {
  readonly stack: string;
  readonly peers: readonly string[];
  readonly out?: string;
}

/** Throws a UsageError for a mistake; `--help` is answered by runCommand (harness/cli.ts). */
export function parseAuditArgs(argv: readonly string[], listDir: (dir: string) => string[]): AuditArgs {
  const values = parseCommandLine(argv, {
    stack: { type: "string" },
    peer: { type: "string", multiple: true },
    out: { type: "string" },
    lang: { type: "string" },
  });
  langArgument(values.lang);
  if (values.stack === undefined) throw new UsageError(m.stackRequired);
  const dir = join(values.stack, "..");
  const peers =
    values.peer ??
    listDir(dir)
      .filter((file) => /^Pulumi\.[^.]+\.ya?ml$/.test(file))
      .map((file) => join(dir, file))
      .filter((file) => file !== join(values.stack!));
  return { stack: values.stack, peers, out: values.out };
}

export interface AuditRun {
  readonly code: 0 | 1 | 2;
  readonly report?: AuditReport;
  readonly message?: string;
}

/** The whole audit, with the AWS clients given (tests pass mocked ones and may reuse a plan). */
export async function runAudit(
  args: AuditArgs,
  clientsFor: (region: string) => AwsClients,
  planned?: AuditPlan,
): Promise<AuditRun> {
  let plan = planned;
  try {
    plan ??= await planAudit(args.stack, args.peers);
  } catch (error) {
    return { code: 2, message: m.cannotPlan({ stack: args.stack, problem: (error as Error).message }) };
  }
  const clients = clientsFor(plan.declared.region);
  try {
    const account = await callerAccount(clients);
    if (account !== plan.declared.accountId) {
      return {
        code: 2,
        message: m.wrongAccount({ account: String(account), stack: args.stack, declared: plan.declared.accountId }),
      };
    }
    const outcome = await auditStack(plan.declared, clients);
    const matrix = await liveMatrix(plan, outcome);
    const report = buildReport(plan.declared, outcome, matrix, plan.notes);
    return { code: report.findings.length === 0 ? 0 : 1, report };
  } catch (error) {
    if (error instanceof MissingPermissionError) {
      return { code: 2, message: m.missingPermission({ action: error.action, detail: error.message }) };
    }
    return { code: 2, message: m.incomplete({ problem: (error as Error)?.message ?? String(error) }) };
  }
}

async function main(argv: readonly string[], lang: Lang): Promise<number> {
  const args = parseAuditArgs(argv, (dir) => (existsSync(dir) ? readdirSync(dir) : []));
  if (!existsSync(args.stack)) throw new UsageError(m.noSuchFile({ flag: "--stack", path: args.stack }));
  for (const peer of args.peers) {
    if (!existsSync(peer)) throw new UsageError(m.noSuchFile({ flag: "--peer", path: peer }));
  }
  const run = await runAudit(args, awsClients);
  if (run.report === undefined) {
    process.stderr.write(`audit: ${inLanguage(run.message ?? "", lang)}\n`);
    return run.code;
  }
  // The terminal in the reader's language; the files (and the GitHub issue made from them) in English.
  const markdown = renderReport(run.report);
  process.stdout.write(renderReport(run.report, lang));
  if (args.out !== undefined) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, `audit-${run.report.stack}.md`), markdown);
    writeFileSync(join(args.out, `audit-${run.report.stack}.json`), `${JSON.stringify(run.report, null, 2)}\n`);
  }
  if (run.code === 1) {
    const codes = [...new Set(run.report.findings.map((f) => f.code))].join(", ");
    process.stderr.write(
      `audit: ${inLanguage(m.findingsSummary({ count: run.report.findings.length, codes }), lang)}\n`,
    );
  }
  return run.code;
}

/** The whole command, for the entry point and in-process specs. */
export function auditCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const lang = langOfArguments(argv, env);
  return runCommand("audit", USAGE, () => main(argv, lang), lang);
}

if (require.main === module) {
  auditCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`audit: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(2);
    },
  );
}
