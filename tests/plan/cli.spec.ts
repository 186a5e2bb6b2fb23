/** `npm run plan` as a user runs it: exit codes, output, files on disk. */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { planCommand } from "../../plan/cli";
import { planSchema } from "../../plan/schema";
import { capture } from "../cli-capture";

const ROOT = resolve(__dirname, "..", "..");

function plan(...args: string[]) {
  return spawnSync(process.execPath, ["--require", "tsx/cjs", "plan/cli.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    // Runtime deprecation notices (Node 22 warns about modules deep in the dependency tree)
    // would make the exact stderr checks depend on the Node version.
    // The locale is pinned: these checks read the English output (tests/plan/cli-lang.spec.ts reads the Japanese).
    env: { ...process.env, NODE_NO_WARNINGS: "1", LC_ALL: "", LC_MESSAGES: "", LANG: "C.UTF-8" },
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

  it("--out writes plan.json (valid against the contract), plan.md and one file per IAM document and phase", () => {
    const out = join(dir, "out");
    const fixtures = ["operator", "municipality"].flatMap((s) => ["--config", `tests/fixtures/Pulumi.${s}.yaml`]);
    const result = plan(...fixtures, "--out", out, "--full");
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
    const phaseFiles = (parsed.phases ?? []).flatMap((phase) =>
      Object.values(phase.stacks).flatMap((stack) => stack.documents.map((doc) => doc.file)),
    );
    assert.deepEqual(
      parsed.phases?.map((phase) => phase.name),
      ["operator", "municipalities", "locked"],
    );
    for (const file of phaseFiles) assert.ok(existsSync(join(out, file)), file);
    // Step 1 is not locked, the end state is: the phase files show the difference.
    const step1 = readFileSync(join(out, "phases/1-operator/policies/operator/invoke-sapporo-invoke.json"), "utf8");
    const end = readFileSync(join(out, "policies/operator/invoke-sapporo-invoke.json"), "utf8");
    assert.ok(!step1.includes("aws:SourceVpce") && end.includes("aws:SourceVpce"));
    assert.equal(result.stderr, `plan: wrote ${2 + files.length + phaseFiles.length} files to ${out}\n`);
  });
});

// The same command in-process (planCommand is what the entry point runs): one child process above
// proves the entry point itself; these need no second Node start-up.
describe("npm run plan (in-process)", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "bedrock-lz-plan-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 2 on a bad config with the key and what is allowed, and no stack trace", async () => {
    const file = join(dir, "Pulumi.sapporo.yaml");
    const shipped = readFileSync(join(ROOT, "tests", "fixtures", "Pulumi.municipality.yaml"), "utf8");
    writeFileSync(file, shipped.replace('bedrock-lz:accountId: "222222222222"', 'bedrock-lz:accountId: "2222"'));
    const result = await capture(() => planCommand(["--config", file], {}));
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      `plan failed: stack sapporo (${file}): invalid stack configuration:\n` +
        `  - bedrock-lz:accountId: must be a 12-digit AWS account id written as a quoted string, e.g. "123456789012"\n`,
    );
  });

  it("prints one screen by default, ending with the proof's verdict", async () => {
    const fixtures = ["operator", "municipality"].flatMap((s) => ["--config", `tests/fixtures/Pulumi.${s}.yaml`]);
    const result = await capture(() => planCommand(fixtures, {}));
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    assert.ok(lines.length <= 40, `${lines.length} lines`);
    assert.match(
      lines[lines.length - 1],
      /^access matrix: PROVED: \d+ scenarios over 1 operator–municipality pairs, 0 mismatches/,
    );
  });
});
