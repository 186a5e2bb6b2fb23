/**
 * The program `index.ts` runs (read and validate the config, declare the stack for its account)
 * under the mock engine, with each configuration run once per process. The plan's matrix, the
 * audit and many specs run the same stack files again and again; a run is ~0.1 s and most of their
 * time. Each caller gets its own deep copy, so one that mutates a run cannot leak into another.
 */
import { readStackConfig, runStack } from "../stacks";
import { type ProgramRun, type RunOptions, runProgram } from "./mock-engine";

const runs = new Map<string, Promise<ProgramRun>>();

/**
 * Under mutation testing (npm run mutate) the program's code differs from one mutant to the next in
 * the same process; a run is shared only within one mutant (Stryker names the active one here).
 */
function activeMutant(): string | undefined {
  return (globalThis as { __stryker__?: { activeMutant?: string } }).__stryker__?.activeMutant;
}

export async function runStackProgram(options: Omit<RunOptions, "program">): Promise<ProgramRun> {
  const key = JSON.stringify([
    options.stack,
    options.config,
    options.accountId,
    options.stackOutputs ?? {},
    activeMutant() ?? null,
  ]);
  let run = runs.get(key);
  if (run === undefined) {
    run = runProgram({ ...options, program: () => runStack(readStackConfig()) });
    runs.set(key, run);
    // A failed run is not kept: the next caller sees the failure afresh.
    run.catch(() => runs.delete(key));
  }
  return structuredClone(await run);
}
