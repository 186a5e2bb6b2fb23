/** A throwaway instance that installs boto3 through the mirror and calls Bedrock once. */
import { z } from "zod";
import { CHARACTERS } from "../characters";
import { DEFAULT_SMOKE_PROMPT, SMOKE_INSTANCE_TYPES, type SmokeInstanceType } from "../../smoke-test";
import { bool, externalId } from "../fields";
import { CONFIG_MESSAGES as m } from "../messages";

const PROMPT_MESSAGE = m.smokePrompt;

export const smokeTestSchema = z
  .strictObject({
    enabled: bool(false).meta({
      description: "A throwaway AL2023 instance that installs boto3 through the mirror and calls Bedrock once at boot.",
      descriptionJa:
        "使い捨ての AL2023 インスタンス。起動時にミラーから boto3 をインストールし、Bedrock を 1 回呼び出します。",
    }),
    instanceType: z
      .enum(Object.keys(SMOKE_INSTANCE_TYPES) as [SmokeInstanceType, ...SmokeInstanceType[]], {
        error: m.smokeInstanceType({ types: Object.keys(SMOKE_INSTANCE_TYPES).join(", ") }),
      })
      .default("t3.micro")
      .meta({
        description: "Instance type of the smoke test (1 GiB or more: dnf and pip run at boot).",
        descriptionJa: "スモークテストのインスタンスタイプ(起動時に dnf と pip が動くため、1 GiB 以上)。",
      }),
    prompt: z
      .string({ error: PROMPT_MESSAGE })
      .min(1, { error: PROMPT_MESSAGE })
      .max(2000, { error: PROMPT_MESSAGE })
      .default(DEFAULT_SMOKE_PROMPT)
      .meta({
        description: "What the smoke test asks the model.",
        descriptionJa: "スモークテストがモデルに送る質問。",
        characters: CHARACTERS.prompt,
      }),
    externalId: externalId.optional().meta({
      description:
        "The `sts:ExternalId` the operator requires for this municipality (its `municipalities.<name>.externalId`), passed on AssumeRole.",
      descriptionJa:
        "事業者がこの自治体に求める `sts:ExternalId`(事業者側の `municipalities.<name>.externalId`)。AssumeRole で渡します。",
      characters: CHARACTERS.externalId,
    }),
  })
  .prefault({});

export type SmokeTestSettings = z.output<typeof smokeTestSchema>;
