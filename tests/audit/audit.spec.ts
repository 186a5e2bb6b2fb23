/**
 * The live audit against a fake account built from the real program's plan: a clean deployment
 * audits clean, and each kind of tampering produces its named finding.
 */
import { deepStrictEqual, match, ok, strictEqual, throws } from "node:assert/strict";
import { join } from "node:path";
import { type AuditRun, UsageError, parseAuditArgs, runAudit } from "../../audit/cli";
import type { Bindings, Json } from "../../audit/documents";
import { awsClients } from "../../audit/live";
import { type AuditPlan, planAudit } from "../../audit/program";
import { REPO_ROOT } from "../support";
import { type FakeAccount, cleanAccount, endpointOf, serve, stackRouteTables } from "./fake-aws";

const OPERATOR = join(REPO_ROOT, "tests", "fixtures", "Pulumi.operator.yaml");
const MUNICIPALITY = join(REPO_ROOT, "tests", "fixtures", "Pulumi.municipality.yaml");

/** Plans are deterministic: one per stack file for the whole spec. */
const plans = new Map<string, Promise<AuditPlan>>();
function planOf(file: string, peer: string): Promise<AuditPlan> {
  if (!plans.has(file)) plans.set(file, planAudit(file, [peer]));
  return plans.get(file)!;
}

async function audit(
  file: string,
  peer: string,
  change: (account: FakeAccount) => void = () => undefined,
  deny: readonly string[] = [],
): Promise<AuditRun & { sent: string[]; liveIds: Bindings; plan: AuditPlan }> {
  const plan = await planOf(file, peer);
  const { account, liveIds } = cleanAccount(plan);
  change(account);
  const served = serve(account, { deny });
  try {
    const run = await runAudit({ stack: file, peers: [peer] }, awsClients, plan);
    return { ...run, sent: served.sent(), liveIds, plan };
  } finally {
    served.restore();
  }
}

const codes = (run: AuditRun) => [...new Set(run.report?.findings.map((finding) => finding.code))].sort();

describe("live audit (audit/)", () => {
  let operatorPlan: AuditPlan;
  before(async function () {
    this.timeout(120_000);
    operatorPlan = await planOf(OPERATOR, MUNICIPALITY);
    await planOf(MUNICIPALITY, OPERATOR);
  });

  it("reads what the operator plan declares: both invoke roles, the logging role, the logging configuration", () => {
    deepStrictEqual(operatorPlan.declared.roles.map((role) => role.roleName).sort(), [
      "bedrock-lz-invocation-logging-ap-northeast-1",
      "bedrock-lz-invoke-hakodate",
      "bedrock-lz-invoke-sapporo",
    ]);
    strictEqual(operatorPlan.declared.logging?.textDataDeliveryEnabled, true);
    ok(operatorPlan.matrixInput !== undefined, "the municipality file next to it pairs with the operator");
  });

  it("a clean operator deployment audits clean (exit 0) and the matrix runs on its live documents", async () => {
    const run = await audit(OPERATOR, MUNICIPALITY);
    deepStrictEqual(run.report?.findings, []);
    strictEqual(run.code, 0);
    ok("scenarios" in run.report!.matrix && run.report!.matrix.scenarios > 20);
  });

  it("a clean municipality deployment audits clean, with its endpoint ids found by VPC tag", async () => {
    const run = await audit(MUNICIPALITY, OPERATOR);
    deepStrictEqual(run.report?.findings, []);
    strictEqual(run.code, 0);
    const endpoints = run.plan.declared.endpoints;
    ok(endpoints.length >= 3);
    for (const { planId } of endpoints) {
      match(run.report!.bound[planId!], /^vpce-[0-9a-f]{17}$/);
      strictEqual(run.report!.bound[planId!], run.liveIds.get(planId!));
    }
  });

  it("a loosened endpoint policy is drift, and the matrix on the live documents fails", async () => {
    const run = await audit(MUNICIPALITY, OPERATOR, (account) => {
      const endpoint = endpointOf(account, "bedrock-runtime");
      endpoint.PolicyDocument = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
      });
    });
    strictEqual(run.code, 1);
    deepStrictEqual(codes(run), ["endpoint-policy-drift", "matrix-mismatch"]);
    ok(run.report!.findings.some((f) => f.subject.startsWith("endpoint bedrock-runtime statement")));
  });

  it("an attached AmazonBedrockFullAccess is a finding", async () => {
    const run = await audit(OPERATOR, MUNICIPALITY, (account) => {
      account.roles.get("bedrock-lz-invoke-sapporo")!.attached.push("arn:aws:iam::aws:policy/AmazonBedrockFullAccess");
    });
    strictEqual(run.code, 1);
    deepStrictEqual(
      run.report!.findings.map((f) => [f.code, f.subject]),
      [["managed-policy-attached", "bedrock-lz-invoke-sapporo"]],
    );
  });

  it("a route to a NAT gateway is a finding", async () => {
    let table: string | undefined;
    const run = await audit(MUNICIPALITY, OPERATOR, (account) => {
      const [, second] = stackRouteTables(account);
      table = second.RouteTableId;
      second.Routes!.push({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-0123456789abcdef0" });
    });
    deepStrictEqual(
      run.report!.findings.map((f) => [f.code, f.subject]),
      [["route-to-internet", table]],
    );
    strictEqual(run.code, 1);
  });

  it("invocation logging switched off is a finding", async () => {
    const run = await audit(OPERATOR, MUNICIPALITY, (account) => {
      account.logging = undefined;
    });
    deepStrictEqual(codes(run), ["logging-off"]);
    strictEqual(run.code, 1);
  });

  it("an extra principal in a role's trust is drift of that statement", async () => {
    const run = await audit(OPERATOR, MUNICIPALITY, (account) => {
      const role = account.roles.get("bedrock-lz-invoke-sapporo")!;
      const [first, ...rest] = role.trust.Statement as Record<string, unknown>[];
      const principal = first.Principal as { AWS: string };
      role.trust = {
        ...role.trust,
        Statement: [
          { ...first, Principal: { AWS: [principal.AWS, "arn:aws:iam::444444444444:root"] } },
          ...rest,
        ] as Json[],
      };
    });
    strictEqual(run.code, 1);
    ok(codes(run).includes("trust-drift"), codes(run).join(","));
    ok(
      run.report!.findings.some(
        (f) => f.code === "trust-drift" && f.subject.startsWith("bedrock-lz-invoke-sapporo trust"),
      ),
    );
  });

  it("finds a role left behind on a later page of ListRoles (pagination)", async () => {
    const run = await audit(OPERATOR, MUNICIPALITY, (account) => {
      account.otherRoleNames.push("bedrock-lz-invoke-otaru");
    });
    deepStrictEqual(
      run.report!.findings.map((f) => [f.code, f.subject]),
      [["role-left-behind", "bedrock-lz-invoke-otaru"]],
    );
    // One role per page: the paginator had to follow every marker.
    ok(run.sent.filter((name) => name === "ListRolesCommand").length >= 6);
  });

  it("names the missing action on AccessDenied (exit 2)", async () => {
    const run = await audit(OPERATOR, MUNICIPALITY, () => undefined, ["ListAttachedRolePoliciesCommand"]);
    strictEqual(run.code, 2);
    ok(run.message?.includes("iam:ListAttachedRolePolicies"), run.message);
  });

  it("refuses credentials of another account (exit 2)", async () => {
    const run = await audit(OPERATOR, MUNICIPALITY, (account) => {
      account.accountId = "999999999999";
    });
    strictEqual(run.code, 2);
    ok(run.message?.includes("999999999999"));
  });
});

describe("npm run audit arguments", () => {
  it("rejects unknown options and a missing --stack as usage errors (exit 2, no stack trace)", () => {
    throws(() => parseAuditArgs(["--bogus"], () => []), UsageError);
    throws(() => parseAuditArgs([], () => []), /--stack .* is required/);
  });

  it("pairs the stack file with the other stack files of its folder by default", () => {
    const args = parseAuditArgs(["--stack", "stacks/Pulumi.operator.yaml"], () => [
      "Pulumi.operator.yaml",
      "Pulumi.municipality.yaml",
      "README.md",
    ]);
    deepStrictEqual(args, {
      stack: "stacks/Pulumi.operator.yaml",
      peers: ["stacks/Pulumi.municipality.yaml"],
      out: undefined,
    });
  });
});
