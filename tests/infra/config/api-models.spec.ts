/**
 * The config refuses, naming the key, what AWS's API models refuse where the value ends up
 * (infra/api-models): tags per tagging API the stack reaches, names the program derives, and the
 * list limits of the calls it makes; and what it accepts passes the fidelity gate.
 */
import { deepStrictEqual, match, ok } from "node:assert/strict";
import { API_MODELS } from "../../../infra/api-models";
import { ConfigError, parseStackConfig, rawConfigOf } from "../../../infra/config";
import { SMOKE_INSTANCE_TYPES } from "../../../infra/smoke-test";
import { checkApiInputs } from "../../fidelity/api-inputs";
import { fixtureConfig, runWithConfig, withConfig } from "../../support";

const operator = fixtureConfig("operator");
const municipality = fixtureConfig("municipality");
const JAPANESE_TAGS = { 部署: "企画課", CostCenter: "デジタル推進課" };

/** The problem lines of a config, or none. */
function problems(config: Record<string, string>): string[] {
  try {
    parseStackConfig(rawConfigOf(config));
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.key}: ${p.message}`);
  }
}

describe("config: what AWS's API models refuse is refused by key", function () {
  this.timeout(60_000);

  it("keeps Japanese tags where the APIs take them: the municipality, an operator without Bedrock resources", async () => {
    for (const [stack, base] of [
      ["municipality", municipality],
      ["operator", operator],
    ] as const) {
      const config = withConfig(base, { "bedrock-lz:tags": JAPANESE_TAGS });
      deepStrictEqual(problems(config), []);
      // IAM, EC2, KMS, S3, CloudWatch Logs and CodeArtifact accept them as sent.
      deepStrictEqual(checkApiInputs(await runWithConfig(stack, config)).problems, []);
    }
  });

  it("refuses them, naming the tag and Amazon Bedrock, where the guardrail or the metered profiles carry them", () => {
    for (const feature of [
      { "bedrock-lz:metering": { enabled: true } },
      {
        "bedrock-lz:guardrail": {
          enabled: true,
          contentFilters: { HATE: { inputStrength: "HIGH", outputStrength: "HIGH" } },
        },
      },
    ]) {
      const found = problems(withConfig(operator, { ...feature, "bedrock-lz:tags": JAPANESE_TAGS }));
      deepStrictEqual(
        found.map((line) => line.split(": ")[0]),
        ["bedrock-lz:tags.部署", "bedrock-lz:tags.CostCenter"],
      );
      match(found[0], /the key "部署" does not match .*the value "企画課" does not match .*Amazon Bedrock/);
      match(
        found[1],
        /the value "デジタル推進課" does not match \[a-zA-Z0-9\\s\._:\/=\+@-\]\* as a whole: Amazon Bedrock/,
      );
    }
  });

  it("refuses what IAM refuses in every stack: punctuation, the aws: prefix, more tags than a role takes", () => {
    match(
      problems(withConfig(municipality, { "bedrock-lz:tags": { CostCenter: "企画課(AI)" } })).join("\n"),
      /^bedrock-lz:tags\.CostCenter: the value "企画課\(AI\)" does not match .* IAM CreateRole refuses it/,
    );
    match(
      problems(withConfig(municipality, { "bedrock-lz:tags": { "aws:team": "x" } })).join("\n"),
      /^bedrock-lz:tags\.aws:team: starts with aws:/,
    );
    const many = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`Tag${i}`, "x"]));
    match(
      problems(withConfig(operator, { "bedrock-lz:tags": many })).join("\n"),
      /^bedrock-lz:tags: must list at most 45/,
    );
    deepStrictEqual(
      problems(withConfig(operator, { "bedrock-lz:tags": Object.fromEntries(Object.entries(many).slice(1)) })),
      [],
    );
  });

  it("refuses an empty tag value only where the CloudTrail trail carries it", () => {
    deepStrictEqual(problems(withConfig(operator, { "bedrock-lz:tags": { Team: "" } })), []);
    match(
      problems(
        withConfig(operator, { "bedrock-lz:tags": { Team: "" }, "bedrock-lz:invocationLogging": { cloudTrail: true } }),
      ).join("\n"),
      /^bedrock-lz:tags\.Team: the value "" is 0 characters, fewer than 1: CloudTrail CreateTrail/,
    );
  });

  it("refuses a municipality name with two hyphens in a row, which no inference profile name takes", () => {
    match(
      problems(withConfig(municipality, { "bedrock-lz:municipalityName": "kita--ku" })).join("\n"),
      /^bedrock-lz:municipalityName: "kita--ku" has two hyphens in a row: .*CreateInferenceProfile/,
    );
    match(
      problems(
        withConfig(operator, { "bedrock-lz:municipalities": { "kita--ku": { accountId: "222222222222" } } }),
      ).join("\n"),
      /^bedrock-lz:municipalities\.kita--ku: map key "kita--ku" has two hyphens in a row/,
    );
    deepStrictEqual(problems(withConfig(municipality, { "bedrock-lz:municipalityName": "kita-ku" })), []);
  });

  it("refuses a cost-allocation tag key Bedrock refuses, and lists longer than CreateGuardrail takes", () => {
    match(
      problems(withConfig(operator, { "bedrock-lz:metering": { enabled: true, costAllocationTagKey: "自治体" } })).join(
        "\n",
      ),
      /^bedrock-lz:metering\.costAllocationTagKey: must be a tag key Bedrock accepts/,
    );
    const topics = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`topic-${i}`, { definition: "d" }]));
    const patterns = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`p${i}`, { pattern: "x", action: "BLOCK" }]),
    );
    const found = problems(
      withConfig(operator, { "bedrock-lz:guardrail": { enabled: true, deniedTopics: topics, piiRegexes: patterns } }),
    ).join("\n");
    match(found, /bedrock-lz:guardrail\.deniedTopics: must list at most 30 topics/);
    match(found, /bedrock-lz:guardrail\.piiRegexes: must list at most 10 patterns/);
    match(
      problems(
        withConfig(operator, {
          "bedrock-lz:guardrail": {
            enabled: true,
            piiRegexes: { p: { pattern: "x", action: "BLOCK", description: "" } },
          },
        }),
      ).join("\n"),
      /bedrock-lz:guardrail\.piiRegexes\.p\.description: "" is 0 characters, fewer than 1/,
    );
  });

  it("offers only smoke-test instance types EC2's RunInstances knows", () => {
    const known = API_MODELS.services.ec2.shapes.InstanceType.enum ?? [];
    ok(known.length > 100);
    deepStrictEqual(
      Object.keys(SMOKE_INSTANCE_TYPES).filter((type) => !known.includes(type)),
      [],
    );
  });
});
