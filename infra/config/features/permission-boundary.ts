/** Opt-in: attach the guardrail permission boundary (infra/guardrails.ts) to this stack's roles. */
import { z } from "zod";
import { bool } from "../fields";

export const permissionBoundarySchema = z
  .strictObject({
    enabled: bool(false).meta({
      description:
        "Create the guardrail permission boundary (`infra/guardrails.ts`) and set it on this stack's roles, for accounts whose organisation is not yours.",
    }),
  })
  .default({ enabled: false });
