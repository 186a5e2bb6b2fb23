/** From the engine's flat key/value config to the raw object a schema validates. */
import { CONFIG_NAMESPACE, ConfigError } from "./errors";

/**
 * Turns the engine's flat config (`bedrock-lz:<key>` and `aws:region`, values as strings, maps as
 * JSON) into the raw object the schema validates. Every `bedrock-lz:` key is kept, so a misspelt
 * one is reported instead of silently ignored; top-level scalars stay strings so account ids keep
 * their leading zeros.
 */
export function rawConfigOf(
  flat: Readonly<Record<string, string>>,
  options: {
    /** Another project's namespace (the bootstrap project uses `bedrock-lz-bootstrap`). */
    readonly namespace?: string;
    /** Read top-level `true`/`false` as booleans (this project has no top-level booleans). */
    readonly booleans?: boolean;
  } = {},
): Record<string, unknown> {
  const prefix = `${options.namespace ?? CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (key === "aws:region") raw.region = value;
    else if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = parseStructured(key, value, options.booleans);
  }
  return raw;
}

function parseStructured(key: string, value: string, booleans = false): unknown {
  if (booleans && (value === "true" || value === "false")) return value === "true";
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new ConfigError([{ key, message: "is not a valid map or list (JSON)" }]);
  }
}
