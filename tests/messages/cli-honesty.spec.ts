/**
 * The command lines do what their flags say, and stop before doing work they cannot finish:
 * `npm run plan -- --out <file>` refuses the path before printing any report; `npm run usage`
 * names an outputs file that is not JSON, and says what to do without credentials.
 */
import { match, strictEqual } from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { planCommand } from "../../plan/cli";
import { usageCommand } from "../../usage/cli";
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

  it("npm run usage: an outputs file that is not JSON is named, with the command that writes it; exit 2", async () => {
    const text = join(dir, "operator-outputs.txt");
    // `pulumi stack output` without --json: what a user pastes first.
    writeFileSync(text, "Current stack outputs (2):\n    OUTPUT  VALUE\n");
    const cw = mockClient(CloudWatchClient);
    const run = await capture(() =>
      usageCommand(["--month", "2026-11", "--outputs", text], cw as never, { LANG: "C" }),
    );
    strictEqual(run.code, 2);
    match(run.stderr, new RegExp(`^usage: --outputs ${escape(text)} is not JSON \\(`));
    match(run.stderr, /write it with: pulumi stack output --json --stack <operator> > /);
    const missing = await capture(() =>
      usageCommand(["--month", "2026-11", "--outputs", join(dir, "none.json")], cw as never, { LANG: "C" }),
    );
    strictEqual(missing.code, 2);
    match(missing.stderr, /^usage: --outputs .*none\.json: cannot be read \(ENOENT\)/);
    const ja = await capture(() =>
      usageCommand(["--month", "2026-11", "--outputs", text], cw as never, { LANG: "ja_JP.UTF-8" }),
    );
    match(ja.stderr, /は JSON ではありません/);
    strictEqual(cw.commandCalls(GetMetricDataCommand).length, 0);
  });

  it("npm run usage: no credentials, or credentials CloudWatch refuses, exit 2 with what to do", async () => {
    const outputs = join(dir, "operator.json");
    writeFileSync(
      outputs,
      JSON.stringify({
        inferenceProfileArns: {
          sapporo: "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/aaaa1111",
        },
      }),
    );
    const argv = ["--month", "2026-11", "--outputs", outputs, "--stack", join(FIXTURES, "Pulumi.operator.yaml")];
    const cw = mockClient(CloudWatchClient);
    cw.on(GetMetricDataCommand).rejects(
      Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }),
    );
    const none = await capture(() => usageCommand(argv, cw as never, { LANG: "C" }));
    strictEqual(none.code, 2);
    strictEqual(none.stdout, "");
    match(none.stderr, /^usage: no AWS credentials to read CloudWatch in ap-northeast-1: set AWS_PROFILE/);
    const noneJa = await capture(() => usageCommand(argv, cw as never, { LANG: "ja_JP.UTF-8" }));
    match(noneJa.stderr, /CloudWatch を読むための AWS 認証情報がありません。AWS_PROFILE/);
    cw.reset();
    cw.on(GetMetricDataCommand).rejects(
      Object.assign(new Error("User is not authorized to perform: cloudwatch:GetMetricData"), {
        name: "AccessDeniedException",
      }),
    );
    const denied = await capture(() => usageCommand(argv, cw as never, { LANG: "C" }));
    strictEqual(denied.code, 2);
    match(denied.stderr, /CloudWatch refused GetMetricData \(AccessDeniedException: .*\): the credentials need/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
