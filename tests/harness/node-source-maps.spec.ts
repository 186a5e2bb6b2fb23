/** `pulumi up`'s source positions come from Node's own source maps, not from source-map-support. */
import { match, strictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { keepNodeSourceMaps } from "../../harness/node-source-maps";

const languageHost = dirname(require.resolve("@pulumi/pulumi/cmd/run/index.js"));

describe("harness/node-source-maps", () => {
  it("leaves Node's mapping in place when the SDK's language host loads source-map-support", () => {
    const before = Error.prepareStackTrace;
    // What @pulumi/pulumi/cmd/run/index.js does before it loads the program.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module cache is what is tested
    require(require.resolve("source-map-support/register", { paths: [languageHost] }));
    strictEqual(Error.prepareStackTrace, before, "source-map-support installed its stack-trace hook");
    // A frame of this TypeScript file reports its own line, not the compiled code's.
    const frame = new Error("marker: where am I").stack!.split("\n")[1];
    const line = readFileSync(__filename, "utf8")
      .split("\n")
      .findIndex((text) => text.includes(`new Error("marker: where am I")`));
    match(frame, new RegExp(`node-source-maps\\.spec\\.ts:${line + 1}:`));
  });

  it("replaces only the register entry, and nothing where source-map-support is not installed", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the real package stays reachable
    const real = require(require.resolve("source-map-support", { paths: [languageHost] })) as { install: unknown };
    strictEqual(typeof real.install, "function");
    strictEqual(keepNodeSourceMaps("/"), undefined);
  });
});
