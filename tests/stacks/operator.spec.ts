import { deepStrictEqual, match, ok, rejects, strictEqual } from "node:assert/strict";
import { invokeRolePolicy, invokeRoleTrustPolicy } from "../../infra/policies";
import { lookupInferenceProfile } from "../../infra/catalog";
import { runProgram } from "../../harness/mock-engine";
import { documentOf, named, ofType, runWithConfig, fixtureConfig, withConfig } from "../support";

const MUNICIPALITY_STACK = "organization/bedrock-lz/municipality";
const BEDROCK_VPCE = "vpce-0aaaaaaaaaaaaaaa1";
const STS_VPCE = "vpce-0bbbbbbbbbbbbbbb2";
const target = {
  profile: lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!,
  region: "ap-northeast-1",
  operatorAccountId: "111111111111",
};

function operatorWith(municipalities: Record<string, unknown>) {
  return withConfig(fixtureConfig("operator"), { "bedrock-lz:municipalities": municipalities });
}

describe("operator stack under the mock engine", () => {
  describe("with the shipped Pulumi.operator.yaml", () => {
    it("declares one invoke role per municipality with a fixed name and nothing broader", async () => {
      const run = await runWithConfig("operator", fixtureConfig("operator"));
      // Invocation logging (on by default) adds its own service role; tests/stacks/operator-features.spec.ts covers it.
      const invoke = (resource: { parent?: string }) => resource.parent?.startsWith("invoke-") === true;
      deepStrictEqual(
        ofType(run, "aws:iam/role:Role")
          .filter(invoke)
          .map((role) => role.inputs.name),
        ["bedrock-lz-invoke-sapporo", "bedrock-lz-invoke-hakodate"],
      );
      deepStrictEqual(
        ofType(run, "aws:iam/role:Role")
          .filter((role) => !invoke(role))
          .map((role) => role.inputs.name),
        ["bedrock-lz-invocation-logging-ap-northeast-1"],
      );
      strictEqual(ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0, "no managed policies");
      strictEqual(ofType(run, "aws:iam/rolePolicy:RolePolicy").filter(invoke).length, 2);
      strictEqual(named(run, "invoke-sapporo-role").parent, "invoke-sapporo");
      strictEqual(named(run, "invoke-sapporo-role").inputs.maxSessionDuration, 3600);
    });

    it("trusts each municipality's client role by ARN, with the optional external id", async () => {
      const run = await runWithConfig("operator", fixtureConfig("operator"));
      deepStrictEqual(
        documentOf(named(run, "invoke-sapporo-role"), "assumeRolePolicy"),
        invokeRoleTrustPolicy({
          municipalityAccountId: "222222222222",
          clientRoleArn: "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo",
          externalId: "sapporo-bedrock-poc",
        }),
      );
      deepStrictEqual(documentOf(named(run, "invoke-hakodate-role"), "assumeRolePolicy").Statement[0].Condition, {
        ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::333333333333:role/bedrock-lz-client-hakodate" },
      });
    });

    it("lets the roles invoke only the JP profile and, through it, its models", async () => {
      const run = await runWithConfig("operator", fixtureConfig("operator"));
      const policy = documentOf(named(run, "invoke-sapporo-invoke"));
      deepStrictEqual(policy, invokeRolePolicy(target));
      deepStrictEqual(policy.Statement[1].Resource, [
        "arn:aws:bedrock:ap-northeast-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
        "arn:aws:bedrock:ap-northeast-3::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
      ]);
    });

    it("pins the provider to the configured region and account", async () => {
      const run = await runWithConfig("operator", fixtureConfig("operator"));
      const provider = named(run, "operator-ap-northeast-1");
      strictEqual(provider.type, "pulumi:providers:aws");
      strictEqual(provider.inputs.region, "ap-northeast-1");
      deepStrictEqual(JSON.parse(provider.inputs.allowedAccountIds as string), ["111111111111"]);
      match(provider.inputs.defaultTags as string, /"Project":"bedrock-lz"/);
    });

    it("exports the role ARN per municipality, the profile and the model", async () => {
      const { outputs } = await runWithConfig("operator", fixtureConfig("operator"));
      deepStrictEqual(outputs.invokeRoleArns, {
        sapporo: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
        hakodate: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-hakodate",
      });
      strictEqual(
        outputs.inferenceProfileArn,
        "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-haiku-4-5-20251001-v1:0",
      );
      strictEqual(outputs.modelId, "anthropic.claude-haiku-4-5-20251001-v1:0");
      strictEqual(outputs.inferenceProfileId, "jp.anthropic.claude-haiku-4-5-20251001-v1:0");
    });

    it("warns that the roles are not locked yet, and says how to lock them", async () => {
      const run = await runWithConfig("operator", fixtureConfig("operator"));
      strictEqual(run.warnings.length, 2);
      match(run.warnings[0], /Invoke role for sapporo is not locked to the municipality's bedrock-runtime endpoint/);
      match(run.warnings[0], /set bedrock-lz:municipalities\.sapporo\.municipalityStack .* run pulumi up again/);
    });
  });

  describe("hardening pass", () => {
    it("locks invoke and trust to the endpoints read from the municipality stack", async () => {
      const run = await runWithConfig(
        "operator",
        operatorWith({
          sapporo: { accountId: "222222222222", municipalityStack: MUNICIPALITY_STACK, lockTrustToStsEndpoint: true },
        }),
        { [MUNICIPALITY_STACK]: { endpointIds: { "bedrock-runtime": BEDROCK_VPCE, sts: STS_VPCE } } },
      );
      const reference = named(run, "municipality-sapporo");
      strictEqual(reference.type, "pulumi:pulumi:StackReference");
      deepStrictEqual(reference.inputs, { name: MUNICIPALITY_STACK });
      deepStrictEqual(
        documentOf(named(run, "invoke-sapporo-invoke")),
        invokeRolePolicy({ ...target, bedrockRuntimeEndpointId: BEDROCK_VPCE }),
      );
      deepStrictEqual(documentOf(named(run, "invoke-sapporo-role"), "assumeRolePolicy").Statement[0].Condition, {
        ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo" },
        StringEquals: { "aws:SourceVpce": STS_VPCE },
      });
      deepStrictEqual(run.outputs.endpointLocks, { sapporo: { bedrockRuntime: BEDROCK_VPCE, sts: STS_VPCE } });
      deepStrictEqual(run.warnings, []);
    });

    it("locks to explicitly configured endpoint ids when the stacks use different backends", async () => {
      const run = await runWithConfig(
        "operator",
        operatorWith({ sapporo: { accountId: "222222222222", bedrockRuntimeEndpointId: BEDROCK_VPCE } }),
      );
      strictEqual(ofType(run, "pulumi:pulumi:StackReference").length, 0);
      const deny = documentOf(named(run, "invoke-sapporo-invoke")).Statement[2];
      deepStrictEqual(deny.Condition, { StringNotEquals: { "aws:SourceVpce": BEDROCK_VPCE } });
      strictEqual(deny.Effect, "Deny");
    });

    it("degrades to the valid unlocked policy with a warning when the peer has no endpoint id", async () => {
      const run = await runWithConfig(
        "operator",
        operatorWith({
          sapporo: { accountId: "222222222222", municipalityStack: MUNICIPALITY_STACK, lockTrustToStsEndpoint: true },
        }),
        { [MUNICIPALITY_STACK]: { endpointIds: { s3: "vpce-0ccccccccccccccc3" } } },
      );
      deepStrictEqual(documentOf(named(run, "invoke-sapporo-invoke")), invokeRolePolicy(target));
      deepStrictEqual(documentOf(named(run, "invoke-sapporo-role"), "assumeRolePolicy").Statement[0].Condition, {
        ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo" },
      });
      strictEqual(run.warnings.length, 2);
      match(
        run.warnings[0],
        /stack organization\/bedrock-lz\/municipality \(output endpointIds\) has no bedrock-runtime endpoint id/,
      );
      match(run.warnings[1], /trust policy is not locked .* has no sts endpoint id/);
      deepStrictEqual(run.outputs.endpointLocks, { sapporo: { bedrockRuntime: null, sts: null } });
    });

    it("degrades the same way when the municipality stack has no endpointIds output at all", async () => {
      const run = await runWithConfig(
        "operator",
        operatorWith({ sapporo: { accountId: "222222222222", municipalityStack: MUNICIPALITY_STACK } }),
        { [MUNICIPALITY_STACK]: {} },
      );
      deepStrictEqual(documentOf(named(run, "invoke-sapporo-invoke")), invokeRolePolicy(target));
      strictEqual(run.warnings.length, 1);
    });
  });

  it("stops before declaring resources when the config is invalid", async () => {
    await rejects(
      runWithConfig("operator", withConfig(fixtureConfig("operator"), { "aws:region": "us-east-1" })),
      (error: Error) => {
        match(error.message, /aws:region: must be ap-northeast-1 \(Tokyo\) or ap-northeast-3 \(Osaka\)/);
        return true;
      },
    );
  });

  it("index.ts, called as Pulumi's run.js calls it, declares what the specs' composition declares", async () => {
    const config = fixtureConfig("operator");
    const viaIndex = await runProgram({
      stack: "operator",
      config,
      accountId: config["bedrock-lz:accountId"],
      // run.js: `require(main)`, then an exported function is called and its result awaited.
      program: () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry point, loaded as Pulumi loads it
        const programExport: unknown = require("../../index");
        ok(programExport instanceof Function, "index.ts exports the function Pulumi calls");
        return (programExport as () => Promise<unknown>)();
      },
    });
    const composed = await runWithConfig("operator", config);
    ok(viaIndex.resources.some((r) => r.type === "pulumi:pulumi:Stack"));
    deepStrictEqual(
      viaIndex.resources.map((r) => r.urn),
      composed.resources.map((r) => r.urn),
    );
    deepStrictEqual(viaIndex.outputs, composed.outputs);
  });
});
