/**
 * Reading IAM documents out of resource inputs, whatever the resource: the rules look at every
 * document a resource carries, so a fork that adds a new role, bucket or endpoint is checked
 * without anyone remembering to list it.
 */

/** One statement with its list fields normalised to arrays (IAM accepts a string or a list). */
export interface NormalisedStatement {
  readonly sid: string | undefined;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly hasCondition: boolean;
}

/** Where a document sits in the resource's inputs, for messages (`policy`, `inlinePolicies[0].policy`). */
export interface FoundDocument {
  readonly path: string;
  readonly statements: readonly NormalisedStatement[];
}

/** Inputs that hold identity, trust, endpoint or resource policies in the AWS provider. */
const DOCUMENT_INPUTS = ["policy", "assumeRolePolicy"] as const;

/** `aws:iam/role:Role` carries inline policies as a list of `{ name, policy }`. */
const INLINE_POLICIES_INPUT = "inlinePolicies";

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function parseDocument(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    // Not JSON: some `policy` inputs (e.g. a bucket ACL-like string) are not IAM documents.
    return undefined;
  }
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
      hasCondition: typeof statement.Condition === "object" && statement.Condition !== null,
    }));
}

/**
 * Every IAM document among a resource's inputs: `policy`, `assumeRolePolicy` and each of a
 * role's `inlinePolicies`. Only the inputs that exist are read: during a preview an unread
 * unknown value does not stop the rule.
 */
export function documentsOf(props: Record<string, unknown>): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const input of DOCUMENT_INPUTS) {
    if (!(input in props)) continue;
    const document = parseDocument(props[input]);
    if (isDocumentObject(document)) found.push({ path: input, statements: statementsOf(document) });
  }
  if (INLINE_POLICIES_INPUT in props && Array.isArray(props[INLINE_POLICIES_INPUT])) {
    (props[INLINE_POLICIES_INPUT] as unknown[]).forEach((inline, index) => {
      if (typeof inline !== "object" || inline === null || !("policy" in inline)) return;
      const document = parseDocument((inline as { policy: unknown }).policy);
      if (isDocumentObject(document)) {
        found.push({ path: `${INLINE_POLICIES_INPUT}[${index}].policy`, statements: statementsOf(document) });
      }
    });
  }
  return found;
}

function isDocumentObject(document: unknown): boolean {
  return typeof document === "object" && document !== null && "Statement" in document;
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

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** `inference-profile`, `foundation-model`, ... (the part before the first `/`). */
  readonly resourceType: string;
  /** The part after the first `/` (empty when the ARN has none). */
  readonly resourceId: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const resource = parts.slice(5).join(":");
  const slash = resource.indexOf("/");
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resourceType: slash < 0 ? resource : resource.slice(0, slash),
    resourceId: slash < 0 ? "" : resource.slice(slash + 1),
  };
}
