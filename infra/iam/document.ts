/**
 * The one shape of an IAM policy document in this program: identity, trust, resource, endpoint
 * and key policies, SCPs and permission boundaries are all built from these types, so every
 * builder, the plan, the access matrix and the policy pack read the same fields. Grammar:
 * IAM User Guide, "IAM JSON policy element reference"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html).
 *
 * This module imports nothing, so any builder may use it without an import cycle.
 */

export type ConditionValue = string | readonly string[] | boolean;
export type ConditionBlock = Record<string, Record<string, ConditionValue>>;

/** `"*"` (anyone, narrowed by conditions) or principals by kind: `AWS`, `Service`, `Federated`. */
export type Principal = "*" | Readonly<Record<string, string | readonly string[]>>;

/**
 * One statement. IAM takes exactly one of Action/NotAction and at most one of
 * Resource/NotResource and of Principal/NotPrincipal; a trust policy has no Resource.
 */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly NotPrincipal?: Principal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The size AWS compares with its quotas. IAM does not count white space, and SCPs are sent
 * minified, so the compact JSON is what is measured for every kind of document.
 */
export function policySize(document: object): number {
  return JSON.stringify(document).length;
}
