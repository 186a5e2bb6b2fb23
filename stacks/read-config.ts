import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, ConfigError, type StackConfig, parseStackConfig } from "../infra/config";

/**
 * Reads every `bedrock-lz:*` config value (so a misspelt key is an error, not silently ignored)
 * plus `aws:region`, and validates them before any resource is declared. Structured values
 * (maps) arrive as JSON; top-level scalars stay strings so account ids keep leading zeros.
 * A bad value stops the program with the key and what is allowed, without a stack trace.
 */
export function readStackConfig(): StackConfig {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = parseStructured(key, value);
  }
  const region = new pulumi.Config("aws").get("region");
  if (region !== undefined) raw.region = region;
  try {
    return parseStackConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

function parseStructured(key: string, value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new pulumi.RunError(`invalid stack configuration:\n  - ${key}: is not a valid map or list`);
  }
}
