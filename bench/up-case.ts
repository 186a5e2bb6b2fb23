/**
 * One benchmark case on the path a real `pulumi up` takes, in its own process. bench/cli.ts starts
 * it as Pulumi's nodejs language host starts the program: `node <Pulumi.yaml nodeargs> …`, so the
 * loader that compiles this file is the one that compiles the program. Then, in the order of
 * `@pulumi/pulumi/cmd/run/index.js` and `run.js`: the SDK's tracing set-up and its
 * `source-map-support/register` (an empty module when Pulumi.yaml's nodeargs preload
 * harness/node-source-maps.ts, as they do: Node's own source maps then map every trace), then
 * `require(main)` inside the stack — here under the mock engine instead of the engine's gRPC
 * monitor. Nothing switches stack traces or source maps off beyond what those node arguments do.
 * Invoked by bench/cli.ts; not meant to be run by hand.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- load order is the point: run.js uses require */
import { readStdin } from "./stdin";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..");
const RUN_DIR = dirname(require.resolve("@pulumi/pulumi/cmd/run/run.js"));
// Before anything else, as cmd/run/index.js does (its own `require`, resolved from the SDK).
require(join(RUN_DIR, "instrumentation.js"));
require(require.resolve("source-map-support/register", { paths: [RUN_DIR] }));

interface UpCaseInput {
  readonly stack: string;
  readonly accountId: string;
  readonly config: Record<string, string>;
  /** Pulumi.yaml's `main`, relative to the project root. */
  readonly main: string;
}

async function main(): Promise<void> {
  if (process.env.PULUMI_NODEJS_TYPESCRIPT === "true") {
    throw new Error("Pulumi.yaml asks for ts-node (typescript: true); this case mirrors typescript: false");
  }
  const input = JSON.parse(await readStdin()) as UpCaseInput;
  // Loaded after source-map-support, as the SDK is when run.js requires the program.
  const { keepingStackTraces, runProgram } =
    require("../harness/mock-engine") as typeof import("../harness/mock-engine");
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  // run.js: `programExport = require(program)` inside runInPulumiStack; an exported function is
  // called, and the result awaited. The mock engine drops the SDK's stack traces unless told to
  // keep them: a real run keeps them.
  const program = () => {
    const programExport: unknown = require(join(ROOT, input.main));
    return programExport instanceof Function ? (programExport as () => unknown)() : programExport;
  };
  const result = await keepingStackTraces(() => runProgram({ ...input, program }));
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  // User and system time of the whole process, V8's garbage-collector threads included.
  const used = process.cpuUsage(cpu);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const measured = {
    millis: [millis],
    cpuMillis: [(used.user + used.system) / 1000],
    resources: result.resources.length,
  };
  process.stdout.write(`${JSON.stringify({ ...measured, peakRssMiB })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
