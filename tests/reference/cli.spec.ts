import { match, strictEqual } from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REFERENCE_DOC, docsConfigCommand } from "../../reference/config-reference";
import { capture } from "../cli-capture";

describe("npm run docs:config: command line (in-process)", () => {
  it("--help: the usage, exit 0, nothing written; an unknown option: exit 2", async () => {
    const copy = join(mkdtempSync(join(tmpdir(), "docs-config-")), "configuration.md");
    copyFileSync(REFERENCE_DOC, copy);
    const help = await capture(() => docsConfigCommand(["--help"], copy));
    strictEqual(help.code, 0);
    match(help.stdout, /^usage: npm run docs:config/);
    const bad = await capture(() => docsConfigCommand(["--check"], copy));
    strictEqual(bad.code, 2);
    match(bad.stderr, /^docs:config: Unknown option '--check'/);
    strictEqual(readFileSync(copy, "utf8"), readFileSync(REFERENCE_DOC, "utf8"));
  });
});
