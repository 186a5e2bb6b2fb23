/**
 * The Japanese docs: every `.ja.md` twin mirrors its English page, the Japanese README sends readers to
 * the twins, and every Japanese text uses the one term docs/glossary.md fixes for each concept.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { REPO_ROOT } from "../support";
import { forbiddenUses, glossary } from "./glossary";
import { anchor, commands, headingLevels, headings, links } from "./markdown";

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

/** Every English page with a Japanese twin, as repository paths. */
const TWINS: [english: string, japanese: string][] = [
  ["README.md", "README.ja.md"],
  ...readdirSync(join(REPO_ROOT, "docs"))
    .filter((file) => file.endsWith(".ja.md"))
    .map((file): [string, string] => [`docs/${file.replace(/\.ja\.md$/, ".md")}`, `docs/${file}`]),
];

/** The docs README.ja.md must send a Japanese reader to in Japanese. */
const TRANSLATED = ["deployment", "security", "operator", "plan", "pipeline", "configuration"];

/** A page written in both languages in one file: its Japanese half starts at this heading. */
const BILINGUAL: Record<string, string> = { "docs/municipality.md": "## 日本語" };

/** Every Japanese text of the repository, by path (the bilingual page reduced to its Japanese half). */
function japaneseTexts(): [path: string, text: string][] {
  return [
    ...TWINS.map(([, japanese]): [string, string] => [japanese, read(japanese)]),
    ...Object.entries(BILINGUAL).map(([path, start]): [string, string] => {
      const text = read(path);
      ok(text.includes(`\n${start}\n`), `${path} has a "${start}" heading`);
      const cut = text.indexOf(`\n${start}\n`);
      // Blank lines in place of the English half keep the line numbers of a failure true.
      return [path, "\n".repeat(text.slice(0, cut).split("\n").length - 1) + text.slice(cut)];
    }),
  ];
}

describe("Japanese docs", () => {
  it("pair every twin the glossary-governed texts include", () => {
    // Guards the list itself: a twin that silently dropped out would skip every check below.
    for (const name of TRANSLATED)
      ok(
        TWINS.some(([english]) => english === `docs/${name}.md`),
        `docs/${name}.ja.md`,
      );
    ok(TWINS.some(([english]) => english === "README.md"));
    for (const [english] of TWINS) ok(existsSync(join(REPO_ROOT, english)), english);
  });

  for (const [english, japanese] of TWINS) {
    describe(`${english} / ${japanese}`, () => {
      it("have the same headings per level, in order", () => {
        deepStrictEqual(headingLevels(read(japanese)), headingLevels(read(english)));
      });

      it("give the same commands in their code blocks", () => {
        deepStrictEqual(commands(read(japanese)), commands(read(english)));
      });

      it("link to each other in their first lines", () => {
        const [en, ja] = [english, japanese].map((path) => read(path).split("\n").slice(0, 4).join("\n"));
        ok(en.includes(`](${japanese.replace(/^docs\//, "")})`), `${english} links to ${japanese} at the top`);
        ok(ja.includes(`](${english.replace(/^docs\//, "")})`), `${japanese} links to ${english} at the top`);
      });
    });
  }

  it("README.ja.md links the Japanese twin of every translated doc, never the English page", () => {
    const targets = links(read("README.ja.md")).map((link) => link.target.replace(/#.*$/, ""));
    for (const name of TRANSLATED) {
      ok(existsSync(join(REPO_ROOT, "docs", `${name}.ja.md`)), `docs/${name}.ja.md exists`);
      ok(targets.includes(`docs/${name}.ja.md`), `README.ja.md links docs/${name}.ja.md`);
      ok(!targets.includes(`docs/${name}.md`), `README.ja.md links docs/${name}.md instead of its twin`);
    }
  });

  it("Japanese pages link twins where they exist, say 英語のみ where they do not, and every anchor resolves", () => {
    const problems: string[] = [];
    for (const [, japanese] of TWINS) {
      const ownTwin = resolve(REPO_ROOT, japanese.replace(/\.ja\.md$/, ".md"));
      for (const link of links(read(japanese))) {
        if (/^[a-z]+:/.test(link.target)) continue;
        const [file, hash] = link.target.split("#");
        const path = file === "" ? resolve(REPO_ROOT, japanese) : resolve(REPO_ROOT, dirname(japanese), file);
        const where = `${japanese} → ${link.target}`;
        if (!existsSync(path)) {
          problems.push(`${where}: no such file`);
          continue;
        }
        if (hash && path.endsWith(".md")) {
          const anchors = headings(readFileSync(path, "utf8")).map((heading) => anchor(heading.text));
          if (!anchors.includes(hash)) problems.push(`${where}: no heading with this anchor`);
        }
        if (!path.endsWith(".md") || path.endsWith(".ja.md") || path === ownTwin) continue;
        const twin = path.replace(/\.md$/, ".ja.md");
        const repoPath = relative(REPO_ROOT, path);
        if (existsSync(twin)) problems.push(`${where}: link the twin ${relative(REPO_ROOT, twin)}`);
        else if (!(repoPath in BILINGUAL) && repoPath !== "docs/glossary.md" && !link.after.includes("英語のみ"))
          problems.push(`${where}: English only, say 英語のみ after the link`);
      }
    }
    deepStrictEqual(problems, []);
  });

  describe("glossary (docs/glossary.md)", () => {
    const terms = glossary(read("docs/glossary.md"));

    it("fixes one Japanese term per concept, none of which is another's forbidden variant", () => {
      ok(terms.length >= 30, `${terms.length} terms`);
      for (const concept of ["invoke role", "client role", "endpoint lock", "org guardrails", "Bedrock guardrail"])
        ok(
          terms.some((term) => term.english.startsWith(concept)),
          concept,
        );
      const invokeRole = terms.find((term) => term.english === "invoke role")!;
      deepStrictEqual(invokeRole.japanese, "呼び出しロール");
      ok(invokeRole.forbidden.includes("呼び出し用ロール"));
      const clash = terms.flatMap((term) =>
        terms.flatMap((other) => other.forbidden.filter((variant) => term.japanese.includes(variant))),
      );
      deepStrictEqual(clash, []);
    });

    it("is used by every Japanese text: no forbidden variant appears", () => {
      deepStrictEqual(forbiddenUses(japaneseTexts(), terms), []);
    });

    it("would catch a forbidden variant", () => {
      const broken: [string, string][] = [["broken.ja.md", "事業者の呼び出し用ロールを引き受けます。"]];
      deepStrictEqual(forbiddenUses(broken, terms), ['broken.ja.md:1: "呼び出し用ロール" (use "呼び出しロール")']);
    });
  });
});
