/**
 * How access/matrix.ts turns one scenario into one request: which caller, which documents of
 * which layer, which context keys; when a scenario is not applicable, and why; and what a missing
 * document is called. Built on a small hand-made input whose documents are named by their Sid, so
 * each assertion says which document a layer takes. matrix.spec.ts runs the real documents.
 */
import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  FOREIGN_ACCOUNT_ID,
  FOREIGN_ENDPOINT_ID,
  type MatrixIds,
  type MatrixInput,
  type MatrixRow,
  type PolicyJson,
  type Scenario,
  buildSimulation,
  configured,
  endpointsFor,
  evaluateScenario,
  formatMatrix,
  notApplicable,
} from "../../access/matrix";

const OPERATOR = "111111111111";
const MUNICIPALITY = "222222222222";
const OPERATOR_ROLE = `arn:aws:iam::${OPERATOR}:role/bedrock-lz-invoke-sapporo`;
const OTHER_ROLE = `arn:aws:iam::${OPERATOR}:role/bedrock-lz-invoke-hakodate`;
const CLIENT_ROLE = `arn:aws:iam::${MUNICIPALITY}:role/bedrock-lz-client-sapporo`;
const PROFILE = `arn:aws:bedrock:ap-northeast-1:${OPERATOR}:inference-profile/jp.anthropic.claude-x-v1:0`;
const MODEL = "arn:aws:bedrock:ap-northeast-1::foundation-model/anthropic.claude-x-v1:0";

/** A document that names itself, so a test can tell which one a layer took. */
function doc(name: string): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: name.replace(/\W/g, ""), Effect: "Allow", Action: "*", Resource: "*" }],
  };
}
const ALLOW_EVERYTHING: PolicyJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};
const DEFAULT_ENDPOINT_POLICY: PolicyJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
};

const guardrails = (owner: string) => ({
  regionGuardScp: doc(`${owner}RegionGuard`),
  bedrockScp: doc(`${owner}BedrockScp`),
  permissionBoundary: doc(`${owner}Boundary`),
});
const operatorDocuments = (phase: string) => ({
  invokeTrust: doc(`${phase}Trust`),
  invokePolicy: doc(`${phase}Invoke`),
  guardrails: guardrails(phase),
});

const IDS: MatrixIds = {
  operatorAccountId: OPERATOR,
  municipalityAccountId: MUNICIPALITY,
  operatorRoleArn: OPERATOR_ROLE,
  otherMunicipalityRoleArn: OTHER_ROLE,
  clientRoleArn: CLIENT_ROLE,
  bedrockRuntimeEndpointId: "vpce-0aaaaaaaaaaaaaaa1",
  stsEndpointId: "vpce-0bbbbbbbbbbbbbbb2",
  trustLocked: true,
  guardrailEnforced: false,
  inferenceProfileId: "jp.anthropic.claude-x-v1:0",
  inferenceProfileArn: PROFILE,
  region: "ap-northeast-1",
  existingVpc: { stsEndpointId: "vpce-0e1e2e3e4e5e6e7e3", bedrockRuntimeEndpointId: undefined },
};

const INPUT: MatrixInput = {
  ids: IDS,
  municipality: {
    clientPolicy: doc("clientPolicy"),
    stsEndpointPolicy: doc("stsEndpoint"),
    bedrockRuntimeEndpointPolicy: doc("bedrockEndpoint"),
    guardrails: guardrails("municipality"),
  },
  unlocked: operatorDocuments("unlocked"),
  hardened: operatorDocuments("hardened"),
  guarded: operatorDocuments("guarded"),
  otherMunicipality: { invokePolicy: doc("otherInvoke"), invokeTrust: doc("otherTrust") },
  existingVpc: { stsEndpointPolicy: doc("sharedSts"), bedrockRuntimeEndpointPolicy: undefined },
  setup: {
    clientPolicy: doc("setupClient"),
    codeArtifactReadPolicy: doc("setupRead"),
    sessionManagerPolicy: doc("setupSession"),
    codeArtifactEndpointPolicy: doc("codeArtifactEndpoint"),
    ssmEndpointPolicy: doc("ssmEndpoint"),
    ssmmessagesEndpointPolicy: doc("ssmmessagesEndpoint"),
    ec2messagesEndpointPolicy: doc("ec2messagesEndpoint"),
    domainPolicy: doc("domain"),
    repositoryPolicy: doc("repository"),
  },
  logging: { bucketPolicy: doc("logBucket"), keyPolicy: doc("logKey") },
  loggingTrail: { bucketPolicy: doc("trailBucket"), keyPolicy: doc("trailKey") },
};

function scenario(overrides: Partial<Scenario>): Scenario {
  return {
    id: "X01",
    title: "a request",
    expected: "Denied",
    phase: "hardened",
    caller: "operator-session",
    action: "bedrock:InvokeModel",
    resource: PROFILE,
    region: "ap-northeast-1",
    path: "no-endpoint",
    guardrails: "none",
    ...overrides,
  };
}

const without = (input: MatrixInput, ...keys: (keyof MatrixInput)[]): MatrixInput =>
  Object.fromEntries(Object.entries(input).filter(([key]) => !keys.includes(key as keyof MatrixInput))) as never;

describe("access matrix requests (access/matrix.ts)", () => {
  describe("buildSimulation", () => {
    it("builds the client's AssumeRole through the STS endpoint with every layer, in order", () => {
      const { request, layers } = buildSimulation(
        scenario({
          caller: "client",
          action: "sts:AssumeRole",
          resource: OPERATOR_ROLE,
          path: "sts-endpoint",
          guardrails: "scp+boundary",
          context: { "sts:ExternalId": "e" },
        }),
        INPUT,
      );
      deepStrictEqual(layers, ["identity", "trust", "endpoint", "scp", "boundary"]);
      deepStrictEqual(request, {
        principal: `arn:aws:sts::${MUNICIPALITY}:assumed-role/bedrock-lz-client-sapporo/i-0123456789abcdef0`,
        action: "sts:AssumeRole",
        resource: OPERATOR_ROLE,
        resourceAccountId: OPERATOR,
        context: {
          "aws:PrincipalArn": CLIENT_ROLE,
          "aws:PrincipalAccount": MUNICIPALITY,
          "aws:RequestedRegion": "ap-northeast-1",
          "sts:ExternalId": "e",
          "aws:SourceVpce": "vpce-0bbbbbbbbbbbbbbb2",
        },
        identityPolicies: [doc("clientPolicy")],
        resourcePolicy: doc("hardenedTrust"),
        endpointPolicies: [doc("stsEndpoint")],
        serviceControlPolicies: [ALLOW_EVERYTHING, doc("municipalityRegionGuard"), doc("municipalityBedrockScp")],
        permissionBoundaries: [doc("municipalityBoundary")],
      });
    });

    it("builds the operator session's invoke through the bedrock-runtime endpoint, a model served in its own account", () => {
      const { request, layers } = buildSimulation(
        scenario({ resource: MODEL, path: "bedrock-endpoint", guardrails: "boundary", phase: "unlocked" }),
        INPUT,
      );
      deepStrictEqual(layers, ["identity", "endpoint", "boundary"]);
      strictEqual(request.principal, `arn:aws:sts::${OPERATOR}:assumed-role/bedrock-lz-invoke-sapporo/app`);
      strictEqual(request.resourceAccountId, OPERATOR);
      strictEqual(request.context!["aws:SourceVpce"], "vpce-0aaaaaaaaaaaaaaa1");
      deepStrictEqual(request.identityPolicies, [doc("unlockedInvoke")]);
      deepStrictEqual(request.endpointPolicies, [doc("bedrockEndpoint")]);
      deepStrictEqual(request.serviceControlPolicies, []);
      deepStrictEqual(request.permissionBoundaries, [doc("unlockedBoundary")]);
      strictEqual(request.resourcePolicy, undefined);
      // The scenario's resource account wins over its ARN's.
      strictEqual(
        buildSimulation(scenario({ resourceAccountId: "999999999999" }), INPUT).request.resourceAccountId,
        "999999999999",
      );
    });

    it("takes AWS's default policy for an endpoint left alone, and none for another VPC's endpoint layer", () => {
      const drifted = buildSimulation(scenario({ path: "bedrock-endpoint", endpointPolicy: "default" }), INPUT);
      deepStrictEqual(drifted.request.endpointPolicies, [DEFAULT_ENDPOINT_POLICY]);
      deepStrictEqual(drifted.layers, ["identity", "endpoint"]);
      const foreign = buildSimulation(scenario({ path: "foreign-endpoint", guardrails: "scp" }), INPUT);
      strictEqual(foreign.request.context!["aws:SourceVpce"], FOREIGN_ENDPOINT_ID);
      deepStrictEqual(foreign.request.endpointPolicies, [DEFAULT_ENDPOINT_POLICY]);
      deepStrictEqual(foreign.layers, ["identity", "scp"]);
      deepStrictEqual(foreign.request.serviceControlPolicies, [
        ALLOW_EVERYTHING,
        doc("hardenedRegionGuard"),
        doc("hardenedBedrockScp"),
      ]);
      deepStrictEqual(foreign.request.permissionBoundaries, []);
      const direct = buildSimulation(scenario({}), INPUT);
      deepStrictEqual(direct.request.endpointPolicies, []);
      strictEqual("aws:SourceVpce" in direct.request.context!, false);
      deepStrictEqual(direct.layers, ["identity"]);
    });

    it("takes each setup-time endpoint's policy, or AWS's default one", () => {
      for (const [path, name] of [
        ["codeartifact-endpoint", "codeArtifactEndpoint"],
        ["ssm-endpoint", "ssmEndpoint"],
        ["ssmmessages-endpoint", "ssmmessagesEndpoint"],
        ["ec2messages-endpoint", "ec2messagesEndpoint"],
      ] as const) {
        const { request, layers } = buildSimulation(scenario({ caller: "client", identity: "setup", path }), INPUT);
        deepStrictEqual(request.endpointPolicies, [doc(name)], path);
        deepStrictEqual(layers, ["identity", "endpoint"]);
        deepStrictEqual(request.identityPolicies, [doc("setupClient"), doc("setupRead"), doc("setupSession")]);
        deepStrictEqual(
          buildSimulation(scenario({ path, endpointPolicy: "default" }), INPUT).request.endpointPolicies,
          [DEFAULT_ENDPOINT_POLICY],
        );
      }
      throws(() => buildSimulation(scenario({ path: "ssm-endpoint" }), without(INPUT, "setup")), {
        message: "X01: the matrix input has no setup-time run",
      });
    });

    it("gives each caller its principal, its identity policies and its account's guardrails", () => {
      const build = (overrides: Partial<Scenario>) =>
        buildSimulation(scenario({ guardrails: "scp+boundary", ...overrides }), INPUT);
      const other = build({ caller: "other-municipality-session" });
      strictEqual(other.request.principal, `arn:aws:sts::${OPERATOR}:assumed-role/bedrock-lz-invoke-hakodate/app`);
      deepStrictEqual(other.request.identityPolicies, [doc("otherInvoke")]);
      deepStrictEqual(other.request.permissionBoundaries, [doc("hardenedBoundary")]);
      const { otherMunicipalityRoleArn: _other, ...alone } = IDS;
      strictEqual(
        buildSimulation(scenario({ caller: "other-municipality-session" }), { ...INPUT, ids: alone }).request.principal,
        `arn:aws:sts::${OPERATOR}:assumed-role/bedrock-lz-invoke-other/app`,
      );
      throws(
        () => buildSimulation(scenario({ caller: "other-municipality-session" }), without(INPUT, "otherMunicipality")),
        {
          message: "X01: no other municipality",
        },
      );

      const municipalityAdmin = build({ caller: "municipality-admin" });
      strictEqual(municipalityAdmin.request.principal, `arn:aws:sts::${MUNICIPALITY}:assumed-role/Admin/alice`);
      deepStrictEqual(municipalityAdmin.request.identityPolicies, [ALLOW_EVERYTHING]);
      deepStrictEqual(municipalityAdmin.request.serviceControlPolicies, [
        ALLOW_EVERYTHING,
        doc("municipalityRegionGuard"),
        doc("municipalityBedrockScp"),
      ]);
      // Administrators do not carry the boundary.
      deepStrictEqual(municipalityAdmin.request.permissionBoundaries, []);
      deepStrictEqual(municipalityAdmin.layers, ["identity", "scp"]);

      const operatorAdmin = build({ caller: "operator-admin" });
      strictEqual(operatorAdmin.request.principal, `arn:aws:sts::${OPERATOR}:assumed-role/Admin/bob`);
      strictEqual(operatorAdmin.request.context!["aws:PrincipalArn"], `arn:aws:iam::${OPERATOR}:role/Admin`);
      deepStrictEqual(operatorAdmin.request.serviceControlPolicies, [
        ALLOW_EVERYTHING,
        doc("hardenedRegionGuard"),
        doc("hardenedBedrockScp"),
      ]);

      const foreign = build({ caller: "foreign-account" });
      strictEqual(
        foreign.request.principal,
        `arn:aws:sts::${FOREIGN_ACCOUNT_ID}:assumed-role/bedrock-lz-client-sapporo/i-0badbadbadbadbad0`,
      );
      strictEqual(foreign.request.context!["aws:PrincipalAccount"], FOREIGN_ACCOUNT_ID);
      deepStrictEqual(foreign.request.serviceControlPolicies, []);
      deepStrictEqual(foreign.request.permissionBoundaries, []);
      deepStrictEqual(foreign.layers, ["identity"]);

      const widened = build({ caller: "client", identity: "widened", action: "sts:AssumeRole", resource: OTHER_ROLE });
      deepStrictEqual(widened.request.identityPolicies, [
        {
          Version: "2012-10-17",
          Statement: [{ Sid: "Widened", Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
        },
      ]);
      deepStrictEqual(build({ caller: "client" }).request.identityPolicies, [doc("clientPolicy")]);
    });

    it("lets a service principal meet only the resource policy it names", () => {
      for (const [caller, principal] of [
        ["bedrock-service", "bedrock.amazonaws.com"],
        ["cloudtrail-service", "cloudtrail.amazonaws.com"],
      ] as const) {
        const { request, layers } = buildSimulation(
          scenario({
            caller,
            action: "s3:PutObject",
            resource: "arn:aws:s3:::logs/key",
            resourceAccountId: OPERATOR,
            resourcePolicy: "log-bucket",
            guardrails: "scp+boundary",
            context: { "aws:SourceAccount": OPERATOR },
          }),
          INPUT,
        );
        strictEqual(request.principal, principal);
        deepStrictEqual(layers, ["resource"]);
        deepStrictEqual(request.context, { "aws:RequestedRegion": "ap-northeast-1", "aws:SourceAccount": OPERATOR });
        deepStrictEqual(request.identityPolicies, []);
        deepStrictEqual(request.resourcePolicy, doc("logBucket"));
        deepStrictEqual(request.serviceControlPolicies, []);
        deepStrictEqual(request.permissionBoundaries, []);
      }
    });

    it("takes each resource policy a scenario names, and names the run it lacks", () => {
      const resourcePolicyOf = (ref: Scenario["resourcePolicy"], input = INPUT) =>
        buildSimulation(scenario({ caller: "client", resource: "arn:aws:s3:::b", resourcePolicy: ref }), input).request
          .resourcePolicy;
      deepStrictEqual(resourcePolicyOf("codeartifact-domain"), doc("domain"));
      deepStrictEqual(resourcePolicyOf("codeartifact-repository"), doc("repository"));
      deepStrictEqual(resourcePolicyOf("log-bucket"), doc("logBucket"));
      deepStrictEqual(resourcePolicyOf("trail-log-bucket"), doc("trailBucket"));
      deepStrictEqual(resourcePolicyOf("log-key"), doc("logKey"));
      deepStrictEqual(
        buildSimulation(scenario({ caller: "client", resource: "arn:aws:s3:::b", resourcePolicy: "log-key" }), INPUT)
          .layers,
        ["identity", "resource"],
      );
      for (const [ref, missing, what] of [
        ["codeartifact-domain", "setup", "setup-time run"],
        ["codeartifact-repository", "setup", "setup-time run"],
        ["log-bucket", "logging", "invocation logging"],
        ["log-key", "logging", "invocation logging"],
        ["trail-log-bucket", "loggingTrail", "invocation logging with the trail"],
      ] as const) {
        throws(() => resourcePolicyOf(ref, without(INPUT, missing)), {
          message: `X01: the matrix input has no ${what}`,
        });
      }
    });

    it("takes the trust of the role an AssumeRole names", () => {
      const assume = (resource: string, overrides: Partial<Scenario> = {}) =>
        buildSimulation(scenario({ caller: "client", action: "sts:AssumeRole", resource, ...overrides }), INPUT);
      deepStrictEqual(assume(OPERATOR_ROLE, { phase: "unlocked" }).request.resourcePolicy, doc("unlockedTrust"));
      deepStrictEqual(assume(OTHER_ROLE).request.resourcePolicy, doc("otherTrust"));
      deepStrictEqual(
        assume("arn:aws:iam::1:role/x", { targetTrust: doc("target") }).request.resourcePolicy,
        doc("target"),
      );
      deepStrictEqual(assume("arn:aws:iam::1:role/x", { targetTrust: doc("target") }).layers, ["identity", "trust"]);
      throws(() => assume("arn:aws:iam::1:role/x"), { message: "X01: AssumeRole needs the target's trust policy" });
    });

    it("names a phase or an endpoint the input lacks", () => {
      throws(() => buildSimulation(scenario({ phase: "guarded" }), without(INPUT, "guarded")), {
        message: "X01: the matrix input has no guarded operator",
      });
      const { stsEndpointId: _sts, ...noSts } = IDS;
      throws(() => buildSimulation(scenario({ path: "sts-endpoint" }), { ...INPUT, ids: noSts }), {
        message: "X01: the matrix input has no sts endpoint",
      });
      throws(
        () =>
          buildSimulation(scenario({ path: "sts-endpoint" }), {
            ...INPUT,
            municipality: { ...INPUT.municipality, stsEndpointPolicy: undefined },
          }),
        { message: "X01: the matrix input has no sts endpoint" },
      );
      const { bedrockRuntimeEndpointId: _bedrock, ...noBedrock } = IDS;
      throws(() => buildSimulation(scenario({ path: "bedrock-endpoint" }), { ...INPUT, ids: noBedrock }), {
        message: "X01: the matrix input has no bedrock-runtime endpoint",
      });
      throws(
        () =>
          buildSimulation(scenario({ path: "bedrock-endpoint" }), {
            ...INPUT,
            municipality: { ...INPUT.municipality, bedrockRuntimeEndpointPolicy: undefined },
          }),
        { message: "X01: the matrix input has no bedrock-runtime endpoint" },
      );
      // The default policy needs no document, but still the endpoint's id.
      deepStrictEqual(
        buildSimulation(scenario({ path: "bedrock-endpoint", endpointPolicy: "default" }), {
          ...INPUT,
          municipality: { ...INPUT.municipality, bedrockRuntimeEndpointPolicy: undefined },
        }).request.endpointPolicies,
        [DEFAULT_ENDPOINT_POLICY],
      );
    });
  });

  describe("endpointsFor", () => {
    it("takes the new VPC's endpoints, or the shared VPC's for an existing-VPC scenario", () => {
      deepStrictEqual(endpointsFor(scenario({}), INPUT), {
        stsEndpointId: "vpce-0bbbbbbbbbbbbbbb2",
        bedrockRuntimeEndpointId: "vpce-0aaaaaaaaaaaaaaa1",
        stsEndpointPolicy: doc("stsEndpoint"),
        bedrockRuntimeEndpointPolicy: doc("bedrockEndpoint"),
      });
      deepStrictEqual(endpointsFor(scenario({ network: "existing-vpc" }), INPUT), {
        stsEndpointId: "vpce-0e1e2e3e4e5e6e7e3",
        bedrockRuntimeEndpointId: undefined,
        stsEndpointPolicy: doc("sharedSts"),
        bedrockRuntimeEndpointPolicy: undefined,
      });
      const shared = buildSimulation(scenario({ network: "existing-vpc", path: "sts-endpoint" }), INPUT).request;
      strictEqual(shared.context!["aws:SourceVpce"], "vpce-0e1e2e3e4e5e6e7e3");
      deepStrictEqual(shared.endpointPolicies, [doc("sharedSts")]);
      const message = "X01: no existing-VPC run in the matrix input";
      throws(() => endpointsFor(scenario({ network: "existing-vpc" }), without(INPUT, "existingVpc")), { message });
      const { existingVpc: _ids, ...noIds } = IDS;
      throws(() => endpointsFor(scenario({ network: "existing-vpc" }), { ...INPUT, ids: noIds }), { message });
    });
  });

  describe("notApplicable", () => {
    const noBedrock = {
      ...INPUT,
      municipality: { ...INPUT.municipality, bedrockRuntimeEndpointPolicy: undefined },
    };
    it("names the endpoint a scenario needs and the municipality switched off", () => {
      strictEqual(notApplicable(scenario({ path: "sts-endpoint" }), INPUT), undefined);
      const { stsEndpointId: _sts, ...noStsId } = IDS;
      for (const input of [
        { ...INPUT, ids: noStsId },
        { ...INPUT, municipality: { ...INPUT.municipality, stsEndpointPolicy: undefined } },
      ]) {
        strictEqual(notApplicable(scenario({ path: "sts-endpoint" }), input), "the municipality has no sts endpoint");
      }
      const { bedrockRuntimeEndpointId: _bedrock, ...noBedrockId } = IDS;
      for (const input of [{ ...INPUT, ids: noBedrockId }, noBedrock]) {
        strictEqual(
          notApplicable(scenario({ path: "bedrock-endpoint" }), input),
          "the municipality has no bedrock-runtime endpoint",
        );
      }
      strictEqual(notApplicable(scenario({ path: "sts-endpoint", action: "sts:AssumeRole" }), noBedrock), undefined);
    });

    it("leaves nothing to lock Bedrock to without its endpoint: only the hardened invokes of our callers", () => {
      const reason = "nothing to lock Bedrock calls to: the municipality has no bedrock-runtime endpoint";
      strictEqual(notApplicable(scenario({}), noBedrock), reason);
      strictEqual(notApplicable(scenario({ action: "bedrock:InvokeModelWithResponseStream" }), noBedrock), reason);
      strictEqual(notApplicable(scenario({}), INPUT), undefined);
      strictEqual(notApplicable(scenario({ phase: "unlocked" }), noBedrock), undefined);
      strictEqual(notApplicable(scenario({ action: "bedrock:ListFoundationModels" }), noBedrock), undefined);
      strictEqual(notApplicable(scenario({ caller: "foreign-account" }), noBedrock), undefined);
    });

    it("skips guarded scenarios without an enforced guardrail", () => {
      strictEqual(notApplicable(scenario({ phase: "guarded" }), INPUT), undefined);
      strictEqual(notApplicable(scenario({ phase: "guarded" }), without(INPUT, "guarded")), "no guardrail is enforced");
    });

    it("skips the municipality administrator's setup-endpoint scenarios in a shared VPC only", () => {
      const shared = { ...INPUT, ids: { ...IDS, sharesItsVpc: true } };
      const admin = scenario({ caller: "municipality-admin", path: "ssm-endpoint" });
      strictEqual(
        notApplicable(admin, shared),
        "the municipality shares its VPC: its endpoints keep the account's own principals' use (V scenarios)",
      );
      strictEqual(notApplicable(admin, INPUT), undefined);
      strictEqual(notApplicable({ ...admin, caller: "client" }, shared), undefined);
      strictEqual(notApplicable({ ...admin, path: "no-endpoint" }, shared), undefined);
    });
  });

  describe("configured", () => {
    const guarded = {
      ...IDS,
      guardrailEnforced: true,
      guardrailIdentifier: "arn:aws:bedrock:ap-northeast-1:1:guardrail/g:1",
    };
    const allowedInvoke = scenario({ expected: "Allowed", context: { k: "v" } });

    it("names the enforced guardrail on the operator's allowed invokes only", () => {
      deepStrictEqual(configured(allowedInvoke, guarded), {
        ...allowedInvoke,
        context: { k: "v", "bedrock:GuardrailIdentifier": "arn:aws:bedrock:ap-northeast-1:1:guardrail/g:1" },
      });
      deepStrictEqual(
        configured({ ...allowedInvoke, action: "bedrock:InvokeModelWithResponseStream" }, guarded).context,
        { k: "v", "bedrock:GuardrailIdentifier": "arn:aws:bedrock:ap-northeast-1:1:guardrail/g:1" },
      );
      for (const unchanged of [
        { ...allowedInvoke, action: "bedrock:Converse" },
        { ...allowedInvoke, caller: "client" as const },
        { ...allowedInvoke, expected: "Denied" as const },
        { ...allowedInvoke, phase: "guarded" as const },
      ]) {
        strictEqual(configured(unchanged, guarded), unchanged);
      }
      strictEqual(configured(allowedInvoke, { ...guarded, guardrailEnforced: false }), allowedInvoke);
      strictEqual(configured(allowedInvoke, { ...guarded, guardrailIdentifier: undefined }), allowedInvoke);
    });

    it("expects the trust-lock scenarios allowed when the trust is not locked", () => {
      for (const id of ["T01", "T02"]) {
        const locked = scenario({ id, expected: "Denied" });
        strictEqual(configured(locked, IDS), locked);
        deepStrictEqual(configured(locked, { ...IDS, trustLocked: false }), { ...locked, expected: "Allowed" });
      }
      const other = scenario({ id: "T03" });
      strictEqual(configured(other, { ...IDS, trustLocked: false }), other);
    });
  });

  describe("rows", () => {
    it("names the layer that denied, calling a resource policy's verdict resource, not trust", async () => {
      const denyAll: PolicyJson = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }],
      };
      const input = { ...INPUT, logging: { bucketPolicy: denyAll, keyPolicy: denyAll } };
      const row = await evaluateScenario(
        scenario({
          caller: "bedrock-service",
          action: "s3:PutObject",
          resource: "arn:aws:s3:::logs/key",
          resourceAccountId: OPERATOR,
          resourcePolicy: "log-bucket",
        }),
        input,
      );
      deepStrictEqual(row, {
        id: "X01",
        title: "a request",
        layers: ["resource"],
        expected: "Denied",
        actual: "Denied",
        result: "ExplicitlyDenied",
        deniedBy: ["resource"],
        pass: true,
      });
      const trust = await evaluateScenario(
        scenario({
          caller: "client",
          action: "sts:AssumeRole",
          resource: "arn:aws:iam::333333333333:role/x",
          targetTrust: denyAll,
          expected: "Allowed",
        }),
        input,
      );
      strictEqual(trust.actual, "Denied");
      strictEqual(trust.pass, false);
      deepStrictEqual(trust.deniedBy, ["trust"]);
    });

    it("prints a Markdown table and marks a mismatch", () => {
      const row = (overrides: Partial<MatrixRow>): MatrixRow => ({
        id: "A01",
        title: "allowed",
        layers: ["identity", "trust"],
        expected: "Allowed",
        actual: "Allowed",
        result: "Allowed",
        deniedBy: [],
        pass: true,
        ...overrides,
      });
      strictEqual(
        formatMatrix([
          row({}),
          row({ id: "T01", title: "denied", actual: "Denied", pass: false, deniedBy: ["trust", "scp"] }),
        ]),
        [
          "| id | scenario | layers | expected | actual | denied by |",
          "|---|---|---|---|---|---|",
          "| A01 | allowed | identity, trust | Allowed | Allowed |  |",
          "| T01 | denied | identity, trust | Allowed | **MISMATCH** Denied | trust, scp |",
        ].join("\n"),
      );
    });
  });
});
