/**
 * The call a municipality's clients really make: the client role assumes the invoke role through
 * the STS endpoint, and the session calls Bedrock through the bedrock-runtime endpoint with the
 * `modelId` the municipality stack exports (its output `modelId`: the `jp.` profile, or with a
 * metering operator the application profile handed over), reaching the model in every destination
 * region through it. The other groups prove the security model on the operator's own values; these
 * prove the hand-over between the two stacks: a municipality that still passes the bare `jp.`
 * profile to a metering operator is denied here, and the plan says so for that deploy phase.
 */
import { inferenceProfileArn } from "../../infra/arns";
import { lookupInferenceProfile } from "../../infra/catalog";
import type { MatrixIds, Phase, Scenario } from "../types";
import { scenarioFacts } from "./facts";

/** The ARN a `modelId` names: an ARN as given, a profile id in the operator's account and region. */
export function modelArnOf(modelId: string, region: string, operatorAccountId: string): string {
  return modelId.startsWith("arn:") ? modelId : inferenceProfileArn(region, operatorAccountId, modelId);
}

/**
 * The scenarios, at the operator's `phase` (before the lock: no org guardrails, as deployed by
 * default; after it: every layer in force). None when the municipality exports no `modelId`.
 */
export function clientCallScenarios(ids: MatrixIds, phase: Exclude<Phase, "guarded"> = "hardened"): Scenario[] {
  if (ids.clientModelId === undefined) return [];
  const { fm, externalId, invoke, assume } = scenarioFacts(ids);
  const model = modelArnOf(ids.clientModelId, ids.region, ids.operatorAccountId);
  const guardrails = phase === "hardened" ? "scp+boundary" : "none";
  const regions = lookupInferenceProfile(ids.inferenceProfileId)?.destinationRegions ?? [ids.region];
  return [
    {
      id: "C01",
      title: "the client's own call: its role assumes the invoke role through the STS endpoint",
      expected: "Allowed",
      phase,
      caller: "client",
      action: assume,
      resource: ids.operatorRoleArn,
      region: ids.region,
      path: "sts-endpoint",
      guardrails,
      context: externalId,
    },
    {
      id: "C02",
      title: "the client's own call: InvokeModel with the modelId the municipality stack exports",
      expected: "Allowed",
      phase,
      caller: "operator-session",
      action: invoke,
      resource: model,
      region: ids.region,
      path: "bedrock-endpoint",
      guardrails,
    },
    ...regions.map((region, index): Scenario => ({
      id: `C0${index + 3}`,
      title: `the client's own call: the model in ${region}, reached through that modelId`,
      expected: "Allowed",
      phase,
      caller: "operator-session",
      action: invoke,
      resource: fm(region),
      region,
      path: "bedrock-endpoint",
      guardrails,
      context: { "bedrock:InferenceProfileArn": model },
    })),
  ];
}
