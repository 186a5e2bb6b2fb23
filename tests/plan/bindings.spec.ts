/**
 * Binding a run's placeholders to the values another stack file gives for them (plan/bindings.ts):
 * every string of the resources' inputs and outputs and of the stack outputs, nothing else.
 */
import * as assert from "node:assert/strict";
import type { ProgramRun } from "../../harness/mock-engine";
import { bindRun } from "../../plan/bindings";

const PLACEHOLDER = "vpce-placeholder";
const GIVEN = "vpce-0123456789abcdef0";

function runWith(value: unknown): ProgramRun {
  return {
    stack: "municipality",
    resources: [
      {
        urn: `urn:${PLACEHOLDER}`,
        type: "aws:ec2/vpcEndpoint:VpcEndpoint",
        name: "endpoints-bedrock-runtime",
        parent: "endpoints",
        custom: true,
        inputs: { policy: value },
        outputs: { id: value },
        options: {
          protect: false,
          retainOnDelete: false,
          deleteBeforeReplace: undefined,
          ignoreChanges: [],
          replaceOnChanges: [],
          dependencies: [],
          dependencyUrns: [],
          aliases: [],
        },
      },
    ],
    outputs: { endpointIds: value },
    warnings: [`warning about ${PLACEHOLDER}`],
  } as ProgramRun;
}

describe("plan bindings", () => {
  it("replaces every occurrence in strings nested in objects and arrays, inputs, outputs and stack outputs", () => {
    const value = {
      text: `${PLACEHOLDER} and ${PLACEHOLDER}`,
      list: [PLACEHOLDER, { deep: `x-${PLACEHOLDER}` }, 7, true, null],
      other: "unrelated",
    };
    const bound = {
      text: `${GIVEN} and ${GIVEN}`,
      list: [GIVEN, { deep: `x-${GIVEN}` }, 7, true, null],
      other: "unrelated",
    };
    const run = runWith(value);
    assert.deepEqual(bindRun(run, new Map([[PLACEHOLDER, GIVEN]])), {
      ...run,
      resources: [{ ...run.resources[0], inputs: { policy: bound }, outputs: { id: bound } }],
      outputs: { endpointIds: bound },
    });
  });

  it("applies each binding in turn", () => {
    const run = runWith(["a-placeholder", "b-placeholder"]);
    const bindings = new Map([
      ["a-placeholder", "a-given"],
      ["b-placeholder", "b-given"],
    ]);
    assert.deepEqual(bindRun(run, bindings).outputs, { endpointIds: ["a-given", "b-given"] });
  });

  it("returns the run itself when no binding changes anything: none, identical, or an empty placeholder", () => {
    const run = runWith(PLACEHOLDER);
    assert.equal(bindRun(run, new Map()), run);
    assert.equal(bindRun(run, new Map([[PLACEHOLDER, PLACEHOLDER]])), run);
    assert.equal(bindRun(run, new Map([["", GIVEN]])), run);
  });

  it("ignores the identical and empty bindings among live ones", () => {
    const run = runWith(`${PLACEHOLDER}|other`);
    const bound = bindRun(
      run,
      new Map([
        ["", "never"],
        ["other", "other"],
        [PLACEHOLDER, GIVEN],
      ]),
    );
    assert.deepEqual(bound.outputs, { endpointIds: `${GIVEN}|other` });
  });
});
