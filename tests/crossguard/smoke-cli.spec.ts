/**
 * `npm run crossguard:smoke` keeps the command-line contract (harness/cli.ts) before it starts the
 * policy pack: --help prints the usage and runs nothing, an unknown flag is refused with the
 * usage, and --config is the file it reads (a bad one stops it, naming that file).
 */
import { match, rejects, strictEqual } from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { smokeCommand } from "../../crossguard/smoke/cli";
import { capture } from "../cli-capture";

describe("npm run crossguard:smoke: command line (in-process, no policy pack started)", () => {
  it("--help: the usage on stdout, exit 0, nothing run", async () => {
    const started = Date.now();
    const help = await capture(() => smokeCommand(["--help"]));
    strictEqual(help.code, 0);
    match(help.stdout, /^usage: npm run crossguard:smoke -- \[--config <Pulumi\.<stack>\.yaml>\]\.\.\./);
    strictEqual(help.stderr, "");
    // Planning the stack files and starting the pack takes seconds; --help stops before either.
    strictEqual(Date.now() - started < 1000, true);
  });

  it("an unknown flag or a stray argument: the mistake and the usage on stderr, exit 2", async () => {
    for (const [argv, said] of [
      [["--conifg", "Pulumi.operator.yaml"], /^crossguard:smoke: Unknown option '--conifg'\n\nusage: /],
      [["Pulumi.operator.yaml"], /^crossguard:smoke: unexpected argument "Pulumi\.operator\.yaml"\n\nusage: /],
      [["--config"], /^crossguard:smoke: Option '--config <value>' argument missing\n\nusage: /],
    ] as const) {
      const run = await capture(() => smokeCommand(argv));
      strictEqual(run.code, 2, argv.join(" "));
      match(run.stderr, said);
      strictEqual(run.stdout, "");
    }
  });

  it("--config: the file given is the one read; a missing or invalid one stops it, named", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crossguard-cli-"));
    try {
      await rejects(smokeCommand(["--config", join(dir, "Pulumi.nope.yaml")]), /Pulumi\.nope\.yaml: no such file/);
      const bad = join(dir, "Pulumi.bad.yaml");
      writeFileSync(bad, "config:\n  bedrock-lz:account: operatr\n");
      await rejects(smokeCommand(["--config", bad]), (error: Error) => {
        match(error.message, /stack bad \(.*Pulumi\.bad\.yaml\): invalid stack configuration/);
        match(error.message, /bedrock-lz:account: must be "operator" or "municipality"/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
