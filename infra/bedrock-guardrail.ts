/**
 * Pure builders for the optional Bedrock guardrail: the policy blocks of `aws.bedrock.Guardrail`
 * from validated config, and the value the invoke roles compare `bedrock:GuardrailIdentifier` with.
 */
import { createHash } from "node:crypto";
import type { GuardrailSettings } from "./config";

/** The guardrail a request must name, as the invoke role policy pins it (docs/design.md §4.5, §5). */
export interface GuardrailReference {
  /** `arn:aws:bedrock:<region>:<account>:guardrail/<id>`, without a version. */
  readonly arn: string;
  /** A published version number such as "1"; never DRAFT, which anyone with edit rights can change. */
  readonly version: string;
}

/** `bedrock:GuardrailIdentifier` carries the guardrail ARN with its version. */
export function guardrailIdentifierValue(guardrail: GuardrailReference): string {
  return `${guardrail.arn}:${guardrail.version}`;
}

export interface GuardrailPolicyBlocks {
  readonly contentPolicyConfig?: {
    readonly filtersConfigs: { type: string; inputStrength: string; outputStrength: string }[];
  };
  readonly topicPolicyConfig?: {
    readonly topicsConfigs: { name: string; type: "DENY"; definition: string; examples: string[] }[];
  };
  readonly sensitiveInformationPolicyConfig?: {
    readonly piiEntitiesConfigs?: { type: string; action: string }[];
    readonly regexesConfigs?: { name: string; pattern: string; action: string; description?: string }[];
  };
}

/** Config maps become the provider's lists; an empty map leaves its block out entirely. */
export function guardrailPolicyBlocks(settings: GuardrailSettings): GuardrailPolicyBlocks {
  const filters = Object.entries(settings.contentFilters).map(([type, filter]) => ({
    type,
    inputStrength: filter!.inputStrength,
    outputStrength: filter!.outputStrength,
  }));
  const topics = Object.entries(settings.deniedTopics).map(([name, topic]) => ({
    name,
    type: "DENY" as const,
    definition: topic.definition,
    examples: [...topic.examples],
  }));
  const pii = Object.entries(settings.piiEntities).map(([type, action]) => ({ type, action: action! }));
  const regexes = Object.entries(settings.piiRegexes).map(([name, regex]) => ({
    name,
    pattern: regex.pattern,
    action: regex.action,
    ...(regex.description !== undefined ? { description: regex.description } : {}),
  }));
  const sensitive =
    pii.length + regexes.length > 0
      ? {
          ...(pii.length > 0 ? { piiEntitiesConfigs: pii } : {}),
          ...(regexes.length > 0 ? { regexesConfigs: regexes } : {}),
        }
      : undefined;
  return {
    ...(filters.length > 0 ? { contentPolicyConfig: { filtersConfigs: filters } } : {}),
    ...(topics.length > 0 ? { topicPolicyConfig: { topicsConfigs: topics } } : {}),
    ...(sensitive !== undefined ? { sensitiveInformationPolicyConfig: sensitive } : {}),
  };
}

/**
 * A short digest of everything the guardrail is built from. A published version is a snapshot
 * taken at creation, so the version resource carries this digest and is replaced (a new version
 * published) whenever the guardrail's configuration changes.
 */
export function guardrailConfigDigest(settings: GuardrailSettings): string {
  const input = {
    blockedInputMessaging: settings.blockedInputMessaging,
    blockedOutputsMessaging: settings.blockedOutputsMessaging,
    ...guardrailPolicyBlocks(settings),
  };
  return createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 12);
}
