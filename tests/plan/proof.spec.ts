/**
 * The proof part of the plan (plan/proof.ts), in-process on deployments planned from the fixture
 * stack files: which pairs are proved, which stacks pair with nothing and why, what each phase's
 * clients get, and how a mismatch is explained.
 */
import * as assert from "node:assert/strict";
import { formatMatrix } from "../../access/matrix";
import { PLAN_MESSAGES } from "../../plan/messages";
import {
  type Proof,
  mismatchMessages,
  proofSection,
  proofVerdict,
  proveDeployment,
  withPhaseClients,
} from "../../plan/proof";
import { type DeploymentRuns, type LoadedStack, planDeployment } from "../../plan/run";
import type { Plan } from "../../plan/schema";
import { fixtureConfig } from "../support";

const PEERS_KEY = "bedrock-lz:municipalities";
const JP_PROFILE =
  "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-haiku-4-5-20251001-v1:0";
const model = (region: string) =>
  `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0`;

function stack(name: string, config: Record<string, string>): LoadedStack {
  return { stack: name, file: `Pulumi.${name}.yaml`, config };
}

const allowed = (municipality = "municipality") => ({ operator: "operator", municipality, allowed: true, denied: [] });

describe("plan proof", function () {
  this.timeout(120_000);

  describe("a metering operator with an enforced guardrail and a trust lock, beside stacks that pair with nothing", () => {
    let deployment: DeploymentRuns;
    let proof: Proof;
    before(async () => {
      const operator = fixtureConfig("operator");
      const peers = JSON.parse(operator[PEERS_KEY]);
      const municipality = fixtureConfig("municipality");
      deployment = await planDeployment([
        stack("operator", {
          ...operator,
          "bedrock-lz:metering": JSON.stringify({ enabled: true }),
          "bedrock-lz:guardrail": JSON.stringify({
            enabled: true,
            enforceOnInvokeRoles: true,
            contentFilters: { HATE: { inputStrength: "HIGH", outputStrength: "HIGH" } },
          }),
          [PEERS_KEY]: JSON.stringify({
            ...peers,
            sapporo: { ...peers.sapporo, municipalityStack: "municipality", lockTrustToStsEndpoint: true },
          }),
        }),
        // The smoke test (off) would pass another external id: the files disagree, the verdicts do not.
        stack("municipality", {
          ...municipality,
          "bedrock-lz:smokeTest": JSON.stringify({ enabled: false, externalId: "another-id" }),
        }),
        stack("otaru", {
          ...municipality,
          "bedrock-lz:accountId": "555555555555",
          "bedrock-lz:municipalityName": "otaru",
          "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru",
        }),
        stack("operator-b", {
          ...operator,
          "bedrock-lz:accountId": "666666666666",
          [PEERS_KEY]: JSON.stringify({ kushiro: { accountId: "777777777777" } }),
        }),
      ]);
      proof = await proveDeployment(deployment);
    });

    it("proves the one pair the files form, every verdict as expected, quoting no disagreement", () => {
      assert.deepEqual(
        proof.pairs.map((pair) => [pair.operator, pair.municipality, pair.notApplicable, pair.disagreements]),
        [["operator", "municipality", {}, []]],
      );
      assert.deepEqual(
        proof.pairs[0].rows.filter((row) => !row.pass),
        [],
      );
      assert.equal(proof.scenarios, proof.pairs[0].rows.length);
      assert.ok(proof.scenarios > 80, String(proof.scenarios));
      assert.equal(proof.mismatches, 0);
    });

    it("names each stack that pairs with nothing, and why", () => {
      assert.deepEqual(proof.unpaired, [
        'municipality otaru (otaru): no operator stack in this plan lists "otaru" in bedrock-lz:municipalities',
        "operator operator-b: none of its municipalities has a stack file in this plan",
      ]);
      assert.equal(
        proofVerdict(proof),
        `access matrix: PROVED: ${proof.scenarios} scenarios over 1 operator–municipality pairs, 0 mismatches, 2 stacks unpaired`,
      );
      assert.deepEqual(mismatchMessages(proof), [
        '  - not evaluated: municipality otaru (otaru): no operator stack in this plan lists "otaru" in bedrock-lz:municipalities',
        "  - not evaluated: operator operator-b: none of its municipalities has a stack file in this plan",
      ]);
    });

    it("denies the clients before the hand-over (the bare jp. profile), and lets them through from the hand-over on", () => {
      assert.deepEqual(
        [...proof.clients],
        [
          [
            "municipalities",
            [
              {
                operator: "operator",
                municipality: "municipality",
                allowed: false,
                denied: [
                  { id: "C02", action: "bedrock:InvokeModel", resource: JP_PROFILE, deniedBy: ["identity"] },
                  {
                    id: "C03",
                    action: "bedrock:InvokeModel",
                    resource: model("ap-northeast-1"),
                    deniedBy: ["identity"],
                  },
                  {
                    id: "C04",
                    action: "bedrock:InvokeModel",
                    resource: model("ap-northeast-3"),
                    deniedBy: ["identity"],
                  },
                ],
              },
            ],
          ],
          ["handover", [allowed()]],
          ["locked", [allowed()]],
        ],
      );
    });

    it("writes each phase's client verdicts into the plan, leaving step 1 without any", () => {
      const plan = withPhaseClients(deployment.plan, proof);
      assert.deepEqual(
        plan.phases!.map((phase) => [phase.name, phase.clients]),
        [
          ["operator", undefined],
          ["municipalities", proof.clients.get("municipalities")],
          ["handover", [allowed()]],
          ["locked", [allowed()]],
        ],
      );
      assert.equal(plan.phases![0], deployment.plan.phases![0]);
      assert.deepEqual(plan.stacks, deployment.plan.stacks);
    });

    it("renders the access matrix section: the verdict, what was not evaluated, each pair's table", () => {
      const section = proofSection(proof);
      assert.equal(section.title, "IAM access matrix");
      assert.equal(
        section.render(deployment.plan),
        [
          proofVerdict(proof),
          "",
          '- not evaluated: municipality otaru (otaru): no operator stack in this plan lists "otaru" in bedrock-lz:municipalities',
          "",
          "- not evaluated: operator operator-b: none of its municipalities has a stack file in this plan",
          "",
          "### operator × municipality",
          `${proof.scenarios} scenarios evaluated with @cloud-copilot/iam-simulate on the end-state documents above, 0 differ from the expected verdict.`,
          "",
          formatMatrix(proof.pairs[0].rows),
        ].join("\n"),
      );
    });
  });

  describe("a municipality in the wrong account, without an STS endpoint", () => {
    let deployment: DeploymentRuns;
    let proof: Proof;
    before(async () => {
      deployment = await planDeployment([
        stack("operator", fixtureConfig("operator")),
        stack("municipality", {
          ...fixtureConfig("municipality"),
          "bedrock-lz:accountId": "444444444444",
          "bedrock-lz:endpoints": JSON.stringify({ sts: { enabled: false } }),
        }),
      ]);
      proof = await proveDeployment(deployment);
    });

    const disagreement =
      'Pulumi.operator.yaml trusts account 222222222222 for "sapporo", but Pulumi.municipality.yaml deploys into ' +
      "444444444444: the invoke role would trust the wrong account. Make the two account ids agree";

    it("counts the mismatches, names the settings the files disagree on and the scenarios that do not apply", () => {
      const [pair] = proof.pairs;
      const failed = pair.rows.filter((row) => !row.pass).map((row) => row.id);
      assert.ok(failed.length > 0);
      assert.equal(proof.mismatches, failed.length);
      assert.equal(proof.scenarios, pair.rows.length);
      assert.deepEqual(pair.disagreements, [disagreement]);
      const noSts = "the municipality has no sts endpoint";
      assert.deepEqual(
        pair.notApplicable,
        Object.fromEntries(["A01", "A02", "C01", "T03", "T05", "T08", "T09", "T10"].map((id) => [id, noSts])),
      );
      assert.deepEqual(proof.unpaired, []);
      assert.equal(
        proofVerdict(proof),
        `access matrix: NOT PROVED: ${proof.scenarios} scenarios over 1 operator–municipality pairs, ` +
          `${failed.length} mismatches, 8 not applicable`,
      );
      assert.deepEqual(mismatchMessages(proof), [
        `operator × municipality: ${failed.length} verdicts differ (${failed.join(", ")}); the stack files disagree: ${disagreement}`,
      ]);
      assert.deepEqual(mismatchMessages(proof, PLAN_MESSAGES.ja), [
        PLAN_MESSAGES.ja.mismatch("operator × municipality", failed, [disagreement]),
      ]);
    });

    it("records the clients of every phase but a hand-over, when nothing is handed over", () => {
      // The call that would cross accounts (C01, AssumeRole) has no STS endpoint to go through.
      assert.deepEqual(
        [...proof.clients],
        [
          ["municipalities", [allowed()]],
          ["locked", [allowed()]],
        ],
      );
    });

    it("shows the disagreement and the scenarios that do not apply in the pair's section", () => {
      const body = proofSection(proof).render(deployment.plan);
      const failed = proof.pairs[0].rows.filter((row) => !row.pass).length;
      assert.ok(
        body.includes(
          [
            "### operator × municipality",
            `${proof.scenarios} scenarios evaluated with @cloud-copilot/iam-simulate on the end-state documents above, ${failed} differ from the expected verdict.`,
            `- the stack files disagree: ${disagreement}`,
            "Not applicable: A01 (the municipality has no sts endpoint), A02 (the municipality has no sts endpoint), " +
              "C01 (the municipality has no sts endpoint), T03 (the municipality has no sts endpoint), " +
              "T05 (the municipality has no sts endpoint), T08 (the municipality has no sts endpoint), " +
              "T09 (the municipality has no sts endpoint), T10 (the municipality has no sts endpoint).",
            "",
            formatMatrix(proof.pairs[0].rows),
          ].join("\n"),
        ),
        body,
      );
      assert.ok(body.startsWith(`${proofVerdict(proof)}\n\n### operator × municipality\n`), body);
    });
  });

  describe("an operator locked to another municipality's stack, beside a second operator", () => {
    let proof: Proof;
    before(async () => {
      const operator = fixtureConfig("operator");
      const peers = JSON.parse(operator[PEERS_KEY]);
      const municipality = fixtureConfig("municipality");
      proof = await proveDeployment(
        await planDeployment([
          stack("operator", {
            ...operator,
            [PEERS_KEY]: JSON.stringify({ ...peers, sapporo: { ...peers.sapporo, municipalityStack: "hakodate" } }),
          }),
          stack("operator-b", {
            ...operator,
            "bedrock-lz:accountId": "666666666666",
            [PEERS_KEY]: JSON.stringify({ hakodate: { accountId: "333333333333" } }),
          }),
          stack("municipality", municipality),
          stack("hakodate", {
            ...municipality,
            "bedrock-lz:accountId": "333333333333",
            "bedrock-lz:municipalityName": "hakodate",
            "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-hakodate",
            "bedrock-lz:smokeTest": JSON.stringify({ enabled: false }),
          }),
        ]),
      );
    });

    it("pairs each municipality with every operator that lists it, leaving no operator unpaired", () => {
      assert.deepEqual(
        proof.pairs.map((pair) => [pair.operator, pair.municipality]),
        [
          ["operator", "municipality"],
          ["operator", "hakodate"],
          ["operator-b", "hakodate"],
        ],
      );
      assert.deepEqual(proof.unpaired, []);
    });

    it("lets the clients through before step 3 and denies them once the role is locked to the wrong endpoints", () => {
      const verdicts = (phase: "municipalities" | "locked") =>
        proof.clients.get(phase)!.map((entry) => [entry.operator, entry.municipality, entry.allowed]);
      const sapporo = [
        ["operator", "municipality", true],
        ["operator", "hakodate", true],
        ["operator-b", "hakodate", false],
      ];
      assert.deepEqual(verdicts("municipalities"), sapporo);
      assert.deepEqual(verdicts("locked"), [["operator", "municipality", false], ...sapporo.slice(1)]);
      assert.deepEqual(
        proof.clients.get("locked")![0].denied.map((entry) => [entry.id, entry.deniedBy]),
        ["C02", "C03", "C04"].map((id) => [id, ["identity", "scp", "boundary"]]),
      );
      assert.equal(proof.clients.has("handover"), false);
    });
  });

  describe("verdicts of proofs with no pair, or with a clean pair", () => {
    const proofOf = (fields: Partial<Proof>): Proof => ({
      pairs: [],
      clients: new Map(),
      unpaired: [],
      scenarios: 0,
      mismatches: 0,
      ...fields,
    });

    it("says NOT EVALUATED when no pair was formed", () => {
      const proof = proofOf({
        unpaired: ["operator operator: none of its municipalities has a stack file in this plan"],
      });
      assert.equal(
        proofVerdict(proof),
        "access matrix: NOT EVALUATED: no operator–municipality pair in the files given (1 stacks unpaired, " +
          "reasons above); plan an operator's file together with the files of the municipalities it lists",
      );
      assert.equal(
        proofVerdict(proof, PLAN_MESSAGES.ja),
        PLAN_MESSAGES.ja.verdict({
          proved: false,
          scenarios: 0,
          pairs: 0,
          mismatches: 0,
          notApplicable: 0,
          unpaired: 1,
        }),
      );
    });

    it("records no clients and proves nothing for an operator planned alone", async () => {
      const proof = await proveDeployment(await planDeployment([stack("operator", fixtureConfig("operator"))]));
      assert.deepEqual(
        [...proof.clients],
        [
          ["municipalities", []],
          ["locked", []],
        ],
      );
      assert.deepEqual(proof.unpaired, ["operator operator: none of its municipalities has a stack file in this plan"]);
      assert.match(proofVerdict(proof), /^access matrix: NOT EVALUATED: .*\(1 stacks unpaired/);
    });

    it("leaves a plan without phases as it is", () => {
      const plan = { version: 1, stacks: {}, wiring: [] } as unknown as Plan;
      assert.equal(withPhaseClients(plan, proofOf({})), plan);
    });
  });
});
