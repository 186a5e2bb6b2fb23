import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type StackConfig, parseStackConfig, rawConfigOf } from "../infra/config";

/**
 * Reads this stack's Pulumi config and validates it before any resource is declared. A bad value
 * stops the program with the key and what is allowed, without a stack trace (RunError).
 */
export function readStackConfig(): StackConfig {
  try {
    return parseStackConfig(rawConfigOf(pulumi.runtime.allConfig()));
  } catch (error) {
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}
