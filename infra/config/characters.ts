/**
 * Which characters each free-text key allows, as docs/configuration.md shows it (the key's
 * `.meta({ characters })`). The patterns quoted are read from AWS's models (infra/api-models), the
 * same ones the schema refuses by, so the reference cannot drift from them.
 */
import { type MemberRef, shapeAt } from "../api-models";

export interface Characters {
  readonly en: string;
  readonly ja: string;
}

const pattern = (service: string, operation: string, path: string) =>
  `\`${shapeAt({ service, operation, path } satisfies MemberRef).pattern}\``;

const IAM_TAG = pattern("iam", "CreateRole", "Tags[].Value");
const BEDROCK_TAG = pattern("bedrock", "CreateInferenceProfile", "tags[].value");
const ROLE_NAME = pattern("iam", "CreateRole", "RoleName");
const EXTERNAL_ID = pattern("sts", "AssumeRole", "ExternalId");
const CODEARTIFACT_DOMAIN = pattern("codeartifact", "CreateDomain", "domain");
const CODEARTIFACT_REPOSITORY = pattern("codeartifact", "CreateRepository", "repository");
const LOG_GROUP = pattern("logs", "CreateLogGroup", "logGroupName");
const TOPIC_NAME = pattern("bedrock", "CreateGuardrail", "topicPolicyConfig.topicsConfig[].name");
const PROFILE_NAME = pattern("bedrock", "CreateInferenceProfile", "inferenceProfileName");

const anyText = (max: string, maxJa = max): Characters => ({
  en: `any characters, Japanese too; ${max}.`,
  ja: `日本語を含め任意の文字。${maxJa}。`,
});

export const CHARACTERS = {
  tags: {
    en:
      `keys 1–128 and values 0–256 characters of letters (Japanese too), digits, spaces and \`_.:/=+-@\` (IAM's ${IAM_TAG}), ` +
      "not starting with `aws:`, at most 45 tags. In an operator with `guardrail` or `metering` on, ASCII letters, digits, " +
      `spaces and \`._:/=+@-\` only (Amazon Bedrock's ${BEDROCK_TAG}); with \`invocationLogging.cloudTrail\`, no empty value.`,
    ja:
      `キーは 1〜128 文字、値は 0〜256 文字で、文字(日本語も可)、数字、空白と \`_.:/=+-@\`(IAM の ${IAM_TAG})。` +
      "`aws:` で始めないこと、最大 45 個。`guardrail` か `metering` がオンの事業者では ASCII の英字、数字、空白と " +
      `\`._:/=+@-\` だけ(Amazon Bedrock の ${BEDROCK_TAG})。\`invocationLogging.cloudTrail\` がオンなら空の値は不可。`,
  },
  inferenceProfileId: {
    en: "one of the `jp.` profile ids in `infra/catalog.ts`.",
    ja: "`infra/catalog.ts` にある `jp.` プロファイルの ID のいずれか。",
  },
  roleName: {
    en: `1–64 letters, digits and \`+=,.@_-\` (IAM's ${ROLE_NAME}).`,
    ja: `1〜64 文字の英字、数字と \`+=,.@_-\`(IAM の ${ROLE_NAME})。`,
  },
  externalId: {
    en: `2–1224 letters, digits and \`+=,.@:/-\` (STS's ${EXTERNAL_ID}).`,
    ja: `2〜1224 文字の英字、数字と \`+=,.@:/-\`(STS の ${EXTERNAL_ID})。`,
  },
  municipalityName: {
    en: `2–32 lowercase letters, digits and hyphens, starting with a letter, never \`--\` (it names the Bedrock inference profile \`bedrock-lz-<name>\`, ${PROFILE_NAME}).`,
    ja: `2〜32 文字の英小文字、数字とハイフン。英字で始め、\`--\` は不可(Bedrock の推論プロファイル名 \`bedrock-lz-<name>\` になるため。${PROFILE_NAME})。`,
  },
  logGroupName: {
    en: `1–512 letters, digits and \`._-/#\` (CloudWatch Logs' ${LOG_GROUP}).`,
    ja: `1〜512 文字の英字、数字と \`._-/#\`(CloudWatch Logs の ${LOG_GROUP})。`,
  },
  bucketName: {
    en: "3–63 lowercase letters, digits, `.` and `-`, starting and ending with a letter or digit (S3 bucket naming rules).",
    ja: "3〜63 文字の英小文字、数字、`.` と `-`。英数字で始まり英数字で終わること(S3 のバケット名の規則)。",
  },
  keyPrefix: {
    en: "up to 100 letters, digits and `!-_.*'()`, in parts separated by `/`.",
    ja: "最大 100 文字の英字、数字と `!-_.*'()`。`/` で区切った部分の並び。",
  },
  formText: (max: number): Characters =>
    anyText(
      `up to ${max}; the whole form goes as one JSON text of at most 16,384 bytes (PutUseCaseForModelAccess \`formData\`)`,
      `最大 ${max} 文字。フォーム全体を 16,384 バイト以内の 1 つの JSON として送ります(PutUseCaseForModelAccess の \`formData\`)`,
    ),
  url: { en: "a URL (`https://…`).", ja: "URL(`https://…`)。" },
  blockedMessaging: anyText("1–500", "1〜500 文字"),
  topicDefinition: {
    en: `any characters, Japanese too, 1–200. The topic's name (its key): 1–100 ASCII letters, digits and \`-_ !?.\` (${TOPIC_NAME}); at most 30 topics.`,
    ja: `日本語を含め任意の文字、1〜200 文字。トピック名(キー)は 1〜100 文字の ASCII 英字、数字と \`-_ !?.\`(${TOPIC_NAME})。トピックは最大 30 個。`,
  },
  topicExamples: anyText("1–100 each, at most 5", "それぞれ 1〜100 文字、最大 5 個"),
  regexPattern: {
    en: "a regular expression of 1–500 characters. The pattern's name (its key): 1–100 letters, digits and `-_ `; at most 10 patterns.",
    ja: "1〜500 文字の正規表現。パターン名(キー)は 1〜100 文字の英字、数字と `-_ `。パターンは最大 10 個。",
  },
  regexDescription: anyText("1–1000", "1〜1000 文字"),
  costAllocationTagKey: {
    en: `1–128 ASCII letters, digits, spaces and \`._:/=+@-\` (Amazon Bedrock's ${BEDROCK_TAG}), not starting with \`aws:\`.`,
    ja: `1〜128 文字の ASCII 英字、数字、空白と \`._:/=+@-\`(Amazon Bedrock の ${BEDROCK_TAG})。\`aws:\` で始めないこと。`,
  },
  codeArtifactDomain: {
    en: `2–50 lowercase letters, digits and \`-\`, starting with a letter (CodeArtifact's ${CODEARTIFACT_DOMAIN}).`,
    ja: `2〜50 文字の英小文字、数字と \`-\`。英字で始めること(CodeArtifact の ${CODEARTIFACT_DOMAIN})。`,
  },
  codeArtifactRepository: {
    en: `2–100 letters, digits and \`._-\`, starting with a letter or digit (CodeArtifact's ${CODEARTIFACT_REPOSITORY}).`,
    ja: `2〜100 文字の英字、数字と \`._-\`。英数字で始めること(CodeArtifact の ${CODEARTIFACT_REPOSITORY})。`,
  },
  prompt: anyText("1–2000", "1〜2000 文字"),
} as const;
