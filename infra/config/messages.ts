/**
 * What the configuration says about a wrong value, in English and Japanese: every problem a stack
 * file can have, as `<key>: <message>` (infra/config/errors.ts prints the key). The schema's zod
 * messages, the cross-field rules and the quota checks all come from here (infra/messages.ts
 * explains how the Japanese follows the English text). Keys, values, ARNs, AWS names and patterns
 * stay verbatim in both languages; the Japanese uses docs/glossary.md's terms.
 */
import { defineMessages } from "../messages";

/** The kinds of map whose keys come from a fixed list (fields.ts `enumKeyedRecord`). */
export type FixedKeyMap = "contentFilterType" | "piiEntityType" | "endpointKey";
const FIXED_KEY_MAP_EN: Record<FixedKeyMap, string> = {
  contentFilterType: "content filter type",
  piiEntityType: "PII entity type",
  endpointKey: "VPC endpoint key",
};
const FIXED_KEY_MAP_JA: Record<FixedKeyMap, string> = {
  contentFilterType: "コンテンツフィルターの種類",
  piiEntityType: "PII エンティティタイプ",
  endpointKey: "VPC エンドポイントのキー",
};

/** The AWS resources an existing-VPC key names (features/existing-vpc.ts). */
export type ResourceKind = "vpc" | "subnet" | "rtb";
const RESOURCE_EN: Record<ResourceKind, string> = { vpc: "a VPC", subnet: "a subnet", rtb: "a route table" };
/** With the particle, so the spacing between the ASCII and the Japanese stays right. */
const RESOURCE_JA: Record<ResourceKind, string> = { vpc: "VPC の", subnet: "サブネットの", rtb: "ルートテーブルの" };
const RESOURCE_LIST_EN: Record<ResourceKind, string> = {
  vpc: "VPC ids",
  subnet: "subnet ids",
  rtb: "route table ids",
};

/** Which of the operator's resources carry its tags to a stricter tagging API (operator.ts). */
export type TaggedBy = "guardrail" | "profiles" | "guardrailAndProfiles" | "cloudTrail" | "iamRoles";

type Size = { readonly min: number; readonly max: number };

const en = {
  // infra/config/errors.ts: the frame of every problem
  invalidConfiguration: (f: { subject: "stack" | "bootstrap" }) => `invalid ${f.subject} configuration:`,
  unknownKey:
    "is not a setting here; check its spelling (keys are case-sensitive) and that it belongs to this stack's account kind",
  unknownKeyNear: (f: { near: string }) => `is not a setting here; did you mean ${f.near}? (keys are case-sensitive)`,
  unknownKeyListed: (f: { keys: string }) =>
    `is not a setting here (keys are case-sensitive); the keys here are ${f.keys}`,
  unknownKeyOtherAccount: (f: { account: string; other: string }) =>
    `is a setting of the ${f.other} stack, and this is a ${f.account} stack (bedrock-lz:account); remove it from this file`,
  mapKey: (f: { problem: string }) => `map key ${f.problem}`,
  shapeObject: (f: { keys: string; example: string }) =>
    `must be a map of its settings (${f.keys}); for example: ${f.example}`,
  shapeMap: (f: { example: string }) => `must be a map of names to values; for example: ${f.example}`,
  shapeList: (f: { example: string }) => `must be a list; for example: ${f.example}`,
  shapeValue: (f: { expected: string; example: string }) =>
    `must be ${{ number: "a number", string: "a text", boolean: "true or false" }[f.expected] ?? f.expected}; for example: ${f.example}`,
  required: (f: { example: string }) => `is required; for example: ${f.example}`,
  withExample: (f: { problem: string; example: string }) => `${f.problem}; for example: ${f.example}`,

  // infra/config/raw.ts: keys in no namespace or another one
  noNamespace: (f: { namespace: string; key: string }) => `has no namespace; did you mean ${f.namespace}:${f.key}?`,
  unreadAwsKey:
    "is an AWS provider setting this program never reads: Pulumi.yaml disables the default provider and " +
    "every resource goes through the program's explicit one (region from aws:region, account pinned by " +
    "the accountId key). Remove it; for credentials set AWS_PROFILE (npm run deploy takes " +
    "--operator-aws-profile / --municipality-aws-profile)",
  notAwsKey: "is not an AWS provider setting; the only aws: key this program reads is aws:region",
  notAwsKeyNear: (f: { near: string }) =>
    `is not an AWS provider setting; the only aws: key this program reads is aws:region; did you mean ${f.near}?`,
  foreignNamespace: (f: { space: string; namespace: string }) =>
    `is in namespace "${f.space}", which this program does not read: its keys are ${f.namespace}:<key> and aws:region`,
  foreignNamespaceNear: (f: { space: string; namespace: string; near: string }) =>
    `is in namespace "${f.space}", which this program does not read: its keys are ${f.namespace}:<key> and aws:region; did you mean ${f.near}?`,
  notJson: "is not a valid map or list (JSON)",

  // infra/config/fields.ts and stack.ts: values several keys share
  account: 'must be "operator" or "municipality": which AWS account this stack deploys into',
  refusedByModel: (f: { value: string; problems: readonly string[]; api: string }) =>
    `${f.value} ${f.problems.join(" and ")} (${f.api})`,
  boolean: "must be true or false",
  accountId: 'must be a 12-digit AWS account id written as a quoted string, e.g. "123456789012"',
  region: (f: { tokyo: string; osaka: string }) =>
    `must be ${f.tokyo} (Tokyo) or ${f.osaka} (Osaka): data must stay in Japan`,
  notJapanProfile: (f: { id: string; prefix: string }) =>
    `"${f.id}" is not a Japan-only profile: only "${f.prefix}" inference profiles route to Tokyo and Osaka alone ` +
    `(apac., global. and us. profiles send prompts abroad)`,
  unknownProfile: (f: { id: string; catalog: string }) =>
    `unknown inference profile "${f.id}"; the catalog (infra/catalog.ts) has: ${f.catalog}`,
  municipalityName:
    "must be a short name of 2-32 lowercase letters, digits and hyphens (never two in a row), starting with a letter (e.g. sapporo)",
  doubleHyphen: (f: { name: string; pattern: string }) =>
    `"${f.name}" has two hyphens in a row: it names the municipality's Bedrock inference profile ` +
    `(bedrock-lz-<name>), whose name CreateInferenceProfile refuses with "--" (pattern ${f.pattern})`,
  roleName: "must be an IAM role name: 1-64 characters of letters, digits and +=,.@_-",
  vpcEndpointId: 'must be a VPC endpoint id such as "vpce-0123456789abcdef0"',
  stackReference:
    "must name a stack: <org>/<project>/<stack> (Pulumi Cloud), organization/<project>/<stack> " +
    "(self-managed backend) or <stack> (same project)",
  roleArn: 'must be an IAM role ARN such as "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"',
  applicationProfileArn:
    'must be a Bedrock application inference profile ARN in Tokyo or Osaka, such as "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6"',
  wholeNumber: (f: Size) => `must be a whole number from ${f.min} to ${f.max}`,
  externalId: "must be 2-1224 characters of letters, digits and +=,.@:/-",
  tagAwsPrefix: "starts with aws:, a prefix AWS keeps for its own tags",
  tagReserved: (f: { reserved: string }) =>
    `is the program's own tag ${f.reserved}, which it sets on every resource (infra/naming.ts): here it would ` +
    `replace it (IAM also takes role tag keys that differ only in case as one key). Use another key`,
  tagKeyProblem: (f: { key: string; problem: string }) => `the key ${f.key} ${f.problem}`,
  tagValueProblem: (f: { value: string; problem: string }) => `the value ${f.value} ${f.problem}`,
  tagsRefused: (f: { problems: readonly string[]; api: string; taggedBy: TaggedBy }) =>
    `${f.problems.join("; ")}: ${f.api} refuses it, and ${
      {
        iamRoles: "every stack tags its IAM roles with them",
        guardrail: "the guardrail carries every tag (keep Japanese tags to the municipality stacks)",
        profiles: "the metered inference profiles carry every tag (keep Japanese tags to the municipality stacks)",
        guardrailAndProfiles:
          "the guardrail and the metered inference profiles carry every tag (keep Japanese tags to the municipality stacks)",
        cloudTrail: "invocationLogging.cloudTrail tags the trail with every tag",
      }[f.taggedBy]
    }`,
  tagText: "must be a text value",
  tagsMap: "must be a map of tag key to value",
  tooManyTags: (f: { limit: number; iamMax: number; own: number }) =>
    `must list at most ${f.limit} tags: IAM takes ${f.iamMax} per role (CreateRole Tags) ` +
    `and the program adds ${f.own} of its own plus a Name or cost-allocation tag`,
  cidrBlock: 'must be an IPv4 CIDR block such as "10.0.0.0/16"',
  cidrHostBits: (f: { cidr: string }) => `"${f.cidr}" has host bits set; use the network address (e.g. 10.0.0.0/16)`,
  cidrPrefix: "must have a prefix length between /16 and /28 (the VPC limits)",
  cidrPublic: (f: { cidr: string; ranges: string }) =>
    `"${f.cidr}" is a public address range. AWS accepts one, but in this closed VPC it would shadow the real ` +
    `internet addresses of that range (the VPC routes them to itself), and nothing here needs one: use a private ` +
    `range (${f.ranges})`,
  fixedKeyMap: (f: { what: FixedKeyMap; keys: string }) =>
    `must be a map of ${FIXED_KEY_MAP_EN[f.what]} (${f.keys}) to settings`,
  fixedKeyUnknown: (f: { what: FixedKeyMap; keys: string }) =>
    `is not a ${FIXED_KEY_MAP_EN[f.what]}; use one of ${f.keys}`,
  fixedKeyUnknownNear: (f: { what: FixedKeyMap; near: string; keys: string }) =>
    `is not a ${FIXED_KEY_MAP_EN[f.what]}; did you mean ${f.near}? (one of ${f.keys})`,

  // infra/config/municipality.ts
  azCount: "must be a whole number from 1 to 3",
  azAtLeastOne: "must be at least 1 (1 = PoC, 2 or 3 = production)",
  azAtMostThree: "must be at most 3: the Japan regions have three usable AZs",
  operatorReferenceNone: (f: { stackKey: string; roleKey: string }) =>
    `set exactly one of ${f.stackKey} (read the invoke role from the operator stack) ` +
    `or ${f.roleKey} (give it directly); neither is set`,
  operatorReferenceBoth: (f: { stackKey: string; roleKey: string }) =>
    `set exactly one of ${f.stackKey} or ${f.roleKey}, not both`,
  profileOnlyWithRoleArn: (f: { roleKey: string }) =>
    `only with ${f.roleKey}; with operatorStack the profile is read from the operator stack`,
  profileAccountRegion: (f: { roleAccount: string; region: string; account: string; profileRegion: string }) =>
    `must be in the operator role's account ${f.roleAccount} and this stack's region ${f.region}; ` +
    `got ${f.account} in ${f.profileRegion}`,
  subnetsDontFit: (f: { cidr: string; slots: number; count: number }) =>
    `${f.cidr} has room for ${f.slots} isolated subnet(s) of at least /28, ` +
    `not ${f.count} (vpc.availabilityZoneCount); use a larger block`,
  endpointNotOffered: (f: { key: string; region: string; source: string }) =>
    `${f.key} is not offered in ${f.region} (${f.source}); leave it off there`,
  codeArtifactNotOffered: (f: { region: string; source: string }) =>
    `CodeArtifact is not offered in ${f.region} (${f.source}); ` +
    "install packages another way (a Tokyo municipality stack can host the mirror)",

  // infra/config/operator.ts
  endpointIdsTwoSources:
    "give the endpoint ids either explicitly (bedrockRuntimeEndpointId/stsEndpointId) or through municipalityStack, not both",
  trustLockNeedsSts: "needs the municipality's STS endpoint: set stsEndpointId or municipalityStack",
  municipalitiesMap: "must be a map of municipality short name to { accountId, ... }",
  municipalitiesEmpty: "must list at least one municipality (short name → { accountId })",
  duplicateClientRole: (f: { first: string; arn: string }) =>
    `duplicates municipality "${f.first}": both trust ${f.arn}; each municipality needs its own client role`,

  // infra/limits.ts: AWS quotas
  profilesOverQuota: (f: { count: number; quota: number }) =>
    `${f.count} municipalities need ${f.count} Bedrock application inference profiles with metering on, over ` +
    `the account's quota "Application inference profiles per account" of ${f.quota} ` +
    `(quotas.applicationInferenceProfilesPerAccount; profiles made outside this stack count too). Raise it with ` +
    `Service Quotas (Amazon Bedrock) and set bedrock-lz:quotas.applicationInferenceProfilesPerAccount, split the ` +
    `municipalities across operator accounts, or set metering.enabled: false`,
  rolesOverQuota: (f: { count: number; others: number; quota: number; max: number }) =>
    `${f.count} municipalities need ${f.count} invoke roles` +
    (f.others > 0 ? ` plus ${f.others} other role(s) of this stack` : "") +
    `, over the account's IAM role quota of ${f.quota} (quotas.rolesPerAccount; other roles in the account count ` +
    `too). Split the municipalities across operator accounts, or raise the quota with Service Quotas (at most ` +
    `${f.max}) and set bedrock-lz:quotas.rolesPerAccount`,
  inlinePolicyTooLarge: (f: { size: number; limit: number }) =>
    `the invoke role's inline policy would be ${f.size} characters, over IAM's fixed ` +
    `${f.limit}-character limit per role; the profile has too many destination regions`,
  trustPolicyTooLarge: (f: { size: number; quota: number; max: number }) =>
    `the invoke role's trust policy would be ${f.size} characters, over the IAM limit of ` +
    `${f.quota} (quotas.trustPolicySize). Shorten externalId or clientRoleName, or raise ` +
    `the quota with Service Quotas (at most ${f.max}) and set bedrock-lz:quotas.trustPolicySize`,
  interfaceEndpointsOverQuota: (f: { count: number; quota: number }) =>
    `${f.count} interface endpoints are enabled, over the VPC quota of ${f.quota} ` +
    `(quotas.interfaceEndpointsPerVpc). Switch some off or raise the quota and set bedrock-lz:quotas.interfaceEndpointsPerVpc`,

  // features/bedrock-guardrail.ts
  filterStrength: (f: { values: string }) => `must be ${f.values}`,
  topicName: "must be a topic name of 1-100 ASCII letters, digits and -_ !?. (a Bedrock rule)",
  topicDefinition: "must be what the topic covers (1-200 characters)",
  topicExample: "must be an example phrase (1-100 characters)",
  topicExamples: "must be a list of up to 5 example phrases",
  topicExamplesMax: "must list at most 5 examples",
  piiAction: (f: { values: readonly string[] }) => `must be ${f.values.join(" or ")}`,
  regexPattern: "must be a regular expression (1-500 characters)",
  blockedInputMessaging: "must be the message shown when a prompt is blocked (1-500 characters)",
  blockedOutputsMessaging: "must be the message shown when an answer is blocked (1-500 characters)",
  deniedTopicsMap: "must map topic names to { definition, examples }",
  deniedTopicsMax: (f: { max: number }) => `must list at most ${f.max} topics (Amazon Bedrock CreateGuardrail)`,
  regexName: "must be a name of 1-100 letters, digits and -_ ",
  regexesMax: (f: { max: number }) => `must list at most ${f.max} patterns (Amazon Bedrock CreateGuardrail)`,
  enforcementNeedsGuardrail:
    "needs a guardrail to enforce: set guardrail.enabled: true (with at least one filter), or turn enforcement off",
  guardrailNeedsPolicy: "a guardrail needs at least one of contentFilters, deniedTopics, piiEntities or piiRegexes",
  promptAttackOutput: "must be NONE: Bedrock applies the prompt-attack filter to prompts only",

  // features/codeartifact.ts
  codeArtifactDomain: "must be 2-50 lowercase letters, digits and hyphens, starting with a letter",
  codeArtifactRepository: "must be 2-100 letters, digits and ._- starting with a letter or digit",
  distinctRepositories: (f: { repository: string }) =>
    `must differ from codeArtifact.repositoryName ("${f.repository}"): the client repository reads through it`,

  // features/existing-vpc.ts
  resourceId: (f: { kind: ResourceKind; prefix: string }) =>
    `must be ${RESOURCE_EN[f.kind]} id such as "${f.prefix}-0123456789abcdef0" (${f.prefix}- and 8 or 17 hex digits)`,
  resourceIdList: (f: { kind: ResourceKind }) => `must be a list of ${RESOURCE_LIST_EN[f.kind]}`,
  resourceIdCount: (f: { kind: ResourceKind; min: number; max: number }) =>
    `must list ${f.min === f.max ? f.min : `${f.min} to ${f.max}`} ${RESOURCE_LIST_EN[f.kind]}`,
  sameIdTwice: "must not list the same id twice",
  vpcAndExistingVpc: (f: { existingKey: string; vpcKey: string }) =>
    `set either ${f.existingKey} (deploy into a VPC you already have) or ${f.vpcKey} (create a new one), not both`,
  referencedEndpointOff: (f: { key: string }) =>
    `must not be false while existingVpc.endpoints.${f.key} references an existing endpoint`,

  // features/invocation-logging.ts
  retentionDays: (f: { values: string }) => `must be one of CloudWatch's retention values: ${f.values}`,
  retentionDaysValue: (f: { days: string; values: string }) =>
    `${f.days} is not a retention CloudWatch Logs accepts; use one of ${f.values}`,
  logGroupName: "must be a log group name: 1-512 characters of letters, digits and _-/.#",
  bucketName:
    "must be an S3 bucket name: 3-63 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit",
  keyPrefix:
    "must be an S3 key prefix of 1-100 letters, digits and !-_.*'() separated by /, without a leading or trailing /",
  archiveDays: "must be a whole number of days (0-3650)",
  archiveStorageClass: (f: { values: readonly string[] }) => `must be ${f.values.join(" or ")}`,
  cloudTrailNeedsLogging: "needs invocationLogging.enabled: true (the trail writes to its KMS-encrypted bucket)",
  standardIaMinimum: (f: { days: number }) =>
    `must be at least ${f.days} for STANDARD_IA (an S3 rule); use INTELLIGENT_TIERING for earlier moves`,

  // features/metering.ts
  meteringTagKey:
    "must be a tag key Bedrock accepts: 1-128 ASCII letters, digits, spaces and _.:/=+-@, not starting with aws:",
  email: "must be an email address",
  emails: "must be a list of email addresses",
  alarmPeriod: "must be 60, 300, 900 or 3600",
  tokenWindow:
    "must be 300, 900, 3600 or 10800 (CloudWatch evaluates a Metrics Insights alarm over the latest 3 hours only)",
  usdAmount: "must be a positive amount in USD",
  percentages: "must be a list of percentages",
  percentagesMin: "must list at least one percentage",
  percentagesMax: "must list at most 5 percentages (AWS Budgets allows 5 notifications per budget)",
  emailsMin: "must list at least one email address",
  emailsMax: "must list at most 10 email addresses (an AWS Budgets limit per notification)",
  budgetsNeedEmails: "needs at least one email address when budgets.enabled is true",
  budgetsNeedMetering: "needs metering.enabled: true (budgets filter on the profiles' cost-allocation tag)",

  // features/model-access.ts
  companyName: "must be the operator's company name (1-200 characters)",
  companyWebsite: 'must be the company website URL, e.g. "https://www.example.co.jp"',
  intendedUsers: 'must be "0" (internal users), "1" (external users) or "2" (both), quoted',
  industryOption: "must be the industry chosen in the console form, e.g. Government (1-100 characters)",
  otherIndustryOption: "must be at most 100 characters",
  useCases: "must be a short description of the use cases (1-1000 characters)",
  useCaseFormRequired:
    "is required when modelAccess.enabled is true: { companyName, companyWebsite, intendedUsers, industryOption, useCases }",

  // features/organizations.ts
  organizationTarget:
    'must be an AWS Organizations target: an account id ("123456789012"), an OU id ("ou-ab12-cdef3456") or the root ("r-ab12")',
  organizationTargets: "must be a list of account, OU or root ids",
  managementRoleRequired:
    "is required when organizations.enabled is true: a role in the management account that may manage SCPs",

  // features/permission-boundary.ts
  policyArn:
    'must be a customer managed policy ARN such as "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary"',
  oneBoundary:
    "cannot be set together with permissionBoundary.enabled: a role has one permissions boundary. Use policyArn " +
    "(the deploy boundary) when the pipeline deploys this stack, or enabled from an administrator's workstation",

  // features/session-access.ts
  sessionEndpointKept: (f: { key: string }) =>
    `must not be false while sessionAccess.enabled is true: Session Manager needs the ${f.key} endpoint`,

  // features/smoke-test.ts
  smokeInstanceType: (f: { types: string }) => `must be one of ${f.types} (1 GiB or more: dnf and pip run at boot)`,
  smokePrompt: "must be a text of 1-2000 characters",
};

const ja: typeof en = {
  invalidConfiguration: (f) =>
    f.subject === "bootstrap" ? "bootstrap の設定に誤りがあります:" : "スタックの設定に誤りがあります:",
  unknownKey:
    "ここでは使えない設定です。綴り(キーは大文字と小文字を区別します)と、このスタックのアカウントの種類の設定かどうかを確認してください",
  unknownKeyNear: (f) => `ここでは使えない設定です。${f.near} の誤りではありませんか(キーは大文字と小文字を区別します)`,
  unknownKeyListed: (f) =>
    `ここでは使えない設定です(キーは大文字と小文字を区別します)。ここで使えるキーは ${f.keys} です`,
  unknownKeyOtherAccount: (f) =>
    `${f.other === "operator" ? "事業者" : "自治体"}スタックの設定です。このファイルは${
      f.account === "operator" ? "事業者" : "自治体"
    }スタックです(bedrock-lz:account)。このファイルから削除してください`,
  mapKey: (f) => `マップのキーの誤り: ${f.problem}`,
  shapeObject: (f) => `設定(${f.keys})のマップにしてください。例: ${f.example}`,
  shapeMap: (f) => `名前と値のマップにしてください。例: ${f.example}`,
  shapeList: (f) => `リストにしてください。例: ${f.example}`,
  shapeValue: (f) =>
    `${{ number: "数値", string: "文字列", boolean: "true か false" }[f.expected] ?? f.expected}にしてください。例: ${f.example}`,
  required: (f) => `必須です。例: ${f.example}`,
  withExample: (f) => `${f.problem}。例: ${f.example}`,

  noNamespace: (f) => `名前空間がありません。${f.namespace}:${f.key} の誤りではありませんか`,
  unreadAwsKey:
    "このプログラムが読まない AWS プロバイダーの設定です。Pulumi.yaml は既定のプロバイダーを無効にしており、" +
    "すべてのリソースはプログラムが作る明示的なプロバイダー(リージョンは aws:region、アカウントは accountId キーで固定)を" +
    "通ります。削除してください。認証情報には AWS_PROFILE を設定します(npm run deploy は " +
    "--operator-aws-profile / --municipality-aws-profile を受け付けます)",
  notAwsKey: "AWS プロバイダーの設定ではありません。このプログラムが読む aws: キーは aws:region だけです",
  notAwsKeyNear: (f) =>
    `AWS プロバイダーの設定ではありません。このプログラムが読む aws: キーは aws:region だけです。${f.near} の誤りではありませんか`,
  foreignNamespace: (f) =>
    `名前空間 "${f.space}" のキーは、このプログラムは読みません。読むのは ${f.namespace}:<key> と aws:region です`,
  foreignNamespaceNear: (f) =>
    `名前空間 "${f.space}" のキーは、このプログラムは読みません。読むのは ${f.namespace}:<key> と aws:region です。` +
    `${f.near} の誤りではありませんか`,
  notJson: "マップやリストとして(JSON として)読めません",

  account: '"operator" か "municipality" にしてください。このスタックのデプロイ先の AWS アカウントの種類です',
  refusedByModel: (f) => `${f.value} は ${f.problems.join("。また、")}(${f.api})`,
  boolean: "true か false にしてください",
  accountId: '12 桁の AWS アカウント ID を、引用符で囲んだ文字列で書いてください。例: "123456789012"',
  region: (f) => `${f.tokyo}(東京)か ${f.osaka}(大阪)にしてください。データは日本国内にとどめます`,
  notJapanProfile: (f) =>
    `"${f.id}" は日本国内だけのプロファイルではありません。東京と大阪だけに送る推論プロファイルは "${f.prefix}" だけです` +
    `(apac.、global.、us. のプロファイルはプロンプトを国外へ送ります)`,
  unknownProfile: (f) =>
    `推論プロファイル "${f.id}" はカタログ(infra/catalog.ts)にありません。カタログにあるのは ${f.catalog} です`,
  municipalityName:
    "2〜32 文字の英小文字、数字、ハイフン(2 つ続けない)で、英字で始まる短い名前にしてください(例: sapporo)",
  doubleHyphen: (f) =>
    `"${f.name}" にはハイフンが 2 つ続いています。この名前は自治体の Bedrock の推論プロファイル名(bedrock-lz-<name>)になり、` +
    `CreateInferenceProfile は "--" を含む名前を拒否します(パターン ${f.pattern})`,
  roleName: "IAM ロール名(1〜64 文字の英字、数字と +=,.@_-)にしてください",
  vpcEndpointId: 'VPC エンドポイント ID にしてください。例: "vpce-0123456789abcdef0"',
  stackReference:
    "スタックの名前にしてください: <org>/<project>/<stack>(Pulumi Cloud)、organization/<project>/<stack>" +
    "(自己管理のバックエンド)、または <stack>(同じプロジェクト)",
  roleArn: 'IAM ロールの ARN にしてください。例: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"',
  applicationProfileArn:
    '東京か大阪の Bedrock のアプリケーション推論プロファイルの ARN にしてください。例: "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6"',
  wholeNumber: (f) => `${f.min} から ${f.max} までの整数にしてください`,
  externalId: "2〜1224 文字の英字、数字と +=,.@:/- にしてください",
  tagAwsPrefix: "aws: で始まっています。この接頭辞は AWS が自分のタグのために予約しています",
  tagReserved: (f) =>
    `プログラムがすべてのリソースに自分で付けるタグ ${f.reserved} です(infra/naming.ts)。ここで指定すると、それを置き換えて` +
    `しまいます(IAM はロールのタグのキーを、大文字と小文字だけが違っても同じキーとして扱います)。別のキーにしてください`,
  tagKeyProblem: (f) => `キー ${f.key} は ${f.problem}`,
  tagValueProblem: (f) => `値 ${f.value} は ${f.problem}`,
  tagsRefused: (f) =>
    `${f.problems.join("。")}: ${f.api} が拒否します。${
      {
        iamRoles: "どのスタックも IAM ロールにすべてのタグを付けます",
        guardrail: "Bedrock ガードレールにすべてのタグが付きます(日本語のタグは自治体スタックだけに付けてください)",
        profiles:
          "メータリング用の推論プロファイルにすべてのタグが付きます(日本語のタグは自治体スタックだけに付けてください)",
        guardrailAndProfiles:
          "Bedrock ガードレールとメータリング用の推論プロファイルにすべてのタグが付きます(日本語のタグは自治体スタックだけに付けてください)",
        cloudTrail: "invocationLogging.cloudTrail は証跡にすべてのタグを付けます",
      }[f.taggedBy]
    }`,
  tagText: "文字列にしてください",
  tagsMap: "タグのキーと値のマップにしてください",
  tooManyTags: (f) =>
    `タグは ${f.limit} 個までにしてください。IAM はロール 1 つに ${f.iamMax} 個まで(CreateRole の Tags)で、` +
    `プログラムが自分のタグを ${f.own} 個と Name かコスト配分タグを付けます`,
  cidrBlock: 'IPv4 の CIDR ブロックにしてください。例: "10.0.0.0/16"',
  cidrHostBits: (f) =>
    `"${f.cidr}" にはホスト部のビットが立っています。ネットワークアドレスにしてください(例: 10.0.0.0/16)`,
  cidrPrefix: "プレフィックス長を /16 から /28 の間にしてください(VPC の制限)",
  cidrPublic: (f) =>
    `"${f.cidr}" はパブリックなアドレス範囲です。AWS は受け付けますが、この閉域 VPC ではその範囲の本物のインターネットの` +
    `アドレスを隠してしまいます(VPC はその範囲を自分自身へ送ります)。ここでは必要もありません。プライベートな範囲` +
    `(${f.ranges})にしてください`,
  fixedKeyMap: (f) => `${FIXED_KEY_MAP_JA[f.what]}(${f.keys})から設定へのマップにしてください`,
  fixedKeyUnknown: (f) => `${FIXED_KEY_MAP_JA[f.what]}ではありません。${f.keys} のいずれかにしてください`,
  fixedKeyUnknownNear: (f) =>
    `${FIXED_KEY_MAP_JA[f.what]}ではありません。${f.near} の誤りではありませんか(${f.keys} のいずれか)`,

  azCount: "1 から 3 までの整数にしてください",
  azAtLeastOne: "1 以上にしてください(1 は PoC、2 か 3 は本番)",
  azAtMostThree: "3 以下にしてください。日本のリージョンで使える AZ は 3 つです",
  operatorReferenceNone: (f) =>
    `${f.stackKey}(事業者スタックから呼び出しロールを読む)か ${f.roleKey}(直接指定する)のどちらか一方を設定してください。` +
    `どちらも設定されていません`,
  operatorReferenceBoth: (f) =>
    `${f.stackKey} と ${f.roleKey} はどちらか一方だけを設定してください。両方が設定されています`,
  profileOnlyWithRoleArn: (f) =>
    `${f.roleKey} と一緒のときだけ指定します。operatorStack のときは事業者スタックからプロファイルを読みます`,
  profileAccountRegion: (f) =>
    `事業者のロールのアカウント ${f.roleAccount} と、このスタックのリージョン ${f.region} のものにしてください。` +
    `指定されたのは ${f.account} の ${f.profileRegion} のものです`,
  subnetsDontFit: (f) =>
    `${f.cidr} には /28 以上の分離サブネットが ${f.slots} 個しか入らず、${f.count} 個(vpc.availabilityZoneCount)は` +
    `入りません。もっと大きなブロックにしてください`,
  endpointNotOffered: (f) => `${f.key} は ${f.region} では提供されていません(${f.source})。そこでは off にしてください`,
  codeArtifactNotOffered: (f) =>
    `CodeArtifact は ${f.region} では提供されていません(${f.source})。パッケージは別の方法でインストールしてください` +
    `(東京の自治体スタックがミラーを持てます)`,

  endpointIdsTwoSources:
    "エンドポイント ID は、直接(bedrockRuntimeEndpointId/stsEndpointId)か municipalityStack 経由のどちらか一方で指定してください",
  trustLockNeedsSts: "自治体の STS エンドポイントが必要です。stsEndpointId か municipalityStack を設定してください",
  municipalitiesMap: "自治体の短い名前から { accountId, ... } へのマップにしてください",
  municipalitiesEmpty: "自治体を 1 つ以上登録してください(短い名前 → { accountId })",
  duplicateClientRole: (f) =>
    `自治体 "${f.first}" と重複しています。どちらも ${f.arn} を信頼します。自治体ごとに別のクライアントロールが必要です`,

  profilesOverQuota: (f) =>
    `メータリングがオンのとき、${f.count} の自治体には Bedrock のアプリケーション推論プロファイルが ${f.count} 個必要ですが、` +
    `アカウントのクォータ "Application inference profiles per account" の ${f.quota} を超えます` +
    `(quotas.applicationInferenceProfilesPerAccount。このスタック以外で作ったプロファイルも数えます)。Service Quotas` +
    `(Amazon Bedrock)で引き上げて bedrock-lz:quotas.applicationInferenceProfilesPerAccount を設定するか、自治体を` +
    `複数の事業者アカウントに分けるか、metering.enabled: false にしてください`,
  rolesOverQuota: (f) =>
    `${f.count} の自治体には呼び出しロールが ${f.count} 個` +
    (f.others > 0 ? `(ほかにこのスタックのロールが ${f.others} 個)` : "") +
    `必要で、アカウントの IAM ロールのクォータ ${f.quota}(quotas.rolesPerAccount。アカウントのほかのロールも数えます)を` +
    `超えます。自治体を複数の事業者アカウントに分けるか、Service Quotas でクォータを引き上げて(最大 ${f.max})` +
    ` bedrock-lz:quotas.rolesPerAccount を設定してください`,
  inlinePolicyTooLarge: (f) =>
    `呼び出しロールのインラインポリシーが ${f.size} 文字になり、IAM のロールごとの固定の上限 ${f.limit} 文字を超えます。` +
    `プロファイルの送信先リージョンが多すぎます`,
  trustPolicyTooLarge: (f) =>
    `呼び出しロールの信頼ポリシーが ${f.size} 文字になり、IAM の上限 ${f.quota}(quotas.trustPolicySize)を超えます。` +
    `externalId か clientRoleName を短くするか、Service Quotas でクォータを引き上げて(最大 ${f.max})` +
    ` bedrock-lz:quotas.trustPolicySize を設定してください`,
  interfaceEndpointsOverQuota: (f) =>
    `インターフェースエンドポイントが ${f.count} 個有効で、VPC のクォータ ${f.quota}(quotas.interfaceEndpointsPerVpc)を` +
    `超えます。いくつかを off にするか、クォータを引き上げて bedrock-lz:quotas.interfaceEndpointsPerVpc を設定してください`,

  filterStrength: (f) => `${f.values} のいずれかにしてください`,
  topicName: "1〜100 文字の ASCII 英字、数字と -_ !?. のトピック名にしてください(Bedrock の規則)",
  topicDefinition: "トピックの範囲(1〜200 文字)を書いてください",
  topicExample: "例文(1〜100 文字)にしてください",
  topicExamples: "例文(5 つまで)のリストにしてください",
  topicExamplesMax: "例文は 5 つまでにしてください",
  piiAction: (f) => `${f.values.join(" か ")} にしてください`,
  regexPattern: "正規表現(1〜500 文字)にしてください",
  blockedInputMessaging: "プロンプトをブロックしたときに表示するメッセージ(1〜500 文字)にしてください",
  blockedOutputsMessaging: "回答をブロックしたときに表示するメッセージ(1〜500 文字)にしてください",
  deniedTopicsMap: "トピック名から { definition, examples } へのマップにしてください",
  deniedTopicsMax: (f) => `トピックは ${f.max} 個までにしてください(Amazon Bedrock CreateGuardrail)`,
  regexName: "1〜100 文字の英字、数字と -_ (空白)の名前にしてください",
  regexesMax: (f) => `パターンは ${f.max} 個までにしてください(Amazon Bedrock CreateGuardrail)`,
  enforcementNeedsGuardrail:
    "強制する Bedrock ガードレールが必要です。guardrail.enabled: true にする(フィルターを 1 つ以上付けて)か、強制を off にしてください",
  guardrailNeedsPolicy:
    "Bedrock ガードレールには contentFilters、deniedTopics、piiEntities、piiRegexes のどれかが 1 つ以上必要です",
  promptAttackOutput: "NONE にしてください。Bedrock はプロンプト攻撃のフィルターをプロンプトにだけ適用します",

  codeArtifactDomain: "2〜50 文字の英小文字、数字とハイフンで、英字で始めてください",
  codeArtifactRepository: "2〜100 文字の英字、数字と ._- で、英数字で始めてください",
  distinctRepositories: (f) =>
    `codeArtifact.repositoryName("${f.repository}")と別の名前にしてください。クライアント用のリポジトリはこのリポジトリを通して読みます`,

  resourceId: (f) =>
    `${RESOURCE_JA[f.kind]} ID にしてください。例: "${f.prefix}-0123456789abcdef0"(${f.prefix}- と 8 桁か 17 桁の 16 進数)`,
  resourceIdList: (f) => `${RESOURCE_JA[f.kind]} ID のリストにしてください`,
  resourceIdCount: (f) =>
    `${RESOURCE_JA[f.kind]} ID を ${f.min === f.max ? `${f.min} 個` : `${f.min} 個から ${f.max} 個`}並べてください`,
  sameIdTwice: "同じ ID を 2 回並べないでください",
  vpcAndExistingVpc: (f) =>
    `${f.existingKey}(既にある VPC にデプロイする)か ${f.vpcKey}(新しく作る)のどちらか一方だけを設定してください`,
  referencedEndpointOff: (f) =>
    `existingVpc.endpoints.${f.key} が既存のエンドポイントを参照している間は false にしないでください`,

  retentionDays: (f) => `CloudWatch の保持期間の値(${f.values})のいずれかにしてください`,
  retentionDaysValue: (f) =>
    `${f.days} は CloudWatch Logs が受け付ける保持期間ではありません。${f.values} のいずれかにしてください`,
  logGroupName: "ロググループ名(1〜512 文字の英字、数字と _-/.#)にしてください",
  bucketName:
    "S3 のバケット名(3〜63 文字の英小文字、数字、ハイフン、ドットで、英数字で始まり英数字で終わる)にしてください",
  keyPrefix:
    "S3 のキーのプレフィックス(1〜100 文字の英字、数字と !-_.*'() を / で区切ったもの。先頭と末尾に / は付けない)にしてください",
  archiveDays: "日数(0〜3650 の整数)にしてください",
  archiveStorageClass: (f) => `${f.values.join(" か ")} にしてください`,
  cloudTrailNeedsLogging:
    "invocationLogging.enabled: true が必要です(証跡はその KMS で暗号化したバケットに書き込みます)",
  standardIaMinimum: (f) =>
    `STANDARD_IA では ${f.days} 以上にしてください(S3 の規則)。もっと早く移すなら INTELLIGENT_TIERING にします`,

  meteringTagKey:
    "Bedrock が受け付けるタグのキー(1〜128 文字の ASCII 英字、数字、空白と _.:/=+-@。aws: で始めない)にしてください",
  email: "メールアドレスにしてください",
  emails: "メールアドレスのリストにしてください",
  alarmPeriod: "60、300、900、3600 のいずれかにしてください",
  tokenWindow:
    "300、900、3600、10800 のいずれかにしてください(CloudWatch は Metrics Insights のアラームを直近 3 時間のデータだけで評価します)",
  usdAmount: "正の金額(USD)にしてください",
  percentages: "パーセントのリストにしてください",
  percentagesMin: "パーセントを 1 つ以上並べてください",
  percentagesMax: "パーセントは 5 つまでにしてください(AWS Budgets の通知は予算ごとに 5 つまで)",
  emailsMin: "メールアドレスを 1 つ以上並べてください",
  emailsMax: "メールアドレスは 10 個までにしてください(AWS Budgets の通知ごとの上限)",
  budgetsNeedEmails: "budgets.enabled が true のときは、メールアドレスが 1 つ以上必要です",
  budgetsNeedMetering: "metering.enabled: true が必要です(予算はプロファイルのコスト配分タグで絞り込みます)",

  companyName: "事業者の会社名(1〜200 文字)にしてください",
  companyWebsite: '会社のウェブサイトの URL にしてください。例: "https://www.example.co.jp"',
  intendedUsers: '"0"(社内の利用者)、"1"(社外の利用者)、"2"(両方)のいずれかを、引用符で囲んで書いてください',
  industryOption: "コンソールのフォームで選ぶ業種(1〜100 文字。例: Government)にしてください",
  otherIndustryOption: "100 文字以内にしてください",
  useCases: "ユースケースの短い説明(1〜1000 文字)にしてください",
  useCaseFormRequired:
    "modelAccess.enabled が true のときは必須です: { companyName, companyWebsite, intendedUsers, industryOption, useCases }",

  organizationTarget:
    'AWS Organizations のアタッチ先にしてください: アカウント ID("123456789012")、OU ID("ou-ab12-cdef3456")、ルート("r-ab12")',
  organizationTargets: "アカウント、OU、ルートの ID のリストにしてください",
  managementRoleRequired:
    "organizations.enabled が true のときは必須です。SCP を管理できる、管理アカウントのロールを指定します",

  policyArn:
    'カスタマー管理ポリシーの ARN にしてください。例: "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary"',
  oneBoundary:
    "permissionBoundary.enabled と一緒には設定できません。ロールのアクセス許可の境界は 1 つだけです。パイプラインがこのスタックを" +
    "デプロイするなら policyArn(デプロイ用の境界)を、管理者の端末からデプロイするなら enabled を使います",

  sessionEndpointKept: (f) =>
    `sessionAccess.enabled が true の間は false にしないでください。Session Manager には ${f.key} エンドポイントが必要です`,

  smokeInstanceType: (f) => `${f.types} のいずれかにしてください(起動時に dnf と pip が動くため 1 GiB 以上)`,
  smokePrompt: "1〜2000 文字の文字列にしてください",
};

export const CONFIG_MESSAGES = defineMessages("config", { en, ja });
