/**
 * The command-line contract every tool of this repository keeps: `--help` (or `-h`) prints the
 * usage and exits 0; an unknown option, a missing value or a stray argument prints what was
 * wrong and the usage and exits 2; never a stack trace for a mistake on the command line.
 */
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

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
    // Node adds advice about positionals that starts with "--"; none of these tools takes any.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument[\s\S]*$/, ""));
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested();
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  return parsed.values;
}

/**
 * Runs a tool's main with the contract above: usage on stdout for `--help` (0), the mistake and
 * the usage on stderr for a {@link UsageError} (2). Anything else is the tool's own to report.
 */
export async function runCommand(name: string, usage: string, main: () => Promise<number> | number): Promise<number> {
  try {
    return await main();
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}
