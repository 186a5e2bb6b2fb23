import { strict as assert } from "node:assert";
import { invocationLogBucketPolicy, invocationLogKeyPolicy } from "../../infra/logging-policies";
import { type ProgramRun, fakeId } from "../../harness/mock-engine";
import { named as resource, runWithConfig, fixtureConfig, withConfig } from "../support";

const ACCOUNT = "111111111111";
const BUCKET = "bedrock-lz-invocation-logs-111111111111-ap-northeast-1";
const LOG_GROUP = "/bedrock-lz/bedrock-model-invocations";
const KEY_ARN = "arn:aws:kms:ap-northeast-1:111111111111:key/invocation-logging-key-key-id";
const TARGET = {
  region: "ap-northeast-1",
  accountId: ACCOUNT,
  logGroupName: LOG_GROUP,
  bucketName: BUCKET,
  keyPrefix: "bedrock-invocation-logs",
};

/** The shipped operator config with some `bedrock-lz:` keys replaced. */
function run(overrides: Record<string, unknown> = {}): Promise<ProgramRun> {
  const changes = Object.fromEntries(Object.entries(overrides).map(([key, value]) => [`bedrock-lz:${key}`, value]));
  return runWithConfig("operator", withConfig(fixtureConfig("operator"), changes));
}

const json = (value: unknown) => JSON.parse(value as string);

const ENFORCEMENT = [
  {
    Sid: "ApplyEnforcedGuardrail",
    Effect: "Allow",
    Action: "bedrock:ApplyGuardrail",
    Resource: "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/guardrail-guardrail-gr-id",
  },
  {
    Sid: "DenyInvokeWithoutEnforcedGuardrail",
    Effect: "Deny",
    Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
    Resource: "*",
    Condition: {
      StringNotEquals: {
        "bedrock:GuardrailIdentifier":
          "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/guardrail-guardrail-gr-id:1",
      },
    },
  },
];

describe("operator stack: production features under mocks", () => {
  describe("with the sample config (invocation logging on by default)", () => {
    let result: ProgramRun;
    before(async () => {
      result = await run();
    });

    it("declares the logging children under one component and nothing for the optional features", () => {
      const children = result.resources
        .filter((r) => r.parent === "invocation-logging")
        .map((r) => `${r.type} ${r.name}`);
      assert.deepEqual(children.sort(), [
        "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration invocation-logging-configuration",
        "aws:cloudwatch/logGroup:LogGroup invocation-logging-log-group",
        "aws:iam/role:Role invocation-logging-role",
        "aws:iam/rolePolicy:RolePolicy invocation-logging-role-policy",
        "aws:kms/alias:Alias invocation-logging-key-alias",
        "aws:kms/key:Key invocation-logging-key",
        "aws:s3/bucket:Bucket invocation-logging-bucket",
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration invocation-logging-bucket-lifecycle",
        "aws:s3/bucketPolicy:BucketPolicy invocation-logging-bucket-policy",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock invocation-logging-bucket-public-access-block",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration invocation-logging-bucket-encryption",
        "aws:s3/bucketVersioning:BucketVersioning invocation-logging-bucket-versioning",
      ]);
      const types = result.resources.map((r) => r.type);
      for (const absent of [
        "aws:bedrock/guardrail:Guardrail",
        "aws:bedrock/useCaseForModelAccess:UseCaseForModelAccess",
        "aws:bedrockfoundation/modelAgreement:ModelAgreement",
      ]) {
        assert.ok(!types.includes(absent), absent);
      }
    });

    it("key: rotation, 30-day deletion window, the exact key policy", () => {
      const key = resource(result, "invocation-logging-key").inputs;
      assert.equal(key.enableKeyRotation, true);
      assert.equal(key.deletionWindowInDays, 30);
      const policy = json(key.policy);
      assert.deepEqual(policy, invocationLogKeyPolicy(TARGET));
      assert.deepEqual(policy.Statement[1], {
        Sid: "CloudWatchLogsEncryptsTheInvocationLogGroupOnly",
        Effect: "Allow",
        Principal: { Service: "logs.ap-northeast-1.amazonaws.com" },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnEquals: {
            "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:ap-northeast-1:111111111111:log-group:${LOG_GROUP}`,
          },
        },
      });
      assert.deepEqual(resource(result, "invocation-logging-key-alias").inputs, {
        name: "alias/bedrock-lz/invocation-logs-ap-northeast-1",
        targetKeyId: "invocation-logging-key-key-id",
      });
    });

    it("log group: encrypted with the key, 365-day retention", () => {
      assert.deepEqual(resource(result, "invocation-logging-log-group").inputs, {
        name: LOG_GROUP,
        kmsKeyId: KEY_ARN,
        retentionInDays: 365,
      });
    });

    it("bucket: SSE-KMS with the key, versioning, public access blocked, lifecycle, exact policy", () => {
      assert.deepEqual(resource(result, "invocation-logging-bucket").inputs, { bucket: BUCKET });
      assert.deepEqual(resource(result, "invocation-logging-bucket-versioning").inputs, {
        bucket: "invocation-logging-bucket-id",
        versioningConfiguration: { status: "Enabled" },
      });
      assert.deepEqual(resource(result, "invocation-logging-bucket-encryption").inputs, {
        bucket: "invocation-logging-bucket-id",
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
            bucketKeyEnabled: true,
          },
        ],
      });
      assert.deepEqual(resource(result, "invocation-logging-bucket-public-access-block").inputs, {
        bucket: "invocation-logging-bucket-id",
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      assert.deepEqual(resource(result, "invocation-logging-bucket-lifecycle").inputs, {
        bucket: "invocation-logging-bucket-id",
        rules: [
          {
            id: "archive-invocation-logs",
            status: "Enabled",
            filter: { prefix: "bedrock-invocation-logs/" },
            transitions: [{ days: 30, storageClass: "STANDARD_IA" }],
            noncurrentVersionTransitions: [{ noncurrentDays: 30, storageClass: "STANDARD_IA" }],
          },
          {
            id: "abort-incomplete-multipart-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      });
      const policy = resource(result, "invocation-logging-bucket-policy").inputs;
      assert.equal(policy.bucket, "invocation-logging-bucket-id");
      assert.deepEqual(json(policy.policy), invocationLogBucketPolicy(TARGET));
      assert.deepEqual(json(policy.policy).Statement[1], {
        Sid: "AmazonBedrockLogsWrite",
        Effect: "Allow",
        Principal: { Service: "bedrock.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${BUCKET}/bedrock-invocation-logs/AWSLogs/111111111111/BedrockModelInvocationLogs/*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": "arn:aws:bedrock:ap-northeast-1:111111111111:*" },
        },
      });
    });

    it("logging role and the logging configuration (text on, image and embeddings off)", () => {
      const role = resource(result, "invocation-logging-role").inputs;
      assert.equal(role.name, "bedrock-lz-invocation-logging-ap-northeast-1");
      assert.deepEqual(json(role.assumeRolePolicy).Statement[0].Condition, {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": "arn:aws:bedrock:ap-northeast-1:111111111111:*" },
      });
      assert.deepEqual(json(resource(result, "invocation-logging-role-policy").inputs.policy).Statement, [
        {
          Sid: "WriteInvocationLogGroupOnly",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `arn:aws:logs:ap-northeast-1:111111111111:log-group:${LOG_GROUP}:*`,
        },
      ]);
      assert.deepEqual(resource(result, "invocation-logging-configuration").inputs, {
        loggingConfig: {
          textDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: false,
          embeddingDataDeliveryEnabled: false,
          cloudwatchConfig: {
            logGroupName: LOG_GROUP,
            roleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invocation-logging-ap-northeast-1",
          },
          s3Config: { bucketName: "invocation-logging-bucket-id", keyPrefix: "bedrock-invocation-logs" },
        },
      });
    });

    it("retains the key, log group, bucket and the bucket's guards; replaces create-first; no protect by default", () => {
      const retained = [
        "invocation-logging-key",
        "invocation-logging-key-alias",
        "invocation-logging-log-group",
        "invocation-logging-bucket",
        "invocation-logging-bucket-public-access-block",
        "invocation-logging-bucket-versioning",
        "invocation-logging-bucket-encryption",
        "invocation-logging-bucket-lifecycle",
        "invocation-logging-bucket-policy",
      ];
      for (const name of retained) {
        const { protect, retainOnDelete, deleteBeforeReplace } = resource(result, name).options;
        assert.deepEqual(
          { name, protect, retainOnDelete, deleteBeforeReplace },
          { name, protect: false, retainOnDelete: true, deleteBeforeReplace: false },
        );
      }
      // What only acts (the role, the account-wide configuration) goes away with the stack.
      for (const name of [
        "invocation-logging-role",
        "invocation-logging-role-policy",
        "invocation-logging-configuration",
      ]) {
        assert.equal(resource(result, name).options.retainOnDelete, false, name);
      }
    });

    it("puts the logging configuration after its destinations and their policies", () => {
      const dependencies = resource(result, "invocation-logging-configuration").options.dependencies;
      for (const name of [
        "invocation-logging-bucket",
        "invocation-logging-bucket-encryption",
        "invocation-logging-bucket-policy",
        "invocation-logging-log-group",
        "invocation-logging-role",
        "invocation-logging-role-policy",
      ]) {
        assert.ok(dependencies.includes(name), `${name} in ${dependencies.join(", ")}`);
      }
      assert.ok(
        resource(result, "invocation-logging-bucket-policy").options.dependencies.includes(
          "invocation-logging-bucket-public-access-block",
        ),
      );
      assert.ok(
        resource(result, "invocation-logging-log-group").options.dependencies.includes("invocation-logging-key"),
      );
    });

    it("leaves the invoke role policies without guardrail statements", () => {
      const sids = json(resource(result, "invoke-sapporo-invoke").inputs.policy).Statement.map(
        (s: { Sid: string }) => s.Sid,
      );
      assert.deepEqual(sids, ["InvokeJapanInferenceProfile", "InvokeFoundationModelOnlyThroughJapanProfile"]);
    });

    it("exports the names auditors need, null for features that are off", () => {
      const { outputs } = result;
      assert.equal(outputs.invocationLogGroupName, LOG_GROUP);
      assert.equal(outputs.invocationLogBucketName, BUCKET);
      assert.equal(outputs.invocationLogKeyArn, KEY_ARN);
      assert.equal(outputs.guardrailId, null);
      assert.equal(outputs.guardrailVersion, null);
      assert.equal(outputs.guardrailEnforced, false);
      assert.equal(outputs.modelAgreementModelId, null);
      assert.equal(outputs.auditTrailArn, null);
      assert.equal(outputs.firstCallNetwork, null);
      assert.ok(!result.resources.some((r) => r.name.startsWith("first-call")));
      assert.ok(!result.resources.some((r) => r.type === "aws:cloudtrail/trail:Trail"));
    });
  });

  it("dataSafety.protect adds protect to the key, log group and bucket only", async () => {
    const result = await run({ dataSafety: { protect: true } });
    const protectedNames = result.resources.filter((r) => r.options.protect).map((r) => r.name);
    assert.deepEqual(protectedNames.sort(), [
      "invocation-logging-bucket",
      "invocation-logging-key",
      "invocation-logging-log-group",
    ]);
  });

  it("invocationLogging.cloudTrail adds a trail to the log bucket and its statements to both policies", async () => {
    const result = await run({ invocationLogging: { cloudTrail: true } });
    const trail = resource(result, "audit-trail-trail");
    assert.equal(trail.parent, "audit-trail");
    assert.deepEqual(trail.inputs, {
      name: "bedrock-lz-audit-ap-northeast-1",
      s3BucketName: BUCKET,
      s3KeyPrefix: "cloudtrail",
      kmsKeyId: KEY_ARN,
      enableLogFileValidation: true,
      includeGlobalServiceEvents: true,
      isMultiRegionTrail: false,
      advancedEventSelectors: [
        {
          name: "Management events, including Bedrock InvokeModel and Converse",
          fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
        },
        {
          name: "Bedrock guardrail evaluations",
          fieldSelectors: [
            { field: "eventCategory", equals: ["Data"] },
            { field: "resources.type", equals: ["AWS::Bedrock::Guardrail"] },
          ],
        },
      ],
    });
    const withTrail = { ...TARGET, trailName: "bedrock-lz-audit-ap-northeast-1" };
    assert.deepEqual(json(resource(result, "invocation-logging-key").inputs.policy), invocationLogKeyPolicy(withTrail));
    assert.deepEqual(
      json(resource(result, "invocation-logging-bucket-policy").inputs.policy),
      invocationLogBucketPolicy(withTrail),
    );
    assert.equal(result.outputs.auditTrailArn, "arn:aws:mock:::aws:cloudtrail/trail:Trail/audit-trail-trail");
    // CloudTrail checks the bucket policy when the trail is created.
    assert.ok(resource(result, "audit-trail-trail").options.dependencies.includes("invocation-logging-bucket-policy"));
  });

  it("invocationLogging.enabled: false declares no logging resources", async () => {
    const result = await run({ invocationLogging: { enabled: false } });
    assert.deepEqual(
      result.resources.filter((r) => r.name.startsWith("invocation-logging")).map((r) => r.name),
      [],
    );
    assert.equal(result.outputs.invocationLogBucketName, null);
  });

  it("passes retention, archive class and delivery toggles through", async () => {
    const result = await run({
      invocationLogging: {
        retentionInDays: 3653,
        archiveStorageClass: "INTELLIGENT_TIERING",
        archiveAfterDays: 0,
        imageDataDelivery: true,
      },
    });
    assert.equal(resource(result, "invocation-logging-log-group").inputs.retentionInDays, 3653);
    const rules = resource(result, "invocation-logging-bucket-lifecycle").inputs.rules as { transitions?: unknown }[];
    assert.deepEqual(rules[0].transitions, [{ days: 0, storageClass: "INTELLIGENT_TIERING" }]);
    const loggingConfig = resource(result, "invocation-logging-configuration").inputs.loggingConfig as Record<
      string,
      unknown
    >;
    assert.equal(loggingConfig.imageDataDeliveryEnabled, true);
    assert.equal(loggingConfig.embeddingDataDeliveryEnabled, false);
  });

  describe("guardrail enabled and enforced", () => {
    let result: ProgramRun;
    before(async () => {
      result = await run({
        guardrail: {
          enabled: true,
          enforceOnInvokeRoles: true,
          contentFilters: {
            HATE: { inputStrength: "HIGH", outputStrength: "HIGH" },
            PROMPT_ATTACK: { inputStrength: "HIGH", outputStrength: "NONE" },
          },
          deniedTopics: {
            "legal-advice": { definition: "個別の法律相談への回答", examples: ["この契約は違法ですか?"] },
          },
          piiEntities: { EMAIL: "ANONYMIZE", PHONE: "ANONYMIZE" },
          piiRegexes: { "my-number": { pattern: "\\b\\d{4}\\s?\\d{4}\\s?\\d{4}\\b", action: "BLOCK" } },
        },
      });
    });

    it("creates the guardrail from config and publishes a version", () => {
      assert.deepEqual(resource(result, "guardrail-guardrail").inputs, {
        name: "bedrock-lz-guardrail",
        description: "bedrock-lz: enforced on every municipality invoke role when enforceOnInvokeRoles is set",
        blockedInputMessaging: "申し訳ありません。この入力は利用ポリシーにより処理できません。",
        blockedOutputsMessaging: "申し訳ありません。この回答は利用ポリシーにより表示できません。",
        contentPolicyConfig: {
          filtersConfigs: [
            { type: "HATE", inputStrength: "HIGH", outputStrength: "HIGH" },
            { type: "PROMPT_ATTACK", inputStrength: "HIGH", outputStrength: "NONE" },
          ],
        },
        topicPolicyConfig: {
          topicsConfigs: [
            {
              name: "legal-advice",
              type: "DENY",
              definition: "個別の法律相談への回答",
              examples: ["この契約は違法ですか?"],
            },
          ],
        },
        sensitiveInformationPolicyConfig: {
          piiEntitiesConfigs: [
            { type: "EMAIL", action: "ANONYMIZE" },
            { type: "PHONE", action: "ANONYMIZE" },
          ],
          regexesConfigs: [{ name: "my-number", pattern: "\\b\\d{4}\\s?\\d{4}\\s?\\d{4}\\b", action: "BLOCK" }],
        },
      });
      const version = resource(result, "guardrail-version");
      assert.equal(version.parent, "guardrail");
      assert.equal(
        version.inputs.guardrailArn,
        "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/guardrail-guardrail-gr-id",
      );
      assert.equal(version.inputs.skipDestroy, true);
      assert.match(version.inputs.description as string, /^Published by pulumi up from configuration [0-9a-f]{12}$/);
      assert.deepEqual(version.options.replaceOnChanges, ["description"]);
    });

    it("every invoke role keeps its statements and gains the exact guardrail condition", async () => {
      const plain = await run();
      for (const municipality of ["sapporo", "hakodate"]) {
        const before = json(resource(plain, `invoke-${municipality}-invoke`).inputs.policy).Statement;
        const after = json(resource(result, `invoke-${municipality}-invoke`).inputs.policy).Statement;
        assert.deepEqual(after, [...before, ...ENFORCEMENT]);
      }
    });

    it("exports the guardrail id, ARN and published version", () => {
      assert.equal(result.outputs.guardrailId, "guardrail-guardrail-gr-id");
      assert.equal(
        result.outputs.guardrailArn,
        "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/guardrail-guardrail-gr-id",
      );
      assert.equal(result.outputs.guardrailVersion, "1");
      assert.equal(result.outputs.guardrailEnforced, true);
    });
  });

  it("a guardrail that is not enforced leaves the invoke roles alone", async () => {
    const result = await run({
      guardrail: { enabled: true, piiEntities: { EMAIL: "ANONYMIZE" } },
    });
    assert.ok(result.resources.some((r) => r.type === "aws:bedrock/guardrail:Guardrail"));
    const sids = json(resource(result, "invoke-sapporo-invoke").inputs.policy).Statement.map(
      (s: { Sid: string }) => s.Sid,
    );
    assert.ok(!sids.includes("DenyInvokeWithoutEnforcedGuardrail"));
    assert.equal(result.outputs.guardrailEnforced, false);
  });

  it("model access: submits the use-case form and accepts the offer of the configured model", async () => {
    const result = await run({
      modelAccess: {
        enabled: true,
        useCaseForm: {
          companyName: "Example Systems K.K.",
          companyWebsite: "https://www.example.co.jp",
          intendedUsers: "1",
          industryOption: "Government",
          useCases: "自治体職員向けの文書要約と問い合わせ対応",
        },
      },
    });
    const useCase = resource(result, "model-access-use-case");
    assert.equal(useCase.parent, "model-access");
    assert.equal(
      useCase.inputs.formData,
      JSON.stringify({
        companyName: "Example Systems K.K.",
        companyWebsite: "https://www.example.co.jp",
        intendedUsers: "1",
        industryOption: "Government",
        otherIndustryOption: "",
        useCases: "自治体職員向けの文書要約と問い合わせ対応",
      }),
    );
    assert.equal(useCase.options.retainOnDelete, true);
    const agreement = resource(result, "model-access-agreement");
    assert.deepEqual(agreement.inputs, {
      modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
      offerToken: "token-anthropic.claude-haiku-4-5-20251001-v1:0",
    });
    assert.deepEqual(agreement.options.ignoreChanges, ["offerToken"]);
    assert.equal(result.outputs.modelAgreementModelId, "anthropic.claude-haiku-4-5-20251001-v1:0");
  });

  it("modelAccess.firstCallNetwork reuses ClosedVpc and VpcEndpoints: one AZ, bedrock-runtime only", async () => {
    const result = await run({ modelAccess: { firstCallNetwork: true } });
    const byParent = (parent: string) =>
      result.resources.filter((r) => r.parent === parent).map((r) => `${r.type} ${r.name}`);
    assert.deepEqual(byParent("first-call").sort(), [
      "aws:ec2/securityGroup:SecurityGroup first-call-client-sg",
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule first-call-client-https-to-endpoints",
      "bedrock-lz:network:ClosedVpc first-call-vpc",
      "bedrock-lz:network:VpcEndpoints first-call-endpoints",
    ]);
    const endpoints = result.resources.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
    assert.deepEqual(
      endpoints.map((r) => r.name),
      ["first-call-endpoints-bedrock-runtime"],
    );
    const endpoint = endpoints[0].inputs;
    assert.equal(endpoint.serviceName, "com.amazonaws.ap-northeast-1.bedrock-runtime");
    assert.equal(endpoint.privateDnsEnabled, true);
    assert.equal((endpoint.subnetIds as string[]).length, 1);
    assert.deepEqual(json(endpoint.policy), {
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
          Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
        },
      ],
    });
    const subnets = result.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet");
    assert.deepEqual(
      subnets.map((r) => [r.inputs.availabilityZone, r.inputs.cidrBlock, r.inputs.mapPublicIpOnLaunch]),
      [["ap-northeast-1a", "10.255.255.0/26", false]],
    );
    assert.ok(!result.resources.some((r) => /InternetGateway|NatGateway/.test(r.type)));
    // The client may open HTTPS to the endpoints' group and nowhere else.
    assert.deepEqual(resource(result, "first-call-client-https-to-endpoints").inputs, {
      securityGroupId: fakeId("aws:ec2/securityGroup:SecurityGroup", "first-call-client-sg", result.stack),
      description: "HTTPS to the interface endpoints",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: fakeId("aws:ec2/securityGroup:SecurityGroup", "first-call-endpoints-sg", result.stack),
    });
    const outputs = result.outputs.firstCallNetwork as Record<string, unknown>;
    assert.deepEqual(Object.keys(outputs).sort(), [
      "bedrockRuntimeEndpointId",
      "clientSecurityGroupId",
      "subnetIds",
      "vpcId",
    ]);
    assert.match(outputs.bedrockRuntimeEndpointId as string, /^vpce-[0-9a-f]{17}$/);
  });

  it("stops before declaring anything when the retention is not a CloudWatch value", async () => {
    await assert.rejects(run({ invocationLogging: { retentionInDays: 366 } }), (error: Error) => {
      assert.match(
        error.message,
        /bedrock-lz:invocationLogging\.retentionInDays: 366 is not a retention CloudWatch Logs accepts/,
      );
      return true;
    });
  });

  it("stops when guardrail enforcement is on without a guardrail", async () => {
    await assert.rejects(run({ guardrail: { enforceOnInvokeRoles: true } }), (error: Error) => {
      assert.match(error.message, /bedrock-lz:guardrail\.enforceOnInvokeRoles: needs a guardrail to enforce/);
      return true;
    });
  });
});
