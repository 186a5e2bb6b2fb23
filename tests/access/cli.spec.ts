import { match, strictEqual } from "node:assert/strict";
import { matrixCommand } from "../../access/cli";
import { capture } from "../cli-capture";

describe("npm run matrix: command line (in-process)", () => {
  it("--help: the usage, exit 0; an unknown option: the usage, exit 2", async () => {
    const help = await capture(() => matrixCommand(["--help"]));
    strictEqual(help.code, 0);
    match(
      help.stdout,
      /^usage: npm run matrix -- \[--config <Pulumi\.<stack>\.yaml>\]\.\.\. \[--full\] \[--write-docs\]/,
    );
    const bad = await capture(() => matrixCommand(["--write-doc"]));
    strictEqual(bad.code, 2);
    match(bad.stderr, /^matrix: Unknown option '--write-doc'\n\nusage: npm run matrix/);
  });
});
