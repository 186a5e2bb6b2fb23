import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { z } from "zod";
import { ConfigError, configKeyOf, problemsOf } from "../../../infra/config";
import { inLanguage } from "../../../infra/messages";

describe("config errors (infra/config/errors.ts)", () => {
  const schema = z.strictObject({
    region: z.enum(["ap-northeast-1"], { error: "must be ap-northeast-1" }),
    names: z.record(z.string().regex(/^[a-z]+$/, { error: "must be lowercase" }), z.string()),
    nested: z.strictObject({ count: z.number({ error: "must be a number" }) }),
  });
  const problems = (raw: unknown, namespace?: string) =>
    problemsOf(schema.safeParse(raw).error!, namespace).map((p) => `${p.key}: ${p.message}`);

  it("names region by the provider's key and every other key by the namespace and path", () => {
    deepStrictEqual(problems({ region: "us-east-1", names: {}, nested: { count: "x" } }), [
      "aws:region: must be ap-northeast-1",
      "bedrock-lz:nested.count: must be a number",
    ]);
  });

  it("reports each unknown key by its full name, and a bad map key as a map key", () => {
    deepStrictEqual(problems({ region: "ap-northeast-1", names: { Bad: "x" }, nested: { count: 1, cuont: 2 } }), [
      "bedrock-lz:names.Bad: map key must be lowercase",
      "bedrock-lz:nested.cuont: is not a setting here; check its spelling (keys are case-sensitive) and that it belongs to this stack's account kind",
    ]);
  });

  it("serves another project's namespace and subject (the bootstrap project's)", () => {
    const mapped = problemsOf(schema.safeParse({ region: "ap-northeast-1", names: {} }).error!, "bedrock-lz-bootstrap");
    strictEqual(configKeyOf([], "bedrock-lz-bootstrap"), "bedrock-lz-bootstrap:<root>");
    strictEqual(
      new ConfigError(mapped, "bootstrap").message,
      "invalid bootstrap configuration:\n  - bedrock-lz-bootstrap:nested: Invalid input: expected object, received undefined",
    );
  });
});

describe("config errors said better than zod's defaults, from the schema (infra/config/schema-shape.ts)", () => {
  const schema = z.strictObject({
    vpc: z.strictObject({ cidrBlock: z.string().default("10.0.0.0/16"), zones: z.number().default(2) }).optional(),
    feature: z.strictObject({ enabled: z.boolean().default(false), name: z.string().optional() }).prefault({}),
    names: z.record(z.string(), z.strictObject({ accountId: z.string() })).optional(),
    list: z.array(z.enum(["a", "b"])).optional(),
    emails: z.array(z.string()).min(1, { error: "must list at least one" }).max(10, { error: "at most 10" }).optional(),
  });
  const problems = (raw: Record<string, unknown>) =>
    problemsOf(schema.safeParse(raw, { reportInput: true }).error!, "ns", { schema, input: raw }).map(
      (p) => `${p.key}: ${p.message}`,
    );

  it("names the nearest key of the object a misspelt key is in, or the keys it has", () => {
    deepStrictEqual(problems({ vpc: { cidrBlok: "10.0.0.0/16" } }), [
      "ns:vpc.cidrBlok: is not a setting here; did you mean cidrBlock? (keys are case-sensitive)",
    ]);
    deepStrictEqual(problems({ feature: { zzz: true } }), [
      "ns:feature.zzz: is not a setting here (keys are case-sensitive); the keys here are enabled, name",
    ]);
    deepStrictEqual(problems({ feture: {} }), [
      "ns:feture: is not a setting here; did you mean feature? (keys are case-sensitive)",
    ]);
  });

  it("gives a value of the wrong shape a one-line example of the right one", () => {
    deepStrictEqual(problems({ feature: "yes" }), [
      "ns:feature: must be a map of its settings (enabled, name); for example: ns:feature: { enabled: true }",
    ]);
    deepStrictEqual(problems({ names: "sapporo" }), [
      'ns:names: must be a map of names to values; for example: ns:names: { "<key>": { accountId: "…" } }',
    ]);
    deepStrictEqual(problems({ list: "a" }), ["ns:list: must be a list; for example: ns:list: [a]"]);
    // A string has a length too, and zod measures it against the list's bounds: only the shape is reported.
    deepStrictEqual(problems({ emails: "ops@example.jp" }), [
      'ns:emails: must be a list; for example: ns:emails: ["…"]',
    ]);
    deepStrictEqual(problems({ vpc: { zones: "two" } }), [
      "ns:vpc.zones: must be a number; for example: ns:vpc: { zones: 2 }",
    ]);
    deepStrictEqual(problems({ names: { sapporo: {} } }), [
      'ns:names.sapporo.accountId: is required; for example: ns:names: { sapporo: { accountId: "…" } }',
    ]);
  });

  it("says every one of them in Japanese too", () => {
    const error = new ConfigError(
      problemsOf(schema.safeParse({ feature: "yes" }, { reportInput: true }).error!, "ns", {
        schema,
        input: { feature: "yes" },
      }),
    );
    strictEqual(
      error.messageIn("ja"),
      "スタックの設定に誤りがあります:\n  - ns:feature: 設定(enabled, name)のマップにしてください。例: ns:feature: { enabled: true }",
    );
    strictEqual(inLanguage(error.message, "ja"), error.messageIn("ja"));
  });
});
