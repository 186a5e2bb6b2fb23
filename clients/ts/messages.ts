/**
 * Everything the TypeScript smoke client prints after a call, in English and Japanese: it is read
 * under pressure, in a municipality's closed VPC, so it speaks the reader's language. Both sets
 * live here and `ja` is typed as `typeof en`, so a message added in one language only is a type
 * error. Config keys, AWS action names, stack outputs and CLI flags stay verbatim in both; the
 * Japanese uses docs/glossary.md's terms.
 */

import type { Lang } from "../../harness/lang";
import { defineMessages } from "../../infra/messages";

// The locale rule is shared with `npm run plan`; the client's modules keep importing it from here.
export { LANGS, type Lang, langOf } from "../../harness/lang";

/** What a failure message may name: the failing call and what the run was given. */
export interface FailureFacts {
  /** The SDK error's message, quoted as is (AWS answers in English). */
  readonly message: string;
  /** The error's name, e.g. `ThrottlingException`. */
  readonly name: string;
  /** `AssumeRole` or `Converse`. */
  readonly call: string;
  readonly host: string;
  /** The endpoint's key in `bedrock-lz:endpoints`. */
  readonly endpoint: string;
  /** The network code (`ENOTFOUND`, `ETIMEDOUT`, ...) or error name that says how the connection failed. */
  readonly code: string;
  readonly roleArn: string;
  readonly region: string;
  readonly modelId: string;
}

type Failure = (facts: FailureFacts) => string;

const en = {
  "no-credentials": (f: FailureFacts) =>
    `No AWS credentials to call AssumeRole with: ${f.message} Run this where the municipality's client role ` +
    `is the ambient identity (an instance with the client instance profile), or point AWS_PROFILE at it.`,
  "endpoint-unresolvable": (f: FailureFacts) =>
    `${f.host} does not resolve (${f.code}). Run this inside the closed VPC, with the ${f.endpoint} interface ` +
    `endpoint enabled and private DNS on (bedrock-lz:endpoints.${f.endpoint}), and the VPC's DNS support and ` +
    `hostnames on. Outside the VPC, check your network's DNS.`,
  "endpoint-unreachable": (f: FailureFacts) =>
    `${f.host} resolves but does not answer (${f.code}). Allow HTTPS (443) from this instance's security ` +
    `group to the endpoint security group (municipality stack output endpointSecurityGroupId).`,
  "assume-role-denied": (f: FailureFacts) =>
    `AssumeRole on ${f.roleArn} was denied: ${f.message} Check, in order: the operator stack lists this ` +
    `municipality (bedrock-lz:municipalities.<name>.accountId) so its invoke role trusts this account's client ` +
    `role; you are running as that client role (instance profile); --external-id matches the operator's ` +
    `externalId; the STS endpoint policy allows sts:AssumeRole on that ARN (bedrock-lz:operatorRoleArn).`,
  "model-access-not-granted": (f: FailureFacts) =>
    `The operator account has no access to the model behind ${f.modelId}: ${f.message} The operator ` +
    `grants it once (Anthropic first-use form and model agreement, the operator stack's model-access toggle), ` +
    `in every destination region of the JP profile (ap-northeast-1 and ap-northeast-3).`,
  "guardrail-missing": (f: FailureFacts) =>
    `Converse on ${f.modelId} was denied by an explicit deny and the request named no guardrail: ${f.message} ` +
    `If the operator enforces a guardrail (operator output guardrailEnforced), pass --guardrail-arn and ` +
    `--guardrail-version (the ARN, not the id: municipality stack output guardrail, or --stack-outputs). ` +
    `Otherwise the deny is the endpoint lock: call through this VPC's bedrock-runtime endpoint.`,
  "invoke-denied": (f: FailureFacts) =>
    `Converse on ${f.modelId} was denied for ${f.roleArn}: ${f.message} Check the invoke role's ` +
    `policy in the operator account allows the profile in ${f.region} and its foundation models; the ` +
    `bedrock-runtime endpoint policy here names the same role; and, if the operator has locked the role to ` +
    `this VPC's endpoint, that the call goes through it (not from a laptop); and, if the operator enforces a ` +
    `guardrail, that --guardrail-arn/--guardrail-version name its current published version.`,
  unexpected: (f: FailureFacts) => `${f.call} failed: ${f.name}: ${f.message}`,
  checklist: {
    heading: "verify on first deployment (docs/deployment.md):",
    results: { ok: "ok", check: "check", "not observable here": "not observable here" },
    privateDns: (host: string) => `private DNS of ${host}`,
    resolvesPrivate: (address: string) => `resolves to ${address} (the VPC endpoint)`,
    resolvesPublic: (address: string) =>
      `resolves to ${address}, a public address: private DNS is off or this is not the closed VPC`,
    unresolved: (code: string) => `does not resolve (${code})`,
    guardrail: "guardrail",
    guardrailSent: (arn: string, version: string) => `sent ${arn} version ${version}`,
    guardrailNone: "none sent: if the operator enforces one (output guardrailEnforced), every call is denied",
    accountLevel: "endpoint-policy support, aws:SourceVpce on the Osaka leg, IAM propagation before logging",
    accountLevelDetail: "run the commands in docs/deployment.md (Verify on first deployment)",
  },
};

export type Messages = typeof en;

const ja: Messages = {
  "no-credentials": (f) =>
    `AssumeRole を呼ぶための AWS 認証情報がありません: ${f.message} 自治体のクライアントロールが実行環境の ID ` +
    `になっている場所(クライアントロールのインスタンスプロファイルを持つインスタンス)で実行するか、` +
    `AWS_PROFILE でそのロールを指定してください。`,
  "endpoint-unresolvable": (f) =>
    `${f.host} を名前解決できません(${f.code})。閉域 VPC の中で実行してください。${f.endpoint} の` +
    `インターフェースエンドポイントを有効にしてプライベート DNS を on にし(bedrock-lz:endpoints.${f.endpoint})、` +
    `VPC の DNS サポートと DNS ホスト名も on にします。VPC の外なら、そのネットワークの DNS を確認してください。`,
  "endpoint-unreachable": (f) =>
    `${f.host} は名前解決できますが応答しません(${f.code})。このインスタンスのセキュリティグループから、` +
    `エンドポイントのセキュリティグループ(自治体スタックの出力 endpointSecurityGroupId)への HTTPS (443) を許可してください。`,
  "assume-role-denied": (f) =>
    `${f.roleArn} への AssumeRole が拒否されました: ${f.message} 次の順に確認してください。` +
    `(1) 事業者スタックがこの自治体を登録している(bedrock-lz:municipalities.<name>.accountId)ので、` +
    `呼び出しロールの信頼ポリシーがこのアカウントのクライアントロールを信頼している。` +
    `(2) そのクライアントロール(インスタンスプロファイル)で実行している。` +
    `(3) --external-id が事業者の externalId と一致している。` +
    `(4) STS のエンドポイントポリシーが、その ARN への sts:AssumeRole を許可している(bedrock-lz:operatorRoleArn)。`,
  "model-access-not-granted": (f) =>
    `事業者アカウントに ${f.modelId} の基盤モデルへのモデルアクセスがありません: ${f.message} ` +
    `事業者が一度だけ許可します(モデルアクセス(ユースケースフォーム、モデル契約)、事業者スタックの modelAccess ` +
    `のトグル)。JP プロファイルの送信先のすべてのリージョン(ap-northeast-1 と ap-northeast-3)で必要です。`,
  "guardrail-missing": (f) =>
    `${f.modelId} への Converse が明示的な拒否で拒否されました。リクエストは Bedrock ガードレールを指定していません: ` +
    `${f.message} 事業者が Bedrock ガードレールを強制している(事業者スタックの出力 guardrailEnforced)なら、` +
    `--guardrail-arn と --guardrail-version を渡してください(ID ではなく ARN。自治体スタックの出力 guardrail、` +
    `または --stack-outputs)。そうでなければ、この拒否はロックによるものです。この VPC の bedrock-runtime ` +
    `エンドポイントを通して呼び出してください。`,
  "invoke-denied": (f) =>
    `${f.roleArn} での ${f.modelId} への Converse が拒否されました: ${f.message} 次を確認してください。` +
    `事業者アカウントの呼び出しロールのポリシーが ${f.region} のプロファイルとその基盤モデルを許可している。` +
    `ここの bedrock-runtime のエンドポイントポリシーが同じロールを指定している。事業者がロールをこの VPC の` +
    `エンドポイントにロックしているなら、呼び出しがそこを通っている(ノート PC からではない)。事業者が Bedrock ` +
    `ガードレールを強制しているなら、--guardrail-arn/--guardrail-version が現在公開中のバージョンを指定している。`,
  unexpected: (f) => `${f.call} に失敗しました: ${f.name}: ${f.message}`,
  checklist: {
    heading: "初回デプロイ時の確認(docs/deployment.ja.md):",
    results: { ok: "OK", check: "要確認", "not observable here": "ここでは確認できません" },
    privateDns: (host) => `${host} のプライベート DNS`,
    resolvesPrivate: (address) => `${address} に解決されます(VPC エンドポイント)`,
    resolvesPublic: (address) =>
      `パブリックアドレス ${address} に解決されます。プライベート DNS が off か、ここは閉域 VPC ではありません`,
    unresolved: (code) => `名前解決できません(${code})`,
    guardrail: "Bedrock ガードレール",
    guardrailSent: (arn, version) => `${arn} のバージョン ${version} を指定しました`,
    guardrailNone: "指定していません。事業者が強制している(出力 guardrailEnforced)なら、すべての呼び出しが拒否されます",
    accountLevel: "エンドポイントポリシーの対応、大阪側の aws:SourceVpce、ログ記録前の IAM の反映",
    accountLevelDetail: "docs/deployment.ja.md(初回デプロイ時の確認)のコマンドを実行してください",
  },
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { en, ja };

/** The failure kinds, each with a message in both languages. */
export type FailureKind = {
  [K in keyof Messages]: Messages[K] extends Failure ? K : never;
}[keyof Messages];

const SYNOPSIS = [
  "usage: npm run smoke -- --stack-outputs <file> | --role-arn <operator invoke role ARN> --model-id <model id>",
  "                        [--region ap-northeast-1|ap-northeast-3] [--prompt <text>] [--stream] [--external-id <id>]",
  "                        [--guardrail-arn <ARN> --guardrail-version <n>] [--lang en|ja]",
].join("\n");

/** The client's usage and command-line mistakes, in both languages (infra/messages.ts). */
export const ARGUMENT_MESSAGES = defineMessages("smoke-client", {
  en: {
    usage: [
      SYNOPSIS,
      "Assumes the operator's invoke role through the regional STS endpoint, then calls Converse",
      "(or ConverseStream with --stream) on the JP cross-region inference profile.",
      "--stack-outputs reads `pulumi stack output --json --stack <municipality>`: operatorRoleArn, region,",
      "modelId (the municipality's application inference profile ARN when the operator meters, else the",
      "jp. profile id) and guardrail (set when the operator enforces one); flags override it.",
    ].join("\n"),
    stackOutputs: (f: { path: string; problem: string }) =>
      `--stack-outputs ${f.path}: ${f.problem} (write it with: pulumi stack output --json --stack <municipality> > ${f.path})`,
    roleArnRequired:
      "--role-arn is required: the operator's invoke role (municipality stack output operatorRoleArn), or --stack-outputs",
    roleArnInvalid: (f: { value: string }) =>
      `--role-arn "${f.value}" is not an IAM role ARN such as arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo`,
    region: (f: { regions: readonly string[] }) => `--region must be ${f.regions.join(" or ")}: data stays in Japan`,
    modelIdRequired: "--model-id is required: the municipality stack output modelId, or --stack-outputs",
    modelIdInvalid: (f: { prefix: string }) =>
      `--model-id must be a "${f.prefix}" inference profile or the municipality's application inference ` +
      `profile ARN in Tokyo or Osaka (stack output modelId): other profiles route outside Japan`,
    promptEmpty: "--prompt must not be empty",
    guardrailPair:
      "--guardrail-arn and --guardrail-version go together (operator outputs guardrailArn, guardrailVersion)",
    guardrailArn: (f: { value: string }) =>
      `--guardrail-arn "${f.value}" is not a guardrail ARN such as arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abcd1234efgh; ` +
      "the invoke role compares the ARN, not the id",
    guardrailVersion: (f: { value: string }) =>
      `--guardrail-version "${f.value}" must be a published version number (not DRAFT)`,
  },
  ja: {
    usage: [
      SYNOPSIS.replace(/^usage: /, "使い方: "),
      "事業者の呼び出しロールをリージョンの STS エンドポイント経由で引き受け、JP プロファイル(日本国内だけの",
      "クロスリージョン推論)で Converse(--stream なら ConverseStream)を呼び出します。",
      "--stack-outputs は `pulumi stack output --json --stack <municipality>` の出力から operatorRoleArn、region、",
      "modelId(事業者がメータリングしていれば自治体のアプリケーション推論プロファイルの ARN、そうでなければ",
      "jp. プロファイルの ID)と guardrail(事業者が強制しているとき)を読みます。フラグがそれより優先します。",
    ].join("\n"),
    stackOutputs: (f) =>
      `--stack-outputs ${f.path}: ${f.problem}(次のコマンドで書き出します: pulumi stack output --json --stack <municipality> > ${f.path})`,
    roleArnRequired:
      "--role-arn が必要です: 事業者の呼び出しロール(自治体スタックの出力 operatorRoleArn)。または --stack-outputs を指定します",
    roleArnInvalid: (f) =>
      `--role-arn "${f.value}" は IAM ロールの ARN ではありません。例: arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo`,
    region: (f) => `--region は ${f.regions.join(" か ")} です。データは日本国内にとどめます`,
    modelIdRequired: "--model-id が必要です: 自治体スタックの出力 modelId。または --stack-outputs を指定します",
    modelIdInvalid: (f) =>
      `--model-id は "${f.prefix}" の推論プロファイルか、東京か大阪にある自治体のアプリケーション推論プロファイルの ARN ` +
      `(スタックの出力 modelId)にしてください。ほかのプロファイルは国外へ送ります`,
    promptEmpty: "--prompt を空にはできません",
    guardrailPair:
      "--guardrail-arn と --guardrail-version は一緒に指定します(事業者の出力 guardrailArn、guardrailVersion)",
    guardrailArn: (f) =>
      `--guardrail-arn "${f.value}" は Bedrock ガードレールの ARN ではありません。例: arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abcd1234efgh。` +
      "呼び出しロールは ID ではなく ARN を比べます",
    guardrailVersion: (f) => `--guardrail-version "${f.value}" は公開バージョンの番号にしてください(DRAFT は不可)`,
  },
});
