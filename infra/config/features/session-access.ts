/** Session Manager access to instances carrying the client role (no SSH, no internet). */
import { z } from "zod";
import { REQUIRED_SESSION_ENDPOINT_KEYS } from "../../session-access";
import { bool, refuse } from "../fields";
import { CONFIG_MESSAGES as m } from "../messages";

export const sessionAccessSchema = z
  .strictObject({
    enabled: bool(false).meta({
      description: "Session Manager endpoints and the agent's permissions on the client role (no SSH, no internet).",
      descriptionJa:
        "Session Manager のエンドポイントと、クライアントロールに付けるエージェントの権限(SSH もインターネットも使いません)。",
    }),
  })
  .prefault({});

/** Session Manager cannot reach an instance in a closed VPC without its own endpoints. */
export function sessionEndpointsKept(
  cfg: {
    readonly sessionAccess: { readonly enabled: boolean };
    readonly endpoints: Readonly<Partial<Record<string, { readonly enabled?: boolean }>>>;
  },
  ctx: z.RefinementCtx,
): void {
  if (!cfg.sessionAccess.enabled) return;
  for (const key of REQUIRED_SESSION_ENDPOINT_KEYS) {
    if (cfg.endpoints[key]?.enabled === false) {
      refuse(ctx, ["endpoints", key, "enabled"], m.sessionEndpointKept({ key }));
    }
  }
}
