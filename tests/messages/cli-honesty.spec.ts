/**
 * The command lines do what their flags say, and stop before doing work they cannot finish:
 * `npm run plan -- --out <file>` refuses the path before printing any report.
 */
import { match, strictEqual } from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planCommand } from "../../plan/cli";
import { capture } from "../cli-capture";
import { FIXTURES } from "../support";

const FILES = ["operator", "municipality"].flatMap((s) => ["--config", join(FIXTURES, `Pulumi.${s}.yaml`)]);

describe("command lines that keep their word", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cli-honesty-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("npm run plan -- --out <an existing file>: refused, named, before any report, and the file untouched", async () => {
    const file = join(dir, "notes.txt");
    writeFileSync(file, "mine\n");
    const run = await capture(() => planCommand([...FILES, "--out", file], { LANG: "C" }));
    strictEqual(run.code, 2);
    strictEqual(run.stdout, "");
    match(
      run.stderr,
      new RegExp(
        `^plan failed: --out ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: cannot be the directory the plan writes to \\(EEXIST\\)`,
      ),
    );
    strictEqual(readFileSync(file, "utf8"), "mine\n");
    const ja = await capture(() => planCommand([...FILES, "--out", file], { LANG: "ja_JP.UTF-8" }));
    strictEqual(ja.stdout, "");
    match(ja.stderr, /計画を書き出すディレクトリにできません\(EEXIST\)/);
  });

  it("npm run plan -- --out <a new or an existing directory>: written there", async () => {
    const out = join(dir, "new", "plan");
    const run = await capture(() => planCommand([...FILES, "--out", out], { LANG: "C" }));
    strictEqual(run.code, 0, run.stderr);
    match(readFileSync(join(out, "plan.json"), "utf8"), /"stacks"/);
    const again = await capture(() => planCommand([...FILES, "--out", out], { LANG: "C" }));
    strictEqual(again.code, 0, again.stderr);
  });
});
