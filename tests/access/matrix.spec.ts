import * as assert from "node:assert/strict";
import {
  type MatrixInput,
  type MatrixRow,
  type Scenario,
  evaluateMatrix,
  formatMatrix,
  scenarios,
} from "../../access/matrix";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { collectMatrixInput } from "../../access/input";
import { fixtureConfig, withConfig } from "../support";
import { readStackConfigFile } from "../../harness/stack-file";
import { SECURITY_DOC, matrixTableOf } from "../../access/cli";
import { type Mutation, allMutations, flippedScenarios, runMutations } from "../../access/mutations";

/**
 * Mutants no scenario can notice, each with the reason. `coveredBy` names the mutant of another
 * layer that enforces the same rule: applying both together must flip a scenario (defence in
 * depth, proven). Anything else that survives fails the spec.
 */
const EXPECTED_SURVIVORS: Record<string, { readonly reason: string; readonly coveredBy?: string }> = {
  "municipality.stsEndpointPolicy#ClientRoleAssumesOperatorRoleOnly:drop-condition:ArnEquals:aws:PrincipalArn": {
    reason: "the endpoint only admits AssumeRole on the operator role, whose trust pins the same aws:PrincipalArn",
    coveredBy: "operator.invokeTrust#AssumeFromMunicipalityClientRole:drop-condition:ArnEquals:aws:PrincipalArn",
  },
  "municipality.stsEndpointPolicy#CallerIdentityForTheLandingZoneRoles:drop-condition:ArnEquals:aws:PrincipalArn": {
    reason: "iam-simulate allows sts:GetCallerIdentity unconditionally (AWS: it needs no permission)",
  },
  "municipality.bedrockRuntimeEndpointPolicy#OperatorRoleAppliesOperatorGuardrails:resource-wildcard": {
    reason:
      "the only guardrails outside the operator account's are in other accounts, and Bedrock has no resource " +
      "policies, so a call on them is denied across accounts whatever the endpoint allows",
  },
  "operator.invokeTrust#AssumeFromMunicipalityClientRole:principal-wildcard": {
    reason: "ArnEquals aws:PrincipalArn names a role ARN, which carries the municipality account",
    coveredBy: "operator.invokeTrust#AssumeFromMunicipalityClientRole:drop-condition:ArnEquals:aws:PrincipalArn",
  },
  // Setup time: the client role's read policy and the CodeArtifact endpoint both pin the mirror's
  // domain and repository (S07, S18 need both loosened).
  "municipality.codeArtifactReadPolicy#TokenForThisDomain:resource-wildcard": {
    reason: "the CodeArtifact endpoint admits the client role's token request for the mirror's domain only",
    coveredBy: "municipality.codeArtifactEndpointPolicy#ClientRoleGetsTokenForDomain:resource-wildcard",
  },
  "municipality.codeArtifactEndpointPolicy#ClientRoleGetsTokenForDomain:resource-wildcard": {
    reason: "the client role's read policy grants a token for the mirror's domain only",
    coveredBy: "municipality.codeArtifactReadPolicy#TokenForThisDomain:resource-wildcard",
  },
  "municipality.codeArtifactReadPolicy#ReadThisRepository:resource-wildcard": {
    reason: "the CodeArtifact endpoint admits the client role's reads of the mirror's repository only",
    coveredBy: "municipality.codeArtifactEndpointPolicy#ClientRoleReadsRepository:resource-wildcard",
  },
  "municipality.codeArtifactEndpointPolicy#ClientRoleReadsRepository:resource-wildcard": {
    reason: "the client role's read policy grants reads of the mirror's repository only",
    coveredBy: "municipality.codeArtifactReadPolicy#ReadThisRepository:resource-wildcard",
  },
  // Invocation logging: service principals. AWS sets aws:SourceArn / aws:SourceAccount itself on
  // a service's request for an account, so a pinned source stands for the principal.
  "operator.logBucketPolicy#AmazonBedrockLogsWrite:principal-wildcard": {
    reason: "only Bedrock's own requests carry a Bedrock aws:SourceArn of this account",
  },
  "operator.logKeyPolicy#BedrockWritesEncryptedInvocationLogsForThisAccount:principal-wildcard": {
    reason: "only Bedrock's own requests carry a Bedrock aws:SourceArn of this account",
  },
  "operator.logBucketPolicy#AWSCloudTrailWrite:principal-wildcard": {
    reason: "only CloudTrail's requests for the trail carry the trail's ARN as aws:SourceArn",
  },
  "operator.logBucketPolicy#AWSCloudTrailAclCheck:principal-wildcard": {
    reason: "only CloudTrail's requests for the trail carry the trail's ARN as aws:SourceArn",
  },
  "operator.logBucketPolicy#AWSCloudTrailAclCheck:resource-wildcard": {
    reason: "a bucket policy covers only its own bucket, and s3:GetBucketAcl has no other resource than the bucket",
  },
  // The source account and the source ARN (which carries the account) both pin this account; AWS
  // sets them together, so L03 and L06 give both of another account, and each covers the other.
  "operator.logBucketPolicy#AmazonBedrockLogsWrite:drop-condition:ArnLike:aws:SourceArn": {
    reason: "aws:SourceAccount still pins this account",
    coveredBy: "operator.logBucketPolicy#AmazonBedrockLogsWrite:drop-condition:StringEquals:aws:SourceAccount",
  },
  "operator.logBucketPolicy#AmazonBedrockLogsWrite:drop-condition:StringEquals:aws:SourceAccount": {
    reason: "aws:SourceArn still pins Bedrock in this account",
    coveredBy: "operator.logBucketPolicy#AmazonBedrockLogsWrite:drop-condition:ArnLike:aws:SourceArn",
  },
  "operator.logKeyPolicy#BedrockWritesEncryptedInvocationLogsForThisAccount:drop-condition:ArnLike:aws:SourceArn": {
    reason: "aws:SourceAccount still pins this account",
    coveredBy:
      "operator.logKeyPolicy#BedrockWritesEncryptedInvocationLogsForThisAccount:drop-condition:StringEquals:aws:SourceAccount",
  },
  "operator.logKeyPolicy#BedrockWritesEncryptedInvocationLogsForThisAccount:drop-condition:StringEquals:aws:SourceAccount":
    {
      reason: "aws:SourceArn still pins Bedrock in this account",
      coveredBy:
        "operator.logKeyPolicy#BedrockWritesEncryptedInvocationLogsForThisAccount:drop-condition:ArnLike:aws:SourceArn",
    },
  // Not simulated (access/scenarios/logging.ts): iam-simulate cannot evaluate kms:EncryptionContext:<key>;
  // tests/infra/logging-policies.spec.ts asserts this statement exactly.
  "operator.logKeyPolicy#CloudWatchLogsEncryptsTheInvocationLogGroupOnly:drop-condition:ArnEquals:kms:EncryptionContext:aws:logs:arn":
    { reason: "iam-simulate cannot evaluate kms:EncryptionContext:<key> conditions" },
  "operator.logKeyPolicy#CloudWatchLogsEncryptsTheInvocationLogGroupOnly:principal-wildcard": {
    reason: "iam-simulate cannot evaluate the statement's kms:EncryptionContext:<key> condition",
  },
};

describe("access matrix (access/matrix.ts) on the documents the program generates", function () {
  let input: MatrixInput;
  let list: Scenario[];
  let rows: MatrixRow[];
  let matrixMs: number;

  before(async () => {
    ({ input } = await collectMatrixInput(
      readStackConfigFile(join(__dirname, "..", "fixtures", "Pulumi.operator.yaml")),
      readStackConfigFile(join(__dirname, "..", "fixtures", "Pulumi.municipality.yaml")),
    ));
    list = scenarios(input.ids);
    const start = process.hrtime.bigint();
    rows = await evaluateMatrix(input, list);
    matrixMs = Number(process.hrtime.bigint() - start) / 1e6;
  });

  it("takes its identifiers from the program run, not from copies", () => {
    assert.equal(input.ids.operatorRoleArn, "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo");
    assert.equal(input.ids.clientRoleArn, "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo");
    assert.match(input.ids.bedrockRuntimeEndpointId!, /^vpce-[0-9a-f]{17}$/);
    assert.notEqual(input.ids.bedrockRuntimeEndpointId!, input.ids.stsEndpointId!);
    // The hardened operator locked itself to the municipality's endpoints, the unlocked one did not.
    assert.ok(JSON.stringify(input.hardened.invokePolicy).includes(input.ids.bedrockRuntimeEndpointId!));
    assert.ok(JSON.stringify(input.hardened.invokeTrust).includes(input.ids.stsEndpointId!));
    assert.ok(!JSON.stringify(input.unlocked.invokePolicy).includes("aws:SourceVpce"));
    assert.ok(JSON.stringify(input.hardened.guardrails.bedrockScp).includes(input.ids.bedrockRuntimeEndpointId!));
  });

  it("has at least 25 scenarios with unique ids, covering both verdicts and every layer", () => {
    assert.ok(rows.length >= 25, String(rows.length));
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
    assert.ok(rows.filter((r) => r.expected === "Allowed").length >= 5);
    for (const layer of ["identity", "trust", "endpoint", "scp", "boundary"]) {
      assert.ok(
        rows.some((r) => r.layers.includes(layer as never)),
        layer,
      );
    }
  });

  it("every verdict matches the security model", () => {
    const mismatches = rows.filter((r) => !r.pass);
    assert.deepEqual(mismatches, [], `\n${formatMatrix(mismatches)}`);
    console.log(`      (${rows.length} scenarios evaluated in ${matrixMs.toFixed(0)} ms)`);
  });

  it("docs/security.md shows this matrix (refresh: npm run matrix -- --write-docs)", () => {
    assert.equal(matrixTableOf(readFileSync(SECURITY_DOC, "utf8")), formatMatrix(rows));
  });

  it("allows exactly the one path, with every layer applied", () => {
    const allowedWithAllLayers = rows.filter((r) => r.actual === "Allowed" && r.layers.includes("boundary"));
    assert.deepEqual(
      allowedWithAllLayers.map((r) => [r.id, r.layers.join("+")]),
      [
        ["A01", "identity+trust+endpoint+scp+boundary"],
        ["A03", "identity+endpoint+scp+boundary"],
        ["A04", "identity+endpoint+scp+boundary"],
        ["A05", "identity+endpoint+scp+boundary"],
        ["A06", "identity+endpoint+scp+boundary"],
        ["A07", "identity+endpoint+scp+boundary"],
        // Marketplace is global: the boundary's region guard must not stop a model subscription.
        ["A13", "identity+boundary"],
        // The same path with the modelId the municipality stack exports (its clients' own call).
        ["C01", "identity+trust+endpoint+scp+boundary"],
        ["C02", "identity+endpoint+scp+boundary"],
        ["C03", "identity+endpoint+scp+boundary"],
        ["C04", "identity+endpoint+scp+boundary"],
        ["R01", "identity+endpoint+scp+boundary"],
        ["R02", "identity+endpoint+scp+boundary"],
        ["R07", "identity+endpoint+scp+boundary"],
      ],
    );
  });

  it("denies with the layer that is meant to stop each request", () => {
    const deniedBy = Object.fromEntries(rows.map((r) => [r.id, r.deniedBy.join("+")]));
    assert.equal(deniedBy.T01, "trust"); // no STS endpoint after the lock
    assert.equal(deniedBy.T03, "trust"); // no external id
    assert.equal(deniedBy.T04, "trust"); // another principal of the municipality
    assert.equal(deniedBy.T07, "identity"); // client role on another role
    assert.equal(deniedBy.T09, "endpoint"); // widened client role, STS endpoint policy
    assert.equal(deniedBy.E01, "identity"); // no bedrock-runtime endpoint after the lock
    assert.equal(deniedBy.E05, "endpoint"); // another municipality's role
    assert.equal(deniedBy.E06, "identity"); // foundation model without the profile
    assert.equal(deniedBy.E08, "identity+endpoint+scp+boundary"); // apac. profile
    assert.equal(deniedBy.E18, "cross-account"); // Bedrock has no resource policy
    assert.equal(deniedBy.G03, "scp");
    assert.equal(deniedBy.G09, "boundary");
  });

  it("loosening any single generated statement flips a scenario (only the named survivors do not)", async function () {
    const mutations = allMutations(input);
    assert.ok(mutations.length >= 50, String(mutations.length));
    const start = Date.now();
    const outcomes = await runMutations(input, list, mutations);
    const survivors = outcomes.filter((o) => o.killedBy === undefined).map((o) => o.id);
    assert.deepEqual(survivors.sort(), Object.keys(EXPECTED_SURVIVORS).sort());
    console.log(
      `      (${mutations.length} mutants, ${mutations.length - survivors.length} killed, ${Date.now() - start} ms)`,
    );
  });

  it("each surviving mutant guards something once its covering layer is loosened too", async () => {
    const byId = new Map<string, Mutation>(allMutations(input).map((m) => [m.id, m]));
    for (const [id, { coveredBy }] of Object.entries(EXPECTED_SURVIVORS)) {
      if (coveredBy === undefined) continue;
      const coverAlone = await flippedScenarios(input, list, [byId.get(coveredBy)!]);
      const both = await flippedScenarios(input, list, [byId.get(id)!, byId.get(coveredBy)!]);
      // Strictly more flips with both: the survivor's statement stops something by itself.
      assert.ok(
        both.length > coverAlone.length && coverAlone.every((scenario) => both.includes(scenario)),
        `${id}: ${coveredBy} alone flips [${coverAlone.join(", ")}], both flip [${both.join(", ")}]`,
      );
    }
  });

  it("the classic loosenings are caught by the scenario meant for them", async () => {
    const byId = new Map<string, Mutation>(allMutations(input).map((m) => [m.id, m]));
    const killer = async (id: string) => (await runMutations(input, list, [byId.get(id)!]))[0].killedBy;
    assert.equal(
      await killer(
        "operator.invokePolicy#InvokeFoundationModelOnlyThroughJapanProfile:drop-condition:StringEquals:bedrock:InferenceProfileArn",
      ),
      "E06",
    );
    assert.equal(await killer("operator.invokePolicy#DenyBedrockOutsideMunicipalityEndpoint:drop-statement"), "E01");
    assert.equal(
      await killer("operator.invokeTrust#AssumeFromMunicipalityClientRole:drop-condition:ArnEquals:aws:PrincipalArn"),
      "T04",
    );
    assert.equal(
      await killer(
        "municipality.bedrockRuntimeEndpointPolicy#OperatorRoleInvokesJapanProfileOnly:drop-condition:ArnEquals:aws:PrincipalArn",
      ),
      "E05",
    );
    assert.equal(await killer("municipality.clientPolicy#AssumeOperatorInvokeRole:resource-wildcard"), "T07");
  });
});

describe("access matrix of an operator file that enforces its own guardrail", function () {
  this.timeout(60_000);

  it("expects guarded invokes to pass and proves every scenario (npm run matrix on the edited example)", async () => {
    const operator = {
      stack: "operator",
      config: withConfig(fixtureConfig("operator"), {
        "bedrock-lz:guardrail": {
          enabled: true,
          enforceOnInvokeRoles: true,
          contentFilters: { HATE: { inputStrength: "HIGH", outputStrength: "HIGH" } },
        },
      }),
    };
    const municipality = { stack: "municipality", config: fixtureConfig("municipality") };
    const { input } = await collectMatrixInput(operator, municipality);
    assert.equal(input.ids.guardrailEnforced, true);
    const rows = await evaluateMatrix(input);
    assert.deepEqual(
      rows.filter((row) => !row.pass).map((row) => row.id),
      [],
    );
    assert.ok(rows.some((row) => row.id === "A03" && row.actual === "Allowed"));
  });
});
