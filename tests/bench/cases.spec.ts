import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { parseStackConfig, rawConfigOf } from "../../infra/config";
import {
  type CaseResult,
  benchmarkCases,
  municipalityBenchConfig,
  operatorBenchConfig,
  pairedRatio,
  renderMarkdown,
  scalingRatios,
  summarise,
  upPathVerdict,
} from "../../bench/cases";
import { fixtureConfig, withConfig } from "../support";

/** The fixture operator file, metered like the shipped one: what `npm run bench` grows. */
const operatorBase = withConfig(fixtureConfig("operator"), {
  "bedrock-lz:metering": { enabled: true, alarms: { emails: ["ops@example.jp"] } },
});

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

  it("grows the operator file to 1,741 municipalities: its own first, every one hardened, quotas raised", () => {
    const grown = operatorBenchConfig(operatorBase, 1741);
    const operator = parseStackConfig(rawConfigOf(grown));
    if (operator.account !== "operator") throw new Error("not an operator");
    const names = Object.keys(operator.municipalities);
    strictEqual(names.length, 1741);
    deepStrictEqual(names.slice(0, 3), ["sapporo", "hakodate", "m0002"]);
    strictEqual(operator.municipalities.sapporo.externalId, "sapporo-bedrock-poc", "the file's own settings stay");
    strictEqual(new Set(Object.values(operator.municipalities).map((m) => m.accountId)).size, 1741);
    strictEqual(
      Object.values(operator.municipalities).every((m) => /^vpce-[0-9a-f]{17}$/.test(m.bedrockRuntimeEndpointId ?? "")),
      true,
      "hardened",
    );
    strictEqual(operator.metering?.alarms?.emails[0], "ops@example.jp", "metered as the file says");
    strictEqual(grown["bedrock-lz:invocationLogging"], operatorBase["bedrock-lz:invocationLogging"]);
    const unmetered = parseStackConfig(rawConfigOf(operatorBenchConfig(operatorBase, 1741, "off")));
    strictEqual(unmetered.account === "operator" && unmetered.metering, undefined);
    deepStrictEqual(Object.keys(JSON.parse(operatorBenchConfig(operatorBase, 1)["bedrock-lz:municipalities"])), [
      "sapporo",
    ]);
    for (const azCount of [1, 2, 3]) {
      const municipality = parseStackConfig(rawConfigOf(municipalityBenchConfig(azCount, "minimal")));
      strictEqual(municipality.account === "municipality" && municipality.vpc?.availabilityZones.length, azCount);
    }
    deepStrictEqual(
      benchmarkCases({ quick: false, operatorBase }).map((c) => c.label),
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

  it("takes the pulumi up path's ratio over pairs of runs, and checks its targets", () => {
    // Run 2 of each size was slowed by a neighbour: pair by pair, the ratio is stable.
    const pairs = { small: [1000, 2000, 1000], large: [16_000, 32_000, 17_000] };
    strictEqual(pairedRatio(pairs), 16);
    const large = { ...result("1741 municipalities", 14_000), peakRssMiB: 990 };
    deepStrictEqual(upPathVerdict(large, pairs).met, { time: true, memory: true, ratio: true });
    deepStrictEqual(
      upPathVerdict({ ...large, medianMs: 15_001, peakRssMiB: 1025 }, { small: [1000], large: [17_500] }).met,
      {
        time: false,
        memory: false,
        ratio: false,
      },
    );
  });

  it("renders a Markdown table with the machine, the load, the ratios and the targets", () => {
    const large = { ...result("1741 municipalities", 1800), cpuMedianMs: 1700, loadAverage: { min: 0.5, max: 2.25 } };
    const markdown = renderMarkdown({
      date: "2026-11-23T00:00:00Z",
      machine: { cpus: "2 × test", memoryGiB: 24, node: "v20" },
      runsPerPoint: 5,
      results: [result("100 municipalities", 100), large],
      upPath: upPathVerdict({ ...large, medianMs: 16_000, peakRssMiB: 900 }, { small: [1000], large: [16_000] }),
    });
    strictEqual(markdown.split("\n")[0], "Benchmark of 2026-11-23 on 2 × test, 24 GiB, Node v20; 5 runs per point.");
    strictEqual(
      markdown.includes("| operator | 1741 municipalities |  | 5 | 1800 | 1800 | 1800 | 1700 |  | 0.5–2.3 |"),
      true,
    );
    strictEqual(markdown.includes("- time(1741)/time(100) = 18"), true);
    strictEqual(markdown.includes("- median 16000 ms ≤ 15000 ms: **not met**"), true);
    strictEqual(markdown.includes("- peak RSS 900 MiB ≤ 1024 MiB: met"), true);
    strictEqual(markdown.includes("started one after the other, 16 ≤ 17.4: met"), true);
  });
});
