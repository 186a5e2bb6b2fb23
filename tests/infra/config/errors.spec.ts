import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { z } from "zod";
import { ConfigError, configKeyOf, problemsOf } from "../../../infra/config";

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
