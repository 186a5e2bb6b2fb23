/**
 * `npm run usage -- --month 2026-11 --outputs operator-outputs.json [--stack Pulumi.operator.yaml]
 * [--format md|csv|json]`: the monthly usage report of a metering operator (usage/report.ts).
 * The profile ARNs are Bedrock-assigned, so they come from the operator stack's outputs
 * (`inferenceProfileArns`); the stack file gives the region and the model's price.
 * `--which <ModelId>` names the municipality behind an alarm's contributor, offline.
 */
import { readFileSync } from "node:fs";
import { CloudWatchClient, GetMetricDataCommand, type MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { UsageError, langArgument, langOfArguments, parseCommandLine, runCommand } from "../harness/cli";
import { readStackConfigFile } from "../harness/stack-file";
import { parseStackConfig, rawConfigOf } from "../infra/config";
import { municipalityOfModelId } from "../infra/metering";
import { type Lang, inLanguage } from "../infra/messages";
import { findTokenPrice } from "../plan/prices";
import { USAGE_MESSAGES as m } from "./messages";
import {
  type Format,
  QUERIES_PER_CALL,
  metricQueries,
  modelIdFormCounts,
  monthRange,
  noSeriesAtAll,
  renderUsage,
  usageRows,
} from "./report";

/** The usage in both languages (./messages.ts). */
export const USAGE = { en: m.usage, ja: inLanguage(m.usage, "ja") };

/** Nothing to answer with: no datapoint under either `ModelId` form in the month, or `--which` names no profile. */
export class NoAnswerError extends Error {}

/** CloudWatch could not be read at all (no credentials, a permission), with what to do; exit 2. */
export class CloudWatchUnreadableError extends Error {}

/**
 * The operator's outputs file, named in every message about it: a missing file, text that is not
 * JSON (the usual mistake: the output of `pulumi stack output` without `--json`), no profiles.
 */
function readProfiles(outputs: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(outputs, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(m.outputsUnreadable({ file: outputs, reason }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The file's own first line says what it is (often `pulumi stack output` without --json).
    const start = text.trimStart().split("\n")[0].slice(0, 60);
    throw new UsageError(m.outputsNotJson({ file: outputs, start }));
  }
  const profiles = (parsed as { inferenceProfileArns?: Record<string, string> | null } | null)?.inferenceProfileArns;
  if (profiles == null) throw new UsageError(m.noProfiles({ file: outputs }));
  return profiles;
}

/**
 * An AWS SDK failure that no retry will fix, said with what to do: no credentials at all (the SDK's
 * CredentialsProviderError), or credentials CloudWatch refuses.
 */
function cloudWatchProblem(error: unknown, region: string): Error {
  const { name = "Error", message = String(error) } = error as { name?: string; message?: string };
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return new CloudWatchUnreadableError(m.noCredentials({ region }));
  }
  if (/AccessDenied|UnrecognizedClient|InvalidClientTokenId|ExpiredToken/.test(name)) {
    return new CloudWatchUnreadableError(m.denied({ problem: `${name}: ${message}` }));
  }
  return new CloudWatchUnreadableError(m.unreadable({ name, problem: message }));
}

/** The report, with CloudWatch injected (specs pass a mocked client). */
export async function usageReport(argv: readonly string[], client?: CloudWatchClient): Promise<string> {
  const values = parseCommandLine(argv, {
    month: { type: "string" },
    outputs: { type: "string" },
    stack: { type: "string", default: "Pulumi.operator.yaml" },
    format: { type: "string", default: "md" },
    which: { type: "string" },
    lang: { type: "string" },
  });
  langArgument(values.lang);
  if (values.which !== undefined) {
    if (values.outputs === undefined) throw new UsageError(m.whichNeedsOutputs);
    const municipality = municipalityOfModelId(readProfiles(values.outputs), values.which);
    if (municipality === undefined) {
      throw new NoAnswerError(m.whichUnknown({ modelId: values.which, outputs: values.outputs }));
    }
    return m.which({ modelId: values.which, municipality });
  }
  if (values.month === undefined) throw new UsageError(m.monthRequired);
  let range;
  try {
    range = monthRange(values.month);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!["md", "csv", "json"].includes(values.format)) throw new UsageError(m.format);
  if (values.outputs === undefined) throw new UsageError(m.outputsRequired);
  const profiles = readProfiles(values.outputs);
  let config;
  try {
    config = parseStackConfig(rawConfigOf(readStackConfigFile(values.stack).config));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (config.account !== "operator") throw new UsageError(m.notOperator({ file: values.stack }));
  const price = findTokenPrice(config.inferenceProfile.modelId);
  if (price === undefined) throw new UsageError(m.noPrice({ model: config.inferenceProfile.modelId }));

  // Adaptive retries back off on GetMetricData throttling.
  const cloudwatch = client ?? new CloudWatchClient({ region: config.region, retryMode: "adaptive", maxAttempts: 8 });
  const queries = metricQueries(profiles);
  const results: MetricDataResult[] = [];
  try {
    for (let i = 0; i < queries.length; i += QUERIES_PER_CALL) {
      let NextToken: string | undefined;
      do {
        const page = await cloudwatch.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries.slice(i, i + QUERIES_PER_CALL),
            StartTime: range.start,
            EndTime: range.end,
            NextToken,
          }),
        );
        results.push(...(page.MetricDataResults ?? []));
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
    }
  } catch (error) {
    throw cloudWatchProblem(error, config.region);
  }
  const rows = usageRows(profiles, results, price);
  if (noSeriesAtAll(rows)) throw new NoAnswerError(m.noSeries({ month: values.month, municipalities: rows.length }));
  return renderUsage(values.month, rows, price, values.format as Format, m.forms({ counts: modelIdFormCounts(rows) }));
}

/**
 * The whole command: the report on stdout; why there is none on stderr, in the reader's language
 * (the report's forms line too); 1 for no answer, 2 for CloudWatch that cannot be read.
 */
export async function usageCommand(
  argv: readonly string[],
  client?: CloudWatchClient,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const lang: Lang = langOfArguments(argv, env);
  return runCommand(
    "usage",
    USAGE,
    async () => {
      try {
        console.log(sayLines(await usageReport(argv, client), lang));
        return 0;
      } catch (error) {
        if (error instanceof NoAnswerError || error instanceof CloudWatchUnreadableError) {
          process.stderr.write(`usage: ${inLanguage(error.message, lang)}\n`);
          return error instanceof NoAnswerError ? 1 : 2;
        }
        throw error;
      }
    },
    lang,
  );
}

/** The report's own lines stay English; a remembered line in it (the ModelId forms, --which's answer) is said in `lang`. */
function sayLines(text: string, lang: Lang): string {
  return text
    .split("\n")
    .map((line) => inLanguage(line, lang))
    .join("\n");
}

if (require.main === module) {
  usageCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
