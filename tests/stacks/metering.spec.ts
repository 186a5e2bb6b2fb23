import { deepStrictEqual, match, ok, strictEqual, throws } from "node:assert/strict";
import { simulate } from "../../access/simulator";
import { applicationInferenceProfileArn, foundationModelArn, iamRoleArn } from "../../infra/arns";
import { lookupInferenceProfile } from "../../infra/catalog";
import { parseStackConfig, rawConfigOf } from "../../infra/config";
import { DEFAULT_ALARM_THRESHOLDS } from "../../infra/config/features/metering";
import {
  ALARM_DESCRIPTION_MAX_LENGTH,
  DASHBOARD_LIMITS,
  MAX_MUNICIPALITIES_PER_DASHBOARD,
  METRICS_INSIGHTS_ALARM_LIMITS,
  budgetTagFilterValue,
  dashboardBodies,
  modelIdForms,
  municipalityOfModelId,
  operatorAlarmSpecs,
} from "../../infra/metering";
import { alarmScaling } from "../../plan/cost";
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

/** The alarm settings as resolved from the defaults. */
const ALARMS = { ...DEFAULT_ALARM_THRESHOLDS, enabled: true, emails: [] as string[] };

/** The alarm topic's ARN, as its topic policy received it. */
const topicArnOf = (run: Awaited<ReturnType<typeof runWithConfig>>) =>
  named(run, "operator-alarms-topic-policy").inputs.arn;

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

    it("rejects a token window CloudWatch cannot evaluate and a dashboard page past its metric limits", () => {
      const metering = (value: Record<string, unknown>) => () =>
        parseStackConfig(rawConfigOf(meteredOperator({ "bedrock-lz:metering": { enabled: true, ...value } })));
      // A day was the old token ceiling: a Metrics Insights alarm sees the latest 3 hours only.
      throws(
        metering({ alarms: { tokenWindowSeconds: 86_400 } }),
        /metering\.alarms\.tokenWindowSeconds: must be 300, 900, 3600 or 10800 \(CloudWatch evaluates a Metrics Insights alarm over the latest 3 hours only\)/,
      );
      throws(metering({ alarms: { dailyTokens: 2_000_000 } }), /metering\.alarms\.dailyTokens: is not a setting here/);
      throws(
        metering({ municipalitiesPerDashboard: MAX_MUNICIPALITIES_PER_DASHBOARD + 1 }),
        new RegExp(
          `metering\\.municipalitiesPerDashboard: must be a whole number from 1 to ${MAX_MUNICIPALITIES_PER_DASHBOARD}$`,
          "m",
        ),
      );
      metering({
        municipalitiesPerDashboard: MAX_MUNICIPALITIES_PER_DASHBOARD,
        alarms: { tokenWindowSeconds: 10_800 },
      })();
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
    const shared = { systemProfileId: target.profile.id, foundationModelId: target.profile.modelId };
    const arnOf = (i: number) =>
      applicationInferenceProfileArn("ap-northeast-1", OPERATOR, `p${String(i).padStart(11, "0")}`);
    const profiles = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`m${String(i).padStart(4, "0")}`, arnOf(i)]));

    it("alarms: five Metrics Insights queries that name no municipality, two account-wide, three per municipality", () => {
      const specs = operatorAlarmSpecs(ALARMS, shared);
      const where =
        "WHERE ModelId != 'jp.anthropic.claude-haiku-4-5-20251001-v1:0' AND ModelId != 'anthropic.claude-haiku-4-5-20251001-v1:0'";
      const select = (metric: string) => `SELECT SUM(${metric}) FROM SCHEMA("AWS/Bedrock", ModelId) ${where}`;
      const perMunicipality = "GROUP BY ModelId ORDER BY SUM() DESC";
      deepStrictEqual(
        specs.map((spec) => [spec.alarmName, spec.scope, spec.query, spec.threshold, spec.periodSeconds]),
        [
          ["bedrock-lz-throttles", "account", select("InvocationThrottles"), 20, 300],
          ["bedrock-lz-server-errors", "account", select("InvocationServerErrors"), 10, 300],
          [
            "bedrock-lz-client-errors",
            "municipality",
            `${select("InvocationClientErrors")} ${perMunicipality}`,
            20,
            300,
          ],
          [
            "bedrock-lz-input-tokens",
            "municipality",
            `${select("InputTokenCount")} ${perMunicipality}`,
            1_000_000,
            3600,
          ],
          [
            "bedrock-lz-output-tokens",
            "municipality",
            `${select("OutputTokenCount")} ${perMunicipality}`,
            250_000,
            3600,
          ],
        ],
      );
      // The queries group by whatever ModelId CloudWatch records, the profile's ARN or its bare id.
      for (const spec of specs) ok(!spec.query.includes("application-inference-profile"), spec.query);
    });

    it("alarms: every allowed period and token window fits CloudWatch's 3 hours, and each description its 1,024 characters", () => {
      for (const periodSeconds of [60, 300, 900, 3600] as const) {
        for (const tokenWindowSeconds of [300, 900, 3600, 10_800] as const) {
          const settings = { ...ALARMS, periodSeconds, tokenWindowSeconds };
          for (const spec of operatorAlarmSpecs(settings, shared)) {
            ok(spec.periodSeconds * spec.evaluationPeriods <= METRICS_INSIGHTS_ALARM_LIMITS.evaluationWindowSeconds);
            ok(spec.description.length <= ALARM_DESCRIPTION_MAX_LENGTH, spec.description);
          }
        }
      }
    });

    it("the notification leads to the municipality: its profile's name, and npm run usage --which for either ModelId", () => {
      const specs = operatorAlarmSpecs(ALARMS, shared);
      for (const spec of specs.filter((s) => s.scope === "municipality")) {
        match(spec.description, /named bedrock-lz-<municipality>/);
        match(spec.description, /aws bedrock get-inference-profile --inference-profile-identifier <ModelId>/);
        match(spec.description, /npm run usage -- --outputs <operator outputs\.json> --which <ModelId>/);
      }
      const arns = profiles(3);
      deepStrictEqual(modelIdForms(arns.m0001), { arn: arns.m0001, id: "p00000000001" });
      strictEqual(municipalityOfModelId(arns, arns.m0001), "m0001");
      strictEqual(municipalityOfModelId(arns, "p00000000002"), "m0002");
      strictEqual(municipalityOfModelId(arns, "p0000000000"), undefined, "a prefix of an id is not the id");
      strictEqual(municipalityOfModelId(arns, target.profile.id), undefined);
      throws(() => modelIdForms(profileArnOf(target)), /is not an application inference profile ARN/);
    });

    it("dashboards: every allowed page size stays inside CloudWatch's 500 metrics per graph and 2,500 per dashboard", () => {
      const count = (body: string) =>
        (JSON.parse(body) as { widgets: { properties: { metrics?: unknown[] } }[] }).widgets.map(
          (w) => w.properties.metrics?.length ?? 0,
        );
      for (let perPage = 1; perPage <= MAX_MUNICIPALITIES_PER_DASHBOARD; perPage++) {
        const [body] = dashboardBodies("ap-northeast-1", profiles(perPage), perPage);
        const graphs = count(body);
        ok(Math.max(...graphs) <= DASHBOARD_LIMITS.metricsPerGraph, `${perPage} per page`);
        ok(graphs.reduce((a, b) => a + b, 0) <= DASHBOARD_LIMITS.metricsPerDashboard, `${perPage} per page`);
      }
      throws(
        () => dashboardBodies("ap-northeast-1", profiles(2), MAX_MUNICIPALITIES_PER_DASHBOARD + 1),
        /municipalities per dashboard must be 1-138/,
      );
    });

    it("dashboards: 1,741 municipalities at the largest page size, each line its name over both ModelId forms", () => {
      const arns = profiles(1741);
      const bodies = dashboardBodies("ap-northeast-1", arns, MAX_MUNICIPALITIES_PER_DASHBOARD);
      strictEqual(bodies.length, Math.ceil(1741 / MAX_MUNICIPALITIES_PER_DASHBOARD));
      const labelled = new Set<string>();
      for (const body of bodies) {
        const graphs = (
          JSON.parse(body) as { widgets: { type: string; properties: { metrics?: unknown[][] } }[] }
        ).widgets
          .filter((w) => w.type === "metric")
          .map((w) => w.properties.metrics!);
        strictEqual(graphs.length, 6);
        for (const metrics of graphs) {
          ok(metrics.length <= DASHBOARD_LIMITS.metricsPerGraph);
          for (let i = 0; i < metrics.length; i += 3) {
            const [byArn, byId, [line]] = [metrics[i], metrics[i + 1], metrics[i + 2]] as [
              unknown[],
              unknown[],
              [{ expression: string; label: string }],
            ];
            const forms = modelIdForms(arns[line.label]);
            deepStrictEqual([byArn[3], byId[3]], [forms.arn, forms.id]);
            deepStrictEqual(
              line.expression,
              `SUM([${(byArn[4] as { id: string }).id},${(byId[4] as { id: string }).id}])`,
            );
            labelled.add(line.label);
          }
        }
        ok(graphs.flat().length <= DASHBOARD_LIMITS.metricsPerDashboard);
      }
      strictEqual(labelled.size, 1741);
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
      // The account's alarms (5 on Bedrock's metrics, 2 on log delivery), one encrypted topic, one subscription, one dashboard.
      strictEqual(ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 7);
      strictEqual(ofType(run, "aws:sns/topic:Topic").length, 1);
      ok(named(run, "operator-alarms-topic").inputs.kmsMasterKeyId);
      strictEqual(ofType(run, "aws:sns/topicSubscription:TopicSubscription").length, 1);
      strictEqual(ofType(run, "aws:cloudwatch/dashboard:Dashboard").length, 1);
      deepStrictEqual(
        run.warnings.filter((w) => /metering|application/i.test(w)),
        [],
      );
    });

    it("declares the same alarms at 2 and at 60 municipalities, each a Metrics Insights query to the topic", async () => {
      const many = Object.fromEntries(
        Array.from({ length: 60 }, (_, i) => [`m${i}`, { accountId: String(200000000000 + i) }]),
      );
      const small = await runWithConfig("operator", meteredOperator());
      const large = await runWithConfig("operator", meteredOperator({ "bedrock-lz:municipalities": many }));
      const alarms = (run: typeof small) =>
        ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => [alarm.name, alarm.inputs]);
      deepStrictEqual(alarms(large), alarms(small));
      const topic = topicArnOf(small);
      const specs = operatorAlarmSpecs(ALARMS, {
        systemProfileId: target.profile.id,
        foundationModelId: target.profile.modelId,
      });
      for (const spec of specs) {
        const alarm = named(small, `operator-alarms-${spec.key}`).inputs;
        deepStrictEqual(alarm.metricQueries, [
          { id: "q", expression: spec.query, period: spec.periodSeconds, label: spec.metricName, returnData: true },
        ]);
        // PutMetricAlarm takes Metrics or a metric's own fields, not both.
        strictEqual(alarm.namespace, undefined);
        strictEqual(alarm.metricName, undefined);
        deepStrictEqual(
          [alarm.alarmActions, alarm.okActions, alarm.treatMissingData],
          [[topic], [topic], "notBreaching"],
        );
      }
      // Without invocation logging the two delivery alarms go; the five stay.
      const unlogged = await runWithConfig(
        "operator",
        meteredOperator({ "bedrock-lz:invocationLogging": { enabled: false } }),
      );
      strictEqual(ofType(unlogged, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 5);
    });

    it("the plan prices the alarms per metric analyzed: the same 7 alarms at 1 and at 1,741 municipalities", async () => {
      const run = await runWithConfig("operator", meteredOperator());
      const scaling = alarmScaling(run.resources, "ap-northeast-1");
      // 5 Metrics Insights alarms analyzing one metric per municipality's profile, 2 plain alarms, at $0.10 each.
      deepStrictEqual(scaling, {
        alarms: 7,
        at: [
          { municipalities: 1, monthlyMicroUsd: (5 * 1 + 2) * 100_000 },
          { municipalities: 1741, monthlyMicroUsd: (5 * 1741 + 2) * 100_000 },
        ],
        usesUnverifiedPrices: true,
      });
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
