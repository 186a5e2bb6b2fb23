import { deepStrictEqual, ok } from "node:assert/strict";
import {
  MUNICIPALITY_ENDPOINT_IDS_OUTPUT,
  MUNICIPALITY_OUTPUT_KEYS,
  OPERATOR_OUTPUT_KEYS,
  OPERATOR_ROLE_ARNS_OUTPUT,
} from "../../stacks/contract";
import { runWithConfig, fixtureConfig, withConfig } from "../support";

/** Contract keys a stack's outputs lack, and outputs it has that the contract does not name. */
function contractDiff(outputs: Readonly<Record<string, unknown>>, keys: readonly string[]) {
  return {
    missing: keys.filter((key) => !(key in outputs)).sort(),
    unlisted: Object.keys(outputs)
      .filter((key) => !keys.includes(key))
      .sort(),
  };
}

const NONE = { missing: [], unlisted: [] };

describe("stack contract (stacks/contract.ts)", () => {
  it("the operator stack exports exactly the contract's keys, with its features on and off", async () => {
    const shipped = await runWithConfig("operator", fixtureConfig("operator"));
    deepStrictEqual(contractDiff(shipped.outputs, OPERATOR_OUTPUT_KEYS), NONE);
    const bare = await runWithConfig(
      "operator",
      withConfig(fixtureConfig("operator"), { "bedrock-lz:invocationLogging": { enabled: false } }),
    );
    deepStrictEqual(contractDiff(bare.outputs, OPERATOR_OUTPUT_KEYS), NONE);
  });

  it("the municipality stack exports exactly the contract's keys", async () => {
    const run = await runWithConfig("municipality", fixtureConfig("municipality"));
    deepStrictEqual(contractDiff(run.outputs, MUNICIPALITY_OUTPUT_KEYS), NONE);
  });

  it("names what each stack reads from the other among what the other exports", async () => {
    ok(OPERATOR_OUTPUT_KEYS.includes(OPERATOR_ROLE_ARNS_OUTPUT));
    ok(MUNICIPALITY_OUTPUT_KEYS.includes(MUNICIPALITY_ENDPOINT_IDS_OUTPUT));
    const operator = await runWithConfig("operator", fixtureConfig("operator"));
    const arns = operator.outputs[OPERATOR_ROLE_ARNS_OUTPUT] as Record<string, unknown>;
    ok(typeof arns.sapporo === "string", "the shipped municipality's invoke role ARN is exported");
    const municipality = await runWithConfig("municipality", fixtureConfig("municipality"));
    const ids = municipality.outputs[MUNICIPALITY_ENDPOINT_IDS_OUTPUT] as Record<string, unknown>;
    ok(typeof ids["bedrock-runtime"] === "string", "the bedrock-runtime endpoint id is exported");
  });

  it("reports a stack that stops exporting a contract key", async () => {
    const run = await runWithConfig("municipality", fixtureConfig("municipality"));
    const { [MUNICIPALITY_ENDPOINT_IDS_OUTPUT]: _dropped, ...rest } = run.outputs;
    deepStrictEqual(contractDiff(rest, MUNICIPALITY_OUTPUT_KEYS), {
      missing: [MUNICIPALITY_ENDPOINT_IDS_OUTPUT],
      unlisted: [],
    });
  });
});
