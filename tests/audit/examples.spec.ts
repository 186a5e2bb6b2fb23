/**
 * The live audit of the shipped stack files, read as a user's files: each against a fake account
 * that holds exactly what it declares audits clean (no false drift), and each injected change is
 * found, alone. Nothing here names a value of those files, so editing them for a real deployment
 * keeps this meaningful.
 */
import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { auditCommand } from "../../audit/cli";
import { type AuditDeployments, type AuditPlan, planAuditDeployments, planAuditOf } from "../../audit/program";
import { type LoadedStack, loadStackFiles } from "../../plan/run";
import { capture } from "../cli-capture";
import { REPO_ROOT } from "../support";
import { cleanAccount, serve } from "./fake-aws";
import { assertFoundOnly, auditFake, injectedChanges } from "./injected";

const shipped = (name: string) => join(REPO_ROOT, `Pulumi.${name}.yaml`);

/** Each shipped stack file with a shipped peer it pairs with, so the matrix runs on the live documents. */
const PAIRS: [string, string][] = [
  ["operator", "municipality"],
  ["operator", "municipality-existing-vpc"],
  ["municipality", "operator"],
  ["municipality-existing-vpc", "operator"],
];

/** One plan per pair of files serves the audit of either side. */
const deployments = new Map<string, Promise<AuditDeployments>>();
function deploymentsOf(stacks: readonly LoadedStack[]): Promise<AuditDeployments> {
  const key = stacks
    .map((s) => s.stack)
    .sort()
    .join(" ");
  if (!deployments.has(key)) deployments.set(key, planAuditDeployments(stacks));
  return deployments.get(key)!;
}

for (const [stack, peer] of PAIRS) {
  describe(`live audit of the shipped Pulumi.${stack}.yaml (peer Pulumi.${peer}.yaml) on a fake account`, function () {
    this.timeout(60_000);
    let plan: AuditPlan;
    before(async () => {
      const loaded = loadStackFiles([shipped(stack), shipped(peer)]);
      plan = await planAuditOf(loaded[0], [loaded[1]], await deploymentsOf(loaded));
    });

    it("a deployment of exactly what it declares audits clean, the matrix included", async () => {
      const run = await auditFake(plan);
      deepStrictEqual(run.report?.findings, [], run.message);
      strictEqual(run.code, 0);
      strictEqual("scenarios" in run.report!.matrix, true, JSON.stringify(run.report!.matrix));
    });

    // Through the command itself once per shipped file (it plans again, as a user's run does).
    if (PAIRS.find(([first]) => first === stack)![1] === peer) {
      it(`npm run audit -- --stack Pulumi.${stack}.yaml --peer Pulumi.${peer}.yaml: clean, exit 0`, async () => {
        const served = serve(cleanAccount(plan).account);
        try {
          const run = await capture(() => auditCommand(["--stack", shipped(stack), "--peer", shipped(peer)]));
          strictEqual(run.code, 0, run.stderr);
          match(run.stdout, /^\*\*clean\*\*: what is deployed is what the program declares$/m);
        } finally {
          served.restore();
        }
      });
    }

    it("each injected change is found, and nothing else", async () => {
      const changes = injectedChanges(plan);
      strictEqual(changes.length > 0, true);
      for (const injected of changes) assertFoundOnly(await auditFake(plan, injected.change), injected);
    });
  });
}
