/** Opt-in: create the two guardrail SCPs in AWS Organizations through the management account. */
import { z } from "zod";
import { bool, refusedByModel, roleArn, refuse } from "../fields";
import { CONFIG_MESSAGES as m } from "../messages";

const ORG_TARGET_MESSAGE = m.organizationTarget;
const organizationTarget = z
  .string({ error: ORG_TARGET_MESSAGE })
  .regex(/^(?:\d{12}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/, { error: ORG_TARGET_MESSAGE, abort: true })
  .superRefine(
    refusedByModel(
      { service: "organizations", operation: "AttachPolicy", path: "TargetId" },
      "Organizations AttachPolicy",
      () => ORG_TARGET_MESSAGE,
    ),
  );

const organizationsFields = z.strictObject({
  enabled: bool(false).meta({
    description:
      "Create the region-guard and Bedrock SCPs in AWS Organizations through the management account (off: the documents are still stack outputs).",
    descriptionJa:
      "リージョン制限 SCP と Bedrock の SCP を、管理アカウント経由で AWS Organizations に作ります(off でもポリシー文書はスタック出力に出ます)。",
  }),
  managementRoleArn: roleArn.optional().meta({
    description: "Role in the management account that may manage SCPs; required when `organizations.enabled`.",
    descriptionJa: "管理アカウントにある、SCP を管理できるロール。`organizations.enabled` のとき必須です。",
  }),
  targetIds: z.array(organizationTarget, { error: m.organizationTargets }).min(1).optional().meta({
    description: "Accounts, OUs or the root to attach the SCPs to; defaults to this stack's account.",
    descriptionJa: "SCP をアタッチするアカウント、OU、またはルート。既定はこのスタックのアカウントです。",
  }),
});
type OrganizationsInput = z.output<typeof organizationsFields>;

/** SCPs can only be managed from the management account, so turning them on needs a role there. */
function managementRoleWhenEnabled(org: OrganizationsInput, ctx: z.RefinementCtx): void {
  if (org.enabled && org.managementRoleArn === undefined) {
    refuse(ctx, ["managementRoleArn"], m.managementRoleRequired);
  }
}

export const organizationsSchema = organizationsFields.superRefine(managementRoleWhenEnabled).prefault({});

/** Where the guardrail SCPs are created; `undefined` when `organizations.enabled` is false. */
export function resolveOrganizations(org: OrganizationsInput, accountId: string) {
  if (!org.enabled) return undefined;
  return { managementRoleArn: org.managementRoleArn!, targetIds: org.targetIds ?? [accountId] };
}

export type OrganizationsSetting = NonNullable<ReturnType<typeof resolveOrganizations>>;
