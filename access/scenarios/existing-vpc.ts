/**
 * Access-matrix scenarios for existing-VPC mode: the municipality stack deployed into a VPC it
 * shares with other workloads of the account, with the shared-VPC endpoint policies
 * (infra/shared-vpc-policies.ts). The documents come from the same municipality config run in
 * that mode (access/input.ts), with the operator before its endpoint lock (which would name the
 * other run's endpoints; the lock itself is covered by the main scenarios). What must hold: other workloads of the account keep their STS use,
 * other accounts' principals are still refused, and only the operator role reaches Bedrock.
 */
import { iamRoleArn } from "../../infra/arns";
import type { MatrixIds, PolicyJson, Scenario } from "../types";

/** A role of `accountId` that trusts its own account (the usual same-account delegation). */
function trustsOwnAccount(accountId: string): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" }],
  };
}

/** The scenarios; none when the input has no existing-VPC run (e.g. a plan of other files). */
export function existingVpcScenarios(ids: MatrixIds): Scenario[] {
  if (ids.existingVpc === undefined) return [];
  const sharedVpc = { network: "existing-vpc", phase: "unlocked", region: ids.region, guardrails: "none" } as const;
  const ownRole = iamRoleArn(ids.municipalityAccountId, "BatchJobRole");
  return [
    {
      ...sharedVpc,
      id: "V01",
      title: "shared VPC: another workload of the account assumes its own role via the STS endpoint",
      expected: "Allowed",
      caller: "municipality-admin",
      action: "sts:AssumeRole",
      resource: ownRole,
      targetTrust: trustsOwnAccount(ids.municipalityAccountId),
      path: "sts-endpoint",
    },
    {
      ...sharedVpc,
      id: "V02",
      // Not GetCallerIdentity: IAM never denies it, so it would prove nothing.
      title: "shared VPC: another workload of the account decodes an authorization message via the STS endpoint",
      expected: "Allowed",
      caller: "municipality-admin",
      action: "sts:DecodeAuthorizationMessage",
      resource: "*",
      resourceAccountId: ids.municipalityAccountId,
      path: "sts-endpoint",
    },
    {
      ...sharedVpc,
      id: "V03",
      title: "shared VPC: the client role still assumes the operator role via the STS endpoint",
      expected: "Allowed",
      caller: "client",
      action: "sts:AssumeRole",
      resource: ids.operatorRoleArn,
      path: "sts-endpoint",
      context: ids.externalId !== undefined ? { "sts:ExternalId": ids.externalId } : {},
    },
    {
      ...sharedVpc,
      id: "V04",
      title: "shared VPC: a foreign account's principal is refused by the STS endpoint, even for its own role",
      expected: "Denied",
      caller: "foreign-account",
      action: "sts:AssumeRole",
      resource: iamRoleArn("444444444444", "Exfiltration"),
      targetTrust: trustsOwnAccount("444444444444"),
      path: "sts-endpoint",
    },
    {
      ...sharedVpc,
      id: "V05",
      title: "shared VPC: the operator role invokes the JP profile via the bedrock-runtime endpoint",
      expected: "Allowed",
      caller: "operator-session",
      action: "bedrock:InvokeModel",
      resource: ids.inferenceProfileArn,
      path: "bedrock-endpoint",
    },
    {
      ...sharedVpc,
      id: "V06",
      title: "shared VPC: an all-powerful workload of the account cannot invoke through the bedrock-runtime endpoint",
      expected: "Denied",
      caller: "municipality-admin",
      identity: "widened",
      action: "bedrock:InvokeModel",
      resource: ids.inferenceProfileArn.replace(`:${ids.operatorAccountId}:`, `:${ids.municipalityAccountId}:`),
      path: "bedrock-endpoint",
    },
    {
      ...sharedVpc,
      id: "V07",
      title: "shared VPC: the client role itself cannot invoke through the bedrock-runtime endpoint",
      expected: "Denied",
      caller: "client",
      identity: "widened",
      action: "bedrock:InvokeModel",
      resource: ids.inferenceProfileArn,
      path: "bedrock-endpoint",
    },
  ];
}
