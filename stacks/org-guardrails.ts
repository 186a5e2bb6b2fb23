import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OrgGuardrailPolicies } from "../components";
import { accountIdOfArn } from "../infra/arns";
import type { OrganizationsSetting } from "../infra/config";
import type { OrgGuardrailDocuments } from "../infra/org-guardrails";
import { PROJECT, defaultTags } from "../infra/naming";

/** IAM name of the boundary policy; one per account, shared by this stack's roles. */
export const PERMISSION_BOUNDARY_POLICY_NAME = `${PROJECT}-permission-boundary`;

/** The parts of either stack's config the guardrails read. */
export interface OrgGuardrailSettings {
  readonly account: "operator" | "municipality";
  readonly accountId: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionBoundary: { readonly enabled: boolean; readonly policyArn?: string };
  readonly organizations?: OrganizationsSetting;
}

export interface StackOrgGuardrails {
  /** Stack output: the three documents, ready to paste into AWS Organizations or IAM. */
  readonly documents: pulumi.Output<OrgGuardrailDocuments>;
  /** ARN of the roles' boundary: the one created (`enabled`), the one named (`policyArn`), or undefined. */
  readonly boundaryArn: pulumi.Output<string> | undefined;
  /** Ids of the SCPs created in AWS Organizations when `organizations.enabled`, else undefined. */
  readonly organizationPolicyIds: pulumi.Output<Record<string, string>> | undefined;
}

/**
 * Emits the guardrail documents; when the stack opts in, creates the boundary as a managed
 * policy (so roles can reference it) or takes an existing one (the CI deploy boundary), and the
 * SCPs in AWS Organizations through a provider for the management account, which neither stack
 * otherwise touches.
 */
export function stackOrgGuardrails(
  documents: pulumi.Output<OrgGuardrailDocuments>,
  settings: OrgGuardrailSettings,
  provider: aws.Provider,
): StackOrgGuardrails {
  let boundaryArn: pulumi.Output<string> | undefined;
  if (settings.permissionBoundary.policyArn !== undefined) {
    boundaryArn = pulumi.output(settings.permissionBoundary.policyArn);
  } else if (settings.permissionBoundary.enabled) {
    const policy = new aws.iam.Policy(
      "permission-boundary",
      {
        name: PERMISSION_BOUNDARY_POLICY_NAME,
        description:
          "bedrock-lz guardrails: Japan regions only, jp. inference profiles only, Bedrock only through approved VPC endpoints",
        policy: pulumi.jsonStringify(documents.apply((docs) => docs.permissionBoundary)),
      },
      { provider },
    );
    boundaryArn = policy.arn;
  }

  let organizationPolicyIds: pulumi.Output<Record<string, string>> | undefined;
  if (settings.organizations !== undefined) {
    const { managementRoleArn, targetIds } = settings.organizations;
    const management = new aws.Provider("organizations-management", {
      region: settings.region as aws.Region,
      assumeRoles: [{ roleArn: managementRoleArn, sessionName: `${PROJECT}-guardrails` }],
      // A role in any other account would fail before anything changes.
      allowedAccountIds: [accountIdOfArn(managementRoleArn)],
      defaultTags: { tags: defaultTags(settings.account, pulumi.getStack(), settings.tags) },
    });
    const scps = new OrgGuardrailPolicies(
      "org-guardrails",
      // SCP names are unique per organisation, and every municipality has its own Bedrock SCP.
      { namePrefix: `${PROJECT}-${settings.account}-${settings.accountId}`, documents, targetIds },
      { providers: [management] },
    );
    organizationPolicyIds = scps.policyIds;
  }
  return { documents, boundaryArn, organizationPolicyIds };
}
