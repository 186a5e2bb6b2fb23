/**
 * mutation/before-hook-coverage.cjs, in a mocha run of its own (it patches mocha's Suite, which a
 * spec must not do to the run it is part of), with a stand-in for Stryker's instrumenter: code run
 * by a suite's `before` hook is credited to that suite's tests, and to no other.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../support";

/** What Stryker's instrumented code and mocha runner do: count a mutant under the current test, or as static. */
const STRYKER_STAND_IN = `
const { writeFileSync } = require("node:fs");
globalThis.__stryker__ = { mutantCoverage: { static: {}, perTest: {} } };
globalThis.cover = (mutant) => {
  const context = globalThis.__stryker__;
  const bucket = context.currentTestId === undefined
    ? context.mutantCoverage.static
    : (context.mutantCoverage.perTest[context.currentTestId] ??= {});
  bucket[mutant] = (bucket[mutant] ?? 0) + 1;
};
exports.mochaHooks = {
  beforeEach() { globalThis.__stryker__.currentTestId = this.currentTest.fullTitle(); },
};
process.on("exit", () => writeFileSync(process.env.COVERAGE_OUT, JSON.stringify(globalThis.__stryker__.mutantCoverage)));
`;

const SPEC = `
describe("planned", () => {
  before(() => cover("in-before"));
  before((done) => { cover("in-callback-before"); done(); });
  it("first", () => cover("in-test"));
  describe("nested", () => {
    it("second", () => {});
  });
});
describe("elsewhere", () => {
  it("third", () => {});
});
`;

function coverage(withHook: boolean): {
  static: Record<string, number>;
  perTest: Record<string, Record<string, number>>;
} {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-lz-hook-"));
  try {
    writeFileSync(join(dir, "stryker.cjs"), STRYKER_STAND_IN);
    writeFileSync(join(dir, "planned.spec.cjs"), SPEC);
    const out = join(dir, "coverage.json");
    const result = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, "node_modules", "mocha", "bin", "mocha.js"),
        "--no-config",
        "--require",
        join(dir, "stryker.cjs"),
        ...(withHook ? ["--require", join(REPO_ROOT, "mutation", "before-hook-coverage.cjs")] : []),
        join(dir, "planned.spec.cjs"),
      ],
      { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, COVERAGE_OUT: out } },
    );
    strictEqual(result.status, 0, result.stdout + result.stderr);
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("mutation testing: coverage of before hooks (mutation/before-hook-coverage.cjs)", function () {
  this.timeout(30_000);

  it("without it, what a before hook runs is credited to no test (why it exists)", () => {
    const found = coverage(false);
    deepStrictEqual(found.static, { "in-before": 1, "in-callback-before": 1 });
  });

  it("credits a suite's before hooks to each of its tests, nested ones included, and to no other", () => {
    const found = coverage(true);
    deepStrictEqual(found.static, {});
    deepStrictEqual(found.perTest, {
      "planned first": { "in-test": 1, "in-before": 1, "in-callback-before": 1 },
      "planned nested second": { "in-before": 1, "in-callback-before": 1 },
    });
  });
});
