import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { usageCommand, usageReport } from "../../usage/cli";
import { QUERIES_PER_CALL, metricQueries, monthRange } from "../../usage/report";
import { capture } from "../cli-capture";
import { FIXTURES } from "../support";

const ARN = (id: string) => `arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/${id}`;
const dir = mkdtempSync(join(tmpdir(), "usage-"));
const outputs = join(dir, "operator.json");
writeFileSync(
  outputs,
  JSON.stringify({ inferenceProfileArns: { sapporo: ARN("aaaa1111"), hakodate: ARN("bbbb2222") } }),
);
const stack = join(FIXTURES, "Pulumi.operator.yaml");
const report = ["--month", "2026-11", "--outputs", outputs, "--stack", stack, "--lang", "en"];

/** The ModelId each query asked CloudWatch for, by query id. */
function askedFor(cw: ReturnType<typeof mockClient>): Record<string, string | undefined> {
  return Object.fromEntries(
    cw
      .commandCalls(GetMetricDataCommand)
      .flatMap((call) => call.args[0].input.MetricDataQueries ?? [])
      .map((q) => [q.Id!, q.MetricStat?.Metric?.Dimensions?.[0].Value]),
  );
}

describe("usage report (usage/)", () => {
  it("reads every profile under its ARN and its bare id, sums each municipality across pages and prices its tokens", async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: "m0_invocations_arn", Values: [10, 5] },
          { Id: "m0_inputtokens_arn", Values: [600_000] },
          { Id: "m0_inputtokens_id", Values: [] },
        ],
        NextToken: "page2",
      })
      .resolvesOnce({
        MetricDataResults: [
          { Id: "m0_inputtokens_arn", Values: [400_000] },
          { Id: "m0_outputtokens_arn", Values: [200_000] },
          { Id: "m1_invocations_arn", Values: [] },
        ],
      });
    const json = JSON.parse(await usageReport([...report, "--format", "json"], cw as never));
    deepStrictEqual(
      json.rows.map((r: Record<string, unknown>) => [
        r.municipality,
        r.invocations,
        r.inputTokens,
        r.outputTokens,
        r.modelIdForm,
      ]),
      [
        ["sapporo", 15, 1_000_000, 200_000, "arn"],
        ["hakodate", 0, 0, 0, "none"],
      ],
    );
    deepStrictEqual(json.modelIdForms, { arn: 1, id: 0, both: 0, none: 1 });
    // Haiku 4.5 through jp.: $1.10 per million in, $5.50 per million out.
    strictEqual(json.rows[0].microUsd, 1_100_000 + 1_100_000);
    const calls = cw.commandCalls(GetMetricDataCommand);
    strictEqual(calls.length, 2);
    strictEqual(calls[1].args[0].input.NextToken, "page2");
    deepStrictEqual(calls[0].args[0].input.StartTime, new Date("2026-11-01T00:00:00Z"));
    deepStrictEqual(calls[0].args[0].input.EndTime, new Date("2026-12-01T00:00:00Z"));
    const asked = askedFor(cw);
    strictEqual(asked.m0_invocations_arn, ARN("aaaa1111"));
    strictEqual(asked.m0_invocations_id, "aaaa1111");
    strictEqual(asked.m1_outputtokens_id, "bbbb2222");
  });

  it("counts the same usage when CloudWatch records the bare id instead of the ARN", async () => {
    const underArn = mockClient(CloudWatchClient);
    underArn.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: "m1_invocations_arn", Values: [3] },
        { Id: "m1_outputtokens_arn", Values: [1_000_000] },
      ],
    });
    const underId = mockClient(CloudWatchClient);
    underId.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: "m1_invocations_id", Values: [3] },
        { Id: "m1_outputtokens_id", Values: [1_000_000] },
      ],
    });
    const rows = async (cw: ReturnType<typeof mockClient>) =>
      JSON.parse(await usageReport([...report, "--format", "json"], cw as never)).rows as Record<string, unknown>[];
    const [byArn, byId] = [await rows(underArn), await rows(underId)];
    const usage = (r: Record<string, unknown>) => [r.municipality, r.invocations, r.outputTokens, r.microUsd];
    deepStrictEqual(byId.map(usage), byArn.map(usage));
    deepStrictEqual(byId.map(usage)[1], ["hakodate", 3, 1_000_000, 5_500_000]);
    deepStrictEqual(
      [byArn[1].modelIdForm, byId[1].modelIdForm],
      ["arn", "id"],
      "the report says which form CloudWatch used: the first-deploy check",
    );
  });

  it("splits 1,741 municipalities into calls of at most 500 queries, both ModelId forms each", () => {
    const profiles = Object.fromEntries(Array.from({ length: 1741 }, (_, i) => [`m${i}`, ARN(`p${i}`)]));
    const queries = metricQueries(profiles);
    strictEqual(queries.length, 1741 * 3 * 2);
    strictEqual(new Set(queries.map((q) => q.Id)).size, queries.length);
    strictEqual(Math.ceil(queries.length / QUERIES_PER_CALL), 21);
    for (const q of queries) match(q.Id, /^[a-z][a-zA-Z0-9_]*$/);
  });

  it("renders csv and markdown with the ModelId form, the unverified price and its source", async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: "m1_outputtokens_id", Values: [1_000_000] }] });
    const csv = await usageReport([...report, "--format", "csv"], cw as never);
    strictEqual(
      csv.split("\n")[0],
      "municipality,invocations,input_tokens,output_tokens,estimated_usd,profile_arn,model_id_form",
    );
    strictEqual(csv.split("\n")[2], `hakodate,0,0,1000000,5.50,${ARN("bbbb2222")},id`);
    const md = await usageReport(report, cw as never);
    match(md, /\| hakodate \| 0 \| 0 \| 1000000 \| 5\.50 \|/);
    match(md, /\(unverified\), https:\/\/aws\.amazon\.com\/bedrock\/pricing\//);
    match(
      md,
      /ModelId as CloudWatch recorded it: profile ARN for 0 municipalities, bare id for 1, both for 0, no datapoint for 1\./,
    );
  });

  it("no datapoint for any municipality under either form: exit 1, saying why, in the reader's language", async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: "m0_invocations_arn", Values: [] },
        { Id: "m0_invocations_id", Values: [] },
      ],
    });
    const en = await capture(() => usageCommand(report, cw as never));
    strictEqual(en.code, 1);
    strictEqual(en.stdout, "");
    match(
      en.stderr,
      /no AWS\/Bedrock datapoint in 2026-11 for any of the 2 municipalities' application inference profiles, under their ARN or their bare id/,
    );
    match(en.stderr, /first-deploy check in docs\/operator\.md/);
    const ja = await capture(() => usageCommand([...report.slice(0, -2), "--lang", "ja"], cw as never));
    strictEqual(ja.code, 1);
    match(ja.stderr, /2026-11 の AWS\/Bedrock について、2 自治体のアプリケーション推論プロファイルのどれにも/);
  });

  it("--which names the municipality behind an alarm's ModelId, ARN or bare id, without calling CloudWatch", async () => {
    const cw = mockClient(CloudWatchClient);
    for (const modelId of [ARN("bbbb2222"), "bbbb2222"]) {
      const run = await capture(() =>
        usageCommand(["--outputs", outputs, "--which", modelId, "--lang", "en"], cw as never),
      );
      strictEqual(run.code, 0, run.stderr);
      strictEqual(run.stdout, `${modelId} is municipality hakodate's application profile.\n`);
    }
    const unknown = await capture(() =>
      usageCommand(
        ["--outputs", outputs, "--which", "jp.anthropic.claude-haiku-4-5-20251001-v1:0", "--lang", "en"],
        cw as never,
      ),
    );
    strictEqual(unknown.code, 1);
    match(unknown.stderr, /is no municipality's application profile in .*operator\.json/);
    strictEqual(cw.commandCalls(GetMetricDataCommand).length, 0);
  });

  it("bad arguments print the usage and exit 2, without calling CloudWatch", async () => {
    const cw = mockClient(CloudWatchClient);
    const errors: string[] = [];
    for (const argv of [
      [],
      ["--month", "2026-13", "--outputs", outputs],
      ["--month", "2026-11", "--outputs", outputs, "--format", "xml"],
      ["--month", "2026-11"],
      ["--month", "2026-11", "--outputs", outputs, "--stack", join(FIXTURES, "Pulumi.municipality.yaml")],
      ["--which", "bbbb2222"],
      ["--month", "2026-11", "--outputs", outputs, "--lang", "fr"],
    ]) {
      const run = await capture(() => usageCommand(argv, cw as never));
      strictEqual(run.code, 2, argv.join(" "));
      errors.push(run.stderr);
    }
    strictEqual(cw.commandCalls(GetMetricDataCommand).length, 0);
    ok(errors.every((e) => e.includes("usage: npm run usage")));
    match(errors[1], /--month must be YYYY-MM/);
    match(errors[5], /--which needs --outputs/);
    match(errors[6], /--lang must be en or ja/);
    deepStrictEqual(monthRange("2026-12").end, new Date("2027-01-01T00:00:00Z"));
  });
});
