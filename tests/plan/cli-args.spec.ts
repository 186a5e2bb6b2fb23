import { doesNotMatch, match, strictEqual } from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planCommand as planCommandIn } from "../../plan/cli";
import { capture } from "../cli-capture";

// An English environment: these checks read the English messages whatever the machine's locale.
const planCommand = (argv: readonly string[]) => planCommandIn(argv, {});

describe("npm run plan: command line (in-process)", () => {
  it("--help: the usage, exit 0", async () => {
    const run = await capture(() => planCommand(["--help"]));
    strictEqual(run.code, 0);
    match(run.stdout, /^usage: npm run plan -- /);
  });

  it("an unknown option or a missing value: the usage, exit 2, no stack trace", async () => {
    for (const argv of [["--bogus"], ["--config"]]) {
      const run = await capture(() => planCommand(argv));
      strictEqual(run.code, 2);
      match(run.stderr, /usage: npm run plan -- /);
      doesNotMatch(run.stderr, /\n\s+at /);
    }
  });

  it("a missing --config file is named", async () => {
    const run = await capture(() => planCommand(["--config", "Pulumi.nope.yaml"]));
    strictEqual(run.code, 2);
    match(run.stderr, /^plan failed: Pulumi\.nope\.yaml: no such file/);
  });

  it("stack files that contradict each other stop the plan, naming both files and keys", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-cross-"));
    const otaru = join(dir, "Pulumi.otaru.yaml");
    writeFileSync(
      otaru,
      readFileSync("tests/fixtures/Pulumi.municipality.yaml", "utf8")
        .replace("municipalityName: sapporo", "municipalityName: otaru")
        .replace("invoke-sapporo", "invoke-otaru"),
    );
    const run = await capture(() =>
      planCommand(["--config", "tests/fixtures/Pulumi.operator.yaml", "--config", otaru]),
    );
    strictEqual(run.code, 2);
    match(run.stderr, /the stack files contradict each other/);
    match(
      run.stderr,
      /add bedrock-lz:municipalities\.otaru\.accountId: "222222222222" to tests\/fixtures\/Pulumi\.operator\.yaml/,
    );
    doesNotMatch(run.stderr, /must be a 12-digit/);
  });
});
