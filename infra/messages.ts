/**
 * Messages a person reads, in English and Japanese, from catalogues: one English and one Japanese
 * text per message, the Japanese typed as the English so neither can miss one.
 *
 * A message is said in English where it arises, and stays a plain string there: a zod issue's
 * message, a thrown error, a warning the program logs with `pulumi.log.warn`, a cross-file problem.
 * Saying it also remembers how it is said in every language (with the same facts), so a tool that
 * prints for a Japanese reader turns the English text back into the Japanese one
 * ({@link inLanguage}) wherever the text has travelled: through a ConfigError, a Pulumi RunError,
 * the mock engine's captured warnings. A text nobody remembered (AWS's, Node's, a library's) comes
 * back as it is; the specs check that none of this repository's own reaches a Japanese reader.
 */

export const LANGS = ["en", "ja"] as const;
export type Lang = (typeof LANGS)[number];

/** How one message is said in a language. */
type Sayings = (lang: Lang) => string;

const remembered = new Map<string, Sayings>();

/**
 * Remembers how `english` is said in each language and returns it unchanged. For messages built
 * from other messages (a ConfigError's list of problems); catalogue entries remember themselves.
 */
export function remember(english: string, sayings: Sayings): string {
  remembered.set(english, sayings);
  return english;
}

/** Whether `text` is one of this repository's messages (so it has a Japanese text). */
export function isRemembered(text: string): boolean {
  return remembered.has(text);
}

/** `text` in `lang`: the remembered saying, or the text as it is when nobody remembered it. */
export function inLanguage(text: string, lang: Lang): string {
  if (lang === "en") return text;
  const sayings = remembered.get(text);
  return sayings === undefined ? text : sayings(lang);
}

/** Facts are what a message names: keys, values, files, numbers, and other messages. */
type Facts = Readonly<Record<string, unknown>>;
type Entry = string | ((facts: never) => string);
export type Catalogue = Readonly<Record<string, Entry>>;

/** Every catalogue defined so far, by name, in both languages: the specs check each one. */
export const CATALOGUES = new Map<string, Readonly<Record<Lang, Catalogue>>>();

/**
 * A message given as a fact (a problem inside a ConfigError line, the problem a model reports) is
 * said in the same language as the message around it.
 */
function factsIn(facts: Facts, lang: Lang): Facts {
  return Object.fromEntries(
    Object.entries(facts).map(([name, value]) => [
      name,
      typeof value === "string"
        ? inLanguage(value, lang)
        : Array.isArray(value)
          ? // Stryker disable next-line ConditionalExpression: equivalent, inLanguage hands back any text it does not remember and remembers strings only, so a non-string comes back as it is
            value.map((item) => (typeof item === "string" ? inLanguage(item, lang) : item))
          : value,
    ]),
  );
}

/**
 * Defines a catalogue: `en` and `ja` with the same keys, each a text or a function of one facts
 * object. Returns the English messages, each remembered with its Japanese when it is said.
 */
export function defineMessages<C extends Catalogue>(
  name: string,
  messages: { readonly en: C; readonly ja: NoInfer<C> },
): C {
  if (CATALOGUES.has(name)) throw new Error(`message catalogue ${name} is defined twice`);
  CATALOGUES.set(name, messages);
  const say = (key: string, lang: Lang, facts: Facts | undefined): string => {
    const entry = messages[lang][key] as Entry;
    return typeof entry === "string" ? entry : (entry as (facts: Facts) => string)(factsIn(facts ?? {}, lang));
  };
  return Object.fromEntries(
    Object.entries(messages.en).map(([key, entry]) => [
      key,
      typeof entry === "string"
        ? remember(entry, (lang) => say(key, lang, undefined))
        : (facts: Facts) => remember((entry as (facts: Facts) => string)(facts), (lang) => say(key, lang, facts)),
    ]),
  ) as unknown as C;
}
