/**
 * Reads a `Pulumi.<stack>.yaml` file into the flat key → string map the Pulumi engine hands a
 * program: scalars as strings, maps and lists as JSON. Duplicate keys are an error (the yaml
 * library's `uniqueKeys`), so a municipality listed twice never silently collapses into one.
 */
import { readFileSync, readdirSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { YAMLParseError, parse } from "yaml";
import { HARNESS_MESSAGES as m } from "./messages";

export interface StackConfigFile {
  /** Stack name from the file name: `Pulumi.operator.yaml` → `operator`. */
  readonly stack: string;
  readonly config: Record<string, string>;
}

export function stackNameOfFile(path: string): string {
  const match = /^Pulumi\.(.+)\.ya?ml$/.exec(basename(path));
  if (!match) throw new Error(m.notStackFileName({ path }));
  return match[1];
}

export function parseStackConfigText(text: string, source: string): Record<string, string> {
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new Error(yamlMessage(source, error), { cause: error });
  }
  const config = (document as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new Error(m.configNotMap({ source }));
  }
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      typeof value === "string"
        ? value
        : typeof value === "object" && value !== null
          ? JSON.stringify(value)
          : String(value),
    ]),
  );
}

/** The YAML library's message (English), with what it found and where, so it can be said in Japanese too. */
function yamlMessage(source: string, error: unknown): string {
  const message = (error as Error).message;
  if (!(error instanceof YAMLParseError)) return m.yaml({ source, message, code: "", line: 0, column: 0, excerpt: "" });
  const [line, column] = [error.linePos?.[0]?.line ?? 0, error.linePos?.[0]?.col ?? 0];
  // The library's message is "<what> at line L, column C:\n\n<excerpt>"; the excerpt is the file's own text.
  const excerpt = message.split(":\n\n").slice(1).join(":\n\n");
  return m.yaml({ source, message, code: error.code, line, column, excerpt });
}

/** A file that cannot be read is named, with what was expected there, instead of a raw ENOENT. */
export function readStackConfigFile(path: string): StackConfigFile {
  const stack = stackNameOfFile(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? m.noSuchFile({ path })
        : code === "EISDIR"
          ? m.isDirectory({ path })
          : m.cannotRead({ path, reason: (error as Error).message });
    throw new Error(message, { cause: error });
  }
  return { stack, config: parseStackConfigText(text, path) };
}

/** The project directory: Pulumi.yaml and the stack files beside it. */
export const PROJECT_DIR = resolve(__dirname, "..");

/**
 * Every stack file of the project (`Pulumi.<stack>.yaml` beside Pulumi.yaml), sorted: what the
 * tools check when no `--config` is given, so a fork's own files are checked, not a fixed list.
 * Relative to `cwd`, so reports do not carry a home path.
 */
export function projectStackFiles(dir: string = PROJECT_DIR, cwd: string = process.cwd()): string[] {
  return readdirSync(dir)
    .filter((name) => /^Pulumi\..+\.ya?ml$/.test(name))
    .sort()
    .map((name) => relative(cwd, join(dir, name)) || name);
}
