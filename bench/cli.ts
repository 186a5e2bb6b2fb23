/**
 * `npm run bench`: how plan time, memory and test time grow with the number of municipalities
 * and with the municipality's AZs and endpoint toggles. Each point runs at least 5 times, each
 * run in a fresh process; results go to bench/results.json and bench/results.md. Ratios between
 * points are reported because absolute times vary between machines.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import {
  type BenchCase,
  type BenchMetering,
  type CaseResult,
  benchmarkCases,
  operatorBenchConfig,
  renderMarkdown,
  summarise,
} from "./cases";

import { UsageError, parseCommandLine, runCommand } from "../harness/cli";

const ROOT = join(__dirname, "..");

export const USAGE = `usage: npm run bench -- [--runs <n>] [--quick]

  --runs <n>   repetitions per point, each in a fresh process (default 5, at least 5)
  --quick      one run of a few points, to check the benchmark itself runs
  --help       this text

Writes bench/results.json and bench/results.md; takes minutes (the full run, tens of minutes).`;

/**
 * Every repetition gets a fresh process: a `pulumi up` evaluates the program once per process, and
 * the Pulumi runtime keeps module-level state between runs that would inflate later ones.
 */
function runCase(benchCase: BenchCase, runs: number): CaseResult {
  const input = JSON.stringify({ ...benchCase.input, runs: 1 });
  const millis: number[] = [];
  let resources = 0;
  let peakRssMiB = 0;
  for (let run = 0; run < runs; run++) {
    const output = execFileSync(
      process.execPath,
      ["--require", "tsx/cjs", join(__dirname, "case.ts")],
      // Large configs go through stdin: 1,741 municipalities exceed the argument size limit.
      { cwd: ROOT, input, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
    );
    const measured = JSON.parse(output.trim().split("\n").pop()!);
    millis.push(...measured.millis);
    resources = measured.resources;
    peakRssMiB = Math.max(peakRssMiB, measured.peakRssMiB);
  }
  return { ...summarise(millis), label: benchCase.label, group: benchCase.group, resources, peakRssMiB };
}

/**
 * The operator stack on the path `pulumi up` takes with the shipped Pulumi.yaml: node started with
 * its `runtime.options.nodeargs`, the SDK's source-map support on (bench/up-case.ts). Whitespace
 * splitting stands in for the language host's shell-style split; the spec keeps nodeargs simple.
 */
function runUpCase(count: number, runs: number, metering: BenchMetering = "shipped"): CaseResult {
  const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"));
  const options = project.runtime.options ?? {};
  const nodeargs = String(options.nodeargs ?? "")
    .split(/\s+/)
    .filter(Boolean);
  const env = { ...process.env, ...(options.typescript === false ? {} : { PULUMI_NODEJS_TYPESCRIPT: "true" }) };
  const input = JSON.stringify({
    stack: "operator",
    accountId: "111111111111",
    config: operatorBenchConfig(count, metering),
    main: project.main ?? ".",
  });
  const millis: number[] = [];
  let resources = 0;
  let peakRssMiB = 0;
  for (let run = 0; run < runs; run++) {
    const output = execFileSync(process.execPath, [...nodeargs, join(__dirname, "up-case.ts")], {
      cwd: ROOT,
      env,
      input,
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    const measured = JSON.parse(output.trim().split("\n").pop()!);
    millis.push(...measured.millis);
    resources = measured.resources;
    peakRssMiB = Math.max(peakRssMiB, measured.peakRssMiB);
  }
  const label = `${count} municipalities${metering === "shipped" ? "" : `, metering ${metering}`}`;
  return { ...summarise(millis), label, group: "pulumi up path", resources, peakRssMiB };
}

function timeCommand(label: string, command: string, args: string[], runs: number): CaseResult {
  const millis: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: ROOT, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with ${result.status}`);
    millis.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ...summarise(millis), label, group: "commands", resources: 0, peakRssMiB: 0 };
}

function main(argv: readonly string[]): number {
  const values = parseCommandLine(argv, {
    runs: { type: "string", default: "5" },
    quick: { type: "boolean", default: false },
  });
  if (!/^\d+$/.test(values.runs)) throw new UsageError(`--runs ${values.runs}: must be a whole number`);
  const runs = values.quick ? 1 : Math.max(Number(values.runs), 5);
  const started = Date.now();
  const results: CaseResult[] = [];
  for (const benchCase of benchmarkCases({ quick: values.quick })) {
    const result = runCase(benchCase, runs);
    results.push(result);
    process.stdout.write(`${result.group} ${result.label}: median ${result.medianMs.toFixed(0)} ms\n`);
  }
  // Also at 1,741: metering without the four alarms per municipality, and no metering (the operator
  // as it was before metering, three resources per municipality).
  const upCases: { count: number; metering?: BenchMetering }[] = values.quick
    ? [{ count: 100 }]
    : [{ count: 100 }, { count: 1741 }, { count: 1741, metering: "without alarms" }, { count: 1741, metering: "off" }];
  for (const { count, metering } of upCases) {
    const result = runUpCase(count, runs, metering);
    results.push(result);
    process.stdout.write(`${result.group} ${result.label}: median ${result.medianMs.toFixed(0)} ms\n`);
  }
  const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
  const commandRuns = values.quick ? 1 : 3;
  results.push(timeCommand("npm test", "npm", ["test", "--silent"], commandRuns));
  if (scripts.plan) results.push(timeCommand("npm run plan", "npm", ["run", "plan", "--silent"], commandRuns));

  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const report = { version: 1, date: new Date().toISOString(), machine, runsPerPoint: runs, results };
  mkdirSync(join(ROOT, "bench"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = renderMarkdown(report);
  writeFileSync(join(ROOT, "bench", "results.md"), markdown);
  process.stdout.write(`\n${markdown}\nbenchmark took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
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
