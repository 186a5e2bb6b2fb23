import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { OrgGuardrailDocuments } from "../infra/org-guardrails";

/** The SCPs this component creates, keyed as their logical and IAM names are suffixed. */
export const ORG_SCP_KEYS = ["region-guard", "bedrock"] as const;
export type OrgScpKey = (typeof ORG_SCP_KEYS)[number];

/** Arguments of {@link OrgGuardrailPolicies}. */
export interface OrgGuardrailPoliciesArgs {
  /** Prefix of the SCP names, e.g. `bedrock-lz-operator`; one organisation may hold several stacks'. */
  readonly namePrefix: string;
  /** The documents the stack built (infra/org-guardrails.ts). */
  readonly documents: pulumi.Input<OrgGuardrailDocuments>;
  /** Accounts, OUs or the root both SCPs are attached to. */
  readonly targetIds: readonly string[];
}

/**
 * The region-guard and Bedrock SCPs as AWS Organizations policies, attached to each target.
 * Give it a provider for the organisation's management account: SCPs cannot be managed from a
 * member account. They only subtract from FullAWSAccess, which must stay attached.
 */
export class OrgGuardrailPolicies extends pulumi.ComponentResource {
  /** Organizations policy id per SCP key. */
  readonly policyIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: OrgGuardrailPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:organizations:OrgGuardrailPolicies", name, {}, opts);
    const documents = pulumi.output(args.documents);
    const contents: Record<OrgScpKey, pulumi.Output<unknown>> = {
      "region-guard": documents.regionGuardScp,
      bedrock: documents.bedrockScp,
    };
    const descriptions: Record<OrgScpKey, string> = {
      "region-guard": "bedrock-lz: deny regional services outside Tokyo and Osaka",
      bedrock: "bedrock-lz: jp. inference profiles only, Bedrock only through approved VPC endpoints",
    };

    const ids: Record<string, pulumi.Output<string>> = {};
    for (const key of ORG_SCP_KEYS) {
      const policy = new aws.organizations.Policy(
        `${name}-${key}`,
        {
          name: `${args.namePrefix}-${key}`,
          type: "SERVICE_CONTROL_POLICY",
          description: descriptions[key],
          content: pulumi.jsonStringify(contents[key]),
        },
        { parent: this },
      );
      for (const targetId of args.targetIds) {
        new aws.organizations.PolicyAttachment(
          `${name}-${key}-${targetId}`,
          { policyId: policy.id, targetId },
          { parent: this },
        );
      }
      ids[key] = policy.id;
    }
    this.policyIds = pulumi.all(ids);
    this.registerOutputs({ policyIds: this.policyIds });
  }
}
