/**
 * `npm run crossguard:smoke`: loads `crossguard/` in Pulumi's own policy runtime (the process the CLI
 * starts for `--policy-pack`, with its TypeScript type-check) and talks to it over the analyzer
 * gRPC protocol, as the engine does: every resource of the project's stack files passes in every
 * deploy phase the offline plan walks (plan/run.ts), resources the pack must refuse are refused as
 * mandatory, and an unknown preview value is advisory.
 * The unit specs call the rules directly; this checks the wiring they cannot see (PulumiPolicy.yaml,
 * crossguard/package.json, serialisation, enforcement levels). No CLI and no cloud needed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  AnalyzeRequest,
  AnalyzeStackRequest,
  AnalyzerPropertyDependencies,
  AnalyzerResource,
  AnalyzerResourceOptions,
  type AnalyzeDiagnostic,
  type AnalyzeResponse,
  type AnalyzerInfo,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { policyPackArgs } from "../pack";
import type { ProgramRun } from "../../harness/mock-engine";
import { parseCommandLine, runCommand } from "../../harness/cli";
import { projectStackFiles } from "../../harness/stack-file";
import { loadStackFiles, planDeployment } from "../../plan/run";
import { stackValidationArgs } from "./validation-args";

const ROOT = join(__dirname, "..", "..");

export const USAGE = `usage: npm run crossguard:smoke -- [--config <Pulumi.<stack>.yaml>]...

  --config <file>   a stack config file; repeat for several. Default: every Pulumi.<stack>.yaml
                    beside Pulumi.yaml. Every stack passes the pack in every deploy phase the
                    offline plan walks (npm run plan)
  --help            this text

exit: 0 every check as expected, 1 a check failed, 2 bad arguments or the programs failed`;
/** The engine's marker for a value a preview cannot know (sdk/go/common/resource/plugin). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const MANDATORY = 1;
const ADVISORY = 0;

interface Diagnostic {
  readonly policy: string;
  readonly level: number;
  readonly message: string;
}

function diagnosticsOf(list: AnalyzeDiagnostic[]): Diagnostic[] {
  return list.map((d) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage() }));
}

function startPack(): Promise<{ process: ChildProcess; port: string }> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  // The engine address is only used for logging; nothing listens there.
  const child = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: join(ROOT, "crossguard") });
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /^(\d+)\s*$/m.exec(stdout);
      if (match) resolve({ process: child, port: match[1] });
    });
    child.on("exit", (code) => reject(new Error(`policy pack exited with ${code} before serving:\n${stderr}`)));
  });
}

function unary<Req, Res>(fn: (req: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => unknown, req: Req) {
  return new Promise<Res>((resolve, reject) =>
    fn(req, (error, response) => (error ? reject(error) : resolve(response))),
  );
}

/** The engine's view of one resource for a stack policy: its properties after `pulumi up`. */
function stackResource(type: string, name: string, props: Record<string, unknown>): AnalyzerResource {
  return new AnalyzerResource()
    .setType(type)
    .setName(name)
    .setUrn(`urn:pulumi:smoke::bedrock-lz::${type}::${name}`)
    .setProperties(Struct.fromJavaScript(props as never))
    .setOptions(new AnalyzerResourceOptions());
}

const APPLICATION_PROFILE = "aws:bedrock/inferenceProfile:InferenceProfile";
const JP_PROFILE =
  "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-haiku-4-5-20251001-v1:0";
const COPY_ARN = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6";

/** A metering pair as a fork might write it: a profile copied from `source` and a role policy allowing `allowed`. */
function meteringStack(source: string, allowed: string): AnalyzerResource[] {
  return [
    stackResource(APPLICATION_PROFILE, "copy", { name: "copy", modelSource: { copyFrom: source }, arn: COPY_ARN }),
    stackResource("aws:iam/rolePolicy:RolePolicy", "invoke", {
      role: "invoke",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: allowed }],
      }),
    }),
  ];
}

async function main(argv: readonly string[]): Promise<number> {
  const values = parseCommandLine(argv, { config: { type: "string", multiple: true } });
  const files = values.config && values.config.length > 0 ? values.config : projectStackFiles();
  // The runs of every phase, planned before the pack starts: a config error stops here (exit 2).
  const deployment = await planDeployment(loadStackFiles(files));
  const runs: [string, ProgramRun][] = Object.entries(deployment.phases).flatMap(([phase, stacks]) =>
    [...stacks.values()].map((stackRun): [string, ProgramRun] => [`${stackRun.loaded.file} (${phase})`, stackRun.run]),
  );

  const failures: string[] = [];
  const expect = (condition: boolean, what: string) => {
    console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
    if (!condition) failures.push(what);
  };

  const { process: pack, port } = await startPack();
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    const info = await unary<Empty, AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
    const levels = info.getPoliciesList().map((policy) => policy.getEnforcementlevel());
    expect(
      levels.length === policyPackArgs.policies.length && levels.every((level) => level === MANDATORY),
      `pack ${info.getName()}@${info.getVersion()} serves ${levels.length} policies, all mandatory`,
    );

    const analyze = async (type: string, name: string, props: Record<string, unknown>) => {
      const request = new AnalyzeRequest()
        .setType(type)
        .setName(name)
        .setUrn(`urn:pulumi:smoke::bedrock-lz::${type}::${name}`)
        .setProperties(Struct.fromJavaScript(props as never))
        .setOptions(new AnalyzerResourceOptions());
      return diagnosticsOf(
        (await unary<AnalyzeRequest, AnalyzeResponse>(client.analyze.bind(client), request)).getDiagnosticsList(),
      );
    };
    const analyzeStack = async (resources: AnalyzerResource[]) =>
      diagnosticsOf(
        (
          await unary<AnalyzeStackRequest, AnalyzeResponse>(
            client.analyzeStack.bind(client),
            new AnalyzeStackRequest().setResourcesList(resources),
          )
        ).getDiagnosticsList(),
      );

    for (const [label, run] of runs) {
      // Resource rules see the inputs (as in a preview); stack rules the properties after the up.
      const stackArgs = stackValidationArgs(run);
      const found: Diagnostic[] = [];
      const resources: AnalyzerResource[] = [];
      for (const resource of stackArgs.resources) {
        const recorded = run.resources.find((r) => r.urn === resource.urn);
        found.push(...(await analyze(resource.type, resource.name, recorded?.inputs ?? resource.props)));
        const analyzed = new AnalyzerResource()
          .setType(resource.type)
          .setName(resource.name)
          .setUrn(resource.urn)
          .setProperties(Struct.fromJavaScript(resource.props as never))
          .setOptions(new AnalyzerResourceOptions());
        for (const [key, dependencies] of Object.entries(resource.propertyDependencies)) {
          analyzed
            .getPropertydependenciesMap()
            .set(key, new AnalyzerPropertyDependencies().setUrnsList(dependencies.map((d) => d.urn)));
        }
        resources.push(analyzed);
      }
      found.push(...(await analyzeStack(resources)));
      expect(
        found.length === 0,
        `${label}: ${stackArgs.resources.length} resources, no diagnostics ${JSON.stringify(found)}`,
      );
    }

    const copied = await analyzeStack(meteringStack(JP_PROFILE, COPY_ARN));
    expect(
      copied.length === 0,
      `an application profile copied from a jp. profile, and a policy allowing it: accepted ${JSON.stringify(copied)}`,
    );
    for (const prefix of ["apac.", "global.", "us."]) {
      const refusedCopy = await analyzeStack(meteringStack(JP_PROFILE.replace("/jp.", `/${prefix}`), COPY_ARN));
      expect(
        refusedCopy.length === 2 &&
          refusedCopy.every((d) => d.policy === "bedrock-application-profile-from-japan" && d.level === MANDATORY),
        `an application profile copied from an ${prefix} profile: it and the policy allowing it refused (mandatory) ${JSON.stringify(refusedCopy)}`,
      );
    }
    const foreign = COPY_ARN.replace(":111111111111:", ":444444444444:");
    const refusedForeign = await analyzeStack(meteringStack(JP_PROFILE, foreign));
    expect(
      refusedForeign.length === 1 &&
        refusedForeign[0].policy === "bedrock-application-profile-from-japan" &&
        refusedForeign[0].message.includes(foreign),
      `a policy allowing another account's application profile: refused (mandatory) ${JSON.stringify(refusedForeign)}`,
    );

    const refused: [string, string, Record<string, unknown>, string][] = [
      ["aws:ec2/natGateway:NatGateway", "nat", { subnetId: "subnet-1" }, "no-internet-gateway"],
      ["aws:ec2/route:Route", "out", { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0" }, "no-default-route"],
      [
        "aws:iam/rolePolicy:RolePolicy",
        "apac",
        {
          role: "r",
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: "bedrock:InvokeModel",
                Resource:
                  "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/apac.anthropic.claude-haiku-4-5-20251001-v1:0",
              },
            ],
          }),
        },
        "bedrock-japan-profile-only",
      ],
      [
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        "open",
        { vpcId: "vpc-1", vpcEndpointType: "Interface" },
        "interface-endpoint-policy",
      ],
    ];
    for (const [type, name, props, policy] of refused) {
      const found = await analyze(type, name, props);
      expect(
        found.length === 1 && found[0].policy === policy && found[0].level === MANDATORY,
        `${type} "${name}" refused by ${policy} (mandatory): ${found.map((d) => d.message.split("\n").pop()).join(" | ")}`,
      );
    }

    const stackFound = await analyzeStack([stackResource("aws:s3/bucket:Bucket", "lonely", { bucket: "lonely" })]);
    expect(
      stackFound.length === 3 && stackFound.every((d) => d.policy === "s3-bucket-protected" && d.level === MANDATORY),
      `a bucket without encryption, versioning and public access block: ${stackFound.length} mandatory s3-bucket-protected violations`,
    );

    const unknown = await analyze("aws:cloudwatch/logGroup:LogGroup", "later", {
      kmsKeyId: UNKNOWN,
      retentionInDays: 365,
    });
    expect(
      unknown.length === 1 && unknown[0].level === ADVISORY && /can't be known during preview/.test(unknown[0].message),
      "a log group whose key is unknown in a preview is advisory, left to pulumi up",
    );
  } finally {
    client.close();
    pack.kill();
  }
  console.log(failures.length === 0 ? "policy pack smoke test passed" : `${failures.length} check(s) failed`);
  return failures.length === 0 ? 0 : 1;
}

/** The whole command, for the entry point: usage errors exit 2, a failed check 1. */
export function smokeCommand(argv: readonly string[]): Promise<number> {
  return runCommand("crossguard:smoke", USAGE, () => main(argv));
}

if (require.main === module) {
  smokeCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
