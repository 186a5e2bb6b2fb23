/**
 * TypeScript smoke client: the same check as clients/python/smoke.py, for this ecosystem.
 *   npm run smoke -- --role-arn arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo [--stream]
 * Run it where the municipality's client role is the ambient identity (the smoke instance, or a
 * workload in the closed VPC). Argument parsing and error classification live in ./args and
 * ./errors; this file only makes the two SDK calls.
 */
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  ConverseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { AssumeRoleCommand, STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import { USAGE, UsageError, type SmokeOptions, parseSmokeArgs } from "./args";
import { type ClassifiedFailure, type SmokeStage, classifySmokeError } from "./errors";
import { type Lookup, observeChecklist, renderChecklist } from "./checklist";
import { type Lang, langOf } from "./messages";
import { langOfArguments } from "../../harness/cli";
import { inLanguage } from "../../infra/messages";

export const SESSION_NAME = "bedrock-lz-smoke";

/**
 * Explicit timeouts and adaptive retries for both clients: a missing endpoint or security-group rule
 * fails in seconds instead of hanging, and throttling backs off instead of failing the smoke test.
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-maxsockets.html
 */
export const CLIENT_ROBUSTNESS = {
  requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  retryMode: "adaptive",
  maxAttempts: 4,
} as const;

/** The regional STS hostname: the closed VPC's STS endpoint answers for it, the global one has none. */
export function stsClientConfig(region: string): STSClientConfig {
  return { region, endpoint: `https://sts.${region}.amazonaws.com`, ...CLIENT_ROBUSTNESS };
}

export interface SmokeResult {
  readonly text: string;
}

/** Where the reply goes; streaming writes each piece as it arrives. */
export type Writer = (chunk: string) => void;

export class SmokeFailure extends Error {
  constructor(
    readonly stage: SmokeStage,
    readonly failure: ClassifiedFailure,
    readonly original: unknown,
  ) {
    super(failure.message);
    this.name = "SmokeFailure";
  }
}

function textOf(output: ConverseCommandOutput): string {
  return (output.output?.message?.content ?? []).map((block) => block.text ?? "").join("");
}

/** Failures are explained in `lang`; the reply is the model's, whatever the language. */
export async function runSmoke(options: SmokeOptions, write: Writer, lang: Lang = "en"): Promise<SmokeResult> {
  const context = {
    roleArn: options.roleArn,
    region: options.region,
    modelId: options.modelId,
    guardrailSent: options.guardrail !== undefined,
  };
  const sts = new STSClient(stsClientConfig(options.region));
  let credentials;
  try {
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: SESSION_NAME,
        DurationSeconds: 900,
        ...(options.externalId !== undefined ? { ExternalId: options.externalId } : {}),
      }),
    );
    credentials = assumed.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey)
      throw new Error("AssumeRole returned no credentials");
  } catch (error) {
    throw new SmokeFailure("assume-role", classifySmokeError(error, { ...context, stage: "assume-role" }, lang), error);
  }

  const bedrock = new BedrockRuntimeClient({
    region: options.region,
    ...CLIENT_ROBUSTNESS,
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    },
  });
  const request = {
    modelId: options.modelId,
    messages: [{ role: "user" as const, content: [{ text: options.prompt }] }],
    inferenceConfig: { maxTokens: 512 },
    // An enforcing operator denies every invoke that does not name its guardrail version.
    ...(options.guardrail !== undefined
      ? { guardrailConfig: { guardrailIdentifier: options.guardrail.arn, guardrailVersion: options.guardrail.version } }
      : {}),
  };
  try {
    if (!options.stream) {
      const text = textOf(await bedrock.send(new ConverseCommand(request)));
      write(`${text}\n`);
      return { text };
    }
    const response = await bedrock.send(new ConverseStreamCommand(request));
    let text = "";
    for await (const event of response.stream ?? []) {
      const piece = event.contentBlockDelta?.delta?.text;
      if (piece) {
        text += piece;
        write(piece);
      }
      // Errors in the middle of a stream arrive as events, not as a rejected promise.
      const streamError =
        event.internalServerException ??
        event.modelStreamErrorException ??
        event.validationException ??
        event.throttlingException ??
        event.serviceUnavailableException;
      if (streamError) throw streamError;
    }
    write("\n");
    return { text };
  } catch (error) {
    throw new SmokeFailure("invoke", classifySmokeError(error, { ...context, stage: "invoke" }, lang), error);
  }
}

/**
 * Exit codes: 0 reply printed, 1 usage, 2 AssumeRole failed, 3 Converse failed. Failures and the
 * checklist are printed in Japanese with `--lang ja` or a `ja` locale (`LC_ALL`, `LC_MESSAGES`,
 * `LANG`), in English otherwise; the failure kind stays the same word in both, for scripts and searches.
 */
export async function main(
  argv: readonly string[],
  lookup?: Lookup,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  // The language is known before the arguments are checked, so --help and a mistake are in it too.
  const argumentsLang = langOfArguments(argv, env);
  let options;
  try {
    options = parseSmokeArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${inLanguage(error.message, argumentsLang)}\n${USAGE[argumentsLang]}\n`);
    return 1;
  }
  if (options === undefined) {
    process.stdout.write(`${USAGE[argumentsLang]}\n`);
    return 0;
  }
  const lang = langOf(options.lang, env);
  try {
    await runSmoke(options, (chunk) => process.stdout.write(chunk), lang);
    return 0;
  } catch (error) {
    if (!(error instanceof SmokeFailure)) throw error;
    process.stderr.write(`bedrock-lz smoke: ${error.failure.kind}: ${error.failure.message}\n`);
    return error.stage === "assume-role" ? 2 : 3;
  } finally {
    process.stderr.write(renderChecklist(await observeChecklist(options, lookup, lang), lang));
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
