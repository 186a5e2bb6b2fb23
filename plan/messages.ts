/**
 * Everything `npm run plan` says to the person at the terminal, in English and Japanese: the
 * one-screen summary, the verdict, the plan's own notes (`plan: …`) and the warning and failure
 * lines. Both sets live here and `ja` is typed as `typeof en`, so a message added in one language
 * only is a type error. Config keys, resource and stack names, AWS actions, file paths and numbers
 * stay verbatim; the Japanese uses docs/glossary.md's terms (tests/plan/messages.spec.ts checks).
 *
 * `plan.json` and `plan.md` are artefacts for reviewers and scripts: they are always English. What
 * the plan quotes from elsewhere (a config error, a cross-file problem, a warning the program logs
 * with `pulumi.log.warn`) is said in the reader's language by its own catalogue (infra/messages.ts).
 */
import { type Lang, inLanguage } from "../infra/messages";
import { OPERATOR_PROFILE_ARN_KEY, OPERATOR_ROLE_ARN_KEY, OPERATOR_STACK_KEY } from "./wiring";

/** One stack's line of the summary. */
export interface StackLineFacts {
  readonly name: string;
  /** Already in the reader's language (see `accounts`). */
  readonly account: string;
  readonly accountId: string;
  readonly region: string;
  readonly resources: number;
  readonly documents: number;
  /** The formatted monthly cost, e.g. `$20.44 (unverified prices)`. */
  readonly cost: string;
  readonly warnings: number;
}

/** The access matrix's verdict over every operator–municipality pair. */
export interface VerdictFacts {
  readonly proved: boolean;
  readonly scenarios: number;
  readonly pairs: number;
  readonly mismatches: number;
  readonly notApplicable: number;
  readonly unpaired: number;
}

/** What the summary says of one pair's clients in one phase. */
export interface PhaseClientsFacts {
  readonly municipality: string;
  readonly operator: string;
  readonly allowed: boolean;
  readonly denied: readonly { readonly id: string; readonly deniedBy: readonly string[] }[];
}

/** `C02, C03: identity` — the denied scenarios grouped by the layers that denied them. */
function deniedText(f: PhaseClientsFacts): string {
  const byLayers = new Map<string, string[]>();
  for (const { id, deniedBy } of f.denied) {
    const layers = deniedBy.join(", ");
    byLayers.set(layers, [...(byLayers.get(layers) ?? []), id]);
  }
  return [...byLayers].map(([layers, ids]) => `${ids.join(", ")}: ${layers}`).join("; ");
}

const en = {
  accounts: { operator: "operator", municipality: "municipality" },
  brief: {
    heading: "bedrock-lz plan (end state after the deploy order; --full for the whole report)",
    stack: (f: StackLineFacts) =>
      `${f.name} (${f.account} ${f.accountId}, ${f.region}): ${f.resources} resources, ` +
      `${f.documents} IAM documents, ${f.cost} / month fixed, ${f.warnings} warnings`,
    phasesHeading: "Deploy phases:",
    /** Also the `title` of each phase in plan.json (plan/phases.ts). */
    phaseTitles: {
      operator: "operator up: one invoke role per municipality, not locked yet",
      municipalities: "municipalities up: closed VPC, endpoints, client role",
      handover: "municipalities up again: the operator's application profile handed over",
      locked: "operator up again: each invoke role locked to its municipality's endpoints",
    },
    /** One pair's clients in a phase (plan.json `phases[].clients`); scenario ids and layers stay verbatim. */
    clients: (f: PhaseClientsFacts) =>
      `clients of ${f.municipality} (via ${f.operator}): ` +
      (f.allowed ? "their call is allowed" : `DENIED in this phase (${deniedText(f)})`),
    documentsCreated: (n: number) => `${n} documents created`,
    documentsRemoved: (n: number) => `${n} documents removed`,
    noDocumentChanges: "no document changes",
    unverifiedPrices: "unverified prices",
    notPriced: (n: number) => `${n} resources not priced`,
  },
  verdict: (f: VerdictFacts) =>
    f.pairs === 0
      ? `access matrix: NOT EVALUATED: no operator–municipality pair in the files given (${f.unpaired} stacks unpaired, ` +
        `reasons above); plan an operator's file together with the files of the municipalities it lists`
      : `access matrix: ${f.proved ? "PROVED" : "NOT PROVED"}: ${f.scenarios} scenarios over ${f.pairs} ` +
        `operator–municipality pairs, ${f.mismatches} mismatches` +
        (f.notApplicable > 0 ? `, ${f.notApplicable} not applicable` : "") +
        (f.unpaired > 0 ? `, ${f.unpaired} stacks unpaired` : ""),
  /** `disagreements` are crossStackProblems messages (infra/config/cross-stack.ts), quoted as they are. */
  mismatch: (pair: string, ids: readonly string[], disagreements: readonly string[]) =>
    `${pair}: ${ids.length} verdicts differ (${ids.join(", ")})` +
    (disagreements.length > 0 ? `; the stack files disagree: ${disagreements.join("; ")}` : ""),
  cli: {
    warningHeading: "plan: warning:",
    keys: (keys: readonly string[]) => `keys: ${keys.join(", ")}`,
    contradiction: "the stack files contradict each other:",
    noSuchStack: (stack: string, loaded: readonly string[]) =>
      `--stack ${stack}: no such stack; loaded: ${loaded.join(", ")}`,
    alreadyLoaded: (file: string, stack: string, first: string) =>
      `${file}: stack "${stack}" is already loaded from ${first}`,
    operatorStackMissing: (file: string, reference: string) =>
      `${file}: ${OPERATOR_STACK_KEY} is "${reference}", a stack this plan does not have. ` +
      `Add its config (--config Pulumi.<stack>.yaml), or set ${OPERATOR_ROLE_ARN_KEY} instead.`,
    /** `message` is the program's or the config's own, quoted as it is. */
    stackFailed: (stack: string, file: string, message: string) => `stack ${stack} (${file}): ${message}`,
    /** `reason` is proof.ts's English sentence, quoted as it is. */
    notEvaluated: (reason: string) => `  - not evaluated: ${reason}`,
    wrote: (n: number, dir: string) => `plan: wrote ${n} files to ${dir}`,
    failed: (message: string) => `plan failed: ${message}`,
    outNotADirectory: (out: string, code: string) =>
      `--out ${out}: cannot be the directory the plan writes to (${code}); give a new or an existing directory`,
    mismatchesFailed: (n: number) =>
      `plan failed: ${n} access-matrix verdicts differ from the expected ones (plan.md or --full has the table)`,
  },
  /** What the plan assumed, added to a stack's warnings (and its phases' notes in plan.json). */
  notes: {
    stackNotInPlan: (f: { reference: string }) =>
      `plan: stack ${f.reference} is not in this plan; it was treated as having no outputs yet`,
    explicitEndpointIds: (f: { name: string; stack: string }) =>
      `plan: municipalities.${f.name} gives its endpoint ids explicitly; the plan takes them as the endpoints ` +
      `of stack ${f.stack} (it cannot compare them with the ids AWS assigned)`,
    impliedLock: (f: { file: string; name: string; stack: string }) =>
      `plan: ${f.file} does not lock ${f.name} yet; the end state locks it through stack ${f.stack}'s endpoints ` +
      `(deploy step 3: set municipalities.${f.name}.municipalityStack, or its endpoint ids)`,
    impliedLockByIds: (f: { file: string; name: string; stack: string }) =>
      `plan: ${f.file} does not lock ${f.name} yet; the end state copies stack ${f.stack}'s endpoint ids into ` +
      `municipalities.${f.name}.bedrockRuntimeEndpointId / stsEndpointId (deploy step 3 with separate backends; ` +
      `the ids are the plan's placeholders for those AWS assigns)`,
    profileHandedOver: (f: { name: string; value: string }) =>
      `plan: hand-over after the operator's step 1: ${OPERATOR_PROFILE_ARN_KEY} set to its output ` +
      `inferenceProfileArns.${f.name}, ${f.value}, a placeholder for the ARN Bedrock assigns. Until the real one is ` +
      `there, clients pass the bare jp. profile as modelId and the invoke role denies them`,
    profileBound: (f: { name: string; file: string; value: string }) =>
      `plan: the application profile for ${f.name} is taken to be ${f.value}, as ${f.file} gives it ` +
      `(${OPERATOR_PROFILE_ARN_KEY}); the plan cannot compare it with the ARN Bedrock assigned`,
    noMunicipalityStack: (f: { name: string }) =>
      `plan: no stack for municipality ${f.name} in this plan; its invoke role stays unlocked`,
    noOperatorExport: (f: { name: string }) =>
      `plan: no operator stack in this plan exports an invoke role for municipality ` +
      `"${f.name}"; ${OPERATOR_ROLE_ARN_KEY} is used as given. Check that the ` +
      `operator lists this municipality in bedrock-lz:municipalities, or its role will not trust this client role`,
  },
};

export type PlanMessages = typeof en;

const ja: PlanMessages = {
  accounts: { operator: "事業者", municipality: "自治体" },
  brief: {
    heading: "bedrock-lz オフライン計画(デプロイ順序を終えた最終状態。レポート全体は --full)",
    stack: (f) =>
      `${f.name}(${f.account} ${f.accountId}、${f.region}): リソース ${f.resources}、` +
      `IAM ドキュメント ${f.documents}、月額固定費 ${f.cost}、警告 ${f.warnings}`,
    phasesHeading: "デプロイ段階:",
    phaseTitles: {
      operator: "事業者の up: 自治体ごとに呼び出しロールを 1 つ作成(まだロックしない)",
      municipalities: "自治体の up: 閉域 VPC、エンドポイント、クライアントロール",
      handover: "自治体の 2 回目の up: 事業者のアプリケーション推論プロファイルを受け渡し",
      locked: "事業者の 2 回目の up: 各呼び出しロールをその自治体のエンドポイントにロック",
    },
    clients: (f) =>
      `${f.municipality} のクライアント(${f.operator} 経由): ` +
      (f.allowed ? "呼び出しは許可されます" : `この段階では拒否されます(${deniedText(f)})`),
    documentsCreated: (n) => `${n} 個のドキュメントを作成`,
    documentsRemoved: (n) => `${n} 個のドキュメントを削除`,
    noDocumentChanges: "ドキュメントの変更なし",
    unverifiedPrices: "未確認の価格を含む",
    notPriced: (n) => `${n} 個のリソースは価格なし`,
  },
  verdict: (f) =>
    f.pairs === 0
      ? `アクセス行列: 評価していません (NOT EVALUATED): 指定したファイルに事業者と自治体の組がありません` +
        `(組にならないスタック ${f.unpaired} 個、理由は上記)。事業者のファイルと、それが登録する自治体のファイルを一緒に計画してください`
      : `アクセス行列: ${f.proved ? "証明済み (PROVED)" : "未証明 (NOT PROVED)"}: 事業者と自治体の ${f.pairs} 組で ` +
        `${f.scenarios} シナリオ、不一致 ${f.mismatches} 件` +
        (f.notApplicable > 0 ? `、対象外 ${f.notApplicable} 件` : "") +
        (f.unpaired > 0 ? `、組にならないスタック ${f.unpaired} 個` : ""),
  mismatch: (pair, ids, disagreements) =>
    `${pair}: ${ids.length} 件の判定が期待と異なります(${ids.join(", ")})` +
    (disagreements.length > 0 ? `。スタックファイルの食い違い: ${disagreements.join("; ")}` : ""),
  cli: {
    warningHeading: "plan: 警告:",
    keys: (keys) => `キー: ${keys.join(", ")}`,
    contradiction: "スタックファイルどうしが矛盾しています:",
    noSuchStack: (stack, loaded) =>
      `--stack ${stack}: そのスタックはありません。読み込んだスタック: ${loaded.join(", ")}`,
    alreadyLoaded: (file, stack, first) => `${file}: スタック "${stack}" は ${first} から読み込み済みです`,
    operatorStackMissing: (file, reference) =>
      `${file}: ${OPERATOR_STACK_KEY} は "${reference}" ですが、この計画にそのスタックはありません。` +
      `そのスタックファイルを加える(--config Pulumi.<stack>.yaml)か、代わりに ${OPERATOR_ROLE_ARN_KEY} を設定してください。`,
    stackFailed: (stack, file, message) => `スタック ${stack}(${file}): ${message}`,
    notEvaluated: (reason) => `  - 評価していません: ${reason}`,
    wrote: (n, dir) => `plan: ${n} 個のファイルを ${dir} に書き出しました`,
    failed: (message) => `plan: 失敗しました: ${message}`,
    outNotADirectory: (out, code) =>
      `--out ${out}: 計画を書き出すディレクトリにできません(${code})。新しいディレクトリか、既にあるディレクトリを指定してください`,
    mismatchesFailed: (n) =>
      `plan: 失敗しました: アクセス行列の判定 ${n} 件が期待と異なります(表は plan.md または --full の出力にあります)`,
  },
  notes: {
    stackNotInPlan: (f) => `plan: スタック ${f.reference} はこの計画にありません。出力がまだないものとして扱いました`,
    explicitEndpointIds: (f) =>
      `plan: municipalities.${f.name} はエンドポイント ID を直接指定しています。計画はそれをスタック ${f.stack} の` +
      `エンドポイントとみなします(AWS が割り当てた ID とは比べられません)`,
    impliedLock: (f) =>
      `plan: ${f.file} はまだ ${f.name} をロックしていません。最終状態ではスタック ${f.stack} のエンドポイントで` +
      `ロックします(手順 3: municipalities.${f.name}.municipalityStack か、そのエンドポイント ID を設定します)`,
    impliedLockByIds: (f) =>
      `plan: ${f.file} はまだ ${f.name} をロックしていません。最終状態ではスタック ${f.stack} のエンドポイント ID を ` +
      `municipalities.${f.name}.bedrockRuntimeEndpointId / stsEndpointId に写します(別々のバックエンドでの手順 3。` +
      `ID は AWS が割り当てる ID の代わりに計画が置いたプレースホルダーです)`,
    profileHandedOver: (f) =>
      `plan: 事業者の手順 1 の後の受け渡し: ${OPERATOR_PROFILE_ARN_KEY} に事業者の出力 inferenceProfileArns.${f.name} ` +
      `(${f.value}) を設定しました。これは Bedrock が割り当てる ARN の代わりのプレースホルダーです。本物の ARN を` +
      `設定するまで、クライアントは modelId に素の jp. プロファイルを渡し、呼び出しロールに拒否されます`,
    profileBound: (f) =>
      `plan: ${f.name} のアプリケーション推論プロファイルは、${f.file} が指定するとおり ${f.value} とみなしました` +
      `(${OPERATOR_PROFILE_ARN_KEY})。Bedrock が割り当てた ARN とは比べられません`,
    noMunicipalityStack: (f) =>
      `plan: 自治体 ${f.name} のスタックがこの計画にありません。その呼び出しロールはロックされないままです`,
    noOperatorExport: (f) =>
      `plan: 自治体 "${f.name}" の呼び出しロールを出力する事業者スタックがこの計画にありません。` +
      `${OPERATOR_ROLE_ARN_KEY} を設定どおりに使います。事業者が bedrock-lz:municipalities にこの自治体を` +
      `登録しているか確認してください。登録がなければ、その呼び出しロールはこのクライアントロールを信頼しません`,
  },
};

export const PLAN_MESSAGES: Readonly<Record<Lang, PlanMessages>> = { en, ja };

/** The language a catalogue of {@link PLAN_MESSAGES} speaks. */
export function langOfMessages(messages: PlanMessages): Lang {
  return messages === ja ? "ja" : "en";
}

type Notes = PlanMessages["notes"];
export type NoteKey = keyof Notes;

/**
 * A note the plan adds about what it assumed: kept as its key and facts, so the terminal can say
 * it in the reader's language while plan.json keeps the English text ({@link noteText}).
 */
export type PlanNote = { [K in NoteKey]: { readonly key: K; readonly facts: Parameters<Notes[K]>[0] } }[NoteKey];

export function planNote<K extends NoteKey>(key: K, facts: Parameters<Notes[K]>[0]): PlanNote {
  return { key, facts } as PlanNote;
}

export function noteText(note: PlanNote, messages: PlanMessages = en): string {
  return (messages.notes[note.key] as (facts: PlanNote["facts"]) => string)(note.facts);
}

/** Text in the reader's language: the plan's own, or a message it quotes (said by its own catalogue). */
export type Localised = string | ((messages: PlanMessages) => string);

export function localise(text: Localised, messages: PlanMessages = en): string {
  return typeof text === "string" ? inLanguage(text, langOfMessages(messages)) : text(messages);
}
