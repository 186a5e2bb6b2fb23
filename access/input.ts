/**
 * Collects the documents the access matrix evaluates from the real program run under mocks with
 * the shipped stack files: never from hand-written copies. Three runs, in deploy order:
 * municipality, operator before the lock (step 1), operator locked to the municipality's
 * endpoints through its stack outputs (step 3, with the opt-in STS trust lock).
 */
import { join } from "node:path";
import { type StackConfig, configKeyOf, parseStackConfig, rawConfigOf } from "../infra/config";
import { municipalityOutputsOf, operatorOutputsOf, readStackConfig, runStack } from "../stacks";
import type { ProgramRun, RecordedResource } from "../harness/mock-engine";
import { runProgram } from "../harness/mock-engine";
import { type StackConfigFile, readStackConfigFile } from "../harness/stack-file";
import type { MatrixInput, OperatorDocuments, PolicyJson } from "./matrix";
import type { DeploymentRuns } from "../plan/run";

const ROOT = join(__dirname, "..");
/** The name the hardened operator uses for the municipality stack (self-managed backend form). */
export const MUNICIPALITY_STACK_REFERENCE = "organization/bedrock-lz/municipality";

/** What `index.ts` does; the config is read when the mock engine runs it. */
function program(): unknown {
  return runStack(readStackConfig());
}

function resource(run: ProgramRun, type: string, name: string): RecordedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (found === undefined) throw new Error(`${run.stack}: no ${type} named ${name}`);
  return found;
}

function policyInput(run: ProgramRun, type: string, name: string, key: string): PolicyJson {
  const value = resource(run, type, name).inputs[key];
  if (typeof value !== "string") throw new Error(`${run.stack}: ${name}.${key} is not a JSON string`);
  return JSON.parse(value) as PolicyJson;
}

/** The endpoint's policy, or undefined when the municipality switched the endpoint off. */
function endpointPolicy(run: ProgramRun, service: string): PolicyJson | undefined {
  const endpoint = run.resources.find(
    (r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && String(r.inputs.serviceName).endsWith(`.${service}`),
  );
  return endpoint === undefined ? undefined : (JSON.parse(String(endpoint.inputs.policy)) as PolicyJson);
}

/** A stack file's config as the program reads it, checked to be for the expected account. */
function parsedConfig<A extends StackConfig["account"]>(
  file: StackConfigFile,
  account: A,
): Extract<StackConfig, { account: A }> {
  const config = parseStackConfig(rawConfigOf(file.config));
  if (config.account !== account) throw new Error(`${file.stack}: expected an ${account} stack, got ${config.account}`);
  return config as Extract<StackConfig, { account: A }>;
}

/** An output the matrix cannot do without; a stack that lacks it breaks the contract. */
function required<T>(value: T | undefined, stack: string, output: string): T {
  if (value === undefined) throw new Error(`${stack}: no ${output} output`);
  return value;
}

function operatorDocuments(run: ProgramRun, municipality: string): OperatorDocuments {
  const guardrails = required(operatorOutputsOf(run.outputs).guardrails, run.stack, "guardrails");
  return {
    invokeTrust: policyInput(run, "aws:iam/role:Role", `invoke-${municipality}-role`, "assumeRolePolicy"),
    invokePolicy: policyInput(run, "aws:iam/rolePolicy:RolePolicy", `invoke-${municipality}-invoke`, "policy"),
    guardrails,
  };
}

/** The smallest guardrail config with enforcement; which filters it has does not matter to IAM. */
const ENFORCED_GUARDRAIL = {
  enabled: true,
  enforceOnInvokeRoles: true,
  contentFilters: { HATE: { inputStrength: "HIGH", outputStrength: "HIGH" } },
};

/** The guardrail identifier the program's own invoke policy enforces. */
function enforcedGuardrailIdentifier(policy: PolicyJson): string | undefined {
  for (const statement of policy.Statement) {
    const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
    const value = condition?.StringNotEquals?.["bedrock:GuardrailIdentifier"];
    if (statement.Effect === "Deny" && typeof value === "string") return value;
  }
  return undefined;
}

export interface MatrixRuns {
  readonly input: MatrixInput;
  readonly runs: {
    readonly municipality: ProgramRun;
    readonly unlocked: ProgramRun;
    readonly hardened: ProgramRun;
    /** The hardened operator with guardrail enforcement on the invoke roles. */
    readonly guarded?: ProgramRun;
  };
}

/**
 * Runs the three programs and extracts every document and identifier the matrix needs. Defaults
 * to the shipped stack files; the offline plan passes the files it was given.
 */
export async function collectMatrixInput(
  operatorFile: StackConfigFile = readStackConfigFile(join(ROOT, "Pulumi.operator.yaml")),
  municipalityFile: StackConfigFile = readStackConfigFile(join(ROOT, "Pulumi.municipality.yaml")),
): Promise<MatrixRuns> {
  const operatorConfig = parsedConfig(operatorFile, "operator");
  const municipalityConfig = parsedConfig(municipalityFile, "municipality");
  const { municipalityName } = municipalityConfig;
  const operatorAccountId = operatorConfig.accountId;
  const municipalityAccountId = municipalityConfig.accountId;

  const municipality = await runProgram({
    stack: municipalityFile.stack,
    config: municipalityFile.config,
    accountId: municipalityAccountId,
    program,
  });
  const unlocked = await runProgram({
    stack: operatorFile.stack,
    config: operatorFile.config,
    accountId: operatorAccountId,
    program,
  });

  // Step 3 of the deploy order: the operator reads the municipality's endpoint ids. The peer
  // entry is rewritten as the user would write it, so the program validates the change too.
  const peers = rawConfigOf(operatorFile.config).municipalities as Record<string, Record<string, unknown>>;
  const hardenedConfig = {
    ...operatorFile.config,
    [configKeyOf(["municipalities"])]: JSON.stringify({
      ...peers,
      [municipalityName]: {
        ...peers[municipalityName],
        municipalityStack: MUNICIPALITY_STACK_REFERENCE,
        lockTrustToStsEndpoint: true,
      },
    }),
  };
  const hardened = await runProgram({
    stack: operatorFile.stack,
    config: hardenedConfig,
    accountId: operatorAccountId,
    stackOutputs: { [MUNICIPALITY_STACK_REFERENCE]: municipality.outputs },
    program,
  });

  // Step 3 again with a guardrail enforced on the invoke roles (off in the shipped config).
  const guarded = await runProgram({
    stack: operatorFile.stack,
    config: { ...hardenedConfig, [configKeyOf(["guardrail"])]: JSON.stringify(ENFORCED_GUARDRAIL) },
    accountId: operatorAccountId,
    stackOutputs: { [MUNICIPALITY_STACK_REFERENCE]: municipality.outputs },
    program,
  });

  const runs = { municipality, unlocked, hardened, guarded };
  return {
    input: matrixInputFromRuns(runs, municipalityName, {
      externalId: operatorConfig.municipalities[municipalityName]?.externalId,
      trustLocked: true,
      guardrailEnforced: false,
    }),
    runs,
  };
}

/** What the operator's end-state config says about one municipality, for the expectations. */
export interface PairSettings {
  readonly externalId?: string;
  readonly trustLocked: boolean;
  readonly guardrailEnforced: boolean;
  /** Endpoint ids the operator gives explicitly (step 3 without a shared backend). */
  readonly endpointIds?: { readonly "bedrock-runtime"?: string; readonly sts?: string };
}

/**
 * The matrix input from three program runs (municipality, operator before and after the lock),
 * e.g. the offline plan's. The endpoint ids are those the operator locks to: the municipality's
 * outputs, or the ids its config gives.
 */
export function matrixInputFromRuns(
  runs: MatrixRuns["runs"],
  municipalityName: string,
  settings: PairSettings,
): MatrixInput {
  const { municipality, unlocked, hardened, guarded } = runs;
  const guardedDocuments = guarded !== undefined ? operatorDocuments(guarded, municipalityName) : undefined;
  const municipalityOutputs = municipalityOutputsOf(municipality.outputs);
  const operatorOutputs = operatorOutputsOf(hardened.outputs);
  const endpointIds =
    settings.endpointIds ?? required(municipalityOutputs.endpointIds, municipality.stack, "endpointIds");
  const invokeRoleArns = required(operatorOutputs.invokeRoleArns, hardened.stack, "invokeRoleArns");
  const otherMunicipality = Object.keys(invokeRoleArns).find((name) => name !== municipalityName);
  const operatorRoleArn = invokeRoleArns[municipalityName];
  if (operatorRoleArn === undefined) throw new Error(`${hardened.stack}: no invoke role for ${municipalityName}`);

  return {
    ids: {
      operatorAccountId: required(operatorOutputs.accountId, hardened.stack, "accountId"),
      municipalityAccountId: required(municipalityOutputs.accountId, municipality.stack, "accountId"),
      operatorRoleArn,
      otherMunicipalityRoleArn: otherMunicipality !== undefined ? invokeRoleArns[otherMunicipality] : undefined,
      clientRoleArn: required(municipalityOutputs.clientRoleArn, municipality.stack, "clientRoleArn"),
      bedrockRuntimeEndpointId: endpointIds["bedrock-runtime"],
      stsEndpointId: endpointIds.sts,
      externalId: settings.externalId,
      trustLocked: settings.trustLocked,
      guardrailEnforced: settings.guardrailEnforced,
      inferenceProfileId: required(operatorOutputs.inferenceProfileId, hardened.stack, "inferenceProfileId"),
      inferenceProfileArn: required(operatorOutputs.inferenceProfileArn, hardened.stack, "inferenceProfileArn"),
      region: required(operatorOutputs.region, hardened.stack, "region"),
      guardrailIdentifier: guardedDocuments && enforcedGuardrailIdentifier(guardedDocuments.invokePolicy),
    },
    municipality: {
      clientPolicy: policyInput(municipality, "aws:iam/rolePolicy:RolePolicy", "client-assume-operator", "policy"),
      stsEndpointPolicy: endpointPolicy(municipality, "sts"),
      bedrockRuntimeEndpointPolicy: endpointPolicy(municipality, "bedrock-runtime"),
      guardrails: required(municipalityOutputs.guardrails, municipality.stack, "guardrails"),
    },
    unlocked: operatorDocuments(unlocked, municipalityName),
    hardened: operatorDocuments(hardened, municipalityName),
    guarded: guardedDocuments,
    otherMunicipality:
      otherMunicipality !== undefined
        ? {
            invokePolicy: policyInput(
              hardened,
              "aws:iam/rolePolicy:RolePolicy",
              `invoke-${otherMunicipality}-invoke`,
              "policy",
            ),
            invokeTrust: policyInput(
              hardened,
              "aws:iam/role:Role",
              `invoke-${otherMunicipality}-role`,
              "assumeRolePolicy",
            ),
          }
        : undefined,
  };
}

/**
 * The matrix input of one operator–municipality pair of a planned deployment: the operator's
 * step 1 and step 3 runs and the municipality's step 2 run, with the expectations its config sets.
 */
export function pairMatrixInput(
  deployment: DeploymentRuns,
  operatorStack: string,
  municipalityStack: string,
): MatrixInput {
  const municipality = deployment.phases.municipalities.get(municipalityStack)!;
  const unlocked = deployment.phases.operator.get(operatorStack)!;
  const hardened = deployment.phases.locked.get(operatorStack)!;
  if (municipality.config.account !== "municipality" || hardened.config.account !== "operator")
    throw new Error(`${operatorStack} / ${municipalityStack}: not an operator and a municipality`);
  const name = municipality.config.municipalityName;
  const peer = hardened.config.municipalities[name];
  const enforced = hardened.config.guardrail?.enforceOnInvokeRoles === true;
  const explicit = deployment.locks.get(operatorStack)?.[name]?.kind === "explicit";
  return matrixInputFromRuns(
    {
      municipality: municipality.run,
      unlocked: unlocked.run,
      hardened: hardened.run,
      guarded: enforced ? hardened.run : undefined,
    },
    name,
    {
      externalId: peer?.externalId,
      trustLocked: peer?.lockTrustToStsEndpoint === true,
      guardrailEnforced: enforced,
      endpointIds: explicit
        ? { "bedrock-runtime": peer?.bedrockRuntimeEndpointId, sts: peer?.stsEndpointId }
        : undefined,
    },
  );
}
