/**
 * Generates the key tables of docs/configuration.md and docs/configuration.ja.md from the zod
 * schema (through zod's own JSON Schema export, which carries each key's
 * `.meta({ description, descriptionJa })`), so neither reference can drift from what the program
 * accepts: `npm run docs:config` rewrites both, and a spec fails when a file is stale or a key of
 * the schema lacks its text in either language.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { z } from "zod";
import { CONFIG_NAMESPACE, stackSchema } from "../infra/config";
import { ENDPOINT_CATALOG, ENDPOINT_KEYS } from "../infra/endpoints";
import { parseCommandLine, runCommand } from "../harness/cli";
import { MISTAKES_DOCS, renderMistakes } from "./mistakes";

type JsonSchema = {
  type?: string;
  description?: string;
  descriptionJa?: string;
  /** Which characters a free-text key allows (infra/config/characters.ts). */
  characters?: Readonly<Record<Lang, string>>;
  const?: unknown;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};

export interface ConfigKeyRow {
  /** Path below the namespace, e.g. `municipalities.<name>.accountId`. */
  readonly path: string;
  readonly type: string;
  readonly default: string;
  readonly required: boolean;
  /** Stable identity of the schema, to tell shared keys from per-account ones. */
  readonly signature: string;
  /** The key's description, from the schema's metadata. */
  readonly description?: string;
  /** Its Japanese twin, `descriptionJa` in the same metadata. */
  readonly descriptionJa?: string;
  /** Which characters the key allows, per language, from its metadata. */
  readonly characters?: Readonly<Record<Lang, string>>;
  /** Generated text appended to the description, per language. */
  readonly note?: Readonly<Record<Lang, string>>;
  /** Generated default, per language, in place of the schema's. */
  readonly defaultText?: Readonly<Record<Lang, string>>;
  /** The schema node, to render its type in either language. */
  readonly schema: JsonSchema;
}

export type Lang = "en" | "ja";

/** `pulumi config set --path` syntax: keys with dots are quoted in brackets. */
function joinPath(path: string, key: string): string {
  const segment = key.includes(".") ? `["${key}"]` : key;
  if (!path) return segment;
  return segment.startsWith("[") ? `${path}${segment}` : `${path}.${segment}`;
}

function typeOf(schema: JsonSchema, lang: Lang): string {
  const words = TEXT[lang].types;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" \\| ");
  if (schema.type === "number" || schema.type === "integer") {
    return schema.minimum !== undefined && schema.maximum !== undefined
      ? `${words.number} ${schema.minimum}–${schema.maximum}`
      : words.number;
  }
  if (schema.type === "array") return words.listOf(schema.items ? typeOf(schema.items, lang) : words.value);
  if (schema.type === "object") return words.map;
  if (schema.type === "string") return words.string;
  if (schema.type === "boolean") return words.boolean;
  return schema.type ?? words.value;
}

function leafRows(schema: JsonSchema, path: string, required: boolean): ConfigKeyRow[] {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives && alternatives.every((alternative) => alternative.const !== undefined || alternative.enum)) {
    // A union of literals (`60 | 300 | 900 | 3600`) is one key whose value is one of them: its
    // type lists them all, and its default is the union's own.
    const { oneOf: _oneOf, anyOf: _anyOf, ...key } = schema;
    return leafRows(
      { ...key, enum: alternatives.flatMap((alternative) => alternative.enum ?? [alternative.const]) },
      path,
      required,
    );
  }
  if (alternatives) {
    const [first] = alternatives;
    return leafRows(
      {
        ...first,
        description: first.description ?? schema.description,
        descriptionJa: first.descriptionJa ?? schema.descriptionJa,
        characters: first.characters ?? schema.characters,
      },
      path,
      required,
    );
  }
  if (schema.type === "object" && schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, child]) =>
      leafRows(child, joinPath(path, key), required && (schema.required ?? []).includes(key)),
    );
  }
  if (
    schema.type === "object" &&
    typeof schema.additionalProperties === "object" &&
    schema.additionalProperties.properties
  ) {
    const placeholder = path === "municipalities" ? "<name>" : "<key>";
    return leafRows(schema.additionalProperties, `${path}.${placeholder}`, true);
  }
  return [
    {
      path,
      type: typeOf(schema, "en"),
      default: schema.default === undefined ? "" : `\`${JSON.stringify(schema.default)}\``,
      required: required && schema.default === undefined,
      description: schema.description,
      descriptionJa: schema.descriptionJa,
      characters: schema.characters,
      signature: JSON.stringify(schema),
      schema,
    },
  ];
}

/** The rows of any schema's keys, with their types and defaults as the reference renders them. */
export function keyRowsOf(schema: z.core.$ZodType): ConfigKeyRow[] {
  return leafRows(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema, "", true);
}

/** Every key of each account kind, in schema order. */
export function configKeyRows(): Record<"operator" | "municipality", ConfigKeyRow[]> {
  const schema = z.toJSONSchema(stackSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const [operator, municipality] = schema.oneOf!;
  return {
    operator: leafRows({ ...operator, required: [...(operator.required ?? [])] }, "", true),
    municipality: leafRows({ ...municipality, required: [...(municipality.required ?? [])] }, "", true),
  };
}

function keyOf(path: string): string {
  return path === "region" ? "aws:region" : `${CONFIG_NAMESPACE}:${path}`;
}

/** Everything the generator writes besides the schema's descriptions, in both languages. */
const TEXT = {
  en: {
    types: {
      number: "number",
      string: "string",
      boolean: "boolean",
      map: "map",
      value: "values",
      listOf: (item: string) => `list of ${item}`,
    },
    header: ["| key | type | default | meaning |", "|---|---|---|---|"],
    required: "**required**",
    none: "none",
    undocumented: "(undocumented)",
    characters: "Characters:",
    perEndpoint: "per endpoint",
    endpointKey: (key: string, kind: string, on: boolean) => `\`${key}\` (${kind.toLowerCase()}, ${on ? "on" : "off"})`,
    endpointKeys: (keys: string[]) =>
      ` Keys (quote the dotted ones: \`endpoints["codeartifact.api"]\`): ${keys.join(", ")}.`,
    interfaceOnly: " Interface endpoints only.",
    both: "### Keys of both stacks",
    account:
      "`bedrock-lz:account` (**required**) is `operator` or `municipality` and picks the table below that applies.",
    operator: "### Operator stack (`bedrock-lz:account: operator`)",
    municipality: "### Municipality stack (`bedrock-lz:account: municipality`)",
  },
  ja: {
    types: {
      number: "数値",
      string: "文字列",
      boolean: "真偽値",
      map: "マップ",
      value: "値",
      listOf: (item: string) => `${item}のリスト`,
    },
    header: ["| キー | 型 | 既定値 | 意味 |", "|---|---|---|---|"],
    required: "**必須**",
    none: "なし",
    undocumented: "(説明なし)",
    characters: "使える文字:",
    perEndpoint: "エンドポイントごと",
    endpointKey: (key: string, kind: string, on: boolean) =>
      `\`${key}\`(${kind === "Interface" ? "インターフェース" : "ゲートウェイ"}、${on ? "on" : "off"})`,
    endpointKeys: (keys: string[]) =>
      `キー(ドットを含むキーは引用符と角括弧で書きます: \`endpoints["codeartifact.api"]\`): ${keys.join("、")}。`,
    interfaceOnly: "インターフェースエンドポイントだけです。",
    both: "### 両方のスタックのキー",
    account:
      "`bedrock-lz:account`(**必須**)は `operator` か `municipality` で、下のどちらの表のキーを使うかを決めます。",
    operator: "### 事業者スタック(`bedrock-lz:account: operator`)",
    municipality: "### 自治体スタック(`bedrock-lz:account: municipality`)",
  },
} as const;

const bothLanguages = <T>(text: (lang: Lang) => T): Record<Lang, T> => ({ en: text("en"), ja: text("ja") });

/**
 * Per-endpoint keys collapse into one `endpoints.<key>.…` row each; the keys and their defaults
 * come from the endpoint catalog.
 */
function collapseEndpointRows(rows: readonly ConfigKeyRow[]): ConfigKeyRow[] {
  const keys = (lang: Lang) =>
    ENDPOINT_KEYS.map((key) =>
      TEXT[lang].endpointKey(key, ENDPOINT_CATALOG[key].kind, ENDPOINT_CATALOG[key].enabledByDefault),
    );
  const seen = new Set<string>();
  const collapsed: ConfigKeyRow[] = [];
  for (const row of rows) {
    const wildcard = wildcardPath(row.path);
    if (wildcard === row.path) {
      collapsed.push(row);
    } else if (!seen.has(wildcard)) {
      seen.add(wildcard);
      const isEnabled = wildcard.endsWith(".enabled");
      collapsed.push({
        ...row,
        path: wildcard,
        defaultText: isEnabled ? bothLanguages((lang) => TEXT[lang].perEndpoint) : { en: "`true`", ja: "`true`" },
        note: bothLanguages((lang) => (isEnabled ? TEXT[lang].endpointKeys(keys(lang)) : TEXT[lang].interfaceOnly)),
      });
    }
  }
  return collapsed;
}

function wildcardPath(path: string): string {
  return path.replace(/^endpoints(?:\.[\w-]+|\["[^"]+"\])\./, "endpoints.<key>.");
}

function table(rows: readonly ConfigKeyRow[], lang: Lang): string {
  const text = TEXT[lang];
  const lines = collapseEndpointRows(rows)
    .filter((row) => row.path !== "account")
    .map((row) => {
      const fallback = row.required ? text.required : text.none;
      const description = lang === "ja" ? row.descriptionJa : row.description;
      const characters = row.characters === undefined ? "" : ` ${text.characters} ${row.characters[lang]}`;
      const meaning = `${description ?? text.undocumented}${characters}${row.note?.[lang] ?? ""}`;
      const defaultValue = row.defaultText?.[lang] ?? (row.default || fallback);
      return `| \`${keyOf(row.path)}\` | ${typeOf(row.schema, lang)} | ${defaultValue} | ${meaning} |`;
    });
  return [...text.header, ...lines].join("\n");
}

/** The generated part of docs/configuration.md (`en`) or docs/configuration.ja.md (`ja`). */
export function renderConfigReference(lang: Lang = "en"): string {
  const text = TEXT[lang];
  const { operator, municipality } = configKeyRows();
  const shared = new Set(
    operator
      .filter((o) => municipality.some((m) => m.path === o.path && m.signature === o.signature))
      .map((r) => r.path),
  );
  return [
    text.both,
    "",
    text.account,
    "",
    table(
      operator.filter((row) => shared.has(row.path)),
      lang,
    ),
    "",
    text.operator,
    "",
    table(
      operator.filter((row) => !shared.has(row.path)),
      lang,
    ),
    "",
    text.municipality,
    "",
    table(
      municipality.filter((row) => !shared.has(row.path)),
      lang,
    ),
  ].join("\n");
}

/** Every row the references document (`account` is explained in prose). */
export function documentedRows(): ConfigKeyRow[] {
  const { operator, municipality } = configKeyRows();
  return [...operator, ...municipality].filter((row) => row.path !== "account");
}

const CONFIG_DIR = join(__dirname, "..", "infra", "config");

/** The infra/config file that holds a description, so a failure can say where to add its twin. */
function sourceFileOf(description: string | undefined): string {
  const files = (readdirSync(CONFIG_DIR, { recursive: true }) as string[])
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(CONFIG_DIR, file));
  // The longest run without quotes or escapes is written verbatim in the source.
  const probe = [...(description ?? "").matchAll(/[^"'`\\$]{12,}/g)]
    .map((run) => run[0].slice(0, 40))
    .sort((a, b) => b.length - a.length)[0];
  const file = probe && files.find((path) => readFileSync(path, "utf8").includes(probe));
  return file ? relative(join(__dirname, ".."), file) : "infra/config/";
}

/**
 * What keeps either reference from being complete, one line per key that names it and says what to
 * add where: a missing `description` or `descriptionJa`, a Japanese text with no Japanese in it, an
 * identifier (a backticked span) of the English text missing from the Japanese, or a text that
 * would break its table cell.
 */
export function descriptionProblems(rows: readonly ConfigKeyRow[] = documentedRows()): string[] {
  const problems = new Set<string>();
  const fix = (row: ConfigKeyRow) =>
    `add it in ${sourceFileOf(row.description)}: .meta({ description: "…", descriptionJa: "…" }) on the key, ` +
    "the Japanese in docs/glossary.md's terms with config keys and identifiers verbatim in backticks; " +
    "then run npm run docs:config";
  for (const row of rows) {
    const key = keyOf(wildcardPath(row.path));
    if (!row.description?.trim()) problems.add(`${key} has no description: ${fix(row)}`);
    if (!row.descriptionJa?.trim()) problems.add(`${key} has no Japanese description (descriptionJa): ${fix(row)}`);
    else if (!/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(row.descriptionJa))
      problems.add(`${key}: descriptionJa has no Japanese in it: ${fix(row)}`);
    for (const [lang, text] of [
      ["description", row.description],
      ["descriptionJa", row.descriptionJa],
    ] as const) {
      // A line break or a bare pipe would split the generated Markdown table row.
      if (text !== undefined && /[\n|]/.test(text))
        problems.add(`${key}: ${lang} has a line break or a | that would split its table row`);
    }
    if (isFreeText(row.schema) && row.characters === undefined)
      problems.add(
        `${key} takes free text but does not say which characters: add .meta({ characters }) from infra/config/characters.ts (${sourceFileOf(row.description)})`,
      );
    if (row.characters !== undefined && /[\n|]/.test(`${row.characters.en}${row.characters.ja}`))
      problems.add(`${key}: characters has a line break or a | that would split its table row`);
    const identifiers = [...(row.description ?? "").matchAll(/`[^`]+`/g)].map((match) => match[0]);
    const dropped = identifiers.filter((code) => row.descriptionJa !== undefined && !row.descriptionJa.includes(code));
    if (dropped.length > 0)
      problems.add(
        `${key}: descriptionJa lacks ${dropped.join(", ")} that description has; keep identifiers verbatim (${sourceFileOf(row.description)})`,
      );
  }
  return [...problems];
}

/** A string (or list or map of strings) the user writes freely: no fixed values, no pattern, no format. */
function isFreeText(schema: JsonSchema): boolean {
  const value =
    schema.type === "array"
      ? schema.items
      : schema.type === "object" && typeof schema.additionalProperties === "object"
        ? schema.additionalProperties
        : schema;
  return (
    value?.type === "string" && value.enum === undefined && value.const === undefined && value.pattern === undefined
  );
}

const DOCS_DIR = join(__dirname, "..", "docs");
export const REFERENCE_DOCS: Readonly<Record<Lang, string>> = {
  en: join(DOCS_DIR, "configuration.md"),
  ja: join(DOCS_DIR, "configuration.ja.md"),
};
/** The English reference, kept for callers that know only one. */
export const REFERENCE_DOC = REFERENCE_DOCS.en;
const BEGIN = "<!-- config-reference:begin (generated by npm run docs:config; do not edit) -->";
const END = "<!-- config-reference:end -->";

export function withReference(doc: string, reference: string, path: string = REFERENCE_DOC): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${BEGIN} ... ${END} section`);
  return `${doc.slice(0, start + BEGIN.length)}\n\n${reference}\n\n${doc.slice(end)}`;
}

export const USAGE = `usage: npm run docs:config

Rewrites the generated key tables of docs/configuration.md and docs/configuration.ja.md from the
schema (infra/config/), and docs/mistakes.md and docs/mistakes.ja.md from the examples in
reference/mistakes.ts run through the tools; stops, naming each key, while a key lacks its English
or Japanese text.
  --help   this text`;

/** The whole command, for the entry point and in-process specs (which pass copies of the docs). */
export function docsConfigCommand(
  argv: readonly string[],
  docs: Readonly<Record<Lang, string>> = REFERENCE_DOCS,
  mistakes: Readonly<Record<Lang, string>> = MISTAKES_DOCS,
): Promise<number> {
  return runCommand("docs:config", USAGE, async () => {
    parseCommandLine(argv, {});
    const problems = descriptionProblems();
    if (problems.length > 0) {
      process.stderr.write(`config keys without their text:
${problems
  .map(
    (p) => `  - ${p}
`,
  )
  .join("")}`);
      return 1;
    }
    for (const lang of ["en", "ja"] as const) {
      const path = docs[lang];
      writeFileSync(path, withReference(readFileSync(path, "utf8"), renderConfigReference(lang), REFERENCE_DOCS[lang]));
      process.stdout.write(`wrote ${path}
`);
    }
    for (const lang of ["en", "ja"] as const) {
      writeFileSync(mistakes[lang], await renderMistakes(lang));
      process.stdout.write(`wrote ${mistakes[lang]}
`);
    }
    return 0;
  });
}

if (require.main === module) {
  docsConfigCommand(process.argv.slice(2)).then((code) => process.exit(code));
}
