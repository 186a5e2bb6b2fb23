/**
 * The GitHub Actions workflows: valid against the workflow JSON schema (SchemaStore's, through
 * @action-validator/core), and saying what the pipeline promises: OIDC only, least GITHUB_TOKEN
 * permissions, the policy pack on every preview and up, the documented stack order.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { REPO_ROOT } from "../support";

const WORKFLOWS = join(REPO_ROOT, ".github", "workflows");

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly environment?: string;
  readonly permissions?: Record<string, string>;
  readonly strategy?: { matrix: { include: Record<string, string>[] } };
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly concurrency?: { group: string; "cancel-in-progress": boolean };
  readonly jobs: Record<string, Job>;
}

function source(file: string): string {
  return readFileSync(join(WORKFLOWS, file), "utf8");
}

function workflow(file: string): Workflow {
  return parse(source(file), { uniqueKeys: true }) as Workflow;
}

const steps = (job: Job, action: string) => job.steps.filter((step) => step.uses?.split("@")[0] === action);
const runs = (job: Job) => job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));

/**
 * The inputs each action declares in its action.yml at the major version the workflows pin
 * (read from the actions' repositories); a misspelt input is silently ignored by GitHub.
 */
const ACTION_INPUTS: Record<string, readonly string[]> = {
  "actions/checkout@v7": [],
  "actions/setup-node@v7": ["node-version", "cache"],
  "actions/upload-artifact@v7": [
    "name",
    "path",
    "if-no-files-found",
    "retention-days",
    "compression-level",
    "overwrite",
    "include-hidden-files",
  ],
  "actions/download-artifact@v7": [
    "name",
    "artifact-ids",
    "path",
    "pattern",
    "merge-multiple",
    "github-token",
    "repository",
    "run-id",
  ],
  "aws-actions/configure-aws-credentials@v6": [
    "aws-region",
    "role-to-assume",
    "role-session-name",
    "role-duration-seconds",
    "audience",
    "mask-aws-account-id",
  ],
  "pulumi/actions@v7": [
    "command",
    "stack-name",
    "work-dir",
    "cloud-url",
    "secrets-provider",
    "comment-on-pr",
    "comment-on-summary",
    "edit-pr-comment",
    "github-token",
    "policyPacks",
    "policyPackConfigs",
    "refresh",
    "upsert",
    "diff",
    "pulumi-version",
  ],
};

describe("GitHub workflows", () => {
  for (const file of ["pull-request.yml", "deploy.yml"]) {
    describe(file, () => {
      it("is valid against the GitHub workflow schema", () => {
        deepStrictEqual(validateWorkflow(source(file)).errors, []);
      });

      it("grants GITHUB_TOKEN read-only contents by default; only AWS jobs get an OIDC token", () => {
        const parsed = workflow(file);
        deepStrictEqual(parsed.permissions, { contents: "read" });
        for (const [name, job] of Object.entries(parsed.jobs)) {
          const assumesRole = steps(job, "aws-actions/configure-aws-credentials").length > 0;
          strictEqual(job.permissions?.["id-token"], assumesRole ? "write" : undefined, `${name}: id-token`);
        }
      });

      it("uses only pinned major versions of known actions, with inputs they declare", () => {
        for (const job of Object.values(workflow(file).jobs)) {
          for (const step of job.steps.filter((candidate) => candidate.uses !== undefined)) {
            const known = ACTION_INPUTS[step.uses!];
            ok(known !== undefined, `${step.uses} is not one of the pinned actions`);
            for (const input of Object.keys(step.with ?? {}))
              ok(known.includes(input), `${step.uses} has no input "${input}"`);
          }
        }
      });

      it("uses OIDC roles from repository variables and no stored AWS keys", () => {
        const text = source(file);
        ok(
          !/aws-access-key-id|aws-secret-access-key|aws-session-token|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/i.test(
            text,
          ),
        );
        // The only secrets are the Pulumi Cloud token (optional) and the job's own GITHUB_TOKEN.
        deepStrictEqual([...new Set(text.match(/secrets\.[A-Z_]+/g))].sort(), [
          ...(file === "pull-request.yml" ? ["secrets.GITHUB_TOKEN"] : []),
          "secrets.PULUMI_ACCESS_TOKEN",
        ]);
        for (const job of Object.values(workflow(file).jobs)) {
          for (const step of steps(job, "aws-actions/configure-aws-credentials")) {
            deepStrictEqual(Object.keys(step.with ?? {}).sort(), ["aws-region", "role-session-name", "role-to-assume"]);
            strictEqual(step.with?.["aws-region"], "${{ vars.AWS_REGION || 'ap-northeast-1' }}");
          }
        }
      });

      it("installs from the lockfile and runs the tests before touching AWS", () => {
        const parsed = workflow(file);
        const checks = parsed.jobs.checks;
        deepStrictEqual(runs(checks).slice(0, 2), ["npm ci", "npm test"]);
        for (const [name, job] of Object.entries(parsed.jobs)) {
          if (steps(job, "pulumi/actions").length === 0) continue;
          ok(runs(job).includes("npm ci"), `${name} installs the program's dependencies`);
          ok(
            !runs(job).some((command) => command.startsWith("npm install")),
            `${name} never resolves outside the lockfile`,
          );
        }
      });

      it("runs every Pulumi command with the policy pack, which exists", () => {
        const pulumiSteps = Object.values(workflow(file).jobs).flatMap((job) => steps(job, "pulumi/actions"));
        ok(pulumiSteps.length > 0);
        for (const step of pulumiSteps) strictEqual(step.with?.policyPacks, "crossguard");
        ok(existsSync(join(REPO_ROOT, "crossguard", "PulumiPolicy.yaml")));
      });

      it("runs only npm scripts that package.json defines", () => {
        const scripts = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).scripts as Record<
          string,
          string
        >;
        const used = Object.values(workflow(file).jobs)
          .flatMap(runs)
          .flatMap((command) => [...command.matchAll(/npm (?:run |)([\w:-]+)/g)].map((match) => match[1]))
          .filter((script) => script !== "ci");
        for (const script of used) {
          ok(script in scripts, `npm script "${script}" is not in package.json`);
        }
      });
    });
  }

  describe("audit.yml", () => {
    const file = "audit.yml";
    const parsed = () => workflow(file);

    it("is valid against the GitHub workflow schema", () => {
      deepStrictEqual(validateWorkflow(source(file)).errors, []);
    });

    it("runs on a schedule and by hand, one audit at a time", () => {
      const on = parsed().on as { schedule: { cron: string }[]; workflow_dispatch: null };
      deepStrictEqual(Object.keys(on).sort(), ["schedule", "workflow_dispatch"]);
      strictEqual(on.schedule.length, 1);
      ok(/^\d+ \d+ \* \* \*$/.test(on.schedule[0].cron), on.schedule[0].cron);
      deepStrictEqual(parsed().concurrency, { group: "audit", "cancel-in-progress": false });
    });

    it("uses only pinned major versions of known actions, with inputs they declare", () => {
      for (const job of Object.values(parsed().jobs)) {
        for (const step of job.steps.filter((candidate) => candidate.uses !== undefined)) {
          const known = ACTION_INPUTS[step.uses!];
          ok(known !== undefined, `${step.uses} is not one of the pinned actions`);
          for (const input of Object.keys(step.with ?? {}))
            ok(known.includes(input), `${step.uses} has no input "${input}"`);
        }
      }
    });

    it("grants the least GITHUB_TOKEN: an OIDC token only to the audit job, issues only to the issue job", () => {
      deepStrictEqual(parsed().permissions, { contents: "read" });
      deepStrictEqual(parsed().jobs.audit.permissions, { contents: "read", "id-token": "write" });
      deepStrictEqual(parsed().jobs.issue.permissions, { contents: "read", issues: "write" });
    });

    it("audits every stack with its account's audit role, in the audit environment, no stored keys", () => {
      const audit = parsed().jobs.audit;
      // The audit role trusts only `repo:<owner>/<repo>:environment:audit` (bootstrap/github-oidc.ts).
      strictEqual(audit.environment, "audit");
      deepStrictEqual(
        audit.strategy?.matrix.include.map((entry) => [entry.account, entry["stack-file"], entry.role]),
        [
          ["operator", "Pulumi.operator.yaml", "${{ vars.OPERATOR_AUDIT_ROLE_ARN }}"],
          ["municipality", "Pulumi.municipality.yaml", "${{ vars.MUNICIPALITY_AUDIT_ROLE_ARN }}"],
        ],
      );
      for (const entry of audit.strategy!.matrix.include) ok(existsSync(join(REPO_ROOT, entry["stack-file"])));
      const [aws] = steps(audit, "aws-actions/configure-aws-credentials");
      deepStrictEqual(Object.keys(aws.with ?? {}).sort(), ["aws-region", "role-session-name", "role-to-assume"]);
      strictEqual(aws.with?.["role-to-assume"], "${{ matrix.role }}");
      const text = source(file);
      ok(!/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./i.test(text));
    });

    it("runs the audit script package.json defines, uploads the report even on findings, fails only when it cannot run", () => {
      const audit = parsed().jobs.audit;
      const scripts = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).scripts as Record<
        string,
        string
      >;
      match(scripts.audit, / audit\/cli\.ts$/);
      const command = runs(audit).find((run) => run.includes("npm run audit"))!;
      ok(command.includes('--stack "$STACK_FILE" --out audit-report'));
      ok(command.includes('test "$code" -le 1'), "exit 1 (findings) must not fail the job, exit 2 must");
      ok(runs(audit).includes("npm ci"));
      const [upload] = steps(audit, "actions/upload-artifact") as (Step & { if?: string })[];
      strictEqual(upload.if, "always()");
      strictEqual(upload.with?.path, "audit-report/");
    });

    it("opens or updates one issue, with the gh CLI, only when there are findings", () => {
      const issue = parsed().jobs.issue;
      strictEqual(issue.needs, "audit");
      strictEqual(issue.if, "always()");
      const [script] = runs(issue);
      ok(script.includes("gh issue list --state open"));
      ok(script.includes("gh issue edit"));
      ok(script.includes("gh issue create"));
      ok(script.indexOf('if [ "$findings" -eq 0 ]') < script.indexOf("gh issue create"));
    });
  });

  it("the schema check is live: it rejects an invalid permission value", () => {
    const broken = source("deploy.yml").replace("id-token: write", "id-token: writ");
    ok(validateWorkflow(broken).errors.length > 0);
  });

  describe("pull-request.yml", () => {
    const parsed = () => workflow("pull-request.yml");

    it("runs on pull requests to main, one run per PR at a time", () => {
      deepStrictEqual(parsed().on, { pull_request: { branches: ["main"] } });
      deepStrictEqual(parsed().concurrency, {
        group: "pull-request-${{ github.event.pull_request.number }}",
        "cancel-in-progress": true,
      });
    });

    it("type-checks, tests, loads the policy pack, lints, and uploads the offline plan", () => {
      const checks = parsed().jobs.checks;
      deepStrictEqual(runs(checks), [
        "npm ci",
        "npm test",
        "npm run crossguard:smoke",
        "npm run lint",
        "npm run format:check",
        "npm run plan -- --out out",
      ]);
      deepStrictEqual(steps(checks, "actions/upload-artifact")[0].with, {
        name: "offline-plan",
        path: "out/",
        "if-no-files-found": "error",
      });
    });

    it("previews both stacks with their own preview role, commenting on the PR, after the checks, never for forks", () => {
      const preview = parsed().jobs.preview;
      strictEqual(preview.needs, "checks");
      strictEqual(preview.if, "github.event.pull_request.head.repo.full_name == github.repository");
      deepStrictEqual(preview.permissions, { contents: "read", "id-token": "write", "pull-requests": "write" });
      deepStrictEqual(preview.strategy?.matrix.include, [
        {
          account: "operator",
          stack: "${{ vars.OPERATOR_STACK }}",
          role: "${{ vars.OPERATOR_PREVIEW_ROLE_ARN }}",
          backend: "${{ vars.OPERATOR_BACKEND_URL }}",
        },
        {
          account: "municipality",
          stack: "${{ vars.MUNICIPALITY_STACK }}",
          role: "${{ vars.MUNICIPALITY_PREVIEW_ROLE_ARN }}",
          backend: "${{ vars.MUNICIPALITY_BACKEND_URL }}",
        },
      ]);
      strictEqual(
        steps(preview, "aws-actions/configure-aws-credentials")[0].with?.["role-to-assume"],
        "${{ matrix.role }}",
      );
      const [pulumi] = steps(preview, "pulumi/actions");
      strictEqual(pulumi.with?.command, "preview");
      strictEqual(pulumi.with?.["stack-name"], "${{ matrix.stack }}");
      strictEqual(pulumi.with?.["comment-on-pr"], true);
    });
  });

  describe("deploy.yml", () => {
    const parsed = () => workflow("deploy.yml");

    it("runs on main (and by hand), one deploy at a time, never cancelled half-way", () => {
      deepStrictEqual(parsed().on, { push: { branches: ["main"] }, workflow_dispatch: null });
      deepStrictEqual(parsed().concurrency, { group: "deploy", "cancel-in-progress": false });
    });

    it("ups the stacks in the documented order: operator → municipality → operator (refresh, lock)", () => {
      const jobs = parsed().jobs;
      const order: string[] = [];
      // Walk the needs chain from the job nothing depends on back to the checks.
      const needed = new Set(Object.values(jobs).flatMap((job) => [job.needs ?? []].flat()));
      let current: string | undefined = Object.keys(jobs).find((name) => !needed.has(name));
      while (current !== undefined) {
        order.unshift(current);
        const needs = [jobs[current].needs ?? []].flat();
        strictEqual(needs.length <= 1, true, `${current} has one predecessor`);
        current = needs[0];
      }
      deepStrictEqual(order, ["checks", "operator", "municipality", "operator-lock"]);

      const deployed = order.slice(1).map((name) => {
        const job = jobs[name];
        const [pulumi] = steps(job, "pulumi/actions");
        const [aws] = steps(job, "aws-actions/configure-aws-credentials");
        return {
          environment: job.environment,
          role: aws.with?.["role-to-assume"],
          command: pulumi.with?.command,
          refresh: pulumi.with?.refresh,
          stack: pulumi.with?.["stack-name"],
          backend: pulumi.with?.["cloud-url"],
        };
      });
      deepStrictEqual(deployed, [
        {
          environment: "operator",
          role: "${{ vars.OPERATOR_DEPLOY_ROLE_ARN }}",
          command: "up",
          refresh: undefined,
          stack: "${{ vars.OPERATOR_STACK }}",
          backend: "${{ vars.OPERATOR_BACKEND_URL }}",
        },
        {
          environment: "municipality",
          role: "${{ vars.MUNICIPALITY_DEPLOY_ROLE_ARN }}",
          command: "up",
          refresh: undefined,
          stack: "${{ vars.MUNICIPALITY_STACK }}",
          backend: "${{ vars.MUNICIPALITY_BACKEND_URL }}",
        },
        {
          environment: "operator",
          role: "${{ vars.OPERATOR_DEPLOY_ROLE_ARN }}",
          command: "up",
          refresh: true,
          stack: "${{ vars.OPERATOR_STACK }}",
          backend: "${{ vars.OPERATOR_BACKEND_URL }}",
        },
      ]);
    });
  });
});
