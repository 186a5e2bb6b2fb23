/**
 * The IAM documents of a resource as the rules read them: found by the same finder as the
 * offline plan (infra/iam/find-documents.ts), so a fork that adds a new role, bucket, endpoint,
 * repository or organisation policy is checked without anyone remembering to list it.
 */
import { iamDocumentsIn } from "../infra/iam/find-documents";

/** One statement with its list fields normalised to arrays (IAM accepts a string or a list). */
export interface NormalisedStatement {
  readonly sid: string | undefined;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** The statement's Condition block, `{}` without one. */
  readonly condition: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Where a document sits in the resource's inputs, for messages (`policy`, `inlinePolicies[0].policy`). */
export interface FoundDocument {
  readonly path: string;
  readonly statements: readonly NormalisedStatement[];
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export function statementsOf(document: unknown): NormalisedStatement[] {
  if (typeof document !== "object" || document === null) return [];
  const raw = (document as { Statement?: unknown }).Statement;
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw])
    .filter((statement): statement is Record<string, unknown> => typeof statement === "object" && statement !== null)
    .map((statement) => ({
      sid: typeof statement.Sid === "string" ? statement.Sid : undefined,
      effect: String(statement.Effect),
      actions: asList(statement.Action),
      notActions: asList(statement.NotAction),
      resources: asList(statement.Resource),
      notResources: asList(statement.NotResource),
      condition:
        typeof statement.Condition === "object" && statement.Condition !== null
          ? (statement.Condition as NormalisedStatement["condition"])
          : {},
    }));
}

/**
 * Every IAM document among a resource's inputs (see `iamDocumentsIn`). An unknown value in an
 * input that may hold a document throws CrossGuard's unknown-value error, as reading it would.
 */
export function documentsOf(type: string, props: Record<string, unknown>): FoundDocument[] {
  return iamDocumentsIn(type, props).map(({ path, document }) => ({ path, statements: statementsOf(document) }));
}

/** IAM wildcard match (`*` any run, `?` one character), case-insensitive like action names. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i").test(value);
}

/** Can this action pattern grant some action of the given service (`*`, `bedrock:*`, `b*:Invoke*`)? */
export function actionCoversService(action: string, service: string): boolean {
  if (action === "*") return true;
  const colon = action.indexOf(":");
  if (colon < 0) return false;
  return wildcardMatches(action.slice(0, colon), service);
}
