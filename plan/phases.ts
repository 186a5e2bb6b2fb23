/**
 * The documented deploy order (docs/deployment.md) as pure config edits: what each stack file
 * means at each phase, whatever phase the file itself is written at. A value that exists only
 * after an earlier phase (the endpoint ids a municipality's `pulumi up` creates, the application
 * profile an operator's creates) is filled the way the documented hand-over fills it, from the
 * earlier phase's outputs; the plan never swaps a key the user wrote for another mechanism.
 * The runner (plan/run.ts) runs the program with these configs; nothing here runs it.
 */
import { type StackConfig, configKeyOf, rawConfigOf } from "../infra/config";
import { referencesStack } from "../infra/config/cross-stack";
import { PLAN_MESSAGES, type PlanNote, planNote } from "./messages";

const TITLES = PLAN_MESSAGES.en.brief.phaseTitles;

/**
 * The phases in order. `handover` is step 2 again for the municipalities whose files do not hold
 * a value the operator's step 1 produced (the application profile of a metering operator): it is
 * in a plan only when some file needs it.
 */
export const DEPLOY_PHASES = [
  { name: "operator", step: 1, title: TITLES.operator },
  { name: "municipalities", step: 2, title: TITLES.municipalities },
  { name: "handover", step: 2, title: TITLES.handover },
  { name: "locked", step: 3, title: TITLES.locked },
] as const;
export type DeployPhaseName = (typeof DEPLOY_PHASES)[number]["name"];

const MUNICIPALITIES_KEY = configKeyOf(["municipalities"]);
const PROFILE_KEY = configKeyOf(["operatorInferenceProfileArn"]);
/** The peer keys that say where a municipality's endpoint ids come from (step 3 only). */
const HARDENING_KEYS = ["municipalityStack", "bedrockRuntimeEndpointId", "stsEndpointId", "lockTrustToStsEndpoint"];

type Peers = Record<string, Record<string, unknown>>;

function peersOf(flat: Readonly<Record<string, string>>): Peers {
  return (rawConfigOf(flat).municipalities ?? {}) as Peers;
}

function withPeers(flat: Readonly<Record<string, string>>, peers: Peers): Record<string, string> {
  return { ...flat, [MUNICIPALITIES_KEY]: JSON.stringify(peers) };
}

/** Step 1: the operator's file without any hardening (no endpoint exists yet). */
export function unlockedOperatorConfig(flat: Readonly<Record<string, string>>): Record<string, string> {
  const peers = peersOf(flat);
  return withPeers(
    flat,
    Object.fromEntries(
      Object.entries(peers).map(([name, peer]) => [
        name,
        Object.fromEntries(Object.entries(peer).filter(([key]) => !HARDENING_KEYS.includes(key))),
      ]),
    ),
  );
}

/**
 * The hand-over after the operator's step 1 (docs/operator.md, "Metering"): a municipality on
 * `operatorRoleArn` copies the operator's output `inferenceProfileArns.<name>` into
 * `operatorInferenceProfileArn`. Undefined when there is nothing to hand over: the file already
 * holds it, reads it through `operatorStack`, or its operator does not meter.
 */
export function handedOverMunicipalityConfig(
  flat: Readonly<Record<string, string>>,
  config: StackConfig,
  exportedProfileArn: string | undefined,
): { readonly config: Record<string, string>; readonly note: PlanNote } | undefined {
  if (config.account !== "municipality" || !("roleArn" in config.operator)) return undefined;
  if (config.operatorInferenceProfileArn !== undefined || exportedProfileArn === undefined) return undefined;
  return {
    config: { ...flat, [PROFILE_KEY]: exportedProfileArn },
    note: planNote("profileHandedOver", { name: config.municipalityName, value: exportedProfileArn }),
  };
}

/** A municipality stack of the plan, with the outputs of its last run before the lock. */
export interface PlannedMunicipality {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  readonly outputs: Record<string, unknown>;
  /**
   * How it finds its operator. A municipality on `operatorStack` shares a backend with it, so
   * step 3 reads its endpoint ids by stack reference; one on `operatorRoleArn` does not, so step 3
   * copies them (docs/deployment.md).
   */
  readonly sharesBackend: boolean;
}

/** How one municipality entry of an operator gets its endpoint ids at step 3. */
export type PeerLock =
  | { readonly kind: "reference"; readonly reference: string; readonly stack: string | undefined }
  | { readonly kind: "explicit"; readonly stack: string | undefined }
  /** Nothing set in the file: the plan fills it the way step 3 would, from the plan's stack. */
  | { readonly kind: "implied"; readonly stack: string; readonly by: "reference" | "ids" }
  | { readonly kind: "none" };

export interface LockedOperator {
  readonly config: Record<string, string>;
  readonly stackOutputs: Record<string, Record<string, unknown>>;
  readonly locks: Readonly<Record<string, PeerLock>>;
  readonly notes: PlanNote[];
}

/** The endpoint ids a municipality run exported (`endpointIds`), as step 3 copies them. */
function endpointIdsOf(outputs: Readonly<Record<string, unknown>>): { bedrockRuntime?: string; sts?: string } {
  const ids = (outputs.endpointIds ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { bedrockRuntime: text(ids["bedrock-runtime"]), sts: text(ids.sts) };
}

/**
 * Step 3: the operator's file as it ends up. `municipalityStack` resolves to the plan's stack it
 * names; explicit ids stay as given; an entry with neither is filled as step 3 fills it for that
 * municipality: its stack by reference when the two share a backend, else its endpoint ids copied
 * from its outputs (the notes say which, and that the ids are the plan's placeholders).
 */
export function lockedOperatorConfig(
  flat: Readonly<Record<string, string>>,
  file: string,
  municipalities: readonly PlannedMunicipality[],
  /** False: an entry with nothing set stays unlocked, as the file is written (the audit's view). */
  impliedLocks = true,
): LockedOperator {
  const peers = peersOf(flat);
  const stackOutputs: Record<string, Record<string, unknown>> = {};
  const locks: Record<string, PeerLock> = {};
  const notes: PlanNote[] = [];
  const edited: Peers = {};
  for (const [name, peer] of Object.entries(peers)) {
    const own = municipalities.find((m) => m.name === name);
    // The file passed the schema (plan/run.ts stackConfigOf): municipalityStack is a string if set.
    const reference = peer.municipalityStack as string | undefined;
    edited[name] = peer;
    if (reference !== undefined) {
      const found = municipalities.find((m) => referencesStack(reference, m.stack));
      stackOutputs[reference] = found?.outputs ?? {};
      locks[name] = { kind: "reference", reference, stack: found?.stack };
      if (found === undefined) notes.push(planNote("stackNotInPlan", { reference }));
    } else if (peer.bedrockRuntimeEndpointId !== undefined || peer.stsEndpointId !== undefined) {
      locks[name] = { kind: "explicit", stack: own?.stack };
      if (own !== undefined) notes.push(planNote("explicitEndpointIds", { name, stack: own.stack }));
    } else if (own !== undefined && impliedLocks && own.sharesBackend) {
      edited[name] = { ...peer, municipalityStack: own.stack };
      stackOutputs[own.stack] = own.outputs;
      locks[name] = { kind: "implied", stack: own.stack, by: "reference" };
      notes.push(planNote("impliedLock", { file, name, stack: own.stack }));
    } else if (own !== undefined && impliedLocks) {
      const ids = endpointIdsOf(own.outputs);
      // An id the run did not export stays unset: JSON leaves out undefined values.
      edited[name] = { ...peer, bedrockRuntimeEndpointId: ids.bedrockRuntime, stsEndpointId: ids.sts };
      locks[name] = { kind: "implied", stack: own.stack, by: "ids" };
      notes.push(planNote("impliedLockByIds", { file, name, stack: own.stack }));
    } else {
      locks[name] = { kind: "none" };
      notes.push(planNote("noMunicipalityStack", { name }));
    }
  }
  return { config: withPeers(flat, edited), stackOutputs, locks, notes };
}

/** The municipality name a parsed config is for, if it is a municipality's. */
export function municipalityNameOf(config: StackConfig): string | undefined {
  // Stryker disable next-line ConditionalExpression: an operator's config has no municipalityName to read
  return config.account === "municipality" ? config.municipalityName : undefined;
}
