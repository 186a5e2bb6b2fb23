/**
 * Command-line arguments of the TypeScript smoke client (`npm run smoke -- ...`). Pure: no SDK,
 * no network, so every rule is tested on its own.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ROLE_ARN_PATTERN } from "../../infra/arns";
import { JAPAN_PROFILE_PREFIX, JAPAN_REGIONS } from "../../infra/catalog";
import { UsageError } from "../../harness/cli";
import { LANGS, type Lang } from "./messages";

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

export const USAGE = [
  "usage: npm run smoke -- --stack-outputs <file> | --role-arn <operator invoke role ARN> --model-id <model id>",
  "                        [--region ap-northeast-1|ap-northeast-3] [--prompt <text>] [--stream] [--external-id <id>]",
  "                        [--guardrail-arn <ARN> --guardrail-version <n>] [--lang en|ja]",
  "Assumes the operator's invoke role through the regional STS endpoint, then calls Converse",
  "(or ConverseStream with --stream) on the JP cross-region inference profile.",
  "--stack-outputs reads `pulumi stack output --json --stack <municipality>`: operatorRoleArn, region,",
  "modelId (the municipality's application inference profile ARN when the operator meters, else the",
  "jp. profile id) and guardrail (set when the operator enforces one); flags override it.",
].join("\n");

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
    throw new UsageError(
      `--stack-outputs ${path}: ${(error as Error).message} (write it with: pulumi stack output --json --stack <municipality> > ${path})`,
    );
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
    throw new UsageError((error as Error).message);
  }
  if (values.help) return undefined;

  const outputs = values["stack-outputs"] !== undefined ? readStackOutputs(values["stack-outputs"], readFile) : {};
  const roleArn = values["role-arn"] ?? outputs.operatorRoleArn;
  if (roleArn === undefined) {
    throw new UsageError(
      "--role-arn is required: the operator's invoke role (municipality stack output operatorRoleArn), or --stack-outputs",
    );
  }
  if (!ROLE_ARN_PATTERN.test(roleArn)) {
    throw new UsageError(
      `--role-arn "${roleArn}" is not an IAM role ARN such as arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo`,
    );
  }
  const region = values.region ?? outputs.region ?? "ap-northeast-1";
  if (!(JAPAN_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(`--region must be ${JAPAN_REGIONS.join(" or ")}: data stays in Japan`);
  }
  const modelId = values["model-id"] ?? outputs.modelId ?? outputs.inferenceProfileId;
  if (modelId === undefined) {
    throw new UsageError("--model-id is required: the municipality stack output modelId, or --stack-outputs");
  }
  if (!modelId.startsWith(JAPAN_PROFILE_PREFIX) && !APPLICATION_PROFILE_ARN_PATTERN.test(modelId)) {
    throw new UsageError(
      `--model-id must be a "${JAPAN_PROFILE_PREFIX}" inference profile or the municipality's application inference ` +
        `profile ARN in Tokyo or Osaka (stack output modelId): other profiles route outside Japan`,
    );
  }
  if (values.prompt.length === 0) throw new UsageError("--prompt must not be empty");
  const lang = values.lang;
  if (lang !== undefined && !(LANGS as readonly string[]).includes(lang)) {
    throw new UsageError(`--lang must be ${LANGS.join(" or ")} (default: the locale, LC_ALL/LC_MESSAGES/LANG)`);
  }
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
    ...(lang !== undefined ? { lang: lang as Lang } : {}),
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
    throw new UsageError(
      "--guardrail-arn and --guardrail-version go together (operator outputs guardrailArn, guardrailVersion)",
    );
  }
  if (!GUARDRAIL_ARN_PATTERN.test(arn)) {
    throw new UsageError(
      `--guardrail-arn "${arn}" is not a guardrail ARN such as arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abcd1234efgh; ` +
        "the invoke role compares the ARN, not the id",
    );
  }
  if (!/^[1-9]\d*$/.test(version)) {
    throw new UsageError(`--guardrail-version "${version}" must be a published version number (not DRAFT)`);
  }
  return { arn, version };
}
