import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parseStackConfig, rawConfigOf } from "../../infra/config";
import { REPO_ROOT, fixtureConfig } from "../support";

describe("shipped project files", () => {
  it("Pulumi.operator.yaml and Pulumi.municipality.yaml are valid and agree on the municipality", () => {
    const operator = parseStackConfig(rawConfigOf(fixtureConfig("operator")));
    const municipality = parseStackConfig(rawConfigOf(fixtureConfig("municipality")));
    strictEqual(operator.account, "operator");
    strictEqual(municipality.account, "municipality");
    if (operator.account !== "operator" || municipality.account !== "municipality") return;
    const peer = operator.municipalities[municipality.municipalityName];
    ok(peer, "the municipality's short name is a key of the operator's map");
    strictEqual(peer.accountId, municipality.accountId);
    strictEqual(peer.clientRoleArn, `arn:aws:iam::${municipality.accountId}:role/${municipality.clientRoleName}`);
    ok("roleArn" in municipality.operator);
    strictEqual(
      municipality.operator.roleArn,
      `arn:aws:iam::${operator.accountId}:role/bedrock-lz-invoke-${municipality.municipalityName}`,
    );
  });

  it("pulumi up loads the program through a loader a production install has", () => {
    // typescript: false makes Pulumi's language host skip ts-node; the program then loads only
    // through the nodeargs preload, which `npm ci --omit=dev` must still install.
    const project = parse(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
    const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    const [flag, loader] = project.runtime.options.nodeargs.split(" ");
    strictEqual(flag, "--require");
    ok(loader.split("/")[0] in packageJson.dependencies, `${loader} comes from a runtime dependency`);
    ok(require.resolve(loader, { paths: [REPO_ROOT] }), `${loader} resolves from the project root`);
    strictEqual(project.main, "index.ts");
  });

  it("pulumi up's node accepts every nodearg (V8 flags are not part of Node's stable interface)", () => {
    // Node refuses to start on a flag it does not know ("bad option"): a Node upgrade that drops
    // one must fail here, not in `pulumi up`.
    const project = parse(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
    const nodeargs = String(project.runtime.options.nodeargs).split(" ");
    const result = spawnSync(
      process.execPath,
      [...nodeargs, "-e", "process.stdout.write(String(Error.stackTraceLimit))"],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
      },
    );
    strictEqual(result.status, 0, result.stderr);
    strictEqual(result.stdout, "0");
  });

  it("Pulumi.yaml declares only keys both stacks accept, each with a description", () => {
    const project = parse(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
    strictEqual(project.name, "bedrock-lz");
    deepStrictEqual(project.runtime, {
      name: "nodejs",
      options: {
        typescript: false,
        nodeargs:
          "--require tsx/cjs --require ./harness/fast-start.ts --require ./harness/node-source-maps.ts " +
          "--stack-trace-limit=0 --initial-old-space-size=640 --heap-growing-percent=25 --single-threaded-gc",
      },
    });
    deepStrictEqual(project.config["pulumi:disable-default-providers"], ["aws"]);
    const declared = Object.keys(project.config).filter((key) => !key.includes(":"));
    deepStrictEqual(declared, ["account", "accountId", "inferenceProfileId"]);
    for (const key of declared) ok(project.config[key].description, `${key} has a description`);
    // A declared key reaches every stack, so both kinds must accept it (with its default).
    const defaults = Object.fromEntries(
      declared.filter((key) => "default" in project.config[key]).map((key) => [key, project.config[key].default]),
    );
    for (const stack of ["operator", "municipality"] as const) {
      parseStackConfig({ ...defaults, ...rawConfigOf(fixtureConfig(stack)) });
    }
  });
});
