/** Command line of `npm run plan`, parsed with node:util `parseArgs`. */
import { langArgument, parseCommandLine } from "../harness/cli";
import type { Lang } from "../harness/lang";
import { projectStackFiles } from "../harness/stack-file";

const SYNOPSIS =
  "usage: npm run plan -- [--stack <name>] [--config <Pulumi.<stack>.yaml>]... [--out <dir>] [--full] [--lang en|ja] [--verbose]";

export const USAGE = {
  en: `${SYNOPSIS}

  --stack <name>    report only this stack (every loaded stack is still evaluated: wiring needs them)
  --config <file>   a stack config file; repeat for several. Default: every
                    Pulumi.<stack>.yaml beside Pulumi.yaml
  --out <dir>       also write <dir>/plan.json, <dir>/plan.md, the end-state documents
                    <dir>/policies/<stack>/<resource>.json and each deploy phase's under
                    <dir>/phases/<step>-<phase>/policies/
  --full            print the whole report (plan.md) instead of the one-screen summary
  --lang en|ja      the language of the summary, warnings and failure lines (default: ja when
                    LC_ALL, LC_MESSAGES or LANG, the first set, is a ja locale; else en).
                    plan.md and plan.json are always English
  --verbose         show stack traces on failure
  --help            this text`,
  ja: `${SYNOPSIS.replace(/^usage: /, "使い方: ")}

  --stack <name>    このスタックだけを報告します(配線のため、読み込んだスタックはすべて評価します)
  --config <file>   スタックファイル。複数なら繰り返します。既定は Pulumi.yaml の隣にあるすべての
                    Pulumi.<stack>.yaml
  --out <dir>       <dir>/plan.json、<dir>/plan.md、最終状態のポリシー文書
                    <dir>/policies/<stack>/<resource>.json と、デプロイ段階ごとの文書
                    <dir>/phases/<step>-<phase>/policies/ も書き出します
  --full            1 画面の要約ではなく、レポート全体(plan.md)を表示します
  --lang en|ja      要約、警告、失敗の行の言語(既定: LC_ALL、LC_MESSAGES、LANG のうち最初に設定
                    されているものが ja のロケールなら ja、それ以外は en)。plan.md と plan.json は
                    常に英語です
  --verbose         失敗したときにスタックトレースも表示します
  --help            この説明`,
};

export interface PlanArgs {
  readonly stack?: string;
  readonly configFiles: readonly string[];
  readonly out?: string;
  readonly verbose: boolean;
  readonly full: boolean;
  /** Unset: the locale decides (harness/lang.ts `langOf`). */
  readonly lang?: Lang;
}

/** Throws a UsageError (harness/cli.ts) on an unknown option, a missing value or a stray argument. */
export function parsePlanArgs(argv: readonly string[]): PlanArgs {
  const values = parseCommandLine(argv, {
    stack: { type: "string" },
    config: { type: "string", multiple: true },
    out: { type: "string" },
    verbose: { type: "boolean", default: false },
    full: { type: "boolean", default: false },
    lang: { type: "string" },
  });
  const lang = langArgument(values.lang);
  return {
    stack: values.stack,
    configFiles: values.config && values.config.length > 0 ? values.config : projectStackFiles(),
    out: values.out,
    verbose: values.verbose ?? false,
    full: values.full ?? false,
    lang,
  };
}
