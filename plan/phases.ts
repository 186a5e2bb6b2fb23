/**
 * The documented deploy order (docs/deployment.md) as pure config edits: what each operator
 * stack file means at step 1 (invoke roles, no lock) and at step 3 (locked to each
 * municipality's endpoints), whatever step the file itself is written at. The runner
 * (plan/run.ts) runs the program with these configs; nothing here runs it.
 */
import { type StackConfig, configKeyOf, rawConfigOf } from "../infra/config";
import { PLAN_MESSAGES, type PlanNote, planNote } from "./messages";
import { referencesStack } from "./wiring";

const TITLES = PLAN_MESSAGES.en.brief.phaseTitles;

export const DEPLOY_PHASES = [
  { name: "operator", step: 1, title: TITLES.operator },
  { name: "municipalities", step: 2, title: TITLES.municipalities },
  { name: "locked", step: 3, title: TITLES.locked },
] as const;
export type DeployPhaseName = (typeof DEPLOY_PHASES)[number]["name"];

const MUNICIPALITIES_KEY = configKeyOf(["municipalities"]);
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

/** A municipality stack of the plan, with the outputs its step 2 run exported. */
export interface PlannedMunicipality {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  readonly outputs: Record<string, unknown>;
}

/** How one municipality entry of an operator gets its endpoint ids at step 3. */
export type PeerLock =
  | { readonly kind: "reference"; readonly reference: string; readonly stack: string | undefined }
  | { readonly kind: "explicit"; readonly stack: string | undefined }
  /** Nothing set in the file: the plan locks it the way step 3 would, from the plan's stack. */
  | { readonly kind: "implied"; readonly stack: string }
  | { readonly kind: "none" };

export interface LockedOperator {
  readonly config: Record<string, string>;
  readonly stackOutputs: Record<string, Record<string, unknown>>;
  readonly locks: Readonly<Record<string, PeerLock>>;
  readonly notes: PlanNote[];
}

/**
 * Step 3: the operator's file as it ends up. `municipalityStack` resolves to the plan's stack it
 * names; explicit ids stay as given; an entry with neither is locked through the plan's stack
 * for that municipality, as the deploy order's step 3 does (the notes say so).
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
    const reference = typeof peer.municipalityStack === "string" ? peer.municipalityStack : undefined;
    edited[name] = peer;
    if (reference !== undefined) {
      const found = municipalities.find((m) => referencesStack(reference, m.stack));
      stackOutputs[reference] = found?.outputs ?? {};
      locks[name] = { kind: "reference", reference, stack: found?.stack };
      if (found === undefined) {
        notes.push(planNote("stackNotInPlan", { reference }));
      } else if (found.name !== name) {
        notes.push(planNote("lockedToAnother", { name, stack: found.stack, other: found.name }));
      }
    } else if (peer.bedrockRuntimeEndpointId !== undefined || peer.stsEndpointId !== undefined) {
      locks[name] = { kind: "explicit", stack: own?.stack };
      if (own !== undefined) {
        notes.push(planNote("explicitEndpointIds", { name, stack: own.stack }));
      }
    } else if (own !== undefined && impliedLocks) {
      edited[name] = { ...peer, municipalityStack: own.stack };
      stackOutputs[own.stack] = own.outputs;
      locks[name] = { kind: "implied", stack: own.stack };
      notes.push(planNote("impliedLock", { file, name, stack: own.stack }));
    } else {
      locks[name] = { kind: "none" };
      notes.push(planNote("noMunicipalityStack", { name }));
    }
  }
  return { config: withPeers(flat, edited), stackOutputs, locks, notes };
}

/** The municipality name a parsed config is for, if it is a municipality's. */
export function municipalityNameOf(config: StackConfig): string | undefined {
  return config.account === "municipality" ? config.municipalityName : undefined;
}
