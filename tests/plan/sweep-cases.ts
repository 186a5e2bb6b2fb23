/**
 * The configuration space the sweep covers, pairwise: optional features on and off, both regions,
 * 1–3 AZs and the three deploy phases of the operator's file. Shared by the plan's sweep
 * (tests/plan/sweep.spec.ts) and the live audit's (tests/audit/sweep.spec.ts).
 */
import type { LoadedStack } from "../../plan/run";
import { fixtureConfig } from "../support";

type Dimensions = Record<string, readonly unknown[]>;

/** A greedy pairwise cover: every pair of values of every two dimensions appears in some case. */
export function pairwise(dimensions: Dimensions): Record<string, unknown>[] {
  const keys = Object.keys(dimensions);
  const uncovered = new Set<string>();
  const pairKey = (a: string, i: number, b: string, j: number) => `${a}=${i}|${b}=${j}`;
  keys.forEach((a, x) =>
    keys
      .slice(x + 1)
      .forEach((b) =>
        dimensions[a].forEach((_, i) => dimensions[b].forEach((_, j) => uncovered.add(pairKey(a, i, b, j)))),
      ),
  );
  const cases: Record<string, number>[] = [];
  while (uncovered.size > 0) {
    // Seed the case with the first uncovered pair, so every case covers at least one.
    const [first] = uncovered;
    const chosen: Record<string, number> = Object.fromEntries(
      first.split("|").map((part) => [part.split("=")[0], Number(part.split("=")[1])]),
    );
    for (const key of keys) {
      if (key in chosen) continue;
      let best = 0;
      let bestScore = -1;
      dimensions[key].forEach((_, i) => {
        const score = Object.entries(chosen).filter(
          ([other, j]) => uncovered.has(pairKey(other, j, key, i)) || uncovered.has(pairKey(key, i, other, j)),
        ).length;
        if (score > bestScore) [best, bestScore] = [i, score];
      });
      chosen[key] = best;
    }
    keys.forEach((a, x) => keys.slice(x + 1).forEach((b) => uncovered.delete(pairKey(a, chosen[a], b, chosen[b]))));
    cases.push(chosen);
  }
  return cases.map((c) => Object.fromEntries(keys.map((k) => [k, dimensions[k][c[k]]])));
}

export const DIMENSIONS = {
  region: ["ap-northeast-1", "ap-northeast-3"],
  azs: [1, 2, 3],
  phase: ["nothing set", "municipalityStack", "explicit ids"],
  boundary: [false, true],
  guardrail: [false, true],
  sessionAccess: [false, true],
  lockTrust: [false, true],
  logging: [true, false],
  metering: [false, true],
  mirror: [false, true],
  smokeTest: [false, true],
  existingVpc: [false, true],
  firstCallNetwork: [false, true],
  protect: [false, true],
} as const;

/**
 * The configurations the schema must refuse, and the key it must name: the STS trust lock with no
 * endpoint to lock to yet, and CodeArtifact in Osaka, which does not offer it.
 */
export function expectedConfigError(c: Record<string, unknown>): RegExp | undefined {
  if (c.lockTrust && c.phase === "nothing set") return /bedrock-lz:municipalities\.sapporo\.lockTrustToStsEndpoint/;
  if (c.region === "ap-northeast-3" && c.mirror) return /bedrock-lz:codeArtifact\.mirror: CodeArtifact is not offered/;
  return undefined;
}

export function stacksFor(c: Record<string, unknown>): LoadedStack[] {
  const operator = { ...fixtureConfig("operator") };
  const municipality = { ...fixtureConfig("municipality") };
  for (const config of [operator, municipality]) {
    config["aws:region"] = String(c.region);
    if (c.boundary) config["bedrock-lz:permissionBoundary"] = JSON.stringify({ enabled: true });
  }
  const peers = JSON.parse(operator["bedrock-lz:municipalities"]);
  if (c.phase === "municipalityStack") peers.sapporo.municipalityStack = "municipality";
  if (c.phase === "explicit ids")
    Object.assign(peers.sapporo, {
      bedrockRuntimeEndpointId: "vpce-0123456789abcdef0",
      stsEndpointId: "vpce-0fedcba9876543210",
    });
  if (c.lockTrust) peers.sapporo.lockTrustToStsEndpoint = true;
  operator["bedrock-lz:municipalities"] = JSON.stringify(peers);
  if (c.guardrail)
    operator["bedrock-lz:guardrail"] = JSON.stringify({
      enabled: true,
      enforceOnInvokeRoles: true,
      contentFilters: { HATE: { inputStrength: "HIGH", outputStrength: "HIGH" } },
    });
  if (!c.logging) operator["bedrock-lz:invocationLogging"] = JSON.stringify({ enabled: false });
  operator["bedrock-lz:metering"] = JSON.stringify({ enabled: c.metering });
  if (c.firstCallNetwork) operator["bedrock-lz:modelAccess"] = JSON.stringify({ firstCallNetwork: true });
  if (c.protect) operator["bedrock-lz:dataSafety"] = JSON.stringify({ protect: true });
  const vpc = JSON.parse(municipality["bedrock-lz:vpc"]);
  if (c.existingVpc) {
    delete municipality["bedrock-lz:vpc"];
    municipality["bedrock-lz:existingVpc"] = JSON.stringify({
      vpcId: "vpc-0a1b2c3d4e5f60789",
      subnetIds: ["subnet-0a1b2c3d4e5f60780", "subnet-0a1b2c3d4e5f60781"].slice(0, Math.min(Number(c.azs), 2)),
      routeTableIds: ["rtb-0a1b2c3d4e5f60782"],
      endpoints: { sts: { existingEndpointId: "vpce-0a1b2c3d4e5f60783", manageExistingPolicy: true } },
    });
  } else {
    municipality["bedrock-lz:vpc"] = JSON.stringify({ ...vpc, availabilityZoneCount: c.azs });
  }
  municipality["bedrock-lz:sessionAccess"] = JSON.stringify({ enabled: c.sessionAccess });
  const codeArtifact = JSON.parse(municipality["bedrock-lz:codeArtifact"]);
  municipality["bedrock-lz:codeArtifact"] = JSON.stringify({
    ...codeArtifact,
    mirror: c.mirror,
    clientReadAccess: false,
  });
  const smokeTest = JSON.parse(municipality["bedrock-lz:smokeTest"]);
  municipality["bedrock-lz:smokeTest"] = JSON.stringify({ ...smokeTest, enabled: c.smokeTest });
  return [
    { stack: "operator", file: "operator.yaml", config: operator },
    { stack: "municipality", file: "municipality.yaml", config: municipality },
  ];
}
