import { deepStrictEqual, match, ok } from "node:assert/strict";
import { IamChecker } from "./iam-checks";

const checker = new IamChecker();

const invokePolicy = (statement: Record<string, unknown>) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Invoke",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: [
        "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-haiku-4-5-20251001-v1:0",
        "arn:aws:bedrock:ap-northeast-3::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
      ],
      Condition: { StringLike: { "bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/jp.*" } },
      ...statement,
    },
  ],
});

async function problemsOf(document: unknown, kind: Parameters<IamChecker["check"]>[1] = "identity") {
  return checker.check(document, kind);
}

describe("fidelity checker: a document AWS would refuse fails", () => {
  it("accepts a correct invoke policy", async () => {
    deepStrictEqual(await problemsOf(invokePolicy({})), []);
  });

  it("rejects a misspelt action", async () => {
    const problems = await problemsOf(invokePolicy({ Action: ["bedrock:InvokeModels"] }));
    ok(
      problems.some((p) => /bedrock:InvokeModels" matches no action/.test(p)),
      problems.join("\n"),
    );
  });

  it("rejects an unknown service prefix", async () => {
    const problems = await problemsOf(invokePolicy({ Action: "bedrok:InvokeModel" }));
    ok(
      problems.some((p) => /service prefix "bedrok"/.test(p)),
      problems.join("\n"),
    );
  });

  it("rejects a condition key of another service", async () => {
    const problems = await problemsOf(invokePolicy({ Condition: { StringEquals: { "s3:prefix": "logs/" } } }));
    ok(
      problems.some((p) => /"s3:prefix" applies to none of bedrock:InvokeModel/.test(p)),
      problems.join("\n"),
    );
  });

  it("rejects a global condition key that does not exist", async () => {
    const problems = await problemsOf(invokePolicy({ Condition: { StringEquals: { "aws:SourceVpcEndpoint": "x" } } }));
    ok(
      problems.some((p) => /not a global condition key/.test(p)),
      problems.join("\n"),
    );
  });

  it("rejects an ARN no resource type of the actions has", async () => {
    const problems = await problemsOf(
      invokePolicy({ Resource: "arn:aws:bedrock:ap-northeast-1:111111111111:model/x" }),
    );
    ok(
      problems.some((p) => /matches no resource type/.test(p)),
      problems.join("\n"),
    );
  });

  it('rejects a resource-scoped statement for an action that supports only Resource "*"', async () => {
    const problems = await problemsOf({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "ec2:DescribeNetworkInterfaces", Resource: "arn:aws:ec2:*:*:network-interface/*" },
      ],
    });
    ok(
      problems.some((p) => /supports only Resource "\*"/.test(p)),
      problems.join("\n"),
    );
  });

  it("rejects a document over its kind's size limit, and grammar AWS refuses", async () => {
    const big = invokePolicy({ Sid: "x".repeat(6200) });
    ok((await problemsOf(big, "managed")).some((p) => /over the managed limit of 6144/.test(p)));
    const noPrincipal = await problemsOf(invokePolicy({}), "endpoint");
    ok(noPrincipal.length > 0);
    match(noPrincipal.join("\n"), /Principal/);
  });

  it("accepts resource-type templates with wildcards, policy variables and cross-service ARNs", async () => {
    deepStrictEqual(
      await problemsOf({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: "arn:aws:logs:ap-northeast-1:1:log-group:/a/b:*",
          },
          { Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111111111111:role/${aws:username}" },
        ],
      }),
      [],
    );
  });
});
