/**
 * Turns the inputs the mock engine recorded into plain JSON for `plan.json`, and finds the IAM
 * documents among them. Detection is generic, so documents added later (bucket policies, key
 * policies, SCPs) show up without touching the plan: any string input whose key names a policy
 * and whose value parses as a JSON object with a `Statement` is a document.
 */
import type { JsonValue } from "./schema";

export interface FoundDocument {
  /** Input path, e.g. `policy`, `assumeRolePolicy`, `inlinePolicies[0].policy`. */
  readonly input: string;
  readonly document: { [key: string]: JsonValue };
}

/** `policy`, `assumeRolePolicy`, `keyPolicy`, `bucketPolicy`, `inlinePolicy`, `policyDocument`... */
const POLICY_KEY = /polic(y|ies)|^content$/i;

export function parseIamDocument(value: unknown): { [key: string]: JsonValue } | undefined {
  if (typeof value !== "string" || !/^\s*\{/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    const statement = (parsed as { Statement?: unknown }).Statement;
    return typeof statement === "object" && statement !== null ? (parsed as { [key: string]: JsonValue }) : undefined;
  } catch {
    return undefined;
  }
}

/** Provider inputs reach the engine as JSON-encoded strings (`allowedAccountIds: '["1..."]'`). */
function decodeProviderValue(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function isProviderType(type: string): boolean {
  return type.startsWith("pulumi:providers:");
}

/**
 * Plain-JSON inputs (undefined dropped, keys sorted for stable diffs) with IAM documents parsed,
 * plus the list of documents found.
 */
export function normaliseInputs(
  type: string,
  inputs: Readonly<Record<string, unknown>>,
): { inputs: { [key: string]: JsonValue }; documents: FoundDocument[] } {
  const documents: FoundDocument[] = [];
  const visit = (value: unknown, path: string, key: string): JsonValue | undefined => {
    if (value === undefined || typeof value === "function") return undefined;
    if (value === null || typeof value === "boolean" || typeof value === "string") {
      if (typeof value === "string" && POLICY_KEY.test(key)) {
        const document = parseIamDocument(value);
        if (document !== undefined) {
          documents.push({ input: path, document });
          return document;
        }
      }
      return value;
    }
    if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
    if (Array.isArray(value)) {
      return value.map((item, index) => visit(item, `${path}[${index}]`, key) ?? null);
    }
    if (typeof value === "object") {
      const out: { [key: string]: JsonValue } = {};
      for (const child of Object.keys(value).sort()) {
        const converted = visit((value as Record<string, unknown>)[child], path ? `${path}.${child}` : child, child);
        if (converted !== undefined) out[child] = converted;
      }
      return out;
    }
    return String(value);
  };
  const decoded = isProviderType(type)
    ? Object.fromEntries(Object.entries(inputs).map(([key, value]) => [key, decodeProviderValue(value)]))
    : inputs;
  return { inputs: visit(decoded, "", "") as { [key: string]: JsonValue }, documents };
}

/** Plain JSON for config and outputs: undefined dropped, keys sorted. */
export function toPlainJson(value: unknown): { [key: string]: JsonValue } {
  return normaliseInputs("", (value ?? {}) as Record<string, unknown>).inputs;
}

/** `policies/<stack>/<resource>.json`; a second document on the same resource adds its input path. */
export function documentFileName(stack: string, resource: string, input: string, documentsOnResource: number): string {
  const safe = (part: string) => part.replace(/[^\w.-]+/g, "_");
  const base = documentsOnResource > 1 ? `${safe(resource)}.${safe(input)}` : safe(resource);
  return `policies/${safe(stack)}/${base}.json`;
}
