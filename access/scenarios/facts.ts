/**
 * What every scenario group derives from the matrix ids: the configured profile, its model, and
 * the requests' fixed parts. One place, so the groups name the same things the same way.
 */
import { foundationModelArn, iamRoleArn, inferenceProfileArn } from "../../infra/arns";
import { INFERENCE_PROFILE_CATALOG } from "../../infra/catalog";
import type { MatrixIds, PolicyJson } from "../types";

/** A fixed id no catalog will hold, for "another model" when the catalog has only one entry. */
export const FOREIGN_MODEL_PROFILE_ID = "jp.anthropic.claude-not-configured-v1:0";

/** "Another model": any catalog entry but the configured one, or a fixed foreign id. */
export function otherModelProfileId(configured: string): string {
  return Object.keys(INFERENCE_PROFILE_CATALOG).find((id) => id !== configured) ?? FOREIGN_MODEL_PROFILE_ID;
}

/** A role in `accountId` that delegates to IAM policies in its account (a common trust). */
export function trustsAccount(accountId: string): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" }],
  };
}

export function scenarioFacts(ids: MatrixIds) {
  const profile = ids.inferenceProfileArn;
  const modelId = ids.inferenceProfileId.slice(ids.inferenceProfileId.indexOf(".") + 1);
  return {
    profile,
    modelId,
    /** The foundation model behind the profile, in `region`. */
    fm: (region: string) => foundationModelArn(region, modelId),
    /** The same model through another geography's profile (`apac.`, `us.`, ...). */
    otherProfile: (prefix: string, region = ids.region) =>
      inferenceProfileArn(region, ids.operatorAccountId, `${prefix}${modelId}`),
    viaProfile: { "bedrock:InferenceProfileArn": profile },
    externalId: (ids.externalId !== undefined ? { "sts:ExternalId": ids.externalId } : {}) as Record<string, string>,
    municipalityRole: iamRoleArn(ids.municipalityAccountId, "MunicipalityAdmin"),
    invoke: "bedrock:InvokeModel",
    stream: "bedrock:InvokeModelWithResponseStream",
    assume: "sts:AssumeRole",
  } as const;
}
