import * as assert from "node:assert/strict";
import { documentFileName, normaliseInputs, parseIamDocument } from "../../plan/documents";

const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };

describe("plan inputs and IAM documents", () => {
  it("parses every policy-named input holding an IAM document, wherever it is nested", () => {
    const { inputs, documents } = normaliseInputs("aws:iam/role:Role", {
      name: "r",
      assumeRolePolicy: JSON.stringify(doc),
      inlinePolicies: [{ name: "a", policy: JSON.stringify(doc) }],
      keyPolicy: JSON.stringify(doc),
    });
    assert.deepEqual(
      documents.map((d) => d.input),
      ["assumeRolePolicy", "inlinePolicies[0].policy", "keyPolicy"],
    );
    assert.deepEqual(inputs.assumeRolePolicy, doc);
    assert.deepEqual(inputs.inlinePolicies, [{ name: "a", policy: doc }]);
  });

  it("leaves JSON that is not an IAM document, or not under a policy key, as a string", () => {
    const { inputs, documents } = normaliseInputs("aws:x/y:Z", {
      description: JSON.stringify(doc),
      policy: '{"not":"a policy"}',
      userData: "{ broken",
    });
    assert.equal(documents.length, 0);
    assert.equal(inputs.description, JSON.stringify(doc));
    assert.equal(inputs.policy, '{"not":"a policy"}');
  });

  it("drops undefined, sorts keys, and decodes the provider's JSON-encoded inputs", () => {
    const { inputs } = normaliseInputs("pulumi:providers:aws", {
      region: "ap-northeast-1",
      allowedAccountIds: '["111111111111"]',
      skip: undefined,
    });
    assert.deepEqual(inputs, { allowedAccountIds: ["111111111111"], region: "ap-northeast-1" });
    assert.deepEqual(Object.keys(inputs), ["allowedAccountIds", "region"]);
    assert.deepEqual(normaliseInputs("aws:x/y:Z", { list: '["a"]' }).inputs, { list: '["a"]' });
  });

  it("recognises a document only when it has a Statement", () => {
    assert.equal(parseIamDocument('{"Version":"2012-10-17"}'), undefined);
    assert.deepEqual(parseIamDocument(JSON.stringify(doc)), doc);
  });

  it("names document files policies/<stack>/<resource>.json, adding the input when a resource has several", () => {
    assert.equal(
      documentFileName("operator", "invoke-sapporo-role", "assumeRolePolicy", 1),
      "policies/operator/invoke-sapporo-role.json",
    );
    assert.equal(
      documentFileName("m", "r", "inlinePolicies[0].policy", 2),
      "policies/m/r.inlinePolicies_0_.policy.json",
    );
  });
});
