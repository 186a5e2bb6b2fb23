/**
 * Collects the documents the access matrix evaluates from the real program run under mocks with
 * the shipped stack files: never from hand-written copies. Three runs, in deploy order:
 * municipality, operator before the lock (step 1), operator locked to the municipality's
 * endpoints through its stack outputs (step 3, with the opt-in STS trust lock). A fourth run
 * deploys the same municipality into the shipped example's existing VPC
 * (Pulumi.municipality-existing-vpc.yaml) for access/scenarios/existing-vpc.ts; a fifth runs the
 * municipality with its setup-time features on (access/scenarios/setup.ts); the guarded operator
 * run also has the CloudTrail trail of invocation logging on (access/scenarios/logging.ts).
 */
import { join } from "node:path";
import { type StackConfig, configKeyOf, parseStackConfig, rawConfigOf } from "../infra/config";
import { municipalityOutputsOf, operatorOutputsOf } from "../stacks";
import type { ProgramRun, RecordedResource } from "../harness/mock-engine";
import { fakeId } from "../harness/mock-engine";
import { runStackProgram } from "../harness/run-stack";
import { type StackConfigFile, readStackConfigFile } from "../harness/stack-file";
import { codeArtifactDomainArn, codeArtifactRepositoryArn, trailArn } from "../infra/arns";
import type {
  LoggingDocuments,
  LoggingIds,
  MatrixInput,
  OperatorDocuments,
  PolicyJson,
  SetupDocuments,
  SetupIds,
} from "./matrix";
import type { DeploymentRuns } from "../plan/run";
import { unlockedOperatorConfig } from "../plan/phases";
import { withOperatorReference } from "../plan/wiring";

const ROOT = join(__dirname, "..");
/** The name the hardened operator uses for the municipality stack (self-managed backend form). */
export const MUNICIPALITY_STACK_REFERENCE = "organization/bedrock-lz/municipality";
/** The name a metered municipality uses for the operator stack (same backend form). */
export const OPERATOR_STACK_REFERENCE = "organization/bedrock-lz/operator";

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

/** AWS's default endpoint policy: what a referenced endpoint whose policy is left alone may carry. */
const NOT_ENFORCED: PolicyJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
};

/**
 * The policy on the municipality's endpoint for `service` with id `endpointId`: undefined when the
 * endpoint is switched off; the one this stack writes (a created endpoint or a referenced one it
 * manages — found by id, or by service when explicit ids in the operator's file stand for it); else, for a referenced endpoint left alone, AWS's default full-access policy: that
 * layer is not enforced by this stack, and the matrix shows it.
 */
function policyOfEndpoint(run: ProgramRun, service: string, endpointId: string | undefined): PolicyJson | undefined {
  if (endpointId === undefined) return undefined;
  const created = run.resources.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
  const endpoint =
    run.resources.find(
      (r) => r.type === "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy" && r.inputs.vpcEndpointId === endpointId,
    ) ??
    created.find((r) => fakeId(r.type, r.name, run.stack) === endpointId) ??
    created.find((r) => String(r.inputs.serviceName).endsWith(`.${service}`)) ??
    // Explicit ids standing for a referenced endpoint whose policy this stack manages.
    run.resources.find(
      (r) => r.type === "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy" && r.name.endsWith(`-${service}-policy`),
    );
  return endpoint === undefined ? NOT_ENFORCED : (JSON.parse(String(endpoint.inputs.policy)) as PolicyJson);
}

/**
 * The municipality config of `file` deployed into the existing VPC of the shipped example: the
 * same account, roles and endpoints choices, so the matrix's identities still apply.
 */
export function existingVpcConfig(
  file: StackConfigFile,
  example: StackConfigFile = readStackConfigFile(join(ROOT, "Pulumi.municipality-existing-vpc.yaml")),
): Record<string, string> {
  const { [configKeyOf(["vpc"])]: _newVpc, ...rest } = file.config;
  return { ...rest, [configKeyOf(["existingVpc"])]: example.config[configKeyOf(["existingVpc"])] };
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
    /** The hardened operator with guardrail enforcement on the invoke roles (and, here, the trail). */
    readonly guarded?: ProgramRun;
    /** The municipality with its setup-time features on. */
    readonly setup?: ProgramRun;
    /** The same municipality deployed into an existing VPC. */
    readonly existingVpc?: ProgramRun;
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

  // Step 1 of the deploy order: whatever phase the operator's file is in (step 3 names the
  // municipality stack or its endpoint ids), nothing is locked yet.
  const unlockedConfig = unlockedOperatorConfig(operatorFile.config);
  const unlocked = await runStackProgram({
    stack: operatorFile.stack,
    config: unlockedConfig,
    accountId: operatorAccountId,
  });
  // A metering operator publishes each municipality's application profile; the municipality
  // reads it through a stack reference (its endpoint policy admits that one ARN), as a
  // deployment must: with only operatorRoleArn it would fall back to the bare jp. profile.
  const metered = operatorOutputsOf(unlocked.outputs).inferenceProfileArns?.[municipalityName] !== undefined;
  const wired = (config: Record<string, string>) =>
    metered ? withOperatorReference(config, OPERATOR_STACK_REFERENCE) : config;
  const operatorOutputs = metered ? { [OPERATOR_STACK_REFERENCE]: unlocked.outputs } : undefined;

  const municipality = await runStackProgram({
    stack: municipalityFile.stack,
    config: wired(municipalityFile.config),
    accountId: municipalityAccountId,
    stackOutputs: operatorOutputs,
  });

  // Step 3 of the deploy order: the operator reads the municipality's endpoint ids. The peer
  // entry is rewritten as the user would write it, so the program validates the change too.
  const peers = rawConfigOf(unlockedConfig).municipalities as Record<string, Record<string, unknown>>;
  const hardenedConfig = {
    ...unlockedConfig,
    [configKeyOf(["municipalities"])]: JSON.stringify({
      ...peers,
      [municipalityName]: {
        ...peers[municipalityName],
        municipalityStack: MUNICIPALITY_STACK_REFERENCE,
        lockTrustToStsEndpoint: true,
      },
    }),
  };
  const hardened = await runStackProgram({
    stack: operatorFile.stack,
    config: hardenedConfig,
    accountId: operatorAccountId,
    stackOutputs: { [MUNICIPALITY_STACK_REFERENCE]: municipality.outputs },
  });

  // Step 3 again with the optional operator features the shipped config leaves off: a guardrail
  // enforced on the invoke roles and, when invocation logging is on, the CloudTrail trail into its bucket.
  const logging = rawConfigOf(operatorFile.config).invocationLogging as Record<string, unknown> | undefined;
  const guarded = await runStackProgram({
    stack: operatorFile.stack,
    config: {
      ...hardenedConfig,
      [configKeyOf(["guardrail"])]: JSON.stringify(ENFORCED_GUARDRAIL),
      ...(logging?.enabled !== false
        ? { [configKeyOf(["invocationLogging"])]: JSON.stringify({ ...logging, cloudTrail: true }) }
        : {}),
    },
    accountId: operatorAccountId,
    stackOutputs: { [MUNICIPALITY_STACK_REFERENCE]: municipality.outputs },
  });

  const existingVpc = await runStackProgram({
    stack: municipalityFile.stack,
    config: wired(existingVpcConfig(municipalityFile)),
    accountId: municipalityAccountId,
    stackOutputs: operatorOutputs,
  });

  // The municipality while it is being set up (docs/municipality.md): pip through the mirror and
  // Session Manager on; switched off again in the steady state the other runs show.
  const codeArtifact = rawConfigOf(municipalityFile.config).codeArtifact as Record<string, unknown> | undefined;
  const setup = await runStackProgram({
    stack: municipalityFile.stack,
    config: {
      ...municipalityFile.config,
      [configKeyOf(["codeArtifact"])]: JSON.stringify({ ...codeArtifact, mirror: true, clientReadAccess: true }),
      [configKeyOf(["sessionAccess"])]: JSON.stringify({ enabled: true }),
    },
    accountId: municipalityAccountId,
  });

  const runs = { municipality, unlocked, hardened, guarded, existingVpc, setup };
  return {
    input: matrixInputFromRuns(runs, municipalityName, {
      externalId: operatorConfig.municipalities[municipalityName]?.externalId,
      trustLocked: true,
      // An operator file that enforces its guardrail already guards every invoke the matrix expects to pass.
      guardrailEnforced: operatorConfig.guardrail?.enforceOnInvokeRoles === true,
    }),
    runs,
  };
}

/** The policy of the created endpoint for `service` (setup-time endpoints are always created). */
function createdEndpointPolicy(run: ProgramRun, service: string): PolicyJson {
  const endpoint = run.resources.find(
    (r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && String(r.inputs.serviceName).endsWith(`.${service}`),
  );
  if (endpoint === undefined) throw new Error(`${run.stack}: no ${service} endpoint`);
  return JSON.parse(String(endpoint.inputs.policy)) as PolicyJson;
}

/** The setup-time documents and the mirror's names, from a run with those features on. */
function setupOf(run: ProgramRun, region: string): { ids: SetupIds; documents: SetupDocuments } {
  const domain = resource(run, "aws:codeartifact/domainPermissions:DomainPermissions", "pypi-domain-policy").inputs;
  const repositories = run.resources.filter((r) => r.type === "aws:codeartifact/repository:Repository");
  const repository = (name: string) =>
    codeArtifactRepositoryArn(
      region,
      String(domain.domainOwner),
      String(domain.domain),
      String(repositories.find((r) => r.name === name)?.inputs.repository),
    );
  const role = "aws:iam/rolePolicy:RolePolicy";
  return {
    ids: {
      domainArn: codeArtifactDomainArn(region, String(domain.domainOwner), String(domain.domain)),
      repositoryArn: repository("pypi-repository"),
      upstreamRepositoryArn: repository("pypi-upstream"),
    },
    documents: {
      clientPolicy: policyInput(run, role, "client-assume-operator", "policy"),
      codeArtifactReadPolicy: policyInput(run, role, "codeartifact-read-policy", "policy"),
      sessionManagerPolicy: policyInput(run, role, "session-agent", "policy"),
      codeArtifactEndpointPolicy: createdEndpointPolicy(run, "codeartifact.api"),
      ssmEndpointPolicy: createdEndpointPolicy(run, "ssm"),
      ssmmessagesEndpointPolicy: createdEndpointPolicy(run, "ssmmessages"),
      ec2messagesEndpointPolicy: createdEndpointPolicy(run, "ec2messages"),
      domainPolicy: policyInput(
        run,
        "aws:codeartifact/domainPermissions:DomainPermissions",
        "pypi-domain-policy",
        "policyDocument",
      ),
      repositoryPolicy: policyInput(
        run,
        "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
        "pypi-repository-policy",
        "policyDocument",
      ),
    },
  };
}

/** Invocation logging of an operator run, or undefined when it is off. */
function loggingOf(
  run: ProgramRun,
  region: string,
  accountId: string,
): { ids: LoggingIds; documents: LoggingDocuments } | undefined {
  const configuration = run.resources.find(
    (r) => r.type === "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
  );
  if (configuration === undefined) return undefined;
  const s3 = (configuration.inputs.loggingConfig as { s3Config: { keyPrefix: string } }).s3Config;
  const trail = run.resources.find((r) => r.type === "aws:cloudtrail/trail:Trail");
  const key = resource(run, "aws:kms/key:Key", "invocation-logging-key");
  return {
    ids: {
      bucketName: String(resource(run, "aws:s3/bucket:Bucket", "invocation-logging-bucket").inputs.bucket),
      keyPrefix: s3.keyPrefix,
      keyArn: `arn:aws:kms:${region}:${accountId}:key/${fakeId(key.type, key.name, run.stack)}`,
      trailArn: trail !== undefined ? trailArn(region, accountId, String(trail.inputs.name)) : undefined,
    },
    documents: {
      bucketPolicy: policyInput(run, "aws:s3/bucketPolicy:BucketPolicy", "invocation-logging-bucket-policy", "policy"),
      keyPolicy: policyInput(run, "aws:kms/key:Key", "invocation-logging-key", "policy"),
    },
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
  const { municipality, unlocked, hardened, guarded, existingVpc, setup } = runs;
  const guardedDocuments = guarded !== undefined ? operatorDocuments(guarded, municipalityName) : undefined;
  const municipalityOutputs = municipalityOutputsOf(municipality.outputs);
  const operatorOutputs = operatorOutputsOf(hardened.outputs);
  const endpointIds =
    settings.endpointIds ?? required(municipalityOutputs.endpointIds, municipality.stack, "endpointIds");
  const invokeRoleArns = required(operatorOutputs.invokeRoleArns, hardened.stack, "invokeRoleArns");
  const otherMunicipality = Object.keys(invokeRoleArns).find((name) => name !== municipalityName);
  const sharedEndpointIds =
    existingVpc && required(municipalityOutputsOf(existingVpc.outputs).endpointIds, existingVpc.stack, "endpointIds");
  const existingVpcIds = sharedEndpointIds && {
    stsEndpointId: sharedEndpointIds.sts,
    bedrockRuntimeEndpointId: sharedEndpointIds["bedrock-runtime"],
  };
  // Metering on: the municipality's own application profile, and another one of the same operator.
  const profileArns = operatorOutputs.inferenceProfileArns ?? undefined;
  const operatorRoleArn = invokeRoleArns[municipalityName];
  if (operatorRoleArn === undefined) throw new Error(`${hardened.stack}: no invoke role for ${municipalityName}`);
  const region = required(operatorOutputs.region, hardened.stack, "region");
  const operatorAccountId = required(operatorOutputs.accountId, hardened.stack, "accountId");
  const logging = loggingOf(hardened, region, operatorAccountId);
  const trailRun = guarded && loggingOf(guarded, region, operatorAccountId);
  const loggingTrail = trailRun?.ids.trailArn !== undefined ? trailRun : undefined;
  const setupRun = setup && setupOf(setup, region);

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
      existingVpc: existingVpcIds,
      applicationProfileArn: profileArns?.[municipalityName],
      otherApplicationProfileArn: otherMunicipality !== undefined ? profileArns?.[otherMunicipality] : undefined,
      setup: setupRun?.ids,
      logging: logging?.ids,
      loggingTrail: loggingTrail?.ids,
    },
    municipality: {
      clientPolicy: policyInput(municipality, "aws:iam/rolePolicy:RolePolicy", "client-assume-operator", "policy"),
      stsEndpointPolicy: policyOfEndpoint(municipality, "sts", endpointIds.sts),
      bedrockRuntimeEndpointPolicy: policyOfEndpoint(municipality, "bedrock-runtime", endpointIds["bedrock-runtime"]),
      guardrails: required(municipalityOutputs.guardrails, municipality.stack, "guardrails"),
    },
    unlocked: operatorDocuments(unlocked, municipalityName),
    hardened: operatorDocuments(hardened, municipalityName),
    guarded: guardedDocuments,
    setup: setupRun?.documents,
    logging: logging?.documents,
    loggingTrail: loggingTrail?.documents,
    existingVpc:
      existingVpc && existingVpcIds
        ? {
            stsEndpointPolicy: policyOfEndpoint(existingVpc, "sts", existingVpcIds.stsEndpointId),
            bedrockRuntimeEndpointPolicy: policyOfEndpoint(
              existingVpc,
              "bedrock-runtime",
              existingVpcIds.bedrockRuntimeEndpointId,
            ),
          }
        : undefined,
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
