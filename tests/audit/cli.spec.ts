import { match, strictEqual } from "node:assert/strict";
import { auditCommand } from "../../audit/cli";
import { capture } from "../cli-capture";

describe("npm run audit: command line (in-process)", () => {
  it("--help: the usage, exit 0; an unknown option: the usage, exit 2", async () => {
    const help = await capture(() => auditCommand(["--help"]));
    strictEqual(help.code, 0);
    match(help.stdout, /^usage: npm run audit -- --stack/);
    const bad = await capture(() => auditCommand(["--stak", "x"]));
    strictEqual(bad.code, 2);
    match(bad.stderr, /^audit: Unknown option '--stak'\n\nusage: npm run audit/);
  });

  it("a missing --stack file is named, before any AWS call", async () => {
    const run = await capture(() => auditCommand(["--stack", "nowhere/Pulumi.operator.yaml"]));
    strictEqual(run.code, 2);
    match(run.stderr, /^audit: --stack nowhere\/Pulumi\.operator\.yaml: no such file/);
  });
});
