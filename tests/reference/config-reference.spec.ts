import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { REFERENCE_DOC, configKeyRows, renderConfigReference, withReference } from "../../reference/config-reference";

describe("configuration reference (docs/configuration.md)", () => {
  const rows = configKeyRows();
  const keys = [...rows.operator, ...rows.municipality].filter((row) => row.path !== "account");

  it("describes every key the schema accepts (.meta({ description }) on the schema)", () => {
    deepStrictEqual(
      keys.filter((row) => row.description === undefined || row.description.trim() === "").map((row) => row.path),
      [],
      "give these keys a description in infra/config/",
    );
  });

  it("keeps each description to one table cell", () => {
    // A line break or a bare pipe would split the generated Markdown table row.
    deepStrictEqual(
      keys.filter((row) => /[\n|]/.test(row.description ?? "")).map((row) => row.path),
      [],
    );
  });

  it("is up to date with the schema (run npm run docs:config)", () => {
    const doc = readFileSync(REFERENCE_DOC, "utf8");
    strictEqual(doc, withReference(doc, renderConfigReference()));
  });
});
