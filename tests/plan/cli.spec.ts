/** `npm run plan` as a user runs it: a child process, exit codes, files on disk. */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { planSchema } from "../../plan/schema";

const ROOT = resolve(__dirname, "..", "..");

function plan(...args: string[]) {
  return spawnSync(process.execPath, ["--require", "tsx/cjs", "plan/cli.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    // Runtime deprecation notices (Node 22 warns about modules deep in the dependency tree)
    // would make the exact stderr checks depend on the Node version.
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });
}

describe("npm run plan (child process)", function () {
  // A child process pays Node's start-up and a whole plan: seconds, more on a busy machine.
  this.timeout(90_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "bedrock-lz-plan-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 2 on a bad config with the key and what is allowed, and no stack trace", () => {
    const file = join(dir, "Pulumi.sapporo.yaml");
    const shipped = readFileSync(join(ROOT, "Pulumi.municipality.yaml"), "utf8");
    writeFileSync(file, shipped.replace('bedrock-lz:accountId: "222222222222"', 'bedrock-lz:accountId: "2222"'));
    const result = plan("--config", file);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      `plan failed: stack sapporo (${file}): invalid stack configuration:\n` +
        `  - bedrock-lz:accountId: must be a 12-digit AWS account id written as a quoted string, e.g. "123456789012"\n`,
    );
  });

  it("--out writes plan.json (valid against the contract), plan.md and one file per IAM document", () => {
    const out = join(dir, "out");
    const result = plan("--out", out);
    assert.equal(result.status, 0, result.stderr);
    const written = JSON.parse(readFileSync(join(out, "plan.json"), "utf8"));
    const parsed = planSchema.parse(written);
    assert.deepEqual(Object.keys(parsed.stacks), ["operator", "municipality"]);
    assert.equal(readFileSync(join(out, "plan.md"), "utf8"), result.stdout);
    const files = Object.values(parsed.stacks).flatMap((stack) => stack.documents.map((doc) => doc.file));
    assert.equal(files.length, 15);
    for (const file of files) assert.ok(existsSync(join(out, file)), file);
    assert.deepEqual(
      JSON.parse(readFileSync(join(out, "policies/operator/invoke-sapporo-role.json"), "utf8")),
      parsed.stacks.operator.documents.find((doc) => doc.resource === "invoke-sapporo-role")!.document,
    );
    assert.equal(result.stderr, `plan: wrote 17 files to ${out}\n`);
  });
});
