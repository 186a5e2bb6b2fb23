/** Pure parts of the benchmark: generated configs, statistics and the Markdown table. */

export interface BenchCase {
  readonly group: "operator" | "municipality";
  readonly label: string;
  /** Number of municipalities, for the operator scaling ratios. */
  readonly municipalities?: number;
  readonly input: {
    readonly stack: string;
    readonly accountId: string;
    readonly config: Record<string, string>;
  };
}

export interface Summary {
  readonly runs: number;
  readonly minMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
}

export interface CaseResult extends Summary {
  readonly group: string;
  readonly label: string;
  readonly resources: number;
  readonly peakRssMiB: number;
}

export const OPERATOR_SIZES = [1, 10, 100, 1000, 1741] as const;

/** How the benchmark's operator meters: as shipped, without its per-municipality alarms, or not at all. */
export type BenchMetering = "shipped" | "without alarms" | "off";

/**
 * An operator config serving `count` municipalities, hardened with explicit endpoint ids, metered
 * as shipped unless told otherwise.
 */
export function operatorBenchConfig(count: number, metering: BenchMetering = "shipped"): Record<string, string> {
  const municipalities: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const suffix = i.toString(16).padStart(17, "0");
    municipalities[`m${String(i).padStart(4, "0")}`] = {
      accountId: String(200000000000 + i),
      bedrockRuntimeEndpointId: `vpce-${suffix}`,
    };
  }
  return {
    "aws:region": "ap-northeast-1",
    "bedrock-lz:account": "operator",
    "bedrock-lz:accountId": "111111111111",
    // Japan has about 1,741 municipalities; one operator account needs raised role and
    // application-profile quotas for that.
    "bedrock-lz:quotas": JSON.stringify({ rolesPerAccount: 5000, applicationInferenceProfilesPerAccount: 5000 }),
    "bedrock-lz:municipalities": JSON.stringify(municipalities),
    // As shipped: each municipality metered through its own profile, with its alarms and the dashboards.
    ...(metering !== "off"
      ? {
          "bedrock-lz:metering": JSON.stringify(
            metering === "shipped" ? { enabled: true } : { enabled: true, alarms: { enabled: false } },
          ),
        }
      : {}),
  };
}

export const ENDPOINT_PROFILES = {
  all: {},
  minimal: {
    "codeartifact.api": { enabled: false },
    "codeartifact.repositories": { enabled: false },
    s3: { enabled: false },
  },
} as const;

export function municipalityBenchConfig(
  azCount: number,
  endpoints: keyof typeof ENDPOINT_PROFILES,
): Record<string, string> {
  return {
    "aws:region": "ap-northeast-1",
    "bedrock-lz:account": "municipality",
    "bedrock-lz:accountId": "222222222222",
    "bedrock-lz:municipalityName": "sapporo",
    "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
    "bedrock-lz:vpc": JSON.stringify({ cidrBlock: "10.0.0.0/16", availabilityZoneCount: azCount }),
    "bedrock-lz:endpoints": JSON.stringify(ENDPOINT_PROFILES[endpoints]),
  };
}

export function benchmarkCases(options: { readonly quick: boolean }): BenchCase[] {
  const sizes = options.quick ? [1, 10, 100] : [...OPERATOR_SIZES];
  const operator = sizes.map((count): BenchCase => ({
    group: "operator",
    label: `${count} municipalities`,
    municipalities: count,
    input: { stack: "operator", accountId: "111111111111", config: operatorBenchConfig(count) },
  }));
  const municipality: BenchCase[] = [];
  for (const azCount of options.quick ? [1] : [1, 2, 3]) {
    for (const endpoints of Object.keys(ENDPOINT_PROFILES) as (keyof typeof ENDPOINT_PROFILES)[]) {
      municipality.push({
        group: "municipality",
        label: `${azCount} AZ, ${endpoints} endpoints`,
        input: {
          stack: "municipality",
          accountId: "222222222222",
          config: municipalityBenchConfig(azCount, endpoints),
        },
      });
    }
  }
  return [...operator, ...municipality];
}

export function summarise(millis: readonly number[]): Summary {
  if (millis.length === 0) throw new Error("no runs to summarise");
  const sorted = [...millis].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs: sorted.length, minMs: sorted[0], medianMs, maxMs: sorted[sorted.length - 1] };
}

/** Median-time ratios between operator sizes: linear growth keeps time(1741)/time(100) near 17. */
export function scalingRatios(results: readonly CaseResult[]): Record<string, number> {
  const median = (count: number) =>
    results.find((r) => r.group === "operator" && r.label === `${count} municipalities`)?.medianMs;
  const ratios: Record<string, number> = {};
  for (const [big, small] of [
    [1000, 100],
    [1741, 100],
    [100, 10],
  ] as const) {
    const a = median(big);
    const b = median(small);
    if (a !== undefined && b !== undefined) ratios[`time(${big})/time(${small})`] = Number((a / b).toFixed(2));
  }
  return ratios;
}

export function renderMarkdown(report: {
  readonly date: string;
  readonly machine: { readonly cpus: string; readonly memoryGiB: number; readonly node: string };
  readonly runsPerPoint: number;
  readonly results: readonly CaseResult[];
}): string {
  const ms = (value: number) => value.toFixed(0);
  const rows = report.results.map(
    (r) =>
      `| ${r.group} | ${r.label} | ${r.resources || ""} | ${r.runs} | ${ms(r.minMs)} | ${ms(r.medianMs)} | ${ms(r.maxMs)} | ${r.peakRssMiB ? r.peakRssMiB.toFixed(0) : ""} |`,
  );
  const ratios = Object.entries(scalingRatios(report.results)).map(([name, value]) => `- ${name} = ${value}`);
  return [
    `Benchmark of ${report.date.slice(0, 10)} on ${report.machine.cpus}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; ${report.runsPerPoint} runs per point.`,
    "",
    "| group | case | resources | runs | min ms | median ms | max ms | peak RSS MiB |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    "Scaling (median times; linear growth gives time(1741)/time(100) ≈ 17.4):",
    "",
    ...ratios,
    "",
  ].join("\n");
}
