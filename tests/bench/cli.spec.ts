import { deepStrictEqual, match, strictEqual, throws } from "node:assert/strict";
import { UsageError } from "../../harness/cli";
import { benchCommand, parseBenchArgs, resultFiles } from "../../bench/cli";
import { capture } from "../cli-capture";

describe("npm run bench: command line (in-process)", () => {
  it("--help: the usage, exit 0, nothing benchmarked", async () => {
    const run = await capture(() => benchCommand(["--help"]));
    strictEqual(run.code, 0);
    match(run.stdout, /^usage: npm run bench -- \[--runs <n>\] \[--quick\]/);
  });

  it("an unknown option or a bad --runs: the usage, exit 2", async () => {
    for (const argv of [
      ["--bogus"],
      ["--runs", "many"],
      ["--runs", "0"],
      ["--quick", "--write"],
      ["--up-only", "--write"],
    ]) {
      const run = await capture(() => benchCommand(argv));
      strictEqual(run.code, 2);
      match(run.stderr, /^bench: .*\n\nusage: npm run bench/);
    }
  });

  it("runs --runs times, as asked (no hidden minimum), and rewrites the tracked results only with --write", () => {
    deepStrictEqual(parseBenchArgs(["--runs", "2"]), { runs: 2, quick: false, upOnly: false, write: false });
    deepStrictEqual(parseBenchArgs([]).runs, 5);
    deepStrictEqual(parseBenchArgs(["--quick"]).runs, 1);
    deepStrictEqual(parseBenchArgs(["--quick", "--runs", "3"]).runs, 3);
    deepStrictEqual(parseBenchArgs(["--up-only", "--runs", "2"]).upOnly, true);
    deepStrictEqual(resultFiles(parseBenchArgs(["--runs", "2"])), []);
    deepStrictEqual(resultFiles(parseBenchArgs(["--up-only"])), []);
    deepStrictEqual(
      resultFiles(parseBenchArgs(["--write"])).map((path) => path.split(/[\\/]/).slice(-2).join("/")),
      ["bench/results.json", "bench/results.md"],
    );
    throws(() => parseBenchArgs(["--runs", "0"]), UsageError);
  });
});
