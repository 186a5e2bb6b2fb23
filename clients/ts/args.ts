/**
 * Command-line arguments of the TypeScript smoke client (`npm run smoke -- ...`). Pure: no SDK,
 * no network, so every rule is tested on its own.
 */
import { parseArgs } from "node:util";
import { ROLE_ARN_PATTERN } from "../../infra/arns";
import { DEFAULT_INFERENCE_PROFILE_ID, JAPAN_PROFILE_PREFIX, JAPAN_REGIONS } from "../../infra/catalog";

export interface SmokeOptions {
  readonly roleArn: string;
  readonly region: string;
  readonly modelId: string;
  readonly prompt: string;
  readonly stream: boolean;
  readonly externalId?: string;
}

export const USAGE = [
  "usage: npm run smoke -- --role-arn <operator invoke role ARN> [--region ap-northeast-1|ap-northeast-3]",
  "                        [--prompt <text>] [--stream] [--external-id <id>] [--model-id <jp. profile id>]",
  "Assumes the operator's invoke role through the regional STS endpoint, then calls Converse",
  "(or ConverseStream with --stream) on the JP cross-region inference profile.",
].join("\n");

export const DEFAULT_PROMPT = "こんにちは";

/** A mistake on the command line; the message says what is allowed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `undefined` means `--help` was asked for. */
export function parseSmokeArgs(argv: readonly string[]): SmokeOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        "role-arn": { type: "string" },
        region: { type: "string", default: "ap-northeast-1" },
        "model-id": { type: "string", default: DEFAULT_INFERENCE_PROFILE_ID },
        prompt: { type: "string", default: DEFAULT_PROMPT },
        stream: { type: "boolean", default: false },
        "external-id": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return undefined;

  const roleArn = values["role-arn"];
  if (roleArn === undefined) {
    throw new UsageError(
      "--role-arn is required: the operator's invoke role (municipality stack output operatorRoleArn)",
    );
  }
  if (!ROLE_ARN_PATTERN.test(roleArn)) {
    throw new UsageError(
      `--role-arn "${roleArn}" is not an IAM role ARN such as arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo`,
    );
  }
  const region = values.region;
  if (!(JAPAN_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(`--region must be ${JAPAN_REGIONS.join(" or ")}: data stays in Japan`);
  }
  const modelId = values["model-id"];
  if (!modelId.startsWith(JAPAN_PROFILE_PREFIX)) {
    throw new UsageError(
      `--model-id must be a "${JAPAN_PROFILE_PREFIX}" inference profile: other profiles route outside Japan`,
    );
  }
  if (values.prompt.length === 0) throw new UsageError("--prompt must not be empty");
  const externalId = values["external-id"];
  return {
    roleArn,
    region,
    modelId,
    prompt: values.prompt,
    stream: values.stream,
    ...(externalId !== undefined ? { externalId } : {}),
  };
}
