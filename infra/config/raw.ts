/** From the engine's flat key/value config to the raw object a schema validates. */
import { CONFIG_NAMESPACE, ConfigError, type ConfigProblem } from "./errors";
import { CONFIG_MESSAGES as m } from "./messages";
import { closest } from "./suggest";

/**
 * The AWS provider's config keys (`aws:<key>`), as `@pulumi/aws` declares them in
 * `config/vars.d.ts` (https://www.pulumi.com/registry/packages/aws/installation-configuration/);
 * a spec fails when the installed provider's list differs.
 */
export const AWS_PROVIDER_KEYS = [
  "accessKey",
  "allowedAccountIds",
  "assumeRoleWithWebIdentity",
  "assumeRoles",
  "customCaBundle",
  "defaultTags",
  "ec2MetadataServiceEndpoint",
  "ec2MetadataServiceEndpointMode",
  "endpoints",
  "forbiddenAccountIds",
  "httpProxy",
  "httpsProxy",
  "ignoreTags",
  "insecure",
  "maxRetries",
  "noProxy",
  "profile",
  "region",
  "retryMode",
  "s3UsEast1RegionalEndpoint",
  "s3UsePathStyle",
  "secretKey",
  "sharedConfigFiles",
  "sharedCredentialsFiles",
  "skipCredentialsValidation",
  "skipMetadataApiCheck",
  "skipRegionValidation",
  "skipRequestingAccountId",
  "stsRegion",
  "tagPolicyCompliance",
  "token",
  "tokenBucketRateLimiterCapacity",
  "useDualstackEndpoint",
  "useFipsEndpoint",
  "userAgents",
] as const;

/**
 * Pulumi.yaml disables the default AWS provider, and only the default provider is configured from
 * `aws:` keys (https://www.pulumi.com/blog/disable-default-providers/): every resource goes through
 * the explicit provider the program builds, which takes the region from `aws:region` and nothing
 * else from that namespace. Any other provider key would be silently ignored, so it is an error.
 */
const UNREAD_AWS_KEY = m.unreadAwsKey;

/** Namespaces besides the project's own: `aws:region` and the engine's own `pulumi:` settings. */
const ENGINE_NAMESPACE = "pulumi";

/**
 * Keys the program would silently ignore: no namespace, a namespace that is not the project's
 * (`bedrock_lz:vpc`), an `aws:` key other than `aws:region`. One problem per key, naming the key
 * as written and what is allowed, with the closest valid key when there is one.
 */
export function foreignKeyProblems(
  flat: Readonly<Record<string, string>>,
  namespace: string = CONFIG_NAMESPACE,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(flat)) {
    const colon = key.indexOf(":");
    if (colon < 0) {
      problems.push({ key, message: m.noNamespace({ namespace, key }) });
      continue;
    }
    const space = key.slice(0, colon);
    const name = key.slice(colon + 1);
    if (space === namespace || space === ENGINE_NAMESPACE || key === "aws:region") continue;
    if (space === "aws") {
      const near = closest(key, ["aws:region"]);
      problems.push({
        key,
        message: (AWS_PROVIDER_KEYS as readonly string[]).includes(name)
          ? UNREAD_AWS_KEY
          : near === undefined
            ? m.notAwsKey
            : m.notAwsKeyNear({ near }),
      });
      continue;
    }
    const near = closest(space, [namespace, "aws"]);
    problems.push({
      key,
      message:
        near === undefined
          ? m.foreignNamespace({ space, namespace })
          : m.foreignNamespaceNear({ space, namespace, near: `${near}:${name}` }),
    });
  }
  return problems;
}

/**
 * Turns the engine's flat config (`bedrock-lz:<key>` and `aws:region`, values as strings, maps as
 * JSON) into the raw object the schema validates. Every `bedrock-lz:` key is kept, so a misspelt
 * one is reported by the schema; a key in no or another namespace is reported here (see
 * {@link foreignKeyProblems}). Top-level scalars stay strings so account ids keep their leading zeros.
 */
export function rawConfigOf(
  flat: Readonly<Record<string, string>>,
  options: {
    /** Another project's namespace (the bootstrap project uses `bedrock-lz-bootstrap`). */
    readonly namespace?: string;
    /** Read top-level `true`/`false` as booleans (this project has no top-level booleans). */
    readonly booleans?: boolean;
  } = {},
): Record<string, unknown> {
  const namespace = options.namespace ?? CONFIG_NAMESPACE;
  const prefix = `${namespace}:`;
  const problems = foreignKeyProblems(flat, namespace);
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (key === "aws:region") raw.region = value;
    else if (key.startsWith(prefix)) {
      try {
        raw[key.slice(prefix.length)] = parseStructured(key, value, options.booleans);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems.push(...error.problems);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return raw;
}

function parseStructured(key: string, value: string, booleans = false): unknown {
  if (booleans && (value === "true" || value === "false")) return value === "true";
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new ConfigError([{ key, message: m.notJson }]);
  }
}
