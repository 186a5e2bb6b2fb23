/**
 * One gate: `.ci/run` runs exactly the README's test command, and every offline step of the
 * pull-request workflow is among what that command runs, so a step that can turn a pull request
 * red turns CI red first. Scripts are followed through package.json (`run-p` / `run-s` lists).
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../support";

const read = (...path: string[]) => readFileSync(join(REPO_ROOT, ...path), "utf8");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

/** Flags that only choose where a command writes its report; they cannot change its verdict. */
const OUTPUT_ONLY_FLAGS = new Set(["--out"]);

/** The npm scripts a script runs, itself included, following npm-run-all2's `run-p` / `run-s` lists. */
export function scriptClosure(name: string, seen = new Set<string>()): Set<string> {
  const command = scripts[name];
  if (command === undefined) throw new Error(`package.json has no script "${name}"`);
  if (seen.has(name)) return seen;
  seen.add(name);
  const [tool, ...args] = command.split(/\s+/);
  if (tool === "run-p" || tool === "run-s") {
    for (const arg of args.filter((a) => !a.startsWith("-"))) scriptClosure(arg, seen);
  }
  return seen;
}

/** `npm test`, `npm run plan -- --out out` → the script's name and its arguments. */
function npmCommand(line: string): { script: string; args: string[] } | undefined {
  const words = line.trim().split(/\s+/);
  if (words[0] !== "npm") return undefined;
  if (words[1] === "test" || words[1] === "t") return { script: "test", args: words.slice(2) };
  if (words[1] === "run" || words[1] === "run-script") {
    const rest = words.slice(3);
    return { script: words[2], args: rest[0] === "--" ? rest.slice(1) : rest };
  }
  return { script: words[1], args: words.slice(2) };
}

/** The commands `.ci/run` executes, in order (comments and shell settings left out). */
function ciCommands(): string[] {
  return read(".ci", "run")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("npm "));
}

/** The README's first-screen test command (`npm ci && <command>`, commented "type-check + every spec"). */
function readmeTestCommand(): string {
  const line = read("README.md")
    .split("\n")
    .find((text) => /^npm ci && npm \S+.*#/.test(text) && !/npm run plan/.test(text));
  if (line === undefined) throw new Error("README.md shows no `npm ci && <test command>` line");
  return line.split("&&")[1].split("#")[0].trim();
}

interface Step {
  readonly run?: string;
  readonly uses?: string;
}
interface Job {
  readonly steps: readonly Step[];
}

describe("one gate: .ci/run runs everything the pull-request workflow checks offline", () => {
  it(".ci/run installs from the lockfile, then runs exactly the README's test command, and stops on a failure", () => {
    const run = read(".ci", "run");
    ok(/^set -euo pipefail$/m.test(run), "a failing step must fail the script");
    deepStrictEqual(ciCommands(), ["npm ci --no-audit --no-fund", readmeTestCommand()]);
  });

  it("the test command runs every offline gate: type-check, specs, lint, format, policy pack, plan, matrix", () => {
    const command = npmCommand(readmeTestCommand())!;
    const gate = scriptClosure(command.script);
    for (const script of ["typecheck", "test:specs", "lint", "format:check", "crossguard:smoke", "plan", "matrix"]) {
      ok(gate.has(script), `${script} is not run by ${readmeTestCommand()}`);
    }
  });

  it("every run step of the pull-request workflow's offline jobs is a subset of what .ci/run runs", () => {
    const ci = ciCommands().map((line) => npmCommand(line)!);
    const covered = new Set(ci.flatMap(({ script }) => (script === "ci" ? ["ci"] : [...scriptClosure(script)])));
    const workflow = parse(read(".github", "workflows", "pull-request.yml")) as { jobs: Record<string, Job> };
    let checked = 0;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      // A job that reaches AWS or Pulumi is not offline: its gate is the preview, after this one.
      const online = job.steps.some(
        (step) => step.uses?.startsWith("aws-actions/") || step.uses?.startsWith("pulumi/actions"),
      );
      if (online) continue;
      for (const step of job.steps.filter((s) => s.run !== undefined)) {
        for (const line of step.run!.split("\n").filter((l) => l.trim() !== "")) {
          const command = npmCommand(line);
          ok(command !== undefined, `${name}: "${line}" is not an npm script, so .ci/run cannot run it`);
          ok(covered.has(command.script), `${name}: "${line}" runs ${command.script}, which .ci/run does not`);
          const extra = command.args.filter(
            (arg, i) => !OUTPUT_ONLY_FLAGS.has(arg) && !OUTPUT_ONLY_FLAGS.has(command.args[i - 1]),
          );
          deepStrictEqual(extra, [], `${name}: "${line}" passes arguments .ci/run does not`);
          checked += 1;
        }
      }
    }
    ok(checked >= 2, `only ${checked} offline steps found`);
  });

  it("follows run-p and run-s lists, and fails on a script that does not exist (the check above can fail)", () => {
    ok(scriptClosure("test").has("typecheck"));
    let threw = false;
    try {
      scriptClosure("no-such-script");
    } catch {
      threw = true;
    }
    ok(threw);
  });
});
