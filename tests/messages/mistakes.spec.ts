/**
 * docs/mistakes.md and docs/mistakes.ja.md: generated from reference/mistakes.ts, whose examples run
 * through the tools' own code. The pages must be current, name the key meant for every misspelt one
 * the issue lists, and say every message in Japanese on the Japanese page.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { MISTAKES, MISTAKES_DOCS, renderMistakes } from "../../reference/mistakes";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("docs/mistakes.md and its Japanese twin (npm run docs:config)", function () {
  // Two of the examples run the program under the mock engine.
  this.timeout(60_000);

  it("are what the examples say today, in both languages", async () => {
    for (const lang of ["en", "ja"] as const) {
      strictEqual(
        readFileSync(MISTAKES_DOCS[lang], "utf8"),
        await renderMistakes(lang),
        `${MISTAKES_DOCS[lang]} is stale: run npm run docs:config`,
      );
    }
  });

  it("cover every kind of mistake, each with examples", () => {
    ok(MISTAKES.length >= 8);
    for (const kind of MISTAKES) ok(kind.mistakes.length > 0, kind.title.en);
    ok(MISTAKES.flatMap((kind) => kind.mistakes).length >= 30);
  });

  it("say every message in Japanese on the Japanese page, keys and values as they are", async () => {
    for (const kind of MISTAKES) {
      for (const mistake of kind.mistakes) {
        const [en, ja] = [await mistake.said("en"), await mistake.said("ja")];
        strictEqual(ja.length, en.length, mistake.what.en);
        ja.forEach((line, index) => {
          if (en[index].trim() === "" || /^\s*\^?$/.test(en[index])) return;
          // A YAML excerpt is the file's own text, the same in both.
          if (line === en[index] && !/\s[a-z]+ [a-z]+ [a-z]+\s/.test(line)) return;
          match(line, JAPANESE, `${mistake.what.en}: ${line}`);
        });
        ok(JAPANESE.test(mistake.what.ja) && !JAPANESE.test(mistake.what.en.replace(/部署|情報政策課/g, "")));
      }
    }
  });

  it("name the key meant, and show the right shape, for the mistakes a new user makes", async () => {
    const page = await renderMistakes("en");
    for (const said of [
      "bedrock-lz:vpc.cidrBlok: is not a setting here; did you mean cidrBlock?",
      "bedrock-lz:endpoints.codeartifact.apii: is not a setting here; did you mean codeartifact.api?",
      "bedrock-lz:permissionBoundary: must be a map of its settings (enabled, policyArn); for example: bedrock-lz:permissionBoundary: { enabled: true }",
      "bedrock-lz:sessionAccess: must be a map of its settings (enabled); for example: bedrock-lz:sessionAccess: { enabled: true }",
      "bedrock-lz:tags: must be a map of tag key to value; for example: bedrock-lz:tags: { CostCenter: ai-poc }",
      "bedrock-lz:tags.Project: is the program's own tag Project",
      'bedrock-lz:vpc.cidrBlock: "8.8.0.0/16" is a public address range.',
    ])
      ok(page.includes(said), said);
    const ja = await renderMistakes("ja");
    ok(ja.includes("bedrock-lz:vpc.cidrBlok: ここでは使えない設定です。cidrBlock の誤りではありませんか"));
    deepStrictEqual(
      ja.split("\n").filter((line) => line.startsWith("## ")).length,
      page.split("\n").filter((line) => line.startsWith("## ")).length,
    );
  });
});
