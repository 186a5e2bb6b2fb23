/**
 * The API-model gate: every input a program run declares, checked against the constraints of the
 * request member the provider sends it as (api-mapping.ts), from AWS's own models
 * (infra/api-models/api-models.json: botocore shapes, CloudFormation schemas). Patterns apply to the
 * whole value, as AWS applies them; tags are checked as the provider sends them, merged with its
 * default tags. A resource type or an input the mapping does not name is a problem too.
 */
import type { ProgramRun, RecordedResource } from "../../harness/mock-engine";
import {
  API_MODELS,
  type ApiShape,
  type CfnConstraint,
  codePoints,
  jsonSchemaPattern,
  scalarProblems,
  serviceAnswersIn,
  service as serviceModel,
  shapeOf,
  sizeProblems,
  valueProblems,
} from "../../infra/api-models";
import {
  API_MAPPING,
  type Assigned,
  INVOKE_MAPPING,
  type InputTarget,
  type MemberTarget,
  type PairsTarget,
  PROVIDER_MAPPING,
  PROVIDER_TYPE,
  type TypeMapping,
  isAwsResourceType,
} from "./api-mapping";

export interface ApiCheck {
  /** Values, list sizes and tag keys and values checked against at least one constraint source. */
  readonly checked: number;
  readonly problems: string[];
}

interface Entry {
  readonly path: string;
  readonly value: unknown;
  readonly list?: boolean;
}

/** Flattens recorded inputs into `a.b` / `a[]` paths; maps sent as pairs are kept whole. */
function flatten(value: unknown, path: string, keepWhole: (path: string) => boolean, out: Entry[] = []): Entry[] {
  if (path !== "" && keepWhole(path)) {
    out.push({ path, value });
  } else if (Array.isArray(value)) {
    out.push({ path, value, list: true });
    if (value.length === 0) out.push({ path: `${path}[]`, value: undefined });
    for (const item of value) flatten(item, `${path}[]`, keepWhole, out);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value))
      flatten(child, path === "" ? key : `${path}.${key}`, keepWhole, out);
  } else if (path !== "") {
    out.push({ path, value });
  }
  return out;
}

const [serviceOf, operationOf] = [(call: string) => call.split(":")[0], (call: string) => call.split(":")[1]];

function memberShape(call: string, member: string): { shape: ApiShape; name: string } {
  const service = serviceOf(call);
  const name = shapeOf({ service, operation: operationOf(call), path: member });
  return { shape: serviceModel(service).shapes[name], name };
}

function cfnProblems(value: unknown, constraint: CfnConstraint, prefix: "" | "items."): string[] {
  const get = <K extends "pattern" | "minLength" | "maxLength" | "enum">(key: K) =>
    constraint[`${prefix}${key}` as keyof CfnConstraint] as CfnConstraint[K];
  const problems: string[] = [];
  if (typeof value === "string") {
    const [pattern, min, max, allowed] = [get("pattern"), get("minLength"), get("maxLength"), get("enum")];
    if (pattern !== undefined && !jsonSchemaPattern(pattern).test(value)) problems.push(`does not match ${pattern}`);
    if (min !== undefined && codePoints(value) < min) problems.push(`is shorter than ${min}`);
    if (max !== undefined && codePoints(value) > max) problems.push(`is longer than ${max}`);
    if (allowed !== undefined && !(allowed as unknown[]).includes(value))
      problems.push(`is not one of ${allowed.join(", ")}`);
  } else if (typeof value === "number" && prefix === "") {
    if (constraint.minimum !== undefined && value < constraint.minimum)
      problems.push(`is less than ${constraint.minimum}`);
    if (constraint.maximum !== undefined && value > constraint.maximum)
      problems.push(`is more than ${constraint.maximum}`);
    if (constraint.enum !== undefined && !(constraint.enum as unknown[]).includes(value))
      problems.push(`is not one of ${constraint.enum.join(", ")}`);
  }
  return problems;
}

/** The constraints of a CloudFormation property, or a problem when the data has no such property. */
function cfnConstraint(cfnType: string | undefined, property: string): CfnConstraint | string {
  if (cfnType === undefined) return `names CloudFormation property ${property} but its type has no cfnType`;
  const found = API_MODELS.cloudFormation[cfnType]?.properties[property];
  return found ?? `${cfnType} has no constrained property ${property} in infra/api-models/api-models.json`;
}

/** Pulumi list path → the API list it becomes, from the element mappings (`a[]` ↔ `A[]`). */
function listPairs(mapping: Readonly<Record<string, InputTarget>>): Map<string, MemberTarget> {
  const pairs = new Map<string, MemberTarget>();
  for (const [path, target] of Object.entries(mapping)) {
    if (target.kind !== "member") continue;
    const ours = path.split("[]");
    const theirs = target.member.split("[]");
    if (ours.length !== theirs.length) continue;
    for (let i = 1; i < ours.length; i++) {
      const list = ours.slice(0, i).join("[]");
      if (!pairs.has(list)) pairs.set(list, { ...target, member: theirs.slice(0, i).join("[]"), cfn: undefined });
    }
  }
  return pairs;
}

class Checker {
  checked = 0;
  readonly problems: string[] = [];

  constructor(private readonly where: string) {}

  problem(path: string, target: string, problem: string): void {
    this.problems.push(`${this.where} ${path} → ${target}: ${problem}`);
  }

  /** A scalar (or one list element) against its member's shape and, when named, its CloudFormation property. */
  member(path: string, value: unknown, target: MemberTarget, cfnType: string | undefined): void {
    const label = `${target.call} ${target.member}`;
    let shape: ApiShape;
    try {
      shape = memberShape(target.call, target.member).shape;
    } catch (error) {
      this.problem(path, label, (error as Error).message);
      return;
    }
    if (value === undefined) return;
    const found = scalarProblems(value, shape);
    if (target.cfn !== undefined) {
      const constraint = cfnConstraint(cfnType, target.cfn);
      if (typeof constraint === "string") this.problem(path, label, constraint);
      else {
        const prefix = path.endsWith("[]") ? "items." : "";
        found.push(...cfnProblems(value, constraint, prefix).map((p) => `${p} (${cfnType} ${target.cfn})`));
      }
    }
    this.checked++;
    for (const problem of found) this.problem(path, label, `${JSON.stringify(value)} ${problem}`);
  }

  /** A member whose value the mock engine stands in for: only that the model has it. */
  exists(path: string, target: Assigned): void {
    try {
      memberShape(target.call, target.member);
    } catch (error) {
      this.problem(path, `${target.call} ${target.member}`, (error as Error).message);
    }
  }

  /** A list's length against the API list it becomes and, when its elements name one, their CloudFormation property. */
  listSize(
    path: string,
    count: number,
    api: MemberTarget | undefined,
    cfn: MemberTarget | undefined,
    cfnType?: string,
  ): void {
    const found: string[] = [];
    if (api !== undefined) {
      try {
        found.push(
          ...sizeProblems(count, memberShape(api.call, api.member).shape).map(
            (p) => `${p} (${api.call} ${api.member})`,
          ),
        );
      } catch (error) {
        found.push((error as Error).message);
      }
    }
    if (cfn?.cfn !== undefined) {
      const constraint = cfnConstraint(cfnType, cfn.cfn);
      if (typeof constraint === "string") found.push(constraint);
      else {
        if (constraint.minItems !== undefined && count < constraint.minItems)
          found.push(`has ${count} entries, fewer than ${constraint.minItems} (${cfnType} ${cfn.cfn})`);
        if (constraint.maxItems !== undefined && count > constraint.maxItems)
          found.push(`has ${count} entries, more than ${constraint.maxItems} (${cfnType} ${cfn.cfn})`);
      }
    }
    if (api === undefined && cfn?.cfn === undefined) return;
    this.checked++;
    for (const problem of found) this.problem(path, "list", problem);
  }

  pairs(path: string, map: Readonly<Record<string, unknown>>, target: PairsTarget): void {
    const label = `${target.call} ${target.member}`;
    let container: ApiShape;
    try {
      container = memberShape(target.call, target.member).shape;
    } catch (error) {
      this.problem(path, label, (error as Error).message);
      return;
    }
    const [keyPath, valuePath] =
      container.type === "map"
        ? [`${target.member}{key}`, `${target.member}{}`]
        : [`${target.member}[].${target.key}`, `${target.member}[].${target.value}`];
    const keyShape = memberShape(target.call, keyPath).shape;
    const valueShape = memberShape(target.call, valuePath).shape;
    const entries = Object.entries(map);
    this.checked++;
    for (const problem of sizeProblems(entries.length, container)) this.problem(path, label, problem);
    for (const [key, value] of entries) {
      this.checked += 2;
      for (const problem of scalarProblems(key, keyShape))
        this.problem(`${path}.${key}`, `${label} key`, `${JSON.stringify(key)} ${problem}`);
      // AWS reserves the `aws:` prefix for its own tags (Tagging AWS resources: tag naming limits).
      if (target.kind === "tags" && key.toLowerCase().startsWith("aws:"))
        this.problem(`${path}.${key}`, `${label} key`, `${JSON.stringify(key)} starts with the reserved prefix aws:`);
      for (const problem of scalarProblems(value, valueShape))
        this.problem(`${path}.${key}`, `${label} value`, `${JSON.stringify(value)} ${problem}`);
    }
  }
}

interface ProviderInfo {
  readonly region: string;
  readonly defaultTags: Readonly<Record<string, string>>;
}

const parsed = (value: unknown): unknown =>
  typeof value === "string" && /^[[{]/.test(value) ? JSON.parse(value) : value;

function providerInfo(provider: RecordedResource): ProviderInfo {
  const defaultTags = parsed(provider.inputs.defaultTags) as { tags?: Record<string, string> } | undefined;
  return { region: String(provider.inputs.region), defaultTags: defaultTags?.tags ?? {} };
}

/** The explicit provider a resource is created through (Pulumi.yaml disables the default one). */
function providerOf(
  resource: RecordedResource,
  providers: ReadonlyMap<string, ProviderInfo>,
): ProviderInfo | undefined {
  const urn = resource.options.dependencyUrns.find((candidate) => candidate.includes(`${PROVIDER_TYPE}::`));
  return urn === undefined ? undefined : providers.get(urn.split("::")[3]);
}

function checkInputsOf(
  checker: Checker,
  inputs: Record<string, unknown>,
  targets: Readonly<Record<string, InputTarget>>,
  cfnType: string | undefined,
  defaultTags?: Readonly<Record<string, string>>,
): void {
  // Maps sent as pairs, and what the provider keeps, are taken whole.
  const whole = Object.entries(targets)
    .filter(([, target]) => target.kind !== "member")
    .map(([path]) => path);
  const lists = listPairs(targets);
  for (const entry of flatten(inputs, "", (path) => whole.includes(path))) {
    const target = targets[entry.path];
    if (entry.list) {
      const element = targets[`${entry.path}[]`];
      checker.listSize(
        entry.path,
        (entry.value as unknown[]).length,
        target?.kind === "member" ? target : lists.get(entry.path),
        element?.kind === "member" ? element : undefined,
        cfnType,
      );
      continue;
    }
    if (target === undefined) {
      checker.problem(entry.path, "?", "no mapping: add the input to tests/fidelity/api-mapping.ts");
    } else if (target.kind === "member") {
      checker.member(entry.path, entry.value, target, cfnType);
    } else if (target.kind === "assigned") {
      checker.exists(entry.path, target);
    } else if (target.kind === "pairs") {
      checker.pairs(entry.path, (entry.value ?? {}) as Record<string, unknown>, target);
    }
  }
  // Tags: what the provider sends, its default tags under the resource's own, even when the resource sets none.
  for (const [path, target] of Object.entries(targets)) {
    if (target.kind !== "tags") continue;
    const own = (inputs[path] ?? {}) as Record<string, string>;
    checker.pairs(path, { ...(defaultTags ?? {}), ...own }, target);
  }
}

/** Checks every AWS resource and provider one run declares. */
export function checkApiInputs(run: ProgramRun, label = run.stack): ApiCheck {
  const providers = new Map(
    run.resources.filter((r) => r.type === PROVIDER_TYPE).map((r) => [r.name, providerInfo(r)] as const),
  );
  const checker = new Checker(label);
  for (const resource of run.resources) {
    const where = new Checker(`${label}: ${resource.name} (${resource.type})`);
    if (resource.type === PROVIDER_TYPE) {
      const inputs = Object.fromEntries(Object.entries(resource.inputs).map(([key, value]) => [key, parsed(value)]));
      checkInputsOf(where, inputs, PROVIDER_MAPPING, undefined);
    } else if (isAwsResourceType(resource.type)) {
      const mapping: TypeMapping | undefined = API_MAPPING[resource.type];
      const provider = providerOf(resource, providers);
      if (mapping === undefined)
        where.problem("", "?", "resource type with no mapping: add it to tests/fidelity/api-mapping.ts");
      else if (provider === undefined) where.problem("", "?", "created without an explicit aws provider");
      else checkInputsOf(where, resource.inputs, mapping.inputs, mapping.cfnType, provider.defaultTags);
    }
    checker.checked += where.checked;
    checker.problems.push(...where.problems);
  }
  return { checked: checker.checked, problems: checker.problems };
}

/** One data-source call the program made through the mock engine. */
export interface RecordedInvoke {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
}

export function checkInvokes(invokes: readonly RecordedInvoke[]): ApiCheck {
  const checker = new Checker("invoke");
  for (const { token, inputs } of invokes) {
    const targets = INVOKE_MAPPING[token];
    const where = new Checker(`invoke ${token}`);
    if (targets === undefined) where.problem("", "?", "data source with no mapping: add it to INVOKE_MAPPING");
    // The provider's own lookup arguments (region, tags filters) are not the program's values.
    else
      checkInputsOf(
        where,
        Object.fromEntries(Object.entries(inputs).filter(([k]) => k in targets)),
        targets,
        undefined,
      );
    checker.checked += where.checked;
    checker.problems.push(...where.problems);
  }
  return { checked: checker.checked, problems: checker.problems };
}

/** One AWS SDK request a tool made: the client's service id, the command's operation and its input. */
export interface SdkRequest {
  readonly serviceId: string;
  readonly operation: string;
  readonly input: unknown;
}

/** Checks SDK requests against their operations' input shapes (SDK inputs use the model's member names). */
export function checkSdkRequests(requests: readonly SdkRequest[]): ApiCheck {
  let checked = 0;
  const problems: string[] = [];
  for (const { serviceId, operation, input } of requests) {
    const entry = Object.entries(API_MODELS.services).find(([, model]) => model.serviceId === serviceId);
    if (entry === undefined) {
      problems.push(`${serviceId} ${operation}: no such service in infra/api-models (add it to refresh.py)`);
      continue;
    }
    const [name, model] = entry;
    const shape = model.operations[operation];
    if (shape === undefined) {
      problems.push(`${name} ${operation}: not in infra/api-models (add it to refresh.py's OPERATIONS)`);
      continue;
    }
    checked++;
    if (shape !== null) problems.push(...valueProblems(name, shape, input).map((p) => `${name} ${operation} ${p}`));
  }
  return { checked, problems };
}

/**
 * Region facts: every resource's service answers in its provider's region (a global one in the
 * region its endpoint signs for, e.g. Budgets in us-east-1), and its CloudFormation type is
 * registered there (cfn-lint's per-region lists).
 */
export function regionProblems(run: ProgramRun): string[] {
  const providers = new Map(
    run.resources.filter((r) => r.type === PROVIDER_TYPE).map((r) => [r.name, providerInfo(r)] as const),
  );
  const problems: string[] = [];
  for (const provider of providers.values()) {
    if (!API_MODELS.regions.includes(provider.region))
      problems.push(`a provider in ${provider.region}, which infra/api-models/refresh.py does not record`);
  }
  for (const resource of run.resources) {
    const mapping = API_MAPPING[resource.type];
    const provider = providerOf(resource, providers);
    if (mapping === undefined || provider === undefined) continue;
    const { ok, signingRegion } = serviceAnswersIn(mapping.service, provider.region);
    if (!ok)
      problems.push(`${resource.name} (${resource.type}): ${mapping.service} has no endpoint in ${provider.region}`);
    if (mapping.cfnType !== undefined) {
      const regions = API_MODELS.cloudFormation[mapping.cfnType]?.regions;
      if (regions === undefined) problems.push(`${resource.type}: ${mapping.cfnType} is not in infra/api-models`);
      else if (!regions.includes(signingRegion))
        problems.push(`${resource.name} (${resource.type}): ${mapping.cfnType} is not offered in ${signingRegion}`);
    }
  }
  return problems;
}
