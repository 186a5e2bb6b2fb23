import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { type AccessRequest, type PolicyJson, rememberedResourceTypes, simulate } from "../../access/simulator";

const ROLE = "arn:aws:sts::111111111111:assumed-role/caller/session";
const BUCKET_OBJECT = "arn:aws:s3:::bedrock-lz-simulator-spec/key";

const allowingGetObject = (resource: string): PolicyJson => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: resource }],
});

const request = (identityResource: string): AccessRequest => ({
  principal: ROLE,
  action: "s3:GetObject",
  resource: BUCKET_OBJECT,
  resourceAccountId: "111111111111",
  identityPolicies: [allowingGetObject(identityResource)],
});

describe("the simulator wrapper (access/simulator.ts)", () => {
  it("remembers an action's resource types by service, action and resource, and decides each request afresh", async () => {
    const before = rememberedResourceTypes();
    const allowed = await simulate(request(BUCKET_OBJECT));
    // Different documents, the same action and resource: a new decision from the remembered types.
    const denied = await simulate(request("arn:aws:s3:::another-bucket/key"));
    strictEqual(allowed.allowed, true);
    deepStrictEqual(denied, { result: "ImplicitlyDenied", allowed: false, deniedBy: ["identity"] });
    // Exactly one new answer: iam-simulate still asks through the module the wrapper remembers for.
    strictEqual(rememberedResourceTypes(), before + 1);
  });
});
