/** The start-up shortcuts of the offline tools change when modules load, never what they do. */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { DEFERRED_MODULES, deferInstalled, deferModule, stillDeferred } from "../../harness/fast-start";
import { FIXTURES, fixtureConfig, runWithConfig } from "../support";

const sdkRoot = join(require.resolve("@pulumi/pulumi/package.json"), "..");
const loads = () => (globalThis as { countedModuleLoads?: number }).countedModuleLoads ?? 0;

describe("harness/fast-start", () => {
  it("runs both stacks without loading the SDK's closure tools or its Automation API", async () => {
    await runWithConfig("operator", fixtureConfig("operator"));
    await runWithConfig("municipality", fixtureConfig("municipality"));
    for (const id of DEFERRED_MODULES) {
      ok(stillDeferred(require.resolve(id, { paths: [sdkRoot] })), `${id} was loaded`);
    }
  });

  it("loads the @pulumi/aws namespaces a program reads, on first read, and no other", async () => {
    const awsRoot = join(require.resolve("@pulumi/aws/package.json"), "..");
    const namespace = (name: string) => join(awsRoot, name, "index.js");
    await runWithConfig("operator", fixtureConfig("operator"));
    ok(!stillDeferred(namespace("iam")), "the program's iam namespace is still a stand-in");
    ok(stillDeferred(namespace("sagemaker")), "a namespace the program never reads was loaded");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module cache is what is tested
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    strictEqual(typeof aws.sagemaker.Domain, "function");
    ok(!stillDeferred(namespace("sagemaker")));
  });

  it("loads a deferred module on first read and answers as the module itself", () => {
    const path = join(FIXTURES, "counted-module.cjs");
    deferModule(path);
    const before = loads();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module cache is what is tested
    const counted = require(path) as { answer: number };
    strictEqual(loads(), before, "require alone loaded it");
    // The loader's interop probe does not load it either.
    strictEqual(Object.getOwnPropertyDescriptor(counted, "module.exports"), undefined);
    strictEqual(loads(), before);
    strictEqual(counted.answer, 42);
    strictEqual(loads(), before + 1);
    deepStrictEqual(Object.keys(counted), ["answer"]);
    ok(!stillDeferred(path));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- later requires get the real module
    strictEqual((require(path) as { answer: number }).answer, 42);
    strictEqual(loads(), before + 1, "loaded twice");
  });

  it("skips a module that is not installed (TypeScript in a production install) instead of failing", () => {
    strictEqual(deferInstalled("bedrock-lz-no-such-module", sdkRoot), false);
    strictEqual(deferInstalled("yaml", sdkRoot), true);
  });
});
