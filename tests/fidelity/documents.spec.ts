import { deepStrictEqual, ok } from "node:assert/strict";
import { type DeclaredDocument, declaredDocuments } from "./documents";
import { IamChecker } from "./iam-checks";
import { SCENARIOS, type ScenarioRun, runScenarios } from "./scenarios";

const checker = new IamChecker();

describe("fidelity: every IAM document the program declares is one AWS accepts", function () {
  this.timeout(120_000);
  let runs: ScenarioRun[];
  let documents: (DeclaredDocument & { scenario: string })[];
  before(async () => {
    runs = await runScenarios();
    documents = runs.flatMap(({ scenario, run }) =>
      declaredDocuments(run).map((doc) => ({ ...doc, scenario: scenario.name })),
    );
  });

  it("runs every scenario and finds documents of every kind", () => {
    deepStrictEqual(
      runs.map((r) => r.scenario.name),
      SCENARIOS.map((s) => s.name),
    );
    const kinds = new Set(documents.map((d) => d.kind));
    for (const kind of ["identity", "managed", "trust", "endpoint", "resource", "scp", "boundary"] as const) {
      ok(kinds.has(kind), `no ${kind} document in any scenario`);
    }
    ok(documents.length > 100, `only ${documents.length} documents`);
  });

  it("uses real actions, applicable condition keys, well-formed ARNs, and fits the size limits", async () => {
    const problems: string[] = [];
    for (const doc of documents) {
      for (const problem of await checker.check(doc.document, doc.kind, doc.sizeLimit)) {
        problems.push(`${doc.scenario}: ${doc.where} (${doc.kind}): ${problem}`);
      }
    }
    deepStrictEqual([...new Set(problems)], []);
  });
});
