/**
 * Field schemas more than one part of the configuration uses. Each carries the message a wrong
 * value gets; the key it sits under (and its description) is given where it is mounted.
 */
import { z } from "zod";
import { type MemberRef, awsPattern, scalarProblems, shapeAt } from "../api-models";
import { ROLE_ARN_PATTERN } from "../arns";
import {
  DEFAULT_INFERENCE_PROFILE_ID,
  INFERENCE_PROFILE_CATALOG,
  JAPAN_PROFILE_PREFIX,
  JAPAN_REGIONS,
  lookupInferenceProfile,
} from "../catalog";
import { ipv4ToNumber, prefixOf } from "../network";

/**
 * Refuses what AWS's API model refuses for the request member a value becomes (infra/api-models:
 * pattern as a whole, length, enum), naming the call: the fidelity gate checks the same member, so
 * a value it would reject never reaches a resource. `describe` shapes the member's own problem
 * ("does not match …") into the key's message.
 */
export function refusedByModel(ref: MemberRef, api: string, describe: (problem: string) => string = (p) => p) {
  const shape = shapeAt(ref);
  return (value: string, ctx: z.RefinementCtx): void => {
    const problems = scalarProblems(value, shape);
    if (problems.length > 0)
      ctx.addIssue({
        code: "custom",
        message: describe(`${JSON.stringify(value)} ${problems.join(" and ")} (${api})`),
      });
  };
}

/** The most entries an AWS list member takes (infra/api-models). */
export function modelMax(ref: MemberRef): number {
  const max = shapeAt(ref).max;
  if (max === undefined) throw new Error(`${ref.service} ${ref.operation} ${ref.path} has no maximum`);
  return max;
}

export const BOOLEAN_MESSAGE = "must be true or false";
export const bool = (fallback: boolean) => z.boolean({ error: BOOLEAN_MESSAGE }).default(fallback);

const ACCOUNT_ID_MESSAGE = 'must be a 12-digit AWS account id written as a quoted string, e.g. "123456789012"';
export const accountId = z.string({ error: ACCOUNT_ID_MESSAGE }).regex(/^\d{12}$/, { error: ACCOUNT_ID_MESSAGE });

export const region = z
  .enum(JAPAN_REGIONS, {
    error: `must be ${JAPAN_REGIONS.join(" (Tokyo) or ")} (Osaka): data must stay in Japan`,
  })
  .default("ap-northeast-1");

export const inferenceProfileId = z
  .string()
  .default(DEFAULT_INFERENCE_PROFILE_ID)
  .refine((id) => id.startsWith(JAPAN_PROFILE_PREFIX), {
    error: (issue) =>
      `"${String(issue.input)}" is not a Japan-only profile: only "${JAPAN_PROFILE_PREFIX}" inference profiles ` +
      `route to Tokyo and Osaka alone (apac., global. and us. profiles send prompts abroad)`,
    abort: true,
  })
  .refine((id) => lookupInferenceProfile(id) !== undefined, {
    error: (issue) =>
      `unknown inference profile "${String(issue.input)}"; the catalog (infra/catalog.ts) has: ` +
      Object.keys(INFERENCE_PROFILE_CATALOG).join(", "),
  });

const MUNICIPALITY_NAME_MESSAGE =
  "must be a short name of 2-32 lowercase letters, digits and hyphens (never two in a row), starting with a letter (e.g. sapporo)";
const INFERENCE_PROFILE_NAME: MemberRef = {
  service: "bedrock",
  operation: "CreateInferenceProfile",
  path: "inferenceProfileName",
};
/**
 * A metering operator names each municipality's Bedrock inference profile `bedrock-lz-<name>`, and
 * CreateInferenceProfile's name pattern allows no two separators in a row: `--` is refused in every
 * name, so switching metering on later never meets a name AWS refuses.
 */
export const municipalityName = z
  .string({ error: MUNICIPALITY_NAME_MESSAGE })
  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, { error: MUNICIPALITY_NAME_MESSAGE, abort: true })
  .refine((name) => awsPattern(shapeAt(INFERENCE_PROFILE_NAME).pattern!).test(`bedrock-lz-${name}`), {
    error: (issue) =>
      `"${String(issue.input)}" has two hyphens in a row: it names the municipality's Bedrock inference profile ` +
      `(bedrock-lz-<name>), whose name CreateInferenceProfile refuses with "--" (pattern ${shapeAt(INFERENCE_PROFILE_NAME).pattern})`,
  });

const ROLE_NAME_MESSAGE = "must be an IAM role name: 1-64 characters of letters, digits and +=,.@_-";
export const roleName = z
  .string({ error: ROLE_NAME_MESSAGE })
  .superRefine(
    refusedByModel(
      { service: "iam", operation: "CreateRole", path: "RoleName" },
      "IAM CreateRole",
      () => ROLE_NAME_MESSAGE,
    ),
  );

const VPCE_MESSAGE = 'must be a VPC endpoint id such as "vpce-0123456789abcdef0"';
export const vpcEndpointId = z.string({ error: VPCE_MESSAGE }).regex(/^vpce-[0-9a-f]{8,17}$/, { error: VPCE_MESSAGE });

const STACK_NAME_MESSAGE =
  "must name a stack: <org>/<project>/<stack> (Pulumi Cloud), organization/<project>/<stack> " +
  "(self-managed backend) or <stack> (same project)";
export const stackReferenceName = z
  .string({ error: STACK_NAME_MESSAGE })
  .regex(/^(?:[\w.-]+\/[\w.-]+\/)?[\w.-]+$/, { error: STACK_NAME_MESSAGE });

const ROLE_ARN_MESSAGE = 'must be an IAM role ARN such as "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"';
export const roleArn = z.string({ error: ROLE_ARN_MESSAGE }).regex(ROLE_ARN_PATTERN, { error: ROLE_ARN_MESSAGE });

const PROFILE_ARN_MESSAGE =
  'must be a Bedrock application inference profile ARN in Tokyo or Osaka, such as "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6"';
export const applicationProfileArn = z
  .string({ error: PROFILE_ARN_MESSAGE })
  .regex(/^arn:aws:bedrock:ap-northeast-[13]:\d{12}:application-inference-profile\/[a-z0-9]+$/, {
    error: PROFILE_ARN_MESSAGE,
  });

export function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

/** A required text of 1 to `max` characters; the message says what the text is for. */
export function nonEmpty(what: string, max: number) {
  const message = `must be ${what} (1-${max} characters)`;
  return z.string({ error: message }).min(1, { error: message }).max(max, { error: message });
}

/** `sts:ExternalId`: what the operator's trust policy requires and the client passes. */
const EXTERNAL_ID_MESSAGE = "must be 2-1224 characters of letters, digits and +=,.@:/-";
export const externalId = z
  .string({ error: EXTERNAL_ID_MESSAGE })
  .superRefine(
    refusedByModel(
      { service: "sts", operation: "AssumeRole", path: "ExternalId" },
      "STS AssumeRole",
      () => EXTERNAL_ID_MESSAGE,
    ),
  );

/** A tagging request member: `tags[].key` and `tags[].value` of one call, or a map's `{key}` / `{}`. */
export interface TaggingApi {
  /** How the message names it, e.g. "Amazon Bedrock CreateInferenceProfile and CreateGuardrail". */
  readonly api: string;
  readonly key: MemberRef;
  readonly value: MemberRef;
  /** Why this stack's tags reach it. */
  readonly because: string;
}

const IAM_TAGS = {
  key: { service: "iam", operation: "CreateRole", path: "Tags[].Key" },
  value: { service: "iam", operation: "CreateRole", path: "Tags[].Value" },
  list: { service: "iam", operation: "CreateRole", path: "Tags" },
} as const satisfies Record<string, MemberRef>;

/** The tags the program adds itself (infra/naming.ts `defaultTags`), besides a resource's own `Name` or cost-allocation tag. */
const PROGRAM_TAGS = 5;

/** The tagging rules every stack meets: each has IAM roles, whose tags are the strictest of its regional services. */
export const EVERY_STACK_TAGS: TaggingApi = {
  api: "IAM CreateRole",
  key: IAM_TAGS.key,
  value: IAM_TAGS.value,
  because: "every stack tags its IAM roles with them",
};

/**
 * Which characters a tag may use where this stack sends it: for each tagging API the stack's
 * resources reach, the key and the value against its model (pattern as a whole, length), and the
 * `aws:` prefix AWS keeps for itself (Tagging AWS resources, tag naming limits). Problems name the
 * tag's key under `bedrock-lz:tags`.
 */
export function tagsRefusedBy(
  tagMap: Readonly<Record<string, string>>,
  apis: readonly TaggingApi[],
  ctx: z.RefinementCtx,
  path: readonly PropertyKey[] = ["tags"],
): void {
  for (const [key, value] of Object.entries(tagMap)) {
    if (apis.includes(EVERY_STACK_TAGS) && key.toLowerCase().startsWith("aws:"))
      ctx.addIssue({
        code: "custom",
        path: [...path, key],
        message: "starts with aws:, a prefix AWS keeps for its own tags",
      });
    for (const api of apis) {
      const keyProblems = scalarProblems(key, shapeAt(api.key));
      const valueProblems = scalarProblems(value, shapeAt(api.value));
      const problems = [
        ...keyProblems.map((problem) => `the key ${JSON.stringify(key)} ${problem}`),
        ...valueProblems.map((problem) => `the value ${JSON.stringify(value)} ${problem}`),
      ];
      if (problems.length > 0)
        ctx.addIssue({
          code: "custom",
          path: [...path, key],
          message: `${problems.join("; ")}: ${api.api} refuses it, and ${api.because}`,
        });
    }
  }
}

const TAG_COUNT_LIMIT = modelMax(IAM_TAGS.list) - PROGRAM_TAGS;
export const tags = z
  .record(z.string(), z.string({ error: "must be a text value" }), { error: "must be a map of tag key to value" })
  .refine((map) => Object.keys(map).length <= TAG_COUNT_LIMIT, {
    error:
      `must list at most ${TAG_COUNT_LIMIT} tags: IAM takes ${modelMax(IAM_TAGS.list)} per role (CreateRole Tags) ` +
      `and the program adds ${PROGRAM_TAGS - 1} of its own plus a Name or cost-allocation tag`,
  })
  .superRefine((map, ctx) => tagsRefusedBy(map, [EVERY_STACK_TAGS], ctx, []))
  .default({});

/** Smallest subnet AWS allows is /28; each AZ gets one isolated subnet. */
export const cidrBlock = z
  .cidrv4({ error: 'must be an IPv4 CIDR block such as "10.0.0.0/16"', abort: true })
  .refine((cidr) => isNetworkAddress(cidr), {
    error: (issue) => `"${String(issue.input)}" has host bits set; use the network address (e.g. 10.0.0.0/16)`,
    abort: true,
  })
  .refine((cidr) => prefixOf(cidr) >= 16 && prefixOf(cidr) <= 28, {
    error: "must have a prefix length between /16 and /28 (the VPC limits)",
  })
  .default("10.0.0.0/16");

function isNetworkAddress(cidr: string): boolean {
  return ipv4ToNumber(cidr.split("/")[0]) % 2 ** (32 - prefixOf(cidr)) === 0;
}

/**
 * A map whose keys come from a fixed list. Unknown keys get a message that lists the allowed
 * ones (a plain partial record would only say "not a setting here").
 */
export function enumKeyedRecord<const K extends string, V extends z.ZodType>(
  keys: readonly K[],
  value: V,
  what: string,
) {
  return z
    .record(z.string(), value, { error: `must be a map of ${what} (${keys.join(", ")}) to settings` })
    .superRefine((map, ctx) => {
      for (const key of Object.keys(map)) {
        if (!(keys as readonly string[]).includes(key)) {
          ctx.addIssue({ code: "custom", path: [key], message: `is not a ${what}; use one of ${keys.join(", ")}` });
        }
      }
    })
    .transform((map) => map as Partial<Record<K, z.output<V>>>);
}
