/** Helpers shared by the program-level specs: run the real program under the mock engine. */
import { join } from "node:path";
import { readStackConfig, runStack } from "../stacks";
import { type ProgramRun, type RecordedResource, runProgram } from "../harness/mock-engine";
import { readStackConfigFile } from "../harness/stack-file";

export const REPO_ROOT = join(__dirname, "..");

/** Where the specs' own stack files live: the shipped `Pulumi.*.yaml` are examples, not fixtures. */
export const FIXTURES = join(__dirname, "fixtures");

/**
 * The fixture config of a stack (tests/fixtures/Pulumi.<stack>.yaml, a copy of the shipped
 * example), as the engine would hand it to the program. A user editing the shipped files for a
 * real deployment does not change what the specs see.
 */
export function shippedConfig(stack: "operator" | "municipality"): Record<string, string> {
  return readStackConfigFile(join(FIXTURES, `Pulumi.${stack}.yaml`)).config;
}

/**
 * Program runs already made in this mocha worker, by stack, config and peer outputs: many specs
 * run the same configuration, and a run (~0.1 s) is most of a program-level spec's time.
 */
const runs = new Map<string, Promise<ProgramRun>>();

/**
 * Runs `index.ts`'s exact composition (read config, run the stack) with the given config. Each
 * caller gets its own deep copy, so a spec that mutates a run cannot leak into another.
 */
export async function runWithConfig(
  stack: string,
  config: Record<string, string>,
  stackOutputs: Record<string, Record<string, unknown>> = {},
): Promise<ProgramRun> {
  const key = JSON.stringify([stack, config, stackOutputs]);
  let run = runs.get(key);
  if (run === undefined) {
    run = runProgram({
      stack,
      config,
      accountId: config["bedrock-lz:accountId"] ?? "000000000000",
      stackOutputs,
      program: () => runStack(readStackConfig()),
    });
    runs.set(key, run);
  }
  return structuredClone(await run);
}

export function ofType(run: ProgramRun, type: string): RecordedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

export function named(run: ProgramRun, name: string): RecordedResource {
  const found = run.resources.filter((resource) => resource.name === name);
  if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
  return found[0];
}

/** Parses a JSON policy input (`policy`, `assumeRolePolicy`) of a recorded resource. */
export function documentOf(resource: RecordedResource, input = "policy"): any {
  const value = resource.inputs[input];
  if (typeof value !== "string") throw new Error(`${resource.name}.${input} is not a JSON string`);
  return JSON.parse(value);
}

/** Config with some keys replaced (`undefined` removes a key); objects are JSON-encoded. */
export function withConfig(base: Record<string, string>, changes: Record<string, unknown>): Record<string, string> {
  const next = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return next;
}
