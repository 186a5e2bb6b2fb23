/** A throwaway instance that installs boto3 through the mirror and calls Bedrock once. */
import { z } from "zod";
import { DEFAULT_SMOKE_PROMPT, SMOKE_INSTANCE_TYPES, type SmokeInstanceType } from "../../smoke-test";
import { bool, externalId } from "../fields";

const PROMPT_MESSAGE = "must be a text of 1-2000 characters";

export const smokeTestSchema = z
  .strictObject({
    enabled: bool(false).meta({
      description: "A throwaway AL2023 instance that installs boto3 through the mirror and calls Bedrock once at boot.",
    }),
    instanceType: z
      .enum(Object.keys(SMOKE_INSTANCE_TYPES) as [SmokeInstanceType, ...SmokeInstanceType[]], {
        error: `must be one of ${Object.keys(SMOKE_INSTANCE_TYPES).join(", ")} (1 GiB or more: dnf and pip run at boot)`,
      })
      .default("t3.micro")
      .meta({ description: "Instance type of the smoke test (1 GiB or more: dnf and pip run at boot)." }),
    prompt: z
      .string({ error: PROMPT_MESSAGE })
      .min(1, { error: PROMPT_MESSAGE })
      .max(2000, { error: PROMPT_MESSAGE })
      .default(DEFAULT_SMOKE_PROMPT)
      .meta({ description: "What the smoke test asks the model." }),
    externalId: externalId.optional().meta({
      description:
        "The `sts:ExternalId` the operator requires for this municipality (its `municipalities.<name>.externalId`), passed on AssumeRole.",
    }),
  })
  .prefault({});

export type SmokeTestSettings = z.output<typeof smokeTestSchema>;
