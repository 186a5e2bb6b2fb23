/**
 * What each stack file's schema cannot see: values two stack files must agree on, and mistakes
 * only a set of files shows. Each stack deploys cleanly on its own, and then every call is denied
 * (the operator trusts another account or role, the policies name another region or profile), the
 * smoke test fails (another external id), or the second `pulumi up` fails (a role name taken twice
 * in one account). Pure: the plan prints these before it runs the programs, the ordered deploy
 * refuses to start.
 */
import { accountIdOfArn, iamRoleArn } from "../arns";
import { PROJECT, invokeRoleName } from "../naming";
import { CROSS_STACK_MESSAGES as m } from "./cross-stack-messages";
import { configKeyOf } from "./errors";
import type { MunicipalityConfig } from "./municipality";
import type { OperatorConfig } from "./operator";
import type { StackConfig } from "./stack";

export interface CrossStackProblem {
  /** Both sides, as `<key> (<file>)`. */
  readonly keys: string[];
  /** Both values and what to change, in English (./cross-stack-messages.ts has it in Japanese too). */
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
export function stackNameOf(file: string): string {
  return /(?:^|[\\/])Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1] ?? file;
}

/**
 * Whether a StackReference name (`stack`, `org/stack` or `org/bedrock-lz/stack`) names `stack` of
 * this project: the project is one, so the last segment decides, and a project segment must be
 * this one.
 */
export function referencesStack(reference: string, stack: string): boolean {
  const parts = reference.split("/");
  if (parts.length === 3 && parts[1] !== PROJECT) return false;
  return parts.length <= 3 && parts[parts.length - 1] === stack;
}

/** The files given for one municipality name, or one IAM role name in one account, more than once. */
function duplicates<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/** Two municipality files for one municipality: the operator's one role would trust only one of them. */
function municipalityGivenTwice(municipalities: readonly StackFile<MunicipalityConfig>[]): CrossStackProblem[] {
  return duplicates(municipalities, (m) => m.config.municipalityName).map(([first, second]) => ({
    severity: "error",
    keys: [keyIn(first.file, "municipalityName"), keyIn(second.file, "municipalityName")],
    message: m.municipalityGivenTwice({ first: first.file, second: second.file, name: first.config.municipalityName }),
  }));
}

/** Two operator files in one account that list the same municipality both create its IAM role. */
function invokeRoleDeclaredTwice(operators: readonly StackFile<OperatorConfig>[]): CrossStackProblem[] {
  const entries = operators.flatMap((operator) =>
    Object.keys(operator.config.municipalities).map((name) => ({ operator, name })),
  );
  return duplicates(entries, ({ operator, name }) => `${operator.config.accountId}/${name}`).map(([first, second]) => ({
    severity: "error",
    keys: [
      keyIn(first.operator.file, "municipalities", first.name),
      keyIn(second.operator.file, "municipalities", second.name),
    ],
    message: m.invokeRoleDeclaredTwice({
      first: first.operator.file,
      second: second.operator.file,
      account: first.operator.config.accountId,
      name: first.name,
      role: invokeRoleName(first.name),
    }),
  }));
}

/** The design's whole point is two accounts: an operator's and a municipality's stack never share one. */
function operatorAndMunicipalityInOneAccount(
  operators: readonly StackFile<OperatorConfig>[],
  municipalities: readonly StackFile<MunicipalityConfig>[],
): CrossStackProblem[] {
  return operators.flatMap((operator) =>
    municipalities
      .filter((municipality) => municipality.config.accountId === operator.config.accountId)
      .map((municipality) => ({
        severity: "error" as const,
        keys: [keyIn(operator.file, "accountId"), keyIn(municipality.file, "accountId")],
        message: m.oneAccount({
          operator: operator.file,
          municipality: municipality.file,
          account: operator.config.accountId,
        }),
      })),
  );
}

/**
 * A stack reference that names no stack file of the set is a typo when the file it meant is in
 * the set: the municipality's `operatorStack` when an operator is given, the operator's
 * `municipalities.<name>.municipalityStack` when the municipality `<name>` is given. A reference to
 * another municipality's stack locks the invoke role to the wrong endpoints.
 */
function referencesNameGivenStacks(
  operators: readonly StackFile<OperatorConfig>[],
  municipalities: readonly StackFile<MunicipalityConfig>[],
): CrossStackProblem[] {
  const problems: CrossStackProblem[] = [];
  const names = (files: readonly StackFile[]) => files.map((f) => stackNameOf(f.file)).join(", ");
  for (const municipality of municipalities) {
    const reference = municipality.config.operator;
    if (!("stack" in reference) || operators.length === 0) continue;
    if (operators.some((operator) => referencesStack(reference.stack, stackNameOf(operator.file)))) continue;
    problems.push({
      severity: "error",
      keys: [keyIn(municipality.file, "operatorStack"), ...operators.map((o) => keyIn(o.file, "accountId"))],
      message: m.operatorStackNamesNone({
        municipality: municipality.file,
        reference: reference.stack,
        stacks: names(operators),
      }),
    });
  }
  for (const operator of operators) {
    for (const [name, peer] of Object.entries(operator.config.municipalities)) {
      const reference = peer.municipalityStack;
      const own = municipalities.find((m) => m.config.municipalityName === name);
      if (reference === undefined || own === undefined || referencesStack(reference, stackNameOf(own.file))) continue;
      const other = municipalities.find((m) => referencesStack(reference, stackNameOf(m.file)));
      problems.push({
        severity: "error",
        keys: [keyIn(operator.file, "municipalities", name, "municipalityStack"), keyIn(own.file, "municipalityName")],
        message:
          other !== undefined
            ? m.municipalityStackOther({
                operator: operator.file,
                name,
                reference,
                other: other.file,
                otherName: other.config.municipalityName,
                ownStack: stackNameOf(own.file),
              })
            : m.municipalityStackNone({
                operator: operator.file,
                name,
                reference,
                own: own.file,
                ownStack: stackNameOf(own.file),
              }),
      });
    }
  }
  return problems;
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
      ? referencesStack(reference.stack, stackNameOf(operator.file))
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
  const c = municipality.config;
  const name = c.municipalityName;
  const problems: CrossStackProblem[] = [];
  const error = (keys: string[], message: string) => problems.push({ keys, message, severity: "error" });
  const warning = (keys: string[], message: string) => problems.push({ keys, message, severity: "warning" });
  const files = { operator: operator.file, municipality: municipality.file };

  if (!matched && "roleArn" in c.operator) {
    const roleArn = c.operator.roleArn;
    error(
      [keyIn(municipality.file, "operatorRoleArn"), keyIn(operator.file, "accountId")],
      m.roleInOtherAccount({
        ...files,
        roleArn,
        roleAccount: accountIdOfArn(roleArn),
        account: o.accountId,
        expected: iamRoleArn(o.accountId, invokeRoleName(name)),
      }),
    );
  }

  const peer = o.municipalities[name];
  if (peer === undefined) {
    error(
      [keyIn(municipality.file, "municipalityName"), keyIn(operator.file, "municipalities")],
      m.notListed({
        ...files,
        name,
        listed: Object.keys(o.municipalities).join(", "),
        key: configKeyOf(["municipalities", name, "accountId"]),
        accountId: c.accountId,
      }),
    );
    return problems;
  }

  if (peer.accountId !== c.accountId) {
    error(
      [keyIn(operator.file, "municipalities", name, "accountId"), keyIn(municipality.file, "accountId")],
      m.accountDiffers({ ...files, trusted: peer.accountId, name, account: c.accountId }),
    );
  } else {
    const clientRoleArn = iamRoleArn(c.accountId, c.clientRoleName);
    if (peer.clientRoleArn !== clientRoleArn) {
      error(
        [keyIn(operator.file, "municipalities", name, "clientRoleName"), keyIn(municipality.file, "clientRoleName")],
        m.clientRoleDiffers({ ...files, trusted: peer.clientRoleArn, clientRole: clientRoleArn, name }),
      );
    }
  }
  if ("roleArn" in c.operator && matched) {
    const expected = iamRoleArn(o.accountId, invokeRoleName(name));
    if (c.operator.roleArn !== expected) {
      error(
        [keyIn(municipality.file, "operatorRoleArn"), keyIn(operator.file, "municipalities", name)],
        m.roleArnDiffers({ ...files, roleArn: c.operator.roleArn, expected, name }),
      );
    }
  }
  if (o.metering === undefined && c.operatorInferenceProfileArn !== undefined) {
    error(
      [keyIn(municipality.file, "operatorInferenceProfileArn"), keyIn(operator.file, "metering", "enabled")],
      m.profileWithoutMetering({ ...files, profile: c.operatorInferenceProfileArn, jp: o.inferenceProfile.id }),
    );
  }
  if (o.metering !== undefined && "roleArn" in c.operator && c.operatorInferenceProfileArn === undefined) {
    warning(
      [keyIn(operator.file, "metering", "enabled"), keyIn(municipality.file, "operatorInferenceProfileArn")],
      m.profileNotHandedOver({ ...files, name, jp: o.inferenceProfile.id }),
    );
  }
  if (o.region !== c.region) {
    error(
      [keyIn(operator.file, "region"), keyIn(municipality.file, "region")],
      m.regionDiffers({ ...files, operatorRegion: o.region, municipalityRegion: c.region }),
    );
  }
  if (o.inferenceProfile.id !== c.inferenceProfile.id) {
    error(
      [keyIn(operator.file, "inferenceProfileId"), keyIn(municipality.file, "inferenceProfileId")],
      m.profileDiffers({
        ...files,
        operatorProfile: o.inferenceProfile.id,
        municipalityProfile: c.inferenceProfile.id,
      }),
    );
  }
  // An endpoint the municipality references already has its id in the municipality's own file.
  const referenced: Readonly<Record<string, { readonly existingEndpointId: string } | undefined>> =
    c.existingVpc?.endpoints ?? {};
  for (const [endpoint, key] of [
    ["bedrock-runtime", "bedrockRuntimeEndpointId"],
    ["sts", "stsEndpointId"],
  ] as const) {
    const existing = referenced[endpoint]?.existingEndpointId;
    const given = peer[key];
    if (existing === undefined || given === undefined || given === existing) continue;
    error(
      [
        keyIn(operator.file, "municipalities", name, key),
        keyIn(municipality.file, "existingVpc", "endpoints", endpoint, "existingEndpointId"),
      ],
      m.lockedToOtherEndpoint({ ...files, name, endpoint, given, existing }),
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
  const c = municipality.config;
  const passed = c.smokeTest.externalId;
  if (required === passed) return [];
  const keys = [
    keyIn(operator.file, "municipalities", c.municipalityName, "externalId"),
    keyIn(municipality.file, "smokeTest", "externalId"),
  ];
  if (required === undefined) {
    return [
      {
        keys,
        severity: "warning",
        message: m.externalIdNotRequired({ operator: operator.file, municipality: municipality.file, passed }),
      },
    ];
  }
  return [
    {
      keys,
      severity: c.smokeTest.enabled ? "error" : "warning",
      message: m.externalIdDiffers({
        operator: operator.file,
        municipality: municipality.file,
        required,
        passed,
        smokeTestOn: c.smokeTest.enabled,
      }),
    },
  ];
}

/**
 * Every cross-file inconsistency between the operator and municipality stacks given, each naming
 * both keys (and files) and both values: the set's own mistakes first, then each pair's.
 */
export function crossStackProblems(stacks: readonly { file: string; config: StackConfig }[]): CrossStackProblem[] {
  const operators = stacks.filter((s): s is StackFile<OperatorConfig> => s.config.account === "operator");
  const municipalities = stacks.filter((s): s is StackFile<MunicipalityConfig> => s.config.account === "municipality");
  return [
    ...municipalityGivenTwice(municipalities),
    ...invokeRoleDeclaredTwice(operators),
    ...operatorAndMunicipalityInOneAccount(operators, municipalities),
    ...referencesNameGivenStacks(operators, municipalities),
    ...municipalities.flatMap((municipality) => {
      const { matched, operators: paired } = operatorsOf(municipality, operators);
      return paired.flatMap((operator) => pairProblems(operator, municipality, matched));
    }),
  ];
}
