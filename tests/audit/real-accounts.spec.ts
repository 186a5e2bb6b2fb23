/**
 * The live audit on the configurations where it met real accounts differently from the shipped
 * one: a metered operator, an existing VPC with referenced endpoints, an account whose SCPs sit
 * beside AWS's FullAWSAccess, a member account that may not read its organization's policies, an
 * operator with a guardrail. Each runs against the fake AWS of tests/audit/fake-aws.ts, which
 * answers as AWS does.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { type AuditPlan, planAuditDeployments, planAuditOf } from "../../audit/program";
import { auditRoleReadPolicy } from "../../bootstrap/github-oidc";
import { fakeInferenceProfileId } from "../../harness/mock-engine";
import type { LoadedStack } from "../../plan/run";
import { fixtureConfig, withConfig } from "../support";
import { FULL_AWS_ACCESS, endpointOf, policyAllows } from "./fake-aws";
import { assertFoundOnly, auditFake, injectedChanges } from "./injected";

const VPC = "vpc-0a1b2c3d4e5f60789";
const STS_ENDPOINT = "vpce-0a1b2c3d4e5f60783";
const S3_ENDPOINT = "vpce-0a1b2c3d4e5f60784";

function loaded(stack: "operator" | "municipality", changes: Record<string, unknown> = {}): LoadedStack {
  return {
    stack,
    file: `tests/fixtures/Pulumi.${stack}.yaml (changed)`,
    config: withConfig(fixtureConfig(stack), changes),
  };
}

const ORGANIZATIONS = { enabled: true, managementRoleArn: "arn:aws:iam::999999999999:role/OrganizationsPolicyAdmin" };

describe("live audit: a metered operator", function () {
  this.timeout(60_000);
  let plan: AuditPlan;
  before(async () => {
    plan = await planAuditOf(loaded("operator", { "bedrock-lz:metering": { enabled: true } }), [
      loaded("municipality"),
    ]);
  });

  it("audits clean: each invoke role's application-profile ARN is bound to the id Bedrock assigned", async () => {
    const run = await auditFake(plan);
    deepStrictEqual(run.report?.findings, []);
    strictEqual(run.code, 0);
    const bound = Object.entries(run.report!.bound).filter(([placeholder]) =>
      ["sapporo", "hakodate"].some((name) => placeholder === fakeInferenceProfileId(`metering-${name}-profile`)),
    );
    strictEqual(bound.length, 2, JSON.stringify(run.report!.bound));
    for (const [placeholder, live] of bound) {
      match(live, /^[a-z0-9]{12}$/);
      ok(live !== placeholder);
    }
  });
});

describe("live audit: an existing VPC with referenced endpoints and a secondary block", function () {
  this.timeout(60_000);
  let plan: AuditPlan;
  before(async () => {
    const municipality = loaded("municipality", {
      "bedrock-lz:vpc": undefined,
      "bedrock-lz:existingVpc": {
        vpcId: VPC,
        subnetIds: ["subnet-0a1b2c3d4e5f60780", "subnet-0a1b2c3d4e5f60781"],
        routeTableIds: ["rtb-0a1b2c3d4e5f60782"],
        endpoints: {
          sts: { existingEndpointId: STS_ENDPOINT, manageExistingPolicy: true },
          s3: { existingEndpointId: S3_ENDPOINT, manageExistingPolicy: false },
        },
      },
    });
    plan = await planAuditOf(municipality, [loaded("operator")]);
  });

  it("finds the VPC by its configured id (it carries none of the stack's tags) and audits clean", async () => {
    const run = await auditFake(plan);
    deepStrictEqual(run.report?.findings, []);
    strictEqual(run.code, 0);
    ok(run.report!.read.includes(`VPC ${VPC} (existingVpc.vpcId): found`), run.report!.read.join("\n"));
    // Another workload's endpoint in the shared VPC is none of the audit's business.
    ok(run.report!.read.includes(`VPC endpoints of ${VPC}: 4`));
  });

  it("audits the policy it writes on a referenced endpoint", async () => {
    const run = await auditFake(plan, (account) => {
      const sts = account.endpoints.find((endpoint) => endpoint.VpcEndpointId === STS_ENDPOINT)!;
      const policy = JSON.parse(sts.PolicyDocument!);
      policy.Statement = policy.Statement.filter(
        (statement: { Sid?: string }) => statement.Sid !== "ClientRoleAssumesOperatorRoleOnly",
      );
      sts.PolicyDocument = JSON.stringify(policy);
    });
    strictEqual(run.code, 1);
    deepStrictEqual(
      run.report!.findings.filter((f) => f.code !== "matrix-mismatch").map((f) => [f.code, f.subject]),
      [["endpoint-policy-drift", "endpoint sts statement ClientRoleAssumesOperatorRoleOnly"]],
    );
    // The client role cannot reach the operator through the endpoint any more.
    ok(run.report!.findings.some((f) => f.code === "matrix-mismatch"));
  });

  it("leaves the policy of a referenced endpoint it does not manage alone, and says so", async () => {
    const run = await auditFake(plan);
    ok(
      run.report!.read.some((line) => line.startsWith(`endpoint s3 ${S3_ENDPOINT}: referenced, its policy left alone`)),
    );
  });

  it("names a referenced endpoint that is gone by its config key", async () => {
    const run = await auditFake(plan, (account) => {
      account.endpoints = account.endpoints.filter((endpoint) => endpoint.VpcEndpointId !== S3_ENDPOINT);
    });
    deepStrictEqual(
      run.report!.findings.map((f) => [f.code, f.subject, f.message]),
      [
        [
          "endpoint-missing",
          "s3",
          `existingVpc.endpoints.s3.existingEndpointId ${S3_ENDPOINT} is not an endpoint of ${VPC}`,
        ],
      ],
    );
  });

  it("names an endpoint carrying the stack's tags that it does not declare, not another workload's", async () => {
    const run = await auditFake(plan, (account) => {
      const created = endpointOf(account, "bedrock-runtime");
      account.endpoints.push({
        ...created,
        VpcEndpointId: "vpce-0ffffffffffffffff",
        ServiceName: "com.amazonaws.ap-northeast-1.ssm",
      });
    });
    deepStrictEqual(
      run.report!.findings.map((f) => [f.code, f.subject]),
      [["endpoint-unexpected", "vpce-0ffffffffffffffff"]],
    );
  });

  it("reports a configured VPC that does not exist, instead of looking for tags", async () => {
    const run = await auditFake(plan, (account) => {
      account.vpcs = account.vpcs.filter((vpc) => vpc.VpcId !== VPC);
    });
    deepStrictEqual(
      run.report!.findings.map((f) => [f.code, f.message]),
      [["vpc-missing", `existingVpc.vpcId ${VPC} does not exist in ap-northeast-1 for these credentials`]],
    );
  });
});

describe("live audit: SCPs in AWS Organizations", function () {
  this.timeout(60_000);
  const plans = new Map<string, AuditPlan>();
  before(async () => {
    const operator = loaded("operator", { "bedrock-lz:organizations": ORGANIZATIONS });
    const municipality = loaded("municipality", { "bedrock-lz:organizations": ORGANIZATIONS });
    const deployments = await planAuditDeployments([operator, municipality]);
    plans.set("operator", await planAuditOf(operator, [municipality], deployments));
    plans.set("municipality", await planAuditOf(municipality, [operator], deployments));
  });

  for (const stack of ["operator", "municipality"]) {
    it(`${stack}: FullAWSAccess attached beside the program's SCPs audits clean, and is listed, never described`, async () => {
      const plan = plans.get(stack)!;
      strictEqual(plan.declared.scps.length, 2);
      const run = await auditFake(plan);
      deepStrictEqual(run.report?.findings, [], run.message);
      const listed = run.report!.read.find((line) => line.startsWith(`SCPs attached to ${plan.declared.accountId}:`));
      match(listed ?? "", /: FullAWSAccess, /);
      // Only the program's own SCPs are described: FullAWSAccess's ARN has no organization, and
      // the audit role's policy (rightly) does not reach it.
      strictEqual(run.sent.filter((name) => name === "DescribePolicyCommand").length, 2);
      const policy = auditRoleReadPolicy(plan.declared.accountId, plan.declared.region);
      strictEqual(policyAllows(policy, "organizations:DescribePolicy", FULL_AWS_ACCESS.Arn), false);
    });
  }

  for (const stack of ["operator", "municipality"]) {
    it(`${stack}: each injected change is found alone, an SCP detached among them`, async () => {
      const plan = plans.get(stack)!;
      const changes = injectedChanges(plan);
      ok(changes.some((change) => change.code === "scp-missing"));
      for (const injected of changes) assertFoundOnly(await auditFake(plan, injected.change), injected);
    });
  }

  it("a member account that may not read the organization's policies gets a finding that says so, not an error", async () => {
    const plan = plans.get("municipality")!;
    const run = await auditFake(plan, (account) => {
      account.organization!.delegatedAdministrator = false;
    });
    strictEqual(run.code, 1, run.message);
    deepStrictEqual(
      run.report!.findings.map((f) => [f.code, f.subject]),
      [["scp-unreadable", plan.declared.accountId]],
    );
    const [finding] = run.report!.findings;
    match(finding.message, /needs the organization's management account \(999999999999\) or a delegated administrator/);
    match(finding.message, /is a member account of o-/);
  });

  it("in the management account, a missing IAM permission is named (exit 2), as for any other read", async () => {
    const plan = plans.get("operator")!;
    const run = await auditFake(
      plan,
      (account) => {
        account.organization!.managementAccountId = account.accountId;
      },
      { deny: ["ListPoliciesForTargetCommand"] },
    );
    strictEqual(run.code, 2);
    match(run.message ?? "", /missing permission organizations:ListPoliciesForTarget/);
  });

  it("an account in no organization has none of its SCPs", async () => {
    const plan = plans.get("municipality")!;
    const run = await auditFake(plan, (account) => {
      account.organization = undefined;
    });
    deepStrictEqual(
      run.report!.findings.map((f) => f.code),
      ["scp-missing", "scp-missing"],
    );
    match(run.report!.findings[0].message, /is in no AWS Organizations organization/);
  });

  it("follows every page of ListPoliciesForTarget", async () => {
    const run = await auditFake(plans.get("operator")!);
    // FullAWSAccess and the two SCPs, one per page.
    strictEqual(run.sent.filter((name) => name === "ListPoliciesForTargetCommand").length, 3);
  });
});

describe("live audit: an operator that enforces its guardrail", function () {
  this.timeout(60_000);
  it("audits clean: ListGuardrails without an identifier is authorised on *, the enforced version is READY", async () => {
    const guardrail = {
      enabled: true,
      enforceOnInvokeRoles: true,
      contentFilters: { HATE: { inputStrength: "HIGH", outputStrength: "HIGH" } },
    };
    const plan = await planAuditOf(loaded("operator", { "bedrock-lz:guardrail": guardrail }), [loaded("municipality")]);
    const run = await auditFake(plan);
    deepStrictEqual(run.report?.findings, [], run.message);
    ok(run.sent.includes("ListGuardrailsCommand") && run.sent.includes("GetGuardrailCommand"));
    // The enforced version binds as `<id>:<version>`; its status was read (GetGuardrail) and is READY.
    const [enforced] = Object.values(run.report!.bound).filter((value) => /^[a-z0-9]{12}:1$/.test(value));
    ok(enforced !== undefined, JSON.stringify(run.report!.bound));
  });
});

describe("live audit: roles bounded by a policy another stack owns (permissionBoundary.policyArn)", function () {
  this.timeout(60_000);
  const boundary = "arn:aws:iam::111111111111:policy/bedrock-lz-deploy-boundary";
  let plan: AuditPlan;
  before(async () => {
    plan = await planAuditOf(loaded("operator", { "bedrock-lz:permissionBoundary": { policyArn: boundary } }), [
      loaded("municipality"),
    ]);
  });

  it("declares the boundary by name, without a document of its own, and audits clean", async () => {
    const invoke = plan.declared.roles.find((role) => role.roleName === "bedrock-lz-invoke-sapporo")!;
    deepStrictEqual(invoke.permissionsBoundary, { policyName: "bedrock-lz-deploy-boundary" });
    const run = await auditFake(plan);
    deepStrictEqual(run.report?.findings, []);
    strictEqual(run.code, 0);
  });
});
