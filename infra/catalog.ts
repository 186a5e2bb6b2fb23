/**
 * The one place that knows which inference profiles this landing zone may use and where each
 * one routes. Model ids are data, not literals spread through the code: when Claude Haiku 4.5
 * is retired, add its successor here and change `inferenceProfileId` in config.
 *
 * Only Japan-geography (`jp.`) cross-region profiles belong here: their destination regions are
 * Tokyo and Osaka only, which is what keeps prompts and answers in Japan. `apac.`, `global.` and
 * `us.` profiles route outside Japan and are rejected by the config schema.
 * Source: AWS "Supported cross-Region inference profiles" (Geo: JP), and the AWS Japan blog
 * announcing JP cross-region inference for Claude 4.5 (2025-10).
 */

export const JAPAN_REGIONS = ["ap-northeast-1", "ap-northeast-3"] as const;
export type JapanRegion = (typeof JAPAN_REGIONS)[number];

/** The prefix of every inference profile that routes only inside Japan. */
export const JAPAN_PROFILE_PREFIX = "jp.";

export interface InferenceProfileEntry {
  /** Foundation model the profile invokes, e.g. `anthropic.claude-haiku-4-5-20251001-v1:0`. */
  readonly modelId: string;
  /** Human name for reports. */
  readonly displayName: string;
  /** Regions Bedrock may route a request to; IAM must allow the model in every one of them. */
  readonly destinationRegions: readonly JapanRegion[];
  /** Regions the profile can be called from (where its ARN lives). */
  readonly sourceRegions: readonly JapanRegion[];
}

export const INFERENCE_PROFILE_CATALOG: Readonly<Record<string, InferenceProfileEntry>> = {
  "jp.anthropic.claude-haiku-4-5-20251001-v1:0": {
    modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
    displayName: "Claude Haiku 4.5 (JP cross-region)",
    destinationRegions: ["ap-northeast-1", "ap-northeast-3"],
    sourceRegions: ["ap-northeast-1", "ap-northeast-3"],
  },
  "jp.anthropic.claude-sonnet-4-5-20250929-v1:0": {
    modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    displayName: "Claude Sonnet 4.5 (JP cross-region)",
    destinationRegions: ["ap-northeast-1", "ap-northeast-3"],
    sourceRegions: ["ap-northeast-1", "ap-northeast-3"],
  },
};

export const DEFAULT_INFERENCE_PROFILE_ID = "jp.anthropic.claude-haiku-4-5-20251001-v1:0";

/** A catalog entry with its id, as the stacks consume it. */
export interface InferenceProfile extends InferenceProfileEntry {
  readonly id: string;
}

export function lookupInferenceProfile(id: string): InferenceProfile | undefined {
  const entry = Object.prototype.hasOwnProperty.call(INFERENCE_PROFILE_CATALOG, id)
    ? INFERENCE_PROFILE_CATALOG[id]
    : undefined;
  return entry && { id, ...entry };
}
