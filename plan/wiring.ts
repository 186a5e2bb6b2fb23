/**
 * Cross-account wiring for the offline plan, as pure functions: which stack reference names
 * which stack, how the municipality is fed the operator's invoke role ARN, and which resources
 * a value that crossed ends up in. The runner (plan/run.ts) calls these between program runs.
 * Config is read parsed (`parseStackConfig`), outputs through the stack contract.
 */
import { type MunicipalityConfig, type StackConfig, configKeyOf } from "../infra/config";
import { OPERATOR_ROLE_ARNS_OUTPUT, operatorOutputsOf } from "../stacks/contract";
import { PROJECT_NAME } from "../harness/mock-engine";
import type { JsonValue, PlanResource } from "./schema";

/** Full keys of the two ways a municipality names its operator, for messages and the swap. */
export const OPERATOR_STACK_KEY = configKeyOf(["operatorStack"]);
export const OPERATOR_ROLE_ARN_KEY = configKeyOf(["operatorRoleArn"]);

/**
 * Whether a StackReference name (`stack`, `org/stack` or `org/bedrock-lz/stack`) names a stack of
 * this plan: the plan has one project, so the last segment decides, and a project segment must
 * be this one.
 */
export function referencesStack(reference: string, stack: string): boolean {
  const parts = reference.split("/");
  if (parts.length === 3 && parts[1] !== PROJECT_NAME) return false;
  return parts.length <= 3 && parts[parts.length - 1] === stack;
}

/** `municipalityStack` references in an operator's config, keyed by municipality name. */
export function municipalityStackReferences(config: StackConfig): Record<string, string> {
  if (config.account !== "operator") return {};
  return Object.fromEntries(
    Object.entries(config.municipalities).flatMap(([name, peer]) =>
      peer.municipalityStack !== undefined ? [[name, peer.municipalityStack]] : [],
    ),
  );
}

/** What the operator exports for a municipality (`invokeRoleArns[<name>]`), if anything. */
export function invokeRoleArnFor(
  operatorOutputs: Readonly<Record<string, unknown>>,
  municipality: string,
): string | undefined {
  const arn = operatorOutputsOf(operatorOutputs)[OPERATOR_ROLE_ARNS_OUTPUT]?.[municipality];
  return typeof arn === "string" ? arn : undefined;
}

export interface OperatorCandidate {
  readonly stack: string;
  readonly outputs: Readonly<Record<string, unknown>>;
}

export type MunicipalityWiring =
  /** The config already names the operator stack: feed that reference. */
  | { readonly kind: "reference"; readonly reference: string; readonly operator: string }
  /**
   * The config gives the ARN; the plan swaps it for a StackReference to the operator stack that
   * exports an invoke role for this municipality, so the value really crosses between the runs.
   */
  | {
      readonly kind: "replaced";
      readonly operator: string;
      readonly configuredArn: string;
      readonly exportedArn: string;
    }
  /** The ARN is given and no operator stack in the plan exports a role for this municipality. */
  | { readonly kind: "given"; readonly configuredArn: string | undefined }
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
  const name = config.municipalityName;
  const exporting = operators.flatMap((candidate) => {
    const arn = invokeRoleArnFor(candidate.outputs, name);
    return arn === undefined ? [] : [{ stack: candidate.stack, arn }];
  });
  const chosen =
    exporting.find((candidate) => candidate.arn === configuredArn) ??
    (exporting.length === 1 ? exporting[0] : undefined);
  return chosen
    ? { kind: "replaced", operator: chosen.stack, configuredArn, exportedArn: chosen.arn }
    : { kind: "given", configuredArn };
}

/** The flat config the municipality runs with for a `replaced` wiring. */
export function withOperatorReference(
  config: Readonly<Record<string, string>>,
  operatorStack: string,
): Record<string, string> {
  const { [OPERATOR_ROLE_ARN_KEY]: _replaced, ...rest } = config;
  return { ...rest, [OPERATOR_STACK_KEY]: operatorStack };
}

/** Every string inside a JSON value (the ids of an `endpointIds` map, or one ARN). */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * `<resource>.<input>` for every top-level input that contains one of the values, so the report
 * can say where a value from the other account lands (a policy, a trust document...).
 */
export function findFeeds(resources: readonly PlanResource[], values: readonly string[]): string[] {
  const wanted = values.filter((value) => value.length > 0);
  if (wanted.length === 0) return [];
  const contains = (value: JsonValue): boolean => stringsIn(value).some((text) => wanted.some((w) => text.includes(w)));
  return resources.flatMap((resource) =>
    resource.type === "pulumi:pulumi:StackReference"
      ? []
      : Object.entries(resource.inputs)
          .filter(([, value]) => contains(value))
          .map(([input]) => `${resource.name}.${input}`),
  );
}
