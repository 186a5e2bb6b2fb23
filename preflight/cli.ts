/**
 * `npm run preflight -- --stack Pulumi.<stack>.yaml` (or, before there is a stack file,
 * `--vpc-id vpc-… [--subnet-id subnet-…]... [--region …]`): before deploying the municipality stack
 * into an existing VPC, reads that VPC with the caller's credentials (read-only) and lists what
 * would stop the stack or break the closed network, for the subnets and endpoints the stack file
 * configures. Exit codes: 0 ready; 1 findings (named); 2 bad arguments or a failed read.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { argumentMistake, langArgument, langOfArguments } from "../harness/cli";
import { type Lang, inLanguage } from "../infra/messages";
import { PREFLIGHT_MESSAGES as m } from "./messages";
import { EC2Client } from "@aws-sdk/client-ec2";
import { Route53Client } from "@aws-sdk/client-route-53";
import { readStackConfigFile } from "../harness/stack-file";
import { JAPAN_REGIONS } from "../infra/catalog";
import { parseStackConfig, rawConfigOf } from "../infra/config";
import { subnetId as subnetIdField, vpcId as vpcIdField } from "../infra/config/features/existing-vpc";
import { type PreflightTarget, preflightFindings, renderPreflight, targetOfStack, targetOfVpc } from "./checks";
import { type PreflightClients, readVpcFacts } from "./read";

/** The usage in both languages (./messages.ts). */
export const USAGE: Readonly<Record<Lang, string>> = { en: m.usage, ja: inLanguage(m.usage, "ja") };

export class UsageError extends Error {}

/** The target of a municipality stack file; its config errors are usage errors (the file is an argument). */
function targetOfStackFile(file: string): PreflightTarget {
  if (!existsSync(file)) throw new UsageError(m.noSuchFile({ file }));
  let config;
  try {
    config = parseStackConfig(rawConfigOf(readStackConfigFile(file).config));
  } catch (error) {
    throw new UsageError(m.stackFileProblem({ file, problem: (error as Error).message }));
  }
  if (config.account !== "municipality") throw new UsageError(m.notMunicipality({ file }));
  try {
    return targetOfStack(config, file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parsePreflightArgs(argv: readonly string[], env = process.env): PreflightTarget | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        "vpc-id": { type: "string" },
        "subnet-id": { type: "string", multiple: true },
        region: { type: "string" },
        lang: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(argumentMistake(error as Error));
  }
  try {
    langArgument(values.lang);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  const vpcId = values["vpc-id"];
  if (values.stack !== undefined) {
    const extra = (["vpc-id", "subnet-id", "region"] as const).find((option) => values[option] !== undefined);
    if (extra !== undefined) throw new UsageError(m.goesWithVpcId({ option: extra }));
    return targetOfStackFile(values.stack);
  }
  if (vpcId === undefined) throw new UsageError(m.stackOrVpcId);
  if (!vpcIdField.safeParse(vpcId).success) throw new UsageError(m.notVpcId({ value: vpcId }));
  for (const id of values["subnet-id"] ?? []) {
    if (!subnetIdField.safeParse(id).success) throw new UsageError(m.notSubnetId({ value: id }));
  }
  const region = values.region ?? env.AWS_REGION ?? "ap-northeast-1";
  if (!(JAPAN_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(m.region({ regions: JAPAN_REGIONS, value: region }));
  }
  return targetOfVpc(vpcId, region, values["subnet-id"]);
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The whole command; returns the exit code. */
export async function runPreflight(
  argv: readonly string[],
  io: Io,
  clientsFor: (region: string) => PreflightClients = (region) => ({
    ec2: new EC2Client({ region }),
    // Route 53 is global; ListHostedZonesByVPC takes the VPC's region as a parameter.
    route53: new Route53Client({ region }),
  }),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const lang = langOfArguments(argv, env);
  let target;
  try {
    target = parsePreflightArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${inLanguage(error.message, lang)}\n\n${USAGE[lang]}`);
    return 2;
  }
  if (target === "help") {
    io.out(USAGE[lang]);
    return 0;
  }
  try {
    const facts = await readVpcFacts(clientsFor(target.region), target);
    const findings = preflightFindings(facts, target);
    io.out(renderPreflight(facts, findings, target, lang));
    return findings.length === 0 ? 0 : 1;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    const problem = e.message ?? String(error);
    io.err(inLanguage(m.readFailed({ vpcId: target.vpcId, name: e.name ?? "Error", problem }), lang));
    return 2;
  }
}

if (require.main === module) {
  void runPreflight(process.argv.slice(2), {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
