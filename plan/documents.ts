/**
 * Turns the inputs the mock engine recorded into plain JSON for `plan.json`, and finds the IAM
 * documents among them with the finder the CrossGuard pack uses (infra/iam/find-documents.ts),
 * so the documents the plan lists are exactly those the pack checks.
 */
import { asIamDocument, iamDocumentsIn } from "../infra/iam/find-documents";
import type { JsonValue } from "./schema";

export interface FoundDocument {
  /** Input path, e.g. `policy`, `assumeRolePolicy`, `inlinePolicies[0].policy`. */
  readonly input: string;
  readonly document: { [key: string]: JsonValue };
}

/** A string input that parses as a JSON object with a `Statement`. */
export function parseIamDocument(value: unknown): { [key: string]: JsonValue } | undefined {
  return typeof value === "string" ? (asIamDocument(value) as { [key: string]: JsonValue } | undefined) : undefined;
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
  const decoded = isProviderType(type)
    ? Object.fromEntries(Object.entries(inputs).map(([key, value]) => [key, decodeProviderValue(value)]))
    : inputs;
  // A document stays as written (statement keys in their order), as the policy files show it.
  const documents: FoundDocument[] = iamDocumentsIn(type, decoded).map(({ path, document }) => ({
    input: path,
    document: document as { [key: string]: JsonValue },
  }));
  const documentAt = new Map(documents.map((found) => [found.input, found.document]));
  const visit = (value: unknown, path: string): JsonValue | undefined => {
    if (value === undefined || typeof value === "function") return undefined;
    const document = documentAt.get(path);
    if (document !== undefined) return document;
    if (value === null || typeof value === "boolean" || typeof value === "string") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
    if (Array.isArray(value)) {
      return value.map((item, index) => visit(item, `${path}[${index}]`) ?? null);
    }
    if (typeof value === "object") {
      const out: { [key: string]: JsonValue } = {};
      for (const child of Object.keys(value).sort()) {
        const converted = visit((value as Record<string, unknown>)[child], path ? `${path}.${child}` : child);
        if (converted !== undefined) out[child] = converted;
      }
      return out;
    }
    return String(value);
  };
  return { inputs: visit(decoded, "") as { [key: string]: JsonValue }, documents };
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
