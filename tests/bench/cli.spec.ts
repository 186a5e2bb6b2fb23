import { match, strictEqual } from "node:assert/strict";
import { benchCommand } from "../../bench/cli";
import { capture } from "../cli-capture";

describe("npm run bench: command line (in-process)", () => {
  it("--help: the usage, exit 0, nothing benchmarked", async () => {
    const run = await capture(() => benchCommand(["--help"]));
    strictEqual(run.code, 0);
    match(run.stdout, /^usage: npm run bench -- \[--runs <n>\] \[--quick\]/);
  });

  it("an unknown option or a bad --runs: the usage, exit 2", async () => {
    for (const argv of [["--bogus"], ["--runs", "many"]]) {
      const run = await capture(() => benchCommand(argv));
      strictEqual(run.code, 2);
      match(run.stderr, /^bench: .*\n\nusage: npm run bench/);
    }
  });
});
