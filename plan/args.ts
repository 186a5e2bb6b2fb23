/** Command line of `npm run plan`, parsed with node:util `parseArgs`. */
import { UsageError, parseCommandLine } from "../harness/cli";
import { LANGS, type Lang } from "../harness/lang";
import { projectStackFiles } from "../harness/stack-file";

export const USAGE = `usage: npm run plan -- [--stack <name>] [--config <Pulumi.<stack>.yaml>]... [--out <dir>] [--full] [--lang en|ja] [--verbose]

  --stack <name>    report only this stack (every loaded stack is still evaluated: wiring needs them)
  --config <file>   a stack config file; repeat for several. Default: every
                    Pulumi.<stack>.yaml beside Pulumi.yaml
  --out <dir>       also write <dir>/plan.json, <dir>/plan.md, the end-state documents
                    <dir>/policies/<stack>/<resource>.json and each deploy phase's under
                    <dir>/phases/<step>-<phase>/policies/
  --full            print the whole report (plan.md) instead of the one-screen summary
  --lang en|ja      the language of the summary, warnings and failure lines (default: ja when
                    LC_ALL, LC_MESSAGES or LANG, the first set, is a ja locale; else en).
                    plan.md and plan.json are always English
  --verbose         show stack traces on failure
  --help            this text`;

export interface PlanArgs {
  readonly stack?: string;
  readonly configFiles: readonly string[];
  readonly out?: string;
  readonly verbose: boolean;
  readonly full: boolean;
  /** Unset: the locale decides (harness/lang.ts `langOf`). */
  readonly lang?: Lang;
}

function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** Throws a UsageError (harness/cli.ts) on an unknown option, a missing value or a stray argument. */
export function parsePlanArgs(argv: readonly string[]): PlanArgs {
  const values = parseCommandLine(argv, {
    stack: { type: "string" },
    config: { type: "string", multiple: true },
    out: { type: "string" },
    verbose: { type: "boolean", default: false },
    full: { type: "boolean", default: false },
    lang: { type: "string" },
  });
  if (values.lang !== undefined && !isLang(values.lang)) {
    throw new UsageError(`--lang must be ${LANGS.join(" or ")} (default: the locale, LC_ALL/LC_MESSAGES/LANG)`);
  }
  return {
    stack: values.stack,
    configFiles: values.config && values.config.length > 0 ? values.config : projectStackFiles(),
    out: values.out,
    verbose: values.verbose ?? false,
    full: values.full ?? false,
    lang: values.lang as Lang | undefined,
  };
}
