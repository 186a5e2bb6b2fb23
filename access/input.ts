/**
 * Collects the documents the access matrix evaluates from the real program runs under mocks of the
 * user's stack files: never from hand-written copies. The runs are the offline plan's (plan/run.ts:
 * the deploy phases on the files as written, with the documented hand-overs filled), and for
 * `npm run matrix` a few what-if variants of the same files with optional features switched on,
 * each named below: the STS trust lock, an enforced guardrail with the CloudTrail trail, the same
 * municipality in a shared (existing) VPC, and its setup-time features.
 */
import { configKeyOf, rawConfigOf } from "../infra/config";
import { municipalityOutputsOf, operatorOutputsOf } from "../stacks";
import type { ProgramRun, RecordedResource } from "../harness/mock-engine";
import { fakeId } from "../harness/mock-engine";
import { runStackProgram } from "../harness/run-stack";
import type { StackConfigFile } from "../harness/stack-file";
import { codeArtifactDomainArn, codeArtifactRepositoryArn, trailArn } from "../infra/arns";
import type {
  LoggingDocuments,
  LoggingIds,
  MatrixInput,
  OperatorDocuments,
  PolicyJson,
  SetupDocuments,
  SetupIds,
} from "./types";
import { type DeploymentRuns, type StackRun, StackRunError, planDeployment } from "../plan/run";
import { serviceOffered } from "../infra/regions";
import { bindRun } from "../plan/bindings";

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
 * The shared VPC the matrix deploys a municipality into for access/scenarios/existing-vpc.ts (the
 * mock engine answers for any VPC and subnet id): two subnets, and the two kinds of endpoint such a
 * VPC already has, an STS endpoint whose policy this stack manages and an S3 gateway left alone.
 */
export const SHARED_VPC = {
  vpcId: "vpc-0e1e2e3e4e5e6e7e8",
  subnetIds: ["subnet-0e1e2e3e4e5e6e7e0", "subnet-0e1e2e3e4e5e6e7e1"],
  routeTableIds: ["rtb-0e1e2e3e4e5e6e7e2"],
  endpoints: {
    sts: { existingEndpointId: "vpce-0e1e2e3e4e5e6e7e3", manageExistingPolicy: true },
    s3: { existingEndpointId: "vpce-0e1e2e3e4e5e6e7e4", manageExistingPolicy: false },
  },
};

/** A municipality's config deployed into {@link SHARED_VPC}: the same account, roles and endpoint choices. */
export function existingVpcConfig(flat: Readonly<Record<string, string>>): Record<string, string> {
  if (flat[configKeyOf(["existingVpc"])] !== undefined) return { ...flat };
  const { [configKeyOf(["vpc"])]: _newVpc, ...rest } = flat;
  return { ...rest, [configKeyOf(["existingVpc"])]: JSON.stringify(SHARED_VPC) };
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

/** A variant run of a stack of the plan: its end-state config edited, the same references and hand-over values. */
async function variant(base: StackRun, edit: (flat: Record<string, string>) => Record<string, string>, bound = true) {
  let run;
  try {
    run = await runStackProgram({
      stack: base.loaded.stack,
      config: edit({ ...base.flat }),
      accountId: base.config.accountId,
      stackOutputs: base.stackOutputs,
    });
  } catch (error) {
    throw new StackRunError(base.loaded.stack, base.loaded.file, error);
  }
  return bound ? bindRun(run, base.bindings) : run;
}

/**
 * The operator's end state with the opt-in STS trust lock for `name` (`lockTrustToStsEndpoint`),
 * as the user would add it: with the municipality's STS endpoint id when step 3 copies ids.
 */
function withTrustLock(flat: Record<string, string>, name: string, stsEndpointId: string | undefined) {
  const key = configKeyOf(["municipalities"]);
  const peers = rawConfigOf(flat).municipalities as Record<string, Record<string, unknown>>;
  const peer = peers[name];
  const needsId = peer.municipalityStack === undefined && peer.stsEndpointId === undefined;
  return {
    ...flat,
    [key]: JSON.stringify({
      ...peers,
      [name]: { ...peer, lockTrustToStsEndpoint: true, ...(needsId && stsEndpointId ? { stsEndpointId } : {}) },
    }),
  };
}

/**
 * The matrix input of one pair of a planned deployment, with the what-if variants `npm run matrix`
 * proves beyond the files as written: the trust lock, an enforced guardrail (and, when invocation
 * logging is on, the CloudTrail trail into its bucket), the municipality in a shared VPC, and the
 * municipality while it is being set up (pip through the mirror and Session Manager on).
 */
export async function matrixRunsOf(
  deployment: DeploymentRuns,
  operatorStack: string,
  municipalityStack: string,
): Promise<MatrixRuns> {
  const municipalityRun = deployment.endState.get(municipalityStack)!;
  const lockedRun = deployment.endState.get(operatorStack)!;
  const unlockedRun = deployment.phases.operator.get(operatorStack)!;
  if (municipalityRun.config.account !== "municipality" || lockedRun.config.account !== "operator")
    throw new Error(`${operatorStack} / ${municipalityStack}: not an operator and a municipality`);
  const name = municipalityRun.config.municipalityName;
  const operatorConfig = lockedRun.config;
  const stsEndpointId = municipalityOutputsOf(municipalityRun.run.outputs).endpointIds?.sts;

  const hardenedFlat = (flat: Record<string, string>) => withTrustLock(flat, name, stsEndpointId);
  const hardened = await variant(lockedRun, hardenedFlat);
  const logging = rawConfigOf(lockedRun.flat).invocationLogging as Record<string, unknown> | undefined;
  const guarded = await variant(lockedRun, (flat) => ({
    ...hardenedFlat(flat),
    [configKeyOf(["guardrail"])]: JSON.stringify(ENFORCED_GUARDRAIL),
    ...(logging?.enabled !== false
      ? { [configKeyOf(["invocationLogging"])]: JSON.stringify({ ...logging, cloudTrail: true }) }
      : {}),
  }));
  // Its own endpoints' placeholders do not name the shared VPC's, so that run is not bound.
  const existingVpc = await variant(municipalityRun, existingVpcConfig, false);
  // The setup run needs the mirror, and CodeArtifact exists only in some regions (infra/regions.ts):
  // elsewhere there is no setup run to prove, and its scenarios are not generated.
  const codeArtifact = rawConfigOf(municipalityRun.flat).codeArtifact as Record<string, unknown> | undefined;
  const setup = serviceOffered(municipalityRun.config.region, "codeartifact")
    ? await variant(municipalityRun, (flat) => ({
        ...flat,
        [configKeyOf(["codeArtifact"])]: JSON.stringify({ ...codeArtifact, mirror: true, clientReadAccess: true }),
        [configKeyOf(["sessionAccess"])]: JSON.stringify({ enabled: true }),
      }))
    : undefined;

  const runs = {
    municipality: municipalityRun.run,
    unlocked: unlockedRun.run,
    hardened,
    guarded,
    existingVpc,
    setup,
  };
  return {
    input: matrixInputFromRuns(runs, name, {
      // withTrustLock has read this entry already.
      externalId: operatorConfig.municipalities[name]!.externalId,
      trustLocked: true,
      // An operator file that enforces its guardrail already guards every invoke the matrix expects to pass.
      guardrailEnforced: operatorConfig.guardrail?.enforceOnInvokeRoles === true,
    }),
    runs,
  };
}

/**
 * The matrix input of an operator file and a municipality file, planned together (plan/run.ts),
 * with the what-if variants of {@link matrixRunsOf}.
 */
export async function collectMatrixInput(
  operatorFile: StackConfigFile,
  municipalityFile: StackConfigFile,
): Promise<MatrixRuns> {
  const loaded = [operatorFile, municipalityFile].map((file) => ({
    stack: file.stack,
    file: `Pulumi.${file.stack}.yaml`,
    config: file.config,
  }));
  const deployment = await planDeployment(loaded);
  return matrixRunsOf(deployment, operatorFile.stack, municipalityFile.stack);
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
}

/**
 * The matrix input from the program runs of a pair (municipality, operator before and after the
 * lock), e.g. the offline plan's. The endpoint ids are the municipality's outputs: where the
 * operator's file gives them, the plan has bound the municipality's placeholders to them.
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
  const endpointIds = required(municipalityOutputs.endpointIds, municipality.stack, "endpointIds");
  const invokeRoleArns = required(operatorOutputs.invokeRoleArns, hardened.stack, "invokeRoleArns");
  const [otherMunicipality, otherMunicipalityRoleArn] =
    Object.entries(invokeRoleArns).find(([name]) => name !== municipalityName) ?? [];
  const sharedEndpointIds =
    existingVpc && required(municipalityOutputsOf(existingVpc.outputs).endpointIds, existingVpc.stack, "endpointIds");
  const existingVpcIds = sharedEndpointIds && {
    stsEndpointId: sharedEndpointIds.sts,
    bedrockRuntimeEndpointId: sharedEndpointIds["bedrock-runtime"],
  };
  // Metering on: the municipality's own application profile, and another one of the same operator.
  const profileArns = operatorOutputs.inferenceProfileArns;
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
      operatorAccountId,
      municipalityAccountId: required(municipalityOutputs.accountId, municipality.stack, "accountId"),
      operatorRoleArn,
      otherMunicipalityRoleArn,
      clientRoleArn: required(municipalityOutputs.clientRoleArn, municipality.stack, "clientRoleArn"),
      clientModelId: municipalityOutputs.modelId,
      bedrockRuntimeEndpointId: endpointIds["bedrock-runtime"],
      stsEndpointId: endpointIds.sts,
      externalId: settings.externalId,
      trustLocked: settings.trustLocked,
      guardrailEnforced: settings.guardrailEnforced,
      inferenceProfileId: required(operatorOutputs.inferenceProfileId, hardened.stack, "inferenceProfileId"),
      inferenceProfileArn: required(operatorOutputs.inferenceProfileArn, hardened.stack, "inferenceProfileArn"),
      region,
      guardrailIdentifier: guardedDocuments && enforcedGuardrailIdentifier(guardedDocuments.invokePolicy),
      sharesItsVpc: municipality.resources.some((r) => r.type === "bedrock-lz:network:ExistingVpc"),
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
 * step 1 run and end state and the municipality's end state, with the expectations its config sets.
 */
export function pairMatrixInput(
  deployment: DeploymentRuns,
  operatorStack: string,
  municipalityStack: string,
): MatrixInput {
  const municipality = deployment.endState.get(municipalityStack)!;
  const unlocked = deployment.phases.operator.get(operatorStack)!;
  const hardened = deployment.endState.get(operatorStack)!;
  if (municipality.config.account !== "municipality" || hardened.config.account !== "operator")
    throw new Error(`${operatorStack} / ${municipalityStack}: not an operator and a municipality`);
  const name = municipality.config.municipalityName;
  const peer = hardened.config.municipalities[name];
  const enforced = hardened.config.guardrail?.enforceOnInvokeRoles === true;
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
    },
  );
}
