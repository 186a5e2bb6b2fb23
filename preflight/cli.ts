/**
 * `npm run preflight -- --vpc-id vpc-… [--region …]`: before deploying the municipality stack into
 * an existing VPC, reads that VPC with the caller's credentials (read-only) and lists what would
 * stop the stack or break the closed network. Exit codes: 0 ready; 1 findings (named); 2 bad
 * arguments or a failed read.
 */
import { parseArgs } from "node:util";
import { EC2Client } from "@aws-sdk/client-ec2";
import { Route53Client } from "@aws-sdk/client-route-53";
import { JAPAN_REGIONS } from "../infra/catalog";
import { vpcId as vpcIdField } from "../infra/config/features/existing-vpc";
import { preflightFindings, renderPreflight } from "./checks";
import { type PreflightClients, readVpcFacts } from "./read";

export const USAGE = `usage: npm run preflight -- --vpc-id <vpc-…> [--region <region>]

  --vpc-id <id>     the existing VPC to deploy the municipality stack into
  --region <name>   ${JAPAN_REGIONS.join(" or ")} (default: AWS_REGION, else ap-northeast-1)
  --help            this text

exit: 0 ready, 1 findings to fix (listed), 2 bad arguments or a failed read`;

export class UsageError extends Error {}

export interface PreflightArgs {
  readonly vpcId: string;
  readonly region: string;
}

export function parsePreflightArgs(argv: readonly string[], env = process.env): PreflightArgs | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { "vpc-id": { type: "string" }, region: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  const vpcId = values["vpc-id"];
  if (vpcId === undefined) throw new UsageError("--vpc-id is required");
  if (!vpcIdField.safeParse(vpcId).success) throw new UsageError(`--vpc-id ${vpcId} is not a VPC id (vpc-…)`);
  const region = values.region ?? env.AWS_REGION ?? "ap-northeast-1";
  if (!(JAPAN_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(`--region must be ${JAPAN_REGIONS.join(" or ")}, not ${region}`);
  }
  return { vpcId, region };
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
  let args;
  try {
    args = parsePreflightArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    io.out(USAGE);
    return 0;
  }
  try {
    const facts = await readVpcFacts(clientsFor(args.region), args.vpcId, args.region);
    const findings = preflightFindings(facts);
    io.out(renderPreflight(facts, findings));
    return findings.length === 0 ? 0 : 1;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    io.err(`preflight could not read ${args.vpcId}: ${e.name ?? "Error"}: ${e.message ?? String(error)}`);
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
