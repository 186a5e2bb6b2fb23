/**
 * Runs the real program once per stack under the mock engine, in deployment order, and records
 * the result as a {@link Plan}: operators first (their invoke role ARNs feed the
 * municipalities), then municipalities, then — when an operator reads a municipality's endpoint
 * ids (`municipalities.<name>.municipalityStack`) — that operator again, as step 3 of the
 * documented deploy order does.
 */
import {
  MUNICIPALITY_ENDPOINT_IDS_OUTPUT,
  OPERATOR_ROLE_ARNS_OUTPUT,
  municipalityOutputsOf,
  readStackConfig,
  runStack,
} from "../stacks";
import {
  DEPLOY_PHASES,
  type DeployPhaseName,
  type LockedOperator,
  lockedOperatorConfig,
  unlockedOperatorConfig,
} from "./phases";
import { type StackConfig, configKeyOf, parseStackConfig, rawConfigOf } from "../infra/config";
import { type ProgramRun, runProgram } from "../harness/mock-engine";
import { documentFileName, normaliseInputs, toPlainJson } from "./documents";
import {
  PLAN_VERSION,
  type Plan,
  type PlanChange,
  type PlanDocument,
  type PlanPhase,
  type PlanResource,
  type PlanStack,
  type PlanWiring,
} from "./schema";
import { readStackConfigFile } from "../harness/stack-file";
import {
  type Localised,
  PLAN_MESSAGES,
  type PlanMessages,
  type PlanNote,
  localise,
  noteText,
  planNote,
} from "./messages";
import {
  type MunicipalityWiring,
  OPERATOR_ROLE_ARN_KEY,
  OPERATOR_STACK_KEY,
  findFeeds,
  invokeRoleArnFor,
  municipalityWiring,
  referencesStack,
  stringsIn,
  withOperatorReference,
} from "./wiring";

/**
 * A problem with what the user asked for (arguments, files): reported like a config error.
 * `message` is English; {@link messageIn} says it in the reader's language when the plan wrote it.
 */
export class PlanInputError extends Error {
  constructor(private readonly text: Localised) {
    super(localise(text));
    this.name = "PlanInputError";
  }

  messageIn(messages: PlanMessages): string {
    return localise(this.text, messages);
  }
}

/** A stack whose program failed (bad config, a RunError); the message says which stack. */
export class StackRunError extends Error {
  constructor(
    readonly stack: string,
    readonly file: string,
    readonly cause: unknown,
  ) {
    super(PLAN_MESSAGES.en.cli.stackFailed(stack, file, cleanMessage(cause)));
    this.name = "StackRunError";
  }

  /** The program's or the config's own message stays as it is (English). */
  messageIn(messages: PlanMessages): string {
    return messages.cli.stackFailed(this.stack, this.file, cleanMessage(this.cause));
  }
}

/**
 * A RunError thrown inside an apply reaches us wrapped once per nesting level of the input it
 * was in (`error serializing property "policy": ...`); the user needs only the message.
 */
export function cleanMessage(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return message.replace(/^(error serializing property "[^"]*": )+/, "");
}

export interface LoadedStack {
  readonly stack: string;
  readonly file: string;
  /** The engine's flat config map (`bedrock-lz:account` → `operator`). */
  readonly config: Readonly<Record<string, string>>;
}

export function loadStackFiles(files: readonly string[]): LoadedStack[] {
  const loaded = files.map((file) => {
    try {
      const { stack, config } = readStackConfigFile(file);
      return { stack, file, config };
    } catch (error) {
      throw new PlanInputError((error as Error).message);
    }
  });
  const seen = new Map<string, string>();
  for (const { stack, file } of loaded) {
    const first = seen.get(stack);
    if (first !== undefined) throw new PlanInputError((m) => m.cli.alreadyLoaded(file, stack, first));
    seen.set(stack, file);
  }
  return loaded;
}

/**
 * A stack file's config as the program will read it. A config the schema rejects stops the plan
 * with the same message the program would give, before any stack runs.
 */
export function stackConfigOf(loaded: LoadedStack): StackConfig {
  try {
    return parseStackConfig(rawConfigOf(loaded.config));
  } catch (error) {
    throw new StackRunError(loaded.stack, loaded.file, error);
  }
}

export interface StackRun {
  readonly loaded: LoadedStack;
  readonly run: ProgramRun;
  readonly config: StackConfig;
  /** What the plan assumed for this run; plan.json holds their English text. */
  readonly notes: PlanNote[];
}

async function runStackFile(
  loaded: LoadedStack,
  config: Readonly<Record<string, string>>,
  stackOutputs: Record<string, Record<string, unknown>>,
  notes: PlanNote[] = [],
): Promise<StackRun> {
  let validated: StackConfig | undefined;
  try {
    const run = await runProgram({
      stack: loaded.stack,
      config,
      accountId: stackConfigOf(loaded).accountId,
      stackOutputs,
      // Exactly what index.ts does, keeping the validated config for plan.json.
      program: () => {
        validated = readStackConfig();
        return runStack(validated);
      },
    });
    return { loaded, run, config: validated!, notes };
  } catch (error) {
    throw new StackRunError(loaded.stack, loaded.file, error);
  }
}

/** Every program run of a deployment, per phase, with the config each stack ended with. */
export interface DeploymentRuns {
  readonly plan: Plan;
  /** Step 1 (unlocked operators), step 2 (municipalities), step 3 (locked operators), by stack. */
  readonly phases: Readonly<Record<DeployPhaseName, ReadonlyMap<string, StackRun>>>;
  /** How each operator's municipality entries are locked at step 3, by operator stack. */
  readonly locks: ReadonlyMap<string, LockedOperator["locks"]>;
}

export interface PlanOptions {
  /**
   * True (the default): an operator entry with no lock configured is locked at step 3 as the
   * deploy order does, so the plan shows the end state. False: files are taken as written.
   */
  readonly impliedLocks?: boolean;
}

export async function buildPlan(stacks: readonly LoadedStack[], options: PlanOptions = {}): Promise<Plan> {
  return (await planDeployment(stacks, options)).plan;
}

/**
 * Runs the deploy order (docs/deployment.md): operators unlocked, municipalities fed their
 * invoke role ARNs, operators locked to the endpoints. Every stack file is taken to its end
 * state whatever step it is written at; `plan.stacks` is that end state, `plan.phases` each step.
 */
export async function planDeployment(
  stacks: readonly LoadedStack[],
  options: PlanOptions = {},
): Promise<DeploymentRuns> {
  const configs = new Map(stacks.map((stack) => [stack, stackConfigOf(stack)]));
  const operators = stacks.filter((stack) => configs.get(stack)!.account === "operator");
  const municipalities = stacks.flatMap((stack) => {
    const config = configs.get(stack)!;
    return config.account === "municipality" ? [{ stack, config }] : [];
  });

  // Step 1: operators, without any lock (no endpoint exists yet).
  const operatorRuns = new Map<string, StackRun>();
  for (const operator of operators) {
    operatorRuns.set(operator.stack, await runStackFile(operator, unlockedOperatorConfig(operator.config), {}));
  }

  // Step 2: municipalities.
  const otherRuns: StackRun[] = [];
  const municipalityWirings = new Map<string, MunicipalityWiring>();
  for (const { stack, config: parsed } of municipalities) {
    const candidates = [...operatorRuns.values()].map(({ loaded, run }) => ({
      stack: loaded.stack,
      outputs: run.outputs,
    }));
    const wiring = municipalityWiring(parsed, candidates);
    municipalityWirings.set(stack.stack, wiring);
    if (wiring.kind === "missing") {
      const reference = wiring.reference;
      throw new PlanInputError((m) => m.cli.operatorStackMissing(stack.file, reference));
    }
    const notes: PlanNote[] = [];
    let config = stack.config;
    let stackOutputs: Record<string, Record<string, unknown>> = {};
    if (wiring.kind === "reference") {
      stackOutputs = { [wiring.reference]: operatorRuns.get(wiring.operator)!.run.outputs };
    } else if (wiring.kind === "replaced") {
      config = withOperatorReference(stack.config, wiring.operator);
      stackOutputs = { [wiring.operator]: operatorRuns.get(wiring.operator)!.run.outputs };
      const { operator, configuredArn, exportedArn } = wiring;
      notes.push(planNote("roleArnReplaced", { operator, configuredArn, exportedArn }));
    }
    if (wiring.kind === "given" && operatorRuns.size > 0) {
      notes.push(planNote("noOperatorExport", { name: parsed.municipalityName }));
    }
    otherRuns.push(await runStackFile(stack, config, stackOutputs, notes));
  }

  // Step 3: operators again, locked to the endpoints of the plan's municipality stacks.
  const planned = otherRuns.flatMap(({ loaded, config, run }) =>
    config.account === "municipality"
      ? [{ stack: loaded.stack, file: loaded.file, name: config.municipalityName, outputs: run.outputs }]
      : [],
  );
  const lockedRuns = new Map<string, StackRun>();
  const locks = new Map<string, LockedOperator["locks"]>();
  for (const operator of operators) {
    const locked = lockedOperatorConfig(operator.config, operator.file, planned, options.impliedLocks ?? true);
    locks.set(operator.stack, locked.locks);
    lockedRuns.set(
      operator.stack,
      await runStackFile(operator, locked.config, locked.stackOutputs, [
        ...operatorRuns.get(operator.stack)!.notes,
        ...locked.notes,
      ]),
    );
  }

  const planStacks: Record<string, PlanStack> = {};
  for (const stackRun of [...lockedRuns.values(), ...otherRuns]) {
    planStacks[stackRun.loaded.stack] = toPlanStack(stackRun);
  }
  const municipalityRuns = new Map(otherRuns.map((run) => [run.loaded.stack, run]));
  const phaseRuns = { operator: operatorRuns, municipalities: municipalityRuns, locked: lockedRuns };
  return {
    plan: {
      version: PLAN_VERSION,
      stacks: planStacks,
      wiring: wiringOf(planStacks, lockedRuns, otherRuns, municipalityWirings, locks),
      phases: phasesOf(phaseRuns),
    },
    phases: phaseRuns,
    locks,
  };
}

/** Each phase's documents, and what changed against the same stack's previous phase. */
function phasesOf(runs: Readonly<Record<DeployPhaseName, ReadonlyMap<string, StackRun>>>): PlanPhase[] {
  const previous = new Map<string, PlanDocument[]>();
  return DEPLOY_PHASES.map(({ name, step, title }) => {
    const stacks: PlanPhase["stacks"] = {};
    for (const [stack, stackRun] of runs[name]) {
      const prefix = `phases/${step}-${name}/`;
      const documents = toPlanStack(stackRun).documents.map((doc) => ({ ...doc, file: `${prefix}${doc.file}` }));
      stacks[stack] = {
        documents,
        changes: documentChanges(previous.get(stack) ?? [], documents),
        notes: stackRun.notes.map((note) => noteText(note)),
      };
      previous.set(stack, documents);
    }
    return { name, step, title, stacks };
  });
}

const documentKey = (doc: Pick<PlanDocument, "resource" | "type" | "input">) =>
  `${doc.type}::${doc.resource}::${doc.input}`;

function statementsBySid(doc: PlanDocument): Map<string, string> {
  const statements = doc.document.Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  return new Map(list.map((statement, index) => [String(statement.Sid ?? `#${index}`), JSON.stringify(statement)]));
}

/** Documents added, removed or changed between two phases of one stack, with the statements that differ. */
export function documentChanges(before: readonly PlanDocument[], after: readonly PlanDocument[]): PlanChange[] {
  const old = new Map(before.map((doc) => [documentKey(doc), doc]));
  const changes: PlanChange[] = [];
  for (const doc of after) {
    const was = old.get(documentKey(doc));
    old.delete(documentKey(doc));
    const base = { file: doc.file, resource: doc.resource, input: doc.input };
    if (was === undefined) {
      changes.push({ ...base, change: "added", statements: [] });
      continue;
    }
    if (JSON.stringify(was.document) === JSON.stringify(doc.document)) continue;
    const a = statementsBySid(was);
    const b = statementsBySid(doc);
    const statements = [
      ...[...b.keys()].filter((sid) => !a.has(sid)).map((sid) => `+${sid}`),
      ...[...b.keys()].filter((sid) => a.has(sid) && a.get(sid) !== b.get(sid)).map((sid) => `~${sid}`),
      ...[...a.keys()].filter((sid) => !b.has(sid)).map((sid) => `-${sid}`),
    ];
    changes.push({ ...base, change: "changed", statements });
  }
  for (const doc of old.values()) {
    changes.push({ file: doc.file, resource: doc.resource, input: doc.input, change: "removed", statements: [] });
  }
  return changes;
}

function toPlanStack({ loaded, run, config, notes }: StackRun): PlanStack {
  const documents: PlanDocument[] = [];
  const files = new Set<string>();
  const resources: PlanResource[] = run.resources.map((resource) => {
    const normalised = normaliseInputs(resource.type, resource.inputs);
    for (const found of normalised.documents) {
      let file = documentFileName(loaded.stack, resource.name, found.input, normalised.documents.length);
      // Names are unique per type only: a second type with the same name gets its type added.
      if (files.has(file)) file = file.replace(/\.json$/, `.${resource.type.split(":").pop()}.json`);
      files.add(file);
      documents.push({
        resource: resource.name,
        type: resource.type,
        input: found.input,
        file,
        document: found.document as PlanDocument["document"],
      });
    }
    return {
      type: resource.type,
      name: resource.name,
      parent: resource.parent ?? null,
      custom: resource.custom,
      inputs: normalised.inputs,
    };
  });
  return {
    account: config.account,
    configFile: loaded.file,
    config: toPlainJson(config),
    resources,
    documents,
    outputs: toPlainJson(run.outputs),
    warnings: [...run.warnings, ...notes.map((note) => noteText(note))],
  };
}

function wiringOf(
  stacks: Readonly<Record<string, PlanStack>>,
  operatorRuns: ReadonlyMap<string, StackRun>,
  otherRuns: readonly StackRun[],
  municipalityWirings: ReadonlyMap<string, MunicipalityWiring>,
  locks: ReadonlyMap<string, LockedOperator["locks"]>,
): PlanWiring[] {
  const edges: PlanWiring[] = [];
  // Operator → municipality: the invoke role ARN.
  for (const { loaded, config } of otherRuns) {
    const wiring = municipalityWirings.get(loaded.stack)!;
    const name = config.account === "municipality" ? config.municipalityName : "?";
    const consumer = stacks[loaded.stack];
    const output = `${OPERATOR_ROLE_ARNS_OUTPUT}.${name}`;
    if (wiring.kind === "reference" || wiring.kind === "replaced") {
      const value = invokeRoleArnFor(operatorRuns.get(wiring.operator)!.run.outputs, name);
      edges.push({
        from: { stack: wiring.operator, output },
        to: { stack: loaded.stack, config: OPERATOR_STACK_KEY },
        status: "wired",
        value,
        feeds: findFeeds(consumer.resources, stringsIn(value)),
        note:
          wiring.kind === "replaced"
            ? `the shipped config gives ${OPERATOR_ROLE_ARN_KEY}; the plan read it from the operator stack instead`
            : undefined,
      });
    } else if (wiring.kind === "given") {
      edges.push({
        from: { stack: "(not in this plan)", output },
        to: { stack: loaded.stack, config: OPERATOR_ROLE_ARN_KEY },
        status: wiring.configuredArn === undefined ? "absent" : "given",
        value: wiring.configuredArn,
        feeds: findFeeds(consumer.resources, stringsIn(wiring.configuredArn)),
      });
    }
  }
  // Municipality → operator: endpoint ids for the hardening pass.
  for (const [operatorStack, { config }] of operatorRuns) {
    if (config.account !== "operator") continue;
    const consumer = stacks[operatorStack];
    for (const [name, peer] of Object.entries(config.municipalities)) {
      const key = configKeyOf(["municipalities", name]);
      const source = otherRuns.find(({ loaded, config: other }) =>
        peer.municipalityStack !== undefined
          ? referencesStack(peer.municipalityStack, loaded.stack)
          : other.account === "municipality" && other.municipalityName === name,
      );
      const output = MUNICIPALITY_ENDPOINT_IDS_OUTPUT;
      if (peer.municipalityStack !== undefined) {
        const value = source ? municipalityOutputsOf(source.run.outputs)[output] : undefined;
        const implied = locks.get(operatorStack)?.[name]?.kind === "implied";
        edges.push({
          from: { stack: source?.loaded.stack ?? peer.municipalityStack, output },
          to: { stack: operatorStack, config: `${key}.municipalityStack` },
          status: source ? "wired" : "absent",
          value: value === undefined ? undefined : toPlainJson(value),
          feeds: findFeeds(consumer.resources, stringsIn(value)),
          note: !source
            ? `stack ${peer.municipalityStack} is not in this plan`
            : implied
              ? `not set in ${consumer.configFile} yet: the end state (deploy step 3) sets it`
              : undefined,
        });
      } else if (peer.bedrockRuntimeEndpointId !== undefined || peer.stsEndpointId !== undefined) {
        const value = toPlainJson({ "bedrock-runtime": peer.bedrockRuntimeEndpointId, sts: peer.stsEndpointId });
        edges.push({
          from: { stack: source?.loaded.stack ?? `(municipality ${name})`, output },
          to: { stack: operatorStack, config: `${key}.bedrockRuntimeEndpointId / stsEndpointId` },
          status: "given",
          value,
          feeds: findFeeds(consumer.resources, stringsIn(value)),
        });
      } else {
        edges.push({
          from: { stack: source?.loaded.stack ?? `(municipality ${name})`, output },
          to: { stack: operatorStack, config: `${key}.municipalityStack` },
          status: "absent",
          feeds: [],
          note: "hardening not configured yet (deploy order step 3): the invoke role is valid but not locked to the endpoints",
        });
      }
    }
  }
  return edges;
}
