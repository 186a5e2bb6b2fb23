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
  /** Median CPU time (user + system) of the measured work, when the case reports it. */
  readonly cpuMedianMs?: number;
  /** The machine's 1-minute load average when each run started: the conditions it ran in. */
  readonly loadAverage?: { readonly min: number; readonly max: number };
}

export const OPERATOR_SIZES = [1, 10, 100, 1000, 1741] as const;

/** Japan's municipalities: the operator size the targets are set for. */
export const ALL_MUNICIPALITIES = 1741;

/** How the benchmark's operator meters: as its stack file says, or not at all (three resources per municipality). */
export type BenchMetering = "as configured" | "off";

/**
 * `base`, a stack file's flat config (the shipped Pulumi.operator.yaml in `npm run bench`), grown to
 * `count` municipalities: its own first, then generated ones. Every municipality is hardened with an
 * explicit bedrock-runtime endpoint id (its largest invoke-role documents) unless it already reads
 * one from somewhere, and the role and application-profile quotas are raised, as one operator
 * account serving Japan's 1,741 municipalities needs (infra/limits.ts).
 */
export function operatorBenchConfig(
  base: Readonly<Record<string, string>>,
  count: number,
  metering: BenchMetering = "as configured",
): Record<string, string> {
  const own = Object.entries(JSON.parse(base["bedrock-lz:municipalities"] ?? "{}") as Record<string, object>);
  const municipalities: Record<string, object> = {};
  for (let i = 0; i < count; i++) {
    const suffix = i.toString(16).padStart(17, "0");
    const [name, peer] =
      i < own.length ? own[i] : [`m${String(i).padStart(4, "0")}`, { accountId: String(200000000000 + i) }];
    const locked = ["municipalityStack", "bedrockRuntimeEndpointId"].some((key) => key in peer);
    municipalities[name] = locked ? peer : { ...peer, bedrockRuntimeEndpointId: `vpce-${suffix}` };
  }
  const quotas = JSON.parse(base["bedrock-lz:quotas"] ?? "{}") as Record<string, unknown>;
  return {
    ...base,
    "bedrock-lz:quotas": JSON.stringify({
      ...quotas,
      rolesPerAccount: 5000,
      applicationInferenceProfilesPerAccount: 5000,
    }),
    "bedrock-lz:municipalities": JSON.stringify(municipalities),
    ...(metering === "off" ? { "bedrock-lz:metering": JSON.stringify({ enabled: false }) } : {}),
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

export function benchmarkCases(options: {
  readonly quick: boolean;
  /** The operator stack file's flat config the operator cases grow (operatorBenchConfig). */
  readonly operatorBase: Readonly<Record<string, string>>;
}): BenchCase[] {
  const sizes = options.quick ? [1, 10, 100] : [...OPERATOR_SIZES];
  const operator = sizes.map((count): BenchCase => ({
    group: "operator",
    label: `${count} municipalities`,
    municipalities: count,
    input: {
      stack: "operator",
      accountId: options.operatorBase["bedrock-lz:accountId"] ?? "111111111111",
      config: operatorBenchConfig(options.operatorBase, count),
    },
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

/** The `pulumi up` path's targets at 1,741 municipalities (docs/performance.md). */
export const UP_PATH_TARGETS = { maxMedianMs: 15_000, maxPeakRssMiB: 1024, maxTimeRatio: 17.4 } as const;

/** The `pulumi up` path's runs at 100 and 1,741 municipalities, started alternately (run i of each is pair i). */
export interface UpPathPairs {
  readonly small: readonly number[];
  readonly large: readonly number[];
}

/**
 * The median of time(1741)/time(100) over pairs of runs started one after the other: on a machine
 * shared with others, a pair sees the same conditions, two medians taken minutes apart may not.
 */
export function pairedRatio(pairs: UpPathPairs): number {
  const count = Math.min(pairs.small.length, pairs.large.length);
  if (count === 0) throw new Error("no pairs of runs");
  const ratios = Array.from({ length: count }, (_, i) => pairs.large[i] / pairs.small[i]);
  return Number(summarise(ratios).medianMs.toFixed(2));
}

export interface UpPathVerdict {
  readonly medianMs: number;
  readonly peakRssMiB: number;
  readonly pairedRatio: number;
  readonly met: { readonly time: boolean; readonly memory: boolean; readonly ratio: boolean };
}

export function upPathVerdict(large: CaseResult, pairs: UpPathPairs): UpPathVerdict {
  const ratio = pairedRatio(pairs);
  return {
    medianMs: large.medianMs,
    peakRssMiB: large.peakRssMiB,
    pairedRatio: ratio,
    met: {
      time: large.medianMs <= UP_PATH_TARGETS.maxMedianMs,
      memory: large.peakRssMiB <= UP_PATH_TARGETS.maxPeakRssMiB,
      ratio: ratio <= UP_PATH_TARGETS.maxTimeRatio,
    },
  };
}

export function renderMarkdown(report: {
  readonly date: string;
  readonly machine: { readonly cpus: string; readonly memoryGiB: number; readonly node: string };
  readonly runsPerPoint: number;
  readonly results: readonly CaseResult[];
  /** Only when the `pulumi up` path ran at 100 and 1,741 municipalities. */
  readonly upPath?: UpPathVerdict;
}): string {
  const ms = (value: number) => value.toFixed(0);
  const rows = report.results.map(
    (r) =>
      `| ${r.group} | ${r.label} | ${r.resources || ""} | ${r.runs} | ${ms(r.minMs)} | ${ms(r.medianMs)} | ${ms(r.maxMs)} | ` +
      `${r.cpuMedianMs === undefined ? "" : ms(r.cpuMedianMs)} | ${r.peakRssMiB ? r.peakRssMiB.toFixed(0) : ""} | ` +
      `${r.loadAverage === undefined ? "" : `${r.loadAverage.min.toFixed(1)}–${r.loadAverage.max.toFixed(1)}`} |`,
  );
  const ratios = Object.entries(scalingRatios(report.results)).map(([name, value]) => `- ${name} = ${value}`);
  const verdict = report.upPath;
  const mark = (met: boolean) => (met ? "met" : "**not met**");
  const targets =
    verdict === undefined
      ? []
      : [
          `Targets of the \`pulumi up\` path at ${ALL_MUNICIPALITIES} municipalities (the shipped operator file grown, hardened, quotas raised):`,
          "",
          `- median ${ms(verdict.medianMs)} ms ≤ ${UP_PATH_TARGETS.maxMedianMs} ms: ${mark(verdict.met.time)}`,
          `- peak RSS ${verdict.peakRssMiB.toFixed(0)} MiB ≤ ${UP_PATH_TARGETS.maxPeakRssMiB} MiB: ${mark(verdict.met.memory)}`,
          `- time(${ALL_MUNICIPALITIES})/time(100), median over pairs of runs started one after the other, ` +
            `${verdict.pairedRatio} ≤ ${UP_PATH_TARGETS.maxTimeRatio}: ${mark(verdict.met.ratio)}`,
          "",
        ];
  return [
    `Benchmark of ${report.date.slice(0, 10)} on ${report.machine.cpus}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; ${report.runsPerPoint} runs per point.`,
    'The machine is shared: "load" is its 1-minute load average when each run started (2 cores: above 2, runs waited for a core).',
    "",
    "| group | case | resources | runs | min ms | median ms | max ms | median CPU ms | peak RSS MiB | load |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    ...targets,
    "Scaling of the program alone (median times; linear growth gives time(1741)/time(100) ≈ 17.4):",
    "",
    ...ratios,
    "",
  ].join("\n");
}
