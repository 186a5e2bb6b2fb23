/**
 * Statement-by-statement comparison of a declared IAM document (from the offline plan) with the
 * live one (from AWS). Both are canonicalised first, because AWS hands documents back in its own
 * shape: URL-encoded (IAM), one-element lists collapsed to strings, keys in another order.
 *
 * Some values in the plan are only known after a real deploy (a VPC endpoint id read from the
 * municipality stack, a guardrail id, a KMS key ARN): the mock engine fills them with
 * placeholders. A placeholder matches any live value, but the same placeholder must match the
 * same value everywhere in the audit: the first match binds it, later ones must agree.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface PolicyDoc {
  readonly Version?: string;
  readonly Statement: readonly Json[];
}

/** Placeholder → the live value it was first matched with. */
export type Bindings = Map<string, string>;

/** Keys whose values are sets in IAM's grammar: order and one-vs-many do not matter. */
const SET_KEYS = new Set(["Action", "NotAction", "Resource", "NotResource"]);

function sortedUnique(values: readonly Json[]): Json[] {
  const strings = values.map((value) => canonical(value));
  return [...new Map(strings.map((value) => [JSON.stringify(value), value])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, value]) => value);
}

/** One shape for equivalent documents: sorted keys, set-valued fields as sorted lists. */
export function canonical(value: Json, key = ""): Json {
  if (Array.isArray(value)) {
    return SET_KEYS.has(key) || key === "condition-value" || key === "principal-value"
      ? sortedUnique(value)
      : value.map((item) => canonical(item));
  }
  if (value === null || typeof value !== "object") {
    return SET_KEYS.has(key) || key === "condition-value" || key === "principal-value" ? [value] : value;
  }
  const out: { [key: string]: Json } = {};
  for (const child of Object.keys(value).sort()) {
    const childValue = value[child];
    if (key === "Condition") {
      // Operator → { key → value(s) }: the values are a set.
      const inner: { [key: string]: Json } = {};
      for (const conditionKey of Object.keys(childValue as object).sort()) {
        inner[conditionKey] = canonical((childValue as { [key: string]: Json })[conditionKey], "condition-value");
      }
      out[child] = inner;
    } else if (key === "Principal" || key === "NotPrincipal") {
      out[child] = canonical(childValue, "principal-value");
    } else {
      out[child] = canonical(childValue, child);
    }
  }
  return out;
}

/** Parses what AWS returns: JSON, or URL-encoded JSON (IAM's GetRole / GetRolePolicy / GetPolicyVersion). */
export function parseLiveDocument(text: string): PolicyDoc {
  const trimmed = text.trim();
  const json = trimmed.startsWith("{") ? trimmed : decodeURIComponent(trimmed);
  const parsed = JSON.parse(json) as { Version?: string; Statement?: Json };
  const statement = parsed.Statement;
  return {
    Version: parsed.Version,
    Statement: Array.isArray(statement) ? statement : statement === undefined ? [] : [statement],
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether `live` is `declared` with its placeholders filled in consistently with `bindings`;
 * on success the new bindings are added.
 */
function matchString(declared: string, live: string, placeholders: readonly string[], bindings: Bindings): boolean {
  // Longest first: `<guardrail>-gr-id:1` before `<guardrail>-gr-id`.
  const present = placeholders
    .filter((placeholder) => declared.includes(placeholder))
    .sort((a, b) => b.length - a.length);
  if (present.length === 0) return declared === live;
  const order: string[] = [];
  let pattern = escapeRegExp(declared);
  for (const placeholder of present) {
    const escaped = escapeRegExp(placeholder);
    const bound = bindings.get(placeholder);
    if (bound !== undefined) {
      pattern = pattern.split(escaped).join(escapeRegExp(bound));
    } else {
      // The first occurrence captures; later ones must repeat the capture.
      const [first, ...rest] = pattern.split(escaped);
      if (rest.length === 0) continue; // inside a longer placeholder handled before it
      order.push(placeholder);
      pattern = `${first}([^"\\s]+?)${rest.join(`\\${order.length}`)}`;
    }
  }
  const match = new RegExp(`^${pattern}$`).exec(live);
  if (match === null) return false;
  order.forEach((placeholder, index) => bindings.set(placeholder, match[index + 1]));
  return true;
}

/** Structural equality with placeholder binding; `bindings` is only updated when it holds. */
export function matchJson(declared: Json, live: Json, placeholders: readonly string[], bindings: Bindings): boolean {
  const trial = new Map(bindings);
  if (!matchInto(declared, live, placeholders, trial)) return false;
  for (const [key, value] of trial) bindings.set(key, value);
  return true;
}

function matchInto(declared: Json, live: Json, placeholders: readonly string[], bindings: Bindings): boolean {
  if (typeof declared === "string") {
    return typeof live === "string" && matchString(declared, live, placeholders, bindings);
  }
  if (declared === null || typeof declared !== "object") return declared === live;
  if (Array.isArray(declared)) {
    if (!Array.isArray(live) || live.length !== declared.length) return false;
    // Sets were sorted by their declared text; a bound placeholder can sort differently, so
    // match each declared item against any unused live item.
    const used = new Set<number>();
    return declared.every((item) => {
      const index = live.findIndex(
        (candidate, i) => !used.has(i) && matchJson(item, candidate, placeholders, bindings),
      );
      if (index < 0) return false;
      used.add(index);
      return true;
    });
  }
  if (live === null || typeof live !== "object" || Array.isArray(live)) return false;
  const keys = Object.keys(declared);
  if (keys.length !== Object.keys(live).length) return false;
  return keys.every((key) => key in live && matchInto(declared[key], live[key], placeholders, bindings));
}

/** One difference between a declared and a live document. */
export interface StatementDrift {
  readonly kind: "missing" | "unexpected" | "changed";
  /** The statement's Sid, or its position when it has none. */
  readonly statement: string;
  readonly declared?: Json;
  readonly live?: Json;
}

function label(statement: Json, index: number): string {
  const sid = (statement as { Sid?: unknown })?.Sid;
  return typeof sid === "string" && sid !== "" ? sid : `#${index + 1}`;
}

/**
 * The differences, statement by statement: statements are paired by Sid, the rest by equality;
 * a paired statement that differs is `changed`, an unpaired declared one `missing`, an unpaired
 * live one `unexpected` (e.g. an Allow added "for a quick test").
 */
export function diffDocuments(
  declared: PolicyDoc,
  live: PolicyDoc,
  placeholders: readonly string[],
  bindings: Bindings,
): StatementDrift[] {
  const declaredStatements = declared.Statement.map((statement) => canonical(statement));
  const liveStatements = live.Statement.map((statement) => canonical(statement));
  const drift: StatementDrift[] = [];
  const usedLive = new Set<number>();
  const unpairedDeclared: number[] = [];

  declaredStatements.forEach((statement, index) => {
    const sid = (statement as { Sid?: unknown }).Sid;
    if (typeof sid !== "string" || sid === "") {
      unpairedDeclared.push(index);
      return;
    }
    const liveIndex = liveStatements.findIndex(
      (candidate, i) => !usedLive.has(i) && (candidate as { Sid?: unknown }).Sid === sid,
    );
    if (liveIndex < 0) {
      drift.push({ kind: "missing", statement: sid, declared: statement });
      return;
    }
    usedLive.add(liveIndex);
    if (!matchJson(statement, liveStatements[liveIndex], placeholders, bindings)) {
      drift.push({ kind: "changed", statement: sid, declared: statement, live: liveStatements[liveIndex] });
    }
  });
  for (const index of unpairedDeclared) {
    const liveIndex = liveStatements.findIndex(
      (candidate, i) => !usedLive.has(i) && matchJson(declaredStatements[index], candidate, placeholders, bindings),
    );
    if (liveIndex < 0) {
      drift.push({
        kind: "missing",
        statement: label(declaredStatements[index], index),
        declared: declaredStatements[index],
      });
    } else usedLive.add(liveIndex);
  }
  liveStatements.forEach((statement, index) => {
    if (!usedLive.has(index)) drift.push({ kind: "unexpected", statement: label(statement, index), live: statement });
  });
  return drift;
}

/** Replaces every bound placeholder in a declared value by its live value. */
export function substitute<T>(value: T, bindings: Bindings): T {
  let text = JSON.stringify(value);
  for (const [placeholder, live] of bindings) text = text.split(placeholder).join(live);
  return JSON.parse(text) as T;
}
