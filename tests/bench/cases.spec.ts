import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { parseStackConfig, rawConfigOf } from "../../infra/config";
import {
  type CaseResult,
  benchmarkCases,
  municipalityBenchConfig,
  operatorBenchConfig,
  renderMarkdown,
  scalingRatios,
  summarise,
} from "../../bench/cases";

const result = (label: string, medianMs: number): CaseResult => ({
  group: "operator",
  label,
  runs: 5,
  minMs: medianMs,
  medianMs,
  maxMs: medianMs,
  resources: 0,
  peakRssMiB: 0,
});

describe("benchmark cases (bench/cases.ts)", () => {
  it("summarises runs as min / median / max", () => {
    deepStrictEqual(summarise([30, 10, 20]), { runs: 3, minMs: 10, medianMs: 20, maxMs: 30 });
    deepStrictEqual(summarise([40, 10, 20, 30]), { runs: 4, minMs: 10, medianMs: 25, maxMs: 40 });
  });

  it("reports median ratios between operator sizes", () => {
    deepStrictEqual(
      scalingRatios([
        result("10 municipalities", 10),
        result("100 municipalities", 100),
        result("1741 municipalities", 1740),
      ]),
      { "time(1741)/time(100)": 17.4, "time(100)/time(10)": 10 },
    );
  });

  it("generates valid configs: 1,741 municipalities with a raised role quota, every AZ and endpoint profile", () => {
    const operator = parseStackConfig(rawConfigOf(operatorBenchConfig(1741)));
    strictEqual(operator.account === "operator" && Object.keys(operator.municipalities).length, 1741);
    strictEqual(operator.account === "operator" && operator.metering !== undefined, true, "metered as shipped");
    const unmetered = parseStackConfig(rawConfigOf(operatorBenchConfig(1741, "off")));
    strictEqual(unmetered.account === "operator" && unmetered.metering, undefined);
    const withoutAlarms = parseStackConfig(rawConfigOf(operatorBenchConfig(1741, "without alarms")));
    strictEqual(withoutAlarms.account === "operator" && withoutAlarms.metering?.alarms, undefined);
    strictEqual(withoutAlarms.account === "operator" && withoutAlarms.metering !== undefined, true);
    for (const azCount of [1, 2, 3]) {
      const municipality = parseStackConfig(rawConfigOf(municipalityBenchConfig(azCount, "minimal")));
      strictEqual(municipality.account === "municipality" && municipality.vpc?.availabilityZones.length, azCount);
    }
    deepStrictEqual(
      benchmarkCases({ quick: false }).map((c) => c.label),
      [
        "1 municipalities",
        "10 municipalities",
        "100 municipalities",
        "1000 municipalities",
        "1741 municipalities",
        "1 AZ, all endpoints",
        "1 AZ, minimal endpoints",
        "2 AZ, all endpoints",
        "2 AZ, minimal endpoints",
        "3 AZ, all endpoints",
        "3 AZ, minimal endpoints",
      ],
    );
  });

  it("renders a Markdown table with the machine and the ratios", () => {
    const markdown = renderMarkdown({
      date: "2026-11-23T00:00:00Z",
      machine: { cpus: "2 × test", memoryGiB: 24, node: "v20" },
      runsPerPoint: 5,
      results: [result("100 municipalities", 100), result("1741 municipalities", 1800)],
    });
    strictEqual(markdown.split("\n")[0], "Benchmark of 2026-11-23 on 2 × test, 24 GiB, Node v20; 5 runs per point.");
    strictEqual(markdown.includes("| operator | 1741 municipalities |  | 5 | 1800 | 1800 | 1800 |  |"), true);
    strictEqual(markdown.includes("- time(1741)/time(100) = 18"), true);
  });
});
