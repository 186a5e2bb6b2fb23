import type { StackConfig } from "../infra/config";
import { municipalityStack } from "./municipality";
import { operatorStack } from "./operator";

export * from "./contract";
export { operatorStack } from "./operator";
export { municipalityStack } from "./municipality";
export { readStackConfig } from "./read-config";

/** Declares the resources of the account this stack is for and returns its outputs. */
export function runStack(config: StackConfig) {
  return config.account === "operator" ? operatorStack(config) : municipalityStack(config);
}
