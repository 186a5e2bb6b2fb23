/** Opt-in: attach the org-guardrail permission boundary (infra/org-guardrails.ts) to this stack's roles. */
import { z } from "zod";
import { bool } from "../fields";

export const permissionBoundarySchema = z
  .strictObject({
    enabled: bool(false).meta({
      description:
        "Create the org-guardrail permission boundary (`infra/org-guardrails.ts`) and set it on this stack's roles, for accounts whose organisation is not yours.",
      descriptionJa:
        "組織ガードレールのアクセス許可の境界(`infra/org-guardrails.ts`)を作り、このスタックのロールに設定します。自分の組織ではない組織に属するアカウント向けです。",
    }),
  })
  .default({ enabled: false });
