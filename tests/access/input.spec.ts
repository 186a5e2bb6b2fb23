/**
 * How access/input.ts collects the matrix input from the program runs: which run each document
 * and id comes from, which policy stands for an endpoint (the one this stack writes, else AWS's
 * default), what the pair's settings change, and the error that names a run lacking an output or
 * a resource. Runs the fixtures' plan once, then edits copies of its runs.
 */
import { deepStrictEqual, notStrictEqual, strictEqual, throws } from "node:assert/strict";
import { join } from "node:path";
import {
  type MatrixRuns,
  SHARED_VPC,
  existingVpcConfig,
  matrixInputFromRuns,
  matrixRunsOf,
  pairMatrixInput,
} from "../../access/input";
import type { MatrixInput, PolicyJson } from "../../access/matrix";
import type { ProgramRun, RecordedResource } from "../../harness/mock-engine";
import { readStackConfigFile } from "../../harness/stack-file";
import { type DeploymentRuns, planDeployment } from "../../plan/run";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ENDPOINT_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy";
const NOT_ENFORCED: PolicyJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
};
const SETTINGS = { externalId: "sapporo-bedrock-poc", trustLocked: true, guardrailEnforced: false };

function policyOf(run: ProgramRun, type: string, name: string, key = "policy"): PolicyJson {
  return JSON.parse(String(run.resources.find((r) => r.type === type && r.name === name)!.inputs[key])) as PolicyJson;
}

/** A copy of a run with its resources and outputs edited. */
function edited(
  run: ProgramRun,
  edit: { resources?: (resources: RecordedResource[]) => RecordedResource[]; outputs?: Record<string, unknown> },
): ProgramRun {
  const copy = structuredClone(run);
  return {
    ...copy,
    resources: edit.resources ? edit.resources(copy.resources) : copy.resources,
    outputs: { ...copy.outputs, ...edit.outputs },
  };
}

const withoutResource = (type: string, name: string) => (resources: RecordedResource[]) =>
  resources.filter((r) => !(r.type === type && r.name === name));

describe("access matrix input (access/input.ts)", () => {
  let deployment: DeploymentRuns;
  let runs: MatrixRuns["runs"];
  let input: MatrixInput;
  before(async function () {
    this.timeout(120_000);
    const file = (stack: string) => {
      const loaded = readStackConfigFile(join(__dirname, "..", "fixtures", `Pulumi.${stack}.yaml`));
      return { stack: loaded.stack, file: `Pulumi.${loaded.stack}.yaml`, config: loaded.config };
    };
    deployment = await planDeployment([file("operator"), file("municipality")]);
    ({ input, runs } = await matrixRunsOf(deployment, "operator", "municipality"));
  });

  const fromRuns = (changes: Partial<MatrixRuns["runs"]>, settings = SETTINGS) =>
    matrixInputFromRuns({ ...runs, ...changes }, "sapporo", settings);

  describe("existingVpcConfig", () => {
    it("moves a municipality from its new VPC into the shared one, keeping everything else", () => {
      const flat = { "bedrock-lz:vpc": '{"cidr":"10.0.0.0/16"}', "bedrock-lz:accountId": "222222222222" };
      deepStrictEqual(existingVpcConfig(flat), {
        "bedrock-lz:accountId": "222222222222",
        "bedrock-lz:existingVpc": JSON.stringify(SHARED_VPC),
      });
      const already = { "bedrock-lz:existingVpc": '{"vpcId":"vpc-1"}', "bedrock-lz:accountId": "222222222222" };
      const same = existingVpcConfig(already);
      deepStrictEqual(same, already);
      notStrictEqual(same, already);
    });
  });

  describe("matrixRunsOf", () => {
    it("takes each document from its run: the client's, both operator phases', the guarded and setup variants'", () => {
      deepStrictEqual(
        input.municipality.clientPolicy,
        policyOf(runs.municipality, "aws:iam/rolePolicy:RolePolicy", "client-assume-operator"),
      );
      deepStrictEqual(
        input.unlocked.invokePolicy,
        policyOf(runs.unlocked, "aws:iam/rolePolicy:RolePolicy", "invoke-sapporo-invoke"),
      );
      deepStrictEqual(
        input.hardened.invokeTrust,
        policyOf(runs.hardened, "aws:iam/role:Role", "invoke-sapporo-role", "assumeRolePolicy"),
      );
      deepStrictEqual(
        input.guarded!.invokePolicy,
        policyOf(runs.guarded!, "aws:iam/rolePolicy:RolePolicy", "invoke-sapporo-invoke"),
      );
      deepStrictEqual(input.hardened.guardrails, runs.hardened.outputs.guardrails);
      deepStrictEqual(input.otherMunicipality, {
        invokePolicy: policyOf(runs.hardened, "aws:iam/rolePolicy:RolePolicy", "invoke-hakodate-invoke"),
        invokeTrust: policyOf(runs.hardened, "aws:iam/role:Role", "invoke-hakodate-role", "assumeRolePolicy"),
      });
      deepStrictEqual(
        input.setup!.domainPolicy,
        policyOf(
          runs.setup!,
          "aws:codeartifact/domainPermissions:DomainPermissions",
          "pypi-domain-policy",
          "policyDocument",
        ),
      );
      deepStrictEqual(
        input.setup!.repositoryPolicy,
        policyOf(
          runs.setup!,
          "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
          "pypi-repository-policy",
          "policyDocument",
        ),
      );
      deepStrictEqual(input.setup!.ssmEndpointPolicy, policyOf(runs.setup!, ENDPOINT, "endpoints-ssm"));
      deepStrictEqual(
        input.setup!.codeArtifactEndpointPolicy,
        policyOf(runs.setup!, ENDPOINT, "endpoints-codeartifact.api"),
      );
      deepStrictEqual(input.logging, {
        bucketPolicy: policyOf(runs.hardened, "aws:s3/bucketPolicy:BucketPolicy", "invocation-logging-bucket-policy"),
        keyPolicy: policyOf(runs.hardened, "aws:kms/key:Key", "invocation-logging-key"),
      });
      deepStrictEqual(
        input.loggingTrail!.bucketPolicy,
        policyOf(runs.guarded!, "aws:s3/bucketPolicy:BucketPolicy", "invocation-logging-bucket-policy"),
      );
    });

    it("takes the ids the variants name: the mirror's, the logs', the trail's and the enforced guardrail's", () => {
      deepStrictEqual(input.ids.setup, {
        domainArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:domain/bedrock-lz",
        repositoryArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:repository/bedrock-lz/pypi",
        upstreamRepositoryArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:repository/bedrock-lz/pypi-store",
      });
      const logging = {
        bucketName: "bedrock-lz-invocation-logs-111111111111-ap-northeast-1",
        keyPrefix: "bedrock-invocation-logs",
        keyArn: "arn:aws:kms:ap-northeast-1:111111111111:key/invocation-logging-key-id",
      };
      deepStrictEqual(input.ids.logging, { ...logging, trailArn: undefined });
      deepStrictEqual(input.ids.loggingTrail, {
        ...logging,
        trailArn: "arn:aws:cloudtrail:ap-northeast-1:111111111111:trail/bedrock-lz-audit-ap-northeast-1",
      });
      strictEqual(
        input.ids.guardrailIdentifier,
        "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/guardrail-guardrail-gr-id:1",
      );
      strictEqual(input.ids.sharesItsVpc, false);
      strictEqual(input.ids.otherMunicipalityRoleArn, "arn:aws:iam::111111111111:role/bedrock-lz-invoke-hakodate");
      strictEqual(input.ids.externalId, "sapporo-bedrock-poc");
      deepStrictEqual([input.ids.trustLocked, input.ids.guardrailEnforced], [true, false]);
      strictEqual(input.ids.clientModelId, "jp.anthropic.claude-haiku-4-5-20251001-v1:0");
    });

    it("evaluates the shared VPC with the policy this stack writes on its STS endpoint", () => {
      deepStrictEqual(input.ids.existingVpc, {
        stsEndpointId: SHARED_VPC.endpoints.sts.existingEndpointId,
        bedrockRuntimeEndpointId: runs.existingVpc!.outputs.endpointIds!["bedrock-runtime" as never],
      });
      deepStrictEqual(input.existingVpc, {
        stsEndpointPolicy: policyOf(runs.existingVpc!, ENDPOINT_POLICY, "endpoints-sts-policy"),
        bedrockRuntimeEndpointPolicy: policyOf(runs.existingVpc!, ENDPOINT, "endpoints-bedrock-runtime"),
      });
      strictEqual(runs.existingVpc!.stack, "municipality");
      // The shared S3 gateway is left alone: no policy is written on it.
      deepStrictEqual(
        runs.existingVpc!.resources.filter((r) => r.type === ENDPOINT_POLICY).map((r) => r.inputs.vpcEndpointId),
        [SHARED_VPC.endpoints.sts.existingEndpointId],
      );
    });

    it("refuses a pair that is not an operator and a municipality", async () => {
      await matrixRunsOf(deployment, "municipality", "operator").then(
        () => Promise.reject(new Error("accepted a swapped pair")),
        (error: Error) => strictEqual(error.message, "municipality / operator: not an operator and a municipality"),
      );
      throws(() => pairMatrixInput(deployment, "municipality", "operator"), {
        message: "municipality / operator: not an operator and a municipality",
      });
      // Either one in the wrong place is refused.
      for (const [operator, municipality] of [
        ["operator", "operator"],
        ["municipality", "municipality"],
      ]) {
        const message = `${operator} / ${municipality}: not an operator and a municipality`;
        throws(() => pairMatrixInput(deployment, operator, municipality), { message });
        await matrixRunsOf(deployment, operator, municipality).then(
          () => Promise.reject(new Error(`accepted ${message}`)),
          (error: Error) => strictEqual(error.message, message),
        );
      }
    });
  });

  describe("pairMatrixInput", () => {
    it("takes a plan's pair as written: no what-if variants, the operator file's own settings", () => {
      const pair = pairMatrixInput(deployment, "operator", "municipality");
      for (const variant of ["guarded", "setup", "existingVpc", "loggingTrail"] as const) {
        strictEqual(pair[variant], undefined, variant);
      }
      deepStrictEqual(pair.hardened, {
        ...input.hardened,
        invokeTrust: policyOf(
          deployment.endState.get("operator")!.run,
          "aws:iam/role:Role",
          "invoke-sapporo-role",
          "assumeRolePolicy",
        ),
      });
      strictEqual(pair.ids.externalId, "sapporo-bedrock-poc");
      // The fixture operator does not lock the trust nor enforce its guardrail.
      deepStrictEqual(
        [pair.ids.trustLocked, pair.ids.guardrailEnforced, pair.ids.guardrailIdentifier],
        [false, false, undefined],
      );
      deepStrictEqual(pair.logging, input.logging);
    });
  });

  describe("matrixInputFromRuns", () => {
    it("passes the pair's settings through to the ids", () => {
      const ids = fromRuns({}, { externalId: "other", trustLocked: false, guardrailEnforced: true }).ids;
      deepStrictEqual([ids.externalId, ids.trustLocked, ids.guardrailEnforced], ["other", false, true]);
      deepStrictEqual(fromRuns({}), input);
    });

    it("has no variant documents without the variant runs", () => {
      const bare = fromRuns({ guarded: undefined, setup: undefined, existingVpc: undefined });
      deepStrictEqual(
        [
          bare.guarded,
          bare.setup,
          bare.existingVpc,
          bare.loggingTrail,
          bare.ids.existingVpc,
          bare.ids.setup,
          bare.ids.guardrailIdentifier,
          bare.ids.loggingTrail,
        ],
        [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined],
      );
    });

    it("has no logging without the invocation logging configuration, and no trail without the trail", () => {
      const noLogging = (run: ProgramRun) =>
        edited(run, {
          resources: (resources) =>
            resources.filter(
              (r) => r.type !== "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
            ),
        });
      const off = fromRuns({ hardened: noLogging(runs.hardened), guarded: noLogging(runs.guarded!) });
      deepStrictEqual(
        [off.logging, off.ids.logging, off.loggingTrail, off.ids.loggingTrail],
        [undefined, undefined, undefined, undefined],
      );
      const noTrail = edited(runs.guarded!, {
        resources: (resources) => resources.filter((r) => r.type !== "aws:cloudtrail/trail:Trail"),
      });
      const untrailed = fromRuns({ guarded: noTrail });
      deepStrictEqual([untrailed.loggingTrail, untrailed.ids.loggingTrail], [undefined, undefined]);
      deepStrictEqual(untrailed.logging, input.logging);
    });

    it("has no other municipality when the operator serves one only", () => {
      const arns = runs.hardened.outputs.invokeRoleArns as Record<string, string>;
      const alone = fromRuns({
        hardened: edited(runs.hardened, { outputs: { invokeRoleArns: { sapporo: arns.sapporo } } }),
      });
      deepStrictEqual([alone.otherMunicipality, alone.ids.otherMunicipalityRoleArn], [undefined, undefined]);
    });

    it("finds a resource by its type and name, not by its name alone", () => {
      const client = runs.municipality.resources.find((r) => r.name === "client-assume-operator")!;
      const decoy = { ...client, type: "aws:iam/policy:Policy", inputs: { policy: JSON.stringify(NOT_ENFORCED) } };
      const municipality = edited(runs.municipality, { resources: (resources) => [decoy, ...resources] });
      deepStrictEqual(fromRuns({ municipality }).municipality.clientPolicy, input.municipality.clientPolicy);
    });

    it("knows a municipality that shares its VPC by its ExistingVpc component", () => {
      strictEqual(fromRuns({ municipality: runs.existingVpc! }).ids.sharesItsVpc, true);
    });

    it("names the run and the output or resource it lacks", () => {
      const cases: [Partial<MatrixRuns["runs"]>, string][] = [
        [
          { municipality: edited(runs.municipality, { outputs: { endpointIds: undefined } }) },
          "municipality: no endpointIds output",
        ],
        [
          { municipality: edited(runs.municipality, { outputs: { clientRoleArn: undefined } }) },
          "municipality: no clientRoleArn output",
        ],
        [
          { municipality: edited(runs.municipality, { outputs: { accountId: undefined } }) },
          "municipality: no accountId output",
        ],
        [
          { municipality: edited(runs.municipality, { outputs: { guardrails: undefined } }) },
          "municipality: no guardrails output",
        ],
        [
          { existingVpc: edited(runs.existingVpc!, { outputs: { endpointIds: undefined } }) },
          "municipality: no endpointIds output",
        ],
        [
          { hardened: edited(runs.hardened, { outputs: { invokeRoleArns: undefined } }) },
          "operator: no invokeRoleArns output",
        ],
        [
          { hardened: edited(runs.hardened, { outputs: { invokeRoleArns: { hakodate: "x" } } }) },
          "operator: no invoke role for sapporo",
        ],
        [{ hardened: edited(runs.hardened, { outputs: { region: undefined } }) }, "operator: no region output"],
        [{ hardened: edited(runs.hardened, { outputs: { accountId: undefined } }) }, "operator: no accountId output"],
        [
          { hardened: edited(runs.hardened, { outputs: { inferenceProfileId: undefined } }) },
          "operator: no inferenceProfileId output",
        ],
        [
          { hardened: edited(runs.hardened, { outputs: { inferenceProfileArn: undefined } }) },
          "operator: no inferenceProfileArn output",
        ],
        [{ unlocked: edited(runs.unlocked, { outputs: { guardrails: undefined } }) }, "operator: no guardrails output"],
        [
          {
            municipality: edited(runs.municipality, {
              resources: withoutResource("aws:iam/rolePolicy:RolePolicy", "client-assume-operator"),
            }),
          },
          "municipality: no aws:iam/rolePolicy:RolePolicy named client-assume-operator",
        ],
        [
          {
            unlocked: edited(runs.unlocked, { resources: withoutResource("aws:iam/role:Role", "invoke-sapporo-role") }),
          },
          "operator: no aws:iam/role:Role named invoke-sapporo-role",
        ],
        [
          {
            setup: edited(runs.setup!, {
              resources: (resources) => resources.filter((r) => !(r.type === ENDPOINT && r.name === "endpoints-ssm")),
            }),
          },
          "municipality: no ssm endpoint",
        ],
        [
          {
            hardened: edited(runs.hardened, {
              resources: withoutResource("aws:kms/key:Key", "invocation-logging-key"),
            }),
          },
          "operator: no aws:kms/key:Key named invocation-logging-key",
        ],
      ];
      for (const [changes, message] of cases) throws(() => fromRuns(changes), { message }, message);
      const notJson = edited(runs.municipality, {
        resources: (resources) =>
          resources.map((r) =>
            r.name === "client-assume-operator" ? { ...r, inputs: { ...r.inputs, policy: { Statement: [] } } } : r,
          ),
      });
      throws(() => fromRuns({ municipality: notJson }), {
        message: "municipality: client-assume-operator.policy is not a JSON string",
      });
    });
  });

  describe("the policy that stands for an endpoint", () => {
    const stsEndpoint = (run: ProgramRun) =>
      run.resources.find((r) => r.type === ENDPOINT && r.name === "endpoints-sts")!;
    const written: PolicyJson = {
      Version: "2012-10-17",
      Statement: [{ Sid: "Written", Effect: "Deny", Action: "*", Resource: "*" }],
    };
    const policyResource = (name: string, vpcEndpointId: string): RecordedResource => ({
      ...stsEndpoint(runs.municipality),
      type: ENDPOINT_POLICY,
      name,
      inputs: { vpcEndpointId, policy: JSON.stringify(written) },
    });
    const stsPolicy = (municipality: ProgramRun) => fromRuns({ municipality }).municipality.stsEndpointPolicy;

    it("is the created endpoint's policy, found by its id or else by its service", () => {
      const created = policyOf(runs.municipality, ENDPOINT, "endpoints-sts");
      deepStrictEqual(input.municipality.stsEndpointPolicy, created);
      deepStrictEqual(
        input.municipality.bedrockRuntimeEndpointPolicy,
        policyOf(runs.municipality, ENDPOINT, "endpoints-bedrock-runtime"),
      );
      const otherService = edited(runs.municipality, {
        resources: (resources) =>
          resources.map((r) =>
            r.name === "endpoints-sts"
              ? { ...r, inputs: { ...r.inputs, serviceName: "com.amazonaws.ap-northeast-1.other" } }
              : r,
          ),
      });
      deepStrictEqual(stsPolicy(otherService), created);
      const ids = runs.municipality.outputs.endpointIds as Record<string, string>;
      const otherId = edited(runs.municipality, {
        outputs: { endpointIds: { ...ids, sts: "vpce-0123456789abcdef0" } },
      });
      deepStrictEqual(stsPolicy(otherId), created);
    });

    it("is the policy this stack writes on an endpoint, by the endpoint's id before any created one", () => {
      const ids = runs.municipality.outputs.endpointIds as Record<string, string>;
      const managed = edited(runs.municipality, {
        resources: (resources) => [policyResource("some-policy", ids.sts), ...resources],
      });
      deepStrictEqual(stsPolicy(managed), written);
    });

    it("is the managed policy named for the service when explicit ids stand for a referenced endpoint", () => {
      const referenced = edited(runs.municipality, {
        resources: (resources) => [
          ...resources.filter((r) => r.name !== "endpoints-sts"),
          policyResource("endpoints-bedrock-runtime-policy", "vpce-0aaaaaaaaaaaaaaa1"),
          policyResource("endpoints-sts-policy", "vpce-0bbbbbbbbbbbbbbb2"),
        ],
      });
      deepStrictEqual(stsPolicy(referenced), written);
    });

    it("is AWS's default full-access policy on a referenced endpoint left alone, and none when switched off", () => {
      const leftAlone = edited(runs.municipality, {
        resources: (resources) => resources.filter((r) => r.name !== "endpoints-sts"),
      });
      deepStrictEqual(stsPolicy(leftAlone), NOT_ENFORCED);
      const ids = runs.municipality.outputs.endpointIds as Record<string, string>;
      const { sts: _sts, ...withoutSts } = ids;
      const off = fromRuns({ municipality: edited(runs.municipality, { outputs: { endpointIds: withoutSts } }) });
      deepStrictEqual([off.municipality.stsEndpointPolicy, off.ids.stsEndpointId], [undefined, undefined]);
      deepStrictEqual(off.municipality.bedrockRuntimeEndpointPolicy, input.municipality.bedrockRuntimeEndpointPolicy);
    });
  });
});
