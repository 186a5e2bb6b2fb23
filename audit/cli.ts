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
import { UsageError, parseCommandLine, runCommand } from "../harness/cli";
import { auditStack } from "./audit";
import { type AwsClients, MissingPermissionError, awsClients, callerAccount } from "./live";
import { type AuditPlan, liveMatrix, planAudit } from "./program";
import { type AuditReport, buildReport, renderReport } from "./report";

export const USAGE = `usage: npm run audit -- --stack <Pulumi.<stack>.yaml> [--peer <Pulumi.<stack>.yaml>]... [--out <dir>]

  --stack <file>   the stack file to audit (operator or municipality); AWS credentials must be for its account
  --peer <file>    the stack file of the other side, for the access matrix. Default: the stack files
                   next to --stack whose municipality pairs with it
  --out <dir>      also write <dir>/audit-<stack>.md and <dir>/audit-<stack>.json
  --help           this text

exit: 0 clean, 1 findings, 2 bad arguments, wrong account, missing permission or incomplete audit`;

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
  });
  if (values.stack === undefined) throw new UsageError("--stack <Pulumi.<stack>.yaml> is required");
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
    return { code: 2, message: `cannot plan ${args.stack}: ${(error as Error).message}` };
  }
  const clients = clientsFor(plan.declared.region);
  try {
    const account = await callerAccount(clients);
    if (account !== plan.declared.accountId) {
      return {
        code: 2,
        message: `the credentials are for account ${account}; ${args.stack} declares ${plan.declared.accountId}`,
      };
    }
    const outcome = await auditStack(plan.declared, clients);
    const matrix = await liveMatrix(plan, outcome);
    const report = buildReport(plan.declared, outcome, matrix, plan.notes);
    return { code: report.findings.length === 0 ? 0 : 1, report };
  } catch (error) {
    if (error instanceof MissingPermissionError) {
      return { code: 2, message: `missing permission ${error.action} (${error.message})` };
    }
    return { code: 2, message: `the audit could not complete: ${(error as Error)?.message ?? String(error)}` };
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseAuditArgs(argv, (dir) => (existsSync(dir) ? readdirSync(dir) : []));
  if (!existsSync(args.stack)) throw new UsageError(`--stack ${args.stack}: no such file`);
  for (const peer of args.peers) if (!existsSync(peer)) throw new UsageError(`--peer ${peer}: no such file`);
  const run = await runAudit(args, awsClients);
  if (run.report === undefined) {
    process.stderr.write(`audit: ${run.message}\n`);
    return run.code;
  }
  const markdown = renderReport(run.report);
  process.stdout.write(markdown);
  if (args.out !== undefined) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, `audit-${run.report.stack}.md`), markdown);
    writeFileSync(join(args.out, `audit-${run.report.stack}.json`), `${JSON.stringify(run.report, null, 2)}\n`);
  }
  if (run.code === 1) {
    process.stderr.write(
      `audit: ${run.report.findings.length} findings: ${[...new Set(run.report.findings.map((f) => f.code))].join(", ")}\n`,
    );
  }
  return run.code;
}

/** The whole command, for the entry point and in-process specs. */
export function auditCommand(argv: readonly string[]): Promise<number> {
  return runCommand("audit", USAGE, () => main(argv));
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
