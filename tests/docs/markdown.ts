/** Reading Markdown the way the docs specs need it: headings, the commands a reader copies, links. */

/** The lines outside fenced code blocks (a `# comment` inside a shell block is not a heading). */
export function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** The text of every fenced code block, one string per block, with its info string. */
export function codeBlocks(markdown: string): { info: string; lines: string[] }[] {
  const blocks: { info: string; lines: string[] }[] = [];
  let current: { info: string; lines: string[] } | undefined;
  for (const line of markdown.split("\n")) {
    const fence = line.match(/^\s*```(\S*)/);
    if (fence && !current) blocks.push((current = { info: fence[1], lines: [] }));
    else if (fence) current = undefined;
    else current?.lines.push(line);
  }
  return blocks;
}

/** Heading levels in document order (`##` is 2), code blocks skipped. */
export function headingLevels(markdown: string): number[] {
  return headings(markdown).map((heading) => heading.level);
}

export function headings(markdown: string): { level: number; text: string }[] {
  return proseLines(markdown)
    .map((line) => line.match(/^(#+) (.*)$/))
    .filter((match): match is RegExpMatchArray => match !== null)
    .map((match) => ({ level: match[1].length, text: match[2].trim() }));
}

/** A line a reader runs: a program this project's docs use, a variable assignment or a `$(...)`. */
const COMMAND = /^(?:npm|npx|pulumi|aws|python3|cd|git|jq|sudo|[A-Z][A-Z0-9_]*=|\$\()/;

/**
 * Shell commands of the code blocks: the part of a doc a reader copies. Continuation lines are
 * joined, comments dropped (a translation may translate them), everything else compared as is.
 */
export function commands(markdown: string): string[] {
  return codeBlocks(markdown).flatMap((block) =>
    block.lines
      .join("\n")
      .replace(/\\\n\s*/g, "")
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim())
      .filter((line) => COMMAND.test(line)),
  );
}

/** `[text](target)` links outside code, with the text that follows each on its line. */
export function links(markdown: string): { text: string; target: string; after: string }[] {
  return proseLines(markdown).flatMap((line) =>
    [...line.matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)].map((match) => ({
      text: match[1],
      target: match[2],
      after: line.slice(match.index! + match[0].length),
    })),
  );
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
    .replace(/ /g, "-");
}

/** Prose without code: what a reader reads as text, for wording checks. */
export function prose(markdown: string): string {
  return proseLines(markdown)
    .map((line) => line.replace(/`[^`]*`/g, " "))
    .join("\n");
}
