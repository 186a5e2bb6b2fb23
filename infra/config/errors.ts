/**
 * Config errors: every zod issue becomes one "key: message" problem naming the full Pulumi
 * config key and what is allowed there, and all of them are reported at once. Where zod's own
 * words would be vague, the schema says more: the nearest valid key to a misspelt one, and a
 * one-line example of a value of the right shape (./schema-shape.ts).
 */
import { z } from "zod";
import { type Lang, inLanguage, isRemembered, remember } from "../messages";
import { PROJECT } from "../naming";
import { CONFIG_MESSAGES as m } from "./messages";
import { exampleLine, keysOf, schemaAt, shapeKindOf } from "./schema-shape";
import { closest } from "./suggest";

/** Pulumi config namespace of this project (`bedrock-lz:<key>`). */
export const CONFIG_NAMESPACE = PROJECT;

export interface ConfigProblem {
  /** The full Pulumi config key, e.g. `bedrock-lz:municipalities.sapporo.accountId`. */
  readonly key: string;
  /** In English; {@link ConfigError.messageIn} says it in the reader's language. */
  readonly message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    /** Which configuration failed, for the first line: the bootstrap project says "bootstrap". */
    readonly subject: "stack" | "bootstrap" = "stack",
  ) {
    super(configErrorText(problems, subject, "en"));
    this.name = "ConfigError";
    // The message travels on as plain text (a Pulumi RunError); it can still be said in Japanese.
    remember(this.message, (lang) => this.messageIn(lang));
  }

  /** The whole error in `lang`: the keys as they are, each problem in that language. */
  messageIn(lang: Lang): string {
    return configErrorText(this.problems, this.subject, lang);
  }
}

function configErrorText(problems: readonly ConfigProblem[], subject: "stack" | "bootstrap", lang: Lang): string {
  const lines = problems.map((p) => `  - ${p.key}: ${inLanguage(p.message, lang)}`);
  return `${inLanguage(m.invalidConfiguration({ subject }), lang)}\n${lines.join("\n")}`;
}

/** `region` comes from the AWS provider's own key; everything else is in the project's namespace. */
export function configKeyOf(path: readonly PropertyKey[], namespace = CONFIG_NAMESPACE): string {
  if (path.length === 0) return `${namespace}:<root>`;
  if (path[0] === "region") return "aws:region";
  return `${namespace}:${path.map(String).join(".")}`;
}

/** What the problems can be explained against: the schema that failed and the value it was given. */
export interface ProblemContext {
  readonly schema?: z.core.$ZodType;
  readonly input?: unknown;
}

/**
 * One problem per issue, with the messages said better than zod's defaults where the schema
 * allows it: an unknown key gets the nearest valid key (or the keys allowed there), a value of
 * the wrong shape a one-line example, a bad map key says it is one.
 */
export function problemsOf(
  error: z.ZodError,
  namespace = CONFIG_NAMESPACE,
  context: ProblemContext = {},
): ConfigProblem[] {
  // zod still runs a list's length checks on a string given in its place (a string has a length
  // too), which would add a second problem about a list the user never wrote: the wrong shape is
  // the one problem at that key.
  const wrongShape = new Set(error.issues.filter((i) => i.code === "invalid_type").map((i) => pathId(i.path)));
  const issues = error.issues.filter((i) => i.code === "invalid_type" || !wrongShape.has(pathId(i.path)));
  return issues.flatMap((issue): ConfigProblem | ConfigProblem[] => {
    const key = (path: readonly PropertyKey[]) => configKeyOf(path, namespace);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((unknown) => ({
        key: key([...issue.path, unknown]),
        message: unknownKeyMessage(unknown, issue.path, context),
      }));
    }
    if (issue.code === "invalid_key") {
      // A map key (municipality name) that does not match its schema.
      const inner = issue.issues[0]?.message ?? issue.message;
      return { key: key(issue.path), message: m.mapKey({ problem: inner }) };
    }
    if (issue.code === "invalid_type") {
      return { key: key(issue.path), message: shapeMessage(issue, namespace, context) };
    }
    return { key: key(issue.path), message: rememberedMessage(issue) };
  });
}

function pathId(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map(String));
}

/** The nearest key of the object the unknown key is in, the keys allowed there, or the other account kind's key. */
function unknownKeyMessage(unknown: string, path: readonly PropertyKey[], context: ProblemContext): string {
  if (context.schema === undefined) return m.unknownKey;
  const candidates = keysOf(schemaAt(context.schema, path, context.input));
  const near = closest(unknown, candidates);
  if (near !== undefined) return m.unknownKeyNear({ near });
  if (path.length === 0) {
    const other = otherAccountWith(unknown, context);
    if (other !== undefined) return m.unknownKeyOtherAccount(other);
  }
  return candidates.length > 0 ? m.unknownKeyListed({ keys: candidates.join(", ") }) : m.unknownKey;
}

/** The account kind a top-level key belongs to when this stack is the other kind. */
function otherAccountWith(unknown: string, context: ProblemContext) {
  const account = (context.input as { account?: unknown } | undefined)?.account;
  if (account !== "operator" && account !== "municipality") return undefined;
  const other = account === "operator" ? "municipality" : "operator";
  const keys = keysOf(schemaAt(context.schema!, [], { ...(context.input as object), account: other }));
  return keys.includes(unknown) ? { account, other } : undefined;
}

/**
 * A value of the wrong type: the field's own message where it has one, with an example of the
 * right shape when that is a map or a list; zod's generic words replaced by what the schema
 * expects and an example.
 */
function shapeMessage(issue: z.core.$ZodIssueInvalidType, namespace: string, context: ProblemContext): string {
  const node = context.schema && schemaAt(context.schema, issue.path, context.input);
  if (node === undefined || issue.path.length === 0) return rememberedMessage(issue);
  const kind = shapeKindOf(node);
  const example = exampleLine(configKeyOf(issue.path.slice(0, 1), namespace), issue.path, node);
  if (isRemembered(issue.message)) {
    return kind === "value" ? issue.message : m.withExample({ problem: issue.message, example });
  }
  // Parsed with reportInput: a missing value is not a value of the wrong shape.
  if ("input" in issue && issue.input === undefined) return m.required({ example });
  if (kind === "object") return m.shapeObject({ keys: keysOf(node).join(", "), example });
  if (kind === "map") return m.shapeMap({ example });
  if (kind === "list") return m.shapeList({ example });
  return m.shapeValue({ expected: issue.expected, example });
}

const zodJapanese = z.locales.ja();

/**
 * zod's own message where the schema gives none: remembered with zod's Japanese for it, so no
 * English-only text reaches a Japanese reader.
 */
function rememberedMessage(issue: z.core.$ZodIssue): string {
  if (isRemembered(issue.message)) return issue.message;
  const japanese = zodJapanese.localeError(issue as never);
  const text = typeof japanese === "string" ? japanese : japanese?.message;
  return remember(issue.message, (lang) => (lang === "ja" && text !== undefined ? text : issue.message));
}
