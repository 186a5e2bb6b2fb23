import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  REFERENCE_DOCS,
  configKeyRows,
  descriptionProblems,
  keyRowsOf,
  documentedRows,
  renderConfigReference,
  withReference,
} from "../../reference/config-reference";

describe("configuration reference (docs/configuration.md, docs/configuration.ja.md)", () => {
  const rows = configKeyRows();
  const keys = [...rows.operator, ...rows.municipality].filter((row) => row.path !== "account");

  it("describes every key the schema accepts, in English and Japanese (.meta({ description, descriptionJa }))", () => {
    // Each line names the key and the infra/config file to add its text in.
    deepStrictEqual(descriptionProblems(), []);
  });

  it("reads both descriptions from the schema", () => {
    ok(keys.length > 60, `${keys.length} keys`);
    const region = keys.find((row) => row.path === "region")!;
    match(region.description!, /Tokyo or Osaka/);
    match(region.descriptionJa!, /東京か大阪/);
  });

  for (const lang of ["en", "ja"] as const) {
    it(`${lang}: is up to date with the schema (run npm run docs:config)`, () => {
      const doc = readFileSync(REFERENCE_DOCS[lang], "utf8");
      strictEqual(doc, withReference(doc, renderConfigReference(lang), REFERENCE_DOCS[lang]));
    });
  }

  it("ja: renders every key of the English reference, verbatim, in the same order", () => {
    const keysOf = (markdown: string) => [...markdown.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    const en = keysOf(renderConfigReference("en"));
    ok(en.length > 60);
    deepStrictEqual(keysOf(renderConfigReference("ja")), en);
  });
});

describe("configuration reference: what a key without its text is told", () => {
  // What a helper adding a key with only `description` would produce, on a real key of the schema.
  const row = documentedRows().find((r) => r.path === "vpc.availabilityZoneCount")!;

  it("names the key, the file to add descriptionJa in, and the command to run", () => {
    deepStrictEqual(descriptionProblems([{ ...row, descriptionJa: undefined }]), [
      "bedrock-lz:vpc.availabilityZoneCount has no Japanese description (descriptionJa): add it in " +
        'infra/config/municipality.ts: .meta({ description: "…", descriptionJa: "…" }) on the key, ' +
        "the Japanese in docs/glossary.md's terms with config keys and identifiers verbatim in backticks; " +
        "then run npm run docs:config",
    ]);
  });

  it("rejects a Japanese text that is English, drops an identifier, or breaks its table cell", () => {
    const withCode = documentedRows().find((r) => r.path === "operatorRoleArn")!;
    const problems = [
      ...descriptionProblems([{ ...row, descriptionJa: row.description }]),
      ...descriptionProblems([{ ...withCode, descriptionJa: "事業者の呼び出しロールの ARN。" }]),
      ...descriptionProblems([{ ...row, descriptionJa: `${row.descriptionJa} | 追記` }]),
    ];
    deepStrictEqual(
      problems.map((problem) => problem.slice(0, 80)),
      [
        "bedrock-lz:vpc.availabilityZoneCount: descriptionJa has no Japanese in it: add i",
        "bedrock-lz:operatorRoleArn: descriptionJa lacks `operatorStack` that description",
        "bedrock-lz:vpc.availabilityZoneCount: descriptionJa has a line break or a | that",
      ],
    );
  });

  it("collapses per-endpoint keys to the key a reader writes", () => {
    const endpoint = documentedRows().find((r) => r.path.startsWith("endpoints.") && r.path.endsWith(".enabled"))!;
    match(
      descriptionProblems([{ ...endpoint, description: undefined }])[0],
      /^bedrock-lz:endpoints\.<key>\.enabled has no description: add it in infra\/config\//,
    );
  });
});

describe("configuration reference: union types", () => {
  it("renders a union of literals as all its values, with the union's default", () => {
    const schema = z.strictObject({
      period: z.union([z.literal(60), z.literal(300), z.literal(3600)]).default(300),
      mode: z.union([z.literal("fast"), z.literal("safe")]).optional(),
      kind: z.union([z.enum(["a", "b"]), z.literal("c")]).default("c"),
    });
    const rows = keyRowsOf(schema).map((row) => [row.path, row.type, row.default]);
    deepStrictEqual(rows, [
      ["period", "60 \\| 300 \\| 3600", "`300`"],
      ["mode", '"fast" \\| "safe"', ""],
      ["kind", '"a" \\| "b" \\| "c"', '`"c"`'],
    ]);
  });
});
