/** mutation/targets.ts: every target names files that exist and specs of its mirror folder. */
import { deepStrictEqual, ok, throws } from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { TARGETS, targetsFor } from "../../mutation/targets";
import { REPO_ROOT } from "../support";

/** The files a simple glob (`dir/*.ts`, `dir/** /*.ts`, or a path) names. */
function expand(glob: string): string[] {
  if (!glob.includes("*")) return existsSync(join(REPO_ROOT, glob)) ? [glob] : [];
  const [dir] = glob.split("/*");
  const deep = glob.includes("**");
  const walk = (path: string): string[] =>
    readdirSync(join(REPO_ROOT, path), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? deep
          ? walk(`${path}/${entry.name}`)
          : []
        : entry.name.endsWith(".ts")
          ? [`${path}/${entry.name}`]
          : [],
    );
  return walk(dir);
}

describe("mutation testing: targets (mutation/targets.ts)", () => {
  it("every target mutates existing files and runs existing specs of its mirror folder under tests/", () => {
    for (const [name, target] of Object.entries(TARGETS)) {
      for (const glob of target.mutate) ok(expand(glob).length > 0, `${name}: ${glob} names no file`);
      for (const glob of target.specs) {
        ok(glob.startsWith(`tests/${name.split("/")[0]}`), `${name}: ${glob} is not under its mirror folder`);
        ok(
          expand(glob).some((file) => file.endsWith(".spec.ts")),
          `${name}: ${glob} names no spec`,
        );
      }
    }
  });

  it("names a target, a file in one, or all of them; refuses what is not on the proof path", () => {
    deepStrictEqual(
      targetsFor([]).map((t) => t.name),
      ["plan", "infra-config", "crossguard", "access", "infra"],
    );
    deepStrictEqual(targetsFor(["crossguard/rules.ts"]), [
      { name: "crossguard-rules.ts", mutate: ["crossguard/rules.ts"], specs: TARGETS.crossguard.specs },
    ]);
    deepStrictEqual(targetsFor(["infra/config/features/"])[0].specs, TARGETS["infra/config"].specs);
    throws(() => targetsFor(["audit"]), /audit: not part of the proof path/);
  });
});
