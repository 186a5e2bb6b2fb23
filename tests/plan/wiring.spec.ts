import * as assert from "node:assert/strict";
import { type MunicipalityConfig, type OperatorConfig, parseStackConfig, rawConfigOf } from "../../infra/config";
import type { PlanResource } from "../../plan/schema";
import {
  OPERATOR_PROFILE_ARN_KEY,
  OPERATOR_ROLE_ARN_KEY,
  OPERATOR_STACK_KEY,
  applicationProfileArnFor,
  findFeeds,
  invokeRoleArnFor,
  municipalityStackReferences,
  municipalityWiring,
  referencesStack,
  stringsIn,
} from "../../plan/wiring";

const ARN = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";
const operatorOutputs = {
  invokeRoleArns: { sapporo: ARN, hakodate: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-hakodate" },
};
const municipality = {
  "aws:region": "ap-northeast-1",
  "bedrock-lz:account": "municipality",
  "bedrock-lz:accountId": "222222222222",
  "bedrock-lz:municipalityName": "sapporo",
  "bedrock-lz:operatorRoleArn": ARN,
};

/** The wiring reads config as the program does: parsed by the schema. */
const parsed = (flat: Record<string, string>) => parseStackConfig(rawConfigOf(flat));
const parsedMunicipality = (flat: Record<string, string>) => parsed(flat) as MunicipalityConfig;

describe("plan wiring", () => {
  it("matches stack reference names in all three forms by their last segment", () => {
    assert.equal(referencesStack("operator", "operator"), true);
    assert.equal(referencesStack("organization/bedrock-lz/operator", "operator"), true);
    assert.equal(referencesStack("acme/bedrock-lz/operator", "operator"), true);
    assert.equal(referencesStack("acme/bedrock-lz/dev-operator", "operator"), false);
  });

  it("reads municipalityStack references from the operator's municipalities map", () => {
    const config = parsed({
      "aws:region": "ap-northeast-1",
      "bedrock-lz:account": "operator",
      "bedrock-lz:accountId": "111111111111",
      "bedrock-lz:municipalities": JSON.stringify({
        sapporo: { accountId: "222222222222", municipalityStack: "organization/bedrock-lz/municipality" },
        hakodate: { accountId: "333333333333" },
      }),
    }) as OperatorConfig;
    assert.deepEqual(municipalityStackReferences(config), { sapporo: "organization/bedrock-lz/municipality" });
    assert.deepEqual(municipalityStackReferences(parsedMunicipality(municipality)), {});
  });

  it("uses a given operatorRoleArn as written, naming the operator that exports exactly it", () => {
    const operators = [
      { stack: "other", outputs: { invokeRoleArns: { sapporo: "arn:aws:iam::999999999999:role/x" } } },
      { stack: "operator", outputs: operatorOutputs },
    ];
    assert.deepEqual(municipalityWiring(parsedMunicipality(municipality), operators), {
      kind: "given",
      configuredArn: ARN,
      operator: "operator",
    });
  });

  it("names no operator when none of the plan exports that ARN for the municipality (cross-stack checks say why)", () => {
    const wrong = { ...municipality, "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/other" };
    const operators = [{ stack: "operator", outputs: operatorOutputs }];
    assert.deepEqual(municipalityWiring(parsedMunicipality(wrong), operators), {
      kind: "given",
      configuredArn: "arn:aws:iam::111111111111:role/other",
      operator: undefined,
    });
    assert.deepEqual(municipalityWiring(parsedMunicipality(municipality), []), {
      kind: "given",
      configuredArn: ARN,
      operator: undefined,
    });
    const otaru = { ...municipality, "bedrock-lz:municipalityName": "otaru" };
    assert.equal(municipalityWiring(parsedMunicipality(otaru), operators).kind, "given");
    assert.equal(
      (municipalityWiring(parsedMunicipality(otaru), operators) as { operator?: string }).operator,
      undefined,
    );
  });

  it("follows an operatorStack reference, or reports it missing", () => {
    const { "bedrock-lz:operatorRoleArn": _arn, ...rest } = municipality;
    const referencing = parsedMunicipality({ ...rest, "bedrock-lz:operatorStack": "organization/bedrock-lz/operator" });
    assert.deepEqual(municipalityWiring(referencing, [{ stack: "operator", outputs: operatorOutputs }]), {
      kind: "reference",
      reference: "organization/bedrock-lz/operator",
      operator: "operator",
    });
    assert.deepEqual(municipalityWiring(referencing, []), {
      kind: "missing",
      reference: "organization/bedrock-lz/operator",
    });
  });

  it("finds the top-level inputs a crossing value lands in, skipping the StackReference itself", () => {
    const resources: PlanResource[] = [
      { type: "pulumi:pulumi:StackReference", name: "operator", parent: null, custom: true, inputs: { name: ARN } },
      {
        type: "aws:iam/rolePolicy:RolePolicy",
        name: "p",
        parent: null,
        custom: true,
        inputs: { policy: { Statement: [{ Resource: ARN }] }, name: "x" },
      },
      { type: "aws:iam/role:Role", name: "r", parent: null, custom: true, inputs: { name: "r" } },
    ];
    assert.deepEqual(findFeeds(resources, [ARN]), ["p.policy"]);
    assert.deepEqual(findFeeds(resources, []), []);
  });
  it("names the config keys a municipality's operator and profile come from", () => {
    assert.deepEqual(
      [OPERATOR_STACK_KEY, OPERATOR_ROLE_ARN_KEY, OPERATOR_PROFILE_ARN_KEY],
      ["bedrock-lz:operatorStack", "bedrock-lz:operatorRoleArn", "bedrock-lz:operatorInferenceProfileArn"],
    );
  });

  it("reads what an operator exports for one municipality, only when it is a string", () => {
    const profile = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/abc";
    const outputs = {
      invokeRoleArns: { sapporo: ARN, hakodate: 42 },
      inferenceProfileArns: { sapporo: profile, hakodate: { arn: profile } },
    };
    assert.equal(invokeRoleArnFor(outputs, "sapporo"), ARN);
    assert.equal(applicationProfileArnFor(outputs, "sapporo"), profile);
    assert.equal(invokeRoleArnFor(outputs, "hakodate"), undefined);
    assert.equal(applicationProfileArnFor(outputs, "hakodate"), undefined);
    assert.equal(invokeRoleArnFor(outputs, "otaru"), undefined);
    assert.equal(applicationProfileArnFor({ invokeRoleArns: { sapporo: ARN } }, "sapporo"), undefined);
    assert.equal(invokeRoleArnFor({}, "sapporo"), undefined);
  });

  it("collects every string inside a JSON value, and nothing else", () => {
    assert.deepEqual(stringsIn("a"), ["a"]);
    assert.deepEqual(stringsIn({ x: ["b", { y: "c" }, 1, null, true], z: "d" }), ["b", "c", "d"]);
    assert.deepEqual(stringsIn(null), []);
    assert.deepEqual(stringsIn(undefined), []);
    assert.deepEqual(stringsIn(12), []);
  });

  it("reports every input a value lands in, in order, and never matches an empty value", () => {
    const resources: PlanResource[] = [
      {
        type: "aws:iam/role:Role",
        name: "r",
        parent: null,
        custom: true,
        inputs: { assumeRolePolicy: { Statement: [{ Condition: { ArnEquals: [`x${ARN}x`] } }] }, name: "r" },
      },
      { type: "aws:iam/rolePolicy:RolePolicy", name: "p", parent: null, custom: true, inputs: { policy: ARN } },
    ];
    assert.deepEqual(findFeeds(resources, ["", ARN]), ["r.assumeRolePolicy", "p.policy"]);
    assert.deepEqual(findFeeds(resources, [""]), []);
    assert.deepEqual(findFeeds(resources, ["vpce-unrelated"]), []);
  });
});
