/**
 * `npm run deploy -- --operator-stack <name> --municipality-stack <name> [--preview] [--cwd .]
 *  [--policy-pack crossguard] [--operator-aws-profile <p>] [--municipality-aws-profile <p>]`
 *
 * Runs the documented order with the Pulumi Automation API (which drives the installed
 * `pulumi` CLI): operator up → municipality up → operator refresh + up with the endpoint lock.
 * The two stacks live in two AWS accounts, so each can get its own AWS profile; without one a
 * stack uses the shell's credentials (the provider's allowedAccountIds refuses a wrong account).
 * The order itself lives in `ordered-deploy.ts`.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { UsageError, parseCommandLine, runCommand } from "../harness/cli";
import { type DeployableStack, DeployError, orderedDeploy } from "./ordered-deploy";

export const USAGE = `usage: npm run deploy -- --operator-stack <stack> --municipality-stack <stack> [--preview] [--cwd <dir>]
         [--policy-pack <dir>] [--operator-aws-profile <profile>] [--municipality-aws-profile <profile>]

  --operator-stack <stack>       the operator (事業者) stack, as \`pulumi stack ls\` names it
  --municipality-stack <stack>   the municipality (自治体) stack
  --preview                      preview every step instead of running it (config is left as it was)
  --cwd <dir>                    the Pulumi project directory (default .)
  --policy-pack <dir>            CrossGuard pack run on every step (default crossguard, relative to --cwd)
  --operator-aws-profile <p>     AWS_PROFILE for the operator stack's steps (default: the shell's credentials)
  --municipality-aws-profile <p> AWS_PROFILE for the municipality stack's steps
  --help                         this text

Needs the Pulumi CLI (https://www.pulumi.com/docs/install/), logged in to the stacks' backend.
exit: 0 done, 1 a step failed (named, with what to do), 2 bad arguments`;

const INSTALL_PULUMI =
  "The Pulumi CLI is not installed or not on PATH: install it (https://www.pulumi.com/docs/install/), " +
  "check with `pulumi version`, then `pulumi login` to the stacks' backend.";

/** The Automation API runs the `pulumi` binary; without it the error is a bare spawn ENOENT. */
export function pulumiCliMissing(error: unknown): boolean {
  const text = [
    (error as Error)?.message,
    (error as { stderr?: unknown })?.stderr,
    (error as { path?: unknown })?.path,
    String(error),
  ].join(" ");
  return /ENOENT/.test(text) && /pulumi/.test(text);
}

/** Adapts an Automation API stack to the orchestration's interface; output streams to the console. */
export function deployableStack(stack: Stack, policyPacks: string[]): DeployableStack {
  const stream = { onOutput: (out: string) => process.stdout.write(out), color: "auto" as const };
  return {
    name: stack.name,
    async config() {
      const all = await stack.getAllConfig();
      return Object.fromEntries(Object.entries(all).map(([key, entry]) => [key, entry.value]));
    },
    setConfigPath: (path, value) => stack.setConfig(path, { value }, true),
    removeConfigPath: (path) => stack.removeConfig(path, true),
    up: async () => {
      await stack.up({ ...stream, policyPacks });
    },
    preview: async ({ refresh }) => {
      await stack.preview({ ...stream, policyPacks, refresh });
    },
    refresh: async () => {
      await stack.refresh({ ...stream });
    },
    outputs: async () =>
      Object.fromEntries(Object.entries(await stack.outputs()).map(([key, output]) => [key, output.value])),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const values = parseCommandLine(argv, {
    "operator-stack": { type: "string" },
    "municipality-stack": { type: "string" },
    preview: { type: "boolean", default: false },
    cwd: { type: "string", default: "." },
    "policy-pack": { type: "string", default: "crossguard" },
    "operator-aws-profile": { type: "string" },
    "municipality-aws-profile": { type: "string" },
  });
  const operatorName = values["operator-stack"];
  const municipalityName = values["municipality-stack"];
  if (!operatorName || !municipalityName) {
    throw new UsageError("--operator-stack and --municipality-stack are both required");
  }
  if (!existsSync(resolve(values.cwd, "Pulumi.yaml"))) {
    throw new UsageError(
      `--cwd ${values.cwd}: no Pulumi.yaml there; run from the project directory or point --cwd at it`,
    );
  }
  const workDir = resolve(values.cwd);
  const policyPack = resolve(workDir, values["policy-pack"]);
  const policyPacks = existsSync(resolve(policyPack, "PulumiPolicy.yaml")) ? [policyPack] : [];
  if (policyPacks.length === 0) console.warn(`warning: no policy pack at ${policyPack}; running without one`);

  const select = async (stackName: string, awsProfile: string | undefined) => {
    const envVars = awsProfile === undefined ? undefined : { AWS_PROFILE: awsProfile };
    try {
      return deployableStack(await LocalWorkspace.selectStack({ stackName, workDir }, { envVars }), policyPacks);
    } catch (error) {
      throw new DeployError(
        "Selecting the stack",
        stackName,
        pulumiCliMissing(error) ? "spawn pulumi ENOENT" : error,
        pulumiCliMissing(error)
          ? INSTALL_PULUMI
          : "Check the stack name (`pulumi stack ls`) and that `pulumi login` points at its backend.",
      );
    }
  };
  const operator = await select(operatorName, values["operator-aws-profile"]);
  const municipality = await select(municipalityName, values["municipality-aws-profile"]);
  const mode = values.preview ? "preview" : "up";
  const result = await orderedDeploy({ operator, municipality, mode, log: (line) => console.log(line) });
  console.log(
    result.lockApplied
      ? `Done: ${mode} of ${operatorName} → ${municipalityName} → ${operatorName} (locked).`
      : `Done: ${mode} of ${operatorName} → ${municipalityName}; the lock step waits for the municipality's first up.`,
  );
  return 0;
}

/** The whole command, for the entry point and in-process specs: the exit code, never a throw. */
export async function deployCommand(argv: readonly string[]): Promise<number> {
  try {
    return await runCommand("deploy", USAGE, () => main(argv));
  } catch (error) {
    console.error(error instanceof DeployError ? `\n${error.message}` : error);
    return 1;
  }
}

if (require.main === module) {
  deployCommand(process.argv.slice(2)).then((code) => process.exit(code));
}
