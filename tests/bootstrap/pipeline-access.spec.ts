/**
 * The pipeline scenario group (access/pipeline.ts) on the bootstrap program's own documents: every
 * verdict holds, docs/pipeline.md prints them, and each protection is load-bearing: taking it away
 * flips a scenario.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  PIPELINE_DOCS,
  type PipelineInput,
  type PipelineRow,
  collectPipelineInput,
  evaluatePipeline,
  formatPipeline,
  pipelineScenarios,
  pipelineTableOf,
} from "../../access/pipeline";
import type { PolicyJson, StatementJson } from "../../access/simulator";

/** The ids of the scenarios whose verdict differs from the expected one. */
function flipped(rows: readonly PipelineRow[]): string[] {
  return rows.filter((row) => !row.pass).map((row) => row.id);
}

function withoutStatement(policy: PolicyJson, sid: string): PolicyJson {
  const kept = policy.Statement.filter((statement) => statement.Sid !== sid);
  strictEqual(kept.length, policy.Statement.length - 1, `no statement ${sid}`);
  return { ...policy, Statement: kept };
}

function withoutCondition(policy: PolicyJson, sid: string): PolicyJson {
  return {
    ...policy,
    Statement: policy.Statement.map((statement): StatementJson => {
      if (statement.Sid !== sid) return statement;
      ok(statement.Condition !== undefined, `${sid} has no condition`);
      const { Condition: _dropped, ...rest } = statement;
      return rest as StatementJson;
    }),
  };
}

/** The deploy role's landing-zone IAM policy among its policies (PowerUserAccess, state, IAM). */
function withDeployIam(input: PipelineInput, change: (policy: PolicyJson) => PolicyJson): PipelineInput {
  const [managed, state, iam] = input.documents.deployPolicies;
  return { ...input, documents: { ...input.documents, deployPolicies: [managed, state, change(iam)] } };
}

describe("pipeline access: the CI roles on the bootstrap's generated documents", () => {
  let input: PipelineInput;
  let rows: PipelineRow[];
  before(async () => {
    input = await collectPipelineInput();
    rows = await evaluatePipeline(input);
  });

  it("every scenario has the expected verdict", () => {
    deepStrictEqual(flipped(rows), []);
    strictEqual(rows.length, pipelineScenarios(input.ids).length);
  });

  it("covers each caller with allowed and denied requests, ids unique", () => {
    const ids = rows.map((row) => row.id);
    strictEqual(new Set(ids).size, ids.length);
    for (const caller of ["deploy", "created-role", "preview"] as const) {
      const verdicts = new Set(rows.filter((row) => row.caller === caller).map((row) => row.expected));
      deepStrictEqual([...verdicts].sort(), ["Allowed", "Denied"], caller);
    }
  });

  it("docs/pipeline.md and its twin print the table (node --require tsx/cjs access/pipeline.ts --write-docs)", () => {
    for (const doc of PIPELINE_DOCS) strictEqual(pipelineTableOf(readFileSync(doc, "utf8")), formatPipeline(rows), doc);
  });

  it("the deploy boundary alone stops state destruction and assuming the account's other roles", async () => {
    const unbounded = await evaluatePipeline({
      ...input,
      documents: { ...input.documents, deployBoundary: allowEverything() },
    });
    // Without it, PowerUserAccess would do all of this; the created role's `Allow *` all the rest.
    const deployFlips = flipped(unbounded).filter((id) => unbounded.find((row) => row.id === id)?.caller === "deploy");
    deepStrictEqual(deployFlips, ["P25", "P30", "P31", "P32", "P33", "P34", "P35", "P36", "P37"]);
  });

  it("removing any deny of the deploy boundary flips a scenario", async () => {
    const denies = input.documents.deployBoundary.Statement.filter((statement) => statement.Effect === "Deny");
    strictEqual(denies.length, 10);
    for (const statement of denies) {
      const mutated = await evaluatePipeline({
        ...input,
        documents: {
          ...input.documents,
          deployBoundary: withoutStatement(input.documents.deployBoundary, statement.Sid!),
        },
      });
      ok(flipped(mutated).length > 0, `dropping ${statement.Sid} changes no verdict`);
    }
  });

  it("without the boundary, the deploy role's own conditions still refuse unbounded roles and other services", async () => {
    const noBoundary = { ...input, documents: { ...input.documents, deployBoundary: allowEverything() } };
    const holding = await evaluatePipeline(noBoundary);
    for (const id of ["P11", "P12", "P14", "P15", "P23"]) {
      strictEqual(holding.find((row) => row.id === id)?.pass, true, id);
    }
    const unconditioned = await evaluatePipeline(
      withDeployIam(noBoundary, (policy) => withoutCondition(policy, "ChangeLandingZoneRolesWithinTheDeployBoundary")),
    );
    for (const id of ["P11", "P12", "P14", "P15"]) ok(flipped(unconditioned).includes(id), id);
    const anyService = await evaluatePipeline(
      withDeployIam(noBoundary, (policy) => withoutCondition(policy, "PassLandingZoneRolesToTheirServices")),
    );
    ok(flipped(anyService).includes("P23"));
  });

  it("a preview that could write would flip the no-lock, no-write scenarios", async () => {
    const [state, reads] = input.documents.previewPolicies;
    const writable: PolicyJson = {
      ...state,
      Statement: state.Statement.map((statement) =>
        statement.Sid === "ReadState"
          ? { ...statement, Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] }
          : statement,
      ),
    };
    const mutated = await evaluatePipeline({
      ...input,
      documents: { ...input.documents, previewPolicies: [writable, reads] },
    });
    deepStrictEqual(flipped(mutated), ["P62", "P63", "P64"]);
  });
});

function allowEverything(): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "AllowWithinBoundary", Effect: "Allow", Action: "*", Resource: "*" }],
  };
}
