/**
 * The stack configuration: one zod schema, discriminated by which account the stack is for,
 * parsed once before any resource is declared. Every error names the Pulumi config key and
 * what is allowed, so a wrong value never gets as far as AWS.
 */
import { z } from "zod";
import { interfaceEndpointProblems, longestGuardrailReference, operatorLimitProblems } from "../limits";
import { ConfigError, configKeyOf, problemsOf } from "./errors";
import { CONFIG_MESSAGES as m } from "./messages";
import { municipalitySchema } from "./municipality";
import { operatorSchema } from "./operator";

export const stackSchema = z.discriminatedUnion("account", [operatorSchema, municipalitySchema], {
  error: m.account,
});

export type StackConfig = z.output<typeof stackSchema>;

/**
 * Validates raw config (the `bedrock-lz:*` values plus `region` from `aws:region`) and returns
 * the resolved configuration, or throws a {@link ConfigError} listing every problem.
 */
export function parseStackConfig(raw: unknown): StackConfig {
  // reportInput: the problems can tell a missing value from one of the wrong shape.
  const result = stackSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ConfigError(problemsOf(result.error, undefined, { schema: stackSchema, input: raw }));
  const config = result.data;
  const overLimits = limitProblemsOf(config);
  if (overLimits.length > 0) {
    throw new ConfigError(overLimits.map((p) => ({ key: configKeyOf(p.path), message: p.message })));
  }
  return config;
}

/** AWS quotas, checked on the resolved configuration with the documents the stacks will create. */
function limitProblemsOf(config: StackConfig) {
  if (config.account === "municipality") {
    return interfaceEndpointProblems(config.endpoints, config.quotas.interfaceEndpointsPerVpc);
  }
  return operatorLimitProblems(
    { profile: config.inferenceProfile, region: config.region, operatorAccountId: config.accountId },
    Object.entries(config.municipalities).map(([name, peer]) => ({
      name,
      municipalityAccountId: peer.accountId,
      ...peer,
    })),
    config.quotas,
    config.guardrail?.enforceOnInvokeRoles ? longestGuardrailReference(config.region, config.accountId) : undefined,
    // The invocation-logging role (components/invocation-logging.ts) counts against the same quota.
    config.invocationLogging !== undefined ? 1 : 0,
    config.metering !== undefined,
  );
}
