/**
 * The configurations the fidelity gate runs the real program with: every optional feature on and
 * off, both Japanese regions, and the deploy phases (invoke roles unlocked, then locked through
 * explicit endpoint ids or the municipality stack's outputs).
 */
import { type ProgramRun } from "../../harness/mock-engine";
import { runWithConfig, fixtureConfig, withConfig } from "../support";

export interface Scenario {
  readonly name: string;
  readonly stack: "operator" | "municipality";
  readonly config: Record<string, string>;
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
}

const MUNICIPALITY_STACK = "organization/bedrock-lz/municipality";
const OPERATOR_STACK = "organization/bedrock-lz/operator";
const ORGANIZATIONS = {
  enabled: true,
  managementRoleArn: "arn:aws:iam::999999999999:role/OrganizationsPolicyAdmin",
  targetIds: ["ou-ab12-cdef3456"],
};

/** Every production feature of the operator account switched on. */
const OPERATOR_FEATURES_ON = {
  "bedrock-lz:permissionBoundary": { enabled: true },
  "bedrock-lz:organizations": ORGANIZATIONS,
  "bedrock-lz:invocationLogging": {
    enabled: true,
    archiveStorageClass: "INTELLIGENT_TIERING",
    archiveAfterDays: 7,
    imageDataDelivery: true,
    embeddingDataDelivery: true,
    cloudTrail: true,
  },
  "bedrock-lz:dataSafety": { protect: true },
  "bedrock-lz:modelAccess": {
    enabled: true,
    useCaseForm: {
      companyName: "Example Systems K.K.",
      companyWebsite: "https://www.example.co.jp",
      intendedUsers: "1",
      industryOption: "Government",
      useCases: "Summaries for municipal staff",
    },
    firstCallNetwork: true,
  },
  "bedrock-lz:guardrail": {
    enabled: true,
    enforceOnInvokeRoles: true,
    contentFilters: {
      HATE: { inputStrength: "HIGH", outputStrength: "HIGH" },
      PROMPT_ATTACK: { inputStrength: "HIGH", outputStrength: "NONE" },
    },
    deniedTopics: {
      "investment-advice": {
        definition: "Advice to buy or sell specific financial products or securities.",
        examples: ["Which stock should I buy now?"],
      },
    },
    piiEntities: { NAME: "ANONYMIZE", EMAIL: "BLOCK" },
    piiRegexes: { "my-number": { pattern: "\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b", action: "BLOCK" } },
  },
};

const OPERATOR_FEATURES_OFF = {
  "bedrock-lz:invocationLogging": { enabled: false },
  "bedrock-lz:modelAccess": { enabled: false },
  "bedrock-lz:guardrail": { enabled: false },
};

const LOCKED_PEERS = {
  sapporo: {
    accountId: "222222222222",
    externalId: "sapporo-bedrock-poc",
    bedrockRuntimeEndpointId: "vpce-0123456789abcdef0",
    stsEndpointId: "vpce-0fedcba9876543210",
    lockTrustToStsEndpoint: true,
  },
  hakodate: { accountId: "333333333333", municipalityStack: MUNICIPALITY_STACK },
};

const MUNICIPALITY_FEATURES_ON = {
  "bedrock-lz:permissionBoundary": { enabled: true },
  "bedrock-lz:organizations": ORGANIZATIONS,
  "bedrock-lz:clientRole": { trustLambda: true },
  "bedrock-lz:codeArtifact": { mirror: true, clientReadAccess: true },
  "bedrock-lz:sessionAccess": { enabled: true },
  "bedrock-lz:smokeTest": { enabled: true, instanceType: "t4g.small", externalId: "sapporo-bedrock-poc" },
  "bedrock-lz:vpc": { cidrBlock: "10.20.0.0/16", availabilityZoneCount: 3 },
};

/** Osaka has no CodeArtifact: the shipped municipality config without it. */
function inOsaka(config: Record<string, string>): Record<string, string> {
  return withConfig(config, {
    "aws:region": "ap-northeast-3",
    "bedrock-lz:endpoints": undefined,
    "bedrock-lz:codeArtifact": undefined,
  });
}

const operator = fixtureConfig("operator");
const municipality = fixtureConfig("municipality");
const municipalityOutputs = {
  [MUNICIPALITY_STACK]: { endpointIds: { "bedrock-runtime": "vpce-0aaaaaaaaaaaaaaaa", sts: "vpce-0bbbbbbbbbbbbbbbb" } },
};
const operatorOutputs = {
  [OPERATOR_STACK]: {
    invokeRoleArns: { sapporo: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo" },
    inferenceProfileId: "jp.anthropic.claude-haiku-4-5-20251001-v1:0",
    guardrailArn: "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abcdefghijkl",
    guardrailVersion: "1",
    guardrailEnforced: true,
  },
};

export const SCENARIOS: readonly Scenario[] = [
  { name: "operator, shipped (unlocked)", stack: "operator", config: operator },
  { name: "operator, features off", stack: "operator", config: withConfig(operator, OPERATOR_FEATURES_OFF) },
  {
    name: "operator, features on, locked",
    stack: "operator",
    config: withConfig(operator, { ...OPERATOR_FEATURES_ON, "bedrock-lz:municipalities": LOCKED_PEERS }),
    stackOutputs: municipalityOutputs,
  },
  {
    name: "operator, Osaka, features on, locked",
    stack: "operator",
    config: withConfig(operator, {
      ...OPERATOR_FEATURES_ON,
      "aws:region": "ap-northeast-3",
      "bedrock-lz:municipalities": LOCKED_PEERS,
    }),
    stackOutputs: municipalityOutputs,
  },
  { name: "municipality, shipped", stack: "municipality", config: municipality },
  {
    name: "municipality, features on",
    stack: "municipality",
    config: withConfig(municipality, MUNICIPALITY_FEATURES_ON),
  },
  {
    name: "municipality, features off",
    stack: "municipality",
    config: withConfig(municipality, {
      "bedrock-lz:endpoints": {
        "codeartifact.api": { enabled: false },
        "codeartifact.repositories": { enabled: false },
      },
      "bedrock-lz:codeArtifact": { mirror: false },
    }),
  },
  {
    name: "municipality, Osaka, from the operator stack",
    stack: "municipality",
    config: withConfig(inOsaka(municipality), {
      "bedrock-lz:operatorRoleArn": undefined,
      "bedrock-lz:operatorStack": OPERATOR_STACK,
      "bedrock-lz:sessionAccess": { enabled: true },
      "bedrock-lz:permissionBoundary": { enabled: true },
      "bedrock-lz:clientRole": { trustLambda: true },
    }),
    stackOutputs: operatorOutputs,
  },
];

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly run: ProgramRun;
}

/** Runs every scenario once (the engine is process-global, so they run one after another). */
export async function runScenarios(scenarios: readonly Scenario[] = SCENARIOS): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) {
    runs.push({ scenario, run: await runWithConfig(scenario.stack, scenario.config, scenario.stackOutputs) });
  }
  return runs;
}
