import { deepStrictEqual, ok } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support";
import { commands, headingLevels } from "./markdown";

const english = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const japanese = readFileSync(join(REPO_ROOT, "README.ja.md"), "utf8");

describe("README.md and README.ja.md", () => {
  it("have the same sections", () => {
    deepStrictEqual(headingLevels(japanese), headingLevels(english));
  });

  it("give the same commands, the two first-screen ones first", () => {
    deepStrictEqual(commands(japanese), commands(english));
    deepStrictEqual(commands(english).slice(0, 2), ["npm ci && npm run plan", "npm ci && npm test"]);
  });

  it("name only npm scripts that exist", () => {
    const scripts = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    for (const match of `${english}\n${japanese}`.matchAll(/npm run ([\w:-]+)/g)) {
      ok(match[1] in scripts, `npm run ${match[1]}`);
    }
  });
});
