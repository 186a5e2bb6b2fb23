/**
 * What `npm run usage` says, in English and Japanese (infra/messages.ts): its usage, its mistakes,
 * why it has no answer (no datapoint, no credentials, a file it cannot read) and what it tells about
 * CloudWatch's `ModelId` and an alarm's contributor. The report's table, CSV and JSON stay English,
 * like plan.md: files and scripts read one text. Profile ARNs, files, months and commands are
 * verbatim in both languages.
 */
import { defineMessages } from "../infra/messages";
import type { ModelIdForm } from "./report";

const SYNOPSIS = [
  "usage: npm run usage -- --month YYYY-MM --outputs <file> [--stack Pulumi.operator.yaml] [--format md|csv|json] [--lang en|ja]",
  "       npm run usage -- --outputs <file> --which <ModelId> [--lang en|ja]",
].join("\n");

export const USAGE_MESSAGES = defineMessages("usage", {
  en: {
    usage: `${SYNOPSIS}

  --month     the calendar month (UTC) to report
  --outputs   the operator's outputs: pulumi stack output --json --stack <operator> > <file>
  --stack     the operator's stack file (region and model), default Pulumi.operator.yaml
  --format    md (default), csv or json (always English)
  --which     the municipality whose application profile an alarm names (its ModelId: ARN or bare id)
  --lang      en or ja for the messages (default: the locale, LC_ALL/LC_MESSAGES/LANG)
  --help      this text

Reads CloudWatch (cloudwatch:GetMetricData) with the operator account's credentials (AWS_PROFILE).
exit: 0 report printed (or municipality named), 1 no datapoint for any municipality in the month
(or --which names no municipality), 2 bad arguments, an outputs file that cannot be read, or
CloudWatch that cannot be read (no credentials, a missing permission)`,
    whichNeedsOutputs: "--which needs --outputs (the operator's stack outputs)",
    monthRequired: "--month is required",
    month: (f: { month: string }) => `--month must be YYYY-MM, e.g. 2026-11 (got "${f.month}")`,
    format: "--format must be md, csv or json",
    outputsRequired: "--outputs is required (the operator's stack outputs)",
    outputsUnreadable: (f: { file: string; reason: string }) =>
      `--outputs ${f.file}: cannot be read (${f.reason}); write it with: pulumi stack output --json --stack <operator> > ${f.file}`,
    outputsNotJson: (f: { file: string; start: string }) =>
      `--outputs ${f.file} is not JSON (it starts "${f.start}"); write it with: pulumi stack output --json --stack <operator> > ${f.file}`,
    noProfiles: (f: { file: string }) => `${f.file} has no inferenceProfileArns: the operator does not meter`,
    notOperator: (f: { file: string }) => `${f.file} is not an operator stack file`,
    noPrice: (f: { model: string }) => `no token price for ${f.model} in plan/prices.ts`,
    noCredentials: (f: { region: string }) =>
      `no AWS credentials to read CloudWatch in ${f.region}: set AWS_PROFILE to a profile of the operator account ` +
      "(read-only is enough: cloudwatch:GetMetricData), or run where its role is the ambient identity, then run the " +
      "same command again",
    denied: (f: { problem: string }) =>
      `CloudWatch refused GetMetricData (${f.problem}): the credentials need cloudwatch:GetMetricData in the operator ` +
      "account; check AWS_PROFILE points at that account",
    unreadable: (f: { name: string; problem: string }) => `CloudWatch could not be read: ${f.name}: ${f.problem}`,

    noSeries: (f: { month: string; municipalities: number }) =>
      `CloudWatch has no AWS/Bedrock datapoint in ${f.month} for any of the ${f.municipalities} municipalities' ` +
      "application inference profiles, under their ARN or their bare id (ModelId). Either nobody called Bedrock " +
      "through them that month, or the outputs file is not this operator's, or CloudWatch records the calls " +
      "under another ModelId: run the first-deploy check in docs/operator.md (aws cloudwatch list-metrics " +
      "--namespace AWS/Bedrock --metric-name Invocations).",
    forms: (f: { counts: Readonly<Record<ModelIdForm, number>> }) =>
      `ModelId as CloudWatch recorded it: profile ARN for ${f.counts.arn} municipalities, bare id for ${f.counts.id}, ` +
      `both for ${f.counts.both}, no datapoint for ${f.counts.none}.`,
    which: (f: { modelId: string; municipality: string }) =>
      `${f.modelId} is municipality ${f.municipality}'s application profile.`,
    whichUnknown: (f: { modelId: string; outputs: string }) =>
      `${f.modelId} is no municipality's application profile in ${f.outputs} (neither a profile ARN nor its bare id).`,
  },
  ja: {
    usage: `${SYNOPSIS.replace(/^usage: /, "使い方: ")}

  --month     報告する暦月(UTC)
  --outputs   事業者の出力: pulumi stack output --json --stack <operator> > <file>
  --stack     事業者のスタックファイル(リージョンとモデル)。既定は Pulumi.operator.yaml
  --format    md(既定)、csv、json のいずれか(常に英語)
  --which     アラームが示すアプリケーション推論プロファイル(ModelId: ARN か ID だけ)の自治体
  --lang      メッセージの言語 en か ja(既定はロケール: LC_ALL/LC_MESSAGES/LANG)
  --help      この説明

事業者アカウントの認証情報(AWS_PROFILE)で CloudWatch(cloudwatch:GetMetricData)を読みます。
終了コード: 0 レポートを表示(または自治体を表示)、1 その月にどの自治体にもデータポイントがない(または --which が
どの自治体も示さない)、2 引数の誤り、出力ファイルが読めない、または CloudWatch が読めない(認証情報がない、権限がない)`,
    whichNeedsOutputs: "--which には --outputs(事業者スタックの出力)が必要です",
    monthRequired: "--month が必要です",
    month: (f) => `--month は YYYY-MM にしてください。例: 2026-11("${f.month}" ではなく)`,
    format: "--format は md、csv、json のいずれかです",
    outputsRequired: "--outputs(事業者スタックの出力)が必要です",
    outputsUnreadable: (f) =>
      `--outputs ${f.file}: 読めません(${f.reason})。次のコマンドで書き出します: pulumi stack output --json --stack <operator> > ${f.file}`,
    outputsNotJson: (f) =>
      `--outputs ${f.file} は JSON ではありません(先頭は "${f.start}")。次のコマンドで書き出します: pulumi stack output --json --stack <operator> > ${f.file}`,
    noProfiles: (f) => `${f.file} に inferenceProfileArns がありません。この事業者はメータリングしていません`,
    notOperator: (f) => `${f.file} は事業者のスタックファイルではありません`,
    noPrice: (f) => `plan/prices.ts に ${f.model} のトークン単価がありません`,
    noCredentials: (f) =>
      `${f.region} の CloudWatch を読むための AWS 認証情報がありません。AWS_PROFILE に事業者アカウントのプロファイルを` +
      "設定する(読み取りだけで足ります: cloudwatch:GetMetricData)か、そのロールが実行環境の ID になっている場所で、" +
      "同じコマンドをもう一度実行してください",
    denied: (f) =>
      `CloudWatch が GetMetricData を拒否しました(${f.problem})。認証情報には事業者アカウントでの ` +
      "cloudwatch:GetMetricData が必要です。AWS_PROFILE がそのアカウントを指しているか確認してください",
    unreadable: (f) => `CloudWatch を読めませんでした: ${f.name}: ${f.problem}`,

    noSeries: (f) =>
      `${f.month} の AWS/Bedrock について、${f.municipalities} 自治体のアプリケーション推論プロファイルのどれにも、` +
      "ARN でも ID だけでも(ModelId)、CloudWatch のデータポイントがありません。その月に誰もプロファイル経由で Bedrock を" +
      "呼び出さなかったか、出力ファイルがこの事業者のものではないか、CloudWatch が別の ModelId で記録しています。" +
      "docs/operator.ja.md の初回デプロイ後の確認を行ってください(aws cloudwatch list-metrics --namespace AWS/Bedrock " +
      "--metric-name Invocations)。",
    forms: (f) =>
      `CloudWatch が記録した ModelId: プロファイルの ARN が ${f.counts.arn} 自治体、ID だけが ${f.counts.id} 自治体、` +
      `両方が ${f.counts.both} 自治体、データポイントなしが ${f.counts.none} 自治体。`,
    which: (f) => `${f.modelId} は自治体 ${f.municipality} のアプリケーション推論プロファイルです。`,
    whichUnknown: (f) =>
      `${f.modelId} は ${f.outputs} のどの自治体のアプリケーション推論プロファイルでもありません(プロファイルの ARN でも ID でもありません)。`,
  },
});
