import * as assert from "node:assert/strict";
import { AccessDeniedException, BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { AssumeRoleCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { UsageError, parseSmokeArgs } from "../../../clients/ts/args";
import { classifySmokeError } from "../../../clients/ts/errors";
import { type FailureFacts, MESSAGES, langOf } from "../../../clients/ts/messages";
import { main } from "../../../clients/ts/smoke";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const ROLE = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";
const PROFILE = "jp.anthropic.claude-haiku-4-5-20251001-v1:0";
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const FACTS: FailureFacts = {
  message: "AWS said no.",
  name: "AccessDenied",
  call: "AssumeRole",
  host: "sts.ap-northeast-1.amazonaws.com",
  endpoint: "sts",
  code: "ENOTFOUND",
  roleArn: ROLE,
  region: "ap-northeast-1",
  modelId: PROFILE,
};

/** Leaf texts of a message set, by dotted key; functions are called with sample arguments. */
function leaves(messages: object, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).flatMap(([key, value]): [string, string][] => {
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === "string") return [[path, value]];
      if (typeof value === "function")
        return [[path, value.length === 1 && prefix === "" ? value(FACTS) : value("10.0.0.1", "1")]];
      return Object.entries(leaves(value, path));
    }),
  );
}

/** What must stay verbatim: config keys, AWS actions, flags, stack outputs, env vars, paths. */
function identifiers(text: string): string[] {
  const pattern =
    /bedrock-lz:[\w.<>]+|[a-z]+:[A-Z]\w+|--[a-z-]+|\b[a-z]+[A-Z]\w*\b|\b[A-Z]+_[A-Z_]+\b|\bAssumeRole\b|\bConverse\b|docs\/\w+/g;
  return [...new Set(text.match(pattern) ?? [])];
}

describe("TypeScript smoke client: messages in English and Japanese (clients/ts/messages.ts)", () => {
  const en = leaves(MESSAGES.en);
  const ja = leaves(MESSAGES.ja);

  it("has every message in both languages, and the Japanese is Japanese", () => {
    assert.deepEqual(Object.keys(ja), Object.keys(en));
    const notJapanese = Object.entries(ja)
      .filter(([key, text]) => !JAPANESE.test(text) && key !== "checklist.results.ok")
      .map(([key]) => key);
    assert.deepEqual(notJapanese, []);
  });

  it("keeps config keys, AWS actions, flags, stack outputs and the failing call's facts verbatim in Japanese", () => {
    const dropped = Object.keys(en).flatMap((key) =>
      identifiers(en[key])
        .filter((id) => !ja[key].includes(id))
        .map((id) => `${key}: ${id}`),
    );
    assert.deepEqual(dropped, []);
    for (const key of Object.keys(en).filter((k) => !k.startsWith("checklist"))) {
      for (const fact of [FACTS.message, FACTS.roleArn, FACTS.modelId, FACTS.host])
        assert.equal(en[key].includes(fact), ja[key].includes(fact), `${key} quotes ${fact} in both or neither`);
    }
  });

  it("classifies the same failure as the same kind in either language", () => {
    const context = { stage: "assume-role" as const, roleArn: ROLE, region: "ap-northeast-1", modelId: PROFILE };
    const denied = { name: "AccessDenied", message: "not authorized" };
    const [english, japanese] = (["en", "ja"] as const).map((lang) => classifySmokeError(denied, context, lang));
    assert.equal(english.kind, "assume-role-denied");
    assert.equal(japanese.kind, "assume-role-denied");
    assert.match(japanese.message, /AssumeRole が拒否されました: not authorized/);
    assert.match(japanese.message, /bedrock-lz:municipalities\.<name>\.accountId/);
    const unresolved = classifySmokeError(
      Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }),
      { ...context, stage: "invoke" },
      "ja",
    );
    assert.equal(unresolved.kind, "endpoint-unresolvable");
    assert.match(
      unresolved.message,
      /^bedrock-runtime\.ap-northeast-1\.amazonaws\.com を名前解決できません\(ENOTFOUND\)/,
    );
    assert.match(unresolved.message, /bedrock-lz:endpoints\.bedrock-runtime/);
  });
});

describe("TypeScript smoke client: choosing the language", () => {
  it("takes --lang first, then LC_ALL, LC_MESSAGES and LANG, in POSIX order", () => {
    assert.equal(langOf(undefined, {}), "en");
    assert.equal(langOf(undefined, { LANG: "ja_JP.UTF-8" }), "ja");
    assert.equal(langOf(undefined, { LANG: "ja" }), "ja");
    assert.equal(langOf(undefined, { LANG: "C.UTF-8" }), "en");
    assert.equal(langOf(undefined, { LANG: "ja_JP.UTF-8", LC_MESSAGES: "en_US.UTF-8" }), "en");
    assert.equal(langOf(undefined, { LC_ALL: "ja_JP.eucJP", LC_MESSAGES: "en_US.UTF-8" }), "ja");
    assert.equal(langOf(undefined, { LC_ALL: "", LANG: "ja_JP.UTF-8" }), "ja");
    assert.equal(langOf(undefined, { LANG: "jam_JM" }), "en");
    assert.equal(langOf("en", { LC_ALL: "ja_JP.UTF-8" }), "en");
    assert.equal(langOf("ja", {}), "ja");
  });

  it("parses --lang en|ja and rejects anything else", () => {
    const base = ["--role-arn", ROLE, "--model-id", PROFILE];
    assert.equal(parseSmokeArgs([...base, "--lang", "ja"])?.lang, "ja");
    assert.equal(parseSmokeArgs(base)?.lang, undefined);
    assert.throws(() => parseSmokeArgs([...base, "--lang", "jp"]), UsageError);
  });
});

describe("TypeScript smoke client: --lang ja output (aws-sdk-client-mock, no network)", () => {
  const sts = mockClient(STSClient);
  const bedrock = mockClient(BedrockRuntimeClient);
  const PRIVATE_LOOKUP = async () => ({ address: "10.0.0.10" });
  const CREDENTIALS = { AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "s", SessionToken: "t" };

  beforeEach(() => {
    sts.reset();
    bedrock.reset();
  });
  after(() => {
    sts.restore();
    bedrock.restore();
  });

  /** Runs main and returns its exit code and standard error. */
  async function run(argv: string[], env: Record<string, string> = {}): Promise<[number, string]> {
    const stderr = process.stderr.write;
    const stdout = process.stdout.write;
    let errText = "";
    process.stderr.write = ((chunk: string) => ((errText += chunk), true)) as typeof process.stderr.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      return [await main(["--role-arn", ROLE, "--model-id", PROFILE, ...argv], PRIVATE_LOOKUP, env), errText];
    } finally {
      process.stderr.write = stderr;
      process.stdout.write = stdout;
    }
  }

  it("explains a denied AssumeRole in Japanese, kind and identifiers unchanged", async () => {
    sts
      .on(AssumeRoleCommand)
      .rejects(new STSServiceException({ name: "AccessDenied", message: "no", $fault: "client", $metadata: {} }));
    const [code, text] = await run(["--lang", "ja"]);
    assert.equal(code, 2);
    assert.match(text, /^bedrock-lz smoke: assume-role-denied: .*AssumeRole が拒否されました: no /m);
    assert.match(text, /STS のエンドポイントポリシーが、その ARN への sts:AssumeRole を許可している/);
    assert.match(text, /^初回デプロイ時の確認\(docs\/deployment\.ja\.md\):\n {2}\[OK\] sts\.ap-northeast-1/m);
  });

  it("explains a denied Converse in Japanese, from a ja locale as well as from --lang", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: { ...CREDENTIALS, Expiration: new Date() } });
    bedrock
      .on(ConverseCommand)
      .rejects(new AccessDeniedException({ message: "explicit deny in an identity-based policy", $metadata: {} }));
    const [code, text] = await run([], { LANG: "ja_JP.UTF-8" });
    assert.equal(code, 3);
    assert.match(text, /^bedrock-lz smoke: guardrail-missing: .*明示的な拒否で拒否されました/m);
    assert.match(text, /--guardrail-arn と --guardrail-version を渡してください/);
    assert.match(text, /\[要確認\] Bedrock ガードレール: 指定していません/);

    const [, english] = await run(["--lang", "en"], { LANG: "ja_JP.UTF-8" });
    assert.match(english, /^bedrock-lz smoke: guardrail-missing: Converse on .* was denied by an explicit deny/m);
    assert.match(english, /^verify on first deployment \(docs\/deployment\.md\):/m);
  });
});
