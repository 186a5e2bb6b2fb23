/**
 * One benchmark case, run in its own process so its peak memory is its own: runs the program
 * under the mock engine `runs` times with the config read from standard input (JSON) and prints one
 * JSON line. The mock engine drops the SDK's per-promise and per-resource stack traces, so this
 * measures how the program itself scales; bench/up-case.ts measures the path `pulumi up` takes.
 * Invoked by bench/cli.ts; not meant to be run by hand.
 */
import { readStdin } from "./stdin";
import { readStackConfig, runStack } from "../stacks";
import { runProgram } from "../harness/mock-engine";

interface CaseInput {
  readonly stack: string;
  readonly accountId: string;
  readonly config: Record<string, string>;
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
  readonly runs: number;
}

async function main(): Promise<void> {
  const input = JSON.parse(await readStdin()) as CaseInput;
  const millis: number[] = [];
  const cpuMillis: number[] = [];
  let resources = 0;
  for (let run = 0; run < input.runs; run++) {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const result = await runProgram({ ...input, program: () => runStack(readStackConfig()) });
    millis.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuMillis.push((used.user + used.system) / 1000);
    resources = result.resources.length;
  }
  // maxRSS is in kibibytes on Linux: the peak of this whole process.
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ millis, cpuMillis, resources, peakRssMiB })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
