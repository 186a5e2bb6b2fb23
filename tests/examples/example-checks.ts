/**
 * What the project's stack files must pass, whatever the user made of them: the checks a fresh
 * clone runs on the shipped examples, and the edits the docs tell users to make. The checks assert
 * no value of the examples (no account id, name or region): they hold for every valid set of files,
 * so tests/examples/*.spec.ts can run them on the shipped files and on copies edited as documented.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { type Document, isMap, parseDocument } from "yaml";
import { matrixOfDeployment } from "../../access/cli";
import { policyPackArgs } from "../../crossguard/pack";
import { collector, resourceArgsOf, stackValidationArgs } from "../../crossguard/smoke/validation-args";
import { projectStackFiles } from "../../harness/stack-file";
import { INFERENCE_PROFILE_CATALOG } from "../../infra/catalog";
import { crossStackProblems } from "../../infra/config/cross-stack";
import { serviceOffered } from "../../infra/regions";
import { proveDeployment } from "../../plan/proof";
import { type DeploymentRuns, loadStackFiles, planDeployment, stackConfigOf } from "../../plan/run";
import { checkApiInputs } from "../fidelity/api-inputs";

export interface ExampleReport {
  readonly deployment: DeploymentRuns;
  readonly pairs: number;
  readonly scenarios: number;
}

/** Every phase run of a deployment, labelled `<file> (<phase>)`. */
function phaseRuns(deployment: DeploymentRuns) {
  return Object.entries(deployment.phases).flatMap(([phase, runs]) =>
    [...runs.values()].map((run) => ({ label: `${run.loaded.file} (${phase})`, run: run.run })),
  );
}

/**
 * The checks: every file is valid config and the files agree (no cross-stack error); the plan of
 * all of them proves every operator–municipality pair and leaves every pair's clients allowed at
 * the end of the deploy order; `npm run matrix`'s pairs all pass; every phase's program passes the
 * CrossGuard pack and the API-model gate. Returns what was proved, for a caller's own assertions.
 */
export async function checkStackFiles(files: readonly string[]): Promise<ExampleReport> {
  const stacks = loadStackFiles(files);
  const configs = stacks.map((stack) => ({ file: stack.file, config: stackConfigOf(stack) }));
  deepStrictEqual(
    crossStackProblems(configs)
      .filter((problem) => problem.severity === "error")
      .map((problem) => problem.message),
    [],
  );
  const deployment = await planDeployment(stacks);
  const proof = await proveDeployment(deployment);
  const failed = proof.pairs.flatMap((pair) =>
    pair.rows.filter((row) => !row.pass).map((row) => `${pair.municipality}:${row.id}`),
  );
  deepStrictEqual(failed, []);
  // Every municipality file is served by an operator file, and its clients get through in the end.
  const municipalities = configs.filter(({ config }) => config.account === "municipality").length;
  ok(proof.pairs.length >= municipalities && municipalities > 0, `${proof.pairs.length} pairs`);
  deepStrictEqual(
    (proof.clients.get("locked") ?? []).filter((entry) => !entry.allowed).map((entry) => entry.municipality),
    [],
  );

  const matrix = await matrixOfDeployment(deployment);
  deepStrictEqual(
    [...matrix].flatMap(([pair, rows]) => rows.filter((row) => !row.pass).map((row) => `${pair}: ${row.id}`)),
    [],
  );

  for (const { label, run } of phaseRuns(deployment)) {
    const { violations, report } = collector();
    for (const policy of policyPackArgs.policies) {
      if ("validateStack" in policy) {
        policy.validateStack(stackValidationArgs(run), report);
      } else {
        for (const validate of [policy.validateResource ?? []].flat()) {
          for (const args of resourceArgsOf(run)) validate(args, report);
        }
      }
    }
    deepStrictEqual(violations, [], label);
    deepStrictEqual(checkApiInputs(run, label).problems, [], label);
  }
  return { deployment, pairs: proof.pairs.length, scenarios: proof.scenarios };
}

// ---------------------------------------------------------------------------------------------
// The documented edits, each applied to a copy of the project's stack files
// ---------------------------------------------------------------------------------------------

/** A directory with copies of the project's stack files, for an edit to change. */
export function copyOfStackFiles(files: readonly string[] = projectStackFiles()): string {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-lz-examples-"));
  for (const file of files) copyFileSync(file, join(dir, basename(file)));
  return dir;
}

interface StackDocument {
  readonly path: string;
  readonly stack: string;
  readonly doc: Document;
}

/** The copies as YAML documents (comments kept), edited in place by `edit` and written back. */
function editFiles(dir: string, edit: (files: StackDocument[]) => void): void {
  const files = projectStackFiles(dir, dir).map((name) => {
    const path = join(dir, name);
    return { path, stack: /^Pulumi\.(.+)\.ya?ml$/.exec(name)![1], doc: parseDocument(readFileSync(path, "utf8")) };
  });
  edit(files);
  for (const { path, doc } of files) writeFileSync(path, doc.toString());
}

const key = (name: string) => (name.includes(":") ? name : `bedrock-lz:${name}`);
const get = (file: StackDocument, ...path: string[]) => file.doc.getIn(["config", key(path[0]), ...path.slice(1)]);
const set = (file: StackDocument, path: string[], value: unknown) =>
  file.doc.setIn(["config", key(path[0]), ...path.slice(1)], value);
const remove = (file: StackDocument, ...path: string[]) =>
  file.doc.deleteIn(["config", key(path[0]), ...path.slice(1)]);
const account = (file: StackDocument) => String(get(file, "account"));
const operators = (files: StackDocument[]) => files.filter((file) => account(file) === "operator");
const municipalities = (files: StackDocument[]) => files.filter((file) => account(file) === "municipality");
const namesIn = (operator: StackDocument) => {
  const map = get(operator, "municipalities");
  return isMap(map) ? map.items.map((item) => String((item.key as { value: unknown }).value)) : [];
};

/** Towns no file uses yet, for a rename or an added municipality. */
function freshNames(files: StackDocument[]): string[] {
  const used = new Set([
    ...operators(files).flatMap(namesIn),
    ...municipalities(files).map((f) => String(get(f, "municipalityName"))),
  ]);
  return ["otaru", "kushiro", "obihiro", "asahikawa", "tomakomai", "wakkanai"].filter((name) => !used.has(name));
}

/** Turns `# key: value` example lines of a section back into config, as the comments invite. */
function uncommentExamples(text: string, marker: string): string {
  const start = text.indexOf(marker);
  if (start < 0) return text;
  const section = text
    .slice(start)
    .split("\n")
    .map((line) => line.replace(/^ {2}# (bedrock-lz:\S+:.*)$/, "  $1").replace(/^ {2}#( {3}.*)$/, "  $1"))
    .join("\n");
  return text.slice(0, start) + section;
}

export interface DocumentedEdit {
  /** What the docs tell the user to do, and where. */
  readonly title: string;
  readonly apply: (dir: string) => void;
}

export const DOCUMENTED_EDITS: readonly DocumentedEdit[] = [
  {
    title: "their own account ids instead of the fake ones (README: replace the fake account ids)",
    apply: (dir) => {
      const ids = new Map<string, string>();
      for (const name of projectStackFiles(dir, dir)) {
        const path = join(dir, name);
        const text = readFileSync(path, "utf8").replace(/(?<!\d)\d{12}(?!\d)/g, (id) => {
          if (!ids.has(id)) ids.set(id, String(830000000000 + ids.size * 1_010_101));
          return ids.get(id)!;
        });
        writeFileSync(path, text);
      }
    },
  },
  {
    title: "a municipality renamed in both files (its key, municipalityName and operatorRoleArn)",
    apply: (dir) =>
      editFiles(dir, (files) => {
        const [town] = municipalities(files);
        const old = String(get(town, "municipalityName"));
        const renamed = freshNames(files)[0];
        set(town, ["municipalityName"], renamed);
        const role = get(town, "operatorRoleArn");
        if (typeof role === "string")
          set(town, ["operatorRoleArn"], role.replace(`-invoke-${old}`, `-invoke-${renamed}`));
        for (const operator of operators(files)) {
          const map = get(operator, "municipalities");
          const item = isMap(map) ? map.items.find((i) => (i.key as { value: unknown }).value === old) : undefined;
          if (item) (item.key as { value: unknown }).value = renamed;
        }
      }),
  },
  {
    title: "the pair moved to Osaka (aws:region ap-northeast-3; CodeArtifact is not offered there)",
    apply: (dir) =>
      editFiles(dir, (files) => {
        for (const file of files) set(file, ["aws:region"], "ap-northeast-3");
        for (const file of municipalities(files)) {
          if (get(file, "codeArtifact") !== undefined) {
            set(file, ["codeArtifact", "mirror"], false);
            set(file, ["codeArtifact", "clientReadAccess"], false);
          }
          if (isMap(get(file, "endpoints"))) {
            for (const endpoint of ["codeartifact.api", "codeartifact.repositories"])
              remove(file, "endpoints", endpoint);
          }
          const profile = get(file, "operatorInferenceProfileArn");
          if (typeof profile === "string")
            set(file, ["operatorInferenceProfileArn"], profile.replace(/:ap-northeast-1:/, ":ap-northeast-3:"));
        }
      }),
  },
  {
    title: "the catalog's other model in every file (bedrock-lz:inferenceProfileId)",
    apply: (dir) =>
      editFiles(dir, (files) => {
        const current = String(get(files[0], "inferenceProfileId") ?? "");
        const other = Object.keys(INFERENCE_PROFILE_CATALOG).find((id) => id !== current)!;
        for (const file of files) set(file, ["inferenceProfileId"], other);
      }),
  },
  {
    title: "metering switched the other way (metering.enabled), with the profile hand-over undone when it goes off",
    apply: (dir) =>
      editFiles(dir, (files) => {
        for (const operator of operators(files)) {
          const on = get(operator, "metering", "enabled") === true;
          set(operator, ["metering", "enabled"], !on);
          if (on) for (const town of municipalities(files)) remove(town, "operatorInferenceProfileArn");
        }
      }),
  },
  {
    title: "one backend for both (docs/deployment.md): operatorStack and municipalityStack instead of copied values",
    apply: (dir) =>
      editFiles(dir, (files) => {
        const [operator] = operators(files);
        for (const town of municipalities(files)) {
          remove(town, "operatorRoleArn");
          remove(town, "operatorInferenceProfileArn");
          set(town, ["operatorStack"], `organization/bedrock-lz/${operator.stack}`);
          const name = String(get(town, "municipalityName"));
          set(operator, ["municipalities", name, "municipalityStack"], `organization/bedrock-lz/${town.stack}`);
        }
      }),
  },
  {
    title:
      "every hand-over done by hand (separate backends): endpoint ids, the STS trust lock and the application profile ARN",
    apply: (dir) =>
      editFiles(dir, (files) => {
        files
          .filter((f) => account(f) === "municipality")
          .forEach((town, index) => {
            const name = String(get(town, "municipalityName"));
            for (const operator of operators(files).filter((o) => namesIn(o).includes(name))) {
              remove(operator, "municipalities", name, "municipalityStack");
              // The municipality's output endpointIds: an endpoint it references keeps its id, one it
              // creates gets the id AWS assigns (made up here).
              const existing = (key: string) => get(town, "existingVpc", "endpoints", key, "existingEndpointId");
              const bedrock = existing("bedrock-runtime") ?? `vpce-0b${index}00000000000001`;
              const sts = existing("sts") ?? `vpce-0b${index}00000000000002`;
              set(operator, ["municipalities", name, "bedrockRuntimeEndpointId"], bedrock);
              set(operator, ["municipalities", name, "stsEndpointId"], sts);
              set(operator, ["municipalities", name, "lockTrustToStsEndpoint"], true);
              if (get(operator, "metering", "enabled") === true && get(town, "operatorRoleArn") !== undefined) {
                const region = String(get(operator, "aws:region"));
                const id = String(get(operator, "accountId"));
                set(
                  town,
                  ["operatorInferenceProfileArn"],
                  `arn:aws:bedrock:${region}:${id}:application-inference-profile/h${index}ndover0000`,
                );
              }
            }
          });
      }),
  },
  {
    title: "one more municipality: an entry in the operator's file and its own copy of the municipality file",
    apply: (dir) => {
      editFiles(dir, (files) => {
        const template =
          municipalities(files).find((f) => get(f, "existingVpc") === undefined) ?? municipalities(files)[0];
        const [operator] = operators(files);
        const name = freshNames(files)[0];
        const accountId = "860000000001";
        set(operator, ["municipalities", name], { accountId });
        const copy = parseDocument(template.doc.toString());
        const town: StackDocument = { path: join(dir, `Pulumi.${name}.yaml`), stack: name, doc: copy };
        const old = String(get(town, "municipalityName"));
        set(town, ["municipalityName"], name);
        set(town, ["accountId"], accountId);
        const role = get(town, "operatorRoleArn");
        if (typeof role === "string") set(town, ["operatorRoleArn"], role.replace(`-invoke-${old}`, `-invoke-${name}`));
        remove(town, "operatorInferenceProfileArn");
        remove(town, "smokeTest", "externalId");
        files.push(town);
      });
    },
  },
  {
    title: "the municipality's setup run (docs/municipality.md step 2: sessionAccess, smokeTest, clientReadAccess on)",
    apply: (dir) =>
      editFiles(dir, (files) => {
        for (const town of municipalities(files)) {
          set(town, ["sessionAccess", "enabled"], true);
          set(town, ["smokeTest", "enabled"], true);
          // CodeArtifact only where it is offered (docs/deployment.md, "Osaka").
          const region = String(get(town, "aws:region"));
          if (get(town, "codeArtifact") !== undefined && serviceOffered(region, "codeartifact"))
            set(town, ["codeArtifact", "clientReadAccess"], true);
        }
      }),
  },
  {
    title:
      "every commented example of the operator's production features switched on (guardrail enforced, model access, data safety)",
    apply: (dir) => {
      for (const name of projectStackFiles(dir, dir)) {
        const path = join(dir, name);
        writeFileSync(
          path,
          uncommentExamples(readFileSync(path, "utf8"), "# Production features of the operator account"),
        );
      }
    },
  },
];
