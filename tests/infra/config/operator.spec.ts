import { strict as assert } from "node:assert";
import { CLOUDWATCH_RETENTION_DAYS, ConfigError, type OperatorConfig, parseStackConfig } from "../../../infra/config";

const base = {
  account: "operator",
  region: "ap-northeast-1",
  accountId: "111111111111",
  municipalities: { sapporo: { accountId: "222222222222" } },
};

function parseOperator(extra: Record<string, unknown>): OperatorConfig {
  const cfg = parseStackConfig({ ...base, ...extra });
  assert.equal(cfg.account, "operator");
  return cfg as OperatorConfig;
}

function problemsOf(extra: Record<string, unknown>): { key: string; message: string }[] {
  try {
    parseStackConfig({ ...base, ...extra });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return [...error.problems];
  }
  assert.fail("expected a ConfigError");
}

const form = {
  companyName: "Example Systems K.K.",
  companyWebsite: "https://www.example.co.jp",
  intendedUsers: "1",
  industryOption: "Government",
  useCases: "自治体職員向けの文書要約",
};

describe("operator feature config", () => {
  it("defaults: logging on (365 days, STANDARD_IA after 30), no protect, model access and guardrail off", () => {
    const cfg = parseOperator({});
    assert.deepEqual(cfg.invocationLogging, {
      logGroupName: "/bedrock-lz/bedrock-model-invocations",
      retentionInDays: 365,
      bucketName: "bedrock-lz-invocation-logs-111111111111-ap-northeast-1",
      keyPrefix: "bedrock-invocation-logs",
      archiveStorageClass: "STANDARD_IA",
      archiveAfterDays: 30,
      imageDataDelivery: false,
      embeddingDataDelivery: false,
      cloudTrail: false,
    });
    assert.deepEqual(cfg.dataSafety, { protect: false });
    assert.equal(cfg.modelAccess, undefined);
    assert.equal(cfg.guardrail, undefined);
    assert.equal(cfg.firstCallNetwork, undefined);
  });

  it("modelAccess.firstCallNetwork: one AZ of a fixed, unpeered block, in the stack's region", () => {
    assert.deepEqual(parseOperator({ modelAccess: { firstCallNetwork: true } }).firstCallNetwork, {
      cidrBlock: "10.255.255.0/24",
      availabilityZones: ["ap-northeast-1a"],
    });
    assert.deepEqual(
      parseOperator({ region: "ap-northeast-3", modelAccess: { firstCallNetwork: true } }).firstCallNetwork
        ?.availabilityZones,
      ["ap-northeast-3a"],
    );
    assert.deepEqual(problemsOf({ modelAccess: { firstCallNetwork: "yes" } }), [
      { key: "bedrock-lz:modelAccess.firstCallNetwork", message: "must be true or false" },
    ]);
  });

  it("accepts every CloudWatch retention value and an explicit bucket name", () => {
    for (const days of CLOUDWATCH_RETENTION_DAYS) {
      assert.equal(
        parseOperator({ invocationLogging: { retentionInDays: days } }).invocationLogging?.retentionInDays,
        days,
      );
    }
    const cfg = parseOperator({
      invocationLogging: {
        bucketName: "my-audit-logs",
        archiveStorageClass: "INTELLIGENT_TIERING",
        archiveAfterDays: 0,
      },
    });
    assert.equal(cfg.invocationLogging?.bucketName, "my-audit-logs");
    assert.equal(cfg.invocationLogging?.archiveAfterDays, 0);
  });

  it("turns logging off entirely", () => {
    assert.equal(parseOperator({ invocationLogging: { enabled: false } }).invocationLogging, undefined);
  });

  it("rejects a retention CloudWatch does not accept, naming the key and the allowed values", () => {
    assert.deepEqual(problemsOf({ invocationLogging: { retentionInDays: 366 } }), [
      {
        key: "bedrock-lz:invocationLogging.retentionInDays",
        message:
          "366 is not a retention CloudWatch Logs accepts; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      },
    ]);
    assert.equal(
      problemsOf({ invocationLogging: { retentionInDays: "365" } })[0].key,
      "bedrock-lz:invocationLogging.retentionInDays",
    );
  });

  it("rejects a STANDARD_IA transition before 30 days and an unknown storage class", () => {
    assert.deepEqual(problemsOf({ invocationLogging: { archiveAfterDays: 7 } }), [
      {
        key: "bedrock-lz:invocationLogging.archiveAfterDays",
        message: "must be at least 30 for STANDARD_IA (an S3 rule); use INTELLIGENT_TIERING for earlier moves",
      },
    ]);
    assert.deepEqual(problemsOf({ invocationLogging: { archiveStorageClass: "GLACIER" } }), [
      {
        key: "bedrock-lz:invocationLogging.archiveStorageClass",
        message: "must be STANDARD_IA or INTELLIGENT_TIERING",
      },
    ]);
  });

  it("rejects a misspelt logging key and a bad bucket name", () => {
    assert.deepEqual(
      problemsOf({ invocationLogging: { retentionDays: 365 } }).map((p) => p.key),
      ["bedrock-lz:invocationLogging.retentionDays"],
    );
    assert.deepEqual(
      problemsOf({ invocationLogging: { bucketName: "Has_Upper" } }).map((p) => p.key),
      ["bedrock-lz:invocationLogging.bucketName"],
    );
  });

  it("rejects a CloudTrail trail without invocation logging (it writes to the log bucket)", () => {
    assert.deepEqual(problemsOf({ invocationLogging: { enabled: false, cloudTrail: true } }), [
      {
        key: "bedrock-lz:invocationLogging.cloudTrail",
        message: "needs invocationLogging.enabled: true (the trail writes to its KMS-encrypted bucket)",
      },
    ]);
    assert.equal(parseOperator({ invocationLogging: { cloudTrail: true } }).invocationLogging?.cloudTrail, true);
  });

  it("rejects guardrail enforcement without a guardrail", () => {
    assert.deepEqual(problemsOf({ guardrail: { enforceOnInvokeRoles: true } }), [
      {
        key: "bedrock-lz:guardrail.enforceOnInvokeRoles",
        message:
          "needs a guardrail to enforce: set guardrail.enabled: true (with at least one filter), or turn enforcement off",
      },
    ]);
  });

  it("rejects an enabled guardrail without any policy, and PROMPT_ATTACK on answers", () => {
    assert.deepEqual(problemsOf({ guardrail: { enabled: true } }), [
      {
        key: "bedrock-lz:guardrail.enabled",
        message: "a guardrail needs at least one of contentFilters, deniedTopics, piiEntities or piiRegexes",
      },
    ]);
    assert.deepEqual(
      problemsOf({
        guardrail: {
          enabled: true,
          contentFilters: { PROMPT_ATTACK: { inputStrength: "HIGH", outputStrength: "HIGH" } },
        },
      }),
      [
        {
          key: "bedrock-lz:guardrail.contentFilters.PROMPT_ATTACK.outputStrength",
          message: "must be NONE: Bedrock applies the prompt-attack filter to prompts only",
        },
      ],
    );
  });

  it("rejects an unknown content filter type, PII type and a non-ASCII topic name", () => {
    const problems = problemsOf({
      guardrail: {
        enabled: true,
        contentFilters: { SPAM: { inputStrength: "HIGH", outputStrength: "HIGH" } },
        piiEntities: { MY_NUMBER: "BLOCK" },
        deniedTopics: { 投資助言: { definition: "x" } },
      },
    });
    assert.deepEqual(
      problems.map((p) => p.key),
      [
        "bedrock-lz:guardrail.contentFilters.SPAM",
        "bedrock-lz:guardrail.deniedTopics.投資助言",
        "bedrock-lz:guardrail.piiEntities.MY_NUMBER",
      ],
    );
    assert.equal(
      problems[0].message,
      "is not a content filter type; use one of SEXUAL, VIOLENCE, HATE, INSULTS, MISCONDUCT, PROMPT_ATTACK",
    );
    assert.equal(
      problems[1].message,
      "map key must be a topic name of 1-100 ASCII letters, digits and -_ !?. (a Bedrock rule)",
    );
    assert.match(problems[2].message, /^is not a PII entity type; use one of ADDRESS, AGE, /);
  });

  it("resolves an enforced guardrail with Japanese messages by default", () => {
    const cfg = parseOperator({
      guardrail: {
        enabled: true,
        enforceOnInvokeRoles: true,
        piiEntities: { EMAIL: "ANONYMIZE" },
        deniedTopics: { "investment-advice": { definition: "個別銘柄の売買推奨", examples: ["どの株を買うべき?"] } },
      },
    });
    assert.deepEqual(cfg.guardrail, {
      enforceOnInvokeRoles: true,
      blockedInputMessaging: "申し訳ありません。この入力は利用ポリシーにより処理できません。",
      blockedOutputsMessaging: "申し訳ありません。この回答は利用ポリシーにより表示できません。",
      contentFilters: {},
      deniedTopics: { "investment-advice": { definition: "個別銘柄の売買推奨", examples: ["どの株を買うべき?"] } },
      piiEntities: { EMAIL: "ANONYMIZE" },
      piiRegexes: {},
    });
  });

  it("model access needs the use-case form when enabled", () => {
    assert.deepEqual(problemsOf({ modelAccess: { enabled: true } }), [
      {
        key: "bedrock-lz:modelAccess.useCaseForm",
        message:
          "is required when modelAccess.enabled is true: { companyName, companyWebsite, intendedUsers, industryOption, useCases }",
      },
    ]);
    assert.deepEqual(parseOperator({ modelAccess: { enabled: true, useCaseForm: form } }).modelAccess, {
      useCaseForm: { ...form, otherIndustryOption: "" },
    });
    assert.equal(parseOperator({ modelAccess: { enabled: false, useCaseForm: form } }).modelAccess, undefined);
  });

  it("rejects a bad use-case form field and an unquoted intendedUsers", () => {
    assert.deepEqual(
      problemsOf({
        modelAccess: { enabled: true, useCaseForm: { ...form, companyWebsite: "example", intendedUsers: 1 } },
      }).map((p) => p.key),
      ["bedrock-lz:modelAccess.useCaseForm.companyWebsite", "bedrock-lz:modelAccess.useCaseForm.intendedUsers"],
    );
  });

  it("rejects a model that is not in the catalog", () => {
    const problems = problemsOf({ inferenceProfileId: "jp.anthropic.claude-opus-9-v1:0" });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].key, "bedrock-lz:inferenceProfileId");
    assert.match(problems[0].message, /^unknown inference profile "jp\.anthropic\.claude-opus-9-v1:0"; the catalog/);
  });

  it("dataSafety.protect must be a boolean", () => {
    assert.equal(parseOperator({ dataSafety: { protect: true } }).dataSafety.protect, true);
    assert.deepEqual(problemsOf({ dataSafety: { protect: "yes" } }), [
      { key: "bedrock-lz:dataSafety.protect", message: "must be true or false" },
    ]);
  });
});
