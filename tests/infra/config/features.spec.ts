/**
 * The optional features' own rules, each from both sides: the setting that passes and every way of
 * breaking it, with the exact problem list (the key it names and the message the user reads).
 */
import { deepStrictEqual } from "node:assert/strict";
import { municipality, operator, parseMunicipality, parseOperator, problemsOf } from "./support";

const ROLE = "arn:aws:iam::999999999999:role/OrganizationsPolicyAdmin";

describe("config features: each rule from both sides", () => {
  describe("organizations", () => {
    it("off by default; on, it needs the management role and attaches to this account unless told", () => {
      deepStrictEqual(parseOperator({}).organizations, undefined);
      deepStrictEqual(parseOperator({ organizations: { managementRoleArn: ROLE } }).organizations, undefined);
      deepStrictEqual(parseOperator({ organizations: { enabled: true, managementRoleArn: ROLE } }).organizations, {
        managementRoleArn: ROLE,
        targetIds: ["111111111111"],
      });
      const targets = ["ou-ab12-cdef3456", "r-ab12", "123456789012"];
      deepStrictEqual(
        parseMunicipality({ organizations: { enabled: true, managementRoleArn: ROLE, targetIds: targets } })
          .organizations,
        { managementRoleArn: ROLE, targetIds: targets },
      );
      deepStrictEqual(problemsOf({ ...operator, organizations: { enabled: true } }), [
        "bedrock-lz:organizations.managementRoleArn: is required when organizations.enabled is true: a role in the management account that may manage SCPs",
      ]);
    });

    it("targets: a non-empty list of account, OU or root ids", () => {
      const target =
        'must be an AWS Organizations target: an account id ("123456789012"), an OU id ("ou-ab12-cdef3456") or the root ("r-ab12")';
      deepStrictEqual(
        problemsOf({
          ...operator,
          organizations: { enabled: true, managementRoleArn: ROLE, targetIds: ["ou-x", 5, "r-ab12x"] },
        }),
        [`bedrock-lz:organizations.targetIds.0: ${target}`, `bedrock-lz:organizations.targetIds.1: ${target}`],
      );
      deepStrictEqual(problemsOf({ ...operator, organizations: { targetIds: "ou-ab12-cdef3456" } }), [
        'bedrock-lz:organizations.targetIds: must be a list of account, OU or root ids; for example: bedrock-lz:organizations: { targetIds: ["…"] }',
      ]);
      deepStrictEqual(
        problemsOf({ ...operator, organizations: { targetIds: [] } }).map((line) => line.split(": ")[0]),
        ["bedrock-lz:organizations.targetIds"],
      );
    });
  });

  describe("permissionBoundary", () => {
    const policyArn = "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary";

    it("either the boundary the stack creates or an existing policy, not both", () => {
      deepStrictEqual(parseOperator({}).permissionBoundary, { enabled: false });
      deepStrictEqual(parseOperator({ permissionBoundary: { enabled: true } }).permissionBoundary, { enabled: true });
      deepStrictEqual(parseMunicipality({ permissionBoundary: { policyArn } }).permissionBoundary, {
        enabled: false,
        policyArn,
      });
      deepStrictEqual(problemsOf({ ...operator, permissionBoundary: { enabled: true, policyArn } }), [
        "bedrock-lz:permissionBoundary.policyArn: cannot be set together with permissionBoundary.enabled: a role has one permissions boundary. Use policyArn (the deploy boundary) when the pipeline deploys this stack, or enabled from an administrator's workstation",
      ]);
    });

    it("the policy must be a customer managed policy ARN", () => {
      for (const arn of ["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::111111111111:role/x"]) {
        deepStrictEqual(problemsOf({ ...operator, permissionBoundary: { policyArn: arn } }), [
          'bedrock-lz:permissionBoundary.policyArn: must be a customer managed policy ARN such as "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary"',
        ]);
      }
    });
  });

  describe("smokeTest", () => {
    it("defaults, and what a wrong instance type or prompt says", () => {
      deepStrictEqual(parseMunicipality({}).smokeTest, {
        enabled: false,
        instanceType: "t3.micro",
        prompt: parseMunicipality({}).smokeTest.prompt,
      });
      deepStrictEqual(parseMunicipality({ smokeTest: { instanceType: "t4g.small", prompt: "こんにちは" } }).smokeTest, {
        enabled: false,
        instanceType: "t4g.small",
        prompt: "こんにちは",
      });
      deepStrictEqual(problemsOf({ ...municipality, smokeTest: { instanceType: "t2.nano", prompt: "" } }), [
        "bedrock-lz:smokeTest.instanceType: must be one of t3.micro, t3.small, t4g.micro, t4g.small (1 GiB or more: dnf and pip run at boot)",
        "bedrock-lz:smokeTest.prompt: must be a text of 1-2000 characters",
      ]);
      deepStrictEqual(problemsOf({ ...municipality, smokeTest: { prompt: "x".repeat(2001) } }), [
        "bedrock-lz:smokeTest.prompt: must be a text of 1-2000 characters",
      ]);
    });
  });

  describe("metering", () => {
    it("off: undefined; on: the tag key, alarms and dashboards by default, no budgets", () => {
      deepStrictEqual(parseOperator({}).metering, undefined);
      deepStrictEqual(parseOperator({ metering: { enabled: true } }).metering, {
        costAllocationTagKey: "bedrock-lz:municipality",
        alarms: {
          enabled: true,
          emails: [],
          periodSeconds: 300,
          throttles: 20,
          serverErrors: 10,
          clientErrors: 20,
          tokenWindowSeconds: 3600,
          inputTokens: 1_000_000,
          outputTokens: 250_000,
        },
        dashboard: true,
        municipalitiesPerDashboard: 100,
        budgets: undefined,
      });
    });

    it("alarms off; budgets on with their emails", () => {
      const metering = parseOperator({
        metering: {
          enabled: true,
          alarms: { enabled: false },
          budgets: { enabled: true, emails: ["ops@example.jp"], thresholdsPercent: [50] },
        },
      }).metering;
      deepStrictEqual(metering?.alarms, undefined);
      deepStrictEqual(metering?.budgets, {
        municipalityMonthlyUsd: 100,
        accountMonthlyUsd: 10_000,
        thresholdsPercent: [50],
        emails: ["ops@example.jp"],
      });
    });

    it("budgets need their emails and metering itself", () => {
      deepStrictEqual(problemsOf({ ...operator, metering: { enabled: true, budgets: { enabled: true } } }), [
        "bedrock-lz:metering.budgets.emails: needs at least one email address when budgets.enabled is true",
      ]);
      deepStrictEqual(
        problemsOf({ ...operator, metering: { budgets: { enabled: true, emails: ["ops@example.jp"] } } }),
        [
          "bedrock-lz:metering.budgets.enabled: needs metering.enabled: true (budgets filter on the profiles' cost-allocation tag)",
        ],
      );
      // Emails without budgets are kept for later: nothing to refuse.
      deepStrictEqual(problemsOf({ ...operator, metering: { budgets: { emails: ["ops@example.jp"] } } }), []);
    });

    it("the cost-allocation tag key: Bedrock's characters, not aws:", () => {
      const message =
        "bedrock-lz:metering.costAllocationTagKey: must be a tag key Bedrock accepts: 1-128 ASCII letters, digits, spaces and _.:/=+-@, not starting with aws:";
      for (const key of ["AWS:cost", "部署"]) {
        deepStrictEqual(problemsOf({ ...operator, metering: { enabled: true, costAllocationTagKey: key } }), [message]);
      }
      deepStrictEqual(
        parseOperator({ metering: { enabled: true, costAllocationTagKey: "cost:municipality" } }).metering
          ?.costAllocationTagKey,
        "cost:municipality",
      );
    });

    it("alarm emails, periods and windows; budget amounts, percentages and emails", () => {
      deepStrictEqual(
        problemsOf({
          ...operator,
          metering: {
            enabled: true,
            alarms: { emails: ["ops@example", "a b@example.jp"], periodSeconds: 120, tokenWindowSeconds: 60 },
          },
        }),
        [
          "bedrock-lz:metering.alarms.emails.0: must be an email address",
          "bedrock-lz:metering.alarms.emails.1: must be an email address",
          "bedrock-lz:metering.alarms.periodSeconds: must be 60, 300, 900 or 3600",
          "bedrock-lz:metering.alarms.tokenWindowSeconds: must be 300, 900, 3600 or 10800 (CloudWatch evaluates a Metrics Insights alarm over the latest 3 hours only)",
        ],
      );
      deepStrictEqual(
        problemsOf({
          ...operator,
          metering: {
            enabled: true,
            budgets: { enabled: true, emails: [], thresholdsPercent: [], municipalityMonthlyUsd: 0 },
          },
        }),
        [
          "bedrock-lz:metering.budgets.municipalityMonthlyUsd: must be a positive amount in USD",
          "bedrock-lz:metering.budgets.thresholdsPercent: must list at least one percentage",
          "bedrock-lz:metering.budgets.emails: must list at least one email address",
        ],
      );
    });
  });

  describe("codeArtifact", () => {
    it("names: domain, repository and upstream, each with its own message", () => {
      deepStrictEqual(
        problemsOf({
          ...municipality,
          codeArtifact: { domainName: "Bad", repositoryName: "-x", upstreamRepositoryName: "a" },
        }),
        [
          "bedrock-lz:codeArtifact.domainName: must be 2-50 lowercase letters, digits and hyphens, starting with a letter",
          "bedrock-lz:codeArtifact.repositoryName: must be 2-100 letters, digits and ._- starting with a letter or digit",
          "bedrock-lz:codeArtifact.upstreamRepositoryName: must be 2-100 letters, digits and ._- starting with a letter or digit",
        ],
      );
      deepStrictEqual(
        parseMunicipality({
          codeArtifact: { domainName: "shared-mirror", domainOwner: "111111111111", repositoryName: "PyPI.main" },
        }).codeArtifact,
        {
          domainName: "shared-mirror",
          domainOwner: "111111111111",
          repositoryName: "PyPI.main",
          upstreamRepositoryName: "pypi-store",
          mirror: false,
          clientReadAccess: false,
        },
      );
    });
  });

  describe("guardrail", () => {
    const filter = { HATE: { inputStrength: "HIGH", outputStrength: "HIGH" } };

    it("off: undefined, whatever the maps say; on with one policy: its settings", () => {
      deepStrictEqual(parseOperator({ guardrail: { contentFilters: filter } }).guardrail, undefined);
      deepStrictEqual(parseOperator({ guardrail: { enabled: true, contentFilters: filter } }).guardrail, {
        enforceOnInvokeRoles: false,
        blockedInputMessaging: "申し訳ありません。この入力は利用ポリシーにより処理できません。",
        blockedOutputsMessaging: "申し訳ありません。この回答は利用ポリシーにより表示できません。",
        contentFilters: filter,
        deniedTopics: {},
        piiEntities: {},
        piiRegexes: {},
      });
      for (const policy of [
        { deniedTopics: { elections: { definition: "選挙運動" } } },
        { piiEntities: { EMAIL: "BLOCK" } },
        { piiRegexes: { "my-number": { pattern: "\\d{12}", action: "BLOCK" } } },
      ]) {
        deepStrictEqual(
          problemsOf({ ...operator, guardrail: { enabled: true, ...policy } }),
          [],
          JSON.stringify(policy),
        );
      }
      deepStrictEqual(
        problemsOf({
          ...operator,
          guardrail: {
            enabled: true,
            contentFilters: { PROMPT_ATTACK: { inputStrength: "HIGH", outputStrength: "NONE" } },
          },
        }),
        [],
      );
    });

    it("the Bedrock list limits: 30 denied topics, 10 patterns", () => {
      const topics = (n: number) =>
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`topic-${i}`, { definition: "x" }]));
      const regexes = (n: number) =>
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`pattern-${i}`, { pattern: "x", action: "BLOCK" }]));
      deepStrictEqual(problemsOf({ ...operator, guardrail: { enabled: true, deniedTopics: topics(30) } }), []);
      deepStrictEqual(problemsOf({ ...operator, guardrail: { enabled: true, deniedTopics: topics(31) } }), [
        "bedrock-lz:guardrail.deniedTopics: must list at most 30 topics (Amazon Bedrock CreateGuardrail)",
      ]);
      deepStrictEqual(problemsOf({ ...operator, guardrail: { enabled: true, piiRegexes: regexes(10) } }), []);
      deepStrictEqual(problemsOf({ ...operator, guardrail: { enabled: true, piiRegexes: regexes(11) } }), [
        "bedrock-lz:guardrail.piiRegexes: must list at most 10 patterns (Amazon Bedrock CreateGuardrail)",
      ]);
    });

    it("each field's own message", () => {
      deepStrictEqual(
        problemsOf({
          ...operator,
          guardrail: {
            enabled: true,
            blockedInputMessaging: "",
            blockedOutputsMessaging: "x".repeat(501),
            piiEntities: { EMAL: "BLOCK" },
            contentFilters: { HATE: { inputStrength: "MAX", outputStrength: "HIGH" } },
            deniedTopics: { t: { definition: "", examples: ["a", "b", "c", "d", "e", "f"] } },
            piiRegexes: { "bad/name": { pattern: "x", action: "DROP" } },
          },
        }).map((line) => (line.length > 200 ? `${line.slice(0, 200)}…` : line)),
        [
          "bedrock-lz:guardrail.blockedInputMessaging: must be the message shown when a prompt is blocked (1-500 characters)",
          "bedrock-lz:guardrail.blockedOutputsMessaging: must be the message shown when an answer is blocked (1-500 characters)",
          "bedrock-lz:guardrail.contentFilters.HATE.inputStrength: must be NONE, LOW, MEDIUM, HIGH",
          "bedrock-lz:guardrail.deniedTopics.t.definition: must be what the topic covers (1-200 characters)",
          "bedrock-lz:guardrail.deniedTopics.t.examples: must list at most 5 examples",
          "bedrock-lz:guardrail.piiEntities.EMAL: is not a PII entity type; did you mean EMAIL? (one of ADDRESS, AGE, AWS_ACCESS_KEY, AWS_SECRET_KEY, CA_HEALTH_NUMBER, CA_SOCIAL_INSURANCE_NUMBER, CREDIT_DEBIT_CA…",
          "bedrock-lz:guardrail.piiRegexes.bad/name: map key must be a name of 1-100 letters, digits and -_ ",
        ],
      );
    });
  });

  describe("invocationLogging", () => {
    it("names and prefixes: each field's own message", () => {
      deepStrictEqual(
        problemsOf({
          ...operator,
          invocationLogging: { logGroupName: "bad name", keyPrefix: "/x", archiveAfterDays: 1.5 },
        }),
        [
          "bedrock-lz:invocationLogging.logGroupName: must be a log group name: 1-512 characters of letters, digits and _-/.#",
          "bedrock-lz:invocationLogging.keyPrefix: must be an S3 key prefix of 1-100 letters, digits and !-_.*'() separated by /, without a leading or trailing /",
          "bedrock-lz:invocationLogging.archiveAfterDays: must be a whole number of days (0-3650)",
        ],
      );
      const logging = parseOperator({
        invocationLogging: { logGroupName: "/ops/bedrock#1", keyPrefix: "logs/bedrock", archiveAfterDays: 30 },
      }).invocationLogging;
      deepStrictEqual([logging?.logGroupName, logging?.keyPrefix], ["/ops/bedrock#1", "logs/bedrock"]);
    });

    it("STANDARD_IA from day 30; INTELLIGENT_TIERING from day 0", () => {
      deepStrictEqual(problemsOf({ ...operator, invocationLogging: { archiveAfterDays: 29 } }), [
        "bedrock-lz:invocationLogging.archiveAfterDays: must be at least 30 for STANDARD_IA (an S3 rule); use INTELLIGENT_TIERING for earlier moves",
      ]);
      deepStrictEqual(problemsOf({ ...operator, invocationLogging: { archiveAfterDays: 30 } }), []);
      deepStrictEqual(
        problemsOf({
          ...operator,
          invocationLogging: { archiveStorageClass: "INTELLIGENT_TIERING", archiveAfterDays: 0 },
        }),
        [],
      );
    });
  });

  describe("modelAccess", () => {
    it("each form field's own message", () => {
      deepStrictEqual(
        problemsOf({
          ...operator,
          modelAccess: {
            enabled: true,
            useCaseForm: {
              companyName: "",
              companyWebsite: "x",
              intendedUsers: "3",
              industryOption: "",
              useCases: "",
              otherIndustryOption: "x".repeat(101),
            },
          },
        }),
        [
          "bedrock-lz:modelAccess.useCaseForm.companyName: must be the operator's company name (1-200 characters)",
          'bedrock-lz:modelAccess.useCaseForm.companyWebsite: must be the company website URL, e.g. "https://www.example.co.jp"',
          'bedrock-lz:modelAccess.useCaseForm.intendedUsers: must be "0" (internal users), "1" (external users) or "2" (both), quoted',
          "bedrock-lz:modelAccess.useCaseForm.industryOption: must be the industry chosen in the console form, e.g. Government (1-100 characters)",
          "bedrock-lz:modelAccess.useCaseForm.otherIndustryOption: must be at most 100 characters",
          "bedrock-lz:modelAccess.useCaseForm.useCases: must be a short description of the use cases (1-1000 characters)",
        ],
      );
    });
  });
});
