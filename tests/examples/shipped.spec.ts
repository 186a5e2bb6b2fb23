/**
 * The project's own stack files, whatever the user has made of them (the shipped examples on a
 * fresh clone, a fork's files later): every example check of example-checks.ts. The same checks run
 * on copies edited as the docs describe in documented-edits.spec.ts.
 */
import { ok } from "node:assert/strict";
import { projectStackFiles } from "../../harness/stack-file";
import { checkStackFiles } from "./example-checks";

describe("the project's stack files, as they are", function () {
  this.timeout(120_000);

  it("plan, prove every pair, pass npm run matrix, the policy pack and the API-model gate in every phase", async () => {
    const files = projectStackFiles();
    ok(files.length >= 2, `${files.join(", ")}: an operator file and a municipality file at least`);
    const report = await checkStackFiles(files);
    ok(report.pairs >= 1 && report.scenarios > 0);
  });
});
