/**
 * Generates the key tables of docs/configuration.md from the zod schema (through zod's own JSON
 * Schema export, which carries each key's `.meta({ description })`), so the reference cannot
 * drift from what the program accepts: `npm run docs:config` rewrites them, and a spec fails
 * when the file is stale or a key of the schema has no description.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CONFIG_NAMESPACE, stackSchema } from "../infra/config";
import { ENDPOINT_CATALOG, ENDPOINT_KEYS } from "../infra/endpoints";
import { parseCommandLine, runCommand } from "../harness/cli";

type JsonSchema = {
  type?: string;
  description?: string;
  const?: unknown;
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
  /** Generated text appended to the description. */
  readonly note?: string;
}

/** `pulumi config set --path` syntax: keys with dots are quoted in brackets. */
function joinPath(path: string, key: string): string {
  const segment = key.includes(".") ? `["${key}"]` : key;
  if (!path) return segment;
  return segment.startsWith("[") ? `${path}${segment}` : `${path}.${segment}`;
}

function typeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" \\| ");
  if (schema.type === "number" || schema.type === "integer") {
    return schema.minimum !== undefined && schema.maximum !== undefined
      ? `number ${schema.minimum}–${schema.maximum}`
      : "number";
  }
  if (schema.type === "array") return `list of ${schema.items ? typeOf(schema.items) : "values"}`;
  if (schema.type === "object") return "map";
  return schema.type ?? "value";
}

function leafRows(schema: JsonSchema, path: string, required: boolean): ConfigKeyRow[] {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const [first] = alternatives;
    return leafRows({ ...first, description: first.description ?? schema.description }, path, required);
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
      type: typeOf(schema),
      default: schema.default === undefined ? "" : `\`${JSON.stringify(schema.default)}\``,
      required: required && schema.default === undefined,
      description: schema.description,
      signature: JSON.stringify(schema),
    },
  ];
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

/**
 * Per-endpoint keys collapse into one `endpoints.<key>.…` row each; the keys and their defaults
 * come from the endpoint catalog.
 */
function collapseEndpointRows(rows: readonly ConfigKeyRow[]): ConfigKeyRow[] {
  const keys = ENDPOINT_KEYS.map(
    (key) =>
      `\`${key}\` (${ENDPOINT_CATALOG[key].kind.toLowerCase()}, ${ENDPOINT_CATALOG[key].enabledByDefault ? "on" : "off"})`,
  ).join(", ");
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
        default: isEnabled ? "per endpoint" : "`true`",
        note: isEnabled
          ? ` Keys (quote the dotted ones: \`endpoints["codeartifact.api"]\`): ${keys}.`
          : " Interface endpoints only.",
      });
    }
  }
  return collapsed;
}

function wildcardPath(path: string): string {
  return path.replace(/^endpoints(?:\.[\w-]+|\["[^"]+"\])\./, "endpoints.<key>.");
}

function table(rows: readonly ConfigKeyRow[]): string {
  const lines = collapseEndpointRows(rows)
    .filter((row) => row.path !== "account")
    .map((row) => {
      const fallback = row.required ? "**required**" : "none";
      const meaning = `${row.description ?? "(undocumented)"}${row.note ?? ""}`;
      return `| \`${keyOf(row.path)}\` | ${row.type} | ${row.default || fallback} | ${meaning} |`;
    });
  return ["| key | type | default | meaning |", "|---|---|---|---|", ...lines].join("\n");
}

/** The generated part of docs/configuration.md. */
export function renderConfigReference(): string {
  const { operator, municipality } = configKeyRows();
  const shared = new Set(
    operator
      .filter((o) => municipality.some((m) => m.path === o.path && m.signature === o.signature))
      .map((r) => r.path),
  );
  return [
    "### Keys of both stacks",
    "",
    "`bedrock-lz:account` (**required**) is `operator` or `municipality` and picks the table below that applies.",
    "",
    table(operator.filter((row) => shared.has(row.path))),
    "",
    "### Operator stack (`bedrock-lz:account: operator`)",
    "",
    table(operator.filter((row) => !shared.has(row.path))),
    "",
    "### Municipality stack (`bedrock-lz:account: municipality`)",
    "",
    table(municipality.filter((row) => !shared.has(row.path))),
  ].join("\n");
}

export const REFERENCE_DOC = join(__dirname, "..", "docs", "configuration.md");
const BEGIN = "<!-- config-reference:begin (generated by npm run docs:config; do not edit) -->";
const END = "<!-- config-reference:end -->";

export function withReference(doc: string, reference: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${REFERENCE_DOC} has no ${BEGIN} ... ${END} section`);
  return `${doc.slice(0, start + BEGIN.length)}\n\n${reference}\n\n${doc.slice(end)}`;
}

export const USAGE = `usage: npm run docs:config

Rewrites the generated key tables of docs/configuration.md from the schema (infra/config/).
  --help   this text`;

/** The whole command, for the entry point and in-process specs. */
export function docsConfigCommand(argv: readonly string[], doc: string = REFERENCE_DOC): Promise<number> {
  return runCommand("docs:config", USAGE, () => {
    parseCommandLine(argv, {});
    writeFileSync(doc, withReference(readFileSync(doc, "utf8"), renderConfigReference()));
    process.stdout.write(`wrote ${doc}\n`);
    return 0;
  });
}

if (require.main === module) {
  docsConfigCommand(process.argv.slice(2)).then((code) => process.exit(code));
}
