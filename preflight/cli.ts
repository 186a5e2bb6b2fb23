/**
 * `npm run preflight -- --stack Pulumi.<stack>.yaml` (or, before there is a stack file,
 * `--vpc-id vpc-… [--subnet-id subnet-…]... [--region …]`): before deploying the municipality stack
 * into an existing VPC, reads that VPC with the caller's credentials (read-only) and lists what
 * would stop the stack or break the closed network, for the subnets and endpoints the stack file
 * configures. Exit codes: 0 ready; 1 findings (named); 2 bad arguments or a failed read.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { EC2Client } from "@aws-sdk/client-ec2";
import { Route53Client } from "@aws-sdk/client-route-53";
import { readStackConfigFile } from "../harness/stack-file";
import { JAPAN_REGIONS } from "../infra/catalog";
import { parseStackConfig, rawConfigOf } from "../infra/config";
import { subnetId as subnetIdField, vpcId as vpcIdField } from "../infra/config/features/existing-vpc";
import { type PreflightTarget, preflightFindings, renderPreflight, targetOfStack, targetOfVpc } from "./checks";
import { type PreflightClients, readVpcFacts } from "./read";

export const USAGE = `usage: npm run preflight -- --stack <Pulumi.<stack>.yaml>
       npm run preflight -- --vpc-id <vpc-…> [--subnet-id <subnet-…>]... [--region <region>]

  --stack <file>        the municipality stack file in existing-VPC mode: its existingVpc (VPC, subnets,
                        referenced endpoints), its region and the endpoints its features create are checked
  --vpc-id <id>         before there is a stack file: the VPC, with the endpoints a stack file without
                        endpoint settings creates (setup features included)
  --subnet-id <id>      with --vpc-id: a subnet the stack will use (repeat it); default: every subnet of the VPC
  --region <name>       with --vpc-id: ${JAPAN_REGIONS.join(" or ")} (default: AWS_REGION, else ap-northeast-1)
  --help                this text

exit: 0 ready, 1 findings to fix (listed), 2 bad arguments or a failed read`;

export class UsageError extends Error {}

/** The target of a municipality stack file; its config errors are usage errors (the file is an argument). */
function targetOfStackFile(file: string): PreflightTarget {
  if (!existsSync(file)) throw new UsageError(`--stack ${file}: no such file`);
  let config;
  try {
    config = parseStackConfig(rawConfigOf(readStackConfigFile(file).config));
  } catch (error) {
    throw new UsageError(`--stack ${file}: ${(error as Error).message}`);
  }
  if (config.account !== "municipality") throw new UsageError(`--stack ${file} is not a municipality stack file`);
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
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  const vpcId = values["vpc-id"];
  if (values.stack !== undefined) {
    const extra = (["vpc-id", "subnet-id", "region"] as const).find((option) => values[option] !== undefined);
    if (extra !== undefined) throw new UsageError(`--${extra} goes with --vpc-id; --stack reads it from the file`);
    return targetOfStackFile(values.stack);
  }
  if (vpcId === undefined) throw new UsageError("--stack or --vpc-id is required");
  if (!vpcIdField.safeParse(vpcId).success) throw new UsageError(`--vpc-id ${vpcId} is not a VPC id (vpc-…)`);
  for (const id of values["subnet-id"] ?? []) {
    if (!subnetIdField.safeParse(id).success) throw new UsageError(`--subnet-id ${id} is not a subnet id (subnet-…)`);
  }
  const region = values.region ?? env.AWS_REGION ?? "ap-northeast-1";
  if (!(JAPAN_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(`--region must be ${JAPAN_REGIONS.join(" or ")}, not ${region}`);
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
): Promise<number> {
  let target;
  try {
    target = parsePreflightArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (target === "help") {
    io.out(USAGE);
    return 0;
  }
  try {
    const facts = await readVpcFacts(clientsFor(target.region), target);
    const findings = preflightFindings(facts, target);
    io.out(renderPreflight(facts, findings, target));
    return findings.length === 0 ? 0 : 1;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    io.err(`preflight could not read ${target.vpcId}: ${e.name ?? "Error"}: ${e.message ?? String(error)}`);
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
