/**
 * The configuration space, swept pairwise: optional features on and off, both regions, 1–3 AZs
 * and the three deploy phases of the operator's file. Every case either plans with every
 * access-matrix verdict as expected, every input AWS's API models accept, or stops with a config error
 * naming its key.
 */
import * as assert from "node:assert/strict";
import { ConfigError } from "../../infra/config";
import { proveDeployment } from "../../plan/proof";
import { StackRunError, planDeployment } from "../../plan/run";
import { checkApiInputs, regionProblems } from "../fidelity/api-inputs";
import { DIMENSIONS, expectedConfigError, pairwise, stacksFor } from "./sweep-cases";

describe("the configuration space, swept pairwise", function () {
  this.timeout(120_000);
  const cases = pairwise(DIMENSIONS);

  it(`covers every pair of settings in ${cases.length} cases, most of which plan`, () => {
    assert.ok(cases.length < 25, String(cases.length));
    // A sweep whose cases all stop at a config error would prove nothing.
    assert.ok(cases.filter((c) => expectedConfigError(c) === undefined).length >= cases.length / 2);
  });

  for (const c of cases) {
    it(JSON.stringify(c), async () => {
      const refused = expectedConfigError(c);
      try {
        const deployment = await planDeployment(stacksFor(c));
        const proof = await proveDeployment(deployment);
        assert.equal(refused, undefined, `planned, but the schema should refuse it (${refused})`);
        // Every input of every phase is one AWS's API models accept (tests/fidelity/api-inputs.ts).
        const runs = Object.values(deployment.phases).flatMap((phase) => [...phase.values()].map((r) => r.run));
        assert.deepEqual(
          runs.flatMap((run) => [...checkApiInputs(run).problems, ...regionProblems(run)]),
          [],
        );
        const failed = proof.pairs.flatMap((p) => p.rows.filter((r) => !r.pass).map((r) => r.id));
        assert.deepEqual(failed, []);
        assert.equal(proof.pairs.length, 1);
      } catch (error) {
        const cause = error instanceof StackRunError ? error.cause : error;
        if (!(cause instanceof ConfigError) || refused === undefined) throw error;
        assert.match(cause.message, refused);
      }
    });
  }
});
