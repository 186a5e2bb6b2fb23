import { deepStrictEqual, match, strictEqual, throws } from "node:assert/strict";
import { UsageError, parseCommandLine, runCommand } from "../../harness/cli";
import { capture } from "../cli-capture";

const OPTIONS = { out: { type: "string" }, quick: { type: "boolean", default: false } } as const;

describe("command lines (harness/cli.ts)", () => {
  it("parses known options; an unknown option, a missing value or a stray argument is a UsageError", () => {
    deepStrictEqual({ ...parseCommandLine(["--out", "x"], OPTIONS) }, { out: "x", quick: false });
    throws(
      () => parseCommandLine(["--bogus"], OPTIONS),
      (e: unknown) => e instanceof UsageError && e.message === "Unknown option '--bogus'",
    );
    throws(() => parseCommandLine(["--out"], OPTIONS), UsageError);
    throws(() => parseCommandLine(["extra"], OPTIONS), /unexpected argument "extra"/);
  });

  it("--help prints the usage and exits 0; a usage error prints it on stderr and exits 2", async () => {
    const help = await capture(() => runCommand("tool", "usage: tool", () => (parseCommandLine(["-h"], OPTIONS), 1)));
    deepStrictEqual(help, { code: 0, stdout: "usage: tool\n", stderr: "" });
    const bad = await capture(() => runCommand("tool", "usage: tool", () => (parseCommandLine(["--x"], OPTIONS), 1)));
    strictEqual(bad.code, 2);
    match(bad.stderr, /^tool: Unknown option '--x'\n\nusage: tool\n$/);
  });
});
