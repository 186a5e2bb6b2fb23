/**
 * How access/input.ts reads an operator file that already sets what its what-if variants add: the
 * trust lock's STS endpoint id (added only where the file names neither the municipality's stack
 * nor that id), an enforced guardrail (its own documents stand for the guarded ones), and
 * invocation logging switched off (no CloudTrail trail is added); and the variant run that fails,
 * a trust lock on a municipality without an STS endpoint. Each operator file is the fixture with
 * sapporo's entry or a feature edited, planned with the fixture municipality.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { collectMatrixInput, matrixRunsOf, pairMatrixInput } from "../../access/input";
import type { PolicyJson } from "../../access/matrix";
import { type DeploymentRuns, StackRunError, planDeployment } from "../../plan/run";
import { fixtureConfig, withConfig } from "../support";

const PEERS = "bedrock-lz:municipalities";
const RUNTIME_ID = "vpce-0123456789abcdef0";

/** The fixture operator with sapporo's entry and other keys changed, planned with the fixture municipality. */
function planWith(sapporo: Record<string, unknown>, changes: Record<string, unknown> = {}): Promise<DeploymentRuns> {
  const base = fixtureConfig("operator");
  const peers = JSON.parse(base[PEERS]!) as Record<string, Record<string, unknown>>;
  const operator = withConfig(base, { [PEERS]: { ...peers, sapporo: { ...peers.sapporo, ...sapporo } }, ...changes });
  return planDeployment([
    { stack: "operator", file: "Pulumi.operator.yaml", config: operator },
    { stack: "municipality", file: "Pulumi.municipality.yaml", config: fixtureConfig("municipality") },
  ]);
}

/** The endpoint id the invoke role's trust requires as aws:SourceVpce, if any. */
function sourceVpceOf(trust: PolicyJson): unknown {
  const condition = trust.Statement[0]!.Condition as Record<string, Record<string, unknown>>;
  return condition.StringEquals?.["aws:SourceVpce"];
}

describe("access matrix input of operator files that set what the variants add (access/input.ts)", function () {
  this.timeout(120_000);

  describe("only the bedrock-runtime endpoint id given, guardrail enforced, invocation logging off", () => {
    let deployment: DeploymentRuns;
    before(async () => {
      deployment = await planWith(
        { bedrockRuntimeEndpointId: RUNTIME_ID },
        {
          "bedrock-lz:guardrail": {
            enabled: true,
            enforceOnInvokeRoles: true,
            contentFilters: { HATE: { inputStrength: "HIGH", outputStrength: "HIGH" } },
          },
          "bedrock-lz:invocationLogging": { enabled: false },
        },
      );
    });

    it("locks the hardened trust to the municipality's own STS endpoint, which the file does not name", async () => {
      const { input } = await matrixRunsOf(deployment, "operator", "municipality");
      const sts = (deployment.endState.get("municipality")!.run.outputs.endpointIds as Record<string, string>).sts;
      strictEqual(input.ids.stsEndpointId, sts);
      strictEqual(sourceVpceOf(input.hardened.invokeTrust), sts);
      strictEqual(input.ids.bedrockRuntimeEndpointId, RUNTIME_ID);
      // The file as written does not lock the trust.
      strictEqual(
        sourceVpceOf(pairMatrixInput(deployment, "operator", "municipality").hardened.invokeTrust),
        undefined,
      );
    });

    it("adds no trail when invocation logging is off, and expects the file's own guardrail", async () => {
      const { input, runs } = await matrixRunsOf(deployment, "operator", "municipality");
      deepStrictEqual(
        [input.logging, input.loggingTrail, input.ids.logging, input.ids.loggingTrail],
        [undefined, undefined, undefined, undefined],
      );
      strictEqual(
        runs.guarded!.resources.some((r) => r.type === "aws:cloudtrail/trail:Trail"),
        false,
      );
      strictEqual(input.ids.guardrailEnforced, true);
    });

    it("takes the enforced guardrail from the file as written for a plan's pair", () => {
      const pair = pairMatrixInput(deployment, "operator", "municipality");
      deepStrictEqual(pair.guarded, pair.hardened);
      strictEqual(pair.ids.guardrailEnforced, true);
      strictEqual(
        pair.ids.guardrailIdentifier,
        "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/guardrail-guardrail-gr-id:1",
      );
      strictEqual(pair.ids.trustLocked, false);
    });
  });

  describe("the municipality's stack named and the trust locked", () => {
    let deployment: DeploymentRuns;
    before(async () => {
      deployment = await planWith({
        municipalityStack: "organization/bedrock-lz/municipality",
        lockTrustToStsEndpoint: true,
      });
    });

    it("adds no endpoint id beside the stack reference (the schema refuses both), and keeps the file's lock", async () => {
      const { input } = await matrixRunsOf(deployment, "operator", "municipality");
      const pair = pairMatrixInput(deployment, "operator", "municipality");
      strictEqual(sourceVpceOf(input.hardened.invokeTrust), input.ids.stsEndpointId);
      deepStrictEqual(pair.hardened.invokeTrust, input.hardened.invokeTrust);
      deepStrictEqual([pair.ids.trustLocked, pair.ids.guardrailEnforced, pair.guarded], [true, false, undefined]);
    });
  });

  it("cannot lock the trust of a municipality without an STS endpoint, and names the variant's stack and key", async () => {
    const municipality = withConfig(fixtureConfig("municipality"), {
      "bedrock-lz:endpoints": { sts: { enabled: false } },
    });
    await collectMatrixInput(
      { stack: "operator", config: fixtureConfig("operator") },
      { stack: "municipality", config: municipality },
    ).then(
      () => Promise.reject(new Error("locked a trust without an STS endpoint")),
      (error: unknown) => {
        ok(error instanceof StackRunError);
        deepStrictEqual([error.stack, error.file], ["operator", "Pulumi.operator.yaml"]);
        strictEqual(
          error.message,
          "stack operator (Pulumi.operator.yaml): invalid stack configuration:\n" +
            "  - bedrock-lz:municipalities.sapporo.lockTrustToStsEndpoint: needs the municipality's STS endpoint: " +
            "set stsEndpointId or municipalityStack",
        );
      },
    );
  });
});
