/**
 * Read-only by construction: every SDK command the audit sends is a Get, List or Describe, every
 * one maps to an IAM action, and the bootstrap's audit policy allows exactly those actions.
 * Throttling is retried by the SDK itself (adaptive mode), proven through a real client.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { BedrockClient } from "@aws-sdk/client-bedrock";
import { runAudit } from "../../audit/cli";
import { AUDIT_OPERATIONS, type AwsClients, RETRY_SETTINGS, awsClients, invocationLogging } from "../../audit/live";
import { planAudit } from "../../audit/program";
import { auditRoleReadPolicy } from "../../bootstrap/github-oidc";
import { REPO_ROOT } from "../support";
import { cleanAccount, serve } from "./fake-aws";

const READ_ONLY = /^(Get|List|Describe)[A-Za-z]+Command$/;

function allowedActions(): Map<string, unknown> {
  const allowed = new Map<string, unknown>();
  for (const statement of auditRoleReadPolicy("111111111111", "ap-northeast-1").Statement) {
    strictEqual(statement.Effect, "Allow");
    for (const action of [statement.Action].flat()) allowed.set(action as string, statement.Resource);
  }
  return allowed;
}

describe("live audit: read-only by construction", () => {
  const sent = new Set<string>();

  before(async function () {
    this.timeout(120_000);
    // A clean run of each kind of stack, recording every command that reaches the SDK.
    for (const [file, peer] of [
      ["Pulumi.operator.yaml", "Pulumi.municipality.yaml"],
      ["Pulumi.municipality.yaml", "Pulumi.operator.yaml"],
    ]) {
      // The test fixtures, not the shipped examples a user may have edited.
      const plan = await planAudit(join(REPO_ROOT, "tests", "fixtures", file), [
        join(REPO_ROOT, "tests", "fixtures", peer),
      ]);
      const { account } = cleanAccount(plan);
      const served = serve(account);
      try {
        const run = await runAudit({ stack: file, peers: [] }, awsClients, plan);
        strictEqual(run.code, 0, run.message);
        served.sent().forEach((name) => sent.add(name));
      } finally {
        served.restore();
      }
    }
  });

  it("sends only Get*, List* and Describe* commands, each one mapped to its IAM action", () => {
    ok(sent.size >= 10, [...sent].join(", "));
    for (const name of sent) {
      ok(READ_ONLY.test(name), `${name} is not a read`);
      ok(name in AUDIT_OPERATIONS, `${name} has no IAM action in AUDIT_OPERATIONS`);
    }
  });

  it("maps every operation to a read action of the same name", () => {
    for (const [command, action] of Object.entries(AUDIT_OPERATIONS)) {
      ok(READ_ONLY.test(command), command);
      strictEqual(action.split(":")[1], command.replace(/Command$/, ""));
    }
  });

  it("the bootstrap's audit policy allows every action the audit needs, and nothing else", () => {
    const allowed = allowedActions();
    // GetCallerIdentity needs no permission: AWS answers it for any valid credentials.
    const needed = Object.values(AUDIT_OPERATIONS).filter((action) => action !== "sts:GetCallerIdentity");
    deepStrictEqual([...allowed.keys()].sort(), [...new Set(needed)].sort());
    for (const action of allowed.keys()) ok(/^[a-z0-9]+:(Get|List|Describe)/.test(action), action);
  });

  it("names the program's roles in the IAM reads", () => {
    strictEqual(allowedActions().get("iam:GetRolePolicy"), "arn:aws:iam::111111111111:role/bedrock-lz-*");
  });

  it("configures every client for adaptive retries", async () => {
    const clients = awsClients("ap-northeast-1");
    for (const client of Object.values(clients)) {
      strictEqual(await client.config.maxAttempts(), RETRY_SETTINGS.maxAttempts);
      strictEqual(((await client.config.retryStrategy()) as { mode?: string }).mode, "adaptive");
    }
  });

  it("rides out throttling: a ThrottlingException twice, then the answer", async function () {
    this.timeout(30_000);
    let calls = 0;
    const bedrock = new BedrockClient({
      region: "ap-northeast-1",
      ...RETRY_SETTINGS,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      requestHandler: {
        handle: async () => {
          calls += 1;
          const throttled = calls <= 2;
          const body = throttled
            ? { message: "Rate exceeded" }
            : { loggingConfig: { textDataDeliveryEnabled: true, s3Config: { bucketName: "logs" } } };
          return {
            response: {
              statusCode: throttled ? 429 : 200,
              headers: {
                "content-type": "application/json",
                ...(throttled ? { "x-amzn-errortype": "ThrottlingException" } : {}),
              },
              body: new TextEncoder().encode(JSON.stringify(body)),
            },
          };
        },
      } as never,
    });
    const logging = await invocationLogging({ bedrock } as unknown as AwsClients);
    strictEqual(calls, 3);
    strictEqual(logging?.s3Config?.bucketName, "logs");
  });
});
