/**
 * `npm run mutate -- [target]... [--incremental]`: Stryker on the proof path (mutation/targets.ts),
 * each target against the specs of its mirror folder, one Stryker run per target so each report
 * stands alone. Reports in reports/mutation/ (HTML and JSON); `--incremental` reuses the previous
 * run's results for code and specs that did not change. Slow by nature (hours for everything on 2
 * cores): `npm test` does not run it; the weekly workflow (.github/workflows/mutation.yml) does.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { UsageError, parseCommandLine, runCommand } from "../harness/cli";
import { TARGETS, targetsFor } from "./targets";

export const USAGE = `usage: npm run mutate -- [<target>]... [--incremental] [--concurrency <n>]

  <target>        ${Object.keys(TARGETS).join(", ")}, or a file or folder inside one
                  (e.g. crossguard/rules.ts). Default: all of them, one after the other
  --incremental   reuse the results of the last run for unchanged code and specs
  --concurrency   how many test processes Stryker runs at once (default 2, this machine's cores)
  --help          this text

exit: 0 the runs finished (the scores are in the report: docs/performance.md, "Mutation testing"),
1 a run failed, 2 bad arguments`;

function main(argv: readonly string[]): number {
  const { values, positionals } = parseArgs(argv);
  let targets;
  try {
    targets = targetsFor(positionals);
  } catch (error) {
    process.stderr.write(`mutate: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  for (const target of targets) {
    const result = spawnSync(
      process.execPath,
      [
        join(__dirname, "..", "node_modules", "@stryker-mutator", "core", "bin", "stryker.js"),
        "run",
        join(__dirname, "stryker.config.mjs"),
        ...(values.incremental ? ["--incremental"] : []),
        ...(values.concurrency !== undefined ? ["--concurrency", values.concurrency] : []),
      ],
      {
        stdio: "inherit",
        env: {
          ...process.env,
          BEDROCK_LZ_TARGET: target.name,
          BEDROCK_LZ_MUTATE: JSON.stringify(target.mutate),
          BEDROCK_LZ_SPECS: JSON.stringify(target.specs),
        },
      },
    );
    if (result.status !== 0) return 1;
  }
  return 0;
}

/** Targets are positional; the repository's usual parser refuses those, so they are split off first. */
function parseArgs(argv: readonly string[]) {
  const options = { incremental: { type: "boolean", default: false }, concurrency: { type: "string" } } as const;
  const positionals: string[] = [];
  const flags: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (!argv[i].startsWith("-")) positionals.push(argv[i]);
    else {
      flags.push(argv[i]);
      // A flag that takes a value keeps it.
      const name = argv[i].replace(/^-+/, "");
      if (name in options && options[name as keyof typeof options].type === "string" && !argv[i].includes("=")) {
        if (i + 1 < argv.length) flags.push(argv[(i += 1)]);
      }
    }
  }
  const values = parseCommandLine(flags, options);
  if (values.concurrency !== undefined && !/^[1-9]\d*$/.test(values.concurrency)) {
    throw new UsageError("--concurrency must be a whole number of processes, 1 or more");
  }
  return { values, positionals };
}

if (require.main === module) {
  runCommand("mutate", USAGE, () => main(process.argv.slice(2))).then((code) => process.exit(code));
}
