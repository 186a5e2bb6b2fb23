/**
 * The documented deploy order as code (docs/deployment.md): operator up → municipality up →
 * operator refresh + up with the invoke role locked to the municipality's bedrock-runtime
 * endpoint. Pure orchestration over a small stack interface, so it is tested with a fake;
 * `deploy/cli.ts` plugs in the Pulumi Automation API.
 *
 * Both stacks' configs are validated (the program's own schema) before anything changes, and
 * the first failing step stops the run with which step failed, on which stack, and what to do.
 */
import {
  CONFIG_NAMESPACE,
  ConfigError,
  crossStackProblems,
  type MunicipalityConfig,
  type OperatorConfig,
  parseStackConfig,
  rawConfigOf,
} from "../infra/config";
import {
  MUNICIPALITY_ENDPOINT_IDS_OUTPUT,
  OPERATOR_PROFILE_ARNS_OUTPUT,
  municipalityOutputsOf,
  operatorOutputsOf,
} from "../stacks/contract";
import { DEPLOY_MESSAGES as m } from "./messages";

/** What the orchestration needs from a stack; the Automation API's `Stack` provides all of it. */
export interface DeployableStack {
  readonly name: string;
  /** The stack's config as the engine sees it: full keys, structured values as JSON. */
  config(): Promise<Record<string, string>>;
  /** Sets one value by config path (`bedrock-lz:municipalities.sapporo.bedrockRuntimeEndpointId`). */
  setConfigPath(path: string, value: string): Promise<void>;
  removeConfigPath(path: string): Promise<void>;
  up(): Promise<void>;
  preview(options: { readonly refresh: boolean }): Promise<void>;
  refresh(): Promise<void>;
  outputs(): Promise<Record<string, unknown>>;
}

export type DeployMode = "up" | "preview";

export interface OrderedDeployArgs {
  readonly operator: DeployableStack;
  readonly municipality: DeployableStack;
  readonly mode: DeployMode;
  /** Progress lines for the person running the deploy, in English (./messages.ts has them in Japanese too). */
  readonly log: (line: string) => void;
}

/** Where a municipality keeps the metering operator's application profile it hands its clients. */
const PROFILE_PATH = `${CONFIG_NAMESPACE}:operatorInferenceProfileArn`;

/** Why the run stopped: the step, the stack it ran on, and the cause. */
export class DeployError extends Error {
  constructor(
    readonly step: string,
    readonly stack: string | undefined,
    readonly cause: unknown,
    advice: string,
  ) {
    super(m.failed({ step, stack, cause: messageOf(cause), advice }));
    this.name = "DeployError";
  }
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

const RERUN = m.rerun;

/** Config paths the lock step sets on the operator stack for one municipality. */
export function endpointLockPaths(municipality: string) {
  const peer = `${CONFIG_NAMESPACE}:municipalities.${municipality}`;
  return { bedrockRuntime: `${peer}.bedrockRuntimeEndpointId`, sts: `${peer}.stsEndpointId` } as const;
}

interface ValidatedPair {
  readonly operator: OperatorConfig;
  readonly municipality: MunicipalityConfig;
}

/** The stack file the Pulumi CLI reads for a stack, for messages. */
function stackFileOf(stack: DeployableStack): string {
  return `Pulumi.${stack.name}.yaml`;
}

async function validate(
  operator: DeployableStack,
  municipality: DeployableStack,
  log: (line: string) => void,
): Promise<ValidatedPair> {
  const step = m.checkingConfig;
  const parse = async (stack: DeployableStack) => {
    try {
      return parseStackConfig(rawConfigOf(await stack.config()));
    } catch (error) {
      const advice = error instanceof ConfigError ? m.fixStackFile({ stack: stack.name }) : RERUN;
      throw new DeployError(step, stack.name, error, advice);
    }
  };
  const operatorConfig = await parse(operator);
  const municipalityConfig = await parse(municipality);
  if (operatorConfig.account !== "operator") {
    throw new DeployError(step, operator.name, m.accountIs({ account: operatorConfig.account }), m.passOperator);
  }
  if (municipalityConfig.account !== "municipality") {
    throw new DeployError(
      step,
      municipality.name,
      m.accountIs({ account: municipalityConfig.account }),
      m.passMunicipality,
    );
  }
  // The same cross-file checks as the plan (infra/config/cross-stack.ts): each of these would
  // deploy cleanly and then deny every call, so an error stops the run before anything changes.
  const problems = crossStackProblems([
    { file: stackFileOf(operator), config: operatorConfig },
    { file: stackFileOf(municipality), config: municipalityConfig },
  ]);
  for (const problem of problems.filter((p) => p.severity === "warning")) {
    log(m.crossWarning({ message: problem.message, keys: problem.keys.join(", ") }));
  }
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new DeployError(
      step,
      `${operator.name} + ${municipality.name}`,
      m.crossErrors({ problems: errors.map((p) => m.crossError({ message: p.message, keys: p.keys.join(", ") })) }),
      m.mustAgree,
    );
  }
  return { operator: operatorConfig, municipality: municipalityConfig };
}

/** Runs one stack operation as a numbered step; any failure becomes a {@link DeployError}. */
async function step<T>(
  label: string,
  stack: DeployableStack,
  log: (line: string) => void,
  operation: () => Promise<T>,
): Promise<T> {
  log(m.stepStarts({ step: label, stack: stack.name }));
  try {
    return await operation();
  } catch (error) {
    throw new DeployError(label, stack.name, error, RERUN);
  }
}

export interface OrderedDeployResult {
  /** Config the lock step set on the operator stack (path → value); empty if none was needed. */
  readonly lockConfig: Readonly<Record<string, string>>;
  /** Whether step 3 ran (it is skipped in a preview of a municipality that has never been deployed). */
  readonly lockApplied: boolean;
}

export async function orderedDeploy(args: OrderedDeployArgs): Promise<OrderedDeployResult> {
  const { operator, municipality, mode, log } = args;
  const verb = mode === "up" ? "up" : "preview";
  const { operator: operatorConfig, municipality: municipalityConfig } = await validate(operator, municipality, log);
  const name = municipalityConfig.municipalityName;
  const peer = operatorConfig.municipalities[name];

  const run = (stack: DeployableStack) => (mode === "up" ? stack.up() : stack.preview({ refresh: false }));
  await step(m.stepRun({ step: 1, who: "operator", verb }), operator, log, () => run(operator));
  const profile = await profileHandOver();
  await step(m.stepRun({ step: 2, who: "municipality", verb }), municipality, log, async () => {
    try {
      if (profile !== undefined) {
        log(m.settingConfig({ verb, path: PROFILE_PATH, value: profile }));
        await municipality.setConfigPath(PROFILE_PATH, profile);
      }
      await run(municipality);
    } finally {
      // A preview must leave the stack's config as it found it.
      if (mode === "preview" && profile !== undefined) {
        const old = municipalityConfig.operatorInferenceProfileArn;
        if (old === undefined) await municipality.removeConfigPath(PROFILE_PATH);
        else await municipality.setConfigPath(PROFILE_PATH, old);
      }
    }
  });

  // Step 3: lock the invoke role to the municipality's endpoints.
  if (peer.municipalityStack !== undefined) {
    log(m.readsFromStack({ stack: peer.municipalityStack }));
    await lockRun({}, {});
    return { lockConfig: {}, lockApplied: true };
  }

  const outputs = await step(m.stepReadIds, municipality, log, () => municipality.outputs());
  const endpointIds = municipalityOutputsOf(outputs)[MUNICIPALITY_ENDPOINT_IDS_OUTPUT];
  const bedrockRuntime = endpointIds?.["bedrock-runtime"];
  if (typeof bedrockRuntime !== "string" || bedrockRuntime === "") {
    if (mode === "preview" && endpointIds === undefined) {
      log(m.noEndpointIdsYet({ stack: municipality.name, output: MUNICIPALITY_ENDPOINT_IDS_OUTPUT }));
      return { lockConfig: {}, lockApplied: false };
    }
    throw new DeployError(
      m.stepReadIds,
      municipality.name,
      m.noBedrockEndpointId({
        output: MUNICIPALITY_ENDPOINT_IDS_OUTPUT,
        has: Object.keys(endpointIds ?? {}).join(", ") || undefined,
      }),
      m.enableBedrockEndpoint({ stack: municipality.name }),
    );
  }
  const paths = endpointLockPaths(name);
  const wanted: Record<string, string> = { [paths.bedrockRuntime]: bedrockRuntime };
  const sts = endpointIds?.sts;
  if (typeof sts === "string" && sts !== "") wanted[paths.sts] = sts;
  const previous: Record<string, string | undefined> = {
    [paths.bedrockRuntime]: peer.bedrockRuntimeEndpointId,
    [paths.sts]: peer.stsEndpointId,
  };
  await lockRun(wanted, previous);
  return { lockConfig: wanted, lockApplied: true };

  /**
   * The hand-over after step 1 (docs/operator.md, "Metering"): a municipality on `operatorRoleArn`
   * passes its application profile to its clients as `modelId`, so it gets the metering operator's
   * output `inferenceProfileArns.<name>` before its own up. Undefined when there is nothing to change.
   */
  async function profileHandOver(): Promise<string | undefined> {
    if (!("roleArn" in municipalityConfig.operator)) return undefined;
    const outputs = await step(m.stepReadProfile, operator, log, () => operator.outputs());
    const exported = operatorOutputsOf(outputs)[OPERATOR_PROFILE_ARNS_OUTPUT]?.[name];
    if (typeof exported !== "string" || exported === municipalityConfig.operatorInferenceProfileArn) return undefined;
    return exported;
  }

  async function lockRun(set: Record<string, string>, before: Record<string, string | undefined>) {
    const changes = Object.entries(set).filter(([path, value]) => before[path] !== value);
    const label = m.stepLock({ verb });
    await step(label, operator, log, async () => {
      try {
        for (const [path, value] of changes) {
          log(m.settingConfig({ verb, path, value }));
          await operator.setConfigPath(path, value);
        }
        if (mode === "up") {
          await operator.refresh();
          await operator.up();
        } else {
          await operator.preview({ refresh: true });
        }
      } finally {
        // A preview must leave the stack's config as it found it.
        if (mode === "preview") {
          for (const [path] of changes) {
            const old = before[path];
            if (old === undefined) await operator.removeConfigPath(path);
            else await operator.setConfigPath(path, old);
          }
        }
      }
    });
  }
}
