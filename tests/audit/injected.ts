/**
 * The live audit run against the fake account of a plan (tests/audit/fake-aws.ts), clean or with
 * one change injected, and the changes a drifted account can have: a statement loosened, an
 * endpoint policy replaced, a route to an internet gateway, logging switched off, an SCP detached.
 * Each change says which finding it must produce; nothing in it depends on a stack file's values.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import type { FindingCode } from "../../audit/audit";
import { type AuditRun, runAudit } from "../../audit/cli";
import type { Bindings, Json } from "../../audit/documents";
import { awsClients } from "../../audit/live";
import type { AuditPlan } from "../../audit/program";
import {
  DEFAULT_ENDPOINT_POLICY,
  type FakeAccount,
  type ServeOptions,
  cleanAccount,
  serve,
  stackRouteTables,
} from "./fake-aws";

export interface AuditedRun extends AuditRun {
  /** Every command the audit sent, in order. */
  readonly sent: string[];
  /** What the fake account holds in place of each value the plan could only stand in for. */
  readonly liveIds: Bindings;
}

/** Audits the plan's stack against its clean fake account, after `change`. */
export async function auditFake(
  plan: AuditPlan,
  change: (account: FakeAccount) => void = () => undefined,
  options: ServeOptions = {},
): Promise<AuditedRun> {
  const { account, liveIds } = cleanAccount(plan);
  change(account);
  const served = serve(account, options);
  try {
    const run = await runAudit({ stack: plan.declared.stack, peers: [] }, awsClients, plan);
    return { ...run, sent: served.sent(), liveIds };
  } finally {
    served.restore();
  }
}

/** One change to a clean account, and the finding it must produce. */
export interface InjectedChange {
  readonly what: string;
  readonly change: (account: FakeAccount) => void;
  readonly code: FindingCode;
  /** What every finding of `code` must be about (its subject starts with it). */
  readonly subject: string;
  /**
   * The change loosens a document the access matrix evaluates on the live documents: scenarios may
   * fail with it (matrix-mismatch), and no other finding may appear.
   */
  readonly matrixMayNotice: boolean;
}

/** The changes that apply to the plan's stack (a change to what it does not declare is skipped). */
export function injectedChanges(plan: AuditPlan): InjectedChange[] {
  const { declared } = plan;
  const changes: InjectedChange[] = [];

  // The first Allow statement with a Sid of the stack's own role that names its resources, widened to "*".
  for (const role of declared.roles.filter((r) => declared.ownedRolePrefixes.some((p) => r.roleName.startsWith(p)))) {
    const entry = Object.entries(role.inlinePolicies)
      .flatMap(([policy, document]) =>
        document.Statement.map((statement) => ({ policy, statement: statement as Record<string, Json> })),
      )
      .find(
        ({ statement }) =>
          statement.Effect === "Allow" &&
          typeof statement.Sid === "string" &&
          statement.Resource !== undefined &&
          JSON.stringify([statement.Resource].flat()) !== '["*"]',
      );
    if (entry === undefined) continue;
    const sid = String(entry.statement.Sid);
    changes.push({
      what: `a statement loosened (${role.roleName}/${entry.policy} ${sid}: Resource "*")`,
      change: (account) => {
        const live = account.roles.get(role.roleName)!.inline[entry.policy];
        const statements = live.Statement as Record<string, Json>[];
        const index = statements.findIndex((statement) => statement.Sid === sid);
        statements[index] = { ...statements[index], Resource: "*" };
      },
      code: "inline-policy-drift",
      subject: `${role.roleName}/${entry.policy} statement ${sid}`,
      matrixMayNotice: true,
    });
    break;
  }

  // Each endpoint policy the stack writes, replaced by AWS's default (allow everything).
  for (const endpoint of declared.endpoints.filter((e) => e.policy !== undefined)) {
    changes.push({
      what: `the ${endpoint.key} endpoint policy replaced by AWS's default`,
      change: (account) => {
        const serviceName = endpoint.serviceName;
        const live = account.endpoints.find((e) =>
          endpoint.referencedId !== undefined
            ? e.VpcEndpointId === endpoint.referencedId
            : e.ServiceName === serviceName && (e.Tags ?? []).length > 0,
        )!;
        live.PolicyDocument = JSON.stringify(DEFAULT_ENDPOINT_POLICY);
      },
      code: "endpoint-policy-drift",
      subject: `endpoint ${endpoint.key} statement`,
      matrixMayNotice: true,
    });
  }

  if (declared.endpoints.length > 0) {
    // The fake account is built the same way every time: its last route table of the stack's VPC.
    const table = stackRouteTables(cleanAccount(plan).account).at(-1)!.RouteTableId!;
    changes.push({
      what: "a route to an internet gateway",
      change: (account) => {
        const live = stackRouteTables(account).find((candidate) => candidate.RouteTableId === table)!;
        live.Routes!.push({ DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-0a1b2c3d4e5f60789" });
      },
      code: "route-to-internet",
      subject: table,
      matrixMayNotice: false,
    });
  }

  if (declared.logging !== undefined) {
    changes.push({
      what: "invocation logging switched off",
      change: (account) => {
        account.logging = undefined;
      },
      code: "logging-off",
      subject: declared.region,
      matrixMayNotice: false,
    });
  }

  const [scp] = declared.scps;
  if (scp !== undefined) {
    const target = scp.targetIds[0] ?? declared.accountId;
    changes.push({
      what: `the SCP ${scp.name} detached from ${target}`,
      change: (account) => {
        const id = [...account.policies.values()].find((policy) => policy.Name === scp.name)!.Id;
        account.attachments.set(
          target,
          account.attachments.get(target)!.filter((attached) => attached !== id),
        );
      },
      code: "scp-missing",
      subject: `${scp.name} → ${target}`,
      matrixMayNotice: false,
    });
  }
  return changes;
}

/** The run found the change, and nothing else (bar the matrix rows a loosened document fails). */
export function assertFoundOnly(run: AuditRun, injected: InjectedChange): void {
  strictEqual(run.code, 1, `${injected.what}: exit ${run.code} ${run.message ?? ""}`);
  const findings = run.report!.findings;
  const own = findings.filter((finding) => finding.code !== "matrix-mismatch");
  ok(own.length > 0, `${injected.what}: no finding`);
  deepStrictEqual(
    own.filter((finding) => finding.code !== injected.code || !finding.subject.startsWith(injected.subject)),
    [],
    `${injected.what}: findings about something else`,
  );
  if (!injected.matrixMayNotice) {
    deepStrictEqual(
      findings.filter((finding) => finding.code === "matrix-mismatch"),
      [],
      `${injected.what}: the matrix is not about this`,
    );
  }
}
