/**
 * Turns a mock-engine run into the arguments CrossGuard hands a policy pack, so the pack's rules
 * run on exactly what the program declares, without the CLI. Resource rules get the resolved
 * inputs (as during `pulumi preview`); the stack rules get every resource with its properties after
 * `pulumi up` (inputs and what the provider assigned, such as ARNs) and its `propertyDependencies`.
 * The mock engine records values, not dependencies, so a property is taken to depend on a resource
 * when its value is that resource's mock id or ARN.
 */
import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { type ProgramRun, type RecordedResource, fakeId } from "../../harness/mock-engine";

const DEFAULT_OPTIONS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

function isTypeOf(type: string) {
  return (resourceClass: unknown) => (resourceClass as { __pulumiType?: string }).__pulumiType === type;
}

function notApplicable(reason?: string): never {
  throw new Error(`policy not applicable: ${reason ?? "(no reason)"}`);
}

/** Only the resources the engine would send to a policy pack: custom resources, not stack references. */
function customResources(run: ProgramRun): RecordedResource[] {
  return run.resources.filter((resource) => resource.custom && resource.type !== "pulumi:pulumi:StackReference");
}

export function resourceValidationArgs(resource: RecordedResource): ResourceValidationArgs {
  const props: Record<string, unknown> = resource.inputs;
  return {
    type: resource.type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: DEFAULT_OPTIONS,
    stackTags: new Map(),
    isType: isTypeOf(resource.type) as ResourceValidationArgs["isType"],
    asType: ((resourceClass: unknown) =>
      isTypeOf(resource.type)(resourceClass) ? props : undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({}) as T,
    notApplicable,
  };
}

/** Every custom resource of the run as `ResourceValidationArgs`. */
export function resourceArgsOf(run: ProgramRun): ResourceValidationArgs[] {
  return customResources(run).map(resourceValidationArgs);
}

export function stackValidationArgs(run: ProgramRun): StackValidationArgs {
  const recorded = customResources(run);
  // Several resources may share a logical name, hence a mock id: keep every candidate.
  const byReference = new Map<string, PolicyResource[]>();
  const remember = (reference: string, resource: PolicyResource) =>
    byReference.set(reference, [...(byReference.get(reference) ?? []), resource]);
  const policyResources = recorded.map((resource) => {
    const props: Record<string, unknown> = { ...resource.inputs, ...resource.outputs };
    const policyResource: PolicyResource = {
      type: resource.type,
      props,
      urn: resource.urn,
      name: resource.name,
      opts: DEFAULT_OPTIONS,
      dependencies: [],
      propertyDependencies: {},
      isType: isTypeOf(resource.type) as PolicyResource["isType"],
      asType: ((resourceClass: unknown) =>
        isTypeOf(resource.type)(resourceClass) ? props : undefined) as PolicyResource["asType"],
    };
    remember(fakeId(resource.type, resource.name, run.stack), policyResource);
    if (typeof props.arn === "string") remember(props.arn, policyResource);
    return policyResource;
  });
  for (const resource of policyResources) {
    const all = new Set<PolicyResource>();
    for (const [key, value] of Object.entries(resource.props)) {
      const found = referencedIn(value, byReference).filter((dependency) => dependency !== resource);
      if (found.length > 0) resource.propertyDependencies[key] = found;
      found.forEach((dependency) => all.add(dependency));
    }
    resource.dependencies.push(...all);
  }
  return {
    resources: policyResources,
    stackTags: new Map(),
    getConfig: <T extends object>() => ({}) as T,
    notApplicable,
  };
}

function referencedIn(value: unknown, byReference: ReadonlyMap<string, PolicyResource[]>): PolicyResource[] {
  if (typeof value === "string") return byReference.get(value) ?? [];
  if (Array.isArray(value)) return value.flatMap((item) => referencedIn(item, byReference));
  if (typeof value === "object" && value !== null) {
    return Object.values(value).flatMap((item) => referencedIn(item, byReference));
  }
  return [];
}

/** A violation as the rules report it: message and, for stack rules, the resource's URN. */
export interface Violation {
  readonly message: string;
  readonly urn?: string;
}

/** A `reportViolation` that collects into an array. */
export function collector(): { violations: Violation[]; report: (message: string, urn?: string) => void } {
  const violations: Violation[] = [];
  return { violations, report: (message, urn) => violations.push(urn === undefined ? { message } : { message, urn }) };
}
