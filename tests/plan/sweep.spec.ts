/**
 * The configuration space, swept pairwise: optional features on and off, both regions, 1–3 AZs
 * and the three deploy phases of the operator's file. Every case either plans with every
 * access-matrix verdict as expected or stops with a config error naming its key.
 */
import * as assert from "node:assert/strict";
import { ConfigError } from "../../infra/config";
import { proveDeployment } from "../../plan/proof";
import { type LoadedStack, StackRunError, planDeployment } from "../../plan/run";
import { shippedConfig } from "../support";

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

const DIMENSIONS = {
  region: ["ap-northeast-1", "ap-northeast-3"],
  azs: [1, 2, 3],
  phase: ["nothing set", "municipalityStack", "explicit ids"],
  boundary: [false, true],
  guardrail: [false, true],
  sessionAccess: [false, true],
  lockTrust: [false, true],
} as const;

function stacksFor(c: Record<string, unknown>): LoadedStack[] {
  const operator = { ...shippedConfig("operator") };
  const municipality = { ...shippedConfig("municipality") };
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
  const vpc = JSON.parse(municipality["bedrock-lz:vpc"]);
  municipality["bedrock-lz:vpc"] = JSON.stringify({ ...vpc, availabilityZoneCount: c.azs });
  municipality["bedrock-lz:sessionAccess"] = JSON.stringify({ enabled: c.sessionAccess });
  if (c.region === "ap-northeast-3") delete municipality["bedrock-lz:endpoints"];
  return [
    { stack: "operator", file: "operator.yaml", config: operator },
    { stack: "municipality", file: "municipality.yaml", config: municipality },
  ];
}

describe("the configuration space, swept pairwise", function () {
  this.timeout(120_000);
  const cases = pairwise(DIMENSIONS);

  it(`covers every pair of settings in ${cases.length} cases`, () => {
    assert.ok(cases.length < 20, String(cases.length));
  });

  for (const c of cases) {
    it(JSON.stringify(c), async () => {
      try {
        const proof = await proveDeployment(await planDeployment(stacksFor(c)));
        const failed = proof.pairs.flatMap((p) => p.rows.filter((r) => !r.pass).map((r) => r.id));
        assert.deepEqual(failed, []);
        assert.equal(proof.pairs.length, 1);
      } catch (error) {
        const cause = error instanceof StackRunError ? error.cause : error;
        if (!(cause instanceof ConfigError)) throw error;
        assert.match(cause.message, /bedrock-lz:\w+|aws:region/);
      }
    });
  }
});
