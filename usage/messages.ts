/**
 * What `npm run usage` says about CloudWatch's `ModelId` and about an alarm's contributor, in
 * English and Japanese (`ja` is typed as `typeof en`, so a message in one language only is a type
 * error). The report's table, CSV and JSON stay English, like the rest of the command's output.
 */
import type { Lang } from "../harness/lang";
import type { ModelIdForm } from "./report";

const en = {
  /** Every municipality's profile, under both forms, has no datapoint in the month. */
  noSeries: (month: string, municipalities: number) =>
    `CloudWatch has no AWS/Bedrock datapoint in ${month} for any of the ${municipalities} municipalities' ` +
    "application inference profiles, under their ARN or their bare id (ModelId). Either nobody called Bedrock " +
    "through them that month, or the outputs file is not this operator's, or CloudWatch records the calls " +
    "under another ModelId: run the first-deploy check in docs/operator.md (aws cloudwatch list-metrics " +
    "--namespace AWS/Bedrock --metric-name Invocations).",
  /** Under which form the month's datapoints were recorded, for the first-deploy check. */
  forms: (counts: Readonly<Record<ModelIdForm, number>>) =>
    `ModelId as CloudWatch recorded it: profile ARN for ${counts.arn} municipalities, bare id for ${counts.id}, ` +
    `both for ${counts.both}, no datapoint for ${counts.none}.`,
  which: (modelId: string, municipality: string) => `${modelId} is municipality ${municipality}'s application profile.`,
  whichUnknown: (modelId: string, outputs: string) =>
    `${modelId} is no municipality's application profile in ${outputs} (neither a profile ARN nor its bare id).`,
};

const ja: typeof en = {
  noSeries: (month, municipalities) =>
    `${month} の AWS/Bedrock について、${municipalities} 自治体のアプリケーション推論プロファイルのどれにも、` +
    "ARN でも ID だけでも(ModelId)、CloudWatch のデータポイントがありません。その月に誰もプロファイル経由で Bedrock を" +
    "呼び出さなかったか、出力ファイルがこの事業者のものではないか、CloudWatch が別の ModelId で記録しています。" +
    "docs/operator.ja.md の初回デプロイ後の確認を行ってください(aws cloudwatch list-metrics --namespace AWS/Bedrock " +
    "--metric-name Invocations)。",
  forms: (counts) =>
    `CloudWatch が記録した ModelId: プロファイルの ARN が ${counts.arn} 自治体、ID だけが ${counts.id} 自治体、` +
    `両方が ${counts.both} 自治体、データポイントなしが ${counts.none} 自治体。`,
  which: (modelId, municipality) => `${modelId} は自治体 ${municipality} のアプリケーション推論プロファイルです。`,
  whichUnknown: (modelId, outputs) =>
    `${modelId} は ${outputs} のどの自治体のアプリケーション推論プロファイルでもありません(プロファイルの ARN でも ID でもありません)。`,
};

export const USAGE_MESSAGES: Readonly<Record<Lang, typeof en>> = { en, ja };
export type UsageMessages = typeof en;
