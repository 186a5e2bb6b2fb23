import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  DEFAULT_INFERENCE_PROFILE_ID,
  INFERENCE_PROFILE_CATALOG,
  JAPAN_PROFILE_PREFIX,
  JAPAN_REGIONS,
  lookupInferenceProfile,
} from "../../infra/catalog";
import { ENDPOINT_CATALOG, ENDPOINT_KEYS, PACKAGE_ENDPOINT_KEYS, endpointServiceName } from "../../infra/endpoints";
import { policyDocument, policySize } from "../../infra/iam/document";
import { MODEL_AGREEMENT_OFFER_TYPE, firstCallEndpointPolicy, useCaseFormData } from "../../infra/model-access";
import { PROJECT, clientRoleName, defaultTags, invokeRoleName } from "../../infra/naming";

describe("names both accounts agree on (infra/naming.ts)", () => {
  it("derives the role names from the municipality, and tags every resource with its stack", () => {
    strictEqual(PROJECT, "bedrock-lz");
    strictEqual(clientRoleName("sapporo"), "bedrock-lz-client-sapporo");
    strictEqual(invokeRoleName("sapporo"), "bedrock-lz-invoke-sapporo");
    deepStrictEqual(defaultTags("operator", "prod", {}), {
      Project: "bedrock-lz",
      Account: "operator",
      Stack: "prod",
      ManagedBy: "pulumi",
    });
    deepStrictEqual(defaultTags("municipality", "sapporo", { CostCenter: "42", Stack: "own" }), {
      Project: "bedrock-lz",
      Account: "municipality",
      Stack: "own",
      ManagedBy: "pulumi",
      CostCenter: "42",
    });
  });
});

describe("inference profiles (infra/catalog.ts)", () => {
  it("lists only jp. profiles, routing to Tokyo and Osaka and called from either", () => {
    deepStrictEqual(JAPAN_REGIONS, ["ap-northeast-1", "ap-northeast-3"]);
    strictEqual(JAPAN_PROFILE_PREFIX, "jp.");
    deepStrictEqual(INFERENCE_PROFILE_CATALOG, {
      "jp.anthropic.claude-haiku-4-5-20251001-v1:0": {
        modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
        displayName: "Claude Haiku 4.5 (JP cross-region)",
        destinationRegions: ["ap-northeast-1", "ap-northeast-3"],
        sourceRegions: ["ap-northeast-1", "ap-northeast-3"],
      },
      "jp.anthropic.claude-sonnet-4-5-20250929-v1:0": {
        modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
        displayName: "Claude Sonnet 4.5 (JP cross-region)",
        destinationRegions: ["ap-northeast-1", "ap-northeast-3"],
        sourceRegions: ["ap-northeast-1", "ap-northeast-3"],
      },
    });
    strictEqual(DEFAULT_INFERENCE_PROFILE_ID, "jp.anthropic.claude-haiku-4-5-20251001-v1:0");
  });

  it("looks a profile up with its id, and finds nothing for an unknown id or an object's own keys", () => {
    deepStrictEqual(lookupInferenceProfile("jp.anthropic.claude-sonnet-4-5-20250929-v1:0"), {
      id: "jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
      ...INFERENCE_PROFILE_CATALOG["jp.anthropic.claude-sonnet-4-5-20250929-v1:0"],
    });
    strictEqual(lookupInferenceProfile("apac.anthropic.claude-haiku-4-5-20251001-v1:0"), undefined);
    strictEqual(lookupInferenceProfile("toString"), undefined);
    strictEqual(lookupInferenceProfile("__proto__"), undefined);
  });
});

describe("VPC endpoints (infra/endpoints.ts)", () => {
  it("knows each endpoint's kind, default and purpose, in the order the plan lists them", () => {
    deepStrictEqual(ENDPOINT_KEYS, [
      "bedrock-runtime",
      "sts",
      "codeartifact.api",
      "codeartifact.repositories",
      "s3",
      "ssm",
      "ssmmessages",
      "ec2messages",
    ]);
    deepStrictEqual(ENDPOINT_CATALOG, {
      "bedrock-runtime": {
        kind: "Interface",
        enabledByDefault: true,
        purpose: "InvokeModel / Converse with the operator role's credentials",
      },
      sts: {
        kind: "Interface",
        enabledByDefault: true,
        purpose: "AssumeRole into the operator account (regional STS hostname)",
      },
      "codeartifact.api": {
        kind: "Interface",
        enabledByDefault: false,
        purpose: "aws codeartifact login (authorization token, repository endpoint)",
      },
      "codeartifact.repositories": {
        kind: "Interface",
        enabledByDefault: false,
        purpose: "pip install from the CodeArtifact PyPI mirror",
      },
      s3: {
        kind: "Gateway",
        enabledByDefault: true,
        purpose: "dnf install from the Amazon Linux 2023 repositories (free gateway endpoint)",
      },
      ssm: {
        kind: "Interface",
        enabledByDefault: false,
        purpose: "Session Manager: SSM Agent registers the instance (UpdateInstanceInformation)",
      },
      ssmmessages: {
        kind: "Interface",
        enabledByDefault: false,
        purpose: "Session Manager: the shell's control and data channels",
      },
      ec2messages: {
        kind: "Interface",
        enabledByDefault: false,
        purpose: "Session Manager: message polling for SSM Agent older than 3.3.40.0",
      },
    });
    deepStrictEqual(PACKAGE_ENDPOINT_KEYS, ["codeartifact.api", "codeartifact.repositories"]);
    strictEqual(
      endpointServiceName("ap-northeast-3", "codeartifact.api"),
      "com.amazonaws.ap-northeast-3.codeartifact.api",
    );
  });
});

describe("model access (infra/model-access.ts)", () => {
  it("serialises the use-case form with the console's field names in a fixed order", () => {
    const form = {
      useCases: "chat",
      otherIndustryOption: "",
      industryOption: "Government",
      intendedUsers: "0" as const,
      companyWebsite: "https://www.city.example.jp",
      companyName: "Example City",
    };
    strictEqual(
      useCaseFormData(form),
      '{"companyName":"Example City","companyWebsite":"https://www.city.example.jp","intendedUsers":"0",' +
        '"industryOption":"Government","otherIndustryOption":"","useCases":"chat"}',
    );
    strictEqual(MODEL_AGREEMENT_OFFER_TYPE, "PUBLIC");
  });

  it("the first-call endpoint admits the operator account's invocations of the JP profile and its models only", () => {
    const target = {
      profile: lookupInferenceProfile(DEFAULT_INFERENCE_PROFILE_ID)!,
      region: "ap-northeast-1",
      operatorAccountId: "111111111111",
    };
    deepStrictEqual(firstCallEndpointPolicy(target), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "OperatorAccountInvokesJapanProfileOnly",
          Effect: "Allow",
          Principal: "*",
          Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
          Resource: [
            "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-haiku-4-5-20251001-v1:0",
            "arn:aws:bedrock:ap-northeast-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
            "arn:aws:bedrock:ap-northeast-3::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
          ],
          Condition: { StringEquals: { "aws:PrincipalAccount": "111111111111" } },
        },
      ],
    });
  });
});

describe("policy documents (infra/iam/document.ts)", () => {
  it("wraps statements in the 2012-10-17 grammar and measures the compact JSON", () => {
    const statement = { Effect: "Allow" as const, Action: "s3:GetObject", Resource: "*" };
    deepStrictEqual(policyDocument(), { Version: "2012-10-17", Statement: [] });
    deepStrictEqual(policyDocument(statement, statement), { Version: "2012-10-17", Statement: [statement, statement] });
    strictEqual(
      policySize(policyDocument(statement)),
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'.length,
    );
  });
});
