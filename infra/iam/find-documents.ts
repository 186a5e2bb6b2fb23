/**
 * Finds every IAM document among one resource's inputs, whatever the resource: role, trust and
 * inline policies, managed policies, bucket, key, domain and repository policies, VPC endpoint
 * policies, AWS Organizations policies. The offline plan and the CrossGuard pack both call this,
 * so a document the plan lists is a document the pack checks: a fork that adds a resource with a
 * policy is covered without anyone remembering to list its input.
 *
 * Pure and dependency-free: the pack passes CrossGuard's props, which throw when a value a
 * preview cannot know yet is read. Such an error on an input that may hold a document is
 * rethrown (the pack decides what an unknown document means); on any other input it only means
 * that input holds no document.
 */

/** A parsed IAM document and where it sits, e.g. `policy`, `inlinePolicies[0].policy`. */
export interface FoundIamDocument {
  readonly path: string;
  readonly document: { readonly [key: string]: unknown };
}

/**
 * Input names that hold a document in the AWS provider: `policy`, `assumeRolePolicy`,
 * `policyDocument` (CodeArtifact), `keyPolicy`, `accessPolicies`, `inlinePolicies[].policy`...
 */
const DOCUMENT_KEY = /polic(y|ies)/i;

/**
 * ...but not `policyArn`, `managedPolicyArns`, `policyType`: these name a policy, so an unknown
 * one during a preview must not stop the rules that read the resource's real documents.
 */
const NAMES_A_POLICY = /(arns?|ids?|names?|type)$/i;

/** Resources that keep a document under an input whose name does not say so. */
const DOCUMENT_KEYS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  // SCPs, RCPs and the other Organizations policy types: the document is `content`.
  "aws:organizations/policy:Policy": ["content"],
};

/** A JSON object with a `Statement` (object or list), parsed if it came as a string. */
export function asIamDocument(value: unknown): { readonly [key: string]: unknown } | undefined {
  let parsed = value;
  if (typeof value === "string") {
    // No pre-check of the text: what is not a JSON object fails the check below either way.
    try {
      parsed = JSON.parse(value);
    } catch {
      // Not JSON: `parsed` stays the text, which the check below rejects.
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const statement = (parsed as { Statement?: unknown }).Statement;
  return typeof statement === "object" && statement !== null ? (parsed as { [key: string]: unknown }) : undefined;
}

/** Every IAM document in `inputs`, in input-name order (names sorted, as the plan prints them). */
export function iamDocumentsIn(type: string, inputs: Readonly<Record<string, unknown>>): FoundIamDocument[] {
  const found: FoundIamDocument[] = [];
  // `topLevel`: the type's extra keys name a document only as a resource input, not nested.
  const mayHoldDocument = (key: string, topLevel: boolean) =>
    (DOCUMENT_KEY.test(key) && !NAMES_A_POLICY.test(key)) ||
    (topLevel && DOCUMENT_KEYS_BY_TYPE[type]?.includes(key) === true);
  const visit = (value: unknown, path: string, key: string, topLevel: boolean): void => {
    if (mayHoldDocument(key, topLevel)) {
      const document = asIamDocument(value);
      if (document !== undefined) {
        found.push({ path, document });
        return;
      }
    }
    if (Array.isArray(value)) {
      for (const index of value.keys()) {
        visit(read(value, index, mayHoldDocument(key, topLevel)), `${path}[${index}]`, key, false);
      }
    } else if (typeof value === "object" && value !== null) {
      for (const child of Object.keys(value).sort()) {
        const childValue = read(value as Record<string, unknown>, child, mayHoldDocument(child, false));
        visit(childValue, path ? `${path}.${child}` : child, child, false);
      }
    }
  };
  for (const key of Object.keys(inputs).sort()) {
    visit(read(inputs, key, mayHoldDocument(key, true)), key, key, true);
  }
  return found;
}

/** Reads one property; an unreadable (unknown) value outside a document input holds no document. */
function read(container: object, key: string | number, documentInput: boolean): unknown {
  try {
    return (container as Record<string | number, unknown>)[key];
  } catch (error) {
    if (documentInput) throw error;
    return undefined;
  }
}
