/**
 * Cross-account wiring for the offline plan, as pure functions: which stack reference names
 * which stack, how the municipality finds the operator's invoke role ARN and application profile,
 * and which resources a value that crossed ends up in. The runner (plan/run.ts) calls these between
 * program runs. Config is read parsed (`parseStackConfig`), outputs through the stack contract.
 */
import { type MunicipalityConfig, type StackConfig, configKeyOf } from "../infra/config";
import { referencesStack } from "../infra/config/cross-stack";
import { OPERATOR_PROFILE_ARNS_OUTPUT, OPERATOR_ROLE_ARNS_OUTPUT, operatorOutputsOf } from "../stacks/contract";
import type { JsonValue, PlanResource } from "./schema";

export { referencesStack };

/** Full keys of the two ways a municipality names its operator, and of the profile hand-over. */
export const OPERATOR_STACK_KEY = configKeyOf(["operatorStack"]);
export const OPERATOR_ROLE_ARN_KEY = configKeyOf(["operatorRoleArn"]);
export const OPERATOR_PROFILE_ARN_KEY = configKeyOf(["operatorInferenceProfileArn"]);

/** `municipalityStack` references in an operator's config, keyed by municipality name. */
export function municipalityStackReferences(config: StackConfig): Record<string, string> {
  if (config.account !== "operator") return {};
  return Object.fromEntries(
    Object.entries(config.municipalities).flatMap(([name, peer]) =>
      peer.municipalityStack !== undefined ? [[name, peer.municipalityStack]] : [],
    ),
  );
}

/** One municipality's entry of an operator output map (`invokeRoleArns`, `inferenceProfileArns`), if a string. */
function exportedFor(
  operatorOutputs: Readonly<Record<string, unknown>>,
  output: typeof OPERATOR_ROLE_ARNS_OUTPUT | typeof OPERATOR_PROFILE_ARNS_OUTPUT,
  municipality: string,
): string | undefined {
  const value = operatorOutputsOf(operatorOutputs)[output]?.[municipality];
  return typeof value === "string" ? value : undefined;
}

/** What the operator exports for a municipality (`invokeRoleArns[<name>]`), if anything. */
export function invokeRoleArnFor(outputs: Readonly<Record<string, unknown>>, municipality: string): string | undefined {
  return exportedFor(outputs, OPERATOR_ROLE_ARNS_OUTPUT, municipality);
}

/** What a metering operator exports for a municipality (`inferenceProfileArns[<name>]`), if anything. */
export function applicationProfileArnFor(
  outputs: Readonly<Record<string, unknown>>,
  municipality: string,
): string | undefined {
  return exportedFor(outputs, OPERATOR_PROFILE_ARNS_OUTPUT, municipality);
}

export interface OperatorCandidate {
  readonly stack: string;
  readonly outputs: Readonly<Record<string, unknown>>;
}

export type MunicipalityWiring =
  /** The config names the operator stack: the plan feeds that reference the operator's outputs. */
  | { readonly kind: "reference"; readonly reference: string; readonly operator: string }
  /**
   * The config gives the ARN (separate backends) and it is used as written. `operator` is the
   * plan's operator stack that exports exactly that invoke role for this municipality, if one does.
   */
  | { readonly kind: "given"; readonly configuredArn: string; readonly operator: string | undefined }
  /** The config names an operator stack the plan does not have. */
  | { readonly kind: "missing"; readonly reference: string };

export function municipalityWiring(
  config: MunicipalityConfig,
  operators: readonly OperatorCandidate[],
): MunicipalityWiring {
  if ("stack" in config.operator) {
    const reference = config.operator.stack;
    const operator = operators.find((candidate) => referencesStack(reference, candidate.stack));
    return operator ? { kind: "reference", reference, operator: operator.stack } : { kind: "missing", reference };
  }
  const configuredArn = config.operator.roleArn;
  const operator = operators.find(
    (candidate) => invokeRoleArnFor(candidate.outputs, config.municipalityName) === configuredArn,
  );
  return { kind: "given", configuredArn, operator: operator?.stack };
}

/** Every string inside a JSON value (the ids of an `endpointIds` map, or one ARN). */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  // An array's values are its items, in order.
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * `<resource>.<input>` for every top-level input that contains one of the values, so the report
 * can say where a value from the other account lands (a policy, a trust document...).
 */
export function findFeeds(resources: readonly PlanResource[], values: readonly string[]): string[] {
  const wanted = values.filter((value) => value.length > 0);
  const contains = (value: JsonValue): boolean => stringsIn(value).some((text) => wanted.some((w) => text.includes(w)));
  return resources.flatMap((resource) =>
    resource.type === "pulumi:pulumi:StackReference"
      ? []
      : Object.entries(resource.inputs)
          .filter(([, value]) => contains(value))
          .map(([input]) => `${resource.name}.${input}`),
  );
}
