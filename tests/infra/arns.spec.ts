import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import {
  ROLE_ARN_PATTERN,
  accountIdOfArn,
  accountRootArn,
  al2023LivePatchObjectsArn,
  al2023RepositoryObjectsArn,
  applicationInferenceProfileArn,
  assumedRoleArn,
  bedrockSourceArnPattern,
  bucketArn,
  codeArtifactDomainArn,
  codeArtifactRepositoryArn,
  foundationModelArn,
  guardrailArn,
  iamInstanceProfileArn,
  iamOidcProviderArn,
  iamPolicyArn,
  iamRoleArn,
  inferenceProfileArn,
  logGroupArn,
  parseArn,
  publicParameterArn,
  trailArn,
} from "../../infra/arns";

const ACCOUNT = "111111111111";
const REGION = "ap-northeast-1";

/** Each format as the Service Authorization Reference spells it (infra/arns.ts cites the pages). */
describe("ARNs (infra/arns.ts)", () => {
  it("spells every resource the program names as AWS does", () => {
    deepStrictEqual(
      [
        iamRoleArn(ACCOUNT, "bedrock-lz-invoke-sapporo"),
        accountRootArn(ACCOUNT),
        assumedRoleArn(ACCOUNT, "bedrock-lz-invoke-sapporo", "session-1"),
        iamInstanceProfileArn(ACCOUNT, "smoke"),
        iamPolicyArn(ACCOUNT, "boundary"),
        iamOidcProviderArn(ACCOUNT, "token.actions.githubusercontent.com"),
        inferenceProfileArn(REGION, ACCOUNT, "jp.model"),
        applicationInferenceProfileArn(REGION, ACCOUNT, "aaaaaaaaaaaa"),
        foundationModelArn("ap-northeast-3", "anthropic.model"),
        guardrailArn(REGION, ACCOUNT, "gr1"),
        bedrockSourceArnPattern(REGION, ACCOUNT),
        codeArtifactDomainArn(REGION, ACCOUNT, "dom"),
        codeArtifactRepositoryArn(REGION, ACCOUNT, "dom", "pypi"),
        trailArn(REGION, ACCOUNT, "trail"),
        logGroupArn(REGION, ACCOUNT, "/aws/bedrock/invocations"),
        bucketArn("logs"),
        publicParameterArn(REGION, "aws/service/ami"),
        al2023RepositoryObjectsArn(REGION),
        al2023LivePatchObjectsArn(REGION),
      ],
      [
        "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
        "arn:aws:iam::111111111111:root",
        "arn:aws:sts::111111111111:assumed-role/bedrock-lz-invoke-sapporo/session-1",
        "arn:aws:iam::111111111111:instance-profile/smoke",
        "arn:aws:iam::111111111111:policy/boundary",
        "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
        "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.model",
        "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/aaaaaaaaaaaa",
        "arn:aws:bedrock:ap-northeast-3::foundation-model/anthropic.model",
        "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/gr1",
        "arn:aws:bedrock:ap-northeast-1:111111111111:*",
        "arn:aws:codeartifact:ap-northeast-1:111111111111:domain/dom",
        "arn:aws:codeartifact:ap-northeast-1:111111111111:repository/dom/pypi",
        "arn:aws:cloudtrail:ap-northeast-1:111111111111:trail/trail",
        "arn:aws:logs:ap-northeast-1:111111111111:log-group:/aws/bedrock/invocations",
        "arn:aws:s3:::logs",
        "arn:aws:ssm:ap-northeast-1::parameter/aws/service/ami",
        "arn:aws:s3:::al2023-repos-ap-northeast-1-de612dc2/*",
        "arn:aws:s3:::al2023-ap-northeast-1/*",
      ],
    );
  });

  it("reads the twelve-digit account of an ARN, and names the ARN it cannot read one from", () => {
    strictEqual(accountIdOfArn("arn:aws:iam::111111111111:role/path/name"), ACCOUNT);
    for (const arn of [
      "not-an-arn",
      "arn:aws:s3:::bucket",
      "arn:aws:iam::11111111111:role/x",
      "arn:aws:iam::1111111111111:role/x",
      "arn:aws:iam::x111111111111:role/x",
      "arn:aws:iam::111111111111x:role/x",
    ]) {
      throws(() => accountIdOfArn(arn), { message: `cannot read an account id from ARN "${arn}"` }, arn);
    }
  });

  it("a role ARN: twelve digits, optional paths, a name of IAM's characters up to 64", () => {
    const name64 = "r".repeat(64);
    for (const arn of [
      "arn:aws:iam::111111111111:role/x",
      "arn:aws:iam::111111111111:role/path/to/x",
      `arn:aws:iam::111111111111:role/${name64}`,
      "arn:aws:iam::111111111111:role/a+=,.@_-b",
    ]) {
      ok(ROLE_ARN_PATTERN.test(arn), arn);
    }
    for (const arn of [
      "arn:aws:iam::11111111111:role/x",
      "arn:aws:iam::111111111111:role/",
      `arn:aws:iam::111111111111:role/${name64}r`,
      "arn:aws:iam::111111111111:role/a b",
      "arn:aws:iam::111111111111:user/x",
      "arn:aws-cn:iam::111111111111:role/x",
      "xarn:aws:iam::111111111111:role/x",
      "arn:aws:iam::111111111111:role/x ",
      "arn:aws:iam::111111111111:role//x",
    ]) {
      ok(!ROLE_ARN_PATTERN.test(arn), arn);
    }
  });

  it("parses an ARN into its parts, the resource split at its first slash", () => {
    deepStrictEqual(parseArn("arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.a:0/x"), {
      partition: "aws",
      service: "bedrock",
      region: "ap-northeast-1",
      account: "111111111111",
      resourceType: "inference-profile",
      resourceId: "jp.a:0/x",
    });
    deepStrictEqual(parseArn("arn:aws:logs:ap-northeast-1:111111111111:log-group:/a/b"), {
      partition: "aws",
      service: "logs",
      region: "ap-northeast-1",
      account: "111111111111",
      resourceType: "log-group:",
      resourceId: "a/b",
    });
    deepStrictEqual(parseArn("arn:aws:iam::111111111111:root"), {
      partition: "aws",
      service: "iam",
      region: "",
      account: "111111111111",
      resourceType: "root",
      resourceId: "",
    });
    // A resource that starts with its slash has an empty type, not a type of "/...".
    deepStrictEqual(parseArn("arn:aws:s3:::/key")?.resourceType, "");
    deepStrictEqual(parseArn("arn:aws:s3:::/key")?.resourceId, "key");
    strictEqual(parseArn("arn:aws:iam::111111111111"), undefined);
    strictEqual(parseArn("urn:aws:iam::111111111111:root"), undefined);
  });
});
