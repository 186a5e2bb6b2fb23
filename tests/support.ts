/** Helpers shared by the program-level specs: run the real program under the mock engine. */
import { join } from "node:path";
import type { ProgramRun, RecordedResource } from "../harness/mock-engine";
import { runStackProgram } from "../harness/run-stack";
import { readStackConfigFile } from "../harness/stack-file";

export const REPO_ROOT = join(__dirname, "..");

/** Where the specs' own stack files live: the shipped `Pulumi.*.yaml` are examples, not fixtures. */
export const FIXTURES = join(__dirname, "fixtures");

/**
 * The fixture config of a stack (tests/fixtures/Pulumi.<stack>.yaml, a copy of the shipped
 * example), as the engine would hand it to the program. A user editing the shipped files for a
 * real deployment does not change what the specs see.
 */
export function fixtureConfig(stack: "operator" | "municipality"): Record<string, string> {
  return readStackConfigFile(join(FIXTURES, `Pulumi.${stack}.yaml`)).config;
}

/** Runs `index.ts`'s exact composition (read config, run the stack) with the given config, once per worker. */
export function runWithConfig(
  stack: string,
  config: Record<string, string>,
  stackOutputs: Record<string, Record<string, unknown>> = {},
): Promise<ProgramRun> {
  return runStackProgram({
    stack,
    config,
    accountId: config["bedrock-lz:accountId"] ?? "000000000000",
    stackOutputs,
  });
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
