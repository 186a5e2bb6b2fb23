/** Writes the plan artefacts: plan.json (the contract), plan.md (the report), one file per IAM document. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Plan, planSchema } from "./schema";

/** Drops the stacks not asked for, and the wiring that touches none of those kept. */
export function selectStack(plan: Plan, stack: string | undefined): Plan {
  if (stack === undefined) return plan;
  return {
    ...plan,
    stacks: { [stack]: plan.stacks[stack] },
    wiring: plan.wiring.filter((edge) => edge.from.stack === stack || edge.to.stack === stack),
    phases: plan.phases?.map((phase) => ({
      ...phase,
      stacks: Object.fromEntries(Object.entries(phase.stacks).filter(([name]) => name === stack)),
    })),
  };
}

export function writeArtifacts(plan: Plan, report: string, dir: string): string[] {
  // The contract is checked before anything is written, so a broken plan.json never lands.
  const checked = planSchema.parse(plan);
  const files: [string, string][] = [
    ["plan.json", JSON.stringify(checked, null, 2) + "\n"],
    ["plan.md", report],
    ...[
      ...Object.values(checked.stacks).flatMap((stack) => stack.documents),
      ...(checked.phases ?? []).flatMap((phase) => Object.values(phase.stacks).flatMap((stack) => stack.documents)),
    ].map((doc): [string, string] => [doc.file, JSON.stringify(doc.document, null, 2) + "\n"]),
  ];
  for (const [file, text] of files) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return files.map(([file]) => join(dir, file));
}
