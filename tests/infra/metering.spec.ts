import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { applicationInferenceProfileArn } from "../../infra/arns";
import { DEFAULT_ALARM_THRESHOLDS } from "../../infra/config/features/metering";
import {
  ACCOUNT_BUDGET_NAME,
  ALARM_DESCRIPTION_MAX_LENGTH,
  BEDROCK_METRIC_NAMESPACE,
  DASHBOARD_ENTRIES_PER_MUNICIPALITY_PER_GRAPH,
  DASHBOARD_LIMITS,
  LOG_DELIVERY_FAILURE_METRICS,
  MAX_MUNICIPALITIES_PER_DASHBOARD,
  METRICS_INSIGHTS_ALARM_LIMITS,
  MODEL_ID_DIMENSION,
  RUNTIME_METRICS,
  WHICH_MUNICIPALITY_RUNBOOK,
  alarmTopicKeyAlias,
  alarmTopicKeyPolicy,
  alarmTopicName,
  alarmTopicPolicy,
  applicationProfileName,
  applicationProfileTags,
  budgetTagFilterValue,
  dashboardBodies,
  dashboardName,
  metricsInsightsQuery,
  modelIdForms,
  municipalityBudgetName,
  municipalityOfModelId,
  operatorAlarmSpecs,
} from "../../infra/metering";

const OPERATOR = "111111111111";
const REGION = "ap-northeast-1";
const SHARED = {
  systemProfileId: "jp.anthropic.claude-haiku-4-5-20251001-v1:0",
  foundationModelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
};
const ALARMS = { ...DEFAULT_ALARM_THRESHOLDS, enabled: true, emails: [] as string[] };
const profile = (id: string) => applicationInferenceProfileArn(REGION, OPERATOR, id);

/** Bedrock's metric names and CloudWatch's limits, written out from the pages infra/metering.ts cites. */
describe("metering builders (infra/metering.ts)", () => {
  it("reads Bedrock's runtime metrics by ModelId in AWS/Bedrock, and the two log delivery failures", () => {
    strictEqual(BEDROCK_METRIC_NAMESPACE, "AWS/Bedrock");
    strictEqual(MODEL_ID_DIMENSION, "ModelId");
    deepStrictEqual(RUNTIME_METRICS, {
      invocations: "Invocations",
      inputTokens: "InputTokenCount",
      outputTokens: "OutputTokenCount",
      clientErrors: "InvocationClientErrors",
      serverErrors: "InvocationServerErrors",
      throttles: "InvocationThrottles",
    });
    deepStrictEqual(LOG_DELIVERY_FAILURE_METRICS, [
      "ModelInvocationLogsCloudWatchDeliveryFailure",
      "ModelInvocationLogsS3DeliveryFailure",
    ]);
    deepStrictEqual(METRICS_INSIGHTS_ALARM_LIMITS, {
      evaluationWindowSeconds: 10_800,
      timeSeriesPerQuery: 500,
      metricsPerQuery: 10_000,
      contributorsInAlarm: 100,
      alarmsPerAccountAndRegion: 200,
    });
    strictEqual(ALARM_DESCRIPTION_MAX_LENGTH, 1024);
  });

  it("names the profile, topic, key, dashboards and budgets after the project, the municipality and the region", () => {
    strictEqual(applicationProfileName("sapporo"), "bedrock-lz-sapporo");
    strictEqual(alarmTopicName(REGION), "bedrock-lz-alarms-ap-northeast-1");
    strictEqual(alarmTopicKeyAlias(REGION), "alias/bedrock-lz/alarms-ap-northeast-1");
    strictEqual(dashboardName(0, 1), "bedrock-lz-municipalities");
    strictEqual(dashboardName(0, 2), "bedrock-lz-municipalities-1-of-2");
    strictEqual(dashboardName(1, 2), "bedrock-lz-municipalities-2-of-2");
    strictEqual(municipalityBudgetName("sapporo"), "bedrock-lz-sapporo");
    strictEqual(ACCOUNT_BUDGET_NAME, "bedrock-lz-operator-account");
  });

  it("tags the profile with the municipality under the cost-allocation key, over the stack's tags", () => {
    deepStrictEqual(applicationProfileTags("bedrock-lz:municipality", "sapporo"), {
      "bedrock-lz:municipality": "sapporo",
    });
    deepStrictEqual(applicationProfileTags("cost", "sapporo", { Project: "bedrock-lz", cost: "stack's own value" }), {
      Project: "bedrock-lz",
      cost: "sapporo",
    });
    strictEqual(budgetTagFilterValue("bedrock-lz:municipality", "sapporo"), "user:bedrock-lz:municipality$sapporo");
  });

  it("reads a profile's ModelId under its ARN or its bare id, and nothing else", () => {
    const arns = { sapporo: profile("aaaaaaaaaaaa"), otaru: profile("bbbbbbbbbbbb") };
    deepStrictEqual(modelIdForms(arns.sapporo), { arn: arns.sapporo, id: "aaaaaaaaaaaa" });
    throws(() => modelIdForms(`arn:aws:bedrock:${REGION}:${OPERATOR}:inference-profile/${SHARED.systemProfileId}`), {
      message: `arn:aws:bedrock:${REGION}:${OPERATOR}:inference-profile/${SHARED.systemProfileId} is not an application inference profile ARN`,
    });
    // The resource part is found wherever it starts, even at the very beginning.
    deepStrictEqual(modelIdForms("application-inference-profile/x"), {
      arn: "application-inference-profile/x",
      id: "x",
    });
    strictEqual(municipalityOfModelId(arns, arns.otaru), "otaru");
    strictEqual(municipalityOfModelId(arns, "bbbbbbbbbbbb"), "otaru");
    strictEqual(municipalityOfModelId(arns, "aaaaaaaaaaaa"), "sapporo");
    strictEqual(municipalityOfModelId(arns, "aaaaaaaaaaa"), undefined);
    strictEqual(municipalityOfModelId(arns, SHARED.systemProfileId), undefined);
    strictEqual(municipalityOfModelId({}, "aaaaaaaaaaaa"), undefined);
  });

  it("queries every ModelId but the shared profile and its model, grouped per municipality only when asked", () => {
    const where =
      "WHERE ModelId != 'jp.anthropic.claude-haiku-4-5-20251001-v1:0' AND ModelId != 'anthropic.claude-haiku-4-5-20251001-v1:0'";
    strictEqual(
      metricsInsightsQuery("Invocations", "account", SHARED),
      `SELECT SUM(Invocations) FROM SCHEMA("AWS/Bedrock", ModelId) ${where}`,
    );
    strictEqual(
      metricsInsightsQuery("Invocations", "municipality", SHARED),
      `SELECT SUM(Invocations) FROM SCHEMA("AWS/Bedrock", ModelId) ${where} GROUP BY ModelId ORDER BY SUM() DESC`,
    );
    // A quote inside an id is escaped, so the id cannot end the string literal early.
    strictEqual(
      metricsInsightsQuery("Invocations", "account", { systemProfileId: "a'b'c", foundationModelId: "d" }),
      `SELECT SUM(Invocations) FROM SCHEMA("AWS/Bedrock", ModelId) WHERE ModelId != 'a\\'b\\'c' AND ModelId != 'd'`,
    );
  });

  it("declares five alarms, each with its metric, threshold, period and description", () => {
    const settings = {
      ...ALARMS,
      periodSeconds: 60 as const,
      tokenWindowSeconds: 900 as const,
      throttles: 1,
      serverErrors: 2,
      clientErrors: 3,
      inputTokens: 4000,
      outputTokens: 5000,
    };
    const account = (what: string) =>
      `${what}, all municipalities together (Bedrock's quotas are per account, model and region). ` +
      "Which municipalities: the dashboards bedrock-lz-municipalities*. Runbook: docs/operator.md, Alarms.";
    const perMunicipality = (what: string) => `${what}. ${WHICH_MUNICIPALITY_RUNBOOK}`;
    const alarm = (
      key: string,
      scope: "account" | "municipality",
      metricName: string,
      threshold: number,
      periodSeconds: number,
      description: string,
    ) => ({
      key,
      scope,
      alarmName: `bedrock-lz-${key}`,
      description,
      metricName,
      query: metricsInsightsQuery(metricName, scope, SHARED),
      threshold,
      periodSeconds,
      evaluationPeriods: 1,
    });
    deepStrictEqual(operatorAlarmSpecs(settings, SHARED), [
      alarm("throttles", "account", "InvocationThrottles", 1, 60, account("Bedrock throttled 1+ calls in 60 s")),
      alarm(
        "server-errors",
        "account",
        "InvocationServerErrors",
        2,
        60,
        account("2+ Bedrock server errors (5xx) in 60 s"),
      ),
      alarm(
        "client-errors",
        "municipality",
        "InvocationClientErrors",
        3,
        60,
        perMunicipality("A municipality had 3+ client errors (4xx: bad requests, access denied) in 60 s"),
      ),
      alarm(
        "input-tokens",
        "municipality",
        "InputTokenCount",
        4000,
        900,
        perMunicipality("A municipality sent 4000+ input tokens in 900 s"),
      ),
      alarm(
        "output-tokens",
        "municipality",
        "OutputTokenCount",
        5000,
        900,
        perMunicipality("A municipality received 5000+ output tokens in 900 s"),
      ),
    ]);
    strictEqual(
      WHICH_MUNICIPALITY_RUNBOOK,
      "ModelId is a municipality's application inference profile (ARN or bare id), named bedrock-lz-<municipality>: " +
        "aws bedrock get-inference-profile --inference-profile-identifier <ModelId> --query inferenceProfileName, " +
        "or npm run usage -- --outputs <operator outputs.json> --which <ModelId>. Runbook: docs/operator.md, Alarms.",
    );
  });

  it("lets CloudWatch's alarms of this account only use the topic's key and publish to the topic", () => {
    deepStrictEqual(alarmTopicKeyPolicy(OPERATOR), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EnableIamPoliciesOfThisAccount",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111111111111:root" },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "CloudWatchAlarmsOfThisAccountPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": OPERATOR } },
        },
      ],
    });
    const topic = `arn:aws:sns:${REGION}:${OPERATOR}:bedrock-lz-alarms-${REGION}`;
    deepStrictEqual(alarmTopicPolicy(topic, OPERATOR), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloudWatchAlarmsOfThisAccountPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topic,
          Condition: { StringEquals: { "aws:SourceAccount": OPERATOR } },
        },
      ],
    });
  });

  describe("dashboards", () => {
    const arns = {
      sapporo: profile("aaaaaaaaaaaa"),
      otaru: profile("bbbbbbbbbbbb"),
      asahikawa: profile("cccccccccccc"),
    };
    type Widget = {
      type: string;
      x: number;
      y: number;
      width: number;
      height: number;
      properties: Record<string, unknown>;
    };
    const widgetsOf = (body: string) => (JSON.parse(body) as { widgets: Widget[] }).widgets;

    it("a page holds at most 138 municipalities: 2,500 metrics over 6 graphs of 3 entries each", () => {
      deepStrictEqual(DASHBOARD_LIMITS, { metricsPerGraph: 500, metricsPerDashboard: 2500 });
      strictEqual(DASHBOARD_ENTRIES_PER_MUNICIPALITY_PER_GRAPH, 3);
      strictEqual(MAX_MUNICIPALITIES_PER_DASHBOARD, 138);
      strictEqual(dashboardBodies(REGION, arns, 138).length, 1);
      strictEqual(dashboardBodies(REGION, arns, 1).length, 3);
      for (const perPage of [0, -1, 139, 1.5, Number.NaN]) {
        throws(() => dashboardBodies(REGION, arns, perPage), {
          message: `municipalities per dashboard must be 1-138, got ${perPage}`,
        });
      }
      deepStrictEqual(dashboardBodies(REGION, {}, 1), []);
    });

    it("splits the municipalities in alphabetical order over pages, each with its note", () => {
      const pages = dashboardBodies(REGION, arns, 2).map(widgetsOf);
      strictEqual(pages.length, 2);
      deepStrictEqual(pages[0][0], {
        type: "text",
        x: 0,
        y: 0,
        width: 24,
        height: 2,
        properties: {
          markdown:
            "Municipalities asahikawa to otaru (2). Each line is one municipality's application inference profile, " +
            "under its ARN and its bare id together (CloudWatch records one of them).",
        },
      });
      deepStrictEqual(
        (pages[1][0].properties as { markdown: string }).markdown.split(".")[0],
        "Municipalities sapporo to sapporo (1)",
      );
    });

    it("charts six graphs in two columns, each line a municipality's ARN and bare id summed", () => {
      const [page] = dashboardBodies(REGION, { sapporo: arns.sapporo, otaru: arns.otaru }, 2).map(widgetsOf);
      const graph = (title: string, metricName: string, x: number, y: number) => ({
        type: "metric",
        x,
        y,
        width: 12,
        height: 8,
        properties: {
          title: `${title} per municipality`,
          region: REGION,
          view: "timeSeries",
          stacked: false,
          stat: "Sum",
          period: 3600,
          metrics: [
            ["AWS/Bedrock", metricName, "ModelId", arns.otaru, { id: "a0", visible: false }],
            ["AWS/Bedrock", metricName, "ModelId", "bbbbbbbbbbbb", { id: "b0", visible: false }],
            [{ expression: "SUM([a0,b0])", label: "otaru", id: "m0" }],
            ["AWS/Bedrock", metricName, "ModelId", arns.sapporo, { id: "a1", visible: false }],
            ["AWS/Bedrock", metricName, "ModelId", "aaaaaaaaaaaa", { id: "b1", visible: false }],
            [{ expression: "SUM([a1,b1])", label: "sapporo", id: "m1" }],
          ],
        },
      });
      deepStrictEqual(page.slice(1), [
        graph("Invocations", "Invocations", 0, 2),
        graph("Input tokens", "InputTokenCount", 12, 2),
        graph("Output tokens", "OutputTokenCount", 0, 10),
        graph("Client errors (4xx)", "InvocationClientErrors", 12, 10),
        graph("Server errors (5xx)", "InvocationServerErrors", 0, 18),
        graph("Throttles", "InvocationThrottles", 12, 18),
      ]);
    });
  });
});
