import * as assert from "node:assert/strict";
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-bedrock-runtime";
import { AssumeRoleCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { UsageError, parseSmokeArgs } from "../../../clients/ts/args";
import { classifySmokeError } from "../../../clients/ts/errors";
import { isPrivateAddress, observeChecklist, renderChecklist } from "../../../clients/ts/checklist";
import {
  CLIENT_ROBUSTNESS,
  SESSION_NAME,
  SmokeFailure,
  main,
  runSmoke,
  stsClientConfig,
} from "../../../clients/ts/smoke";

// The SDK's notice about its future Node.js floor is not what these tests are about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const ROLE = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";
const PROFILE = "jp.anthropic.claude-haiku-4-5-20251001-v1:0";
const PRIVATE_LOOKUP = async () => ({ address: "10.0.0.10" });
const GUARDRAIL_ARN = "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abcd1234efgh";
const CREDENTIALS = {
  AccessKeyId: "ASIAEXAMPLEEXAMPLE00",
  SecretAccessKey: "secret",
  SessionToken: "token",
  Expiration: new Date("2026-11-23T15:00:00Z"),
};

function stsError(name: string, message: string) {
  return new STSServiceException({ name, message, $fault: "client", $metadata: {} });
}

describe("TypeScript smoke client: arguments", () => {
  it("applies the defaults: Tokyo, no streaming, no guardrail; the model is not hard-coded", () => {
    assert.deepEqual(parseSmokeArgs(["--role-arn", ROLE, "--model-id", PROFILE]), {
      roleArn: ROLE,
      region: "ap-northeast-1",
      modelId: PROFILE,
      prompt: "こんにちは",
      stream: false,
    });
    assert.throws(() => parseSmokeArgs(["--role-arn", ROLE]), /--model-id is required.*modelId/);
  });

  it("takes a metered municipality's application profile ARN in Japan, and refuses one elsewhere", () => {
    const own = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6";
    const outputs = JSON.stringify({ operatorRoleArn: ROLE, modelId: own, inferenceProfileId: PROFILE });
    assert.equal(parseSmokeArgs(["--stack-outputs", "o.json"], () => outputs)?.modelId, own);
    assert.throws(
      () => parseSmokeArgs(["--role-arn", ROLE, "--model-id", own.replace("ap-northeast-1", "us-east-1")]),
      /--model-id must be a "jp\." inference profile or the municipality's application inference profile ARN/,
    );
  });

  it("reads the role, region, model and guardrail from the municipality stack's outputs; flags win", () => {
    const outputs = JSON.stringify({
      operatorRoleArn: ROLE,
      region: "ap-northeast-3",
      inferenceProfileId: PROFILE,
      guardrail: { arn: GUARDRAIL_ARN, version: "2" },
    });
    const read = (path: string) => (path === "out.json" ? outputs : assert.fail(path));
    assert.deepEqual(parseSmokeArgs(["--stack-outputs", "out.json"], read), {
      roleArn: ROLE,
      region: "ap-northeast-3",
      modelId: PROFILE,
      prompt: "こんにちは",
      stream: false,
      guardrail: { arn: GUARDRAIL_ARN, version: "2" },
    });
    const overridden = parseSmokeArgs(
      [
        "--stack-outputs",
        "out.json",
        "--region",
        "ap-northeast-1",
        "--guardrail-arn",
        GUARDRAIL_ARN,
        "--guardrail-version",
        "3",
      ],
      read,
    );
    assert.equal(overridden?.region, "ap-northeast-1");
    assert.deepEqual(overridden?.guardrail, { arn: GUARDRAIL_ARN, version: "3" });
    assert.throws(
      () =>
        parseSmokeArgs(["--stack-outputs", "missing.json"], () => {
          throw new Error("ENOENT");
        }),
      /pulumi stack output --json/,
    );
  });

  it("reads every option", () => {
    assert.deepEqual(
      parseSmokeArgs([
        "--role-arn",
        ROLE,
        "--model-id",
        PROFILE,
        "--region",
        "ap-northeast-3",
        "--prompt",
        "hi",
        "--stream",
        "--external-id",
        "sapporo-2026",
      ]),
      {
        roleArn: ROLE,
        region: "ap-northeast-3",
        modelId: PROFILE,
        prompt: "hi",
        stream: true,
        externalId: "sapporo-2026",
      },
    );
  });

  it("returns undefined for --help", () => {
    assert.equal(parseSmokeArgs(["--help"]), undefined);
  });

  const rejects: [string[], RegExp][] = [
    [[], /--role-arn is required/],
    [["--role-arn", "bedrock-lz-invoke-sapporo"], /is not an IAM role ARN/],
    [["--role-arn", ROLE, "--region", "us-east-1"], /--region must be ap-northeast-1 or ap-northeast-3/],
    [
      ["--role-arn", ROLE, "--model-id", "apac.anthropic.claude-haiku-4-5-20251001-v1:0"],
      /must be a "jp." inference profile/,
    ],
    [["--role-arn", ROLE, "--model-id", PROFILE, "--prompt", ""], /--prompt must not be empty/],
    [["--role-arn", ROLE, "--bogus"], /Unknown option '--bogus'/],
    [["--role-arn", ROLE, "--model-id", PROFILE, "--guardrail-arn", GUARDRAIL_ARN], /go together/],
    [
      ["--role-arn", ROLE, "--model-id", PROFILE, "--guardrail-arn", "abcd1234efgh", "--guardrail-version", "1"],
      /not a guardrail ARN.*not the id/,
    ],
    [
      ["--role-arn", ROLE, "--model-id", PROFILE, "--guardrail-arn", GUARDRAIL_ARN, "--guardrail-version", "DRAFT"],
      /published version number/,
    ],
  ];
  for (const [argv, pattern] of rejects) {
    it(`rejects ${JSON.stringify(argv)}`, () => {
      assert.throws(
        () => parseSmokeArgs(argv),
        (error: unknown) => error instanceof UsageError && pattern.test(error.message),
      );
    });
  }
});

describe("TypeScript smoke client: failure classification", () => {
  const context = { roleArn: ROLE, region: "ap-northeast-1", modelId: PROFILE };

  it("AccessDenied on AssumeRole names the trust policy, the instance role, the external id and the STS endpoint policy", () => {
    const failure = classifySmokeError(stsError("AccessDenied", "not authorized to perform: sts:AssumeRole"), {
      ...context,
      stage: "assume-role",
    });
    assert.equal(failure.kind, "assume-role-denied");
    for (const fix of [
      "bedrock-lz:municipalities.<name>.accountId",
      "instance profile",
      "--external-id",
      "STS endpoint policy",
    ]) {
      assert.ok(failure.message.includes(fix), `missing "${fix}" in: ${failure.message}`);
    }
  });

  it("AccessDeniedException on Converse names the invoke role policy, the endpoint policy and the endpoint lock", () => {
    const error = new AccessDeniedException({
      message: "User is not authorized to perform: bedrock:InvokeModel",
      $metadata: {},
    });
    const failure = classifySmokeError(error, { ...context, stage: "invoke" });
    assert.equal(failure.kind, "invoke-denied");
    assert.match(failure.message, /invoke role's policy/);
    assert.match(failure.message, /bedrock-runtime endpoint policy/);
    assert.match(failure.message, /locked the role to this VPC's endpoint/);
  });

  const modelAccessMessages = [
    "You don't have access to the model with the specified model ID.",
    "Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe)",
  ];
  for (const message of modelAccessMessages) {
    it(`model access not granted: "${message.slice(0, 40)}..." points at the operator's model-access toggle`, () => {
      const failure = classifySmokeError(new AccessDeniedException({ message, $metadata: {} }), {
        ...context,
        stage: "invoke",
      });
      assert.equal(failure.kind, "model-access-not-granted");
      assert.match(failure.message, /first-use form and model agreement/);
    });
  }

  it("the Anthropic use-case form not submitted is model access too", () => {
    const error = new ResourceNotFoundException({
      message: "Model use case details have not been submitted for this account.",
      $metadata: {},
    });
    assert.equal(classifySmokeError(error, { ...context, stage: "invoke" }).kind, "model-access-not-granted");
  });

  it("ENOTFOUND names the endpoint key and private DNS, for the host of the failing stage", () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND sts.ap-northeast-1.amazonaws.com"), {
      code: "ENOTFOUND",
    });
    const failure = classifySmokeError(dns, { ...context, stage: "assume-role" });
    assert.equal(failure.kind, "endpoint-unresolvable");
    assert.match(failure.message, /^sts\.ap-northeast-1\.amazonaws\.com does not resolve \(ENOTFOUND\)/);
    assert.match(failure.message, /bedrock-lz:endpoints\.sts/);
    const wrapped = Object.assign(new Error("request failed"), {
      cause: Object.assign(new Error("x"), { code: "EAI_AGAIN" }),
    });
    const invoke = classifySmokeError(wrapped, { ...context, stage: "invoke" });
    assert.equal(invoke.kind, "endpoint-unresolvable");
    assert.match(invoke.message, /bedrock-lz:endpoints\.bedrock-runtime/);
  });

  it("no ambient credentials names the client instance profile", () => {
    const error = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    const failure = classifySmokeError(error, { ...context, stage: "assume-role" });
    assert.equal(failure.kind, "no-credentials");
    assert.match(failure.message, /client instance profile/);
  });

  it("a connection timeout points at the security groups", () => {
    const timeout = Object.assign(new Error("connect ETIMEDOUT 10.0.0.12:443"), { code: "ETIMEDOUT" });
    const failure = classifySmokeError(timeout, { ...context, stage: "invoke" });
    assert.equal(failure.kind, "endpoint-unreachable");
    assert.match(failure.message, /endpointSecurityGroupId/);
  });

  it("AccessDenied at the invoke stage is not mistaken for an AssumeRole failure, and unknown errors stay unexpected", () => {
    assert.equal(classifySmokeError(stsError("AccessDenied", "x"), { ...context, stage: "invoke" }).kind, "unexpected");
    assert.equal(
      classifySmokeError(new AccessDeniedException({ message: "x", $metadata: {} }), {
        ...context,
        stage: "assume-role",
      }).kind,
      "unexpected",
    );
    assert.equal(classifySmokeError("boom", { ...context, stage: "invoke" }).message, "Converse failed: Error: boom");
  });
});

describe("TypeScript smoke client: SDK calls (aws-sdk-client-mock, no network)", () => {
  const sts = mockClient(STSClient);
  const bedrock = mockClient(BedrockRuntimeClient);
  const options = { roleArn: ROLE, region: "ap-northeast-1", modelId: PROFILE, prompt: "こんにちは", stream: false };

  beforeEach(() => {
    sts.reset();
    bedrock.reset();
  });
  after(() => {
    sts.restore();
    bedrock.restore();
  });

  it("uses the regional STS endpoint", () => {
    assert.deepEqual(stsClientConfig("ap-northeast-3"), {
      region: "ap-northeast-3",
      endpoint: "https://sts.ap-northeast-3.amazonaws.com",
      ...CLIENT_ROBUSTNESS,
    });
  });

  it("both clients time out and retry adaptively instead of hanging on a missing endpoint", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    bedrock
      .on(ConverseCommand)
      .resolves({ output: { message: { role: "assistant", content: [{ text: "ok" }] } }, $metadata: {} } as never);
    await runSmoke(options, () => undefined);
    for (const client of [
      sts.commandCalls(AssumeRoleCommand)[0].thisValue,
      bedrock.commandCalls(ConverseCommand)[0].thisValue,
    ]) {
      assert.equal(client.config.retryMode, "adaptive");
      assert.equal(await client.config.maxAttempts(), 4);
    }
    assert.deepEqual(CLIENT_ROBUSTNESS.requestHandler, { connectionTimeout: 5_000, requestTimeout: 60_000 });
  });

  it("names the enforced guardrail by ARN and version in Converse and ConverseStream", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    bedrock
      .on(ConverseCommand)
      .resolves({ output: { message: { role: "assistant", content: [{ text: "ok" }] } }, $metadata: {} } as never);
    bedrock.on(ConverseStreamCommand).resolves({ stream: (async function* () {})(), $metadata: {} } as never);
    const guardrail = { arn: GUARDRAIL_ARN, version: "2" };
    await runSmoke({ ...options, guardrail }, () => undefined);
    await runSmoke({ ...options, guardrail, stream: true }, () => undefined);
    const expected = { guardrailIdentifier: GUARDRAIL_ARN, guardrailVersion: "2" };
    assert.deepEqual(bedrock.commandCalls(ConverseCommand)[0].args[0].input.guardrailConfig, expected);
    assert.deepEqual(bedrock.commandCalls(ConverseStreamCommand)[0].args[0].input.guardrailConfig, expected);
  });

  it("an explicit deny without a guardrail is classified as a missing guardrail", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    bedrock.on(ConverseCommand).rejects(
      new AccessDeniedException({
        message: `User: x is not authorized to perform: bedrock:InvokeModel on resource: y with an explicit deny in an identity-based policy`,
        $metadata: {},
      }),
    );
    await assert.rejects(
      runSmoke(options, () => undefined),
      (error: unknown) => {
        assert.ok(error instanceof SmokeFailure);
        assert.equal(error.failure.kind, "guardrail-missing");
        assert.match(error.failure.message, /--guardrail-arn and --guardrail-version \(the ARN, not the id/);
        return true;
      },
    );
    bedrock.on(ConverseCommand).rejects(new AccessDeniedException({ message: "with an explicit deny", $metadata: {} }));
    await assert.rejects(
      runSmoke({ ...options, guardrail: { arn: GUARDRAIL_ARN, version: "1" } }, () => undefined),
      (error: unknown) => {
        assert.ok(error instanceof SmokeFailure);
        assert.equal(error.failure.kind, "invoke-denied");
        return true;
      },
    );
  });

  it("assumes the operator role, then converses with the JP profile using the assumed credentials", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    bedrock.on(ConverseCommand).resolves({
      output: { message: { role: "assistant", content: [{ text: "こんにちは！" }, { text: "Claude です。" }] } },
      stopReason: "end_turn",
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      metrics: { latencyMs: 1 },
      $metadata: {},
    });
    let printed = "";
    const result = await runSmoke({ ...options, externalId: "sapporo-2026" }, (chunk) => (printed += chunk));

    assert.equal(result.text, "こんにちは！Claude です。");
    assert.equal(printed, "こんにちは！Claude です。\n");
    // The client that made the call is pointed at the regional STS hostname.
    const stsEndpoint = await sts.commandCalls(AssumeRoleCommand)[0].thisValue.config.endpoint!();
    assert.equal(`${stsEndpoint.protocol}//${stsEndpoint.hostname}`, "https://sts.ap-northeast-1.amazonaws.com");
    assert.deepEqual(sts.commandCalls(AssumeRoleCommand)[0].args[0].input, {
      RoleArn: ROLE,
      RoleSessionName: SESSION_NAME,
      DurationSeconds: 900,
      ExternalId: "sapporo-2026",
    });
    const converse = bedrock.commandCalls(ConverseCommand);
    assert.equal(converse.length, 1);
    assert.deepEqual(converse[0].args[0].input, {
      modelId: PROFILE,
      messages: [{ role: "user", content: [{ text: "こんにちは" }] }],
      inferenceConfig: { maxTokens: 512 },
    });
    const credentials = await converse[0].thisValue.config.credentials();
    assert.equal(credentials.accessKeyId, CREDENTIALS.AccessKeyId);
    assert.equal(credentials.sessionToken, CREDENTIALS.SessionToken);
  });

  it("--stream prints the deltas of ConverseStream as they arrive", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    async function* events() {
      yield { messageStart: { role: "assistant" as const } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "こん" } } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "にちは" } } };
      yield { messageStop: { stopReason: "end_turn" as const } };
    }
    bedrock.on(ConverseStreamCommand).resolves({ stream: events(), $metadata: {} });
    const chunks: string[] = [];
    const result = await runSmoke({ ...options, stream: true }, (chunk) => chunks.push(chunk));
    assert.deepEqual(chunks, ["こん", "にちは", "\n"]);
    assert.equal(result.text, "こんにちは");
    assert.equal(bedrock.commandCalls(ConverseCommand).length, 0);
    assert.equal(bedrock.commandCalls(ConverseStreamCommand)[0].args[0].input.modelId, PROFILE);
  });

  it("AccessDenied on AssumeRole stops before Bedrock is called", async () => {
    sts.on(AssumeRoleCommand).rejects(stsError("AccessDenied", "not authorized"));
    await assert.rejects(
      runSmoke(options, () => undefined),
      (error: unknown) => {
        assert.ok(error instanceof SmokeFailure);
        assert.equal(error.stage, "assume-role");
        assert.equal(error.failure.kind, "assume-role-denied");
        return true;
      },
    );
    assert.equal(bedrock.commandCalls(ConverseCommand).length, 0);
  });

  it("model access not granted on Converse is classified at the invoke stage", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    bedrock.on(ConverseCommand).rejects(
      new AccessDeniedException({
        message: "You don't have access to the model with the specified model ID.",
        $metadata: {},
      }),
    );
    await assert.rejects(
      runSmoke(options, () => undefined),
      (error: unknown) => {
        assert.ok(error instanceof SmokeFailure);
        assert.equal(error.stage, "invoke");
        assert.equal(error.failure.kind, "model-access-not-granted");
        return true;
      },
    );
  });

  it("an error event in the middle of a stream fails the run", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    async function* events() {
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "こん" } } };
      yield {
        throttlingException: Object.assign(new Error("Too many requests"), { name: "ThrottlingException" }) as never,
      };
    }
    bedrock.on(ConverseStreamCommand).resolves({ stream: events(), $metadata: {} });
    await assert.rejects(
      runSmoke({ ...options, stream: true }, () => undefined),
      /Converse failed: ThrottlingException/,
    );
  });

  it("main exits 1 on a usage error, 2 when AssumeRole fails, 3 when Converse fails, 0 on a reply", async () => {
    const stderr = process.stderr.write;
    const stdout = process.stdout.write;
    let errText = "";
    process.stderr.write = ((chunk: string) => ((errText += chunk), true)) as typeof process.stderr.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      assert.equal(await main([]), 1);
      assert.match(errText, /--role-arn is required/);
      sts.on(AssumeRoleCommand).rejects(stsError("AccessDenied", "no"));
      assert.equal(await main(["--role-arn", ROLE, "--model-id", PROFILE], PRIVATE_LOOKUP), 2);
      assert.match(errText, /bedrock-lz smoke: assume-role-denied: /);
      sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
      bedrock.on(ConverseCommand).rejects(new AccessDeniedException({ message: "denied", $metadata: {} }));
      assert.equal(await main(["--role-arn", ROLE, "--model-id", PROFILE], PRIVATE_LOOKUP), 3);
      bedrock
        .on(ConverseCommand)
        .resolves({ output: { message: { role: "assistant", content: [{ text: "ok" }] } }, $metadata: {} } as never);
      assert.equal(await main(["--role-arn", ROLE, "--model-id", PROFILE], PRIVATE_LOOKUP), 0);
    } finally {
      process.stderr.write = stderr;
      process.stdout.write = stdout;
    }
  });
});

describe("TypeScript smoke client: the first-deployment checklist it can observe", () => {
  const options = { roleArn: ROLE, region: "ap-northeast-3", modelId: PROFILE, prompt: "x", stream: false };

  it("reports private DNS of both endpoints and a guardrail sent as ok", async () => {
    const asked: string[] = [];
    const lines = await observeChecklist(
      { ...options, guardrail: { arn: GUARDRAIL_ARN, version: "1" } },
      async (host) => {
        asked.push(host);
        return { address: "10.0.1.20" };
      },
    );
    assert.deepEqual(asked, ["sts.ap-northeast-3.amazonaws.com", "bedrock-runtime.ap-northeast-3.amazonaws.com"]);
    assert.deepEqual(
      lines.map((l) => l.result),
      ["ok", "ok", "ok", "not observable here"],
    );
    assert.match(
      renderChecklist(lines),
      /^verify on first deployment \(docs\/deployment\.md\):\n {2}\[ok\] private DNS/,
    );
  });

  it("flags a public address, a name that does not resolve and a missing guardrail", async () => {
    const lines = await observeChecklist(options, async (host) => {
      if (host.startsWith("sts.")) return { address: "52.119.1.1" };
      throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    });
    assert.deepEqual(
      lines.slice(0, 3).map((l) => [l.result, l.detail.split(/[,:(]/)[0]]),
      [
        ["check", "resolves to 52.119.1.1"],
        ["check", "does not resolve "],
        ["check", "none sent"],
      ],
    );
    assert.equal(isPrivateAddress("172.31.0.1"), true);
    assert.equal(isPrivateAddress("172.32.0.1"), false);
  });
});
