/**
 * Reads a `Pulumi.<stack>.yaml` file into the flat key → string map the Pulumi engine hands a
 * program: scalars as strings, maps and lists as JSON. Duplicate keys are an error (the yaml
 * library's `uniqueKeys`), so a municipality listed twice never silently collapses into one.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
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

export function readStackConfigFile(path: string): StackConfigFile {
  return { stack: stackNameOfFile(path), config: parseStackConfigText(readFileSync(path, "utf8"), path) };
}
