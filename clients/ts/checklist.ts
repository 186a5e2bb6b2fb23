/**
 * The part of docs/deployment.md's "Verify on first deployment" checklist a client inside the
 * closed VPC can observe itself: whether the endpoints' private DNS answers, and whether the call
 * named a guardrail. The rest needs account-level commands; the lines say where they are.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import type { SmokeOptions } from "./args";
import { type Lang, MESSAGES, type Messages } from "./messages";

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

async function privateDnsLine(host: string, lookup: Lookup, text: Messages["checklist"]): Promise<ChecklistLine> {
  const item = text.privateDns(host);
  try {
    const { address } = await lookup(host);
    return isPrivateAddress(address)
      ? { item, result: "ok", detail: text.resolvesPrivate(address) }
      : { item, result: "check", detail: text.resolvesPublic(address) };
  } catch (error) {
    return { item, result: "check", detail: text.unresolved((error as { code?: string }).code ?? String(error)) };
  }
}

export async function observeChecklist(
  options: SmokeOptions,
  lookup: Lookup = dnsLookup,
  lang: Lang = "en",
): Promise<ChecklistLine[]> {
  const text = MESSAGES[lang].checklist;
  return [
    await privateDnsLine(`sts.${options.region}.amazonaws.com`, lookup, text),
    await privateDnsLine(`bedrock-runtime.${options.region}.amazonaws.com`, lookup, text),
    options.guardrail !== undefined
      ? {
          item: text.guardrail,
          result: "ok",
          detail: text.guardrailSent(options.guardrail.arn, options.guardrail.version),
        }
      : { item: text.guardrail, result: "check", detail: text.guardrailNone },
    { item: text.accountLevel, result: "not observable here", detail: text.accountLevelDetail },
  ];
}

export function renderChecklist(lines: readonly ChecklistLine[], lang: Lang = "en"): string {
  const text = MESSAGES[lang].checklist;
  return [text.heading, ...lines.map((l) => `  [${text.results[l.result]}] ${l.item}: ${l.detail}`)]
    .join("\n")
    .concat("\n");
}
