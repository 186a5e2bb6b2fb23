import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GuardrailDocuments } from "../infra/guardrails";
import { PROJECT } from "../infra/naming";

/** IAM name of the boundary policy; one per account, shared by this stack's roles. */
export const PERMISSION_BOUNDARY_POLICY_NAME = `${PROJECT}-permission-boundary`;

export interface StackGuardrails {
  /** Stack output: the three documents, ready to paste into AWS Organizations or IAM. */
  readonly documents: pulumi.Output<GuardrailDocuments>;
  /** ARN of the boundary policy when `permissionBoundary.enabled`, else undefined. */
  readonly boundaryArn: pulumi.Output<string> | undefined;
}

/**
 * Emits the guardrail documents and, when the stack opts in, creates the boundary as a managed
 * policy so roles can reference it. The SCPs are only emitted: applying them needs the
 * organisation's management account, which neither stack deploys into.
 */
export function stackGuardrails(
  documents: pulumi.Output<GuardrailDocuments>,
  boundaryEnabled: boolean,
  provider: aws.Provider,
): StackGuardrails {
  if (!boundaryEnabled) return { documents, boundaryArn: undefined };
  const policy = new aws.iam.Policy(
    "permission-boundary",
    {
      name: PERMISSION_BOUNDARY_POLICY_NAME,
      description: "bedrock-lz guardrails: Japan regions only, jp. inference profiles only, Bedrock only through approved VPC endpoints",
      policy: pulumi.jsonStringify(documents.apply((docs) => docs.permissionBoundary)),
    },
    { provider },
  );
  return { documents, boundaryArn: policy.arn };
}
