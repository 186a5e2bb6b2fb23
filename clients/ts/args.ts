/**
 * Command-line arguments of the TypeScript smoke client (`npm run smoke -- ...`). Pure: no SDK,
 * no network, so every rule is tested on its own.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ROLE_ARN_PATTERN } from "../../infra/arns";
import { JAPAN_PROFILE_PREFIX, JAPAN_REGIONS } from "../../infra/catalog";
import { UsageError, argumentMistake, langArgument } from "../../harness/cli";
import { inLanguage } from "../../infra/messages";
import { ARGUMENT_MESSAGES as m, type Lang } from "./messages";

/** The guardrail the operator enforces on the invoke role: Converse must name it (`guardrailConfig`). */
export interface GuardrailChoice {
  /** The guardrail ARN, not its id: the invoke role compares `bedrock:GuardrailIdentifier` with `<ARN>:<version>`. */
  readonly arn: string;
  readonly version: string;
}

export interface SmokeOptions {
  readonly roleArn: string;
  readonly region: string;
  readonly modelId: string;
  readonly prompt: string;
  readonly stream: boolean;
  readonly externalId?: string;
  readonly guardrail?: GuardrailChoice;
  /** `--lang`: the language of failures and the checklist; unset, the locale decides (./messages). */
  readonly lang?: Lang;
}

/** The usage in both languages (./messages.ts). */
export const USAGE: Readonly<Record<Lang, string>> = { en: m.usage, ja: inLanguage(m.usage, "ja") };

/** The municipality stack outputs the client reads (`pulumi stack output --json`). */
interface StackOutputs {
  readonly operatorRoleArn?: string;
  readonly region?: string;
  /** The municipality's application profile ARN when the operator meters, else the `jp.` id. */
  readonly modelId?: string;
  /** Stacks from before `modelId` existed. */
  readonly inferenceProfileId?: string;
  readonly guardrail?: GuardrailChoice | null;
}

function readStackOutputs(path: string, readFile: (path: string) => string): StackOutputs {
  try {
    return JSON.parse(readFile(path)) as StackOutputs;
  } catch (error) {
    throw new UsageError(m.stackOutputs({ path, problem: (error as Error).message }));
  }
}

/** A metering operator's per-municipality profile (docs/operator.md), copied from the `jp.` profile. */
const APPLICATION_PROFILE_ARN_PATTERN =
  /^arn:aws:bedrock:ap-northeast-[13]:\d{12}:application-inference-profile\/[a-z0-9]+$/;

export const DEFAULT_PROMPT = "こんにちは";

/** A mistake on the command line; the message says what is allowed (one class for every tool). */
export { UsageError };

/** `undefined` means `--help` was asked for. */
export function parseSmokeArgs(
  argv: readonly string[],
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): SmokeOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        "role-arn": { type: "string" },
        "stack-outputs": { type: "string" },
        region: { type: "string" },
        "model-id": { type: "string" },
        "guardrail-arn": { type: "string" },
        "guardrail-version": { type: "string" },
        prompt: { type: "string", default: DEFAULT_PROMPT },
        stream: { type: "boolean", default: false },
        "external-id": { type: "string" },
        lang: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(argumentMistake(error as Error));
  }
  if (values.help) return undefined;

  const outputs = values["stack-outputs"] !== undefined ? readStackOutputs(values["stack-outputs"], readFile) : {};
  const roleArn = values["role-arn"] ?? outputs.operatorRoleArn;
  if (roleArn === undefined) {
    throw new UsageError(m.roleArnRequired);
  }
  if (!ROLE_ARN_PATTERN.test(roleArn)) {
    throw new UsageError(m.roleArnInvalid({ value: roleArn }));
  }
  const region = values.region ?? outputs.region ?? "ap-northeast-1";
  if (!(JAPAN_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(m.region({ regions: JAPAN_REGIONS }));
  }
  const modelId = values["model-id"] ?? outputs.modelId ?? outputs.inferenceProfileId;
  if (modelId === undefined) {
    throw new UsageError(m.modelIdRequired);
  }
  if (!modelId.startsWith(JAPAN_PROFILE_PREFIX) && !APPLICATION_PROFILE_ARN_PATTERN.test(modelId)) {
    throw new UsageError(m.modelIdInvalid({ prefix: JAPAN_PROFILE_PREFIX }));
  }
  if (values.prompt.length === 0) throw new UsageError(m.promptEmpty);
  const lang = langArgument(values.lang);
  const externalId = values["external-id"];
  const guardrail = guardrailOf(values["guardrail-arn"], values["guardrail-version"], outputs.guardrail ?? undefined);
  return {
    roleArn,
    region,
    modelId,
    prompt: values.prompt,
    stream: values.stream,
    ...(externalId !== undefined ? { externalId } : {}),
    ...(guardrail !== undefined ? { guardrail } : {}),
    ...(lang !== undefined ? { lang } : {}),
  };
}

const GUARDRAIL_ARN_PATTERN = /^arn:aws:bedrock:ap-northeast-[13]:\d{12}:guardrail\/[a-z0-9]+$/;

function guardrailOf(
  arn: string | undefined,
  version: string | undefined,
  fromOutputs: GuardrailChoice | undefined,
): GuardrailChoice | undefined {
  if (arn === undefined && version === undefined) return fromOutputs;
  if (arn === undefined || version === undefined) {
    throw new UsageError(m.guardrailPair);
  }
  if (!GUARDRAIL_ARN_PATTERN.test(arn)) {
    throw new UsageError(m.guardrailArn({ value: arn }));
  }
  if (!/^[1-9]\d*$/.test(version)) {
    throw new UsageError(m.guardrailVersion({ value: version }));
  }
  return { arn, version };
}
