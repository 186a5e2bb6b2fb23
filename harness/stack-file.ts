/**
 * Reads a `Pulumi.<stack>.yaml` file into the flat key → string map the Pulumi engine hands a
 * program: scalars as strings, maps and lists as JSON. Duplicate keys are an error (the yaml
 * library's `uniqueKeys`), so a municipality listed twice never silently collapses into one.
 */
import { readFileSync, readdirSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { parse } from "yaml";

export interface StackConfigFile {
  /** Stack name from the file name: `Pulumi.operator.yaml` → `operator`. */
  readonly stack: string;
  readonly config: Record<string, string>;
}

export function stackNameOfFile(path: string): string {
  const match = /^Pulumi\.(.+)\.ya?ml$/.exec(basename(path));
  if (!match) throw new Error(`${path}: expected a stack config file named Pulumi.<stack>.yaml`);
  return match[1];
}

export function parseStackConfigText(text: string, source: string): Record<string, string> {
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`, { cause: error });
  }
  const config = (document as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new Error(`${source}: "config" must be a map of key: value`);
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

/** A file that cannot be read is named, with what was expected there, instead of a raw ENOENT. */
export function readStackConfigFile(path: string): StackConfigFile {
  const stack = stackNameOfFile(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file; give the path of an existing stack config file (Pulumi.<stack>.yaml)"
        : code === "EISDIR"
          ? "is a directory, not a stack config file"
          : `cannot be read (${(error as Error).message})`;
    throw new Error(`${path}: ${why}`, { cause: error });
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
