import { match, strictEqual } from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REFERENCE_DOC, REFERENCE_DOCS, docsConfigCommand } from "../../reference/config-reference";
import { capture } from "../cli-capture";

describe("npm run docs:config: command line (in-process)", () => {
  it("--help: the usage, exit 0, nothing written; an unknown option: exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "docs-config-"));
    const copy = { en: join(dir, "configuration.md"), ja: join(dir, "configuration.ja.md") };
    copyFileSync(REFERENCE_DOCS.en, copy.en);
    copyFileSync(REFERENCE_DOCS.ja, copy.ja);
    const help = await capture(() => docsConfigCommand(["--help"], copy));
    strictEqual(help.code, 0);
    match(help.stdout, /^usage: npm run docs:config/);
    const bad = await capture(() => docsConfigCommand(["--check"], copy));
    strictEqual(bad.code, 2);
    match(bad.stderr, /^docs:config: Unknown option '--check'/);
    strictEqual(readFileSync(copy.en, "utf8"), readFileSync(REFERENCE_DOC, "utf8"));
    strictEqual(readFileSync(copy.ja, "utf8"), readFileSync(REFERENCE_DOCS.ja, "utf8"));
  });
});
