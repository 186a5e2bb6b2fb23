import { deepStrictEqual, match } from "node:assert/strict";
import type { ProgramRun } from "../../harness/mock-engine";
import { runWithConfig, fixtureConfig, withConfig } from "../support";

/** Tokens before they named the domain: each component must still answer to its old one. */
const PREVIOUS_TOKENS: Readonly<Record<string, string>> = {
  "bedrock-lz:logging:BedrockAuditTrail": "bedrock-lz:operator:BedrockAuditTrail",
  "bedrock-lz:bedrock:BedrockGuardrail": "bedrock-lz:operator:BedrockGuardrail",
  "bedrock-lz:iam:BedrockClientRole": "bedrock-lz:municipality:BedrockClientRole",
  "bedrock-lz:codeartifact:CodeArtifactMirror": "bedrock-lz:municipality:CodeArtifactMirror",
  "bedrock-lz:codeartifact:CodeArtifactReadAccess": "bedrock-lz:municipality:CodeArtifactReadAccess",
  "bedrock-lz:network:FirstCallNetwork": "bedrock-lz:operator:FirstCallNetwork",
  "bedrock-lz:logging:InvocationLogging": "bedrock-lz:operator:InvocationLogging",
  "bedrock-lz:iam:BedrockInvokeRole": "bedrock-lz:operator:BedrockInvokeRole",
  "bedrock-lz:bedrock:BedrockModelAccess": "bedrock-lz:operator:BedrockModelAccess",
  "bedrock-lz:ssm:SessionAccess": "bedrock-lz:municipality:SessionAccess",
  "bedrock-lz:smoke:SmokeTestInstance": "bedrock-lz:municipality:SmokeTestInstance",
};

/** Both stacks with every feature on, so every component is declared at least once. */
async function everyComponent(): Promise<ProgramRun[]> {
  const operator = await runWithConfig(
    "operator",
    withConfig(fixtureConfig("operator"), {
      "bedrock-lz:invocationLogging": { cloudTrail: true },
      "bedrock-lz:guardrail": { enabled: true, piiEntities: { EMAIL: "ANONYMIZE" } },
      "bedrock-lz:modelAccess": {
        enabled: true,
        firstCallNetwork: true,
        useCaseForm: {
          companyName: "Example Systems K.K.",
          companyWebsite: "https://www.example.co.jp",
          intendedUsers: "1",
          industryOption: "Government",
          useCases: "document summaries for municipal staff",
        },
      },
    }),
  );
  const base = fixtureConfig("municipality");
  const municipality = await runWithConfig(
    "municipality",
    withConfig(base, {
      "bedrock-lz:codeArtifact": { ...JSON.parse(base["bedrock-lz:codeArtifact"]), clientReadAccess: true },
      "bedrock-lz:sessionAccess": { enabled: true },
      "bedrock-lz:smokeTest": { ...JSON.parse(base["bedrock-lz:smokeTest"]), enabled: true },
    }),
  );
  return [operator, municipality];
}

describe("component type tokens", () => {
  it("name the domain (bedrock-lz:<domain>:<Name>), never the account, and keep the old token as an alias", async () => {
    const components = (await everyComponent())
      .flatMap((run) => run.resources)
      .filter((resource) => resource.type.startsWith("bedrock-lz:"));
    const types = [...new Set(components.map((resource) => resource.type))].sort();
    // Every renamed component is declared by one of the two runs, so each alias below is checked.
    deepStrictEqual(
      Object.keys(PREVIOUS_TOKENS).filter((type) => !types.includes(type)),
      [],
    );
    for (const resource of components) {
      match(resource.type, /^bedrock-lz:[a-z]+:[A-Z][A-Za-z]+$/);
      match(resource.type, /^bedrock-lz:(?!operator:|municipality:)/, `${resource.type} names an account`);
      const previous = PREVIOUS_TOKENS[resource.type];
      deepStrictEqual(
        resource.options.aliases,
        previous === undefined ? [] : [{ type: previous }],
        `${resource.type} ${resource.name}`,
      );
    }
  });
});
