import { match, ok, strictEqual } from "node:assert/strict";
import { deployCommand, pulumiCliMissing } from "../../deploy/cli";
import { capture } from "../cli-capture";

describe("npm run deploy: command line (in-process)", () => {
  it("--help: the usage, with where to install the Pulumi CLI, exit 0", async () => {
    const run = await capture(() => deployCommand(["--help"]));
    strictEqual(run.code, 0);
    match(run.stdout, /^usage: npm run deploy -- --operator-stack/);
    match(run.stdout, /https:\/\/www\.pulumi\.com\/docs\/install\//);
  });

  it("an unknown option or a missing stack: the usage, exit 2, no TypeError", async () => {
    for (const argv of [["--bogus"], ["--operator-stack", "operator"]]) {
      const run = await capture(() => deployCommand(argv));
      strictEqual(run.code, 2, run.stderr);
      match(run.stderr, /^deploy: .*\n\nusage: npm run deploy/);
      ok(!run.stderr.includes("TypeError"), run.stderr);
    }
  });

  it("a --cwd without Pulumi.yaml is named", async () => {
    const run = await capture(() =>
      deployCommand(["--operator-stack", "a", "--municipality-stack", "b", "--cwd", "docs"]),
    );
    strictEqual(run.code, 2);
    match(run.stderr, /--cwd docs: no Pulumi\.yaml there/);
  });

  it("recognises the Automation API's error when the pulumi binary is missing", () => {
    // What LocalWorkspace throws without the CLI (CommandError, code -2).
    const error = new Error(
      "code: -2\n stdout: \n stderr: Command failed with ENOENT: pulumi version\nspawn pulumi ENOENT\n",
    );
    ok(pulumiCliMissing(error));
    ok(!pulumiCliMissing(new Error("no stack named 'operator' found")));
  });
});
