/**
 * Model access automation of the operator account (docs/design.md §4.7): the Anthropic first-use
 * form and the model's offer, plus an optional temporary network for a manual first call.
 */
import { z } from "zod";
import { CHARACTERS } from "../characters";
import type { JapanRegion } from "../../catalog";
import { AVAILABILITY_ZONES } from "../../network";
import { bool, nonEmpty, refuse } from "../fields";
import { CONFIG_MESSAGES as m } from "../messages";

/** The Anthropic first-use form, the fields of `PutUseCaseForModelAccess` formData. */
const useCaseForm = z.strictObject({
  companyName: nonEmpty(m.companyName, 200).meta({
    description: "Use-case form: the operator's company name.",
    descriptionJa: "ユースケースフォーム: 事業者の会社名。",
    characters: CHARACTERS.formText(200),
  }),
  companyWebsite: z.url({ error: m.companyWebsite }).meta({
    description: "Use-case form: the company website URL.",
    descriptionJa: "ユースケースフォーム: 会社のウェブサイトの URL。",
    characters: CHARACTERS.url,
  }),
  // A quoted digit: the provider's own example sends "0".
  intendedUsers: z
    .enum(["0", "1", "2"], {
      error: m.intendedUsers,
    })
    .meta({
      description: 'Use-case form: the console form\'s coded answer, a quoted digit ("0", "1" or "2").',
      descriptionJa:
        'ユースケースフォーム: コンソールのフォームの回答のコード。引用符で囲んだ数字("0"、"1"、"2")で書きます。',
    }),
  industryOption: nonEmpty(m.industryOption, 100).meta({
    description: "Use-case form: the industry chosen in the console form.",
    descriptionJa: "ユースケースフォーム: コンソールのフォームで選ぶ業種。",
    characters: CHARACTERS.formText(100),
  }),
  otherIndustryOption: z
    .string()
    .max(100, { error: m.otherIndustryOption })
    .default("")
    .meta({
      description: "Use-case form: free-text industry when the list has none.",
      descriptionJa: "ユースケースフォーム: 一覧に該当がないときの業種(自由記述)。",
      characters: CHARACTERS.formText(100),
    }),
  useCases: nonEmpty(m.useCases, 1000).meta({
    description: "Use-case form: what the models are used for.",
    descriptionJa: "ユースケースフォーム: モデルを何に使うか。",
    characters: CHARACTERS.formText(1000),
  }),
});

export type UseCaseForm = z.output<typeof useCaseForm>;

const modelAccessFields = z.strictObject({
  enabled: bool(false).meta({
    description:
      "Submit the Anthropic use-case form and accept the model's offer (account-wide, irreversible); needs `useCaseForm`.",
    descriptionJa:
      "Anthropic のユースケースフォームを送信し、モデルのオファーを受け入れます(アカウント全体に効き、取り消せません)。`useCaseForm` が必要です。",
  }),
  useCaseForm: useCaseForm.optional(),
  // The manual path, kept as an option and independent of `enabled`: an administrator makes the
  // first call from inside the account (e.g. a CloudShell VPC environment).
  firstCallNetwork: bool(false).meta({
    description:
      "Temporary closed VPC with a bedrock-runtime endpoint for a manual first call (billed hourly: remove it afterwards).",
    descriptionJa:
      "手動の初回呼び出しのための、bedrock-runtime エンドポイントを持つ一時的な閉域 VPC(初回呼び出し用ネットワーク。時間単位の課金なので、使ったら外します)。",
  }),
});
type ModelAccessInput = z.output<typeof modelAccessFields>;

/** Accepting the offer submits the form, so automation cannot run without its answers. */
function useCaseFormWhenEnabled(cfg: ModelAccessInput, ctx: z.RefinementCtx): void {
  if (cfg.enabled && cfg.useCaseForm === undefined) {
    refuse(ctx, ["useCaseForm"], m.useCaseFormRequired);
  }
}

export const modelAccessSchema = modelAccessFields.superRefine(useCaseFormWhenEnabled).prefault({});

/** Fixed: the VPC is temporary, peered with nothing, so its block can never collide. */
export const FIRST_CALL_VPC_CIDR = "10.255.255.0/24";

/** The automation's form; `undefined` when `modelAccess.enabled` is false. */
export function resolveModelAccess(cfg: ModelAccessInput) {
  return cfg.enabled && cfg.useCaseForm !== undefined ? { useCaseForm: cfg.useCaseForm } : undefined;
}

/** The temporary first-call network, when asked for; one AZ, since it exists for one call. */
export function resolveFirstCallNetwork(cfg: ModelAccessInput, region: JapanRegion) {
  if (!cfg.firstCallNetwork) return undefined;
  return { cidrBlock: FIRST_CALL_VPC_CIDR, availabilityZones: AVAILABILITY_ZONES[region].slice(0, 1) };
}

export type FirstCallNetworkSettings = NonNullable<ReturnType<typeof resolveFirstCallNetwork>>;
