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
import { parseArgs } from "node:util";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { type DeployableStack, DeployError, orderedDeploy } from "./ordered-deploy";

const USAGE =
  "usage: npm run deploy -- --operator-stack <stack> --municipality-stack <stack> [--preview] [--cwd <dir>]\n" +
  "         [--policy-pack <dir>] [--operator-aws-profile <profile>] [--municipality-aws-profile <profile>]";

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

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      "operator-stack": { type: "string" },
      "municipality-stack": { type: "string" },
      preview: { type: "boolean", default: false },
      cwd: { type: "string", default: "." },
      "policy-pack": { type: "string", default: "crossguard" },
      "operator-aws-profile": { type: "string" },
      "municipality-aws-profile": { type: "string" },
    },
    strict: true,
  });
  const operatorName = values["operator-stack"];
  const municipalityName = values["municipality-stack"];
  if (!operatorName || !municipalityName) {
    console.error(USAGE);
    return 2;
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
        error,
        "Check the stack name and that `pulumi login` points at its backend.",
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

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof DeployError ? `\n${error.message}` : error);
      process.exit(1);
    },
  );
}
