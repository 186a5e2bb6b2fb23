import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CONFIG_DESCRIPTIONS } from "../../reference/descriptions";
import {
  REFERENCE_DOC,
  configKeyRows,
  descriptionOf,
  renderConfigReference,
  withReference,
} from "../../reference/config-reference";

describe("configuration reference (docs/configuration.md)", () => {
  const rows = configKeyRows();
  const paths = [...rows.operator, ...rows.municipality].map((row) => row.path).filter((path) => path !== "account");

  it("describes every key the schema accepts", () => {
    deepStrictEqual(
      paths.filter((path) => descriptionOf(path) === undefined),
      [],
      "add these keys to reference/descriptions.ts",
    );
  });

  it("describes no key the schema does not accept", () => {
    const described = Object.keys(CONFIG_DESCRIPTIONS);
    const matched = new Set(
      paths.map((path) =>
        CONFIG_DESCRIPTIONS[path] !== undefined
          ? path
          : path.replace(/^endpoints(?:\.[\w-]+|\["[^"]+"\])\./, "endpoints.<key>."),
      ),
    );
    deepStrictEqual(
      described.filter((key) => !matched.has(key)),
      [],
      "stale keys in reference/descriptions.ts",
    );
  });

  it("is up to date with the schema (run npm run docs:config)", () => {
    const doc = readFileSync(REFERENCE_DOC, "utf8");
    strictEqual(doc, withReference(doc, renderConfigReference()));
  });
});
