/** Runs a command in-process and captures what it writes, for the command-line specs. */
export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function capture(run: () => Promise<number>): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write;
  const err = process.stderr.write;
  const consoleError = console.error;
  const consoleWarn = console.warn;
  const consoleLog = console.log;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof out;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof err;
  console.error = console.warn = (...parts: unknown[]) => void (stderr += `${parts.map(String).join(" ")}\n`);
  console.log = (...parts: unknown[]) => void (stdout += `${parts.map(String).join(" ")}\n`);
  try {
    return { code: await run(), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    console.error = consoleError;
    console.warn = consoleWarn;
    console.log = consoleLog;
  }
}
