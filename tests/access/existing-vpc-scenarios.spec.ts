import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { SHARED_VPC, collectMatrixInput } from "../../access/input";
import { fixtureConfig } from "../support";
import { type MatrixInput, type PolicyJson, evaluateScenario, scenarios } from "../../access/matrix";
import { existingVpcScenarios } from "../../access/scenarios/existing-vpc";
import { OWN_ACCOUNT_SID } from "../../infra/shared-vpc-policies";

describe("access matrix: existing-VPC mode (access/scenarios/existing-vpc.ts)", () => {
  let input: MatrixInput;
  before(async function () {
    this.timeout(120_000);
    // The fixtures, not the shipped examples a user may have edited.
    const fixture = (stack: "operator" | "municipality") => ({ stack, config: fixtureConfig(stack) });
    input = (await collectMatrixInput(fixture("operator"), fixture("municipality"))).input;
  });

  it("is registered in the matrix and evaluated on the existing-VPC run's endpoints", () => {
    const ids = scenarios(input.ids)
      .filter((s) => s.network === "existing-vpc")
      .map((s) => s.id);
    deepStrictEqual(ids, ["V01", "V02", "V03", "V04", "V05", "V06", "V07"]);
    ok(input.ids.existingVpc !== undefined);
    // The shared VPC of the variant references an STS endpoint and manages its policy.
    strictEqual(input.ids.existingVpc.stsEndpointId, SHARED_VPC.endpoints.sts.existingEndpointId);
    ok(input.ids.existingVpc.stsEndpointId !== input.ids.stsEndpointId);
  });

  it("every verdict holds, each denial coming from the endpoint layer", async () => {
    // As registered: with metering on, V05 calls the municipality's own application profile.
    for (const scenario of scenarios(input.ids).filter((s) => s.network === "existing-vpc")) {
      const row = await evaluateScenario(scenario, input);
      ok(row.pass, `${row.id} ${row.title}: expected ${row.expected}, got ${row.actual}`);
      if (row.expected === "Denied") deepStrictEqual(row.deniedBy, ["endpoint"], row.id);
    }
  });

  it("the same workloads are refused by the new-VPC stack's strict STS policy (why the mode needs its own)", async () => {
    for (const scenario of existingVpcScenarios(input.ids).filter((s) => ["V01", "V02"].includes(s.id))) {
      const row = await evaluateScenario({ ...scenario, network: undefined }, input);
      strictEqual(row.actual, "Denied", row.id);
    }
  });

  it("without the own-account statement the other workloads lose STS", async () => {
    const sts = input.existingVpc!.stsEndpointPolicy!;
    const stripped: PolicyJson = { ...sts, Statement: sts.Statement.filter((s) => s.Sid !== OWN_ACCOUNT_SID) };
    ok(stripped.Statement.length < sts.Statement.length);
    const mutated = { ...input, existingVpc: { ...input.existingVpc!, stsEndpointPolicy: stripped } };
    const v01 = existingVpcScenarios(input.ids).find((s) => s.id === "V01")!;
    strictEqual((await evaluateScenario(v01, mutated)).actual, "Denied");
  });
});
