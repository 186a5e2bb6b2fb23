/**
 * Opt-in: a permissions boundary on every role the stack creates, either the org-guardrail
 * boundary the stack creates (infra/org-guardrails.ts) or an existing managed policy, such as the
 * CI deploy role's boundary (bootstrap/, docs/pipeline.md).
 */
import { z } from "zod";
import { bool, refuse } from "../fields";
import { CONFIG_MESSAGES as m } from "../messages";

const POLICY_ARN_MESSAGE = m.policyArn;
const customerManagedPolicyArn = z
  .string({ error: POLICY_ARN_MESSAGE })
  .regex(/^arn:aws:iam::\d{12}:policy\/[\w+=,.@/-]{1,128}$/, { error: POLICY_ARN_MESSAGE });

/**
 * IAM gives a role one permissions boundary, and the pipeline's deploy role may create roles only
 * with its own boundary (bootstrap/github-oidc.ts), so the stack cannot also set the one it creates.
 */
function oneBoundary(value: { enabled: boolean; policyArn?: string }, ctx: z.RefinementCtx): void {
  if (value.enabled && value.policyArn !== undefined) {
    refuse(ctx, ["policyArn"], m.oneBoundary);
  }
}

export const permissionBoundarySchema = z
  .strictObject({
    enabled: bool(false).meta({
      description:
        "Create the org-guardrail permission boundary (`infra/org-guardrails.ts`) and set it on this stack's roles, for accounts whose organisation is not yours.",
      descriptionJa:
        "組織ガードレールのアクセス許可の境界(`infra/org-guardrails.ts`)を作り、このスタックのロールに設定します。自分の組織ではない組織に属するアカウント向けです。",
    }),
    policyArn: customerManagedPolicyArn.optional().meta({
      description:
        "Set this existing managed policy as the permissions boundary of every role the stack creates, instead of creating one: the CI deploy boundary (`deployBoundaryArn` output of `bootstrap/`), without which the pipeline's deploy role cannot create or change the stack's roles. Not with `enabled`.",
      descriptionJa:
        "境界を作らず、既存のこの管理ポリシーをスタックが作るすべてのロールのアクセス許可の境界にします。CI のデプロイ用の境界(`bootstrap/` の出力 `deployBoundaryArn`)を指定します。これがないとパイプラインのデプロイロールはスタックのロールを作成も変更もできません。`enabled` とは併用できません。",
    }),
  })
  .superRefine(oneBoundary)
  .prefault({});
