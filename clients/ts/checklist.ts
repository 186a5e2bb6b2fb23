/**
 * The part of docs/deployment.md's "Verify on first deployment" checklist a client inside the
 * closed VPC can observe itself: whether the endpoints' private DNS answers, and whether the call
 * named a guardrail. The rest needs account-level commands; the lines say where they are.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import type { SmokeOptions } from "./args";

export type Lookup = (host: string) => Promise<{ address: string }>;

export interface ChecklistLine {
  readonly item: string;
  readonly result: "ok" | "check" | "not observable here";
  readonly detail: string;
}

/** RFC 1918 and the VPC's own ranges: an interface endpoint's ENI has one of these. */
export function isPrivateAddress(address: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address);
}

async function privateDnsLine(host: string, lookup: Lookup): Promise<ChecklistLine> {
  const item = `private DNS of ${host}`;
  try {
    const { address } = await lookup(host);
    return isPrivateAddress(address)
      ? { item, result: "ok", detail: `resolves to ${address} (the VPC endpoint)` }
      : {
          item,
          result: "check",
          detail: `resolves to ${address}, a public address: private DNS is off or this is not the closed VPC`,
        };
  } catch (error) {
    return {
      item,
      result: "check",
      detail: `does not resolve (${(error as { code?: string }).code ?? String(error)})`,
    };
  }
}

export async function observeChecklist(options: SmokeOptions, lookup: Lookup = dnsLookup): Promise<ChecklistLine[]> {
  return [
    await privateDnsLine(`sts.${options.region}.amazonaws.com`, lookup),
    await privateDnsLine(`bedrock-runtime.${options.region}.amazonaws.com`, lookup),
    options.guardrail !== undefined
      ? {
          item: "guardrail",
          result: "ok",
          detail: `sent ${options.guardrail.arn} version ${options.guardrail.version}`,
        }
      : {
          item: "guardrail",
          result: "check",
          detail: "none sent: if the operator enforces one (output guardrailEnforced), every call is denied",
        },
    {
      item: "endpoint-policy support, aws:SourceVpce on the Osaka leg, IAM propagation before logging",
      result: "not observable here",
      detail: "run the commands in docs/deployment.md (Verify on first deployment)",
    },
  ];
}

export function renderChecklist(lines: readonly ChecklistLine[]): string {
  return [
    "verify on first deployment (docs/deployment.md):",
    ...lines.map((l) => `  [${l.result}] ${l.item}: ${l.detail}`),
  ]
    .join("\n")
    .concat("\n");
}
