/**
 * The project's stack files through every edit the docs tell users to make (example-checks.ts,
 * DOCUMENTED_EDITS), each on a fresh copy: every example check must still pass, so the examples,
 * the plan, the matrix and the pack stay right whatever a user does with them as documented.
 */
import { ok, strictEqual } from "node:assert/strict";
import { rmSync } from "node:fs";
import { projectStackFiles } from "../../harness/stack-file";
import { DOCUMENTED_EDITS, checkStackFiles, copyOfStackFiles } from "./example-checks";

describe("the project's stack files after each documented edit", function () {
  this.timeout(180_000);

  for (const edit of DOCUMENTED_EDITS) {
    it(edit.title, async () => {
      const dir = copyOfStackFiles();
      try {
        edit.apply(dir);
        const report = await checkStackFiles(projectStackFiles(dir));
        ok(report.pairs >= 1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("the hand-overs done by hand are the values the plan proves with (no placeholder left)", async () => {
    const dir = copyOfStackFiles();
    try {
      DOCUMENTED_EDITS.find((edit) => edit.title.startsWith("every hand-over done by hand"))!.apply(dir);
      const { deployment } = await checkStackFiles(projectStackFiles(dir));
      for (const run of deployment.endState.values()) {
        if (run.config.account !== "municipality") continue;
        const given = run.config.operatorInferenceProfileArn;
        if (given !== undefined) strictEqual(run.run.outputs.modelId, given);
      }
      const operators = [...deployment.endState.values()].filter((run) => run.config.account === "operator");
      ok(operators.some((run) => JSON.stringify(run.run.resources).includes("vpce-0b000000000000001")));
      strictEqual(deployment.phases.handover.size, 0, "nothing left to hand over");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
