/** What the mock engine changes around a program run, and that it puts everything back. */
import { ok, rejects, strictEqual } from "node:assert/strict";
import { keepingStackTraces, runProgram } from "../../harness/mock-engine";

const failingRun = () =>
  runProgram({
    stack: "failing",
    accountId: "111111111111",
    config: {},
    program: () => {
      throw new Error("the program failed");
    },
  });

const frames = (error: unknown) => ((error as Error).stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));

describe("mock engine stack traces (harness/mock-engine.ts)", () => {
  it("runs a program without stack frames, keeping the message, and restores Node's settings", async () => {
    const limit = Error.stackTraceLimit;
    const sourceMaps = process.sourceMapsEnabled;
    let thrown: unknown;
    await rejects(
      failingRun().catch((error) => {
        thrown = error;
        throw error;
      }),
      /the program failed/,
    );
    strictEqual(frames(thrown).length, 0);
    strictEqual(Error.stackTraceLimit, limit);
    strictEqual(process.sourceMapsEnabled, sourceMaps);
  });

  it("keeps them inside keepingStackTraces (the plan's --verbose, the pulumi up benchmark)", async () => {
    let thrown: unknown;
    await keepingStackTraces(() => failingRun()).catch((error) => (thrown = error));
    ok(frames(thrown).length > 0, String((thrown as Error)?.stack));
  });
});
