// Stryker's configuration for `npm run mutate` (mutation/cli.ts passes the targets in the environment;
// run that, not Stryker directly). Specs run in one mocha process per worker, not in mocha's parallel
// mode (.mocharc.cjs is not read), with the root hook that credits `before` hooks' coverage to their
// suites' tests (mutation/before-hook-coverage.cjs).
const fromEnvironment = (name) => JSON.parse(process.env[name] ?? "[]");
/** One report folder per target, so each run's report and incremental results stand alone. */
const reports = `reports/mutation/${process.env.BEDROCK_LZ_TARGET ?? "all"}`;

export default {
  $schema: "../node_modules/@stryker-mutator/core/schema/stryker-schema.json",
  testRunner: "mocha",
  coverageAnalysis: "perTest",
  mutate: fromEnvironment("BEDROCK_LZ_MUTATE"),
  mochaOptions: {
    "no-config": true,
    spec: fromEnvironment("BEDROCK_LZ_SPECS"),
    extension: ["ts"],
    require: ["tsx/cjs", "harness/fast-start.ts", "mutation/before-hook-coverage.cjs"],
  },
  concurrency: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `${reports}/mutation.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  tempDirName: "node_modules/.cache/stryker-tmp",
  incrementalFile: `${reports}/stryker-incremental.json`,
  // A mutant that makes a spec loop is a kill (timeout); the specs' own program runs take seconds.
  timeoutMS: 20000,
  thresholds: { high: 95, low: 90, break: null },
};
