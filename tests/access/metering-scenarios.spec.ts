import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { collectMatrixInput } from "../../access/input";
import { type MatrixInput, type MatrixRow, evaluateMatrix, evaluateScenario, scenarios } from "../../access/matrix";
import { meteringScenarios } from "../../access/scenarios/metering";
import { readStackConfigFile } from "../../harness/stack-file";
import { FIXTURES, withConfig } from "../support";

const operatorFixture = readStackConfigFile(join(FIXTURES, "Pulumi.operator.yaml"));
const municipalityFixture = readStackConfigFile(join(FIXTURES, "Pulumi.municipality.yaml"));

describe("access matrix: metering (access/scenarios/metering.ts)", () => {
  let metered: MatrixInput;
  let direct: MatrixInput;
  let rows: MatrixRow[];
  before(async function () {
    this.timeout(120_000);
    const on = withConfig(operatorFixture.config, { "bedrock-lz:metering": { enabled: true } });
    metered = (await collectMatrixInput({ stack: operatorFixture.stack, config: on }, municipalityFixture)).input;
    direct = (await collectMatrixInput(operatorFixture, municipalityFixture)).input;
    rows = await evaluateMatrix(metered);
  });

  it("applies only when the operator meters, with the profiles the operator publishes", () => {
    deepStrictEqual(meteringScenarios(direct.ids), []);
    strictEqual(direct.ids.applicationProfileArn, undefined);
    ok(!scenarios(direct.ids).some((s) => s.resource.includes("application-inference-profile")));
    ok(metered.ids.applicationProfileArn?.includes(":111111111111:application-inference-profile/"));
    ok(metered.ids.otherApplicationProfileArn?.includes(":111111111111:application-inference-profile/"));
    ok(metered.ids.applicationProfileArn !== metered.ids.otherApplicationProfileArn);
    // The endpoint admits the operator account's application profiles, whatever id Bedrock gives them.
    const endpointResources = JSON.stringify(metered.municipality.bedrockRuntimeEndpointPolicy?.Statement[0].Resource);
    ok(endpointResources.includes('"arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/*"'));
  });

  it("proves every verdict with metering on, the main invoke scenarios on the own profile", () => {
    const failed = rows.filter((row) => !row.pass).map((row) => `${row.id} ${row.actual}`);
    deepStrictEqual(failed, []);
    const list = scenarios(metered.ids);
    const a03 = list.find((s) => s.id === "A03")!;
    strictEqual(a03.resource, metered.ids.applicationProfileArn);
    strictEqual(a03.expected, "Allowed");
    const a06 = list.find((s) => s.id === "A06")!;
    strictEqual(a06.context?.["bedrock:InferenceProfileArn"], metered.ids.applicationProfileArn);
    // Nothing expected Allowed still calls the bare jp. profile.
    ok(!list.some((s) => s.expected === "Allowed" && s.resource === metered.ids.inferenceProfileArn));
  });

  it("denies the bare jp. profile, another municipality's and a foreign profile by the identity policy alone", () => {
    const denied = rows.filter((row) => ["M03", "M05", "M06", "M08", "M09"].includes(row.id));
    strictEqual(denied.length, 5);
    for (const row of denied) deepStrictEqual([row.actual, row.deniedBy], ["Denied", ["identity"]], row.id);
    deepStrictEqual(
      rows.filter((row) => ["M01", "M02"].includes(row.id)).map((row) => row.actual),
      ["Allowed", "Allowed"],
    );
    strictEqual(rows.find((row) => row.id === "M10")?.deniedBy.join(), "scp");
  });

  it("the bare jp. profile call the direct mode allows is denied once metered (the scenarios can fail)", async () => {
    const bare = meteringScenarios(metered.ids).find((s) => s.id === "M04")!;
    // The same request against the direct-mode documents is allowed: the denial is metering's.
    const asDirect = await evaluateScenario({ ...bare, resource: direct.ids.inferenceProfileArn }, direct);
    strictEqual(asDirect.actual, "Allowed");
    strictEqual((await evaluateScenario(bare, metered)).actual, "Denied");
  });
});
