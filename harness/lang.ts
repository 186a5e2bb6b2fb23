/**
 * The language a tool of this repository speaks to its reader: English or Japanese. One rule
 * for every CLI that prints for a person (the smoke clients, `npm run plan`), so a municipality
 * engineer with a Japanese locale gets Japanese from all of them.
 */

import type { Lang } from "../infra/messages";

export { LANGS, type Lang } from "../infra/messages";

/**
 * `--lang` wins; otherwise the locale, as POSIX reads it for messages (the first set of `LC_ALL`,
 * `LC_MESSAGES`, `LANG`): Japanese for `ja`, `ja_JP.UTF-8` and the like, English for anything else.
 */
export function langOf(flag: Lang | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (flag !== undefined) return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^ja(?:[_.@-]|$)/.test(locale) ? "ja" : "en";
}
