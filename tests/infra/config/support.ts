/**
 * What the config specs share: the smallest valid stack of each kind, and a config's problems as the
 * user reads them ("key: message" lines).
 */
import { ConfigError, type MunicipalityConfig, type OperatorConfig, parseStackConfig } from "../../../infra/config";

/** The smallest valid operator config: one municipality. */
export const operator = {
  account: "operator",
  accountId: "111111111111",
  municipalities: { sapporo: { accountId: "222222222222" } },
};

/** The smallest valid municipality config, calling that operator's role. */
export const municipality = {
  account: "municipality",
  accountId: "222222222222",
  municipalityName: "sapporo",
  operatorRoleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
};

/** The problems of a config as "key: message" lines; none when it parses. Any other error is thrown. */
export function problemsOf(raw: unknown): string[] {
  try {
    parseStackConfig(raw);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.key}: ${p.message}`);
  }
}

export const parseOperator = (extra: Record<string, unknown>) =>
  parseStackConfig({ ...operator, ...extra }) as OperatorConfig;
export const parseMunicipality = (extra: Record<string, unknown>) =>
  parseStackConfig({ ...municipality, ...extra }) as MunicipalityConfig;
