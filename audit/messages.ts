/**
 * What `npm run audit` says, in English and Japanese (infra/messages.ts): its usage and stops, the
 * report it prints, each finding and what it read. The findings are made in English (the JSON and
 * Markdown it writes with `--out`, and so the GitHub issue, stay English); the terminal report says
 * them in the reader's language. Roles, ARNs, endpoint ids, actions and finding codes stay verbatim.
 */
import { defineMessages } from "../infra/messages";

const SYNOPSIS =
  "usage: npm run audit -- --stack <Pulumi.<stack>.yaml> [--peer <Pulumi.<stack>.yaml>]... [--out <dir>] [--lang en|ja]";

type Account = "operator" | "municipality";
type Drift = "missing" | "unexpected" | "differs";
const onOff = (on: boolean) => (on ? "on" : "off");

export const AUDIT_MESSAGES = defineMessages("audit", {
  en: {
    usage: `${SYNOPSIS}

  --stack <file>   the stack file to audit (operator or municipality); AWS credentials must be for its account
  --peer <file>    the stack file of the other side, for the access matrix. Default: the stack files
                   next to --stack whose municipality pairs with it
  --out <dir>      also write <dir>/audit-<stack>.md and <dir>/audit-<stack>.json (always English)
  --lang en|ja     the language of the report printed and the messages (default: the locale,
                   LC_ALL/LC_MESSAGES/LANG)
  --help           this text

exit: 0 clean, 1 findings, 2 bad arguments, wrong account, missing permission or incomplete audit`,
    stackRequired: "--stack <Pulumi.<stack>.yaml> is required",
    noSuchFile: (f: { flag: string; path: string }) => `${f.flag} ${f.path}: no such file`,
    cannotPlan: (f: { stack: string; problem: string }) => `cannot plan ${f.stack}: ${f.problem}`,
    wrongAccount: (f: { account: string; stack: string; declared: string }) =>
      `the credentials are for account ${f.account}; ${f.stack} declares ${f.declared}`,
    missingPermission: (f: { action: string; detail: string }) => `missing permission ${f.action} (${f.detail})`,
    incomplete: (f: { problem: string }) => `the audit could not complete: ${f.problem}`,
    findingsSummary: (f: { count: number; codes: string }) => `${f.count} findings: ${f.codes}`,
    noPeer: (f: { other: Account; file: string }) =>
      `no ${f.other} stack file pairs with ${f.file}: the access matrix is not evaluated (pass --peer)`,

    title: (f: { stack: string; account: Account; accountId: string; region: string }) =>
      `# Live audit: stack \`${f.stack}\` (${f.account}, ${f.accountId}, ${f.region})`,
    clean: "**clean**: what is deployed is what the program declares",
    findings: (f: { count: number }) => `**${f.count} finding${f.count === 1 ? "" : "s"}**`,
    findingsHeader: "| finding | subject | what |",
    runbook: "Runbook: docs/audit.md (日本語: docs/audit.ja.md).",
    matrixHeading: "## Access matrix on the live documents",
    matrixResult: (f: { scenarios: number; mismatches: number }) =>
      `${f.scenarios} scenarios, ${f.mismatches} differ from the expected verdict.`,
    matrixSkipped: (f: { reason: string }) => `Not evaluated: ${f.reason}.`,
    readHeading: "## Read",
    boundHeading: "## Values known only after deploy, as found",
    notesHeading: "## Notes",

    skippedNoPeer: "no peer stack file",
    skippedNotDeclared: (f: { name: string }) => `${f.name} is not declared by this stack`,
    skippedNotDeployed: (f: { name: string }) => `${f.name} or its inline policy is not deployed`,
    skippedClientParts: "the client role policy or the sts / bedrock-runtime endpoint is not deployed",
    matrixMismatch: (f: { title: string; expected: string; actual: string }) =>
      `${f.title}: expected ${f.expected}, the live documents give ${f.actual}`,

    drift: (f: { statement: string; kind: Drift }) =>
      f.kind === "missing"
        ? `statement ${f.statement} is declared but not deployed`
        : f.kind === "unexpected"
          ? `statement ${f.statement} is deployed but not declared`
          : `statement ${f.statement} differs from the declared one`,
    inlineMissing: (f: { policy: string }) => `inline policy ${f.policy} is declared but not on the role`,
    inlineUnexpected: (f: { policy: string }) => `inline policy ${f.policy} is on the role but not declared`,
    managedAttached: (f: { arn: string }) => `managed policy ${f.arn} is attached (the program attaches none)`,
    boundaryMissing: (f: { policy: string }) => `permission boundary ${f.policy} is declared but the role has none`,
    boundaryUnexpected: (f: { arn: string }) => `permission boundary ${f.arn} is on the role but not declared`,
    boundaryOther: (f: { arn: string; policy: string }) => `the boundary is ${f.arn}, not ${f.policy}`,
    vpcNotFound: (f: { vpcId: string; region: string }) =>
      `existingVpc.vpcId ${f.vpcId} does not exist in ${f.region} for these credentials`,
    vpcNotOne: (f: { stack: string; count: number }) =>
      `expected one VPC tagged Project=bedrock-lz, Stack=${f.stack}, found ${f.count}`,
    routeToInternet: (f: { destination: string; target: string }) =>
      `route ${f.destination} → ${f.target}: the VPC is meant to be closed`,
    referencedNotEndpoint: (f: { key: string; id: string; vpcId: string }) =>
      `existingVpc.endpoints.${f.key}.existingEndpointId ${f.id} is not an endpoint of ${f.vpcId}`,
    endpointMissing: (f: { service: string; vpcId: string }) => `no ${f.service} endpoint of this stack in ${f.vpcId}`,
    privateDns: (f: { live: boolean; declared: boolean }) =>
      `private DNS is ${onOff(f.live)}, declared ${onOff(f.declared)}`,
    endpointUndeclared: (f: { service: string; existingVpc: boolean }) =>
      f.existingVpc
        ? `endpoint ${f.service} carries this stack's tags but is not declared`
        : `endpoint ${f.service} is in the closed VPC but not declared`,
    loggingOff: "model invocation logging is switched off",
    loggingField: (f: { field: string; have: string; want: string }) => `${f.field} is ${f.have}, declared ${f.want}`,
    guardrailMissing: "the guardrail does not exist",
    guardrailNoVersion: "the guardrail has no published version (only DRAFT)",
    guardrailOther: (f: { id: string; name: string; ownId: string }) =>
      `the invoke roles enforce guardrail ${f.id}, not ${f.name} (${f.ownId})`,
    guardrailVersionStatus: (f: { version: string; status?: string }) =>
      `the enforced guardrail version ${f.version} is ${f.status ?? "missing"}`,
    noOrganization: (f: { accountId: string }) =>
      `the account ${f.accountId} is in no AWS Organizations organization, so no SCP applies to it`,
    scpUnreadable: (f: { management: string; accountId: string; organization: string; action: string }) =>
      `the SCP check needs the organization's management account (${f.management}) ` +
      `or a delegated administrator for AWS Organizations: ${f.accountId} is a member account of ` +
      `${f.organization}, where Organizations refuses ${f.action}. ` +
      "Run the audit with credentials of one of those (docs/audit.md); if this account is a delegated " +
      "administrator, the audit role lacks that permission.",
    scpNotAttached: "the SCP is not attached",
    roleMissing: "the role does not exist",
    roleLeftBehind: (f: { name: string; prefix: string }) =>
      `role ${f.name} has this stack's name prefix ${f.prefix} but is not declared (an offboarded municipality?)`,

    readVpc: (f: { vpcId: string; found: boolean }) =>
      `VPC ${f.vpcId} (existingVpc.vpcId): ${f.found ? "found" : "not found"}`,
    readTaggedVpcs: (f: { stack: string; ids?: string }) =>
      `VPCs tagged Project=bedrock-lz, Stack=${f.stack}: ${f.ids ?? "none"}`,
    readRouteTables: (f: { vpcId: string }) => `route tables of ${f.vpcId}`,
    readEndpoints: (f: { vpcId: string; count: number }) => `VPC endpoints of ${f.vpcId}: ${f.count}`,
    readReferencedEndpoint: (f: { key: string; id: string }) =>
      `endpoint ${f.key} ${f.id}: referenced, its policy left alone by the stack`,
    readLogging: "model invocation logging configuration",
    readGuardrail: (f: { name: string }) => `Bedrock guardrail ${f.name}`,
    readNoOrganization: "AWS Organizations: the account is in no organization",
    readOrganization: (f: { id: string; management: string }) =>
      `AWS Organizations: ${f.id}, management account ${f.management}`,
    readScps: (f: { target: string; names?: string }) => `SCPs attached to ${f.target}: ${f.names ?? "none"}`,
    readRole: (f: { name: string }) => `role ${f.name}`,
    readRolesNamed: (f: { prefix: string }) => `roles named ${f.prefix}*`,
  },
  ja: {
    usage: `${SYNOPSIS.replace(/^usage: /, "使い方: ")}

  --stack <file>   監査するスタックファイル(事業者か自治体)。AWS の認証情報はそのアカウントのものにします
  --peer <file>    アクセス行列のための、もう一方のスタックファイル。既定は --stack の隣にあるスタックファイルのうち、
                   その自治体と組になるもの
  --out <dir>      <dir>/audit-<stack>.md と <dir>/audit-<stack>.json も書き出します(常に英語)
  --lang en|ja     表示するレポートとメッセージの言語(既定はロケール: LC_ALL/LC_MESSAGES/LANG)
  --help           この説明

終了コード: 0 問題なし、1 検出事項あり、2 引数の誤り、別のアカウント、権限の不足、または監査を完了できない`,
    stackRequired: "--stack <Pulumi.<stack>.yaml> が必要です",
    noSuchFile: (f) => `${f.flag} ${f.path}: ファイルがありません`,
    cannotPlan: (f) => `${f.stack} を計画できません: ${f.problem}`,
    wrongAccount: (f) => `認証情報はアカウント ${f.account} のものですが、${f.stack} が宣言するのは ${f.declared} です`,
    missingPermission: (f) => `権限 ${f.action} がありません(${f.detail})`,
    incomplete: (f) => `監査を完了できませんでした: ${f.problem}`,
    findingsSummary: (f) => `検出事項 ${f.count} 件: ${f.codes}`,
    noPeer: (f) =>
      `${f.file} と組になる${f.other === "operator" ? "事業者" : "自治体"}のスタックファイルがありません。アクセス行列は` +
      `評価しません(--peer を指定します)`,

    title: (f) =>
      `# 稼働中の監査: スタック \`${f.stack}\`(${f.account === "operator" ? "事業者" : "自治体"}、${f.accountId}、${f.region})`,
    clean: "**問題なし**: デプロイされているものはプログラムが宣言するとおりです",
    findings: (f) => `**検出事項 ${f.count} 件**`,
    findingsHeader: "| 検出事項 | 対象 | 内容 |",
    runbook: "手順書: docs/audit.ja.md(English: docs/audit.md)。",
    matrixHeading: "## 稼働中のポリシー文書でのアクセス行列",
    matrixResult: (f) => `シナリオ ${f.scenarios}、期待する判定と異なるもの ${f.mismatches} 件。`,
    matrixSkipped: (f) => `評価していません: ${f.reason}。`,
    readHeading: "## 読み取ったもの",
    boundHeading: "## デプロイ後に分かる値(見つかったとおり)",
    notesHeading: "## 注記",

    skippedNoPeer: "もう一方のスタックファイルがありません",
    skippedNotDeclared: (f) => `${f.name} はこのスタックが宣言していません`,
    skippedNotDeployed: (f) => `${f.name} か、そのインラインポリシーがデプロイされていません`,
    skippedClientParts:
      "クライアントロールのポリシーか、sts / bedrock-runtime のエンドポイントがデプロイされていません",
    matrixMismatch: (f) => `${f.title}: 期待は ${f.expected}、稼働中のポリシー文書では ${f.actual}`,

    drift: (f) =>
      f.kind === "missing"
        ? `ステートメント ${f.statement} は宣言されていますが、デプロイされていません`
        : f.kind === "unexpected"
          ? `ステートメント ${f.statement} はデプロイされていますが、宣言されていません`
          : `ステートメント ${f.statement} は宣言と異なります`,
    inlineMissing: (f) => `インラインポリシー ${f.policy} は宣言されていますが、ロールにありません`,
    inlineUnexpected: (f) => `インラインポリシー ${f.policy} はロールにありますが、宣言されていません`,
    managedAttached: (f) => `管理ポリシー ${f.arn} がアタッチされています(プログラムは何もアタッチしません)`,
    boundaryMissing: (f) => `アクセス許可の境界 ${f.policy} は宣言されていますが、ロールにはありません`,
    boundaryUnexpected: (f) => `アクセス許可の境界 ${f.arn} はロールにありますが、宣言されていません`,
    boundaryOther: (f) => `アクセス許可の境界が ${f.policy} ではなく ${f.arn} です`,
    vpcNotFound: (f) => `existingVpc.vpcId ${f.vpcId} は、この認証情報では ${f.region} に存在しません`,
    vpcNotOne: (f) => `タグ Project=bedrock-lz, Stack=${f.stack} の VPC は 1 つのはずですが、${f.count} 個あります`,
    routeToInternet: (f) => `ルート ${f.destination} → ${f.target}: この VPC は閉域のはずです`,
    referencedNotEndpoint: (f) =>
      `existingVpc.endpoints.${f.key}.existingEndpointId ${f.id} は ${f.vpcId} のエンドポイントではありません`,
    endpointMissing: (f) => `${f.vpcId} に、このスタックの ${f.service} エンドポイントがありません`,
    privateDns: (f) => `プライベート DNS が ${onOff(f.live)} ですが、宣言は ${onOff(f.declared)} です`,
    endpointUndeclared: (f) =>
      f.existingVpc
        ? `エンドポイント ${f.service} はこのスタックのタグを持っていますが、宣言されていません`
        : `エンドポイント ${f.service} は閉域 VPC にありますが、宣言されていません`,
    loggingOff: "モデル呼び出しログがオフになっています",
    loggingField: (f) => `${f.field} が ${f.have} ですが、宣言は ${f.want} です`,
    guardrailMissing: "Bedrock ガードレールが存在しません",
    guardrailNoVersion: "Bedrock ガードレールに公開バージョンがありません(DRAFT だけです)",
    guardrailOther: (f) =>
      `呼び出しロールが強制するのは Bedrock ガードレール ${f.id} で、${f.name}(${f.ownId})ではありません`,
    guardrailVersionStatus: (f) =>
      `強制している Bedrock ガードレールのバージョン ${f.version} は ${f.status ?? "存在しません"}`,
    noOrganization: (f) =>
      `アカウント ${f.accountId} はどの AWS Organizations の組織にも属していないため、SCP が適用されません`,
    scpUnreadable: (f) =>
      `SCP の確認には組織の管理アカウント(${f.management})か AWS Organizations の委任管理者が必要です。` +
      `${f.accountId} は ${f.organization} のメンバーアカウントで、Organizations は ${f.action} を拒否します。` +
      "そのどちらかの認証情報で監査を実行してください(docs/audit.ja.md)。このアカウントが委任管理者なら、監査用の" +
      "ロールにその権限がありません。",
    scpNotAttached: "SCP がアタッチされていません",
    roleMissing: "ロールが存在しません",
    roleLeftBehind: (f) =>
      `ロール ${f.name} はこのスタックの名前の接頭辞 ${f.prefix} を持っていますが、宣言されていません(登録を外した自治体?)`,

    readVpc: (f) => `VPC ${f.vpcId}(existingVpc.vpcId): ${f.found ? "見つかりました" : "見つかりません"}`,
    readTaggedVpcs: (f) => `タグ Project=bedrock-lz, Stack=${f.stack} の VPC: ${f.ids ?? "なし"}`,
    readRouteTables: (f) => `${f.vpcId} のルートテーブル`,
    readEndpoints: (f) => `${f.vpcId} の VPC エンドポイント: ${f.count} 個`,
    readReferencedEndpoint: (f) =>
      `エンドポイント ${f.key} ${f.id}: 参照するだけで、そのポリシーにはスタックは手を付けません`,
    readLogging: "モデル呼び出しログの設定",
    readGuardrail: (f) => `Bedrock ガードレール ${f.name}`,
    readNoOrganization: "AWS Organizations: このアカウントはどの組織にも属していません",
    readOrganization: (f) => `AWS Organizations: ${f.id}、管理アカウント ${f.management}`,
    readScps: (f) => `${f.target} にアタッチされた SCP: ${f.names ?? "なし"}`,
    readRole: (f) => `ロール ${f.name}`,
    readRolesNamed: (f) => `名前が ${f.prefix}* のロール`,
  },
});
