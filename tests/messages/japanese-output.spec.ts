/**
 * What the tools print with `--lang ja` (or a ja locale), run in-process on the mistakes a user
 * makes: every line a reader gets is Japanese, or only identifiers (keys, files, ids, a YAML
 * excerpt). An English sentence that reaches a Japanese reader fails here, whichever catalogue,
 * library or `throw` it came from.
 */
import { ok, strictEqual } from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { matrixCommand } from "../../access/cli";
import { auditCommand } from "../../audit/cli";
import { main as smokeMain } from "../../clients/ts/smoke";
import { runPreflight } from "../../preflight/cli";
import { usageCommand } from "../../usage/cli";
import { deployCommand } from "../../deploy/cli";
import { planCommand } from "../../plan/cli";
import { capture } from "../cli-capture";
import { FIXTURES } from "../support";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/**
 * Three English words in a row (`is not a`, `no such file`) outside anything that is an
 * identifier: a sentence, not a key, a path, a flag or an id.
 */
function englishSentence(line: string): string | undefined {
  const words = line
    .replace(/`[^`]*`/g, " ")
    .replace(/npm run [\w:-]+/g, " ")
    .replace(/\S*[/:@=<>[\]{}_.$\d-]\S*/g, " ")
    .match(/\b[A-Za-z]{2,}(?:[ ,;]+[A-Za-z]+){2,}\b/);
  return words?.[0];
}

/** The lines of a run that a Japanese reader would find English in. */
function englishLines(...texts: string[]): string[] {
  return texts
    .flatMap((text) => text.split("\n"))
    .filter((line) => !JAPANESE.test(line) && englishSentence(line) !== undefined);
}

const ENV = { LANG: "ja_JP.UTF-8" };

describe("--lang ja: what a Japanese reader gets from the tools (in-process)", function () {
  this.timeout(120_000);
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "japanese-output-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("would catch an English sentence, and lets identifiers, ids and excerpts through", () => {
    ok(englishSentence("plan failed: no such file") !== undefined);
    ok(englishSentence("  - bedrock-lz:vpc.cidrBlok: is not a setting here") !== undefined);
    strictEqual(
      englishSentence("   operator: invoke-sapporo-invoke.policy +DenyBedrockOutsideMunicipalityEndpoint"),
      undefined,
    );
    strictEqual(englishSentence("  bedrock-lz:account: municipality"), undefined);
    strictEqual(englishSentence("arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"), undefined);
  });

  it("npm run plan: config, YAML, cross-file and command-line mistakes, and the program's warnings", async () => {
    const operator = join(FIXTURES, "Pulumi.operator.yaml");
    const municipality = join(FIXTURES, "Pulumi.municipality.yaml");
    const badConfig = file(
      "Pulumi.bad.yaml",
      [
        "config:",
        "  bedrock-lz:account: municipality",
        '  bedrock-lz:accountId: "222222222222"',
        "  bedrock-lz:municipalityName: sapporo",
        "  bedrock-lz:operatorRoleArn: arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
        "  bedrock-lz:vpc:",
        "    cidrBlok: 8.8.0.0/16",
        "  bedrock-lz:permissionBoundary: yes",
        "  bedrock-lz:tags:",
        "    Project: x",
        "  bedrock-lz:smokeTest:",
        "    enable: true",
        "  aws:profile: admin",
        "",
      ].join("\n"),
    );
    const badYaml = file(
      "Pulumi.yamlbad.yaml",
      "config:\n  bedrock-lz:account: municipality\n  bedrock-lz:account: x\n",
    );
    const otaru = file(
      "Pulumi.otaru.yaml",
      [
        "config:",
        "  bedrock-lz:account: municipality",
        '  bedrock-lz:accountId: "222222222222"',
        "  bedrock-lz:municipalityName: otaru",
        "  bedrock-lz:operatorRoleArn: arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru",
        "  aws:region: ap-northeast-3",
        "",
      ].join("\n"),
    );
    const runs = [
      ["--config", badConfig],
      ["--config", badYaml],
      ["--config", operator, "--config", otaru],
      ["--config", join(dir, "Pulumi.missing.yaml")],
      ["--stak", "x"],
      ["--out"],
      ["--help"],
      ["--config", operator, "--out", badYaml],
      ["--config", operator, "--config", municipality],
    ];
    for (const argv of runs) {
      const run = await capture(() => planCommand(argv, ENV));
      ok(JAPANESE.test(run.stdout + run.stderr), `${argv.join(" ")}: nothing Japanese`);
      strictEqual(englishLines(run.stdout, run.stderr).join("\n"), "", argv.join(" "));
      // The same run in English is caught by the check: it is not vacuous.
      const english = await capture(() => planCommand(["--lang", "en", ...argv], ENV));
      ok(argv.includes("--help") || englishLines(english.stdout, english.stderr).length > 0, argv.join(" "));
    }
    // The full plan ran: the program's warning about the referenced-later endpoints is in it, in Japanese.
    const full = await capture(() => planCommand(["--config", operator, "--config", municipality], ENV));
    strictEqual(full.code, 0, full.stderr);
    ok(full.stdout.includes("アクセス行列: 証明済み (PROVED)"), full.stdout);
  });

  it("npm run matrix and npm run deploy: their lines, failures and usage", async () => {
    const bad = file("Pulumi.matrixbad.yaml", "config:\n  bedrock-lz:account: operatr\n");
    for (const run of [
      await capture(() => matrixCommand(["--config", bad], ENV)),
      await capture(() => matrixCommand(["--help"], ENV)),
      await capture(() => matrixCommand(["--write-doc"], ENV)),
      await capture(() => deployCommand(["--help"], ENV)),
      await capture(() => deployCommand(["--operator-stack", "operator"], ENV)),
      await capture(() => deployCommand(["--operator-stack", "o", "--municipality-stack", "m", "--cwd", dir], ENV)),
    ]) {
      ok(JAPANESE.test(run.stdout + run.stderr), run.stdout + run.stderr);
      strictEqual(englishLines(run.stdout, run.stderr).join("\n"), "");
    }
  });

  it("npm run audit and npm run preflight: usage, argument mistakes and a missing file", async () => {
    for (const argv of [["--help"], ["--stak", "x"], ["--stack", join(dir, "Pulumi.nowhere.yaml")], []]) {
      const run = await capture(() => auditCommand(argv, ENV));
      ok(JAPANESE.test(run.stdout + run.stderr), `audit ${argv.join(" ")}`);
      strictEqual(englishLines(run.stdout, run.stderr).join("\n"), "", `audit ${argv.join(" ")}`);
    }
    const operator = join(FIXTURES, "Pulumi.operator.yaml");
    for (const argv of [
      ["--help"],
      ["--vpc"],
      ["--vpc-id", "vpc-1"],
      ["--vpc-id", "vpc-0a1b2c3d4e5f60789", "--region", "us-east-1"],
      ["--stack", operator],
      [],
    ]) {
      const printed: string[] = [];
      const code = await runPreflight(
        argv,
        { out: (t) => printed.push(t), err: (t) => printed.push(t) },
        undefined,
        ENV,
      );
      ok(code === 0 || code === 2, `preflight ${argv.join(" ")}: ${code}`);
      ok(JAPANESE.test(printed.join("\n")), `preflight ${argv.join(" ")}`);
      strictEqual(englishLines(...printed).join("\n"), "", `preflight ${argv.join(" ")}`);
    }
  });

  it("npm run usage: usage, argument mistakes and an outputs file that is not JSON", async () => {
    const text = file("outputs.txt", "Current stack outputs (0):\n");
    const cloudwatch = { send: async () => ({ MetricDataResults: [] }) };
    for (const argv of [
      ["--help"],
      ["--mnth", "2026-11"],
      ["--month", "2026-13"],
      ["--month", "2026-11", "--outputs", text],
    ]) {
      const run = await capture(() => usageCommand(argv, cloudwatch as never, ENV));
      ok(JAPANESE.test(run.stdout + run.stderr), `usage ${argv.join(" ")}`);
      strictEqual(englishLines(run.stdout, run.stderr).join("\n"), "", `usage ${argv.join(" ")}`);
    }
  });

  it("npm run smoke: --help and argument mistakes", async () => {
    for (const argv of [
      ["--help"],
      ["--bogus"],
      ["--model-id", "jp.x"],
      ["--role-arn", "nope", "--model-id", "jp.x"],
    ]) {
      const run = await capture(() => smokeMain(argv, undefined, ENV));
      ok(JAPANESE.test(run.stdout + run.stderr), argv.join(" "));
      strictEqual(englishLines(run.stdout, run.stderr).join("\n"), "", argv.join(" "));
    }
  });
});
