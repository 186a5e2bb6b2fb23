/**
 * The schema's `.meta({ description, descriptionJa })` is what docs/configuration.md and
 * docs/configuration.ja.md show for each key (reference/config-reference.ts renders them): every key
 * keeps both texts, and the rendered tables are the ones the docs ship.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  REFERENCE_DOCS,
  descriptionProblems,
  renderConfigReference,
  withReference,
} from "../../../reference/config-reference";

describe("config: each key's description, as the configuration reference shows it", () => {
  it("describes every key in English and Japanese", () => {
    deepStrictEqual(descriptionProblems(), []);
  });

  for (const lang of ["en", "ja"] as const) {
    it(`${lang}: the reference rendered from the schema is the one docs/ ships`, () => {
      const doc = readFileSync(REFERENCE_DOCS[lang], "utf8");
      strictEqual(withReference(doc, renderConfigReference(lang), REFERENCE_DOCS[lang]), doc);
    });
  }
});
