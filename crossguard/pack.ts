/**
 * The policies of the bedrock-lz pack: every rule is mandatory, because each one guards a
 * promise the landing zone makes to a municipality (closed network, data in Japan, least
 * privilege, audit logs). `index.ts` serves them; tests import this file without a server.
 */
import type { PolicyPackArgs } from "@pulumi/policy";
import {
  bedrockApplicationProfileFromJapan,
  bedrockJapanProfileOnly,
  interfaceEndpointPolicy,
  logGroupEncryptedAndRetained,
  managedPolicyLeastPrivilege,
  noDefaultRoute,
  noInternetGateway,
  noPublicIp,
  noWildcardInAllow,
  s3BucketProtected,
} from "./rules";

export const POLICY_PACK_NAME = "bedrock-lz";

export const policyPackArgs: PolicyPackArgs = {
  description:
    "Mandatory guard rails for forks of bedrock-lz: closed VPCs, Japan-only Bedrock, least privilege, protected logs.",
  enforcementLevel: "mandatory",
  policies: [
    {
      name: "no-internet-gateway",
      description: "No internet gateway, NAT gateway, Elastic IP or carrier gateway: the VPCs are closed.",
      validateResource: noInternetGateway,
    },
    {
      name: "no-public-ip",
      description: "No subnet that maps public IPs on launch, no instance with a public IP or outside a subnet.",
      validateResource: noPublicIp,
    },
    {
      name: "no-default-route",
      description: "No 0.0.0.0/0 or ::/0 route and no route to an internet, NAT or egress-only gateway.",
      validateResource: noDefaultRoute,
    },
    {
      name: "bedrock-japan-profile-only",
      description:
        "IAM documents allow Bedrock only on jp. inference profiles, the foundation models they route to, and guardrails, in Tokyo or Osaka.",
      validateResource: bedrockJapanProfileOnly,
    },
    {
      name: "bedrock-application-profile-from-japan",
      description:
        "Application inference profiles copy a jp. profile in Tokyo or Osaka, and identity policies allow only the ones this program creates.",
      validateStack: bedrockApplicationProfileFromJapan,
    },
    {
      name: "no-wildcard-in-allow",
      description:
        "Role and endpoint policies allow no `*` or `service:*` action and no `*` resource, except for actions without resource types.",
      validateResource: noWildcardInAllow,
    },
    {
      name: "managed-policy-least-privilege",
      description:
        "Customer managed policies that are not permissions boundaries pass the two rules above (Japan-only Bedrock, no wildcards).",
      validateStack: managedPolicyLeastPrivilege,
    },
    {
      name: "interface-endpoint-policy",
      description: "Every interface VPC endpoint has its own endpoint policy.",
      validateResource: interfaceEndpointPolicy,
    },
    {
      name: "log-group-encrypted-retained",
      description: "CloudWatch log groups are KMS-encrypted and kept at least 365 days.",
      validateResource: logGroupEncryptedAndRetained,
    },
    {
      name: "s3-bucket-protected",
      description: "S3 buckets have default encryption, versioning enabled and a complete public access block.",
      validateStack: s3BucketProtected,
    },
  ],
};
