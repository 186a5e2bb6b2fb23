/**
 * Mocha's settings (CONTRIBUTING.md). Specs run in two worker processes; each worker takes the next
 * file when it is free, so the files that take longest, or that mostly wait (a child process, the
 * SDK's retry back-off), go first: their waiting overlaps the type-check that `npm test` runs
 * beside mocha, and the short files fill the gaps at the end.
 */
const { readdirSync } = require("node:fs");
const { join } = require("node:path");

const LONGEST_FIRST = [
  "tests/audit/read-only.spec.ts",
  "tests/access/matrix.spec.ts",
  "tests/plan/cli.spec.ts",
  "tests/examples/documented-edits.spec.ts",
  "tests/plan/sweep.spec.ts",
  "tests/audit/sweep.spec.ts",
  "tests/audit/real-accounts.spec.ts",
  "tests/audit/examples.spec.ts",
  "tests/clients/python/smoke.spec.ts",
];

function specsUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return specsUnder(path);
      return entry.name.endsWith(".spec.ts") ? [path] : [];
    });
}

const all = specsUnder("tests");
for (const file of LONGEST_FIRST) {
  if (!all.includes(file)) throw new Error(`.mocharc.cjs: ${file} is not a spec file`);
}

module.exports = {
  extension: ["ts"],
  spec: [...LONGEST_FIRST, ...all.filter((file) => !LONGEST_FIRST.includes(file))],
  require: ["tsx/cjs", "harness/fast-start.ts"],
  timeout: 20000,
  reporter: "spec",
  parallel: true,
  jobs: 2,
  // Passed on to the workers. Three processes share two cores (the type-check runs beside the two
  // workers), so V8's parallel GC helper threads only took CPU from the others: about 2 % of
  // `npm test` (paired runs).
  "node-option": ["single-threaded-gc"],
};
