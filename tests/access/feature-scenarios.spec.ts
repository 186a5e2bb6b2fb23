import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { collectMatrixInput } from "../../access/input";
import { type MatrixInput, type MatrixRow, evaluateMatrix, scenarios } from "../../access/matrix";
import { readStackConfigFile } from "../../harness/stack-file";

/**
 * The optional features' groups of the access matrix (access/scenarios/setup.ts, logging.ts,
 * bedrock-guardrail.ts), evaluated on the documents of the program runs that switch them on.
 * Their verdicts are also checked, with every other row, by matrix.spec.ts and its mutation test.
 */
describe("access matrix: setup, invocation-logging and Bedrock-guardrail scenarios", () => {
  let input: MatrixInput;
  let rows: Map<string, MatrixRow>;
  before(async function () {
    this.timeout(120_000);
    ({ input } = await collectMatrixInput(
      readStackConfigFile(join(__dirname, "..", "fixtures", "Pulumi.operator.yaml")),
      readStackConfigFile(join(__dirname, "..", "fixtures", "Pulumi.municipality.yaml")),
    ));
    rows = new Map((await evaluateMatrix(input)).map((row) => [row.id, row]));
  });

  const group = (prefix: string) => [...rows.values()].filter((row) => row.id.startsWith(prefix));

  it("evaluates each group on the run that has the feature on, with both verdicts", () => {
    for (const prefix of ["S", "L", "R"]) {
      const list = group(prefix);
      ok(list.length >= 8, `${prefix}: ${list.length} scenarios`);
      ok(list.some((row) => row.expected === "Allowed") && list.some((row) => row.expected === "Denied"), prefix);
      for (const row of list) ok(row.pass, `${row.id} ${row.title}: expected ${row.expected}, got ${row.actual}`);
    }
    // The setup run's own documents, not the steady-state client role's.
    ok(input.setup !== undefined && input.logging !== undefined && input.loggingTrail !== undefined);
    strictEqual(input.ids.setup?.domainArn, "arn:aws:codeartifact:ap-northeast-1:222222222222:domain/bedrock-lz");
    strictEqual(input.ids.loggingTrail?.trailArn?.split(":")[5], "trail/bedrock-lz-audit-ap-northeast-1");
    strictEqual(input.ids.logging?.trailArn, undefined);
  });

  it("denies with the layer meant to stop each request", () => {
    const deniedBy = (id: string) => rows.get(id)!.deniedBy.join(", ");
    // Setup: the temporary read policy, the endpoints that admit only the client role.
    strictEqual(deniedBy("S04"), "identity");
    strictEqual(deniedBy("S05"), "identity");
    strictEqual(deniedBy("S12"), "endpoint");
    strictEqual(deniedBy("S13"), "identity");
    strictEqual(deniedBy("S17"), "endpoint");
    strictEqual(deniedBy("S14"), "resource");
    // Logging: service principals meet the resource policy only; TLS is an explicit deny.
    for (const row of group("L").filter((r) => r.expected === "Denied")) deepStrictEqual(row.deniedBy, ["resource"]);
    strictEqual(rows.get("L07")!.result, "ExplicitlyDenied");
    strictEqual(rows.get("L02")!.result, "ImplicitlyDenied");
    // Guardrail enforcement: the invoke role's own deny.
    for (const id of ["R03", "R04", "R05", "R10"]) {
      strictEqual(rows.get(id)!.result, "ExplicitlyDenied", id);
      strictEqual(deniedBy(id), "identity", id);
    }
  });

  it("has no such scenarios when the input has no such runs (e.g. a plan's pair)", () => {
    const { setup: _setup, logging: _logging, loggingTrail: _trail, guardrailIdentifier: _g, ...rest } = input.ids;
    const ids = scenarios(rest).map((scenario) => scenario.id);
    ok(!ids.some((id) => /^[SLR]/.test(id)), ids.join(" "));
  });
});
