/**
 * `npm run crossguard:smoke`: loads `crossguard/` in Pulumi's own policy runtime (the process the CLI
 * starts for `--policy-pack`, with its TypeScript type-check) and talks to it over the analyzer
 * gRPC protocol, as the engine does: every resource of the shipped programs passes, resources
 * the pack must refuse are refused as mandatory, and an unknown preview value is advisory.
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
import { parseStackConfig, rawConfigOf } from "../../infra/config";
import { readStackConfig, runStack } from "../../stacks";
import { runProgram } from "../../harness/mock-engine";
import { stackValidationArgs } from "./validation-args";
import { readStackConfigFile } from "../../harness/stack-file";

const ROOT = join(__dirname, "..", "..");
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

async function main(): Promise<number> {
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
      levels.length === 9 && levels.every((level) => level === MANDATORY),
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

    for (const stack of ["operator", "municipality"] as const) {
      const config = readStackConfigFile(join(ROOT, `Pulumi.${stack}.yaml`)).config;
      const run = await runProgram({
        stack,
        config,
        accountId: parseStackConfig(rawConfigOf(config)).accountId,
        program: () => runStack(readStackConfig()),
      });
      const stackArgs = stackValidationArgs(run);
      const found: Diagnostic[] = [];
      const stackRequest = new AnalyzeStackRequest();
      for (const resource of stackArgs.resources) {
        found.push(...(await analyze(resource.type, resource.name, resource.props)));
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
        stackRequest.addResources(analyzed);
      }
      found.push(
        ...diagnosticsOf(
          (
            await unary<AnalyzeStackRequest, AnalyzeResponse>(client.analyzeStack.bind(client), stackRequest)
          ).getDiagnosticsList(),
        ),
      );
      expect(
        found.length === 0,
        `shipped ${stack}: ${stackArgs.resources.length} resources, no diagnostics ${JSON.stringify(found)}`,
      );
    }

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

    const lonelyBucket = new AnalyzerResource()
      .setType("aws:s3/bucket:Bucket")
      .setName("lonely")
      .setUrn("urn:pulumi:smoke::bedrock-lz::aws:s3/bucket:Bucket::lonely")
      .setProperties(Struct.fromJavaScript({ bucket: "lonely" }))
      .setOptions(new AnalyzerResourceOptions());
    const stackFound = diagnosticsOf(
      (
        await unary<AnalyzeStackRequest, AnalyzeResponse>(
          client.analyzeStack.bind(client),
          new AnalyzeStackRequest().setResourcesList([lonelyBucket]),
        )
      ).getDiagnosticsList(),
    );
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
