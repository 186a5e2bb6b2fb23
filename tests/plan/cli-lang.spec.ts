/** `npm run plan` in Japanese: `--lang ja` or a ja locale, in-process; the artefacts stay English. */
import { doesNotMatch, match, ok, strictEqual } from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planCommand } from "../../plan/cli";
import { planSchema } from "../../plan/schema";
import { capture } from "../cli-capture";

const FIXTURES = ["operator", "municipality"].flatMap((s) => ["--config", `tests/fixtures/Pulumi.${s}.yaml`]);
const JA_VERDICT = /^アクセス行列: 証明済み \(PROVED\): 事業者と自治体の 1 組で \d+ シナリオ、不一致 0 件$/;
const EN_VERDICT = /^access matrix: PROVED: \d+ scenarios over 1 operator–municipality pairs, 0 mismatches$/;
const lastLine = (text: string) => text.trimEnd().split("\n").pop()!;

describe("npm run plan: the reader's language (in-process)", function () {
  // Each run plans the whole deployment and proves it.
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "plan-lang-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("--lang ja: the summary, the plan's notes and the verdict in Japanese; plan.json and plan.md in English", async () => {
    const out = join(dir, "ja");
    const run = await capture(() => planCommand(["--lang", "ja", ...FIXTURES, "--out", out], {}));
    strictEqual(run.code, 0, run.stderr);
    match(run.stdout, /^bedrock-lz オフライン計画/);
    match(run.stdout, /\noperator\(事業者 111111111111、ap-northeast-1\): リソース \d+、/);
    match(run.stdout, /\nデプロイ段階:\n1\. 事業者の up: /);
    // The plan's own note, in Japanese, names the file and the key verbatim.
    match(run.stdout, /! plan: tests\/fixtures\/Pulumi\.operator\.yaml はまだ sapporo をロックしていません。/);
    match(run.stdout, /municipalities\.sapporo\.bedrockRuntimeEndpointId \/ stsEndpointId/);
    doesNotMatch(run.stdout, /does not lock sapporo yet/);
    match(lastLine(run.stdout), JA_VERDICT);
    match(run.stderr, /^plan: \d+ 個のファイルを .* に書き出しました\n$/);

    const plan = planSchema.parse(JSON.parse(readFileSync(join(out, "plan.json"), "utf8")));
    ok(plan.stacks.operator.warnings.some((w) => w.includes("does not lock sapporo yet")));
    const notes = [
      ...Object.values(plan.stacks).flatMap((stack) => stack.warnings),
      ...(plan.phases ?? []).flatMap((phase) => [phase.title, ...Object.values(phase.stacks).flatMap((s) => s.notes)]),
    ];
    ok(notes.length > 0);
    for (const note of notes) doesNotMatch(note, /[\u3040-\u30ff]/);
    const report = readFileSync(join(out, "plan.md"), "utf8");
    match(report, /^access matrix: PROVED: /m);
    match(report, /1\. operator up: one invoke role per municipality, not locked yet/);
  });

  it("a ja locale (LANG=ja_JP.UTF-8) speaks Japanese; --lang en overrides it", async () => {
    const ja = await capture(() => planCommand(FIXTURES, { LANG: "ja_JP.UTF-8" }));
    strictEqual(ja.code, 0, ja.stderr);
    match(lastLine(ja.stdout), JA_VERDICT);

    const en = await capture(() => planCommand(["--lang", "en", ...FIXTURES], { LANG: "ja_JP.UTF-8" }));
    strictEqual(en.code, 0, en.stderr);
    match(en.stdout, /^bedrock-lz plan \(end state/);
    match(lastLine(en.stdout), EN_VERDICT);
    doesNotMatch(en.stdout, /[\u3040-\u30ff]/);
  });

  it("failure lines follow the same rule, before any stack runs", async () => {
    const argv = [...FIXTURES, "--stack", "nope"];
    const ja = await capture(() => planCommand(argv, { LC_ALL: "ja_JP.UTF-8", LANG: "en_US.UTF-8" }));
    strictEqual(ja.code, 2);
    strictEqual(
      ja.stderr,
      "plan: 失敗しました: --stack nope: そのスタックはありません。読み込んだスタック: operator, municipality\n",
    );
    const en = await capture(() => planCommand(["--lang", "en", ...argv], { LANG: "ja_JP.UTF-8" }));
    strictEqual(en.stderr, "plan failed: --stack nope: no such stack; loaded: operator, municipality\n");
    const bad = await capture(() => planCommand(["--lang", "fr"], {}));
    strictEqual(bad.code, 2);
    match(bad.stderr, /^plan: --lang must be en or ja/);
  });
});
