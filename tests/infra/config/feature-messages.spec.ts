/**
 * The message of each feature field when its value is of the wrong kind or past its limit: every
 * one names the key and says what it takes (infra/config/messages.ts), not zod's default.
 */
import { deepStrictEqual } from "node:assert/strict";
import { ConfigError, parseStackConfig } from "../../../infra/config";

const operator = {
  account: "operator",
  accountId: "111111111111",
  municipalities: { sapporo: { accountId: "222222222222" } },
};

function problemsOf(extra: Record<string, unknown>): string[] {
  try {
    parseStackConfig({ ...operator, ...extra });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.key}: ${p.message}`);
  }
}

describe("config features: each field's own message", () => {
  it("guardrail: examples, actions, patterns and maps", () => {
    deepStrictEqual(
      problemsOf({
        guardrail: {
          enabled: true,
          piiEntities: { EMAIL: "DROP" },
          deniedTopics: { t: { definition: "x", examples: [""] } },
          piiRegexes: { r: { pattern: "", action: "BLOCK" } },
        },
      }),
      [
        "bedrock-lz:guardrail.deniedTopics.t.examples.0: must be an example phrase (1-100 characters)",
        "bedrock-lz:guardrail.piiEntities.EMAIL: must be BLOCK or ANONYMIZE",
        "bedrock-lz:guardrail.piiRegexes.r.pattern: must be a regular expression (1-500 characters)",
      ],
    );
    deepStrictEqual(
      problemsOf({
        guardrail: {
          enabled: true,
          piiEntities: { EMAIL: "BLOCK" },
          deniedTopics: { t: { definition: "x", examples: "e" } },
        },
      }),
      [
        'bedrock-lz:guardrail.deniedTopics.t.examples: must be a list of up to 5 example phrases; for example: bedrock-lz:guardrail: { deniedTopics: { t: { examples: ["…"] } } }',
      ],
    );
    deepStrictEqual(
      problemsOf({
        guardrail: { enabled: true, piiEntities: { EMAIL: "BLOCK" }, deniedTopics: [], contentFilters: [] },
      }),
      [
        "bedrock-lz:guardrail.contentFilters: must be a map of content filter type (SEXUAL, VIOLENCE, HATE, INSULTS, MISCONDUCT, PROMPT_ATTACK) to settings; for example: bedrock-lz:guardrail: { contentFilters: { SEXUAL: { inputStrength: NONE, outputStrength: NONE } } }",
        'bedrock-lz:guardrail.deniedTopics: must map topic names to { definition, examples }; for example: bedrock-lz:guardrail: { deniedTopics: { Elections: { definition: "…" } } }',
      ],
    );
  });

  it("invocation logging: retention, bucket, prefix and archive days", () => {
    deepStrictEqual(
      problemsOf({
        invocationLogging: {
          retentionInDays: "365",
          bucketName: "Has_Upper",
          keyPrefix: "a".repeat(101),
          archiveAfterDays: 3651,
        },
      }),
      [
        "bedrock-lz:invocationLogging.retentionInDays: must be one of CloudWatch's retention values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
        "bedrock-lz:invocationLogging.bucketName: must be an S3 bucket name: 3-63 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit",
        "bedrock-lz:invocationLogging.keyPrefix: must be an S3 key prefix of 1-100 letters, digits and !-_.*'() separated by /, without a leading or trailing /",
        "bedrock-lz:invocationLogging.archiveAfterDays: must be a whole number of days (0-3650)",
      ],
    );
    deepStrictEqual(problemsOf({ invocationLogging: { keyPrefix: "a".repeat(100), archiveAfterDays: 3650 } }), []);
  });

  it("metering: lists and amounts of the wrong kind or past AWS Budgets' limits", () => {
    deepStrictEqual(
      problemsOf({
        metering: {
          enabled: true,
          alarms: { emails: "ops@example.jp" },
          budgets: {
            enabled: true,
            emails: Array.from({ length: 11 }, (_, i) => `ops${i}@example.jp`),
            municipalityMonthlyUsd: "100",
            accountMonthlyUsd: -1,
            thresholdsPercent: [1, 2, 3, 4, 5, 6],
          },
        },
      }),
      [
        'bedrock-lz:metering.alarms.emails: must be a list of email addresses; for example: bedrock-lz:metering: { alarms: { emails: ["…"] } }',
        "bedrock-lz:metering.budgets.municipalityMonthlyUsd: must be a positive amount in USD",
        "bedrock-lz:metering.budgets.accountMonthlyUsd: must be a positive amount in USD",
        "bedrock-lz:metering.budgets.thresholdsPercent: must list at most 5 percentages (AWS Budgets allows 5 notifications per budget)",
        "bedrock-lz:metering.budgets.emails: must list at most 10 email addresses (an AWS Budgets limit per notification)",
      ],
    );
    deepStrictEqual(
      problemsOf({
        metering: { enabled: true, budgets: { enabled: true, emails: 5, thresholdsPercent: "80" } },
      }),
      [
        "bedrock-lz:metering.budgets.thresholdsPercent: must be a list of percentages; for example: bedrock-lz:metering: { budgets: { thresholdsPercent: [80, 100] } }",
        'bedrock-lz:metering.budgets.emails: must be a list of email addresses; for example: bedrock-lz:metering: { budgets: { emails: ["…"] } }',
      ],
    );
    deepStrictEqual(
      problemsOf({
        metering: {
          enabled: true,
          budgets: {
            enabled: true,
            emails: Array.from({ length: 10 }, (_, i) => `ops${i}@example.jp`),
            thresholdsPercent: [1, 2, 3, 4, 5],
          },
        },
      }),
      [],
    );
  });

  it("a fraction where a whole number is due gets the number's own message", () => {
    deepStrictEqual(
      problemsOf({
        quotas: { rolesPerAccount: 1.5 },
        invocationLogging: { archiveAfterDays: 30.5 },
        metering: { enabled: true, alarms: { throttles: 2.5 } },
      }),
      [
        "bedrock-lz:quotas.rolesPerAccount: must be a whole number from 1 to 5000",
        "bedrock-lz:invocationLogging.archiveAfterDays: must be a whole number of days (0-3650)",
        "bedrock-lz:metering.alarms.throttles: must be a whole number from 1 to 1000000",
      ],
    );
  });

  it("organizations: an empty target list", () => {
    deepStrictEqual(problemsOf({ organizations: { targetIds: [] } }), [
      "bedrock-lz:organizations.targetIds: must be a list of account, OU or root ids",
    ]);
  });
});
