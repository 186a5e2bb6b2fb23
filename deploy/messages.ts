/**
 * What `npm run deploy` says, in English and Japanese (infra/messages.ts): its usage, each step as
 * it starts, why it stopped and what to do. Stack names, config keys, commands and the Pulumi
 * CLI's own output (streamed as it is) stay verbatim.
 */
import { defineMessages } from "../infra/messages";

const SYNOPSIS = `usage: npm run deploy -- --operator-stack <stack> --municipality-stack <stack> [--preview] [--cwd <dir>]
         [--policy-pack <dir>] [--operator-aws-profile <profile>] [--municipality-aws-profile <profile>] [--lang en|ja]`;

type Verb = "up" | "preview";

export const DEPLOY_MESSAGES = defineMessages("deploy", {
  en: {
    usage: `${SYNOPSIS}

  --operator-stack <stack>       the operator (事業者) stack, as \`pulumi stack ls\` names it
  --municipality-stack <stack>   the municipality (自治体) stack
  --preview                      preview every step instead of running it (config is left as it was)
  --cwd <dir>                    the Pulumi project directory (default .)
  --policy-pack <dir>            CrossGuard pack run on every step (default crossguard, relative to --cwd)
  --operator-aws-profile <p>     AWS_PROFILE for the operator stack's steps (default: the shell's credentials)
  --municipality-aws-profile <p> AWS_PROFILE for the municipality stack's steps
  --lang en|ja                   the language of these lines (default: the locale, LC_ALL/LC_MESSAGES/LANG);
                                 the Pulumi CLI's own output is shown as it comes
  --help                         this text

Needs the Pulumi CLI (https://www.pulumi.com/docs/install/), logged in to the stacks' backend.
exit: 0 done, 1 a step failed (named, with what to do), 2 bad arguments`,
    installPulumi:
      "The Pulumi CLI is not installed or not on PATH: install it (https://www.pulumi.com/docs/install/), " +
      "check with `pulumi version`, then `pulumi login` to the stacks' backend.",
    checkStackName: "Check the stack name (`pulumi stack ls`) and that `pulumi login` points at its backend.",
    selectingStack: "Selecting the stack",
    bothStacksRequired: "--operator-stack and --municipality-stack are both required",
    noPulumiYaml: (f: { cwd: string }) =>
      `--cwd ${f.cwd}: no Pulumi.yaml there; run from the project directory or point --cwd at it`,
    noPolicyPack: (f: { dir: string }) => `warning: no policy pack at ${f.dir}; running without one`,
    done: (f: { verb: Verb; operator: string; municipality: string; locked: boolean }) =>
      f.locked
        ? `Done: ${f.verb} of ${f.operator} → ${f.municipality} → ${f.operator} (locked).`
        : `Done: ${f.verb} of ${f.operator} → ${f.municipality}; the lock step waits for the municipality's first up.`,
    failed: (f: { step: string; stack?: string; cause: string; advice: string }) =>
      `${f.step}${f.stack === undefined ? "" : ` (stack "${f.stack}")`} failed: ${f.cause}\n` +
      `Nothing after this step ran. ${f.advice}`,
    rerun: "Fix the cause and run the same command again: every step is idempotent.",
    checkingConfig: "Checking both stacks' config",
    fixStackFile: (f: { stack: string }) =>
      `Fix Pulumi.${f.stack}.yaml (each line above names the key), then run the same command again.`,
    accountIs: (f: { account: string }) => `bedrock-lz:account is "${f.account}"`,
    passOperator: "Pass the operator (事業者) stack as --operator-stack.",
    passMunicipality: "Pass the municipality (自治体) stack as --municipality-stack.",
    crossWarning: (f: { message: string; keys: string }) => `warning: ${f.message} [${f.keys}]`,
    crossErrors: (f: { problems: readonly string[] }) => f.problems.map((p) => `\n  - ${p}`).join(""),
    crossError: (f: { message: string; keys: string }) => `${f.message} [${f.keys}]`,
    mustAgree: "Both stacks must agree, or every call is denied after a successful deploy. Align the keys named above.",
    stepRun: (f: { step: 1 | 2; who: "operator" | "municipality"; verb: Verb }) =>
      `Step ${f.step}/3: ${f.who} ${f.verb}`,
    stepReadIds: "Step 3/3: reading endpoint ids",
    stepReadProfile: "Step 2/3: reading the operator's application profile for the municipality",
    stepLock: (f: { verb: Verb }) => `Step 3/3: operator refresh + ${f.verb} with the endpoint lock`,
    stepStarts: (f: { step: string; stack: string }) => `==> ${f.step} (stack "${f.stack}")`,
    readsFromStack: (f: { stack: string }) =>
      `    the operator reads the endpoint ids from stack ${f.stack}; no config change needed`,
    noEndpointIdsYet: (f: { stack: string; output: string }) =>
      `    stack "${f.stack}" has no ${f.output} output yet (never deployed): the lock is previewed after its first up`,
    noBedrockEndpointId: (f: { output: string; has?: string }) =>
      `output ${f.output} has no bedrock-runtime endpoint (it has: ${f.has ?? "nothing"})`,
    enableBedrockEndpoint: (f: { stack: string }) =>
      `Enable the bedrock-runtime endpoint in Pulumi.${f.stack}.yaml (bedrock-lz:endpoints). ` +
      "Fix the cause and run the same command again: every step is idempotent.",
    settingConfig: (f: { verb: Verb; path: string; value: string }) =>
      `    ${f.verb === "up" ? "setting" : "previewing with"} ${f.path} = ${f.value}`,
  },
  ja: {
    usage: `${SYNOPSIS.replace(/^usage: /, "使い方: ")}

  --operator-stack <stack>       事業者のスタック(\`pulumi stack ls\` が示す名前)
  --municipality-stack <stack>   自治体のスタック
  --preview                      各手順を実行せずにプレビューします(設定は元のままにします)
  --cwd <dir>                    Pulumi のプロジェクトのディレクトリ(既定は .)
  --policy-pack <dir>            各手順で実行する CrossGuard のポリシーパック(既定は crossguard。--cwd からの相対パス)
  --operator-aws-profile <p>     事業者スタックの手順で使う AWS_PROFILE(既定はシェルの認証情報)
  --municipality-aws-profile <p> 自治体スタックの手順で使う AWS_PROFILE
  --lang en|ja                   これらの行の言語(既定はロケール: LC_ALL/LC_MESSAGES/LANG)。Pulumi CLI 自身の
                                 出力はそのまま表示します
  --help                         この説明

Pulumi CLI(https://www.pulumi.com/docs/install/)が必要で、スタックの state バックエンドにログインしておきます。
終了コード: 0 完了、1 手順が失敗(どの手順か、何をすればよいかを表示)、2 引数の誤り`,
    installPulumi:
      "Pulumi CLI がインストールされていないか、PATH にありません。インストールして(https://www.pulumi.com/docs/install/)" +
      "`pulumi version` で確かめ、スタックの state バックエンドに `pulumi login` してください。",
    checkStackName:
      "スタック名(`pulumi stack ls`)と、`pulumi login` がその state バックエンドを指しているかを確認してください。",
    selectingStack: "スタックの選択",
    bothStacksRequired: "--operator-stack と --municipality-stack の両方が必要です",
    noPulumiYaml: (f) =>
      `--cwd ${f.cwd}: そこに Pulumi.yaml がありません。プロジェクトのディレクトリで実行するか、--cwd でそこを指定してください`,
    noPolicyPack: (f) => `警告: ${f.dir} にポリシーパックがありません。ポリシーパックなしで実行します`,
    done: (f) =>
      f.locked
        ? `完了: ${f.operator} → ${f.municipality} → ${f.operator} の ${f.verb}(ロック済み)。`
        : `完了: ${f.operator} → ${f.municipality} の ${f.verb}。ロックの手順は自治体の最初の up の後に行います。`,
    failed: (f) =>
      `${f.step}${f.stack === undefined ? "" : `(スタック "${f.stack}")`}に失敗しました: ${f.cause}\n` +
      `この手順より後は実行していません。${f.advice}`,
    rerun: "原因を直して、同じコマンドをもう一度実行してください。どの手順も冪等です。",
    checkingConfig: "両方のスタックの設定の確認",
    fixStackFile: (f) =>
      `Pulumi.${f.stack}.yaml を直して(上の各行がキーを示します)、同じコマンドをもう一度実行してください。`,
    accountIs: (f) => `bedrock-lz:account が "${f.account}" です`,
    passOperator: "事業者のスタックを --operator-stack に指定してください。",
    passMunicipality: "自治体のスタックを --municipality-stack に指定してください。",
    crossWarning: (f) => `警告: ${f.message} [${f.keys}]`,
    crossErrors: (f) => f.problems.map((p) => `\n  - ${p}`).join(""),
    crossError: (f) => `${f.message} [${f.keys}]`,
    mustAgree:
      "両方のスタックの設定が一致しないと、デプロイに成功してもすべての呼び出しが拒否されます。上に示したキーを揃えてください。",
    stepRun: (f) => `手順 ${f.step}/3: ${f.who === "operator" ? "事業者" : "自治体"}の ${f.verb}`,
    stepReadIds: "手順 3/3: エンドポイント ID の読み取り",
    stepReadProfile: "手順 2/3: 自治体向けの事業者のアプリケーション推論プロファイルの読み取り",
    stepLock: (f) => `手順 3/3: ロックを付けた事業者の refresh と ${f.verb}`,
    stepStarts: (f) => `==> ${f.step}(スタック "${f.stack}")`,
    readsFromStack: (f) => `    事業者はスタック ${f.stack} からエンドポイント ID を読みます。設定の変更は不要です`,
    noEndpointIdsYet: (f) =>
      `    スタック "${f.stack}" にはまだ出力 ${f.output} がありません(未デプロイ)。ロックのプレビューはその最初の up の後です`,
    noBedrockEndpointId: (f) =>
      `出力 ${f.output} に bedrock-runtime エンドポイントがありません(あるもの: ${f.has ?? "なし"})`,
    enableBedrockEndpoint: (f) =>
      `Pulumi.${f.stack}.yaml で bedrock-runtime エンドポイントを有効にしてください(bedrock-lz:endpoints)。` +
      "原因を直して、同じコマンドをもう一度実行してください。どの手順も冪等です。",
    settingConfig: (f) => `    ${f.path} = ${f.value} を${f.verb === "up" ? "設定します" : "設定してプレビューします"}`,
  },
});
