import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { usageCommand, usageReport } from "../../usage/cli";
import { QUERIES_PER_CALL, metricQueries, monthRange } from "../../usage/report";
import { FIXTURES } from "../support";

const ARN = (id: string) => `arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/${id}`;
const dir = mkdtempSync(join(tmpdir(), "usage-"));
const outputs = join(dir, "operator.json");
writeFileSync(
  outputs,
  JSON.stringify({ inferenceProfileArns: { sapporo: ARN("aaaa1111"), hakodate: ARN("bbbb2222") } }),
);
const stack = join(FIXTURES, "Pulumi.operator.yaml");

describe("usage report (usage/)", () => {
  it("sums each municipality's metrics across pages and prices its tokens", async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: "m0_invocations", Values: [10, 5] },
          { Id: "m0_inputtokens", Values: [600_000] },
        ],
        NextToken: "page2",
      })
      .resolvesOnce({
        MetricDataResults: [
          { Id: "m0_inputtokens", Values: [400_000] },
          { Id: "m0_outputtokens", Values: [200_000] },
          { Id: "m1_invocations", Values: [] },
        ],
      });
    const json = JSON.parse(
      await usageReport(
        ["--month", "2026-11", "--outputs", outputs, "--stack", stack, "--format", "json"],
        cw as never,
      ),
    );
    deepStrictEqual(
      json.rows.map((r: Record<string, unknown>) => [r.municipality, r.invocations, r.inputTokens, r.outputTokens]),
      [
        ["sapporo", 15, 1_000_000, 200_000],
        ["hakodate", 0, 0, 0],
      ],
    );
    // Haiku 4.5 through jp.: $1.10 per million in, $5.50 per million out.
    strictEqual(json.rows[0].microUsd, 1_100_000 + 1_100_000);
    const calls = cw.commandCalls(GetMetricDataCommand);
    strictEqual(calls.length, 2);
    strictEqual(calls[1].args[0].input.NextToken, "page2");
    deepStrictEqual(calls[0].args[0].input.StartTime, new Date("2026-11-01T00:00:00Z"));
    deepStrictEqual(calls[0].args[0].input.EndTime, new Date("2026-12-01T00:00:00Z"));
    strictEqual(
      calls[0].args[0].input.MetricDataQueries?.[0].MetricStat?.Metric?.Dimensions?.[0].Value,
      ARN("aaaa1111"),
    );
  });

  it("splits 1,741 municipalities into calls of at most 500 queries", () => {
    const profiles = Object.fromEntries(Array.from({ length: 1741 }, (_, i) => [`m${i}`, ARN(`p${i}`)]));
    const queries = metricQueries(profiles);
    strictEqual(queries.length, 1741 * 3);
    strictEqual(new Set(queries.map((q) => q.Id)).size, queries.length);
    ok(Math.ceil(queries.length / QUERIES_PER_CALL) === 11);
    for (const q of queries) match(q.Id, /^[a-z][a-zA-Z0-9_]*$/);
  });

  it("renders csv and markdown with the unverified price and its source", async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: "m1_outputtokens", Values: [1_000_000] }] });
    const csv = await usageReport(
      ["--month", "2026-11", "--outputs", outputs, "--stack", stack, "--format", "csv"],
      cw as never,
    );
    strictEqual(csv.split("\n")[2], `hakodate,0,0,1000000,5.50,${ARN("bbbb2222")}`);
    const md = await usageReport(["--month", "2026-11", "--outputs", outputs, "--stack", stack], cw as never);
    match(md, /\| hakodate \| 0 \| 0 \| 1000000 \| 5\.50 \|/);
    match(md, /\(unverified\), https:\/\/aws\.amazon\.com\/bedrock\/pricing\//);
  });

  it("bad arguments print the usage and exit 2, without calling CloudWatch", async () => {
    const cw = mockClient(CloudWatchClient);
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (errors.push(chunk), true)) as typeof process.stderr.write;
    try {
      for (const argv of [
        [],
        ["--month", "2026-13", "--outputs", outputs],
        ["--month", "2026-11", "--outputs", outputs, "--format", "xml"],
        ["--month", "2026-11"],
        ["--month", "2026-11", "--outputs", outputs, "--stack", join(FIXTURES, "Pulumi.municipality.yaml")],
      ]) {
        strictEqual(await usageCommand(argv, cw as never), 2, argv.join(" "));
      }
    } finally {
      process.stderr.write = write;
    }
    strictEqual(cw.commandCalls(GetMetricDataCommand).length, 0);
    ok(errors.join("").includes("usage: npm run usage"));
    match(errors.join(""), /--month must be YYYY-MM/);
    deepStrictEqual(monthRange("2026-12").end, new Date("2027-01-01T00:00:00Z"));
  });
});
