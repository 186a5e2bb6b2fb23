/**
 * docs/glossary.md read as data: one Japanese term per concept and the variants no Japanese text
 * may use. The Japanese docs (tests/docs/japanese.spec.ts) and the CLIs' Japanese messages
 * (tests/plan/messages.spec.ts) are checked against the same table.
 */
import { prose, proseLines } from "./markdown";

export interface GlossaryTerm {
  readonly english: string;
  readonly japanese: string;
  /** The backticked words of the table's third column. */
  readonly forbidden: string[];
}

/** The glossary table: English term, Japanese term, forbidden variants. */
export function glossary(markdown: string): GlossaryTerm[] {
  return proseLines(markdown)
    .filter((line) => line.startsWith("|") && !/^\|\s*(English|---)/.test(line))
    .map((line) => line.split("|").map((cell) => cell.trim()))
    .map(([, english, japanese, forbidden]) => ({
      english,
      japanese,
      forbidden: [...(forbidden ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1]),
    }));
}

/** `"<variant>" (use "<term>")` for every forbidden variant in one line of text. */
export function variantsIn(line: string, terms: readonly GlossaryTerm[]): string[] {
  return terms.flatMap((term) =>
    term.forbidden
      .filter((variant) => line.includes(variant))
      .map((variant) => `"${variant}" (use "${term.japanese}")`),
  );
}

/** Uses of forbidden variants in Markdown prose (code is identifiers and commands, which the glossary does not govern). */
export function forbiddenUses(texts: [string, string][], terms: readonly GlossaryTerm[]): string[] {
  return texts.flatMap(([path, text]) =>
    prose(text)
      .split("\n")
      .flatMap((line, index) => variantsIn(line, terms).map((use) => `${path}:${index + 1}: ${use}`)),
  );
}
