/**
 * `npm run bench`: how plan time, memory and test time grow with the number of municipalities
 * and with the municipality's AZs and endpoint toggles, and the path `pulumi up` takes with the
 * shipped Pulumi.operator.yaml grown to 100 and 1,741 municipalities. Each point runs `--runs` times
 * (5 by default), each run in a fresh process; with `--write` the results replace the tracked
 * bench/results.json and bench/results.md, and without it nothing in the repository changes. The
 * machine may be shared, so each run records the load it started under, and the `pulumi up` path
 * runs its sizes alternately: the ratio between them is taken over pairs of runs that saw the same
 * conditions (docs/performance.md).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import {
  ALL_MUNICIPALITIES,
  type BenchCase,
  type BenchMetering,
  type CaseResult,
  benchmarkCases,
  operatorBenchConfig,
  renderMarkdown,
  summarise,
  upPathVerdict,
} from "./cases";

import { UsageError, parseCommandLine, runCommand } from "../harness/cli";
import { readStackConfigFile } from "../harness/stack-file";

const ROOT = join(__dirname, "..");

/** The shipped operator stack file: what the operator cases grow to 1,741 municipalities. */
const SHIPPED_OPERATOR_FILE = join(ROOT, "Pulumi.operator.yaml");

export const USAGE = `usage: npm run bench -- [--runs <n>] [--quick] [--up-only] [--write]

  --runs <n>   repetitions per point, each in a fresh process (default 5, or 1 with --quick; the
               npm test and npm run plan timings at most 3)
  --quick      a few points, to check the benchmark itself runs
  --up-only    only the pulumi up path (100 and 1,741 municipalities, and 1,741 unmetered)
  --write      replace the tracked bench/results.json and bench/results.md with this run's results
               (a full run only: not with --quick or --up-only)
  --help       this text

Prints the table; takes minutes (the full run, tens of minutes). Without --write nothing in the
repository changes.`;

export interface BenchOptions {
  /** Repetitions per point, as asked. */
  readonly runs: number;
  readonly quick: boolean;
  readonly upOnly: boolean;
  /** Replace the tracked results files (a full run only). */
  readonly write: boolean;
}

/** The command line, checked: --runs is honoured as given; the tracked results change only with --write. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const values = parseCommandLine(argv, {
    runs: { type: "string" },
    quick: { type: "boolean", default: false },
    "up-only": { type: "boolean", default: false },
    write: { type: "boolean", default: false },
  });
  if (values.runs !== undefined && !/^[1-9]\d*$/.test(values.runs)) {
    throw new UsageError(`--runs ${values.runs}: must be a whole number of at least 1`);
  }
  const quick = values.quick ?? false;
  const upOnly = values["up-only"] ?? false;
  const write = values.write ?? false;
  if (write && (quick || upOnly)) {
    throw new UsageError(
      `--write replaces the tracked results with a full run's: not with --${quick ? "quick" : "up-only"}`,
    );
  }
  return { runs: values.runs !== undefined ? Number(values.runs) : quick ? 1 : 5, quick, upOnly, write };
}

/** The tracked files a run rewrites: none unless --write. */
export function resultFiles(options: BenchOptions): string[] {
  return options.write ? [join(ROOT, "bench", "results.json"), join(ROOT, "bench", "results.md")] : [];
}

interface Measured {
  readonly millis: number[];
  readonly cpuMillis: number[];
  readonly resources: number;
  readonly peakRssMiB: number;
}

/** One measured process: the JSON line the case printed last, and the load it started under. */
function measure(args: readonly string[], input: string, env?: NodeJS.ProcessEnv): Measured & { load: number } {
  const load = loadavg()[0];
  const output = execFileSync(process.execPath, args, {
    cwd: ROOT,
    env,
    // Large configs go through stdin: 1,741 municipalities exceed the argument size limit.
    input,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return { ...(JSON.parse(output.trim().split("\n").pop()!) as Measured), load };
}

/** Accumulates runs of one case into its row. */
class Runs {
  private readonly millis: number[] = [];
  private readonly cpuMillis: number[] = [];
  private readonly loads: number[] = [];
  private resources = 0;
  private peakRssMiB = 0;

  constructor(
    readonly group: string,
    readonly label: string,
  ) {}

  add(measured: Measured & { load: number }): void {
    this.millis.push(...measured.millis);
    this.cpuMillis.push(...measured.cpuMillis);
    this.loads.push(measured.load);
    this.resources = measured.resources;
    this.peakRssMiB = Math.max(this.peakRssMiB, measured.peakRssMiB);
  }

  get times(): readonly number[] {
    return this.millis;
  }

  result(): CaseResult {
    return {
      ...summarise(this.millis),
      group: this.group,
      label: this.label,
      resources: this.resources,
      peakRssMiB: this.peakRssMiB,
      cpuMedianMs: this.cpuMillis.length > 0 ? summarise(this.cpuMillis).medianMs : undefined,
      loadAverage: { min: Math.min(...this.loads), max: Math.max(...this.loads) },
    };
  }
}

/**
 * Every repetition gets a fresh process: a `pulumi up` evaluates the program once per process, and
 * the Pulumi runtime keeps module-level state between runs that would inflate later ones.
 */
function runCase(benchCase: BenchCase, runs: number): CaseResult {
  const input = JSON.stringify({ ...benchCase.input, runs: 1 });
  const row = new Runs(benchCase.group, benchCase.label);
  for (let run = 0; run < runs; run++) {
    row.add(measure(["--require", "tsx/cjs", join(__dirname, "case.ts")], input));
  }
  return row.result();
}

interface UpCase {
  readonly count: number;
  readonly metering: BenchMetering;
}

/**
 * The operator stack on the path `pulumi up` takes with the shipped Pulumi.yaml: node started with
 * its `runtime.options.nodeargs`, the SDK's source-map support on (bench/up-case.ts), the shipped
 * Pulumi.operator.yaml grown to each case's size. Whitespace splitting stands in for the language
 * host's shell-style split; the spec keeps nodeargs simple. The cases run alternately, run 1 of
 * each, then run 2 of each, so that each round sees the same load.
 */
function runUpCases(cases: readonly UpCase[], runs: number, operatorBase: Record<string, string>): Runs[] {
  const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"));
  const options = project.runtime.options ?? {};
  const nodeargs = String(options.nodeargs ?? "")
    .split(/\s+/)
    .filter(Boolean);
  const env = { ...process.env, ...(options.typescript === false ? {} : { PULUMI_NODEJS_TYPESCRIPT: "true" }) };
  const inputs = cases.map((upCase) =>
    JSON.stringify({
      stack: "operator",
      accountId: operatorBase["bedrock-lz:accountId"],
      config: operatorBenchConfig(operatorBase, upCase.count, upCase.metering),
      main: project.main ?? ".",
    }),
  );
  const rows = cases.map(
    (upCase) =>
      new Runs("pulumi up path", `${upCase.count} municipalities${upCase.metering === "off" ? ", metering off" : ""}`),
  );
  for (let run = 0; run < runs; run++) {
    cases.forEach((_, i) => {
      rows[i].add(measure([...nodeargs, join(__dirname, "up-case.ts")], inputs[i], env));
      process.stdout.write(`${rows[i].group} ${rows[i].label}: run ${run + 1}/${runs}\n`);
    });
  }
  return rows;
}

function timeCommand(label: string, command: string, args: string[], runs: number): CaseResult {
  const millis: number[] = [];
  const loads: number[] = [];
  for (let run = 0; run < runs; run++) {
    loads.push(loadavg()[0]);
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: ROOT, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with ${result.status}`);
    millis.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return {
    ...summarise(millis),
    label,
    group: "commands",
    resources: 0,
    peakRssMiB: 0,
    loadAverage: { min: Math.min(...loads), max: Math.max(...loads) },
  };
}

function main(argv: readonly string[]): number {
  const options = parseBenchArgs(argv);
  const { runs, upOnly, quick } = options;
  const operatorBase = readStackConfigFile(SHIPPED_OPERATOR_FILE).config;
  const started = Date.now();
  const results: CaseResult[] = [];
  if (!upOnly) {
    for (const benchCase of benchmarkCases({ quick: quick, operatorBase })) {
      const result = runCase(benchCase, runs);
      results.push(result);
      process.stdout.write(`${result.group} ${result.label}: median ${result.medianMs.toFixed(0)} ms\n`);
    }
  }
  // 100 and 1,741 as shipped, alternately, and 1,741 unmetered (the operator before metering:
  // three resources per municipality) for comparison.
  const upCases: UpCase[] = quick
    ? [{ count: 100, metering: "as configured" }]
    : [
        { count: 100, metering: "as configured" },
        { count: ALL_MUNICIPALITIES, metering: "as configured" },
        { count: ALL_MUNICIPALITIES, metering: "off" },
      ];
  const upRows = runUpCases(upCases, runs, operatorBase);
  results.push(...upRows.map((row) => row.result()));
  const upPath = quick
    ? undefined
    : upPathVerdict(upRows[1].result(), { small: upRows[0].times, large: upRows[1].times });

  if (!upOnly) {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    const commandRuns = Math.min(runs, 3);
    results.push(timeCommand("npm test", "npm", ["test", "--silent"], commandRuns));
    if (scripts.plan) results.push(timeCommand("npm run plan", "npm", ["run", "plan", "--silent"], commandRuns));
  }

  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const report = { version: 2, date: new Date().toISOString(), machine, runsPerPoint: runs, results, upPath };
  const markdown = renderMarkdown(report);
  const [json, md] = resultFiles(options);
  if (json !== undefined) {
    mkdirSync(join(ROOT, "bench"), { recursive: true });
    writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(md, markdown);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const written = json !== undefined ? `wrote ${json} and ${md}` : "results not written (--write replaces them)";
  process.stdout.write(`\n${markdown}\nbenchmark took ${seconds} s; ${written}\n`);
  return 0;
}

/** The whole command, for the entry point and in-process specs. */
export function benchCommand(argv: readonly string[]): Promise<number> {
  return runCommand("bench", USAGE, () => main(argv));
}

if (require.main === module) {
  benchCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
