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
import { defaultTags } from "../naming";
import { ipv4ToNumber, prefixOf } from "../network";
import { CONFIG_MESSAGES as m, type FixedKeyMap, type TaggedBy } from "./messages";
import { withExample } from "./schema-shape";
import { closest } from "./suggest";

/**
 * A problem a refinement finds, at `path` below the value it refines, with the message the user
 * reads: every cross-field rule of the schema reports through here.
 */
export function refuse(ctx: z.RefinementCtx, path: readonly PropertyKey[], message: string): void {
  // Stryker disable next-line StringLiteral: errors.ts problemsOf reads any code but three zod ones as the message itself, so no value shows the code
  ctx.addIssue({ code: "custom", path: [...path], message });
}

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
      refuse(ctx, [], describe(m.refusedByModel({ value: JSON.stringify(value), problems, api })));
  };
}

/** The most entries an AWS list member takes (infra/api-models). */
export function modelMax(ref: MemberRef): number {
  const max = shapeAt(ref).max;
  if (max === undefined) throw new Error(`${ref.service} ${ref.operation} ${ref.path} has no maximum`);
  return max;
}

export const BOOLEAN_MESSAGE = m.boolean;
export const bool = (fallback: boolean) => z.boolean({ error: BOOLEAN_MESSAGE }).default(fallback);

export const accountId = withExample(
  z.string({ error: m.accountId }).regex(/^\d{12}$/, { error: m.accountId }),
  "123456789012",
);

export const region = z
  .enum(JAPAN_REGIONS, {
    error: m.region({ tokyo: JAPAN_REGIONS[0], osaka: JAPAN_REGIONS[1] }),
  })
  .default("ap-northeast-1");

export const inferenceProfileId = z
  .string()
  .default(DEFAULT_INFERENCE_PROFILE_ID)
  .refine((id) => id.startsWith(JAPAN_PROFILE_PREFIX), {
    error: (issue) => m.notJapanProfile({ id: String(issue.input), prefix: JAPAN_PROFILE_PREFIX }),
    abort: true,
  })
  .refine((id) => lookupInferenceProfile(id) !== undefined, {
    error: (issue) =>
      m.unknownProfile({ id: String(issue.input), catalog: Object.keys(INFERENCE_PROFILE_CATALOG).join(", ") }),
  });

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
export const municipalityName = withExample(
  z
    .string({ error: m.municipalityName })
    .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, { error: m.municipalityName, abort: true })
    .refine((name) => awsPattern(shapeAt(INFERENCE_PROFILE_NAME).pattern!).test(`bedrock-lz-${name}`), {
      error: (issue) =>
        m.doubleHyphen({ name: String(issue.input), pattern: shapeAt(INFERENCE_PROFILE_NAME).pattern! }),
    }),
  "sapporo",
);

export const roleName = z.string({ error: m.roleName }).superRefine(
  refusedByModel(
    { service: "iam", operation: "CreateRole", path: "RoleName" },
    // Stryker disable next-line StringLiteral: the describe below replaces the whole message, API name included, with m.roleName
    "IAM CreateRole",
    () => m.roleName,
  ),
);

export const vpcEndpointId = withExample(
  z.string({ error: m.vpcEndpointId }).regex(/^vpce-[0-9a-f]{8,17}$/, { error: m.vpcEndpointId }),
  "vpce-0123456789abcdef0",
);

export const stackReferenceName = withExample(
  z.string({ error: m.stackReference }).regex(/^(?:[\w.-]+\/[\w.-]+\/)?[\w.-]+$/, { error: m.stackReference }),
  "organization/bedrock-lz/operator",
);

export const roleArn = withExample(
  z.string({ error: m.roleArn }).regex(ROLE_ARN_PATTERN, { error: m.roleArn }),
  "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
);

export const applicationProfileArn = z
  .string({ error: m.applicationProfileArn })
  .regex(/^arn:aws:bedrock:ap-northeast-[13]:\d{12}:application-inference-profile\/[a-z0-9]+$/, {
    error: m.applicationProfileArn,
  });

export function wholeNumber(min: number, max: number) {
  const message = m.wholeNumber({ min, max });
  // A fraction fails as a value of the wrong type, which problemsOf (errors.ts) says with the number's own message.
  return z.number({ error: message }).int().min(min, { error: message }).max(max, { error: message });
}

/** A required text of 1 to `max` characters; the message (./messages.ts) says what the text is for. */
export function nonEmpty(message: string, max: number) {
  return z.string({ error: message }).min(1, { error: message }).max(max, { error: message });
}

/** `sts:ExternalId`: what the operator's trust policy requires and the client passes. */
export const externalId = z.string({ error: m.externalId }).superRefine(
  refusedByModel(
    { service: "sts", operation: "AssumeRole", path: "ExternalId" },
    // Stryker disable next-line StringLiteral: the describe below replaces the whole message, API name included, with m.externalId
    "STS AssumeRole",
    () => m.externalId,
  ),
);

/** A tagging request member: `tags[].key` and `tags[].value` of one call, or a map's `{key}` / `{}`. */
export interface TaggingApi {
  /** How the message names it, e.g. "Amazon Bedrock CreateInferenceProfile and CreateGuardrail". */
  readonly api: string;
  readonly key: MemberRef;
  readonly value: MemberRef;
  /** Why this stack's tags reach it (./messages.ts says it). */
  readonly taggedBy: TaggedBy;
}

const IAM_TAGS = {
  key: { service: "iam", operation: "CreateRole", path: "Tags[].Key" },
  value: { service: "iam", operation: "CreateRole", path: "Tags[].Value" },
  list: { service: "iam", operation: "CreateRole", path: "Tags" },
} as const satisfies Record<string, MemberRef>;

/** The tags the program adds itself (infra/naming.ts `defaultTags`), besides a resource's own `Name` or cost-allocation tag. */
const PROGRAM_TAGS = 5;

/** The tag keys the program sets on every resource itself (infra/naming.ts `defaultTags`). */
export const RESERVED_TAG_KEYS = Object.keys(defaultTags("operator", "stack", {}));

/** The tagging rules every stack meets: each has IAM roles, whose tags are the strictest of its regional services. */
export const EVERY_STACK_TAGS: TaggingApi = {
  api: "IAM CreateRole",
  key: IAM_TAGS.key,
  value: IAM_TAGS.value,
  taggedBy: "iamRoles",
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
      refuse(ctx, [...path, key], m.tagAwsPrefix);
    for (const api of apis) {
      const problems = [
        ...scalarProblems(key, shapeAt(api.key)).map((problem) =>
          m.tagKeyProblem({ key: JSON.stringify(key), problem }),
        ),
        ...scalarProblems(value, shapeAt(api.value)).map((problem) =>
          m.tagValueProblem({ value: JSON.stringify(value), problem }),
        ),
      ];
      if (problems.length > 0)
        refuse(ctx, [...path, key], m.tagsRefused({ problems, api: api.api, taggedBy: api.taggedBy }));
    }
  }
}

/**
 * The provider's default tags are the program's (`Project`, `Account`, `Stack`, `ManagedBy`) merged
 * with these, so one of the same name silently replaced the program's own; IAM compares role tag
 * keys without case (Tagging IAM resources, "Case sensitivity":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html), so `project` is the same key there.
 */
function reservedTagsKept(map: Readonly<Record<string, string>>, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(map)) {
    const reserved = RESERVED_TAG_KEYS.find((own) => own.toLowerCase() === key.toLowerCase());
    if (reserved !== undefined) refuse(ctx, [key], m.tagReserved({ reserved }));
  }
}

const TAG_COUNT_LIMIT = modelMax(IAM_TAGS.list) - PROGRAM_TAGS;
export const tags = z
  .record(withExample(z.string(), "CostCenter"), withExample(z.string({ error: m.tagText }), "ai-poc"), {
    error: m.tagsMap,
  })
  .refine((map) => Object.keys(map).length <= TAG_COUNT_LIMIT, {
    error: m.tooManyTags({ limit: TAG_COUNT_LIMIT, iamMax: modelMax(IAM_TAGS.list), own: PROGRAM_TAGS - 1 }),
  })
  .superRefine(reservedTagsKept)
  .superRefine((map, ctx) => tagsRefusedBy(map, [EVERY_STACK_TAGS], ctx, []))
  .default({});

/**
 * The private IPv4 ranges a closed VPC may use: RFC 1918's three and RFC 6598's shared address
 * space (100.64.0.0/10), which AWS's own docs use for VPCs too. AWS accepts a publicly routable
 * block for a VPC ("VPC CIDR blocks", https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html,
 * recommends RFC 1918), but a closed VPC has no use for one, and inside it the real internet
 * addresses of that block (a DNS resolver, a package mirror reached through the organisation's
 * network) would route to the VPC itself.
 */
export const PRIVATE_IPV4_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;

/**
 * Whether the block lies inside one of the ranges. Only its network address is compared: cidrBlock
 * checks this after the /16 to /28 rule, and a block no wider than /16 with its host bits clear
 * lies wholly inside any of these ranges (all /16 or wider) that holds its first address.
 */
function withinPrivateRange(cidr: string): boolean {
  const address = ipv4ToNumber(cidr.split("/")[0]);
  return PRIVATE_IPV4_RANGES.some((range) => {
    const start = ipv4ToNumber(range.split("/")[0]);
    return address >= start && address < start + 2 ** (32 - prefixOf(range));
  });
}

/** Smallest subnet AWS allows is /28; each AZ gets one isolated subnet. */
export const cidrBlock = z
  .cidrv4({ error: m.cidrBlock, abort: true })
  .refine((cidr) => isNetworkAddress(cidr), {
    error: (issue) => m.cidrHostBits({ cidr: String(issue.input) }),
    abort: true,
  })
  .refine((cidr) => prefixOf(cidr) >= 16 && prefixOf(cidr) <= 28, { error: m.cidrPrefix, abort: true })
  .refine(withinPrivateRange, {
    error: (issue) => m.cidrPublic({ cidr: String(issue.input), ranges: PRIVATE_IPV4_RANGES.join(", ") }),
  })
  .default("10.0.0.0/16");

function isNetworkAddress(cidr: string): boolean {
  return ipv4ToNumber(cidr.split("/")[0]) % 2 ** (32 - prefixOf(cidr)) === 0;
}

/**
 * A map whose keys come from a fixed list. Unknown keys get a message that names the nearest
 * allowed one and lists them all (a plain partial record would only say "not a setting here").
 */
export function enumKeyedRecord<const K extends string, V extends z.ZodType>(
  keys: readonly K[],
  value: V,
  what: FixedKeyMap,
) {
  const listed = keys.join(", ");
  return z
    .record(withExample(z.string(), keys[0]), value, { error: m.fixedKeyMap({ what, keys: listed }) })
    .superRefine((map, ctx) => {
      for (const key of Object.keys(map)) {
        if (!(keys as readonly string[]).includes(key)) {
          const near = closest(key, keys);
          refuse(
            ctx,
            [key],
            near === undefined
              ? m.fixedKeyUnknown({ what, keys: listed })
              : m.fixedKeyUnknownNear({ what, near, keys: listed }),
          );
        }
      }
    })
    .transform((map) => map as Partial<Record<K, z.output<V>>>);
}
