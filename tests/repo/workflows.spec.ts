/**
 * The GitHub Actions workflows: valid against the workflow JSON schema (SchemaStore's, through
 * @action-validator/core), and saying what the pipeline promises: OIDC only and no stored secret,
 * actions pinned by commit, least GITHUB_TOKEN permissions, AWS roles only in approved GitHub
 * environments, the policy pack on every preview and up, the documented stack order, audit
 * findings published only where the repository says so. Also Dependabot and CODEOWNERS.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { TARGETS } from "../../mutation/targets";
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
const actionOf = (step: Step) => step.uses!.split("@")[0];
const runs = (job: Job) => job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));

/**
 * Every action the workflows use, pinned to the commit of one release ("Pinning an action to a
 * full-length commit SHA is currently the only way to use an action as an immutable release",
 * https://docs.github.com/en/actions/reference/security/secure-use). The SHAs were read from each
 * action's repository (`git rev-parse <tag>^{commit}`), and the inputs from its action.yml at that
 * commit: a misspelt input is silently ignored by GitHub. Dependabot (.github/dependabot.yml)
 * proposes new releases; update this table with them.
 */
const PINNED: Record<string, { readonly sha: string; readonly version: string; readonly inputs: readonly string[] }> = {
  "actions/checkout": { sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", version: "v7.0.1", inputs: [] },
  "actions/setup-node": {
    sha: "820762786026740c76f36085b0efc47a31fe5020",
    version: "v7.0.0",
    inputs: ["node-version", "cache"],
  },
  "actions/upload-artifact": {
    sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f",
    version: "v7.0.0",
    inputs: [
      "name",
      "path",
      "if-no-files-found",
      "retention-days",
      "compression-level",
      "overwrite",
      "include-hidden-files",
    ],
  },
  "actions/download-artifact": {
    sha: "37930b1c2abaa49bbe596cd826c3c89aef350131",
    version: "v7.0.0",
    inputs: ["name", "artifact-ids", "path", "pattern", "merge-multiple", "github-token", "repository", "run-id"],
  },
  "aws-actions/configure-aws-credentials": {
    sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c",
    version: "v6.2.3",
    inputs: [
      "aws-region",
      "role-to-assume",
      "role-session-name",
      "role-duration-seconds",
      "audience",
      "mask-aws-account-id",
    ],
  },
  "pulumi/auth-actions": {
    sha: "141415910c3beb54e03b48e9057c204c97b956f2",
    version: "v2.1.0",
    inputs: [
      "organization",
      "requested-token-type",
      "scope",
      "token-expiration",
      "export-environment-variables",
      "cloud-url",
    ],
  },
  "pulumi/actions": {
    sha: "8e5e406f4007fca908480587cb9893c07090f58d",
    version: "v7.0.0",
    inputs: [
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
  },
};

/** `uses: owner/repo@<40 hex> # vX.Y.Z`, the form Dependabot keeps up to date. */
const PINNED_USES = /^\s*(?:-\s+)?uses: ([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/;

/** Every `uses:` line of a workflow, with the problem it has, if any. */
function pinProblems(file: string): string[] {
  return source(file)
    .split("\n")
    .filter((line) => /^\s*(?:-\s+)?uses:/.test(line))
    .flatMap((line) => {
      const match = PINNED_USES.exec(line);
      if (match === null) return [`${file}: "${line.trim()}" is not pinned as <action>@<commit SHA> # <version>`];
      const [, action, sha, version] = match;
      const pinned = PINNED[action];
      if (pinned === undefined) return [`${file}: ${action} is not one of the pinned actions`];
      if (sha !== pinned.sha || version !== pinned.version) {
        return [`${file}: ${action}@${sha} # ${version} is not ${pinned.sha} # ${pinned.version}`];
      }
      return [];
    });
}

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

      it("pins every action by full commit SHA with its version beside it, and uses inputs it declares", () => {
        deepStrictEqual(pinProblems(file), []);
        for (const job of Object.values(workflow(file).jobs)) {
          for (const step of job.steps.filter((candidate) => candidate.uses !== undefined)) {
            for (const input of Object.keys(step.with ?? {}))
              ok(PINNED[actionOf(step)].inputs.includes(input), `${step.uses} has no input "${input}"`);
          }
        }
      });

      it("uses OIDC only: roles from repository variables, no stored AWS keys, no secrets at all", () => {
        const text = source(file);
        ok(
          !/aws-access-key-id|aws-secret-access-key|aws-session-token|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/i.test(
            text,
          ),
        );
        // "Any user with write access to your repository has read access to all secrets configured
        // in your repository" (secure-use above): Pulumi Cloud's token comes from GitHub's OIDC token.
        deepStrictEqual(text.match(/secrets\./g), null);
        ok(!text.includes("PULUMI_ACCESS_TOKEN"));
        for (const job of Object.values(workflow(file).jobs)) {
          for (const step of steps(job, "aws-actions/configure-aws-credentials")) {
            deepStrictEqual(Object.keys(step.with ?? {}).sort(), ["aws-region", "role-session-name", "role-to-assume"]);
            strictEqual(step.with?.["aws-region"], "${{ vars.AWS_REGION || 'ap-northeast-1' }}");
          }
        }
      });

      it("assumes AWS roles and gets Pulumi Cloud tokens only in jobs that name a GitHub environment", () => {
        for (const [name, job] of Object.entries(workflow(file).jobs)) {
          const credentials = [
            ...steps(job, "aws-actions/configure-aws-credentials"),
            ...steps(job, "pulumi/auth-actions"),
          ];
          if (credentials.length === 0) continue;
          ok(job.environment !== undefined, `${name} gets credentials outside an environment`);
          const [cloud] = steps(job, "pulumi/auth-actions") as (Step & { if?: string })[];
          strictEqual(cloud.if, "vars.PULUMI_ORGANIZATION != ''", name);
          deepStrictEqual(cloud.with, {
            organization: "${{ vars.PULUMI_ORGANIZATION }}",
            "requested-token-type": "urn:pulumi:token-type:access_token:organization",
          });
          // The token must exist before Pulumi runs.
          const order = job.steps.map((step) => (step.uses === undefined ? "" : actionOf(step)));
          ok(order.indexOf("pulumi/auth-actions") < order.indexOf("pulumi/actions"), name);
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

    it("pins every action by full commit SHA with its version beside it, and uses inputs it declares", () => {
      deepStrictEqual(pinProblems(file), []);
      for (const job of Object.values(parsed().jobs)) {
        for (const step of job.steps.filter((candidate) => candidate.uses !== undefined)) {
          for (const input of Object.keys(step.with ?? {}))
            ok(PINNED[actionOf(step)].inputs.includes(input), `${step.uses} has no input "${input}"`);
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

    it("runs the audit script package.json defines, keeps the report out of the log, fails on findings", () => {
      const audit = parsed().jobs.audit;
      const scripts = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).scripts as Record<
        string,
        string
      >;
      match(scripts.audit, / audit\/cli\.ts$/);
      const command = runs(audit).find((run) => run.includes("npm run audit"))!;
      // The CLI prints the report on stdout: into a file, never the (possibly public) log.
      ok(command.includes('npm run audit -- --stack "$STACK_FILE" --out audit-report > audit-report/console.log 2>&1'));
      ok(
        command.includes('if [ "$code" -eq 2 ]; then cat audit-report/console.log; fi'),
        "only a failure to run is printed",
      );
      ok(
        command.includes('test "$code" -eq 0'),
        "findings (exit 1) must fail the job: by default it is the only notice",
      );
      ok(runs(audit).includes("npm ci"));
    });

    it("publishes the report only where AUDIT_FINDINGS says (a private repository's artifact or issue)", () => {
      const [upload] = steps(parsed().jobs.audit, "actions/upload-artifact") as (Step & { if?: string })[];
      strictEqual(upload.if, "always() && (vars.AUDIT_FINDINGS == 'artifact' || vars.AUDIT_FINDINGS == 'issue')");
      strictEqual(upload.with?.path, "audit-report/");
      strictEqual((parsed().jobs.issue as Job & { if?: string }).if, "always() && vars.AUDIT_FINDINGS == 'issue'");
    });

    it("opens or updates one issue, with the gh CLI, only when there are findings", () => {
      const issue = parsed().jobs.issue;
      strictEqual(issue.needs, "audit");
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

    it("runs the gate CI runs (npm test: type-check, specs, lint, format, policy pack, plan, matrix) and uploads the offline plan", () => {
      const checks = parsed().jobs.checks;
      deepStrictEqual(runs(checks), ["npm ci", "npm test", "npm run plan -- --out out"]);
      deepStrictEqual(steps(checks, "actions/upload-artifact")[0].with, {
        name: "offline-plan",
        path: "out/",
        "if-no-files-found": "error",
      });
    });

    it("previews both stacks with their own preview role, commenting on the PR, after the checks, never for forks", () => {
      const preview = parsed().jobs.preview;
      strictEqual(preview.needs, "checks");
      // The preview role trusts only `repo:<owner>/<repo>:environment:preview` (bootstrap/github-oidc.ts):
      // a preview decrypts the stack's secrets, so reviewers approve it first.
      strictEqual(preview.environment, "preview");
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
      strictEqual(pulumi.with?.["github-token"], "${{ github.token }}");
    });
  });

  describe("deploy.yml", () => {
    const parsed = () => workflow("deploy.yml");

    it("runs on main (and by hand), one deploy at a time, never cancelled half-way", () => {
      deepStrictEqual(parsed().on, { push: { branches: ["main"] }, workflow_dispatch: null });
      deepStrictEqual(parsed().concurrency, { group: "deploy", "cancel-in-progress": false });
    });

    it("deploys only from main, even by hand: workflow_dispatch runs on any branch", () => {
      for (const name of ["operator", "municipality", "operator-lock"]) {
        strictEqual((parsed().jobs[name] as Job & { if?: string }).if, "github.ref == 'refs/heads/main'", name);
      }
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

  describe("mutation.yml", () => {
    const file = "mutation.yml";
    const parsed = () => workflow(file);

    it("is valid against the GitHub workflow schema and pins every action by commit", () => {
      deepStrictEqual(validateWorkflow(source(file)).errors, []);
      deepStrictEqual(pinProblems(file), []);
    });

    it("runs weekly and by hand, reads the repository only, and has no AWS access or secrets", () => {
      const on = parsed().on as { schedule: { cron: string }[]; workflow_dispatch: null };
      deepStrictEqual(Object.keys(on).sort(), ["schedule", "workflow_dispatch"]);
      ok(/^\d+ \d+ \* \* \d$/.test(on.schedule[0].cron), on.schedule[0].cron);
      deepStrictEqual(parsed().permissions, { contents: "read" });
      ok(!/secrets\.|id-token|aws-actions/.test(source(file)));
    });

    it("mutates every target of mutation/targets.ts, one job each, and uploads the reports", () => {
      const job = parsed().jobs.mutate as Job & { strategy: { matrix: { target: string[] } } };
      deepStrictEqual(job.strategy.matrix.target, Object.keys(TARGETS));
      deepStrictEqual(runs(job), ["npm ci", "npm run mutate -- ${{ matrix.target }}"]);
      deepStrictEqual(steps(job, "actions/upload-artifact")[0].with?.path, "reports/mutation/");
    });
  });

  describe("repository settings kept in files", () => {
    it("Dependabot proposes new releases of the pinned actions every week", () => {
      const config = parse(readFileSync(join(REPO_ROOT, ".github", "dependabot.yml"), "utf8"), { uniqueKeys: true });
      strictEqual(config.version, 2);
      const [actions] = config.updates.filter(
        (update: { "package-ecosystem": string }) => update["package-ecosystem"] === "github-actions",
      );
      strictEqual(actions.directory, "/");
      strictEqual(actions.schedule.interval, "weekly");
    });

    it("CODEOWNERS makes the workflows and the bootstrap need an owner's review", () => {
      const rules = readFileSync(join(REPO_ROOT, ".github", "CODEOWNERS"), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("#"))
        .map((line) => line.trim().split(/\s+/));
      for (const path of ["/.github/", "/bootstrap/"]) {
        const rule = rules.find(([pattern]) => pattern === path);
        ok(rule !== undefined && rule.length > 1 && rule.slice(1).every((owner) => owner.startsWith("@")), path);
      }
    });
  });
});
