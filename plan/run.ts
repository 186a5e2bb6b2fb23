/**
 * Runs the real program once per stack and phase under the mock engine, in deployment order, and
 * records the result as a {@link Plan}: operators first (step 1), then the municipalities as their
 * files are written (step 2), then those that still need a value the operator's step 1 produced,
 * with it handed over (step 2 again), then the operators locked to the municipalities' endpoints
 * (step 3). Every file is run as the user wrote it; the plan only fills what a later phase produces,
 * the way the documented hand-over does, and says so (plan/phases.ts).
 */
import {
  MUNICIPALITY_ENDPOINT_IDS_OUTPUT,
  OPERATOR_PROFILE_ARNS_OUTPUT,
  OPERATOR_ROLE_ARNS_OUTPUT,
  municipalityOutputsOf,
  readStackConfig,
  runStack,
} from "../stacks";
import {
  DEPLOY_PHASES,
  type DeployPhaseName,
  type LockedOperator,
  type PlannedMunicipality,
  handedOverMunicipalityConfig,
  lockedOperatorConfig,
  municipalityNameOf,
  unlockedOperatorConfig,
} from "./phases";
import { type Bindings, bindRun } from "./bindings";
import { accountIdOfArn } from "../infra/arns";
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
  OPERATOR_PROFILE_ARN_KEY,
  OPERATOR_ROLE_ARN_KEY,
  OPERATOR_STACK_KEY,
  applicationProfileArnFor,
  findFeeds,
  invokeRoleArnFor,
  municipalityWiring,
  stringsIn,
} from "./wiring";
import { remember } from "../infra/messages";

/**
 * A problem with what the user asked for (arguments, files): reported like a config error.
 * `message` is English; {@link messageIn} says it in the reader's language when the plan wrote it.
 */
export class PlanInputError extends Error {
  constructor(private readonly text: Localised) {
    super(localise(text));
    this.name = "PlanInputError";
    // Quoted by other tools (the audit, the matrix) as text, it can still be said in Japanese (a
    // quoted text is already remembered by its own catalogue, if it has one).
    if (typeof text !== "string") remember(this.message, (lang) => this.messageIn(PLAN_MESSAGES[lang]));
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
    remember(this.message, (lang) => this.messageIn(PLAN_MESSAGES[lang]));
  }

  /** The program's or the config's own message, said in the reader's language by its catalogue. */
  messageIn(messages: PlanMessages): string {
    return messages.cli.stackFailed(this.stack, this.file, localise(cleanMessage(this.cause), messages));
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
  /** The engine config the run had: the file's, with this phase's hand-over filled in. */
  readonly flat: Readonly<Record<string, string>>;
  /** What the run's StackReferences read, by reference name. */
  readonly stackOutputs: Readonly<Record<string, Record<string, unknown>>>;
  /** Placeholders of this run bound to the values another stack file gives for them (plan/bindings.ts). */
  readonly bindings: Bindings;
}

/** The bindings of a run: none, the same as an earlier phase's, or worked out from its own outputs. */
type BindingsOf = Bindings | ((run: ProgramRun) => Bindings);

async function runStackFile(
  loaded: LoadedStack,
  flat: Readonly<Record<string, string>>,
  stackOutputs: Record<string, Record<string, unknown>>,
  notes: PlanNote[],
  bindingsOf: BindingsOf,
): Promise<StackRun> {
  let validated: StackConfig | undefined;
  try {
    const run = await runProgram({
      stack: loaded.stack,
      config: flat,
      accountId: stackConfigOf(loaded).accountId,
      stackOutputs,
      // Exactly what index.ts does, keeping the validated config for plan.json.
      program: () => {
        validated = readStackConfig();
        return runStack(validated);
      },
    });
    const bindings = typeof bindingsOf === "function" ? bindingsOf(run) : bindingsOf;
    return { loaded, run: bindRun(run, bindings), config: validated!, notes, flat, stackOutputs, bindings };
  } catch (error) {
    throw new StackRunError(loaded.stack, loaded.file, error);
  }
}

/** Every program run of a deployment, per phase, with the config each stack ended with. */
export interface DeploymentRuns {
  readonly plan: Plan;
  /**
   * By stack: step 1 (unlocked operators), step 2 (municipalities as written), step 2 again
   * (municipalities given a value the operator's step 1 produced; empty when none needs one),
   * step 3 (locked operators).
   */
  readonly phases: Readonly<Record<DeployPhaseName, ReadonlyMap<string, StackRun>>>;
  /** Each stack's last run: what it holds after the deploy order, by stack. */
  readonly endState: ReadonlyMap<string, StackRun>;
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

/** How a municipality of the plan finds its operator (a missing operator stack stops the plan). */
type FoundWiring = Exclude<MunicipalityWiring, { kind: "missing" }>;

type Parsed<A extends StackConfig["account"]> = { stack: LoadedStack; config: Extract<StackConfig, { account: A }> };

/**
 * Placeholders the mock engine gave an operator's application profiles → the ARNs the
 * municipalities' files hold for them (`operatorInferenceProfileArn`: the hand-over done).
 */
function profileBindings(
  operator: Parsed<"operator">,
  outputs: Readonly<Record<string, unknown>>,
  municipalities: readonly Parsed<"municipality">[],
): { bindings: Map<string, string>; notes: PlanNote[] } {
  const bindings = new Map<string, string>();
  const notes: PlanNote[] = [];
  for (const { stack, config } of municipalities) {
    const given = config.operatorInferenceProfileArn;
    const name = config.municipalityName;
    const placeholder = applicationProfileArnFor(outputs, name);
    if (given === undefined || placeholder === undefined || accountIdOfArn(given) !== operator.config.accountId)
      continue;
    bindings.set(placeholder, given);
    notes.push(planNote("profileBound", { name, file: stack.file, value: given }));
  }
  return { bindings, notes };
}

/**
 * Placeholders the mock engine gave a municipality's endpoints → the ids an operator's file holds
 * for them (`municipalities.<name>.bedrockRuntimeEndpointId` / `stsEndpointId`: step 3 done by hand).
 */
function endpointBindings(
  municipality: Parsed<"municipality">,
  outputs: Readonly<Record<string, unknown>>,
  operators: readonly Parsed<"operator">[],
): Map<string, string> {
  const bindings = new Map<string, string>();
  const ids = (outputs.endpointIds ?? {}) as Record<string, unknown>;
  for (const { config } of operators) {
    const peer = config.municipalities[municipality.config.municipalityName];
    // The schema refuses explicit ids beside municipalityStack (infra/config/operator.ts).
    if (peer === undefined) continue;
    for (const [key, given] of [
      ["bedrock-runtime", peer.bedrockRuntimeEndpointId],
      ["sts", peer.stsEndpointId],
    ] as const) {
      const placeholder = ids[key];
      // Stryker disable next-line ConditionalExpression: a placeholder that is not a string occurs in no string, so binding it changes nothing
      if (given !== undefined && typeof placeholder === "string") bindings.set(placeholder, given);
    }
  }
  return bindings;
}

/**
 * Runs the deploy order (docs/deployment.md) on the files as written: operators unlocked, the
 * municipalities, those that need the operator's application profile with it handed over, the
 * operators locked to the endpoints. `plan.stacks` is the end state, `plan.phases` each step.
 */
export async function planDeployment(
  stacks: readonly LoadedStack[],
  options: PlanOptions = {},
): Promise<DeploymentRuns> {
  const parsed = stacks.map((stack) => ({ stack, config: stackConfigOf(stack) }));
  const operators = parsed.filter((p): p is Parsed<"operator"> => p.config.account === "operator");
  const municipalities = parsed.filter((p): p is Parsed<"municipality"> => p.config.account === "municipality");

  // Step 1: operators, without any lock (no endpoint exists yet).
  const operatorRuns = new Map<string, StackRun>();
  for (const operator of operators) {
    const flat = unlockedOperatorConfig(operator.stack.config);
    const notes: PlanNote[] = [];
    const run = await runStackFile(operator.stack, flat, {}, notes, (raw) => {
      const found = profileBindings(operator, raw.outputs, municipalities);
      notes.push(...found.notes);
      return found.bindings;
    });
    operatorRuns.set(operator.stack.stack, run);
  }
  const candidates = [...operatorRuns.values()].map(({ loaded, run }) => ({
    stack: loaded.stack,
    outputs: run.outputs,
  }));

  // Step 2: municipalities, as their files are written.
  const municipalityRuns = new Map<string, StackRun>();
  const handoverRuns = new Map<string, StackRun>();
  const municipalityWirings = new Map<string, FoundWiring>();
  for (const municipality of municipalities) {
    const { stack, config } = municipality;
    const wiring = municipalityWiring(config, candidates);
    if (wiring.kind === "missing") {
      const reference = wiring.reference;
      throw new PlanInputError((m) => m.cli.operatorStackMissing(stack.file, reference));
    }
    municipalityWirings.set(stack.stack, wiring);
    const notes: PlanNote[] = [];
    const stackOutputs =
      wiring.kind === "reference" ? { [wiring.reference]: operatorRuns.get(wiring.operator)!.run.outputs } : {};
    // Only a given ARN can lack an exporting operator: a reference always names one.
    if (wiring.operator === undefined && operatorRuns.size > 0) {
      notes.push(planNote("noOperatorExport", { name: config.municipalityName }));
    }
    // Endpoint ids an operator's file already gives stand for this municipality's endpoints.
    const bound = (flat: Readonly<Record<string, string>>, phaseNotes: PlanNote[]) =>
      runStackFile(stack, flat, stackOutputs, phaseNotes, (raw) =>
        endpointBindings(municipality, raw.outputs, operators),
      );
    municipalityRuns.set(stack.stack, await bound(stack.config, notes));

    // Step 2 again: the application profile a metering operator created at step 1, handed over
    // (to a municipality on operatorRoleArn only: handedOverMunicipalityConfig decides).
    const exporting = wiring.operator;
    const exported =
      exporting !== undefined
        ? applicationProfileArnFor(operatorRuns.get(exporting)!.run.outputs, config.municipalityName)
        : undefined;
    const handedOver = handedOverMunicipalityConfig(stack.config, config, exported);
    if (handedOver !== undefined) {
      handoverRuns.set(stack.stack, await bound(handedOver.config, [...notes, handedOver.note]));
    }
  }

  // Step 3: operators again, locked to the endpoints of the plan's municipality stacks.
  const planned: PlannedMunicipality[] = municipalities.map(({ stack }) => {
    const last = handoverRuns.get(stack.stack) ?? municipalityRuns.get(stack.stack)!;
    const config = last.config as Extract<StackConfig, { account: "municipality" }>;
    return {
      stack: stack.stack,
      file: stack.file,
      name: config.municipalityName,
      outputs: last.run.outputs,
      sharesBackend: "stack" in config.operator,
    };
  });
  const lockedRuns = new Map<string, StackRun>();
  const locks = new Map<string, LockedOperator["locks"]>();
  for (const operator of operators) {
    const { stack } = operator;
    const locked = lockedOperatorConfig(stack.config, stack.file, planned, options.impliedLocks);
    locks.set(stack.stack, locked.locks);
    const notes = [...operatorRuns.get(stack.stack)!.notes, ...locked.notes];
    lockedRuns.set(
      stack.stack,
      await runStackFile(stack, locked.config, locked.stackOutputs, notes, operatorRuns.get(stack.stack)!.bindings),
    );
  }

  const endState = new Map<string, StackRun>();
  for (const run of [...lockedRuns.values(), ...municipalityRuns.values(), ...handoverRuns.values()]) {
    endState.set(run.loaded.stack, run);
  }
  const planStacks: Record<string, PlanStack> = {};
  for (const [stack, stackRun] of endState) planStacks[stack] = toPlanStack(stackRun);
  const phaseRuns = {
    operator: operatorRuns,
    municipalities: municipalityRuns,
    handover: handoverRuns,
    locked: lockedRuns,
  };
  return {
    plan: {
      version: PLAN_VERSION,
      stacks: planStacks,
      wiring: wiringOf(planStacks, endState, municipalityWirings, locks, handoverRuns),
      phases: phasesOf(phaseRuns),
    },
    phases: phaseRuns,
    endState,
    locks,
  };
}

/** Each phase's documents, and what changed against the same stack's previous phase. */
function phasesOf(runs: Readonly<Record<DeployPhaseName, ReadonlyMap<string, StackRun>>>): PlanPhase[] {
  const previous = new Map<string, PlanDocument[]>();
  return DEPLOY_PHASES.filter(({ name }) => runs[name].size > 0).map(({ name, step, title }) => {
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
  endState: ReadonlyMap<string, StackRun>,
  municipalityWirings: ReadonlyMap<string, FoundWiring>,
  locks: ReadonlyMap<string, LockedOperator["locks"]>,
  handoverRuns: ReadonlyMap<string, StackRun>,
): PlanWiring[] {
  const edges: PlanWiring[] = [];
  const runs = [...endState.values()];
  // Operator → municipality: the invoke role ARN, and a metering operator's application profile.
  for (const { loaded, config } of runs) {
    if (config.account !== "municipality") continue;
    const wiring = municipalityWirings.get(loaded.stack)!;
    const name = config.municipalityName;
    const consumer = stacks[loaded.stack];
    // Stryker disable next-line ConditionalExpression: no stack is named undefined, so looking it up finds nothing either
    const operator = wiring.operator !== undefined ? endState.get(wiring.operator) : undefined;
    const roleOutput = `${OPERATOR_ROLE_ARNS_OUTPUT}.${name}`;
    const roleArn = wiring.kind === "reference" ? invokeRoleArnFor(operator!.run.outputs, name) : wiring.configuredArn;
    edges.push({
      from: { stack: wiring.operator ?? "(not in this plan)", output: roleOutput },
      to: { stack: loaded.stack, config: wiring.kind === "reference" ? OPERATOR_STACK_KEY : OPERATOR_ROLE_ARN_KEY },
      status: wiring.kind === "reference" ? "wired" : "given",
      value: roleArn,
      feeds: findFeeds(consumer.resources, stringsIn(roleArn)),
      note:
        wiring.kind === "given" && operator !== undefined
          ? `the configured ARN is the one stack ${operator.loaded.stack} exports`
          : undefined,
    });
    const profile = operator !== undefined ? applicationProfileArnFor(operator.run.outputs, name) : undefined;
    if (profile === undefined) continue;
    const profileOutput = `${OPERATOR_PROFILE_ARNS_OUTPUT}.${name}`;
    const filled = handoverRuns.has(loaded.stack);
    edges.push({
      from: { stack: operator!.loaded.stack, output: profileOutput },
      to: { stack: loaded.stack, config: wiring.kind === "reference" ? OPERATOR_STACK_KEY : OPERATOR_PROFILE_ARN_KEY },
      status: wiring.kind === "reference" ? "wired" : filled ? "filled" : "given",
      value: profile,
      feeds: findFeeds(consumer.resources, [profile]),
      note: filled
        ? `not set in ${consumer.configFile} yet: the plan hands it over after the operator's step 1, a placeholder for the ARN Bedrock assigns`
        : undefined,
    });
  }
  // Municipality → operator: endpoint ids for the hardening pass.
  for (const { loaded: operatorFile, config } of runs) {
    if (config.account !== "operator") continue;
    const operatorStack = operatorFile.stack;
    const consumer = stacks[operatorStack];
    for (const [name, peer] of Object.entries(config.municipalities)) {
      const key = configKeyOf(["municipalities", name]);
      const lock = locks.get(operatorStack)![name];
      // A lock reads the plan's stack it names, none when its reference is not in the plan; an
      // unlocked entry is shown against the municipality of its name, if the plan has it.
      const source =
        "stack" in lock
          ? runs.find(({ loaded }) => loaded.stack === lock.stack)
          : runs.find(({ config: other }) => municipalityNameOf(other) === name);
      const output = MUNICIPALITY_ENDPOINT_IDS_OUTPUT;
      const from = { stack: source?.loaded.stack ?? peer.municipalityStack ?? `(municipality ${name})`, output };
      const value = source ? municipalityOutputsOf(source.run.outputs)[output] : undefined;
      const valueJson = value === undefined ? undefined : toPlainJson(value);
      if (lock.kind === "implied") {
        edges.push({
          from,
          to: {
            stack: operatorStack,
            config:
              lock.by === "reference" ? `${key}.municipalityStack` : `${key}.bedrockRuntimeEndpointId / stsEndpointId`,
          },
          status: "filled",
          value: valueJson,
          feeds: findFeeds(consumer.resources, stringsIn(value)),
          note: `not set in ${consumer.configFile} yet: the end state (deploy step 3) sets it`,
        });
      } else if (lock.kind === "reference") {
        edges.push({
          from,
          to: { stack: operatorStack, config: `${key}.municipalityStack` },
          status: source ? "wired" : "absent",
          value: valueJson,
          feeds: findFeeds(consumer.resources, stringsIn(value)),
          note: source ? undefined : `stack ${peer.municipalityStack} is not in this plan`,
        });
      } else if (lock.kind === "explicit") {
        const given = toPlainJson({ "bedrock-runtime": peer.bedrockRuntimeEndpointId, sts: peer.stsEndpointId });
        edges.push({
          from,
          to: { stack: operatorStack, config: `${key}.bedrockRuntimeEndpointId / stsEndpointId` },
          status: "given",
          value: given,
          feeds: findFeeds(consumer.resources, stringsIn(given)),
        });
      } else {
        edges.push({
          from,
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
