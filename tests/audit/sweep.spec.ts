/**
 * The live audit over the configuration sweep (tests/plan/sweep-cases.ts): for every case that
 * plans, each stack against a fake account holding exactly what it declares audits clean, and
 * each change injected into it is found, alone.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { planAuditDeployments, planAuditOf } from "../../audit/program";
import { DIMENSIONS, expectedConfigError, pairwise, stacksFor } from "../plan/sweep-cases";
import { assertFoundOnly, auditFake, injectedChanges } from "./injected";

describe("live audit over the configuration sweep", function () {
  this.timeout(120_000);
  const cases = pairwise(DIMENSIONS).filter((c) => expectedConfigError(c) === undefined);

  for (const c of cases) {
    it(JSON.stringify(c), async () => {
      const [operator, municipality] = stacksFor(c);
      // One plan of the pair serves both audits, as it would two runs of npm run audit.
      const deployments = await planAuditDeployments([operator, municipality]);
      for (const [stack, peer] of [
        [operator, municipality],
        [municipality, operator],
      ]) {
        const plan = await planAuditOf(stack, [peer], deployments);
        const clean = await auditFake(plan);
        deepStrictEqual(clean.report?.findings, [], `${stack.stack}: ${clean.message ?? ""}`);
        strictEqual(clean.code, 0);
        for (const injected of injectedChanges(plan)) {
          assertFoundOnly(await auditFake(plan, injected.change), injected);
        }
      }
    });
  }
});
