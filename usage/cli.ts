/**
 * `npm run usage -- --month 2026-11 --outputs operator-outputs.json [--stack Pulumi.operator.yaml]
 * [--format md|csv|json]`: the monthly usage report of a metering operator (usage/report.ts).
 * The profile ARNs are Bedrock-assigned, so they come from the operator stack's outputs
 * (`inferenceProfileArns`); the stack file gives the region and the model's price.
 * `--which <ModelId>` names the municipality behind an alarm's contributor, offline.
 */
import { readFileSync } from "node:fs";
import { CloudWatchClient, GetMetricDataCommand, type MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { UsageError, parseCommandLine, runCommand } from "../harness/cli";
import { LANGS, type Lang, langOf } from "../harness/lang";
import { readStackConfigFile } from "../harness/stack-file";
import { parseStackConfig, rawConfigOf } from "../infra/config";
import { municipalityOfModelId } from "../infra/metering";
import { findTokenPrice } from "../plan/prices";
import { USAGE_MESSAGES } from "./messages";
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

export const USAGE = `usage: npm run usage -- --month YYYY-MM --outputs <file> [--stack Pulumi.operator.yaml] [--format md|csv|json]
       npm run usage -- --outputs <file> --which <ModelId>

  --month     the calendar month (UTC) to report
  --outputs   the operator's outputs: pulumi stack output --json --stack <operator> > <file>
  --stack     the operator's stack file (region and model), default Pulumi.operator.yaml
  --format    md (default), csv or json
  --which     the municipality whose application profile an alarm names (its ModelId: ARN or bare id)
  --lang      en or ja for the messages (default: the locale, LC_ALL/LC_MESSAGES/LANG)
  --help      this text

exit: 0 report printed (or municipality named), 1 no datapoint for any municipality in the month
(or --which names no municipality), 2 bad arguments`;

/** Nothing to answer with: no datapoint under either `ModelId` form in the month, or `--which` names no profile. */
export class NoAnswerError extends Error {}

function readProfiles(outputs: string): Record<string, string> {
  let profiles: Record<string, string> | null | undefined;
  try {
    profiles = (JSON.parse(readFileSync(outputs, "utf8")) as { inferenceProfileArns?: Record<string, string> | null })
      .inferenceProfileArns;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (profiles == null) throw new UsageError(`${outputs} has no inferenceProfileArns: the operator does not meter`);
  return profiles;
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
  if (values.lang !== undefined && !(LANGS as readonly string[]).includes(values.lang)) {
    throw new UsageError(`--lang must be ${LANGS.join(" or ")}`);
  }
  const messages = USAGE_MESSAGES[langOf(values.lang as Lang | undefined, process.env)];
  if (values.which !== undefined) {
    if (values.outputs === undefined) throw new UsageError("--which needs --outputs (the operator's stack outputs)");
    const municipality = municipalityOfModelId(readProfiles(values.outputs), values.which);
    if (municipality === undefined) throw new NoAnswerError(messages.whichUnknown(values.which, values.outputs));
    return messages.which(values.which, municipality);
  }
  if (values.month === undefined) throw new UsageError("--month is required");
  let range;
  try {
    range = monthRange(values.month);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!["md", "csv", "json"].includes(values.format)) throw new UsageError("--format must be md, csv or json");
  if (values.outputs === undefined) throw new UsageError("--outputs is required (the operator's stack outputs)");
  const profiles = readProfiles(values.outputs);
  let config;
  try {
    config = parseStackConfig(rawConfigOf(readStackConfigFile(values.stack).config));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (config.account !== "operator") throw new UsageError(`${values.stack} is not an operator stack file`);
  const price = findTokenPrice(config.inferenceProfile.modelId);
  if (price === undefined)
    throw new UsageError(`no token price for ${config.inferenceProfile.modelId} in plan/prices.ts`);

  // Adaptive retries back off on GetMetricData throttling.
  const cloudwatch = client ?? new CloudWatchClient({ region: config.region, retryMode: "adaptive", maxAttempts: 8 });
  const queries = metricQueries(profiles);
  const results: MetricDataResult[] = [];
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
  const rows = usageRows(profiles, results, price);
  if (noSeriesAtAll(rows)) throw new NoAnswerError(messages.noSeries(values.month, rows.length));
  return renderUsage(values.month, rows, price, values.format as Format, messages.forms(modelIdFormCounts(rows)));
}

export function usageCommand(argv: readonly string[], client?: CloudWatchClient): Promise<number> {
  return runCommand("usage", USAGE, async () => {
    try {
      console.log(await usageReport(argv, client));
      return 0;
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      process.stderr.write(`usage: ${error.message}\n`);
      return 1;
    }
  });
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
