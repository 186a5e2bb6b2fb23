/**
 * Values a stack file already holds for another stack's output: the hand-over done by hand. An
 * operator's `bedrockRuntimeEndpointId` is the id AWS gave the municipality's endpoint; a
 * municipality's `operatorInferenceProfileArn` is the ARN Bedrock gave the operator's profile. The
 * mock engine cannot know those values, so it invents placeholders; binding replaces each
 * placeholder in the other stack's run by the value the file holds, so both sides of the plan
 * speak of the same endpoint and profile, as they will after the real deployment.
 */
import type { ProgramRun } from "../harness/mock-engine";

/** Placeholder → the value a stack file gives for it. */
export type Bindings = ReadonlyMap<string, string>;

function bindValue(value: unknown, bindings: Bindings): unknown {
  if (typeof value === "string") {
    let text = value;
    for (const [placeholder, bound] of bindings) text = text.split(placeholder).join(bound);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => bindValue(item, bindings));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bindValue(item, bindings)]));
  }
  return value;
}

/** The run with every placeholder replaced in its resources' inputs and outputs and in its stack outputs. */
export function bindRun(run: ProgramRun, bindings: Bindings): ProgramRun {
  const live = new Map([...bindings].filter(([placeholder, bound]) => placeholder !== bound && placeholder !== ""));
  if (live.size === 0) return run;
  return {
    ...run,
    resources: run.resources.map((resource) => ({
      ...resource,
      inputs: bindValue(resource.inputs, live) as Record<string, unknown>,
      outputs: bindValue(resource.outputs, live) as Record<string, unknown>,
    })),
    outputs: bindValue(run.outputs, live) as Record<string, unknown>,
  };
}
