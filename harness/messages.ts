/**
 * What every tool says about its command line and the stack files it reads, in English and
 * Japanese (infra/messages.ts): an unknown flag, a missing value, a file that is not there, YAML
 * that does not parse. Flags, file names and the YAML excerpt stay verbatim in both languages.
 */
import { defineMessages } from "../infra/messages";

/** The YAML library's error codes (yaml `YAMLParseError.code`) this repository's users meet, in Japanese. */
const YAML_CODES_JA: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: "同じキーが 2 回あります",
  BAD_INDENT: "字下げが揃っていないか、[ ] や { } が閉じていません",
  TAB_AS_INDENT: "字下げにタブは使えません。空白にしてください",
  BLOCK_AS_IMPLICIT_KEY: "1 行に「キー: 値」を 2 つは書けません",
  MISSING_CHAR: "引用符か括弧が閉じていません",
  MULTILINE_IMPLICIT_KEY: "キーは 1 行に書きます",
  UNEXPECTED_TOKEN: "ここに置けない文字があります",
  BAD_SCALAR_START: "値の始まりに使えない文字があります(引用符で囲んでください)",
  MULTIPLE_DOCS: "ファイルに YAML の文書が 2 つ以上あります",
};

export const HARNESS_MESSAGES = defineMessages("harness", {
  en: {
    // Node's own words (node:util parseArgs), which scripts and specs already match.
    unknownOption: (f: { option: string }) => `Unknown option '${f.option}'`,
    missingValue: (f: { option: string }) => `Option '${f.option}' argument missing`,
    takesNoValue: (f: { option: string }) => `Option '${f.option}' does not take an argument`,
    unexpectedArgument: (f: { argument: string }) => `unexpected argument "${f.argument}"`,
    langValue: (f: { langs: readonly string[] }) =>
      `--lang must be ${f.langs.join(" or ")} (default: the locale, LC_ALL/LC_MESSAGES/LANG)`,
    notStackFileName: (f: { path: string }) => `${f.path}: expected a stack config file named Pulumi.<stack>.yaml`,
    noSuchFile: (f: { path: string }) =>
      `${f.path}: no such file; give the path of an existing stack config file (Pulumi.<stack>.yaml)`,
    isDirectory: (f: { path: string }) => `${f.path}: is a directory, not a stack config file`,
    cannotRead: (f: { path: string; reason: string }) => `${f.path}: cannot be read (${f.reason})`,
    yaml: (f: { source: string; message: string; code: string; line: number; column: number; excerpt: string }) =>
      `${f.source}: ${f.message}`,
    configNotMap: (f: { source: string }) => `${f.source}: "config" must be a map of key: value`,
  },
  ja: {
    unknownOption: (f) => `${f.option} というオプションはありません`,
    missingValue: (f) => `${f.option.replace(/ <value>$/, "")} には値が必要です`,
    takesNoValue: (f) => `${f.option} は値を取りません`,
    unexpectedArgument: (f) => `引数 "${f.argument}" は受け付けません`,
    langValue: (f) => `--lang は ${f.langs.join(" か ")} のどちらかです(既定はロケール: LC_ALL/LC_MESSAGES/LANG)`,
    notStackFileName: (f) => `${f.path}: スタックファイルの名前は Pulumi.<stack>.yaml にしてください`,
    noSuchFile: (f) =>
      `${f.path}: ファイルがありません。既にあるスタックファイル(Pulumi.<stack>.yaml)のパスを指定してください`,
    isDirectory: (f) => `${f.path}: スタックファイルではなくディレクトリです`,
    cannotRead: (f) => `${f.path}: 読めません(${f.reason})`,
    yaml: (f) =>
      f.code === ""
        ? `${f.source}: YAML として読めません: ${f.message}`
        : `${f.source}: YAML として読めません(${f.line} 行 ${f.column} 列、` +
          `${YAML_CODES_JA[f.code] ?? `YAML の構文の誤り ${f.code}`})` +
          (f.excerpt === "" ? "" : `:\n\n${f.excerpt}`),
    configNotMap: (f) => `${f.source}: "config" は「キー: 値」のマップにしてください`,
  },
});
