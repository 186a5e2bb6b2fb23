import { deepStrictEqual } from "node:assert/strict";
import { criticalPath, criticalPathOf } from "../../plan/resource-graph";
import { runWithConfig, fixtureConfig } from "../support";

describe("critical path (plan/resource-graph.ts)", () => {
  it("follows the longest dependency chain of custom resources", () => {
    deepStrictEqual(
      criticalPath([
        { name: "provider", dependsOn: [], custom: true },
        { name: "vpc", dependsOn: ["provider"], custom: true },
        { name: "subnet", dependsOn: ["vpc", "provider"], custom: true },
        { name: "sg", dependsOn: ["vpc"], custom: true },
        { name: "endpoint", dependsOn: ["subnet", "sg"], custom: true },
        { name: "role", dependsOn: ["provider"], custom: true },
      ]),
      ["provider", "vpc", "subnet", "endpoint"],
    );
  });

  it("does not count components, but follows dependencies through them", () => {
    deepStrictEqual(
      criticalPath([
        { name: "a", dependsOn: [], custom: true },
        { name: "component", dependsOn: ["a"], custom: false },
        { name: "b", dependsOn: ["component"], custom: true },
      ]),
      ["a", "b"],
    );
  });

  it("is empty for an empty graph", () => {
    deepStrictEqual(criticalPath([]), []);
  });
});

describe("critical path of the shipped stacks", () => {
  it("operator: provider → log bucket → public access block → bucket policy → logging configuration", async () => {
    deepStrictEqual(criticalPathOf(await runWithConfig("operator", fixtureConfig("operator"))), [
      "pulumi:providers:aws operator-ap-northeast-1",
      "aws:s3/bucket:Bucket invocation-logging-bucket",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock invocation-logging-bucket-public-access-block",
      "aws:s3/bucketPolicy:BucketPolicy invocation-logging-bucket-policy",
      "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration invocation-logging-configuration",
    ]);
  });

  it("ignores a cycle instead of looping", () => {
    deepStrictEqual(
      criticalPath([
        { name: "a", dependsOn: ["b"], custom: true },
        { name: "b", dependsOn: ["a"], custom: true },
      ]).length <= 2,
      true,
    );
  });
});
