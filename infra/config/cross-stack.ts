/**
 * What each stack file's schema cannot see: values two stack files must agree on. Each stack
 * deploys cleanly on its own, and then every call is denied (the operator trusts another account or
 * role, the policies name another region or profile) or the smoke test fails (another external id).
 * Pure: the plan prints these before it runs the programs, the ordered deploy refuses to start.
 */
import { accountIdOfArn, iamRoleArn } from "../arns";
import { invokeRoleName } from "../naming";
import { configKeyOf } from "./errors";
import type { MunicipalityConfig } from "./municipality";
import type { OperatorConfig } from "./operator";
import type { StackConfig } from "./stack";

export interface CrossStackProblem {
  /** Both sides, as `<key> (<file>)`. */
  readonly keys: string[];
  /** Both values and what to change. */
  readonly message: string;
  /** `error`: the deploy would certainly fail or deny every call; `warning`: worth a look. */
  readonly severity: "error" | "warning";
}

interface StackFile<C extends StackConfig = StackConfig> {
  readonly file: string;
  readonly config: C;
}

const keyIn = (file: string, ...path: string[]) => `${configKeyOf(path)} (${file})`;

/** `Pulumi.operator.yaml` → `operator`; other names are kept whole. */
function stackNameOf(file: string): string {
  return /(?:^|[\\/])Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1] ?? file;
}

/**
 * The operators a municipality uses: the one its `operatorStack` names (the last segment decides,
 * as in a StackReference within one project), or the one whose account its `operatorRoleArn` is in.
 * With none of those and exactly one operator in the set, that one: the pair was given together.
 */
function operatorsOf(
  municipality: StackFile<MunicipalityConfig>,
  operators: readonly StackFile<OperatorConfig>[],
): { readonly matched: boolean; readonly operators: readonly StackFile<OperatorConfig>[] } {
  const reference = municipality.config.operator;
  const matched = operators.filter((operator) =>
    "stack" in reference
      ? reference.stack.split("/").pop() === stackNameOf(operator.file)
      : accountIdOfArn(reference.roleArn) === operator.config.accountId,
  );
  if (matched.length > 0) return { matched: true, operators: matched };
  return { matched: false, operators: operators.length === 1 ? operators : [] };
}

function pairProblems(
  operator: StackFile<OperatorConfig>,
  municipality: StackFile<MunicipalityConfig>,
  matched: boolean,
): CrossStackProblem[] {
  const o = operator.config;
  const m = municipality.config;
  const name = m.municipalityName;
  const problems: CrossStackProblem[] = [];
  const error = (keys: string[], message: string) => problems.push({ keys, message, severity: "error" });
  const warning = (keys: string[], message: string) => problems.push({ keys, message, severity: "warning" });

  if (!matched) {
    const reference = m.operator;
    if ("roleArn" in reference) {
      error(
        [keyIn(municipality.file, "operatorRoleArn"), keyIn(operator.file, "accountId")],
        `${municipality.file} assumes ${reference.roleArn}, in account ${accountIdOfArn(reference.roleArn)}, ` +
          `but ${operator.file} deploys into ${o.accountId}: point operatorRoleArn at ` +
          `${iamRoleArn(o.accountId, invokeRoleName(name))}`,
      );
    } else {
      warning(
        [keyIn(municipality.file, "operatorStack")],
        `${municipality.file} reads the invoke role from stack "${reference.stack}", and ${operator.file} ` +
          `is stack "${stackNameOf(operator.file)}": checked as a pair anyway, since it is the only operator given`,
      );
    }
  }

  const peer = o.municipalities[name];
  if (peer === undefined) {
    error(
      [keyIn(municipality.file, "municipalityName"), keyIn(operator.file, "municipalities")],
      `${municipality.file} is municipality "${name}", but ${operator.file} lists only ` +
        `${Object.keys(o.municipalities).join(", ")}: add ${configKeyOf(["municipalities", name, "accountId"])}: ` +
        `"${m.accountId}" to ${operator.file} (or fix municipalityName); without it no invoke role trusts this municipality`,
    );
    return problems;
  }

  if (peer.accountId !== m.accountId) {
    error(
      [keyIn(operator.file, "municipalities", name, "accountId"), keyIn(municipality.file, "accountId")],
      `${operator.file} trusts account ${peer.accountId} for "${name}", but ${municipality.file} deploys into ` +
        `${m.accountId}: the invoke role would trust the wrong account. Make the two account ids agree`,
    );
  } else {
    const clientRoleArn = iamRoleArn(m.accountId, m.clientRoleName);
    if (peer.clientRoleArn !== clientRoleArn) {
      error(
        [keyIn(operator.file, "municipalities", name, "clientRoleName"), keyIn(municipality.file, "clientRoleName")],
        `${operator.file} trusts ${peer.clientRoleArn}, but ${municipality.file}'s client role is ${clientRoleArn}: ` +
          `set both clientRoleName keys to the same name (default bedrock-lz-client-${name})`,
      );
    }
  }
  if ("roleArn" in m.operator && matched) {
    const expected = iamRoleArn(o.accountId, invokeRoleName(name));
    if (m.operator.roleArn !== expected) {
      error(
        [keyIn(municipality.file, "operatorRoleArn"), keyIn(operator.file, "municipalities", name)],
        `${municipality.file} assumes ${m.operator.roleArn}, but ${operator.file} creates ${expected} for "${name}"`,
      );
    }
  }
  if (o.metering !== undefined && "roleArn" in m.operator && m.operatorInferenceProfileArn === undefined) {
    warning(
      [keyIn(operator.file, "metering", "enabled"), keyIn(municipality.file, "operatorInferenceProfileArn")],
      `${operator.file} meters "${name}" through its own application inference profile, and ${municipality.file} ` +
        `gives operatorRoleArn without operatorInferenceProfileArn: after the operator's first up, copy its output ` +
        `inferenceProfileArns.${name} there, or the client calls and the bedrock-runtime endpoint use the bare ` +
        `${o.inferenceProfile.id}, which the invoke role denies`,
    );
  }
  if (o.region !== m.region) {
    error(
      [keyIn(operator.file, "region"), keyIn(municipality.file, "region")],
      `${operator.file} is in ${o.region} and ${municipality.file} in ${m.region}: the invoke role allows only its ` +
        `own region's inference profile, so every call through the municipality's endpoint is denied. Use one region`,
    );
  }
  if (o.inferenceProfile.id !== m.inferenceProfile.id) {
    error(
      [keyIn(operator.file, "inferenceProfileId"), keyIn(municipality.file, "inferenceProfileId")],
      `${operator.file} allows ${o.inferenceProfile.id} and ${municipality.file} calls ${m.inferenceProfile.id}: ` +
        `the endpoint and invoke role policies name different profiles, so every call is denied. Use one profile`,
    );
  }
  problems.push(...externalIdProblems(operator, municipality, peer.externalId));
  return problems;
}

/**
 * The operator's trust requires `municipalities.<name>.externalId`; the smoke instance passes
 * `smokeTest.externalId`. When the smoke test is on a difference certainly fails it (error);
 * when it is off, only the next setup run would (warning).
 */
function externalIdProblems(
  operator: StackFile<OperatorConfig>,
  municipality: StackFile<MunicipalityConfig>,
  required: string | undefined,
): CrossStackProblem[] {
  const m = municipality.config;
  const passed = m.smokeTest.externalId;
  if (required === passed) return [];
  const keys = [
    keyIn(operator.file, "municipalities", m.municipalityName, "externalId"),
    keyIn(municipality.file, "smokeTest", "externalId"),
  ];
  const shown = (value: string | undefined) => (value === undefined ? "none" : `"${value}"`);
  if (required === undefined) {
    return [
      {
        keys,
        severity: "warning",
        message:
          `${municipality.file}'s smoke test passes external id ${shown(passed)}, which ${operator.file} does not ` +
          `require: AssumeRole still succeeds, but the two files disagree on whether one is needed`,
      },
    ];
  }
  return [
    {
      keys,
      severity: m.smokeTest.enabled ? "error" : "warning",
      message:
        `${operator.file} requires external id ${shown(required)} and ${municipality.file}'s smoke test passes ` +
        `${shown(passed)}: its AssumeRole is denied` +
        (m.smokeTest.enabled ? "" : " once smokeTest.enabled is switched on") +
        `. Set both to the same value`,
    },
  ];
}

/**
 * Every cross-file inconsistency between the operator and municipality stacks given, each naming
 * both keys (and files) and both values. Stacks of one kind only, or none, have nothing to compare.
 */
export function crossStackProblems(stacks: readonly { file: string; config: StackConfig }[]): CrossStackProblem[] {
  const operators = stacks.filter((s): s is StackFile<OperatorConfig> => s.config.account === "operator");
  const municipalities = stacks.filter((s): s is StackFile<MunicipalityConfig> => s.config.account === "municipality");
  return municipalities.flatMap((municipality) => {
    const { matched, operators: paired } = operatorsOf(municipality, operators);
    return paired.flatMap((operator) => pairProblems(operator, municipality, matched));
  });
}
