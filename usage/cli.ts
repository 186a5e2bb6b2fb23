/**
 * `npm run usage -- --month 2026-11 --outputs operator-outputs.json [--stack Pulumi.operator.yaml]
 * [--format md|csv|json]`: the monthly usage report of a metering operator (usage/report.ts).
 * The profile ARNs are Bedrock-assigned, so they come from the operator stack's outputs
 * (`inferenceProfileArns`); the stack file gives the region and the model's price.
 */
import { readFileSync } from "node:fs";
import { CloudWatchClient, GetMetricDataCommand, type MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { UsageError, parseCommandLine, runCommand } from "../harness/cli";
import { readStackConfigFile } from "../harness/stack-file";
import { parseStackConfig, rawConfigOf } from "../infra/config";
import { findTokenPrice } from "../plan/prices";
import { type Format, QUERIES_PER_CALL, metricQueries, monthRange, renderUsage, usageRows } from "./report";

export const USAGE = `usage: npm run usage -- --month YYYY-MM --outputs <file> [--stack Pulumi.operator.yaml] [--format md|csv|json]

  --month     the calendar month (UTC) to report
  --outputs   the operator's outputs: pulumi stack output --json --stack <operator> > <file>
  --stack     the operator's stack file (region and model), default Pulumi.operator.yaml
  --format    md (default), csv or json
  --help      this text

exit: 0 report printed, 2 bad arguments`;

/** The report, with CloudWatch injected (specs pass a mocked client). */
export async function usageReport(argv: readonly string[], client?: CloudWatchClient): Promise<string> {
  const values = parseCommandLine(argv, {
    month: { type: "string" },
    outputs: { type: "string" },
    stack: { type: "string", default: "Pulumi.operator.yaml" },
    format: { type: "string", default: "md" },
  });
  if (values.month === undefined) throw new UsageError("--month is required");
  let range;
  try {
    range = monthRange(values.month);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!["md", "csv", "json"].includes(values.format)) throw new UsageError("--format must be md, csv or json");
  if (values.outputs === undefined) throw new UsageError("--outputs is required (the operator's stack outputs)");
  let profiles: Record<string, string> | null | undefined;
  let config;
  try {
    profiles = (
      JSON.parse(readFileSync(values.outputs, "utf8")) as { inferenceProfileArns?: Record<string, string> | null }
    ).inferenceProfileArns;
    config = parseStackConfig(rawConfigOf(readStackConfigFile(values.stack).config));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (config.account !== "operator") throw new UsageError(`${values.stack} is not an operator stack file`);
  if (profiles == null)
    throw new UsageError(`${values.outputs} has no inferenceProfileArns: the operator does not meter`);
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
  return renderUsage(values.month, usageRows(profiles, results, price), price, values.format as Format);
}

export function usageCommand(argv: readonly string[], client?: CloudWatchClient): Promise<number> {
  return runCommand("usage", USAGE, async () => {
    console.log(await usageReport(argv, client));
    return 0;
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
