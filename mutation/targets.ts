/**
 * What `npm run mutate` mutates, and which specs may kill each mutant: the proof path, folder by
 * folder, each against the specs of its mirror folder under tests/ (tests/plan/ tests plan/, ...).
 * A mutant counts as killed only by the specs written for its own code, which keeps each run
 * small on a 2-core machine and each folder's specs honest about what they check.
 */

export interface MutationTarget {
  /** Its name in reports/mutation/<name>/. */
  readonly name: string;
  /** Files to mutate (Stryker `mutate` globs). */
  readonly mutate: readonly string[];
  /** The specs that run against them (mocha globs). */
  readonly specs: readonly string[];
}

/** The proof path: what decides what is proved (plan, config, pack, matrix) and the builders it proves. */
export const TARGETS: Readonly<Record<string, Omit<MutationTarget, "name">>> = {
  plan: {
    mutate: ["plan/phases.ts", "plan/run.ts", "plan/proof.ts", "plan/wiring.ts", "plan/bindings.ts"],
    specs: ["tests/plan/**/*.spec.ts"],
  },
  "infra/config": {
    mutate: [
      "infra/config/cross-stack.ts",
      "infra/config/common.ts",
      "infra/config/fields.ts",
      "infra/config/operator.ts",
      "infra/config/municipality.ts",
      "infra/config/stack.ts",
      "infra/config/features/*.ts",
    ],
    specs: ["tests/infra/config/**/*.spec.ts"],
  },
  crossguard: { mutate: ["crossguard/rules.ts"], specs: ["tests/crossguard/**/*.spec.ts"] },
  access: {
    mutate: ["access/matrix.ts", "access/input.ts", "access/mutations.ts"],
    specs: ["tests/access/**/*.spec.ts"],
  },
  infra: {
    // The pure builders: policy documents, ARNs, subnet maths, names, limits.
    mutate: ["infra/*.ts", "infra/iam/*.ts"],
    specs: ["tests/infra/*.spec.ts", "tests/infra/iam/**/*.spec.ts"],
  },
};

/** The targets a command line names: a key of TARGETS, or a file or folder inside one. */
export function targetsFor(names: readonly string[]): MutationTarget[] {
  if (names.length === 0) return Object.entries(TARGETS).map(([name, target]) => ({ name: slug(name), ...target }));
  return names.map((name) => {
    const clean = name.replace(/\/+$/, "");
    const target = TARGETS[clean];
    if (target !== undefined) return { name: slug(clean), ...target };
    const owner = Object.entries(TARGETS)
      .sort(([a], [b]) => b.length - a.length)
      .find(([key]) => clean.startsWith(`${key}/`));
    if (owner === undefined) {
      throw new Error(`${name}: not part of the proof path (${Object.keys(TARGETS).join(", ")}, or a file in one)`);
    }
    const mutate = clean.endsWith(".ts") ? [clean] : [`${clean}/**/*.ts`];
    return { name: slug(clean), mutate, specs: owner[1].specs };
  });
}

/** `infra/config` → `infra-config`: a report folder name. */
function slug(name: string): string {
  return name.replace(/[^\w.-]+/g, "-");
}
