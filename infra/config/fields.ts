/**
 * Field schemas more than one part of the configuration uses. Each carries the message a wrong
 * value gets; the key it sits under (and its description) is given where it is mounted.
 */
import { z } from "zod";
import { ROLE_ARN_PATTERN } from "../arns";
import {
  DEFAULT_INFERENCE_PROFILE_ID,
  INFERENCE_PROFILE_CATALOG,
  JAPAN_PROFILE_PREFIX,
  JAPAN_REGIONS,
  lookupInferenceProfile,
} from "../catalog";
import { ipv4ToNumber, prefixOf } from "../network";

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
  "must be a short name of 2-32 lowercase letters, digits and hyphens, starting with a letter (e.g. sapporo)";
export const municipalityName = z
  .string({ error: MUNICIPALITY_NAME_MESSAGE })
  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, { error: MUNICIPALITY_NAME_MESSAGE });

const ROLE_NAME_MESSAGE = "must be an IAM role name: 1-64 characters of letters, digits and +=,.@_-";
export const roleName = z
  .string({ error: ROLE_NAME_MESSAGE })
  .regex(/^[\w+=,.@-]{1,64}$/, { error: ROLE_NAME_MESSAGE });

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
export const externalId = z
  .string()
  .regex(/^[\w+=,.@:/-]{2,1224}$/, { error: "must be 2-1224 characters of letters, digits and +=,.@:/-" });

export const tags = z.record(z.string().min(1).max(128), z.string().max(256)).default({});

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
