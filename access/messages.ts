/**
 * What `npm run matrix` says to the person at the terminal, in English and Japanese
 * (infra/messages.ts). The matrix tables themselves (`--full`, a mismatch's rows) are the same
 * artefact docs/security.md shows and stay English, as plan.md does; scenario ids, pair labels,
 * file names and counts are verbatim in both languages.
 */
import { defineMessages } from "../infra/messages";

const SYNOPSIS = "usage: npm run matrix -- [--config <Pulumi.<stack>.yaml>]... [--full] [--write-docs] [--lang en|ja]";

export const MATRIX_MESSAGES = defineMessages("matrix", {
  en: {
    usage: `${SYNOPSIS}

  --config <file>   a stack config file; repeat for several. Default: every Pulumi.<stack>.yaml
                    beside Pulumi.yaml. Every operator–municipality pair among them is evaluated
  --full            print every pair's whole table (default: each pair's count and any mismatch)
  --write-docs      also rewrite the access-matrix table in docs/security.md, from the reference
                    pair in tests/fixtures/ (not from --config)
  --lang en|ja      the language of these lines (default: the locale, LC_ALL/LC_MESSAGES/LANG);
                    the tables are always English, as in docs/security.md
  --help            this text

exit: 0 every verdict as expected, 1 a verdict differs, 2 bad arguments, stack files that
contradict each other, no pair to evaluate, or the programs failed`,
    pair: (f: { pair: string; scenarios: number; mismatches: number }) =>
      `${f.pair}: ${f.scenarios} scenarios, ${f.mismatches} mismatches`,
    total: (f: { scenarios: number; pairs: number; mismatches: number; millis: number }) =>
      `${f.scenarios} scenarios over ${f.pairs} pairs, ${f.mismatches} mismatches; ${f.millis} ms`,
    updated: (f: { file: string }) => `updated ${f.file}`,
    contradiction: (f: { problems: readonly string[] }) =>
      `the stack files contradict each other:\n${f.problems.join("\n")}`,
    problem: (f: { message: string; keys: string }) => `  - ${f.message}\n    keys: ${f.keys}`,
    noPair: (f: { files: string }) =>
      `no operator–municipality pair in ${f.files}: give an operator's file and the file of a municipality it lists`,
    failed: (f: { message: string }) => `matrix failed: ${f.message}`,
  },
  ja: {
    usage: `${SYNOPSIS.replace(/^usage: /, "使い方: ")}

  --config <file>   スタックファイル。複数なら繰り返します。既定は Pulumi.yaml の隣にあるすべての
                    Pulumi.<stack>.yaml。その中の事業者と自治体の組をすべて評価します
  --full            組ごとの表全体を表示します(既定は組ごとの件数と、期待と異なる判定だけ)
  --write-docs      docs/security.md のアクセス行列の表も、tests/fixtures/ の参照用の組から書き直します
                    (--config のファイルからではありません)
  --lang en|ja      これらの行の言語(既定はロケール: LC_ALL/LC_MESSAGES/LANG)。表は docs/security.md と
                    同じく常に英語です
  --help            この説明

終了コード: 0 すべての判定が期待どおり、1 期待と異なる判定がある、2 引数の誤り、スタックファイルどうしの
矛盾、評価する組がない、またはプログラムの失敗`,
    pair: (f) => `${f.pair}: シナリオ ${f.scenarios}、不一致 ${f.mismatches} 件`,
    total: (f) => `事業者と自治体の ${f.pairs} 組でシナリオ ${f.scenarios}、不一致 ${f.mismatches} 件。${f.millis} ms`,
    updated: (f) => `${f.file} を更新しました`,
    contradiction: (f) => `スタックファイルどうしが矛盾しています:\n${f.problems.join("\n")}`,
    problem: (f) => `  - ${f.message}\n    キー: ${f.keys}`,
    noPair: (f) =>
      `${f.files} には事業者と自治体の組がありません。事業者のファイルと、それが登録する自治体のファイルを指定してください`,
    failed: (f) => `matrix: 失敗しました: ${f.message}`,
  },
});
