/**
 * Endpoint policies for a VPC this project shares with other workloads (existing-VPC mode).
 *
 * An endpoint with private DNS answers for the service's public hostname in the whole VPC, so
 * its policy governs every workload there, not only this project's roles. The strict policies of
 * `infra/policies.ts` (only the client and operator roles) would cut every other workload of the
 * account off the service. Here each policy keeps the project's own statements and adds one:
 * principals of the municipality's own account (`aws:PrincipalAccount`) keep the whole service,
 * as under AWS's default endpoint policy, except the project's client role, which stays held to
 * the project's statements (a widened client role still cannot use the endpoint for anything
 * else). Other accounts' principals gain nothing, and bedrock-runtime gets no such statement:
 * only the operator role reaches Bedrock.
 * Condition key: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount
 *
 * Federated sign-ins are the exception to "principals of the account": AssumeRoleWithWebIdentity
 * (EKS IRSA, GitHub Actions OIDC) and AssumeRoleWithSAML are sent with a token instead of a
 * signature, so their request context has no `aws:PrincipalAccount` at all and the statement
 * above never matches them. The STS endpoint therefore also admits those two calls when the role
 * they sign in to is one of this account's: the resource, not the caller, is what they can be
 * held to. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html
 */
import { iamRoleArn } from "./arns";
import type { EndpointKey } from "./endpoints";
import { type PolicyDocument, type PolicyStatement, policyDocument } from "./iam/document";

/** The IAM actions each endpoint carries for the account's other workloads; none for Bedrock. */
export const OWN_ACCOUNT_ACTIONS: Readonly<Record<EndpointKey, readonly string[]>> = {
  "bedrock-runtime": [],
  sts: ["sts:*"],
  // GetAuthorizationToken also authorises sts:GetServiceBearerToken, as in codeArtifactEndpointPolicy.
  "codeartifact.api": ["codeartifact:*", "sts:GetServiceBearerToken"],
  "codeartifact.repositories": ["codeartifact:*", "sts:GetServiceBearerToken"],
  s3: ["s3:*"],
  ssm: ["ssm:*"],
  ssmmessages: ["ssmmessages:*"],
  ec2messages: ["ec2messages:*"],
};

export const OWN_ACCOUNT_SID = "OwnAccountPrincipalsKeepTheirUse";

/** What every principal of `accountId` but the client role keeps on the endpoint of `key`; undefined for Bedrock. */
export function ownAccountStatement(
  key: EndpointKey,
  accountId: string,
  clientRoleArn: string,
): PolicyStatement | undefined {
  const actions = OWN_ACCOUNT_ACTIONS[key];
  if (actions.length === 0) return undefined;
  return {
    Sid: OWN_ACCOUNT_SID,
    Effect: "Allow",
    Principal: "*",
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: "*",
    Condition: {
      StringEquals: { "aws:PrincipalAccount": accountId },
      ArnNotEquals: { "aws:PrincipalArn": clientRoleArn },
    },
  };
}

export const OWN_ACCOUNT_FEDERATION_SID = "OwnAccountRolesKeepFederatedSignIns";

/**
 * The calls that sign in with a token (OIDC, SAML) instead of a signature. A role trusting such a
 * provider often receives session tags or a source identity from the token's claims, which STS
 * authorises as `sts:TagSession` and `sts:SetSourceIdentity` on the same role.
 */
export const FEDERATED_SIGN_IN_ACTIONS = [
  "sts:AssumeRoleWithWebIdentity",
  "sts:AssumeRoleWithSAML",
  "sts:TagSession",
  "sts:SetSourceIdentity",
] as const;

/** Federated sign-ins to `accountId`'s own roles through the shared STS endpoint (they carry no principal keys). */
export function ownAccountFederationStatement(accountId: string): PolicyStatement {
  return {
    Sid: OWN_ACCOUNT_FEDERATION_SID,
    Effect: "Allow",
    Principal: "*",
    Action: [...FEDERATED_SIGN_IN_ACTIONS],
    Resource: iamRoleArn(accountId, "*"),
  };
}

/** One endpoint's project policy, widened only for the municipality's own principals (and, on STS, its own roles' federated sign-ins). */
export function sharedVpcEndpointPolicy(
  key: EndpointKey,
  project: PolicyDocument,
  accountId: string,
  clientRoleArn: string,
): PolicyDocument {
  const own = ownAccountStatement(key, accountId, clientRoleArn);
  if (own === undefined) return project;
  const federation = key === "sts" ? [ownAccountFederationStatement(accountId)] : [];
  return policyDocument(...project.Statement, own, ...federation);
}

/** Every endpoint's shared-VPC policy, keyed like the catalog. */
export function sharedVpcEndpointPolicies(
  project: Readonly<Record<EndpointKey, PolicyDocument>>,
  accountId: string,
  clientRoleArn: string,
): Record<EndpointKey, PolicyDocument> {
  return Object.fromEntries(
    (Object.keys(project) as EndpointKey[]).map((key) => [
      key,
      sharedVpcEndpointPolicy(key, project[key], accountId, clientRoleArn),
    ]),
  ) as Record<EndpointKey, PolicyDocument>;
}
