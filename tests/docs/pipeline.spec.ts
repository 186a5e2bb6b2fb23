/** docs/pipeline.md and its Japanese twin say the same things and name what the code names. */
import { deepStrictEqual, ok } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { policyPackArgs } from "../../crossguard/pack";
import { REPO_ROOT } from "../support";
import { commands, headingLevels } from "./markdown";

const english = readFileSync(join(REPO_ROOT, "docs", "pipeline.md"), "utf8");
const japanese = readFileSync(join(REPO_ROOT, "docs", "pipeline.ja.md"), "utf8");

function shape(markdown: string) {
  const lines = markdown.split("\n");
  return {
    headings: headingLevels(markdown),
    commands: commands(markdown),
    tableRows: lines.filter((line) => /^\s*\|/.test(line)).length,
    codeBlocks: lines.filter((line) => line.startsWith("```")).length,
    backticked: new Set(markdown.match(/`[A-Za-z_][\w.:/-]*`/g)),
  };
}

describe("pipeline docs (EN / JA)", () => {
  it("have the same headings, tables and code blocks", () => {
    const [en, ja] = [shape(english), shape(japanese)];
    deepStrictEqual(ja.headings, en.headings);
    deepStrictEqual(ja.tableRows, en.tableRows);
    deepStrictEqual(ja.codeBlocks, en.codeBlocks);
    deepStrictEqual(ja.commands, en.commands);
  });

  it("name every identifier the other one names", () => {
    const [en, ja] = [shape(english).backticked, shape(japanese).backticked];
    deepStrictEqual(
      [...en].filter((name) => !ja.has(name)),
      [],
    );
    deepStrictEqual(
      [...ja].filter((name) => !en.has(name)),
      [],
    );
  });

  it("document every policy of the pack and every repository variable of the workflows", () => {
    const workflows = ["pull-request.yml", "deploy.yml"]
      .map((file) => readFileSync(join(REPO_ROOT, ".github", "workflows", file), "utf8"))
      .join("\n");
    const variables = [...new Set([...workflows.matchAll(/vars\.([A-Z_]+)/g)].map((match) => match[1]))];
    ok(variables.length >= 9);
    for (const doc of [english, japanese]) {
      for (const policy of policyPackArgs.policies) ok(doc.includes(`\`${policy.name}\``), policy.name);
      for (const variable of variables) ok(doc.includes(`\`${variable}\``), variable);
    }
  });
});
