/**
 * Settings the operator's and the municipalities' stack files must agree on (region, account
 * ids, the model...). Placeholder: the input-validation work fills this in; the plan and the
 * access matrix call it to name the setting when verdicts differ between stacks.
 */
import type { StackConfig } from "./stack";

export function crossStackProblems(
  _stacks: readonly { file: string; config: StackConfig }[],
): { keys: string[]; message: string }[] {
  return [];
}
