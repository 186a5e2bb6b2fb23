import * as assert from "node:assert/strict";
import {
  azProfileComparison,
  costLines,
  formatUnitPrice,
  formatUsd,
  monthlyMicroUsd,
  setupRunCost,
  summariseCost,
} from "../../plan/cost";
import { PRICES, findPrice } from "../../plan/prices";

const TOKYO = "ap-northeast-1";
const endpoint = (name: string, vpcEndpointType: string, subnets: number) => ({
  type: "aws:ec2/vpcEndpoint:VpcEndpoint",
  name,
  inputs: { vpcEndpointType, subnetIds: Array.from({ length: subnets }, (_, i) => `subnet-${i}`) },
});

describe("price table", () => {
  it("holds the docs/design.md §5 figures with a source, a date and a verified flag", () => {
    assert.deepEqual(
      PRICES.map((p) => [p.id, p.region, p.microUsd, p.verified]),
      [
        ["interfaceEndpointAzHour", TOKYO, 14_000, false],
        ["gatewayEndpoint", "*", 0, true],
        ["natGatewayHour", TOKYO, 62_000, false],
        ["kmsKeyMonth", "*", 1_000_000, true],
        ["cloudwatchAlarmMetricMonth", "*", 100_000, false],
        ["cloudwatchMetricsInsightsAlarmMetricMonth", "*", 100_000, false],
        ["cloudwatchDashboardMonth", "*", 3_000_000, false],
      ],
    );
    for (const price of PRICES) {
      assert.match(price.source, /^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//);
      assert.match(price.checked, /^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("has no Osaka prices but the free gateway endpoint: an Osaka plan says so instead of guessing", () => {
    assert.equal(findPrice("interfaceEndpointAzHour", "ap-northeast-3"), undefined);
    assert.equal(findPrice("gatewayEndpoint", "ap-northeast-3")?.microUsd, 0);
  });
});

describe("cost maths", () => {
  it("bills an interface endpoint per AZ-hour over 730 hours: $10.22 per endpoint-AZ-month", () => {
    assert.equal(monthlyMicroUsd(findPrice("interfaceEndpointAzHour", TOKYO)!, 1), 10_220_000);
  });

  it("prices interface endpoints by their subnet count, gateway endpoints at zero, NAT per hour", () => {
    const lines = costLines(
      [
        endpoint("br", "Interface", 2),
        endpoint("s3", "Gateway", 0),
        { type: "aws:ec2/natGateway:NatGateway", name: "nat", inputs: {} },
        { type: "aws:iam/role:Role", name: "role", inputs: {} },
      ],
      TOKYO,
    );
    assert.deepEqual(
      lines.map((l) => [l.resource, l.priceId, l.unitsPerHour, l.monthlyMicroUsd]),
      [
        ["br", "interfaceEndpointAzHour", 2, 20_440_000],
        ["s3", "gatewayEndpoint", 1, 0],
        ["nat", "natGatewayHour", 1, 45_260_000],
      ],
    );
    const summary = summariseCost(lines);
    assert.equal(summary.monthlyMicroUsd, 65_700_000);
    assert.equal(summary.usesUnverifiedPrices, true);
  });

  it("leaves resources out of the total when the region has no price, and lists them", () => {
    const summary = summariseCost(
      costLines([endpoint("br", "Interface", 1), endpoint("s3", "Gateway", 0)], "ap-northeast-3"),
    );
    assert.equal(summary.monthlyMicroUsd, 0);
    assert.deepEqual(
      summary.unpriced.map((l) => l.resource),
      ["br"],
    );
    assert.equal(summary.usesUnverifiedPrices, false);
  });

  it("bills a KMS key per month, not per hour: $1.00 in any region", () => {
    const lines = costLines([{ type: "aws:kms/key:Key", name: "log-key", inputs: {} }], "ap-northeast-3");
    assert.deepEqual(
      lines.map((l) => [l.resource, l.priceId, l.unitsPerHour, l.monthlyMicroUsd]),
      [["log-key", "kmsKeyMonth", 1, 1_000_000]],
    );
    assert.equal(summariseCost(lines).usesUnverifiedPrices, false);
  });

  it("a plan of gateway endpoints only uses no unverified price", () => {
    assert.equal(summariseCost(costLines([endpoint("s3", "Gateway", 0)], TOKYO)).usesUnverifiedPrices, false);
  });

  it("1-AZ PoC profile with 4 interface endpoints: $40.88 vs $81.76 for 2 AZs, saving $40.88", () => {
    assert.deepEqual(azProfileComparison(4, TOKYO), {
      interfaceEndpoints: 4,
      oneAzMicroUsd: 40_880_000,
      twoAzMicroUsd: 81_760_000,
      savingMicroUsd: 40_880_000,
    });
    assert.equal(azProfileComparison(4, "ap-northeast-3"), undefined);
  });

  it("formats totals to the cent and unit prices with all their digits", () => {
    assert.equal(formatUsd(40_880_000), "$40.88");
    assert.equal(formatUsd(1_234_567_890), "$1,234.57");
    assert.equal(formatUsd(5_000), "$0.01");
    assert.equal(formatUsd(0), "$0.00");
    assert.equal(formatUnitPrice(14_000), "$0.014");
    assert.equal(formatUnitPrice(62_000), "$0.062");
    assert.equal(formatUnitPrice(0), "$0.00");
    assert.equal(formatUnitPrice(1_500_000), "$1.50");
  });
});

describe("setup run next to the steady state (setupRunCost)", () => {
  const municipality = (overrides: Record<string, { enabled?: boolean }>, region = TOKYO, azs = 1) => ({
    account: "municipality",
    config: {
      region,
      endpoints: { "bedrock-runtime": { enabled: true }, sts: { enabled: true } },
      endpointOverrides: overrides,
      vpc: { availabilityZones: Array.from({ length: azs }, (_, i) => `az-${i}`) },
    },
  });

  it("adds the CodeArtifact and Session Manager endpoints per AZ to the steady total", () => {
    const setup = setupRunCost(municipality({}), 20_440_000)!;
    assert.deepEqual(setup.addedEndpoints, [
      "codeartifact.api",
      "codeartifact.repositories",
      "ssm",
      "ssmmessages",
      "ec2messages",
    ]);
    assert.equal(formatUsd(setup.monthlyMicroUsd), "$71.54");
    assert.equal(formatUsd(setupRunCost(municipality({}, TOKYO, 2), 40_880_000)!.monthlyMicroUsd), "$143.08");
  });

  it("keeps an explicit enabled: false, and adds no CodeArtifact endpoint in Osaka", () => {
    const setup = setupRunCost(municipality({ ec2messages: { enabled: false } }), 0)!;
    assert.ok(!setup.addedEndpoints.includes("ec2messages"));
    const osaka = setupRunCost(municipality({}, "ap-northeast-3"), 0, [
      { ...findPrice("interfaceEndpointAzHour", TOKYO)!, region: "ap-northeast-3" },
    ])!;
    assert.deepEqual(osaka.addedEndpoints, ["ssm", "ssmmessages", "ec2messages"]);
  });

  it("has nothing to say for an operator or an unpriced region", () => {
    assert.equal(setupRunCost({ account: "operator", config: {} }, 0), undefined);
    assert.equal(setupRunCost(municipality({}, "ap-northeast-3"), 0), undefined);
  });
});

describe("metering resources in the cost (plan/cost.ts)", () => {
  const alarm = (name: string, inputs: Record<string, unknown>) => ({
    name,
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    inputs,
  });

  it("prices an alarm per metric it reads, and a dashboard per month", () => {
    const lines = costLines(
      [
        alarm("throttles", { metricName: "InvocationThrottles" }),
        alarm("tokens", {
          metricQueries: [
            { id: "in", metric: { metricName: "InputTokenCount" } },
            { id: "out", metric: { metricName: "OutputTokenCount" } },
            { id: "sum", expression: "in + out", returnData: true },
          ],
        }),
        { name: "dashboard", type: "aws:cloudwatch/dashboard:Dashboard", inputs: {} },
      ],
      "ap-northeast-1",
    );
    assert.deepEqual(
      lines.map((line) => [line.resource, line.priceId, line.unitsPerHour, line.monthlyMicroUsd]),
      [
        ["throttles", "cloudwatchAlarmMetricMonth", 1, 100_000],
        ["tokens", "cloudwatchAlarmMetricMonth", 2, 200_000],
        ["dashboard", "cloudwatchDashboardMonth", 1, 3_000_000],
      ],
    );
    assert.ok(summariseCost(lines).usesUnverifiedPrices);
  });
});
