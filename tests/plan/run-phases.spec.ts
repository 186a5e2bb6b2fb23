/**
 * The runner (plan/run.ts) in-process on edited fixture stack files: each deploy phase it runs, the
 * values it binds across the two accounts, the wiring it records, and the errors that stop it.
 */
import * as assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError } from "../../infra/config";
import { inLanguage } from "../../infra/messages";
import { PLAN_MESSAGES, noteText, planNote } from "../../plan/messages";
import {
  type DeploymentRuns,
  type LoadedStack,
  PlanInputError,
  StackRunError,
  cleanMessage,
  documentChanges,
  loadStackFiles,
  planDeployment,
  stackConfigOf,
} from "../../plan/run";
import type { PlanDocument } from "../../plan/schema";
import { FIXTURES, fixtureConfig } from "../support";

const PEERS_KEY = "bedrock-lz:municipalities";
const PROFILE_KEY = "bedrock-lz:operatorInferenceProfileArn";
const ROLE_ARN = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";
const GIVEN_PROFILE = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/given123";
const RUNTIME_ID = "vpce-0123456789abcdef0";
const STS_ID = "vpce-0fedcba9876543210";
const ROLE_FEEDS = ["client-assume-operator.policy", "endpoints-bedrock-runtime.policy", "endpoints-sts.policy"];

function stack(name: string, config: Record<string, string>): LoadedStack {
  return { stack: name, file: `Pulumi.${name}.yaml`, config };
}

const operatorPeers = () => JSON.parse(fixtureConfig("operator")[PEERS_KEY]);
const metering = { "bedrock-lz:metering": JSON.stringify({ enabled: true }) };
const phaseNotes = (deployment: DeploymentRuns) =>
  deployment.plan.phases!.map((phase) => [
    phase.name,
    Object.fromEntries(Object.entries(phase.stacks).map(([name, stack]) => [name, stack.notes])),
  ]);
const outputOf = (
  deployment: DeploymentRuns,
  phase: "operator" | "municipalities" | "handover" | "locked",
  s: string,
) => deployment.phases[phase].get(s)!.run.outputs as Record<string, Record<string, unknown>>;

describe("plan runner", function () {
  this.timeout(120_000);

  describe("separate backends, the hand-over done by hand in both files", () => {
    let deployment: DeploymentRuns;
    before(async () => {
      const peers = operatorPeers();
      deployment = await planDeployment([
        stack("operator", {
          ...fixtureConfig("operator"),
          ...metering,
          [PEERS_KEY]: JSON.stringify({
            sapporo: { ...peers.sapporo, bedrockRuntimeEndpointId: RUNTIME_ID, stsEndpointId: STS_ID },
            hakodate: { ...peers.hakodate, municipalityStack: "organization/bedrock-lz/elsewhere" },
          }),
        }),
        stack("municipality", { ...fixtureConfig("municipality"), [PROFILE_KEY]: GIVEN_PROFILE }),
      ]);
    });

    it("binds the endpoint ids the operator's file gives to the municipality's endpoints", () => {
      const ids = outputOf(deployment, "municipalities", "municipality").endpointIds;
      assert.equal(ids["bedrock-runtime"], RUNTIME_ID);
      assert.equal(ids.sts, STS_ID);
      assert.notEqual(ids.s3, undefined);
    });

    it("binds the profile the municipality's file gives to the operator's profile, in every operator phase", () => {
      for (const phase of ["operator", "locked"] as const) {
        const profiles = outputOf(deployment, phase, "operator").inferenceProfileArns;
        assert.equal(profiles.sapporo, GIVEN_PROFILE);
        assert.match(
          String(profiles.hakodate),
          /^arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile\//,
        );
      }
      assert.deepEqual(
        deployment.phases.operator.get("operator")!.bindings,
        deployment.phases.locked.get("operator")!.bindings,
      );
    });

    it("runs no hand-over phase, and notes what it took from each file", () => {
      const bound = noteText(
        planNote("profileBound", { name: "sapporo", file: "Pulumi.municipality.yaml", value: GIVEN_PROFILE }),
      );
      assert.deepEqual(phaseNotes(deployment), [
        ["operator", { operator: [bound] }],
        ["municipalities", { municipality: [] }],
        [
          "locked",
          {
            operator: [
              bound,
              noteText(planNote("explicitEndpointIds", { name: "sapporo", stack: "municipality" })),
              noteText(planNote("stackNotInPlan", { reference: "organization/bedrock-lz/elsewhere" })),
            ],
          },
        ],
      ]);
      assert.deepEqual(
        deployment.plan.phases!.map((phase) => [phase.name, phase.step, phase.title]),
        [
          ["operator", 1, PLAN_MESSAGES.en.brief.phaseTitles.operator],
          ["municipalities", 2, PLAN_MESSAGES.en.brief.phaseTitles.municipalities],
          ["locked", 3, PLAN_MESSAGES.en.brief.phaseTitles.locked],
        ],
      );
      assert.deepEqual(deployment.phases.handover.size, 0);
    });

    it("records the locks step 3 uses", () => {
      assert.deepEqual(Object.fromEntries(deployment.locks), {
        operator: {
          sapporo: { kind: "explicit", stack: "municipality" },
          hakodate: { kind: "reference", reference: "organization/bedrock-lz/elsewhere", stack: undefined },
        },
      });
    });

    it("records the wiring: the ARNs given as written, the ids given, and the stack the plan does not have", () => {
      assert.deepEqual(deployment.plan.wiring, [
        {
          from: { stack: "operator", output: "invokeRoleArns.sapporo" },
          to: { stack: "municipality", config: "bedrock-lz:operatorRoleArn" },
          status: "given",
          value: ROLE_ARN,
          feeds: ROLE_FEEDS,
          note: "the configured ARN is the one stack operator exports",
        },
        {
          from: { stack: "operator", output: "inferenceProfileArns.sapporo" },
          to: { stack: "municipality", config: PROFILE_KEY },
          status: "given",
          value: GIVEN_PROFILE,
          feeds: [],
          note: undefined,
        },
        {
          from: { stack: "municipality", output: "endpointIds" },
          to: {
            stack: "operator",
            config: "bedrock-lz:municipalities.sapporo.bedrockRuntimeEndpointId / stsEndpointId",
          },
          status: "given",
          value: { "bedrock-runtime": RUNTIME_ID, sts: STS_ID },
          feeds: ["invoke-sapporo-invoke.policy"],
        },
        {
          from: { stack: "organization/bedrock-lz/elsewhere", output: "endpointIds" },
          to: { stack: "operator", config: "bedrock-lz:municipalities.hakodate.municipalityStack" },
          status: "absent",
          value: undefined,
          feeds: [],
          note: "stack organization/bedrock-lz/elsewhere is not in this plan",
        },
      ]);
    });

    it("lists what step 3 changes against step 1, statement by statement", () => {
      assert.deepEqual(deployment.plan.phases![2].stacks.operator.changes, [
        {
          file: "phases/3-locked/policies/operator/invoke-sapporo-invoke.json",
          resource: "invoke-sapporo-invoke",
          input: "policy",
          change: "changed",
          statements: ["+DenyBedrockOutsideMunicipalityEndpoint"],
        },
      ]);
      const step1 = deployment.plan.phases![0].stacks.operator;
      assert.ok(step1.documents.every((doc) => doc.file.startsWith("phases/1-operator/policies/operator/")));
      assert.deepEqual(
        step1.changes.map((change) => [change.file, change.change]),
        step1.documents.map((doc) => [doc.file, "added"]),
      );
      assert.ok(
        deployment.plan.phases![1].stacks.municipality.documents.every((doc) =>
          doc.file.startsWith("phases/2-municipalities/policies/municipality/"),
        ),
      );
    });
  });

  describe("a shared backend: the municipality reads its operator's stack", () => {
    let deployment: DeploymentRuns;
    before(async () => {
      const { "bedrock-lz:operatorRoleArn": _arn, ...municipality } = fixtureConfig("municipality");
      deployment = await planDeployment([
        stack("operator", { ...fixtureConfig("operator"), ...metering }),
        stack("municipality", { ...municipality, "bedrock-lz:operatorStack": "organization/bedrock-lz/operator" }),
      ]);
    });

    it("feeds the reference the operator's outputs, and locks the operator by reference at step 3", () => {
      const run = deployment.phases.municipalities.get("municipality")!;
      assert.deepEqual(run.stackOutputs, {
        "organization/bedrock-lz/operator": outputOf(deployment, "operator", "operator"),
      });
      assert.equal(run.config.account === "municipality" && run.config.municipalityName, "sapporo");
      const locked = deployment.phases.locked.get("operator")!;
      assert.deepEqual(locked.stackOutputs, { municipality: outputOf(deployment, "municipalities", "municipality") });
      assert.deepEqual(JSON.parse(locked.flat[PEERS_KEY]).sapporo, {
        ...operatorPeers().sapporo,
        municipalityStack: "municipality",
      });
      assert.deepEqual(Object.fromEntries(deployment.locks), {
        operator: { sapporo: { kind: "implied", stack: "municipality", by: "reference" }, hakodate: { kind: "none" } },
      });
    });

    it("records the wiring: both values through the reference, the lock filled, hakodate absent", () => {
      const operatorOutputs = outputOf(deployment, "locked", "operator");
      const ids = outputOf(deployment, "municipalities", "municipality").endpointIds;
      assert.deepEqual(deployment.plan.wiring, [
        {
          from: { stack: "operator", output: "invokeRoleArns.sapporo" },
          to: { stack: "municipality", config: "bedrock-lz:operatorStack" },
          status: "wired",
          value: ROLE_ARN,
          feeds: ROLE_FEEDS,
          note: undefined,
        },
        {
          from: { stack: "operator", output: "inferenceProfileArns.sapporo" },
          to: { stack: "municipality", config: "bedrock-lz:operatorStack" },
          status: "wired",
          value: operatorOutputs.inferenceProfileArns.sapporo,
          feeds: [],
          note: undefined,
        },
        {
          from: { stack: "municipality", output: "endpointIds" },
          to: { stack: "operator", config: "bedrock-lz:municipalities.sapporo.municipalityStack" },
          status: "filled",
          value: ids,
          feeds: ["invoke-sapporo-invoke.policy"],
          note: "not set in Pulumi.operator.yaml yet: the end state (deploy step 3) sets it",
        },
        {
          from: { stack: "(municipality hakodate)", output: "endpointIds" },
          to: { stack: "operator", config: "bedrock-lz:municipalities.hakodate.municipalityStack" },
          status: "absent",
          feeds: [],
          note: "hardening not configured yet (deploy order step 3): the invoke role is valid but not locked to the endpoints",
        },
      ]);
      assert.match(String(operatorOutputs.inferenceProfileArns.sapporo), /application-inference-profile\//);
    });
  });

  describe("a metering operator's profile handed over after its step 1", () => {
    let deployment: DeploymentRuns;
    const foreign = "arn:aws:bedrock:ap-northeast-1:999999999999:application-inference-profile/foreign";
    before(async () => {
      const municipality = fixtureConfig("municipality");
      deployment = await planDeployment([
        stack("operator", { ...fixtureConfig("operator"), ...metering }),
        stack("municipality", municipality),
        stack("hakodate", {
          ...municipality,
          "bedrock-lz:accountId": "333333333333",
          "bedrock-lz:municipalityName": "hakodate",
          // Another operator's role and profile: not this operator's to bind.
          "bedrock-lz:operatorRoleArn": "arn:aws:iam::999999999999:role/bedrock-lz-invoke-hakodate",
          [PROFILE_KEY]: foreign,
        }),
      ]);
    });

    it("runs the municipality again with the operator's output, and not one whose file holds a profile", () => {
      const placeholder = String(outputOf(deployment, "operator", "operator").inferenceProfileArns.sapporo);
      assert.deepEqual([...deployment.phases.handover.keys()], ["municipality"]);
      const handover = deployment.phases.handover.get("municipality")!;
      assert.equal(handover.flat[PROFILE_KEY], placeholder);
      assert.equal(deployment.phases.municipalities.get("municipality")!.flat[PROFILE_KEY], undefined);
      assert.deepEqual(handover.notes, [planNote("profileHandedOver", { name: "sapporo", value: placeholder })]);
      // The end state is the handed-over run.
      assert.equal(deployment.endState.get("municipality"), handover);
      assert.equal(deployment.plan.phases![2].name, "handover");
      assert.equal(deployment.plan.phases![2].step, 2);
    });

    it("binds no profile given in another account than the operator's", () => {
      const profiles = outputOf(deployment, "operator", "operator").inferenceProfileArns;
      assert.notEqual(profiles.hakodate, foreign);
      assert.deepEqual(deployment.phases.operator.get("operator")!.notes, []);
      assert.equal(deployment.phases.operator.get("operator")!.bindings.size, 0);
      assert.deepEqual(deployment.phases.municipalities.get("hakodate")!.notes, [
        planNote("noOperatorExport", { name: "hakodate" }),
      ]);
    });

    it("records the profile edge filled by the hand-over, and none from an operator that is not the municipality's", () => {
      const profiles = outputOf(deployment, "locked", "operator").inferenceProfileArns;
      const profileEdges = deployment.plan.wiring.filter((edge) =>
        edge.from.output.startsWith("inferenceProfileArns."),
      );
      assert.deepEqual(profileEdges, [
        {
          from: { stack: "operator", output: "inferenceProfileArns.sapporo" },
          to: { stack: "municipality", config: PROFILE_KEY },
          status: "filled",
          value: profiles.sapporo,
          feeds: [],
          note: "not set in Pulumi.municipality.yaml yet: the plan hands it over after the operator's step 1, a placeholder for the ARN Bedrock assigns",
        },
      ]);
      assert.deepEqual(
        deployment.plan.wiring.filter((edge) => edge.to.stack === "hakodate").map((edge) => [edge.from, edge.status]),
        [[{ stack: "(not in this plan)", output: "invokeRoleArns.hakodate" }, "given"]],
      );
    });
  });

  describe("a profile given to an operator that does not meter", () => {
    it("binds nothing and notes nothing: the operator has no profile to stand for", async () => {
      const deployment = await planDeployment([
        stack("operator", fixtureConfig("operator")),
        stack("municipality", { ...fixtureConfig("municipality"), [PROFILE_KEY]: GIVEN_PROFILE }),
      ]);
      const step1 = deployment.phases.operator.get("operator")!;
      assert.deepEqual(step1.notes, []);
      assert.equal(step1.bindings.size, 0);
      assert.equal(outputOf(deployment, "operator", "operator").inferenceProfileArns, null);
    });
  });

  describe("a municipality whose operator exports nothing for it", () => {
    it("uses its ARN as given and says so only when the plan has an operator", async () => {
      const otaru = stack("otaru", {
        ...fixtureConfig("municipality"),
        "bedrock-lz:municipalityName": "otaru",
        "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru",
      });
      const alone = await planDeployment([otaru]);
      assert.deepEqual(alone.phases.municipalities.get("otaru")!.notes, []);
      assert.deepEqual(alone.plan.wiring, [
        {
          from: { stack: "(not in this plan)", output: "invokeRoleArns.otaru" },
          to: { stack: "otaru", config: "bedrock-lz:operatorRoleArn" },
          status: "given",
          value: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru",
          feeds: ["client-assume-operator.policy", "endpoints-bedrock-runtime.policy", "endpoints-sts.policy"],
          note: undefined,
        },
      ]);
      assert.deepEqual(
        alone.plan.phases!.map((phase) => phase.name),
        ["municipalities"],
      );
    });
  });

  describe("an operator whose municipalityStack names a stack the plan does not have", () => {
    it("shows the entry unread, even beside a plan stack of the same municipality", async () => {
      const peers = operatorPeers();
      const deployment = await planDeployment([
        stack("operator", {
          ...fixtureConfig("operator"),
          [PEERS_KEY]: JSON.stringify({
            sapporo: { ...peers.sapporo, municipalityStack: "organization/bedrock-lz/elsewhere" },
          }),
        }),
        stack("municipality", fixtureConfig("municipality")),
      ]);
      assert.deepEqual(deployment.phases.locked.get("operator")!.stackOutputs, {
        "organization/bedrock-lz/elsewhere": {},
      });
      assert.deepEqual(
        deployment.plan.wiring.filter((edge) => edge.to.stack === "operator"),
        [
          {
            from: { stack: "organization/bedrock-lz/elsewhere", output: "endpointIds" },
            to: { stack: "operator", config: "bedrock-lz:municipalities.sapporo.municipalityStack" },
            status: "absent",
            value: undefined,
            feeds: [],
            note: "stack organization/bedrock-lz/elsewhere is not in this plan",
          },
        ],
      );
    });
  });

  describe("files taken as written (no implied locks, the audit's view)", () => {
    it("leaves every entry with nothing set unlocked, shown against the municipality of its name", async () => {
      const deployment = await planDeployment(
        [stack("operator", fixtureConfig("operator")), stack("municipality", fixtureConfig("municipality"))],
        { impliedLocks: false },
      );
      assert.deepEqual(Object.fromEntries(deployment.locks), {
        operator: { sapporo: { kind: "none" }, hakodate: { kind: "none" } },
      });
      assert.deepEqual(deployment.phases.locked.get("operator")!.flat, fixtureConfig("operator"));
      const absent =
        "hardening not configured yet (deploy order step 3): the invoke role is valid but not locked to the endpoints";
      assert.deepEqual(
        deployment.plan.wiring.filter((edge) => edge.to.stack === "operator"),
        [
          {
            from: { stack: "municipality", output: "endpointIds" },
            to: { stack: "operator", config: "bedrock-lz:municipalities.sapporo.municipalityStack" },
            status: "absent",
            feeds: [],
            note: absent,
          },
          {
            from: { stack: "(municipality hakodate)", output: "endpointIds" },
            to: { stack: "operator", config: "bedrock-lz:municipalities.hakodate.municipalityStack" },
            status: "absent",
            feeds: [],
            note: absent,
          },
        ],
      );
    });
  });

  describe("errors that stop the plan", () => {
    it("refuses an operatorStack the plan does not have, naming the file and both keys", async () => {
      const { "bedrock-lz:operatorRoleArn": _arn, ...municipality } = fixtureConfig("municipality");
      const loaded = stack("municipality", {
        ...municipality,
        "bedrock-lz:operatorStack": "acme/bedrock-lz/elsewhere",
      });
      await assert.rejects(planDeployment([loaded]), (error: unknown) => {
        assert.ok(error instanceof PlanInputError);
        assert.equal(error.name, "PlanInputError");
        assert.equal(
          error.message,
          'Pulumi.municipality.yaml: bedrock-lz:operatorStack is "acme/bedrock-lz/elsewhere", a stack this plan does not have. ' +
            "Add its config (--config Pulumi.<stack>.yaml), or set bedrock-lz:operatorRoleArn instead.",
        );
        assert.equal(
          error.messageIn(PLAN_MESSAGES.ja),
          PLAN_MESSAGES.ja.cli.operatorStackMissing("Pulumi.municipality.yaml", "acme/bedrock-lz/elsewhere"),
        );
        return true;
      });
    });

    it("stops on a config the schema refuses, before any stack runs, naming the stack and file", () => {
      const loaded = stack("operator", { ...fixtureConfig("operator"), "bedrock-lz:accountId": "12" });
      assert.throws(
        () => stackConfigOf(loaded),
        (error: unknown) => {
          assert.ok(error instanceof StackRunError);
          assert.equal(error.name, "StackRunError");
          assert.equal(error.stack, "operator");
          assert.equal(error.file, "Pulumi.operator.yaml");
          assert.ok(error.cause instanceof ConfigError);
          assert.equal(error.message, `stack operator (Pulumi.operator.yaml): ${(error.cause as Error).message}`);
          assert.match(error.message, /bedrock-lz:accountId/);
          assert.ok(error.messageIn(PLAN_MESSAGES.ja).startsWith("スタック operator(Pulumi.operator.yaml): "));
          // Quoted by another tool as text, it is still said in Japanese.
          assert.equal(inLanguage(error.message, "ja"), error.messageIn(PLAN_MESSAGES.ja));
          return true;
        },
      );
    });

    it("refuses a stack loaded twice, and a file that cannot be read", () => {
      const file = join(FIXTURES, "Pulumi.operator.yaml");
      const loaded = loadStackFiles([file, join(FIXTURES, "Pulumi.municipality.yaml")]);
      assert.deepEqual(
        loaded.map((l) => [l.stack, l.file]),
        [
          ["operator", file],
          ["municipality", join(FIXTURES, "Pulumi.municipality.yaml")],
        ],
      );
      assert.deepEqual(loaded[0].config, fixtureConfig("operator"));
      assert.throws(
        () => loadStackFiles([file, file]),
        (error: unknown) =>
          error instanceof PlanInputError &&
          error.message === `${file}: stack "operator" is already loaded from ${file}` &&
          error.messageIn(PLAN_MESSAGES.ja) === PLAN_MESSAGES.ja.cli.alreadyLoaded(file, "operator", file) &&
          inLanguage(error.message, "ja") === PLAN_MESSAGES.ja.cli.alreadyLoaded(file, "operator", file),
      );
      const missing = join(FIXTURES, "Pulumi.nowhere.yaml");
      assert.throws(
        () => loadStackFiles([missing]),
        (error: unknown) => {
          assert.ok(error instanceof PlanInputError);
          assert.ok(error.message.includes(missing));
          // The file reader's own catalogue says it in Japanese; the plan does not overwrite that.
          const ja = error.messageIn(PLAN_MESSAGES.ja);
          assert.notEqual(ja, error.message);
          assert.ok(ja.includes(missing));
          assert.equal(inLanguage(error.message, "ja"), ja);
          return true;
        },
      );
    });

    it("keeps only the program's own message from a RunError wrapped by nested inputs", () => {
      assert.equal(
        cleanMessage(
          new Error('error serializing property "policy": error serializing property "statements": the cause'),
        ),
        "the cause",
      );
      assert.equal(
        cleanMessage(new Error('keeps error serializing property "a": inside')),
        'keeps error serializing property "a": inside',
      );
      assert.equal(cleanMessage('error serializing property "": empty name'), "empty name");
      assert.equal(cleanMessage("plain text"), "plain text");
      assert.equal(cleanMessage(undefined), "undefined");
    });
  });

  describe("document changes between two phases", () => {
    const doc = (resource: string, statements: unknown, type = "aws:iam/rolePolicy:RolePolicy"): PlanDocument => ({
      resource,
      type,
      input: "policy",
      file: `policies/x/${resource}.json`,
      document: { Version: "2012-10-17", Statement: statements } as PlanDocument["document"],
    });
    const allow = (sid: string | undefined, action: string) => ({
      ...(sid !== undefined ? { Sid: sid } : {}),
      Effect: "Allow",
      Action: action,
      Resource: "*",
    });

    it("lists added, changed (with the statements added, changed, removed) and removed documents", () => {
      const before = [
        doc("kept", [allow("A", "s3:GetObject")]),
        doc("changed", [
          allow("Same", "s3:GetObject"),
          allow("Edited", "s3:PutObject"),
          allow("Gone", "s3:ListBucket"),
        ]),
        doc("removed", [allow("A", "s3:GetObject")]),
        doc("retyped", [allow("A", "s3:GetObject")], "aws:iam/policy:Policy"),
      ];
      const after = [
        doc("kept", [allow("A", "s3:GetObject")]),
        doc("changed", [allow("Same", "s3:GetObject"), allow("Edited", "s3:DeleteObject"), allow("New", "s3:*")]),
        doc("added", [allow("A", "s3:GetObject")]),
        doc("retyped", [allow("A", "s3:GetObject")]),
      ];
      const base = (resource: string) => ({ file: `policies/x/${resource}.json`, resource, input: "policy" });
      assert.deepEqual(documentChanges(before, after), [
        { ...base("changed"), change: "changed", statements: ["+New", "~Edited", "-Gone"] },
        { ...base("added"), change: "added", statements: [] },
        { ...base("retyped"), change: "added", statements: [] },
        { ...base("removed"), change: "removed", statements: [] },
        { ...base("retyped"), change: "removed", statements: [] },
      ]);
    });

    it("names statements without a Sid by their position, and reads a single statement as a list of one", () => {
      const before = [doc("p", allow(undefined, "s3:GetObject"))];
      const after = [doc("p", [allow(undefined, "s3:PutObject"), allow(undefined, "s3:GetObject")])];
      assert.deepEqual(documentChanges(before, after), [
        { file: "policies/x/p.json", resource: "p", input: "policy", change: "changed", statements: ["+#1", "~#0"] },
      ]);
      assert.deepEqual(documentChanges(after, before), [
        { file: "policies/x/p.json", resource: "p", input: "policy", change: "changed", statements: ["~#0", "-#1"] },
      ]);
      assert.deepEqual(documentChanges(before, before), []);
    });
  });
});
