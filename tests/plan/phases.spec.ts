/**
 * The deploy phases as config edits (plan/phases.ts), called in-process on the fixture stack files:
 * what step 1 strips, what the hand-over fills, and how step 3 locks each municipality entry.
 */
import * as assert from "node:assert/strict";
import { type StackConfig, parseStackConfig, rawConfigOf } from "../../infra/config";
import { PLAN_MESSAGES, planNote } from "../../plan/messages";
import {
  DEPLOY_PHASES,
  type PlannedMunicipality,
  handedOverMunicipalityConfig,
  lockedOperatorConfig,
  municipalityNameOf,
  unlockedOperatorConfig,
} from "../../plan/phases";
import { fixtureConfig } from "../support";

const PEERS_KEY = "bedrock-lz:municipalities";
const PROFILE_KEY = "bedrock-lz:operatorInferenceProfileArn";
const PROFILE = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/abc123";
const RUNTIME_ID = "vpce-0123456789abcdef0";
const STS_ID = "vpce-0fedcba9876543210";

const parsed = (flat: Readonly<Record<string, string>>): StackConfig => parseStackConfig(rawConfigOf(flat));
const peersIn = (flat: Readonly<Record<string, string>>) => JSON.parse(flat[PEERS_KEY]) as Record<string, object>;

/** The fixture operator with its municipality entries replaced. */
function operatorWith(peers: Record<string, Record<string, unknown>>): Record<string, string> {
  return { ...fixtureConfig("operator"), [PEERS_KEY]: JSON.stringify(peers) };
}

function planned(overrides: Partial<PlannedMunicipality> = {}): PlannedMunicipality {
  return {
    stack: "municipality",
    file: "Pulumi.municipality.yaml",
    name: "sapporo",
    outputs: { endpointIds: { "bedrock-runtime": "vpce-runtime-placeholder", sts: "vpce-sts-placeholder" } },
    sharesBackend: false,
    ...overrides,
  };
}

describe("plan phases", () => {
  it("orders the deploy steps: operator, municipalities, the hand-over (step 2 again), locked", () => {
    const titles = PLAN_MESSAGES.en.brief.phaseTitles;
    assert.deepEqual(DEPLOY_PHASES, [
      { name: "operator", step: 1, title: titles.operator },
      { name: "municipalities", step: 2, title: titles.municipalities },
      { name: "handover", step: 2, title: titles.handover },
      { name: "locked", step: 3, title: titles.locked },
    ]);
  });

  describe("step 1: the unlocked operator", () => {
    it("drops every hardening key of every entry, lockTrustToStsEndpoint included, and keeps the rest", () => {
      const flat = operatorWith({
        sapporo: {
          accountId: "222222222222",
          externalId: "sapporo-bedrock-poc",
          municipalityStack: "organization/bedrock-lz/municipality",
          lockTrustToStsEndpoint: true,
        },
        hakodate: { accountId: "333333333333", bedrockRuntimeEndpointId: RUNTIME_ID, stsEndpointId: STS_ID },
      });
      const unlocked = unlockedOperatorConfig(flat);
      assert.deepEqual(peersIn(unlocked), {
        sapporo: { accountId: "222222222222", externalId: "sapporo-bedrock-poc" },
        hakodate: { accountId: "333333333333" },
      });
      // Everything outside the municipalities map is the file's, untouched.
      assert.deepEqual({ ...unlocked, [PEERS_KEY]: flat[PEERS_KEY] }, flat);
      // The program accepts the step-1 file: no trust lock is left without an endpoint to lock to.
      const config = parsed(unlocked);
      assert.equal(config.account, "operator");
    });

    it("leaves a file with no municipalities map with an empty one", () => {
      const { [PEERS_KEY]: _peers, ...rest } = fixtureConfig("operator");
      assert.deepEqual(unlockedOperatorConfig(rest), { ...rest, [PEERS_KEY]: "{}" });
    });
  });

  describe("step 2 again: the application profile handed over", () => {
    const municipality = fixtureConfig("municipality");

    it("fills operatorInferenceProfileArn from the operator's output and says so", () => {
      assert.deepEqual(handedOverMunicipalityConfig(municipality, parsed(municipality), PROFILE), {
        config: { ...municipality, [PROFILE_KEY]: PROFILE },
        note: planNote("profileHandedOver", { name: "sapporo", value: PROFILE }),
      });
    });

    it("hands nothing over when the operator exports no profile", () => {
      assert.equal(handedOverMunicipalityConfig(municipality, parsed(municipality), undefined), undefined);
    });

    it("hands nothing over when the file already holds the profile", () => {
      const given = { ...municipality, [PROFILE_KEY]: PROFILE };
      assert.equal(handedOverMunicipalityConfig(given, parsed(given), `${PROFILE}-other`), undefined);
    });

    it("hands nothing over to a municipality that reads its operator through operatorStack", () => {
      const { "bedrock-lz:operatorRoleArn": _arn, ...rest } = municipality;
      const referencing = { ...rest, "bedrock-lz:operatorStack": "organization/bedrock-lz/operator" };
      assert.equal(handedOverMunicipalityConfig(referencing, parsed(referencing), PROFILE), undefined);
    });

    it("hands nothing over to an operator's file", () => {
      const operator = fixtureConfig("operator");
      assert.equal(handedOverMunicipalityConfig(operator, parsed(operator), PROFILE), undefined);
    });
  });

  describe("step 3: the locked operator", () => {
    it("resolves municipalityStack to the plan's stack it names and feeds it that stack's outputs", () => {
      const reference = "organization/bedrock-lz/municipality";
      const flat = operatorWith({ sapporo: { accountId: "222222222222", municipalityStack: reference } });
      const own = planned({ sharesBackend: true });
      const other = planned({ stack: "otaru", name: "otaru", outputs: { endpointIds: { sts: "other" } } });
      assert.deepEqual(lockedOperatorConfig(flat, "Pulumi.operator.yaml", [other, own]), {
        config: flat,
        stackOutputs: { [reference]: own.outputs },
        locks: { sapporo: { kind: "reference", reference, stack: "municipality" } },
        notes: [],
      });
    });

    it("treats a municipalityStack the plan does not have as having no outputs, and says so", () => {
      const reference = "organization/bedrock-lz/elsewhere";
      const flat = operatorWith({ sapporo: { accountId: "222222222222", municipalityStack: reference } });
      assert.deepEqual(lockedOperatorConfig(flat, "Pulumi.operator.yaml", [planned()]), {
        config: flat,
        stackOutputs: { [reference]: {} },
        locks: { sapporo: { kind: "reference", reference, stack: undefined } },
        notes: [planNote("stackNotInPlan", { reference })],
      });
    });

    it("keeps explicit endpoint ids as given, naming the plan's stack they stand for", () => {
      const flat = operatorWith({
        sapporo: { accountId: "222222222222", bedrockRuntimeEndpointId: RUNTIME_ID },
        hakodate: { accountId: "333333333333", stsEndpointId: STS_ID },
      });
      assert.deepEqual(lockedOperatorConfig(flat, "Pulumi.operator.yaml", [planned()]), {
        config: flat,
        stackOutputs: {},
        locks: {
          sapporo: { kind: "explicit", stack: "municipality" },
          hakodate: { kind: "explicit", stack: undefined },
        },
        notes: [planNote("explicitEndpointIds", { name: "sapporo", stack: "municipality" })],
      });
    });

    it("fills an entry with nothing set by reference when the two stacks share a backend", () => {
      const flat = operatorWith({ sapporo: { accountId: "222222222222", externalId: "x" } });
      const own = planned({ sharesBackend: true });
      const locked = lockedOperatorConfig(flat, "Pulumi.operator.yaml", [own]);
      assert.deepEqual(peersIn(locked.config), {
        sapporo: { accountId: "222222222222", externalId: "x", municipalityStack: "municipality" },
      });
      assert.deepEqual(locked.stackOutputs, { municipality: own.outputs });
      assert.deepEqual(locked.locks, { sapporo: { kind: "implied", stack: "municipality", by: "reference" } });
      assert.deepEqual(locked.notes, [
        planNote("impliedLock", { file: "Pulumi.operator.yaml", name: "sapporo", stack: "municipality" }),
      ]);
    });

    it("copies the endpoint ids of an entry with nothing set when the backends are separate", () => {
      const flat = operatorWith({ sapporo: { accountId: "222222222222" } });
      const locked = lockedOperatorConfig(flat, "Pulumi.operator.yaml", [planned()]);
      assert.deepEqual(peersIn(locked.config), {
        sapporo: {
          accountId: "222222222222",
          bedrockRuntimeEndpointId: "vpce-runtime-placeholder",
          stsEndpointId: "vpce-sts-placeholder",
        },
      });
      assert.deepEqual(locked.stackOutputs, {});
      assert.deepEqual(locked.locks, { sapporo: { kind: "implied", stack: "municipality", by: "ids" } });
      assert.deepEqual(locked.notes, [
        planNote("impliedLockByIds", { file: "Pulumi.operator.yaml", name: "sapporo", stack: "municipality" }),
      ]);
    });

    it("copies only the endpoint ids the municipality's run exported as strings", () => {
      const flat = operatorWith({ sapporo: { accountId: "222222222222" } });
      const onlySts = planned({ outputs: { endpointIds: { "bedrock-runtime": 42, sts: STS_ID } } });
      assert.deepEqual(peersIn(lockedOperatorConfig(flat, "f", [onlySts]).config), {
        sapporo: { accountId: "222222222222", stsEndpointId: STS_ID },
      });
      const onlyRuntime = planned({ outputs: { endpointIds: { "bedrock-runtime": RUNTIME_ID } } });
      assert.deepEqual(peersIn(lockedOperatorConfig(flat, "f", [onlyRuntime]).config), {
        sapporo: { accountId: "222222222222", bedrockRuntimeEndpointId: RUNTIME_ID },
      });
      const none = planned({ outputs: {} });
      const locked = lockedOperatorConfig(flat, "f", [none]);
      assert.deepEqual(peersIn(locked.config), { sapporo: { accountId: "222222222222" } });
      assert.deepEqual(locked.locks, { sapporo: { kind: "implied", stack: "municipality", by: "ids" } });
    });

    it("leaves an entry with nothing set unlocked when the plan has no stack for it, and says so", () => {
      const flat = operatorWith({ hakodate: { accountId: "333333333333" } });
      assert.deepEqual(lockedOperatorConfig(flat, "Pulumi.operator.yaml", [planned()]), {
        config: flat,
        stackOutputs: {},
        locks: { hakodate: { kind: "none" } },
        notes: [planNote("noMunicipalityStack", { name: "hakodate" })],
      });
    });

    it("takes the file as written when implied locks are off (the audit's view)", () => {
      const flat = operatorWith({ sapporo: { accountId: "222222222222" } });
      for (const sharesBackend of [false, true]) {
        assert.deepEqual(lockedOperatorConfig(flat, "Pulumi.operator.yaml", [planned({ sharesBackend })], false), {
          config: flat,
          stackOutputs: {},
          locks: { sapporo: { kind: "none" } },
          notes: [planNote("noMunicipalityStack", { name: "sapporo" })],
        });
      }
    });

    it("locks each entry of the fixture operator on its own", () => {
      const locked = lockedOperatorConfig(fixtureConfig("operator"), "Pulumi.operator.yaml", [planned()]);
      assert.deepEqual(locked.locks, {
        sapporo: { kind: "implied", stack: "municipality", by: "ids" },
        hakodate: { kind: "none" },
      });
      assert.deepEqual(
        locked.notes.map((note) => note.key),
        ["impliedLockByIds", "noMunicipalityStack"],
      );
    });
  });

  it("names the municipality of a municipality's config only", () => {
    assert.equal(municipalityNameOf(parsed(fixtureConfig("municipality"))), "sapporo");
    assert.equal(municipalityNameOf(parsed(fixtureConfig("operator"))), undefined);
  });
});
