/**
 * The config schema read as data, for messages that have to say more than zod does: which keys an
 * object has (the nearest one to a misspelt key), and what a value of the right shape looks like
 * (a one-line YAML example). Everything is derived from the schema itself: its objects and maps,
 * its defaults, enums and literals, and the JSON Schema `examples` a field's `.meta()` may carry.
 */
import { type z, globalRegistry } from "zod";

type Node = z.core.$ZodType;
type Def = z.core.$ZodTypeDef & Record<string, unknown>;

const defOf = (node: Node): Def => node._zod.def as Def;

/** Wrappers that do not change what a value looks like. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

/** The node that says what a value must look like, under its defaults, optionals and transforms. */
export function unwrap(node: Node): Node {
  for (;;) {
    const def = defOf(node);
    if (WRAPPERS.has(def.type)) node = def.innerType as Node;
    else if (def.type === "pipe") node = def.in as Node;
    else if (def.type === "lazy") node = (def.getter as () => Node)();
    else return node;
  }
}

/** The option of a discriminated union the input chose (`account: operator`), if it chose one. */
function chosenOption(node: Node, input: unknown): Node | undefined {
  const def = defOf(node);
  const discriminator = def.discriminator as string | undefined;
  const options = def.options as Node[];
  if (discriminator === undefined || typeof input !== "object" || input === null) return undefined;
  const value = (input as Record<string, unknown>)[discriminator];
  return options.find((option) => {
    const shape = defOf(unwrap(option)).shape as Record<string, Node> | undefined;
    const literal = shape?.[discriminator] && defOf(unwrap(shape[discriminator]));
    return (literal?.values as unknown[] | undefined)?.includes(value);
  });
}

/**
 * The schema of the value at `path` below `root`, as the input chose it (a discriminated union
 * follows the input's discriminator), or `undefined` when the path leaves the schema.
 */
export function schemaAt(root: Node, path: readonly PropertyKey[], input: unknown): Node | undefined {
  let value = input;
  let node = chosen(unwrap(root), value);
  // The last node keeps its wrappers (its default is the example of a value), unless a union chose an option.
  let wrapped: Node = root;
  for (const segment of path) {
    const def = defOf(node);
    const next =
      def.type === "object"
        ? (def.shape as Record<string, Node>)[String(segment)]
        : def.type === "record"
          ? (def.valueType as Node)
          : def.type === "array"
            ? (def.element as Node)
            : undefined;
    if (next === undefined) return undefined;
    value = typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
    node = chosen(unwrap(next), value);
    wrapped = next;
  }
  return node === unwrap(wrapped) ? wrapped : node;
}

/** A discriminated union resolved to the option the value chose; anything else as it is. */
function chosen(node: Node, value: unknown): Node {
  if (defOf(node).type !== "union") return node;
  const option = chosenOption(node, value);
  return option === undefined ? node : unwrap(option);
}

/** The keys an object schema accepts (none for anything else). */
export function keysOf(node: Node | undefined): string[] {
  if (node === undefined) return [];
  const def = defOf(unwrap(node));
  return def.type === "object" ? Object.keys(def.shape as Record<string, Node>) : [];
}

/** What a value of this schema is: a map with fixed keys, a map with any keys, a list or a single value. */
export type ShapeKind = "object" | "map" | "list" | "value";

export function shapeKindOf(node: Node): ShapeKind {
  const type = defOf(unwrap(node)).type;
  return type === "object" ? "object" : type === "record" ? "map" : type === "array" ? "list" : "value";
}

function metaOf(node: Node): { examples?: unknown[] } | undefined {
  return globalRegistry.get(node) as { examples?: unknown[] } | undefined;
}

/** A wrapper's default, as zod stores it (a value, or a function returning one). */
function defaultOf(node: Node): unknown {
  for (let current = node; ;) {
    const def = defOf(current);
    if (def.type === "default" || def.type === "prefault") {
      const value = def.defaultValue;
      return typeof value === "function" ? (value as () => unknown)() : value;
    }
    if (!WRAPPERS.has(def.type) && def.type !== "pipe") return undefined;
    current = (def.type === "pipe" ? def.in : def.innerType) as Node;
  }
}

/**
 * A field type with the example its messages show (JSON Schema `examples`, which `.meta()` on the
 * mounted key inherits). Registered without descriptions: those belong to the key it is mounted as
 * (./meta.ts makes a description without its Japanese a type error there).
 */
export function withExample<T extends z.core.$ZodType>(schema: T, example: unknown): T {
  globalRegistry.add(schema, { examples: [example] } as unknown as z.core.GlobalMeta);
  return schema;
}

/** The first `examples` entry found on the node or the wrappers around it. */
function exampleMeta(node: Node): unknown {
  for (let current = node; ;) {
    const examples = metaOf(current)?.examples;
    if (examples !== undefined && examples.length > 0) return examples[0];
    const def = defOf(current);
    if (!WRAPPERS.has(def.type) && def.type !== "pipe") return undefined;
    current = (def.type === "pipe" ? def.in : def.innerType) as Node;
  }
}

/** Keys shown in an object's example: the required ones, or else its first switch, or else its first key. */
function exampleKeys(shape: Record<string, Node>): string[] {
  const required = Object.entries(shape)
    .filter(([, child]) => {
      const type = defOf(child).type;
      return type !== "optional" && type !== "default" && type !== "prefault";
    })
    .map(([key]) => key);
  if (required.length > 0) return required;
  const toggle = Object.keys(shape).find((key) => defOf(unwrap(shape[key])).type === "boolean");
  return [toggle ?? Object.keys(shape)[0]];
}

/**
 * A value of the right shape: the field's own example, else a setting that differs from its
 * default (`enabled: true`), else its default, its first allowed value, or a placeholder.
 */
export function exampleOf(node: Node, depth = 0): unknown {
  const example = exampleMeta(node);
  if (example !== undefined) return example;
  const fallback = defaultOf(node);
  const inner = unwrap(node);
  const def = defOf(inner);
  switch (def.type) {
    case "boolean":
      return typeof fallback === "boolean" ? !fallback : true;
    case "object": {
      const shape = def.shape as Record<string, Node>;
      if (depth >= 3) return {};
      return Object.fromEntries(exampleKeys(shape).map((key) => [key, exampleOf(shape[key], depth + 1)]));
    }
    case "record": {
      const key = exampleMeta(def.keyType as Node) ?? "<key>";
      return { [String(key)]: depth >= 3 ? "…" : exampleOf(def.valueType as Node, depth + 1) };
    }
    case "array":
      return Array.isArray(fallback) && fallback.length > 0 ? fallback : [exampleOf(def.element as Node, depth + 1)];
    case "enum":
      return fallback ?? Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "union":
      return fallback ?? exampleOf((def.options as Node[])[0], depth);
    case "number":
      return fallback ?? 1;
    default:
      return fallback ?? "…";
  }
}

/** YAML flow style on one line: `{ enabled: true }`, `[ "subnet-0123…" ]`; strings quoted when YAML needs it. */
export function yamlFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, child]) => `${yamlKey(key)}: ${yamlFlow(child)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  if (typeof value === "string") return isPlainScalar(value) ? value : JSON.stringify(value);
  return String(value);
}

/** A word YAML reads as this string, unquoted: starts with a letter, no flow or comment characters, not a boolean. */
function isPlainScalar(value: string): boolean {
  return /^[A-Za-z][\w.\-/]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value);
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * One line of a stack file that gives `path` a value of the right shape, nested under its
 * top-level key: `bedrock-lz:metering: { alarms: { periodSeconds: 300 } }`.
 */
export function exampleLine(topKey: string, path: readonly PropertyKey[], node: Node): string {
  let value = exampleOf(node);
  for (const segment of [...path.slice(1)].reverse()) value = { [String(segment)]: value };
  return `${topKey}: ${yamlFlow(value)}`;
}
