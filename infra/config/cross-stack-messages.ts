/**
 * What infra/config/cross-stack.ts says about stack files that disagree, in English and Japanese
 * (infra/messages.ts). Each message names both files and both values; keys, files, stack names,
 * account ids and ARNs stay verbatim in both languages.
 */
import { defineMessages } from "../messages";

type Files = { readonly operator: string; readonly municipality: string };

/** An external id as the message shows it: quoted, or "none". */
const shown = (value: string | undefined, none: string) => (value === undefined ? none : `"${value}"`);

const en = {
  municipalityGivenTwice: (f: { first: string; second: string; name: string }) =>
    `${f.first} and ${f.second} are both municipality "${f.name}": the operator has one ` +
    `invoke role per name, trusting one client role. Give each municipality its own municipalityName (and its own ` +
    `entry under bedrock-lz:municipalities), or remove one of the files`,
  invokeRoleDeclaredTwice: (f: { first: string; second: string; account: string; name: string; role: string }) =>
    `${f.first} and ${f.second} both deploy into account ${f.account} and ` +
    `both list "${f.name}": both would create the IAM role ${f.role}, whose name is unique per ` +
    `account, so the second pulumi up fails. List each municipality in one operator file per account`,
  oneAccount: (f: Files & { account: string }) =>
    `${f.operator} (operator) and ${f.municipality} (municipality) both deploy into account ` +
    `${f.account}: the operator's account holds Bedrock and the municipality's may not ` +
    `(docs/design.md §1), so they must be two accounts. Set each file's accountId to its own account`,
  operatorStackNamesNone: (f: { municipality: string; reference: string; stacks: string }) =>
    `${f.municipality} reads its invoke role from stack "${f.reference}", which names none of the operator ` +
    `files given (stacks: ${f.stacks}): fix operatorStack, or give that stack's file`,
  municipalityStackOther: (f: {
    operator: string;
    name: string;
    reference: string;
    other: string;
    otherName: string;
    ownStack: string;
  }) =>
    `${f.operator} locks "${f.name}" to stack "${f.reference}", which is ${f.other}, municipality ` +
    `"${f.otherName}": ${f.name}'s invoke role would accept calls only through another ` +
    `municipality's endpoints. Set it to ${f.name}'s stack (${f.ownStack})`,
  municipalityStackNone: (f: { operator: string; name: string; reference: string; own: string; ownStack: string }) =>
    `${f.operator} locks "${f.name}" to stack "${f.reference}", which names none of the files given, while ` +
    `${f.own} is "${f.name}": fix municipalityStack (${f.name}'s stack is ${f.ownStack})`,
  roleInOtherAccount: (f: Files & { roleArn: string; roleAccount: string; account: string; expected: string }) =>
    `${f.municipality} assumes ${f.roleArn}, in account ${f.roleAccount}, ` +
    `but ${f.operator} deploys into ${f.account}: point operatorRoleArn at ${f.expected}`,
  notListed: (f: Files & { name: string; listed: string; key: string; accountId: string }) =>
    `${f.municipality} is municipality "${f.name}", but ${f.operator} lists only ` +
    `${f.listed}: add ${f.key}: "${f.accountId}" to ${f.operator} (or fix municipalityName); without it no invoke role ` +
    `trusts this municipality`,
  accountDiffers: (f: Files & { trusted: string; name: string; account: string }) =>
    `${f.operator} trusts account ${f.trusted} for "${f.name}", but ${f.municipality} deploys into ` +
    `${f.account}: the invoke role would trust the wrong account. Make the two account ids agree`,
  clientRoleDiffers: (f: Files & { trusted: string; clientRole: string; name: string }) =>
    `${f.operator} trusts ${f.trusted}, but ${f.municipality}'s client role is ${f.clientRole}: ` +
    `set both clientRoleName keys to the same name (default bedrock-lz-client-${f.name})`,
  roleArnDiffers: (f: Files & { roleArn: string; expected: string; name: string }) =>
    `${f.municipality} assumes ${f.roleArn}, but ${f.operator} creates ${f.expected} for "${f.name}"`,
  profileWithoutMetering: (f: Files & { profile: string; jp: string }) =>
    `${f.municipality} calls the application profile ${f.profile}, but ${f.operator} does ` +
    `not meter (no metering.enabled), so the invoke role allows only ${f.jp} and every call is ` +
    `denied. Remove operatorInferenceProfileArn, or switch metering on in the operator's file`,
  profileNotHandedOver: (f: Files & { name: string; jp: string }) =>
    `${f.operator} meters "${f.name}" through its own application inference profile, and ${f.municipality} ` +
    `gives operatorRoleArn without operatorInferenceProfileArn: after the operator's first up, copy its output ` +
    `inferenceProfileArns.${f.name} there, or the client calls and the bedrock-runtime endpoint use the bare ` +
    `${f.jp}, which the invoke role denies`,
  regionDiffers: (f: Files & { operatorRegion: string; municipalityRegion: string }) =>
    `${f.operator} is in ${f.operatorRegion} and ${f.municipality} in ${f.municipalityRegion}: the invoke role allows only its ` +
    `own region's inference profile, so every call through the municipality's endpoint is denied. Use one region`,
  profileDiffers: (f: Files & { operatorProfile: string; municipalityProfile: string }) =>
    `${f.operator} allows ${f.operatorProfile} and ${f.municipality} calls ${f.municipalityProfile}: ` +
    `the endpoint and invoke role policies name different profiles, so every call is denied. Use one profile`,
  lockedToOtherEndpoint: (f: Files & { name: string; endpoint: string; given: string; existing: string }) =>
    `${f.operator} locks "${f.name}" to ${f.endpoint} endpoint ${f.given}, but ${f.municipality} uses the existing ` +
    `endpoint ${f.existing}: every call through it would be denied. Copy ${f.existing}`,
  externalIdNotRequired: (f: Files & { passed?: string }) =>
    `${f.municipality}'s smoke test passes external id ${shown(f.passed, "none")}, which ${f.operator} does not ` +
    `require: AssumeRole still succeeds, but the two files disagree on whether one is needed`,
  externalIdDiffers: (f: Files & { required: string; passed?: string; smokeTestOn: boolean }) =>
    `${f.operator} requires external id ${shown(f.required, "none")} and ${f.municipality}'s smoke test passes ` +
    `${shown(f.passed, "none")}: its AssumeRole is denied` +
    (f.smokeTestOn ? "" : " once smokeTest.enabled is switched on") +
    `. Set both to the same value`,
};

const ja: typeof en = {
  municipalityGivenTwice: (f) =>
    `${f.first} と ${f.second} はどちらも自治体 "${f.name}" です。事業者は名前ごとに呼び出しロールを 1 つだけ持ち、` +
    `それが信頼するクライアントロールも 1 つです。自治体ごとに別の municipalityName(と bedrock-lz:municipalities の別の` +
    `エントリ)にするか、どちらかのファイルを外してください`,
  invokeRoleDeclaredTwice: (f) =>
    `${f.first} と ${f.second} はどちらもアカウント ${f.account} にデプロイし、どちらも "${f.name}" を登録しています。` +
    `どちらも IAM ロール ${f.role} を作りますが、ロール名はアカウント内で一意なので、2 回目の pulumi up が失敗します。` +
    `自治体はアカウントごとに 1 つの事業者のファイルにだけ登録してください`,
  oneAccount: (f) =>
    `${f.operator}(事業者)と ${f.municipality}(自治体)はどちらもアカウント ${f.account} にデプロイします。` +
    `事業者アカウントは Bedrock を持ち、自治体アカウントは持てない(docs/design.md §1)ため、2 つのアカウントに` +
    `分けなければなりません。それぞれのファイルの accountId をそれぞれのアカウントにしてください`,
  operatorStackNamesNone: (f) =>
    `${f.municipality} は呼び出しロールをスタック "${f.reference}" から読みますが、指定した事業者のファイルのどれでも` +
    `ありません(スタック: ${f.stacks})。operatorStack を直すか、そのスタックのファイルを指定してください`,
  municipalityStackOther: (f) =>
    `${f.operator} は "${f.name}" をスタック "${f.reference}" でロックしますが、それは ${f.other}(自治体 ` +
    `"${f.otherName}")です。${f.name} の呼び出しロールは別の自治体のエンドポイントを通る呼び出しだけを受け付けることに` +
    `なります。${f.name} のスタック(${f.ownStack})にしてください`,
  municipalityStackNone: (f) =>
    `${f.operator} は "${f.name}" をスタック "${f.reference}" でロックしますが、それは指定したどのファイルでもなく、` +
    `"${f.name}" は ${f.own} です。municipalityStack を直してください(${f.name} のスタックは ${f.ownStack})`,
  roleInOtherAccount: (f) =>
    `${f.municipality} はアカウント ${f.roleAccount} の ${f.roleArn} を引き受けますが、${f.operator} のデプロイ先は ` +
    `${f.account} です。operatorRoleArn を ${f.expected} にしてください`,
  notListed: (f) =>
    `${f.municipality} は自治体 "${f.name}" ですが、${f.operator} が登録しているのは ${f.listed} だけです。` +
    `${f.operator} に ${f.key}: "${f.accountId}" を加えてください(または municipalityName を直します)。これがないと、` +
    `この自治体を信頼する呼び出しロールがありません`,
  accountDiffers: (f) =>
    `${f.operator} は "${f.name}" としてアカウント ${f.trusted} を信頼しますが、${f.municipality} のデプロイ先は ` +
    `${f.account} です。呼び出しロールが別のアカウントを信頼してしまいます。2 つのアカウント ID を一致させてください`,
  clientRoleDiffers: (f) =>
    `${f.operator} は ${f.trusted} を信頼しますが、${f.municipality} のクライアントロールは ${f.clientRole} です。` +
    `両方の clientRoleName を同じ名前にしてください(既定は bedrock-lz-client-${f.name})`,
  roleArnDiffers: (f) =>
    `${f.municipality} は ${f.roleArn} を引き受けますが、${f.operator} が "${f.name}" に作るのは ${f.expected} です`,
  profileWithoutMetering: (f) =>
    `${f.municipality} はアプリケーション推論プロファイル ${f.profile} を呼び出しますが、${f.operator} はメータリング` +
    `していない(metering.enabled がない)ため、呼び出しロールが許可するのは ${f.jp} だけで、すべての呼び出しが拒否されます。` +
    `operatorInferenceProfileArn を外すか、事業者のファイルでメータリングをオンにしてください`,
  profileNotHandedOver: (f) =>
    `${f.operator} は "${f.name}" を専用のアプリケーション推論プロファイルでメータリングしますが、${f.municipality} は ` +
    `operatorInferenceProfileArn なしで operatorRoleArn を指定しています。事業者の最初の up の後、その出力 ` +
    `inferenceProfileArns.${f.name} をそこに写してください。写さないと、クライアントの呼び出しと bedrock-runtime ` +
    `エンドポイントは素の ${f.jp} を使い、呼び出しロールに拒否されます`,
  regionDiffers: (f) =>
    `${f.operator} は ${f.operatorRegion}、${f.municipality} は ${f.municipalityRegion} です。呼び出しロールは自分の` +
    `リージョンの推論プロファイルだけを許可するので、自治体のエンドポイントを通る呼び出しはすべて拒否されます。` +
    `リージョンを 1 つにしてください`,
  profileDiffers: (f) =>
    `${f.operator} は ${f.operatorProfile} を許可し、${f.municipality} は ${f.municipalityProfile} を呼び出します。` +
    `エンドポイントポリシーと呼び出しロールのポリシーが別のプロファイルを指定するので、すべての呼び出しが拒否されます。` +
    `プロファイルを 1 つにしてください`,
  lockedToOtherEndpoint: (f) =>
    `${f.operator} は "${f.name}" を ${f.endpoint} エンドポイント ${f.given} でロックしますが、${f.municipality} は既存の` +
    `エンドポイント ${f.existing} を使います。そこを通る呼び出しはすべて拒否されます。${f.existing} を写してください`,
  externalIdNotRequired: (f) =>
    `${f.municipality} のスモークテストは外部 ID ${shown(f.passed, "なし")} を渡しますが、${f.operator} は求めていません。` +
    `AssumeRole は成功しますが、外部 ID が必要かどうかについて 2 つのファイルの意見が違います`,
  externalIdDiffers: (f) =>
    `${f.operator} は外部 ID ${shown(f.required, "なし")} を求め、${f.municipality} のスモークテストは ` +
    `${shown(f.passed, "なし")} を渡します。` +
    (f.smokeTestOn ? "" : "smokeTest.enabled をオンにすると、") +
    `その AssumeRole は拒否されます。両方を同じ値にしてください`,
};

export const CROSS_STACK_MESSAGES = defineMessages("cross-stack", { en, ja });
