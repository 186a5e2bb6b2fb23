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
import { UsageError, langArgument, langOfArguments, parseCommandLine, runCommand } from "../harness/cli";
import { type Lang, inLanguage } from "../infra/messages";
import { DEPLOY_MESSAGES as m } from "./messages";
import { type DeployableStack, DeployError, orderedDeploy } from "./ordered-deploy";

/** The usage in both languages (./messages.ts). */
export const USAGE = { en: m.usage, ja: inLanguage(m.usage, "ja") };

const INSTALL_PULUMI = m.installPulumi;

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

async function main(argv: readonly string[], lang: Lang): Promise<number> {
  const values = parseCommandLine(argv, {
    "operator-stack": { type: "string" },
    "municipality-stack": { type: "string" },
    preview: { type: "boolean", default: false },
    cwd: { type: "string", default: "." },
    "policy-pack": { type: "string", default: "crossguard" },
    "operator-aws-profile": { type: "string" },
    "municipality-aws-profile": { type: "string" },
    lang: { type: "string" },
  });
  langArgument(values.lang);
  const say = (line: string) => console.log(inLanguage(line, lang));
  const operatorName = values["operator-stack"];
  const municipalityName = values["municipality-stack"];
  if (!operatorName || !municipalityName) {
    throw new UsageError(m.bothStacksRequired);
  }
  if (!existsSync(resolve(values.cwd, "Pulumi.yaml"))) {
    throw new UsageError(m.noPulumiYaml({ cwd: values.cwd }));
  }
  const workDir = resolve(values.cwd);
  const policyPack = resolve(workDir, values["policy-pack"]);
  const policyPacks = existsSync(resolve(policyPack, "PulumiPolicy.yaml")) ? [policyPack] : [];
  if (policyPacks.length === 0) console.warn(inLanguage(m.noPolicyPack({ dir: policyPack }), lang));

  const select = async (stackName: string, awsProfile: string | undefined) => {
    const envVars = awsProfile === undefined ? undefined : { AWS_PROFILE: awsProfile };
    try {
      return deployableStack(await LocalWorkspace.selectStack({ stackName, workDir }, { envVars }), policyPacks);
    } catch (error) {
      throw new DeployError(
        m.selectingStack,
        stackName,
        pulumiCliMissing(error) ? "spawn pulumi ENOENT" : error,
        pulumiCliMissing(error) ? INSTALL_PULUMI : m.checkStackName,
      );
    }
  };
  const operator = await select(operatorName, values["operator-aws-profile"]);
  const municipality = await select(municipalityName, values["municipality-aws-profile"]);
  const mode = values.preview ? "preview" : "up";
  const result = await orderedDeploy({ operator, municipality, mode, log: say });
  say(m.done({ verb: mode, operator: operatorName, municipality: municipalityName, locked: result.lockApplied }));
  return 0;
}

/** The whole command, for the entry point and in-process specs: the exit code, never a throw. */
export async function deployCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const lang = langOfArguments(argv, env);
  try {
    return await runCommand("deploy", USAGE, () => main(argv, lang), lang);
  } catch (error) {
    console.error(error instanceof DeployError ? `\n${inLanguage(error.message, lang)}` : error);
    return 1;
  }
}

if (require.main === module) {
  deployCommand(process.argv.slice(2)).then((code) => process.exit(code));
}
