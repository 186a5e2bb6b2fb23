/**
 * Names that both accounts must agree on without talking to each other. The client role name is
 * fixed and derived from the municipality's short name, so the operator can compute its ARN
 * before the role exists (docs/design.md §3, order-free trust).
 */

export const PROJECT = "bedrock-lz";

export function clientRoleName(municipality: string): string {
  return `${PROJECT}-client-${municipality}`;
}

export function invokeRoleName(municipality: string): string {
  return `${PROJECT}-invoke-${municipality}`;
}

/** Tags every resource gets through the provider's default tags. */
export function defaultTags(
  account: "operator" | "municipality",
  stack: string,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  return { Project: PROJECT, Account: account, Stack: stack, ManagedBy: "pulumi", ...extra };
}
