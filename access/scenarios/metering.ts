/**
 * Access-matrix scenarios for per-municipality metering (docs/operator.md, "Metering, alarms and
 * budgets"): with `metering.enabled`, each municipality calls its own Bedrock application
 * inference profile, and its invoke role may call nothing else. The main scenarios that call the
 * bare `jp.` profile then call the municipality's own profile instead ({@link throughOwnProfile});
 * these add what must stay denied: the bare `jp.` profile, another municipality's profile and a
 * foreign account's profile, each by the identity policy alone (before the lock, no endpoint) and
 * with every layer in force.
 */
import { applicationInferenceProfileArn, foundationModelArn } from "../../infra/arns";
import { FOREIGN_ACCOUNT_ID, type MatrixIds, type Scenario } from "../types";

/**
 * With metering on, a call the main scenarios make with the bare `jp.` profile is made with the
 * municipality's own profile (as resource, and as `bedrock:InferenceProfileArn` of a model reached
 * through it), so every verdict about the one working path is proved on the path clients use.
 */
export function throughOwnProfile(scenario: Scenario, ids: MatrixIds): Scenario {
  const own = ids.applicationProfileArn;
  if (own === undefined) return scenario;
  const bare = ids.inferenceProfileArn;
  const viaBare = scenario.context?.["bedrock:InferenceProfileArn"] === bare;
  if (scenario.resource !== bare && !viaBare) return scenario;
  return {
    ...scenario,
    title: `${scenario.title} (metered: the municipality's own application profile)`,
    resource: scenario.resource === bare ? own : scenario.resource,
    context: viaBare ? { ...scenario.context, "bedrock:InferenceProfileArn": own } : scenario.context,
  };
}

/** The scenarios; none when the operator does not meter (the direct `jp.` mode). */
export function meteringScenarios(ids: MatrixIds): Scenario[] {
  const own = ids.applicationProfileArn;
  if (own === undefined) return [];
  const bare = ids.inferenceProfileArn;
  const other =
    ids.otherApplicationProfileArn ??
    applicationInferenceProfileArn(ids.region, ids.operatorAccountId, "otherprofile1");
  const foreign = applicationInferenceProfileArn(ids.region, FOREIGN_ACCOUNT_ID, "foreignprof1");
  const modelId = ids.inferenceProfileId.slice(ids.inferenceProfileId.indexOf(".") + 1);
  const fm = (region: string) => foundationModelArn(region, modelId);
  const invoke = "bedrock:InvokeModel";
  const caller = "operator-session" as const;
  // Identity policy alone: before the lock, outside any endpoint, no org guardrails.
  const identityOnly = {
    phase: "unlocked",
    caller,
    region: ids.region,
    path: "no-endpoint",
    guardrails: "none",
  } as const;
  // Everything in force: locked role, the municipality's endpoint, SCPs and boundary.
  const allLayers = {
    phase: "hardened",
    caller,
    region: ids.region,
    path: "bedrock-endpoint",
    guardrails: "scp+boundary",
  } as const;
  return [
    {
      ...allLayers,
      id: "M01",
      title: "metered: foundation model in ap-northeast-1 through the municipality's own application profile",
      expected: "Allowed",
      action: invoke,
      resource: fm("ap-northeast-1"),
      region: "ap-northeast-1",
      context: { "bedrock:InferenceProfileArn": own },
    },
    {
      ...allLayers,
      id: "M02",
      title: "metered: foundation model in ap-northeast-3 through the municipality's own application profile",
      expected: "Allowed",
      action: invoke,
      resource: fm("ap-northeast-3"),
      region: "ap-northeast-3",
      context: { "bedrock:InferenceProfileArn": own },
    },
    {
      ...identityOnly,
      id: "M03",
      title: "metered: the invoke role calls the bare jp. profile (identity alone)",
      expected: "Denied",
      action: invoke,
      resource: bare,
    },
    {
      ...allLayers,
      id: "M04",
      title: "metered: the invoke role calls the bare jp. profile via the endpoint",
      expected: "Denied",
      action: invoke,
      resource: bare,
    },
    {
      ...identityOnly,
      id: "M05",
      title: "metered: foundation model through the bare jp. profile (identity alone)",
      expected: "Denied",
      action: invoke,
      resource: fm(ids.region),
      context: { "bedrock:InferenceProfileArn": bare },
    },
    {
      ...identityOnly,
      id: "M06",
      title: "metered: the invoke role calls another municipality's application profile (identity alone)",
      expected: "Denied",
      action: invoke,
      resource: other,
    },
    {
      ...allLayers,
      id: "M07",
      title: "metered: the invoke role calls another municipality's application profile via the endpoint",
      expected: "Denied",
      action: invoke,
      resource: other,
    },
    {
      ...identityOnly,
      id: "M08",
      title: "metered: foundation model through another municipality's application profile (identity alone)",
      expected: "Denied",
      action: invoke,
      resource: fm(ids.region),
      context: { "bedrock:InferenceProfileArn": other },
    },
    {
      ...identityOnly,
      id: "M09",
      title: "metered: the invoke role calls a foreign account's application profile (identity alone)",
      expected: "Denied",
      action: invoke,
      resource: foreign,
    },
    {
      ...allLayers,
      id: "M10",
      title:
        "metered: widened operator role calls a foreign account's application profile through a drifted endpoint (SCP)",
      expected: "Denied",
      identity: "widened",
      // A drifted endpoint, so the SCP's profile rule alone decides.
      endpointPolicy: "default",
      action: invoke,
      resource: foreign,
      guardrails: "scp",
    },
  ];
}
