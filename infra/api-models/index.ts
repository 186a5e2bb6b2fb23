/**
 * AWS's own input constraints, read from infra/api-models/api-models.json: the botocore service
 * models' shapes (pattern, length, enum, list and map sizes) of every operation the program and its
 * tools call, botocore's endpoint list, and cfn-lint's CloudFormation schemas and per-region type
 * lists. `python3 infra/api-models/refresh.py` regenerates the file from the installed packages; the
 * versions it was made from are in its `sources`.
 *
 * The config schema refuses what these models forbid (infra/config/fields.ts), and the fidelity gate
 * (tests/fidelity/api-inputs.ts) checks every input the program sends against them.
 */
import models from "./api-models.json";
import { API_MODEL_MESSAGES as say } from "./messages";

/** One botocore shape, reduced to what AWS validates on a call. */
export interface ApiShape {
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly required?: readonly string[];
  readonly union?: boolean;
  /** Structure members: member name → shape name. */
  readonly members?: Readonly<Record<string, string>>;
  /** List member shape. */
  readonly member?: string;
  /** Map key and value shapes. */
  readonly key?: string;
  readonly value?: string;
}

export interface ApiService {
  readonly serviceId: string;
  readonly apiVersion: string;
  readonly endpointPrefix: string;
  /** Operation → its input shape (null: the operation takes no input). */
  readonly operations: Readonly<Record<string, string | null>>;
  readonly shapes: Readonly<Record<string, ApiShape>>;
}

export interface EndpointFacts {
  /** False when botocore's endpoints.json does not list the service (newer services resolve by rules only). */
  readonly listed: boolean;
  readonly regions?: readonly string[];
  /** A global service: one endpoint for the partition, signed for this region. */
  readonly global?: { readonly endpoint: string; readonly signingRegion: string };
}

/** A CloudFormation property constraint, as the registry schema writes it. */
export interface CfnConstraint {
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enum?: readonly (string | number)[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly "items.pattern"?: string;
  readonly "items.minLength"?: number;
  readonly "items.maxLength"?: number;
  readonly "items.enum"?: readonly (string | number)[];
}

export interface CfnType {
  /** The regions (of the file's `regions`) whose CloudFormation registry has the type. */
  readonly regions: readonly string[];
  /** `Property` or `Definition.Property` → its constraints. */
  readonly properties: Readonly<Record<string, CfnConstraint>>;
}

export interface ApiModels {
  readonly sources: { readonly botocore: string; readonly "cfn-lint": string };
  readonly regions: readonly string[];
  readonly services: Readonly<Record<string, ApiService>>;
  readonly endpoints: Readonly<Record<string, EndpointFacts>>;
  readonly cloudFormation: Readonly<Record<string, CfnType>>;
}

export const API_MODELS: ApiModels = models as ApiModels;

/** Where the models come from, for messages and docs. */
export const MODEL_SOURCES = `botocore ${API_MODELS.sources.botocore}, cfn-lint ${API_MODELS.sources["cfn-lint"]}`;

const compiled = new Map<string, RegExp>();

/**
 * A model pattern as AWS applies it: to the whole value (Smithy patterns are not anchored, but the
 * services match the entire string), with Unicode classes (`\p{L}`). The models are written for
 * Java and Python regexes, so the few constructs JavaScript lacks are rewritten: `\Z` and `\z` end the
 * input, an escaped punctuation character is the character itself, and an inline `(?i)` makes the
 * rest of its group case-insensitive.
 */
export function awsPattern(pattern: string): RegExp {
  return compile(pattern, true);
}

/**
 * A CloudFormation registry schema's pattern as JSON Schema applies it: found anywhere in the value
 * (the schemas anchor it themselves where they mean the whole value).
 */
export function jsonSchemaPattern(pattern: string): RegExp {
  return compile(pattern, false);
}

function compile(pattern: string, whole: boolean): RegExp {
  const key = `${whole}:${pattern}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    const source = toJavaScript(pattern);
    regex = new RegExp(whole ? `^(?:${source})$` : source, "u");
    compiled.set(key, regex);
  }
  return regex;
}

const ESCAPES_KEPT = new Set([..."dDwWsSbBnrtfv0cxupPk^$\\.*+?()[]{}|/-"]);

function toJavaScript(pattern: string): string {
  let out = "";
  let inClass = false;
  /** Group depths at which an inline (?i) is in force. */
  const caseless: number[] = [];
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1];
      i++;
      if (next === "Z" || next === "z") out += "$";
      else if (next === "A") out += "^";
      else if (next === "-" && !inClass) out += "-";
      else if (ESCAPES_KEPT.has(next)) out += `\\${next}`;
      else out += `\\u{${next.codePointAt(0)!.toString(16)}}`;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      continue;
    }
    if (pattern.startsWith("(?i)", i)) {
      caseless.push(depth);
      i += 3;
      continue;
    }
    if (c === "(") depth++;
    if (c === ")") {
      while (caseless.length > 0 && caseless[caseless.length - 1] >= depth) caseless.pop();
      depth--;
    }
    out += caseless.length > 0 && /[a-zA-Z]/.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}

/** Length as AWS counts it for strings: Unicode code points. */
export function codePoints(value: string): number {
  return [...value].length;
}

export function service(name: string): ApiService {
  const found = API_MODELS.services[name];
  if (found === undefined) throw new Error(`infra/api-models: no service "${name}" (add it to refresh.py)`);
  return found;
}

/** A member path inside an operation's input: `a.b` (structure members), `x[]` (list member), `m{}` / `m{key}` (map value / key). */
export interface MemberRef {
  readonly service: string;
  readonly operation: string;
  readonly path: string;
}

/** The shape name a member path leads to; throws, naming the path, when the model has no such member. */
export function shapeOf(ref: MemberRef): string {
  const model = service(ref.service);
  const input = model.operations[ref.operation];
  if (input === undefined)
    throw new Error(`infra/api-models: ${ref.service} has no operation ${ref.operation} (add it to refresh.py)`);
  if (input === null) throw new Error(`infra/api-models: ${ref.service} ${ref.operation} takes no input`);
  let shapeName = input;
  const steps = ref.path.match(/[^.[\]{}]+|\[\]|\{\}|\{key\}/g) ?? [];
  for (const step of steps) {
    const shape = model.shapes[shapeName];
    const next =
      step === "[]" ? shape.member : step === "{}" ? shape.value : step === "{key}" ? shape.key : shape.members?.[step];
    if (next === undefined)
      throw new Error(`infra/api-models: ${ref.service} ${ref.operation} has no member ${ref.path} (at "${step}")`);
    shapeName = next;
  }
  return shapeName;
}

export function shapeAt(ref: MemberRef): ApiShape {
  return service(ref.service).shapes[shapeOf(ref)];
}

/** Why AWS would refuse this scalar for this shape (empty when it accepts it). */
export function scalarProblems(value: unknown, shape: ApiShape): string[] {
  const problems: string[] = [];
  if (typeof value === "string") {
    if (shape.type === "string") {
      const length = codePoints(value);
      // The config quotes these (infra/config/fields.ts), so they are said in the reader's language too.
      if (shape.min !== undefined && length < shape.min) problems.push(say.tooShort({ length, min: shape.min }));
      if (shape.max !== undefined && length > shape.max) problems.push(say.tooLong({ length, max: shape.max }));
      if (shape.enum !== undefined && !shape.enum.includes(value))
        problems.push(say.notOneOf({ values: shape.enum.join(", ") }));
      if (shape.pattern !== undefined && !awsPattern(shape.pattern).test(value))
        problems.push(say.pattern({ pattern: shape.pattern }));
    } else if (shape.type === "blob") {
      const bytes = Buffer.byteLength(value, "utf8");
      if (shape.min !== undefined && bytes < shape.min) problems.push(`is ${bytes} bytes, fewer than ${shape.min}`);
      if (shape.max !== undefined && bytes > shape.max) problems.push(`is ${bytes} bytes, more than ${shape.max}`);
    } else if (shape.type !== "timestamp") {
      problems.push(`is a string where the model wants a ${shape.type}`);
    }
  } else if (typeof value === "number") {
    if (!["integer", "long", "double", "float"].includes(shape.type))
      problems.push(`is a number where the model wants a ${shape.type}`);
    else if ((shape.type === "integer" || shape.type === "long") && !Number.isInteger(value))
      problems.push(`is not a whole number`);
    if (shape.min !== undefined && value < shape.min) problems.push(`is less than ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) problems.push(`is more than ${shape.max}`);
  } else if (typeof value === "boolean") {
    if (shape.type !== "boolean") problems.push(`is a boolean where the model wants a ${shape.type}`);
  }
  return problems;
}

/** Why AWS would refuse a list or map of `count` entries for this shape. */
export function sizeProblems(count: number, shape: ApiShape): string[] {
  const problems: string[] = [];
  if (shape.min !== undefined && count < shape.min) problems.push(`has ${count} entries, fewer than ${shape.min}`);
  if (shape.max !== undefined && count > shape.max) problems.push(`has ${count} entries, more than ${shape.max}`);
  return problems;
}

/**
 * Every problem of a whole request value against a shape, recursively, as `path: problem` lines:
 * what the AWS SDK would send for it (the SDK's input objects use the model's member names).
 */
export function valueProblems(serviceName: string, shapeName: string, value: unknown, path = ""): string[] {
  const shapes = service(serviceName).shapes;
  const shape = shapes[shapeName];
  const at = (suffix: string) => (path === "" ? suffix : `${path}${suffix.startsWith("[") ? "" : "."}${suffix}`);
  if (value === undefined || value === null) return [];
  if (shape.type === "structure") {
    if (typeof value !== "object" || Array.isArray(value)) return [`${path || "input"}: is not a structure`];
    const record = value as Record<string, unknown>;
    const problems = (shape.required ?? [])
      .filter((member) => record[member] === undefined)
      .map((member) => `${at(member)}: is required`);
    for (const [member, child] of Object.entries(record)) {
      const memberShape = shape.members?.[member];
      if (memberShape === undefined) problems.push(`${at(member)}: is not a member of ${shapeName}`);
      else problems.push(...valueProblems(serviceName, memberShape, child, at(member)));
    }
    return problems;
  }
  if (shape.type === "list") {
    if (!Array.isArray(value)) return [`${path}: is not a list`];
    return [
      ...sizeProblems(value.length, shape).map((problem) => `${path}: ${problem}`),
      ...value.flatMap((item, index) => valueProblems(serviceName, shape.member!, item, at(`[${index}]`))),
    ];
  }
  if (shape.type === "map") {
    if (typeof value !== "object") return [`${path}: is not a map`];
    const entries = Object.entries(value as Record<string, unknown>);
    return [
      ...sizeProblems(entries.length, shape).map((problem) => `${path}: ${problem}`),
      ...entries.flatMap(([key, item]) => [
        ...valueProblems(serviceName, shape.key!, key, at(`{${key}}`)),
        ...valueProblems(serviceName, shape.value!, item, at(`[${JSON.stringify(key)}]`)),
      ]),
    ];
  }
  if (value instanceof Date || value instanceof Uint8Array) return [];
  return scalarProblems(value, shape).map((problem) => `${path}: ${JSON.stringify(value)} ${problem}`);
}

/** The services whose botocore model or endpoint list says they answer in `region` (global ones always do). */
export function serviceAnswersIn(serviceName: string, region: string): { ok: boolean; signingRegion: string } {
  const facts = API_MODELS.endpoints[serviceName];
  if (facts?.global !== undefined) return { ok: true, signingRegion: facts.global.signingRegion };
  return { ok: facts?.regions?.includes(region) ?? false, signingRegion: region };
}
