import { deepStrictEqual, match, ok, strictEqual, throws } from "node:assert/strict";
import { simulate } from "../../access/simulator";
import { applicationInferenceProfileArn, foundationModelArn, iamRoleArn } from "../../infra/arns";
import { lookupInferenceProfile } from "../../infra/catalog";
import { parseStackConfig, rawConfigOf } from "../../infra/config";
import { DASHBOARD_LIMITS, budgetTagFilterValue, dashboardBodies } from "../../infra/metering";
import { operatorOrgGuardrails } from "../../infra/org-guardrails";
import { invokeRolePolicy, profileArnOf } from "../../infra/policies";
import { documentOf, named, ofType, runWithConfig, fixtureConfig, withConfig } from "../support";

const OPERATOR = "111111111111";
const target = {
  profile: lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!,
  region: "ap-northeast-1",
  operatorAccountId: OPERATOR,
};
const OWN = applicationInferenceProfileArn("ap-northeast-1", OPERATOR, "aaaaaaaaaaaa");
const OTHER = applicationInferenceProfileArn("ap-northeast-1", OPERATOR, "bbbbbbbbbbbb");
const FOREIGN = applicationInferenceProfileArn("ap-northeast-1", "444444444444", "cccccccccccc");
const fm = (region: string) => foundationModelArn(region, target.profile.modelId);
const ROLE = iamRoleArn(OPERATOR, "bedrock-lz-invoke-sapporo");

function meteredOperator(changes: Record<string, unknown> = {}) {
  return withConfig(fixtureConfig("operator"), {
    "bedrock-lz:metering": { enabled: true, alarms: { emails: ["ops@example.jp"] } },
    ...changes,
  });
}

async function invoke(resource: string, context: Record<string, string> = {}, scp = false) {
  const guardrails = operatorOrgGuardrails([], OPERATOR);
  const allowAll = { Version: "2012-10-17", Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }] };
  const decision = await simulate(
    {
      principal: ROLE,
      action: "bedrock:InvokeModel",
      resource,
      resourceAccountId: resource.split(":")[4] || OPERATOR,
      context: { "aws:PrincipalArn": ROLE, "aws:RequestedRegion": resource.split(":")[3], ...context },
      identityPolicies: [invokeRolePolicy({ ...target, applicationProfileArn: OWN })],
      serviceControlPolicies: scp ? [allowAll, guardrails.regionGuardScp, guardrails.bedrockScp] : [],
    },
    resource,
  );
  return decision.allowed;
}

describe("metering per municipality", () => {
  describe("config", () => {
    it("is off by default and resolves with a cost-allocation tag key when on", () => {
      const off = parseStackConfig(rawConfigOf(fixtureConfig("operator")));
      strictEqual(off.account === "operator" && off.metering, undefined);
      const on = parseStackConfig(rawConfigOf(meteredOperator()));
      ok(on.account === "operator" && on.metering !== undefined);
      strictEqual(on.metering.costAllocationTagKey, "bedrock-lz:municipality");
      deepStrictEqual(on.metering.alarms?.emails, ["ops@example.jp"]);
      strictEqual(on.metering.budgets, undefined);
    });

    it("rejects a tag key AWS reserves, budgets without emails and thresholds out of range", () => {
      throws(
        () =>
          parseStackConfig(
            rawConfigOf(meteredOperator({ "bedrock-lz:metering": { enabled: true, costAllocationTagKey: "aws:x" } })),
          ),
        /metering\.costAllocationTagKey: must be a tag key/,
      );
      throws(
        () =>
          parseStackConfig(
            rawConfigOf(meteredOperator({ "bedrock-lz:metering": { enabled: true, budgets: { enabled: true } } })),
          ),
        /metering\.budgets\.emails: needs at least one email address/,
      );
      throws(
        () =>
          parseStackConfig(
            rawConfigOf(meteredOperator({ "bedrock-lz:metering": { enabled: true, alarms: { throttles: 0 } } })),
          ),
        /metering\.alarms\.throttles: must be a whole number/,
      );
    });

    it("names the application-profile quota and the fix when the municipalities exceed it", () => {
      const municipalities = Object.fromEntries(
        Array.from({ length: 1001 }, (_, i) => [`m${i}`, { accountId: String(200000000000 + i) }]),
      );
      throws(
        () =>
          parseStackConfig(
            rawConfigOf(
              meteredOperator({
                "bedrock-lz:municipalities": municipalities,
                "bedrock-lz:quotas": { rolesPerAccount: 5000 },
              }),
            ),
          ),
        /Application inference profiles per account" of 1000 .*quotas\.applicationInferenceProfilesPerAccount/,
      );
      // Raised quota, or metering off: no problem.
      parseStackConfig(
        rawConfigOf(
          meteredOperator({
            "bedrock-lz:municipalities": municipalities,
            "bedrock-lz:quotas": { rolesPerAccount: 5000, applicationInferenceProfilesPerAccount: 2000 },
          }),
        ),
      );
    });
  });

  describe("the invoke role through its application profile (simulated)", () => {
    it("allows the own profile and, through it, the model in Tokyo and Osaka, also under the SCPs", async () => {
      for (const scp of [false, true]) {
        strictEqual(await invoke(OWN, {}, scp), true);
        strictEqual(await invoke(fm("ap-northeast-1"), { "bedrock:InferenceProfileArn": OWN }, scp), true);
        strictEqual(await invoke(fm("ap-northeast-3"), { "bedrock:InferenceProfileArn": OWN }, scp), true);
      }
    });

    it("denies another municipality's profile, the bare jp. profile, a foreign profile and direct model calls", async () => {
      strictEqual(await invoke(OTHER), false);
      strictEqual(await invoke(profileArnOf(target)), false);
      strictEqual(await invoke(profileArnOf(target), { "bedrock:InferenceProfileArn": profileArnOf(target) }), false);
      strictEqual(await invoke(FOREIGN), false);
      strictEqual(await invoke(fm("ap-northeast-1")), false);
      strictEqual(await invoke(fm("ap-northeast-1"), { "bedrock:InferenceProfileArn": OTHER }), false);
    });

    it("the SCP admits only the operator's own application profiles", () => {
      const scp = JSON.stringify(operatorOrgGuardrails([], OPERATOR).bedrockScp);
      ok(scp.includes(`arn:aws:bedrock:*:${OPERATOR}:application-inference-profile/*`));
      ok(!JSON.stringify(operatorOrgGuardrails([]).bedrockScp).includes("application-inference-profile"));
    });
  });

  describe("pure builders", () => {
    it("splits 1,741 municipalities over dashboards within CloudWatch's metric limits", () => {
      const arns = Object.fromEntries(
        Array.from({ length: 1741 }, (_, i) => [
          `m${i}`,
          applicationInferenceProfileArn("ap-northeast-1", OPERATOR, `p${i}`),
        ]),
      );
      const bodies = dashboardBodies("ap-northeast-1", arns, 100);
      strictEqual(bodies.length, 18);
      for (const body of bodies) {
        const widgets = (JSON.parse(body) as { widgets: { properties: { metrics: unknown[] } }[] }).widgets;
        const counts = widgets.map((w) => w.properties.metrics.length);
        ok(counts.every((n) => n <= DASHBOARD_LIMITS.metricsPerGraph));
        ok(counts.reduce((a, b) => a + b, 0) <= DASHBOARD_LIMITS.metricsPerDashboard);
      }
      strictEqual(budgetTagFilterValue("bedrock-lz:municipality", "sapporo"), "user:bedrock-lz:municipality$sapporo");
    });
  });

  describe("the operator stack with metering on", () => {
    it("gives each municipality its own tagged profile copied from the jp. profile, and pins the role to it", async () => {
      const run = await runWithConfig("operator", meteredOperator());
      const profiles = ofType(run, "aws:bedrock/inferenceProfile:InferenceProfile");
      deepStrictEqual(
        profiles.map((p) => p.inputs.name),
        ["bedrock-lz-sapporo", "bedrock-lz-hakodate"],
      );
      for (const p of profiles) {
        deepStrictEqual(p.inputs.modelSource, { copyFrom: profileArnOf(target) });
      }
      strictEqual(
        (named(run, "metering-sapporo-profile").inputs.tags as Record<string, string>)["bedrock-lz:municipality"],
        "sapporo",
      );
      const arns = run.outputs.inferenceProfileArns as Record<string, string>;
      match(arns.sapporo, /^arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile\/\w{12}$/);
      const policy = documentOf(named(run, "invoke-sapporo-invoke"));
      deepStrictEqual(policy, invokeRolePolicy({ ...target, applicationProfileArn: arns.sapporo }));
      // 4 alarms per municipality, 2 log-delivery alarms, one encrypted topic, one subscription, one dashboard.
      strictEqual(ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 2 * 4 + 2);
      strictEqual(ofType(run, "aws:sns/topic:Topic").length, 1);
      ok(named(run, "operator-alarms-topic").inputs.kmsMasterKeyId);
      strictEqual(ofType(run, "aws:sns/topicSubscription:TopicSubscription").length, 1);
      strictEqual(ofType(run, "aws:cloudwatch/dashboard:Dashboard").length, 1);
      deepStrictEqual(
        run.warnings.filter((w) => /metering|application/i.test(w)),
        [],
      );
    });

    it("offboarding: removing a municipality removes exactly its resources, and nothing of the shared ones", async () => {
      const before = await runWithConfig("operator", meteredOperator());
      const shipped = JSON.parse(fixtureConfig("operator")["bedrock-lz:municipalities"]) as Record<string, unknown>;
      const { hakodate: _removed, ...rest } = shipped;
      void _removed;
      const after = await runWithConfig("operator", meteredOperator({ "bedrock-lz:municipalities": rest }));
      const urns = (run: typeof before) => new Set(run.resources.map((r) => `${r.type}::${r.name}`));
      const [b, a] = [urns(before), urns(after)];
      const gone = [...b].filter((u) => !a.has(u)).sort();
      deepStrictEqual(
        [...a].filter((u) => !b.has(u)),
        [],
        "nothing new appears",
      );
      ok(gone.length > 0);
      for (const urn of gone) match(urn, /(hakodate)/, `${urn} is not the removed municipality's`);
      ok(gone.includes("aws:bedrock/inferenceProfile:InferenceProfile::metering-hakodate-profile"));
      ok(gone.includes("aws:iam/role:Role::invoke-hakodate-role"));
      // The shared log group, key and bucket stay: its logs stay under the existing retention.
      ok(
        a.has("aws:cloudwatch/logGroup:LogGroup::invocation-logging-log-group") ||
          [...a].some((u) => u.startsWith("aws:cloudwatch/logGroup:LogGroup")),
      );
    });
  });
});
