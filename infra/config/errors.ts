/**
 * Config errors: every zod issue becomes one "key: message" problem naming the full Pulumi
 * config key and what is allowed there, and all of them are reported at once.
 */
import type { z } from "zod";
import { PROJECT } from "../naming";

/** Pulumi config namespace of this project (`bedrock-lz:<key>`). */
export const CONFIG_NAMESPACE = PROJECT;

export interface ConfigProblem {
  /** The full Pulumi config key, e.g. `bedrock-lz:municipalities.sapporo.accountId`. */
  readonly key: string;
  readonly message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    /** Which configuration failed, for the first line: the bootstrap project says "bootstrap". */
    subject = "stack",
  ) {
    super(`invalid ${subject} configuration:\n` + problems.map((p) => `  - ${p.key}: ${p.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** `region` comes from the AWS provider's own key; everything else is in the project's namespace. */
export function configKeyOf(path: readonly PropertyKey[], namespace = CONFIG_NAMESPACE): string {
  if (path.length === 0) return `${namespace}:<root>`;
  if (path[0] === "region") return "aws:region";
  return `${namespace}:${path.map(String).join(".")}`;
}

/** One problem per issue; an unknown key or a bad map key gets a message that says what to check. */
export function problemsOf(error: z.ZodError, namespace = CONFIG_NAMESPACE): ConfigProblem[] {
  return error.issues.flatMap((issue): ConfigProblem | ConfigProblem[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        key: configKeyOf([...issue.path, key], namespace),
        message:
          "is not a setting here; check its spelling (keys are case-sensitive) and that it belongs to this stack's account kind",
      }));
    }
    if (issue.code === "invalid_key") {
      // A map key (municipality name) that does not match its schema.
      const inner = issue.issues[0]?.message ?? issue.message;
      return { key: configKeyOf(issue.path, namespace), message: `map key ${inner}` };
    }
    return { key: configKeyOf(issue.path, namespace), message: issue.message };
  });
}
