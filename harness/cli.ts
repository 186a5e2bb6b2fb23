/**
 * The command-line contract every tool of this repository keeps: `--help` (or `-h`) prints the
 * usage and exits 0; an unknown option, a missing value or a stray argument prints what was
 * wrong and the usage and exits 2; never a stack trace for a mistake on the command line. A tool
 * with a Japanese usage prints it, and its mistakes, in Japanese with `--lang ja` or a ja locale.
 */
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { type Lang, inLanguage } from "../infra/messages";
import { LANGS, langOf } from "./lang";
import { HARNESS_MESSAGES as m } from "./messages";

/** A mistake on the command line (or a file it names); the message says what is allowed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Thrown by {@link parseCommandLine} for `--help`; {@link runCommand} prints the usage. */
class HelpRequested extends Error {}

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

/** Node's parseArgs messages (English only), said through the catalogue. */
export function argumentMistake(error: Error & { code?: string }): string {
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return m.unknownOption({ option });
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return m.unexpectedArgument({ argument: option });
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return /argument missing/.test(error.message) ? m.missingValue({ option }) : m.takesNoValue({ option });
  }
  return error.message;
}

/**
 * Strict `node:util` parseArgs with `--help` added: unknown options and positional arguments are
 * {@link UsageError}s; `--help` stops here (see {@link runCommand}).
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(argv: readonly string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, ...HELP_OPTION } as O & typeof HELP_OPTION,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(argumentMistake(error as Error));
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested();
  if (parsed.positionals.length > 0) throw new UsageError(m.unexpectedArgument({ argument: parsed.positionals[0] }));
  return parsed.values;
}

/** `--lang` checked: one of {@link LANGS}, or a {@link UsageError}. */
export function langArgument(value: string | undefined): Lang | undefined {
  if (value === undefined) return undefined;
  if (!(LANGS as readonly string[]).includes(value)) throw new UsageError(m.langValue({ langs: LANGS }));
  return value as Lang;
}

/**
 * The reader's language before the command line is parsed (so `--help` and a mistake on the
 * command line are in it too): a valid `--lang` among the arguments, else the locale.
 */
export function langOfArguments(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  let flag: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === "--lang") flag = argv[index + 1];
    else if (arg.startsWith("--lang=")) flag = arg.slice("--lang=".length);
  });
  return langOf((LANGS as readonly string[]).includes(flag ?? "") ? (flag as Lang) : undefined, env);
}

/** A tool's usage: one text, or one per language. */
export type Usage = string | Readonly<Record<Lang, string>>;

export function usageIn(usage: Usage, lang: Lang): string {
  return typeof usage === "string" ? usage : usage[lang];
}

/**
 * Runs a tool's main with the contract above: usage on stdout for `--help` (0), the mistake and
 * the usage on stderr for a {@link UsageError} (2), both in `lang`. Anything else is the tool's own
 * to report.
 */
export async function runCommand(
  name: string,
  usage: Usage,
  main: () => Promise<number> | number,
  lang: Lang = "en",
): Promise<number> {
  try {
    return await main();
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${usageIn(usage, lang)}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${inLanguage(error.message, lang)}\n\n${usageIn(usage, lang)}\n`);
      return 2;
    }
    throw error;
  }
}
