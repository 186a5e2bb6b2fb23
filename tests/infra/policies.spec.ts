import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { accountIdOfArn, codeArtifactDomainArn, codeArtifactRepositoryArn, iamRoleArn } from "../../infra/arns";
import { lookupInferenceProfile } from "../../infra/catalog";
import {
  bedrockRuntimeEndpointPolicy,
  clientRolePolicy,
  clientRoleTrustPolicy,
  codeArtifactEndpointPolicy,
  invokeRolePolicy,
  invokeRoleTrustPolicy,
  municipalityEndpointPolicies,
  s3GatewayEndpointPolicy,
  stsEndpointPolicy,
} from "../../infra/policies";

const profile = lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!;
const target = { profile, region: "ap-northeast-1", operatorAccountId: "111111111111" };
const PROFILE_ARN =
  "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-haiku-4-5-20251001-v1:0";
const FM_TOKYO = "arn:aws:bedrock:ap-northeast-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0";
const FM_OSAKA = "arn:aws:bedrock:ap-northeast-3::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0";
const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const CLIENT = "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo";
const OPERATOR = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";

describe("policy builders (infra/policies.ts)", () => {
  describe("operator invoke role trust", () => {
    it("trusts the municipality root only for the client role ARN (order-free)", () => {
      deepStrictEqual(invokeRoleTrustPolicy({ municipalityAccountId: "222222222222", clientRoleArn: CLIENT }), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AssumeFromMunicipalityClientRole",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::222222222222:root" },
            Action: "sts:AssumeRole",
            Condition: { ArnEquals: { "aws:PrincipalArn": CLIENT } },
          },
        ],
      });
    });

    it("adds sts:ExternalId and the STS endpoint lock under one StringEquals", () => {
      const doc = invokeRoleTrustPolicy({
        municipalityAccountId: "222222222222",
        clientRoleArn: CLIENT,
        externalId: "sapporo-poc",
        stsEndpointId: "vpce-0123456789abcdef0",
      });
      deepStrictEqual(doc.Statement[0].Condition, {
        ArnEquals: { "aws:PrincipalArn": CLIENT },
        StringEquals: { "sts:ExternalId": "sapporo-poc", "aws:SourceVpce": "vpce-0123456789abcdef0" },
      });
    });
  });

  describe("operator invoke role identity policy", () => {
    it("metered: the municipality's application profile, and the model and JP profile only through it", () => {
      const own = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/aaaaaaaaaaaa";
      const through = { StringEquals: { "bedrock:InferenceProfileArn": own } };
      deepStrictEqual(invokeRolePolicy({ ...target, applicationProfileArn: own }), {
        Version: "2012-10-17",
        Statement: [
          { Sid: "InvokeMunicipalityApplicationProfile", Effect: "Allow", Action: INVOKE, Resource: own },
          {
            Sid: "InvokeFoundationModelOnlyThroughApplicationProfile",
            Effect: "Allow",
            Action: INVOKE,
            Resource: [FM_TOKYO, FM_OSAKA],
            Condition: through,
          },
          {
            Sid: "InvokeJapanProfileOnlyThroughApplicationProfile",
            Effect: "Allow",
            Action: INVOKE,
            Resource: PROFILE_ARN,
            Condition: through,
          },
        ],
      });
    });

    it("allows the JP profile, and its models in every destination region only through it", () => {
      deepStrictEqual(invokeRolePolicy(target), {
        Version: "2012-10-17",
        Statement: [
          { Sid: "InvokeJapanInferenceProfile", Effect: "Allow", Action: INVOKE, Resource: PROFILE_ARN },
          {
            Sid: "InvokeFoundationModelOnlyThroughJapanProfile",
            Effect: "Allow",
            Action: INVOKE,
            Resource: [FM_TOKYO, FM_OSAKA],
            Condition: { StringEquals: { "bedrock:InferenceProfileArn": PROFILE_ARN } },
          },
        ],
      });
    });

    it("denies all of bedrock outside the municipality endpoint once the endpoint is known", () => {
      const doc = invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: "vpce-0123456789abcdef0" });
      strictEqual(doc.Statement.length, 3);
      deepStrictEqual(doc.Statement[2], {
        Sid: "DenyBedrockOutsideMunicipalityEndpoint",
        Effect: "Deny",
        Action: "bedrock:*",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } },
      });
    });

    it("grants no wildcard action or resource in any Allow", () => {
      for (const statement of invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: "vpce-0123456789abcdef0" })
        .Statement) {
        if (statement.Effect !== "Allow") continue;
        strictEqual(statement.NotAction, undefined);
        for (const action of [statement.Action ?? []].flat()) strictEqual(action.includes("*"), false, action);
        for (const resource of [statement.Resource].flat())
          strictEqual(String(resource).includes("*"), false, resource);
      }
    });
  });

  describe("municipality client role", () => {
    it("is assumable by EC2 (and Lambda when asked) and may only assume the operator role", () => {
      deepStrictEqual(clientRoleTrustPolicy(["ec2.amazonaws.com"]).Statement, [
        {
          Sid: "WorkloadsInTheClosedVpc",
          Effect: "Allow",
          Principal: { Service: "ec2.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ]);
      deepStrictEqual(clientRoleTrustPolicy(["ec2.amazonaws.com", "lambda.amazonaws.com"]).Statement[0].Principal, {
        Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"],
      });
      deepStrictEqual(clientRolePolicy(OPERATOR).Statement, [
        { Sid: "AssumeOperatorInvokeRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: OPERATOR },
      ]);
    });
  });

  describe("endpoint policies", () => {
    it("bedrock-runtime: only the operator role, only invoke (and its own guardrails), only the profile and its models", () => {
      deepStrictEqual(bedrockRuntimeEndpointPolicy({ ...target, operatorRoleArn: OPERATOR }).Statement, [
        {
          Sid: "OperatorRoleInvokesJapanProfileOnly",
          Effect: "Allow",
          Principal: "*",
          Action: INVOKE,
          // The operator account's application profiles (metering): their ids exist only after its up.
          Resource: [
            PROFILE_ARN,
            "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/*",
            FM_TOKYO,
            FM_OSAKA,
          ],
          Condition: { ArnEquals: { "aws:PrincipalArn": OPERATOR } },
        },
        {
          Sid: "OperatorRoleAppliesOperatorGuardrails",
          Effect: "Allow",
          Principal: "*",
          Action: "bedrock:ApplyGuardrail",
          Resource: "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/*",
          Condition: { ArnEquals: { "aws:PrincipalArn": OPERATOR } },
        },
      ]);
    });

    it("sts: the client role assumes the operator role only; both may ask who they are", () => {
      deepStrictEqual(stsEndpointPolicy({ clientRoleArn: CLIENT, operatorRoleArn: OPERATOR }).Statement, [
        {
          Sid: "ClientRoleAssumesOperatorRoleOnly",
          Effect: "Allow",
          Principal: "*",
          Action: "sts:AssumeRole",
          Resource: OPERATOR,
          Condition: { ArnEquals: { "aws:PrincipalArn": CLIENT } },
        },
        {
          Sid: "CallerIdentityForTheLandingZoneRoles",
          Effect: "Allow",
          Principal: "*",
          Action: "sts:GetCallerIdentity",
          Resource: "*",
          Condition: { ArnEquals: { "aws:PrincipalArn": [CLIENT, OPERATOR] } },
        },
      ]);
    });

    it("codeartifact: token for the domain, read on the repository, bearer token; client role only", () => {
      const domainArn = codeArtifactDomainArn("ap-northeast-1", "222222222222", "bedrock-lz");
      const repositoryArn = codeArtifactRepositoryArn("ap-northeast-1", "222222222222", "bedrock-lz", "pypi");
      strictEqual(domainArn, "arn:aws:codeartifact:ap-northeast-1:222222222222:domain/bedrock-lz");
      strictEqual(repositoryArn, "arn:aws:codeartifact:ap-northeast-1:222222222222:repository/bedrock-lz/pypi");
      const only = { ArnEquals: { "aws:PrincipalArn": CLIENT } };
      deepStrictEqual(codeArtifactEndpointPolicy({ clientRoleArn: CLIENT, domainArn, repositoryArn }).Statement, [
        {
          Sid: "ClientRoleGetsTokenForDomain",
          Effect: "Allow",
          Principal: "*",
          Action: "codeartifact:GetAuthorizationToken",
          Resource: domainArn,
          Condition: only,
        },
        {
          Sid: "ClientRoleReadsRepository",
          Effect: "Allow",
          Principal: "*",
          Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
          Resource: repositoryArn,
          Condition: only,
        },
        {
          Sid: "ClientRoleGetsServiceBearerToken",
          Effect: "Allow",
          Principal: "*",
          Action: "sts:GetServiceBearerToken",
          Resource: "*",
          Condition: only,
        },
      ]);
    });

    it("s3 gateway: unsigned GetObject on the AL2023 repository buckets of the region only", () => {
      deepStrictEqual(s3GatewayEndpointPolicy("ap-northeast-1").Statement, [
        {
          Sid: "AmazonLinux2023RepositoriesOnly",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: ["arn:aws:s3:::al2023-repos-ap-northeast-1-de612dc2/*", "arn:aws:s3:::al2023-ap-northeast-1/*"],
        },
      ]);
    });

    it("keys every endpoint of the catalog, both CodeArtifact endpoints sharing one document", () => {
      const all = municipalityEndpointPolicies({
        ...target,
        operatorRoleArn: OPERATOR,
        clientRoleArn: CLIENT,
        codeArtifactDomainArn: "arn:d",
        codeArtifactRepositoryArn: "arn:r",
      });
      deepStrictEqual(Object.keys(all).sort(), [
        "bedrock-runtime",
        "codeartifact.api",
        "codeartifact.repositories",
        "ec2messages",
        "s3",
        "ssm",
        "ssmmessages",
        "sts",
      ]);
      deepStrictEqual(all["codeartifact.api"], all["codeartifact.repositories"]);
      // Both CodeArtifact endpoints carry the client's own domain and repository, not an empty policy.
      deepStrictEqual(
        all["codeartifact.api"],
        codeArtifactEndpointPolicy({ clientRoleArn: CLIENT, domainArn: "arn:d", repositoryArn: "arn:r" }),
      );
    });
  });

  describe("ARNs", () => {
    it("reads the account of a role ARN and rejects other strings", () => {
      strictEqual(iamRoleArn("111111111111", "x"), "arn:aws:iam::111111111111:role/x");
      strictEqual(accountIdOfArn(OPERATOR), "111111111111");
      throws(() => accountIdOfArn("not-an-arn"), /cannot read an account id/);
    });
  });
});
