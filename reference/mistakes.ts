/**
 * docs/mistakes.md and docs/mistakes.ja.md: the kinds of mistake the tools catch, each with an
 * example and the message it gets, in both languages. The messages are not written here: each
 * example is run through the code a user's mistake meets (the config schema, the stack-file
 * reader, the cross-file checks, the command lines, the program under the mock engine), so the page
 * shows what the tools say today; `npm run docs:config` rewrites it and a spec fails on drift.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "../harness/cli";
import { runStackProgram } from "../harness/run-stack";
import { parseStackConfigText, readStackConfigFile } from "../harness/stack-file";
import { ConfigError, type StackConfig, crossStackProblems, parseStackConfig, rawConfigOf } from "../infra/config";
import { yamlFlow } from "../infra/config/schema-shape";
import { type Lang, inLanguage } from "../infra/messages";
import { USAGE as PLAN_USAGE, parsePlanArgs } from "../plan/args";
import { type VpcFacts, preflightFindings, renderPreflight, targetOfVpc } from "../preflight/checks";
import { usageCommand } from "../usage/cli";

/** The reference stack files the examples start from (the specs' fixtures, not a user's files). */
const FIXTURES = join(__dirname, "..", "tests", "fixtures");
const fixture = (stack: "operator" | "municipality") =>
  readStackConfigFile(join(FIXTURES, `Pulumi.${stack}.yaml`)).config;

/** The file names the examples' messages mention. */
const FILES = { operator: "Pulumi.operator.yaml", municipality: "Pulumi.sapporo.yaml" } as const;

type Bilingual = Readonly<Record<Lang, string>>;

export interface Mistake {
  /** What was done wrong, in each language. */
  readonly what: Bilingual;
  /** What the user wrote: a stack-file line, a command, or a file's text. */
  readonly wrote: string;
  /** The message the tools give for it, line by line, in a language. */
  readonly said: (lang: Lang) => Promise<string[]> | string[];
}

export interface MistakeKind {
  readonly title: Bilingual;
  /** Which tools catch it and when. */
  readonly when: Bilingual;
  readonly mistakes: readonly Mistake[];
}

/** A flat config with some keys changed (`undefined` removes one); maps and lists as JSON, as the engine gives them. */
function changed(base: Record<string, string>, changes: Record<string, unknown>): Record<string, string> {
  const config = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete config[key];
    else config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}

/** The lines a stack file gets for these changes: each problem, as `key: message`. */
function configProblems(stack: "operator" | "municipality", changes: Record<string, unknown>) {
  return (lang: Lang): string[] => {
    try {
      parseStackConfig(rawConfigOf(changed(fixture(stack), changes)));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error
        .messageIn(lang)
        .split("\n")
        .slice(1)
        .map((line) => line.replace(/^ {2}- /, ""));
    }
    throw new Error(`${JSON.stringify(changes)} is accepted: it is no example of a mistake`);
  };
}

/** The stack-file lines of the changes, as a user writes them. */
function lines(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : yamlFlow(value)}`)
    .join("\n");
}

function configMistake(stack: "operator" | "municipality", what: Bilingual, changes: Record<string, unknown>): Mistake {
  return { what, wrote: lines(changes), said: configProblems(stack, changes) };
}

/** How the plan heads a cross-file problem (plan/messages.ts says "warning" in each language too). */
const SEVERITY = { en: { error: "error", warning: "warning" }, ja: { error: "エラー", warning: "警告" } } as const;

/** A stack file's text that YAML does not read. */
function yamlMistake(what: Bilingual, text: string): Mistake {
  return {
    what,
    wrote: text,
    said: (lang) => {
      try {
        parseStackConfigText(text, FILES.municipality);
      } catch (error) {
        return inLanguage((error as Error).message, lang).split("\n");
      }
      throw new Error("the text parses: it is no example of a mistake");
    },
  };
}

/** Two stack files that disagree: the cross-file problems, each with its keys. */
function crossFileMistake(
  what: Bilingual,
  changes: { operator?: Record<string, unknown>; municipality?: Record<string, unknown> },
): Mistake {
  const wrote = [
    ...(changes.operator ? [`# ${FILES.operator}`, lines(changes.operator)] : []),
    ...(changes.municipality ? [`# ${FILES.municipality}`, lines(changes.municipality)] : []),
  ].join("\n");
  return {
    what,
    wrote,
    said: (lang) => {
      const config = (stack: "operator" | "municipality"): StackConfig =>
        parseStackConfig(rawConfigOf(changed(fixture(stack), changes[stack] ?? {})));
      const problems = crossStackProblems([
        { file: FILES.operator, config: config("operator") },
        { file: FILES.municipality, config: config("municipality") },
      ]);
      if (problems.length === 0) throw new Error(`${wrote}: no problem across the files`);
      return problems.map((p) => `${SEVERITY[lang][p.severity]}: ${inLanguage(p.message, lang)}`);
    },
  };
}

/** `npm run plan` with these arguments: the first line it prints on stderr. */
function planArgumentMistake(what: Bilingual, argv: readonly string[]): Mistake {
  return {
    what,
    wrote: `npm run plan -- ${argv.join(" ")}`,
    said: async (lang) => {
      let printed = "";
      const write = process.stderr.write;
      process.stderr.write = ((chunk: string) => ((printed += chunk), true)) as typeof write;
      try {
        await runCommand("plan", PLAN_USAGE, () => (parsePlanArgs(argv), 0), lang);
      } finally {
        process.stderr.write = write;
      }
      const [first] = printed.split("\n");
      if (first === "" || first === undefined) throw new Error(`${argv.join(" ")}: no mistake`);
      return [first];
    },
  };
}

/** A warning the program logs (`pulumi.log.warn`) for a valid stack file, as `pulumi up` and the plan show it. */
function warningOf(
  stack: "operator" | "municipality",
  what: Bilingual,
  changes: Record<string, unknown>,
  which: RegExp,
): Mistake {
  return {
    what,
    wrote: lines(changes),
    said: async (lang) => {
      const config = changed(fixture(stack), changes);
      const run = await runStackProgram({ stack, config, accountId: config["bedrock-lz:accountId"] });
      const warnings = run.warnings.filter((warning) => which.test(warning));
      if (warnings.length === 0) throw new Error(`${lines(changes)}: no warning like ${which}`);
      return [inLanguage(warnings[0], lang)];
    },
  };
}

const VPC_EXAMPLE = { cidrBlock: "10.0.0.0/16", availabilityZoneCount: 1 };

/**
 * `npm run usage` with these arguments, run in a scratch directory holding `files` (so the page
 * names them as a user would), with a CloudWatch that fails with `failure` if it is called: what
 * it prints on stderr.
 */
function usageMistake(
  what: Bilingual,
  argv: readonly string[],
  files: Readonly<Record<string, string>>,
  failure?: { name: string; message: string },
): Mistake {
  return {
    what,
    wrote: `npm run usage -- ${argv.join(" ")}`,
    said: async (lang) => {
      const dir = mkdtempSync(join(tmpdir(), "mistakes-usage-"));
      const cwd = process.cwd();
      let printed = "";
      const write = process.stderr.write;
      try {
        for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
        process.chdir(dir);
        const cloudwatch = {
          send: async () => {
            throw Object.assign(new Error(failure?.message ?? "not called"), { name: failure?.name ?? "Error" });
          },
        };
        process.stderr.write = ((chunk: string) => ((printed += chunk), true)) as typeof write;
        await usageCommand([...argv, "--lang", lang], cloudwatch as never, {});
      } finally {
        process.stderr.write = write;
        process.chdir(cwd);
        rmSync(dir, { recursive: true, force: true });
      }
      const [first] = printed.split("\n");
      if (!first) throw new Error(`npm run usage -- ${argv.join(" ")}: no mistake`);
      return [first];
    },
  };
}

/** The reference operator stack file's text, as `--stack`'s default (Pulumi.operator.yaml) finds it in the scratch directory. */
const OPERATOR_FILE = readFileSync(join(FIXTURES, "Pulumi.operator.yaml"), "utf8");

const OPERATOR_OUTPUTS = JSON.stringify({
  inferenceProfileArns: {
    sapporo: "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6",
  },
});

/** An existing VPC ready for the stack; each preflight example breaks one thing. */
const READY_VPC: VpcFacts = {
  vpcId: "vpc-0a1b2c3d4e5f60789",
  region: "ap-northeast-1",
  exists: true,
  dnsSupport: true,
  dnsHostnames: true,
  internetGatewayIds: [],
  natGatewayIds: [],
  internetRoutes: [],
  endpoints: [],
  privateHostedZones: [],
  subnets: [{ id: "subnet-0a1b2c3d4e5f60789", availabilityZone: "ap-northeast-1a", freeIps: 250 }],
  serviceZones: {},
};

/** `npm run preflight -- --vpc-id …` on a VPC with one thing wrong: the finding it lists (../preflight/checks.ts). */
function preflightMistake(what: Bilingual, wrong: Partial<VpcFacts>, wrote: string): Mistake {
  return {
    what,
    wrote,
    said: (lang) => {
      const facts = { ...READY_VPC, ...wrong };
      const target = targetOfVpc(facts.vpcId, facts.region);
      const findings = preflightFindings(facts, target);
      if (findings.length === 0) throw new Error(`${wrote}: preflight finds nothing`);
      return renderPreflight(facts, findings, target, lang)
        .split("\n")
        .filter((line) => line.startsWith("  - ["));
    },
  };
}

export const MISTAKES: readonly MistakeKind[] = [
  {
    title: { en: "Keys", ja: "キー" },
    when: {
      en: "Before any resource is declared (`pulumi preview`/`up`, `npm run plan`, `npm run deploy`).",
      ja: "リソースを 1 つも宣言する前(`pulumi preview`/`up`、`npm run plan`、`npm run deploy`)。",
    },
    mistakes: [
      configMistake(
        "municipality",
        { en: "A misspelt key inside a setting", ja: "設定の中のキーの綴りの誤り" },
        { "bedrock-lz:vpc": { cidrBlok: "10.0.0.0/16" } },
      ),
      configMistake(
        "municipality",
        { en: "A misspelt switch of a feature", ja: "機能のトグルの綴りの誤り" },
        { "bedrock-lz:smokeTest": { enable: true } },
      ),
      configMistake(
        "operator",
        { en: "A misspelt group of settings", ja: "設定のまとまりの綴りの誤り" },
        { "bedrock-lz:metering": { enabled: true, alarm: { emails: ["ops@example.jp"] } } },
      ),
      configMistake(
        "municipality",
        { en: "A misspelt endpoint key", ja: "エンドポイントのキーの綴りの誤り" },
        { "bedrock-lz:endpoints": { "codeartifact.apii": { enabled: true } } },
      ),
      configMistake(
        "municipality",
        { en: "A key where the object has only one", ja: "キーが 1 つしかないオブジェクトの別のキー" },
        { "bedrock-lz:endpoints": { s3: { privateDnsEnabled: true } } },
      ),
      configMistake(
        "municipality",
        { en: "A key of the other account kind", ja: "もう一方のアカウントの種類のキー" },
        { "bedrock-lz:municipalities": { sapporo: { accountId: "222222222222" } } },
      ),
      configMistake(
        "operator",
        { en: "A misspelt key of a map with fixed keys", ja: "決まったキーを持つマップのキーの綴りの誤り" },
        {
          "bedrock-lz:guardrail": {
            enabled: true,
            contentFilters: { HATES: { inputStrength: "HIGH", outputStrength: "HIGH" } },
          },
        },
      ),
      configMistake(
        "municipality",
        { en: "A key without its namespace", ja: "名前空間のないキー" },
        { vpc: VPC_EXAMPLE },
      ),
      configMistake(
        "municipality",
        { en: "A key in another namespace", ja: "別の名前空間のキー" },
        { "bedrock_lz:vpc": VPC_EXAMPLE },
      ),
      configMistake(
        "municipality",
        { en: "An AWS provider key the program never reads", ja: "プログラムが読まない AWS プロバイダーのキー" },
        { "aws:profile": "sapporo-admin" },
      ),
    ],
  },
  {
    title: { en: "Shapes", ja: "値の形" },
    when: {
      en: "Before any resource is declared; the message gives a line of the right shape.",
      ja: "リソースを 1 つも宣言する前。メッセージは正しい形の行を示します。",
    },
    mistakes: [
      configMistake(
        "municipality",
        { en: "One value where a map of settings goes", ja: "設定のマップの代わりに 1 つの値" },
        { "bedrock-lz:permissionBoundary": "yes" },
      ),
      configMistake(
        "municipality",
        { en: "One value where a switch's map goes", ja: "トグルのマップの代わりに 1 つの値" },
        { "bedrock-lz:sessionAccess": "true" },
      ),
      configMistake(
        "municipality",
        { en: "One value where a map of names goes", ja: "名前のマップの代わりに 1 つの値" },
        { "bedrock-lz:tags": "CostCenter" },
      ),
      configMistake(
        "operator",
        { en: "One value where the municipalities map goes", ja: "自治体のマップの代わりに 1 つの値" },
        { "bedrock-lz:municipalities": "sapporo" },
      ),
      configMistake(
        "municipality",
        {
          en: "A map or list that is not valid JSON (`pulumi config set`)",
          ja: "JSON として正しくないマップやリスト(`pulumi config set`)",
        },
        { "bedrock-lz:vpc": "{cidrBlock: 10.0.0.0/16" },
      ),
    ],
  },
  {
    title: { en: "Values", ja: "値" },
    when: {
      en: "Before any resource is declared; values AWS's API models refuse are refused by key too.",
      ja: "リソースを 1 つも宣言する前。AWS の API モデルが拒否する値も、キーごとに拒否します。",
    },
    mistakes: [
      configMistake(
        "municipality",
        { en: "An account id that is not 12 digits in quotes", ja: "引用符で囲んだ 12 桁ではないアカウント ID" },
        { "bedrock-lz:accountId": "22222222222" },
      ),
      configMistake(
        "municipality",
        { en: "A region outside Japan", ja: "日本国外のリージョン" },
        { "aws:region": "us-east-1" },
      ),
      configMistake(
        "municipality",
        { en: "An inference profile that routes abroad", ja: "国外へ送る推論プロファイル" },
        { "bedrock-lz:inferenceProfileId": "apac.anthropic.claude-3-haiku-20240307-v1:0" },
      ),
      configMistake(
        "municipality",
        { en: "A public address range for the closed VPC", ja: "閉域 VPC のパブリックなアドレス範囲" },
        { "bedrock-lz:vpc": { cidrBlock: "8.8.0.0/16", availabilityZoneCount: 1 } },
      ),
      configMistake(
        "municipality",
        { en: "A VPC block with host bits set", ja: "ホスト部のビットが立った VPC のブロック" },
        { "bedrock-lz:vpc": { cidrBlock: "10.0.0.5/16", availabilityZoneCount: 1 } },
      ),
      configMistake(
        "municipality",
        { en: "A tag the program sets itself", ja: "プログラムが自分で付けるタグ" },
        { "bedrock-lz:tags": { Project: "ai-poc" } },
      ),
      configMistake(
        "operator",
        {
          en: "A Japanese tag in an operator whose Bedrock resources carry every tag",
          ja: "Bedrock のリソースにすべてのタグが付く事業者の日本語のタグ",
        },
        { "bedrock-lz:metering": { enabled: true }, "bedrock-lz:tags": { 部署: "情報政策課" } },
      ),
      configMistake(
        "operator",
        { en: "A municipality name with two hyphens in a row", ja: "ハイフンが 2 つ続く自治体の名前" },
        { "bedrock-lz:municipalities": { "sap--poro": { accountId: "222222222222" } } },
      ),
    ],
  },
  {
    title: { en: "Settings that contradict each other", ja: "互いに矛盾する設定" },
    when: { en: "Before any resource is declared.", ja: "リソースを 1 つも宣言する前。" },
    mistakes: [
      configMistake(
        "municipality",
        { en: "Both ways to the operator's role", ja: "事業者のロールへの 2 つの指定方法の両方" },
        { "bedrock-lz:operatorStack": "organization/bedrock-lz/operator" },
      ),
      configMistake(
        "municipality",
        { en: "A new VPC and an existing one", ja: "新しい VPC と既存の VPC の両方" },
        {
          "bedrock-lz:existingVpc": {
            vpcId: "vpc-0123456789abcdef0",
            subnetIds: ["subnet-0123456789abcdef0"],
            routeTableIds: ["rtb-0123456789abcdef0"],
          },
        },
      ),
      configMistake(
        "operator",
        { en: "Guardrail enforcement without a guardrail", ja: "Bedrock ガードレールのない強制" },
        { "bedrock-lz:guardrail": { enforceOnInvokeRoles: true } },
      ),
      configMistake(
        "municipality",
        {
          en: "More interface endpoints than the VPC's quota",
          ja: "VPC のクォータを超えるインターフェースエンドポイント",
        },
        { "bedrock-lz:quotas": { interfaceEndpointsPerVpc: 1 } },
      ),
    ],
  },
  {
    title: { en: "Stack files that disagree", ja: "食い違うスタックファイル" },
    when: {
      en: "`npm run plan` and `npm run deploy`, before anything runs (infra/config/cross-stack.ts); an error stops both, a warning is printed.",
      ja: "`npm run plan` と `npm run deploy` で、何かを実行する前(infra/config/cross-stack.ts)。エラーなら両方とも止まり、警告なら表示します。",
    },
    mistakes: [
      crossFileMistake(
        { en: "A municipality the operator does not list", ja: "事業者が登録していない自治体" },
        { municipality: { "bedrock-lz:municipalityName": "otaru" } },
      ),
      crossFileMistake(
        { en: "The two files in different regions", ja: "2 つのファイルのリージョンが違う" },
        { municipality: { "aws:region": "ap-northeast-3", "bedrock-lz:codeArtifact": { mirror: false } } },
      ),
      crossFileMistake(
        { en: "Different external ids, smoke test off", ja: "外部 ID の食い違い(スモークテストはオフ)" },
        { municipality: { "bedrock-lz:smokeTest": { externalId: "other-id" } } },
      ),
    ],
  },
  {
    title: { en: "Stack files YAML cannot read", ja: "YAML として読めないスタックファイル" },
    when: {
      en: "Every tool that reads stack files (`npm run plan`, `npm run matrix`, `npm run crossguard:smoke`).",
      ja: "スタックファイルを読むすべてのツール(`npm run plan`、`npm run matrix`、`npm run crossguard:smoke`)。",
    },
    mistakes: [
      yamlMistake(
        { en: "A key given twice", ja: "2 回書いたキー" },
        "config:\n  bedrock-lz:account: municipality\n  bedrock-lz:account: operator\n",
      ),
      yamlMistake({ en: "A tab as indentation", ja: "字下げのタブ" }, "config:\n\tbedrock-lz:account: municipality\n"),
      yamlMistake(
        { en: "A list that is not closed", ja: "閉じていないリスト" },
        "config:\n  bedrock-lz:organizations:\n    targetIds: [123456789012\n",
      ),
    ],
  },
  {
    title: { en: "Command lines", ja: "コマンドライン" },
    when: {
      en: "Every tool, before it does anything: the mistake and the usage, exit 2.",
      ja: "すべてのツールで、何かをする前。誤りと使い方を表示し、終了コード 2 で終わります。",
    },
    mistakes: [
      planArgumentMistake({ en: "An unknown flag", ja: "存在しないフラグ" }, ["--stak", "operator"]),
      planArgumentMistake({ en: "A flag without its value", ja: "値のないフラグ" }, ["--out"]),
      planArgumentMistake({ en: "A stray argument", ja: "余分な引数" }, ["Pulumi.operator.yaml"]),
      planArgumentMistake({ en: "A language the tools do not speak", ja: "ツールが話さない言語" }, ["--lang", "fr"]),
    ],
  },
  {
    title: { en: "An existing VPC that is not ready", ja: "準備のできていない既存の VPC" },
    when: {
      en: "`npm run preflight`, read-only, before the municipality stack deploys into an existing VPC.",
      ja: "`npm run preflight` で、自治体スタックを既存の VPC にデプロイする前(読み取りだけ)。",
    },
    mistakes: [
      preflightMistake(
        { en: "An internet gateway on the VPC", ja: "VPC のインターネットゲートウェイ" },
        { internetGatewayIds: ["igw-0a1b2c3d4e5f60789"] },
        "igw-0a1b2c3d4e5f60789 attached",
      ),
      preflightMistake(
        { en: "DNS hostnames off", ja: "DNS ホスト名がオフ" },
        { dnsHostnames: false },
        "enableDnsHostnames: false",
      ),
      preflightMistake(
        {
          en: "An endpoint the stack would create a second time",
          ja: "スタックが 2 つ目を作ることになるエンドポイント",
        },
        {
          endpoints: [
            {
              id: "vpce-0a1b2c3d4e5f60789",
              serviceName: "com.amazonaws.ap-northeast-1.sts",
              type: "Interface",
              privateDnsEnabled: true,
            },
          ],
        },
        "vpce-0a1b2c3d4e5f60789 com.amazonaws.ap-northeast-1.sts (private DNS)",
      ),
      preflightMistake(
        { en: "A subnet too full for the endpoints", ja: "エンドポイントが入らないほど埋まったサブネット" },
        { subnets: [{ id: "subnet-0a1b2c3d4e5f60789", availabilityZone: "ap-northeast-1a", freeIps: 3 }] },
        "subnet-0a1b2c3d4e5f60789: 3 free IP addresses",
      ),
    ],
  },
  {
    title: { en: "Usage reports", ja: "利用状況のレポート" },
    when: {
      en: "`npm run usage`, before or while it reads CloudWatch: exit 2, with what to do.",
      ja: "`npm run usage` で、CloudWatch を読む前か読むとき。終了コード 2 で、何をすればよいかを示します。",
    },
    mistakes: [
      usageMistake(
        { en: "Outputs written without --json", ja: "--json なしで書き出した出力" },
        ["--month", "2026-11", "--outputs", "operator-outputs.txt"],
        { "operator-outputs.txt": "Current stack outputs (1):\n    OUTPUT  VALUE\n" },
      ),
      usageMistake(
        { en: "A month not written YYYY-MM", ja: "YYYY-MM で書いていない月" },
        ["--month", "2026-1", "--outputs", "operator.json"],
        { "operator.json": OPERATOR_OUTPUTS },
      ),
      usageMistake(
        { en: "No AWS credentials", ja: "AWS の認証情報がない" },
        ["--month", "2026-11", "--outputs", "operator.json"],
        { "operator.json": OPERATOR_OUTPUTS, "Pulumi.operator.yaml": OPERATOR_FILE },
        { name: "CredentialsProviderError", message: "Could not load credentials from any providers" },
      ),
    ],
  },
  {
    title: { en: "Warnings the program logs", ja: "プログラムが出す警告" },
    when: {
      en: "`pulumi up` and `npm run plan`, for a valid file whose deployment is not finished or will not work yet.",
      ja: "`pulumi up` と `npm run plan` で、正しいファイルでもデプロイが終わっていないか、まだ動かないとき。",
    },
    mistakes: [
      warningOf(
        "operator",
        {
          en: "A municipality whose endpoints the operator does not know yet",
          ja: "事業者がまだエンドポイントを知らない自治体",
        },
        { "bedrock-lz:municipalities": { sapporo: { accountId: "222222222222" } } },
        /^Invoke role for sapporo is not locked/,
      ),
      warningOf(
        "municipality",
        {
          en: "The smoke test on without its setup endpoints",
          ja: "セットアップ用のエンドポイントなしのスモークテスト",
        },
        { "bedrock-lz:smokeTest": { enabled: true, externalId: "sapporo-bedrock-poc" } },
        /boot script will fail/,
      ),
    ],
  },
];

const PAGE = {
  en: {
    title: "# Mistakes the tools catch, and what they say",
    twin: "日本語: [mistakes.ja.md](mistakes.ja.md)",
    intro: [
      "Every kind of mistake the configuration and the tools catch, with an example of each and the message it",
      "gets, as the tools print it today: the examples are run through the same code when this page is generated",
      "(`npm run docs:config`, from `reference/mistakes.ts`), and a spec fails when the page is stale. With",
      "`--lang ja` or a Japanese locale every tool prints these messages in Japanese",
      "([mistakes.ja.md](mistakes.ja.md)). Keys, values and identifiers are the same in both languages.",
      "Configuration reference: [configuration.md](configuration.md).",
    ].join("\n"),
    header: ["| mistake | written | message |", "|---|---|---|"],
  },
  ja: {
    title: "# ツールが見つける誤りと、そのメッセージ",
    twin: "English: [mistakes.md](mistakes.md)",
    intro: [
      "設定とツールが見つける誤りの種類ごとに、例とそのメッセージを、ツールが今表示するとおりに示します。このページを",
      "生成するとき(`npm run docs:config`、`reference/mistakes.ts`)に例を同じコードで実行しており、ページが古くなると",
      "spec が失敗します。`--lang ja` か日本語のロケールでは、どのツールもこのとおり日本語で表示します。キー、値、識別子は",
      "どちらの言語でも同じです([mistakes.md](mistakes.md))。設定の一覧は [configuration.ja.md](configuration.ja.md) にあります。",
    ].join("\n"),
    header: ["| 誤り | 書いたもの | メッセージ |", "|---|---|---|"],
  },
} as const;

/** One table cell: pipes escaped, lines joined with `<br>`, code in backticks. */
function cell(text: string, code = false): string {
  const escaped = text.replace(/\|/g, "\\|");
  return escaped
    .split("\n")
    .map((line) => (code && line.trim() !== "" ? `\`${line.replace(/`/g, "'")}\`` : line))
    .filter((line, index, all) => line.trim() !== "" || (index > 0 && index < all.length - 1 && !code))
    .join("<br>");
}

/** The whole page in a language. */
export async function renderMistakes(lang: Lang): Promise<string> {
  const page = PAGE[lang];
  const parts: string[] = [page.title, "", page.twin, "", page.intro];
  for (const kind of MISTAKES) {
    parts.push("", `## ${kind.title[lang]}`, "", kind.when[lang], "", ...page.header);
    for (const mistake of kind.mistakes) {
      const said = await mistake.said(lang);
      parts.push(`| ${mistake.what[lang]} | ${cell(mistake.wrote, true)} | ${cell(said.join("\n"))} |`);
    }
  }
  return `${parts.join("\n")}\n`;
}

export const MISTAKES_DOCS: Readonly<Record<Lang, string>> = {
  en: join(__dirname, "..", "docs", "mistakes.md"),
  ja: join(__dirname, "..", "docs", "mistakes.ja.md"),
};
