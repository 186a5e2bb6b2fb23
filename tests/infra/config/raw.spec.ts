import { deepStrictEqual, ok, throws } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AWS_PROVIDER_KEYS, ConfigError, parseStackConfig, rawConfigOf } from "../../../infra/config";
import { closest } from "../../../infra/config/suggest";
import { parseStackConfigText } from "../../../harness/stack-file";
import { fixtureConfig } from "../../support";

/** The problems rawConfigOf reports, as "key: message" lines. */
function problems(flat: Record<string, string>, namespace?: string): string[] {
  try {
    rawConfigOf(flat, { namespace });
  } catch (error) {
    ok(error instanceof ConfigError, String(error));
    return error.problems.map((p) => `${p.key}: ${p.message}`);
  }
  return [];
}

describe("keys the program would silently ignore (rawConfigOf)", () => {
  it("a key without its namespace, read from a stack file, names the key it should be", () => {
    const flat = parseStackConfigText("config:\n  vpc:\n    cidrBlock: 10.0.0.0/16\n", "Pulumi.municipality.yaml");
    deepStrictEqual(problems(flat), ["vpc: has no namespace; did you mean bedrock-lz:vpc?"]);
  });

  it("a key in a misspelt namespace suggests the project's", () => {
    const [line] = problems({ "bedrock_lz:vpc": "{}" });
    ok(line.startsWith('bedrock_lz:vpc: is in namespace "bedrock_lz", which this program does not read'), line);
    ok(line.endsWith("did you mean bedrock-lz:vpc?"), line);
  });

  it("a key of another provider says which keys are read, without a far-fetched suggestion", () => {
    const [line] = problems({ "random:seed": "1" });
    ok(line.includes("its keys are bedrock-lz:<key> and aws:region"), line);
    ok(!line.includes("did you mean"), line);
  });

  it("a typo in aws: suggests aws:region", () => {
    deepStrictEqual(problems({ "aws:regoin": "ap-northeast-1" }), [
      "aws:regoin: is not an AWS provider setting; the only aws: key this program reads is aws:region; did you mean aws:region?",
    ]);
  });

  it("a real AWS provider key other than aws:region is refused: the explicit provider never reads it", () => {
    for (const key of ["aws:profile", "aws:allowedAccountIds", "aws:defaultTags"]) {
      const [line] = problems({ [key]: "x" });
      ok(line.startsWith(`${key}: is an AWS provider setting this program never reads`), line);
      ok(line.includes("AWS_PROFILE"), line);
    }
  });

  it("accepts the shipped files, the engine's pulumi: keys and every problem at once", () => {
    for (const stack of ["operator", "municipality"] as const) deepStrictEqual(problems(fixtureConfig(stack)), []);
    deepStrictEqual(problems({ "pulumi:disable-default-providers": '["aws"]' }), []);
    const all = problems({ vpc: "{}", "aws:regoin": "x", "bedrock-lz:tags": "{oops" });
    deepStrictEqual(
      all.map((line) => line.split(":", 2).join(":")),
      ["vpc: has no namespace; did you mean bedrock-lz", "aws:regoin", "bedrock-lz:tags"],
    );
  });

  it("the bootstrap project's namespace: a key of this project there is reported", () => {
    const [line] = problems({ "bedrock-lz:accountId": "1" }, "bedrock-lz-bootstrap");
    ok(line.includes("its keys are bedrock-lz-bootstrap:<key>"), line);
  });

  it("the program reads the same way: parseStackConfig after rawConfigOf stops on the typo", () => {
    throws(
      () => parseStackConfig(rawConfigOf({ ...fixtureConfig("operator"), "aws:regoin": "ap-northeast-3" })),
      /aws:regoin: .*did you mean aws:region\?/,
    );
  });

  it("knows every key of the installed AWS provider (config/vars.d.ts)", () => {
    const vars = readFileSync(join(require.resolve("@pulumi/aws/package.json"), "..", "config", "vars.d.ts"), "utf8");
    const declared = [...vars.matchAll(/export declare const (\w+)/g)].map((m) => m[1]).sort();
    deepStrictEqual([...AWS_PROVIDER_KEYS].sort(), declared);
  });

  it("suggests only what is close", () => {
    deepStrictEqual(closest("regoin", ["region", "profile"]), "region");
    deepStrictEqual(closest("bedrocklz", ["bedrock-lz"]), "bedrock-lz");
    deepStrictEqual(closest("seed", ["bedrock-lz", "aws"]), undefined);
  });
});
