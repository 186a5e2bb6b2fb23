import * as assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError, parseStackConfig } from "../../infra/config";
import { municipalityOrgGuardrails, operatorOrgGuardrails } from "../../infra/org-guardrails";
import { readStackConfig, runStack } from "../../stacks";
import { type ProgramRun, runProgram } from "../../harness/mock-engine";
import { readStackConfigFile } from "../../harness/stack-file";

const operatorFile = readStackConfigFile(join(__dirname, "..", "fixtures", "Pulumi.operator.yaml"));
const municipalityFile = readStackConfigFile(join(__dirname, "..", "fixtures", "Pulumi.municipality.yaml"));
const BOUNDARY_TYPE = "aws:iam/policy:Policy";
const BOUNDARY_ARN = "arn:aws:mock:::aws:iam/policy:Policy/permission-boundary";

function run(
  file: typeof operatorFile,
  extra: Record<string, string> = {},
  stackOutputs?: Record<string, Record<string, unknown>>,
) {
  return runProgram({
    stack: file.stack,
    config: { ...file.config, ...extra },
    accountId: file.config["bedrock-lz:accountId"],
    stackOutputs,
    program: () => runStack(readStackConfig()),
  });
}

const roles = (result: ProgramRun) => result.resources.filter((r) => r.type === "aws:iam/role:Role");

/** An operator config with nothing but the required keys, for the config rules below. */
const MINIMAL_OPERATOR = {
  account: "operator",
  accountId: "111111111111",
  municipalities: { sapporo: { accountId: "222222222222" } },
};

/** The config problems as `<key>: <message>` lines, none when the config parses. */
function problems(raw: unknown): string[] {
  try {
    parseStackConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.message}`);
    throw error;
  }
  return [];
}

describe("guardrails in the stacks", () => {
  it("operator: exports the documents, creates no boundary and leaves the roles unbounded by default", async () => {
    const result = await run(operatorFile);
    // The shipped operator has no municipality endpoint yet: no endpoint rule.
    assert.deepEqual(result.outputs.guardrails, operatorOrgGuardrails([]));
    assert.equal(result.resources.filter((r) => r.type === BOUNDARY_TYPE).length, 0);
    for (const role of roles(result)) assert.equal(role.inputs.permissionsBoundary, undefined, role.name);
  });

  it("operator: approves the endpoint read from the municipality stack", async () => {
    const peers = JSON.parse(operatorFile.config["bedrock-lz:municipalities"]);
    peers.sapporo.municipalityStack = "organization/bedrock-lz/municipality";
    const result = await run(
      operatorFile,
      { "bedrock-lz:municipalities": JSON.stringify(peers) },
      {
        "organization/bedrock-lz/municipality": {
          endpointIds: { "bedrock-runtime": "vpce-0123456789abcdef0", sts: "vpce-0fedcba9876543210" },
        },
      },
    );
    assert.deepEqual(result.outputs.guardrails, operatorOrgGuardrails(["vpce-0123456789abcdef0"]));
  });

  it("operator: permissionBoundary.enabled creates the boundary policy and bounds every role", async () => {
    const result = await run(operatorFile, { "bedrock-lz:permissionBoundary": JSON.stringify({ enabled: true }) });
    const policies = result.resources.filter((r) => r.type === BOUNDARY_TYPE);
    assert.equal(policies.length, 1);
    assert.equal(policies[0].name, "permission-boundary");
    assert.equal(policies[0].inputs.name, "bedrock-lz-permission-boundary");
    assert.deepEqual(JSON.parse(String(policies[0].inputs.policy)), operatorOrgGuardrails([]).permissionBoundary);
    // In name order: the order roles finish registering is the engine's, not a contract.
    assert.deepEqual(
      roles(result)
        .map((r) => [r.inputs.name, r.inputs.permissionsBoundary])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
      [
        // The invocation-logging service role (on by default) is one of the stack's roles too.
        ["bedrock-lz-invocation-logging-ap-northeast-1", BOUNDARY_ARN],
        ["bedrock-lz-invoke-hakodate", BOUNDARY_ARN],
        ["bedrock-lz-invoke-sapporo", BOUNDARY_ARN],
      ],
    );
  });

  it("permissionBoundary.policyArn: every role carries the named policy (the CI deploy boundary), none is created", async () => {
    const deployBoundary = "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary";
    const result = await run(operatorFile, {
      "bedrock-lz:permissionBoundary": JSON.stringify({ policyArn: deployBoundary }),
    });
    assert.equal(result.resources.filter((r) => r.type === BOUNDARY_TYPE).length, 0);
    assert.deepEqual(
      roles(result).map((r) => [r.inputs.name, r.inputs.permissionsBoundary]),
      [
        ["bedrock-lz-invocation-logging-ap-northeast-1", deployBoundary],
        ["bedrock-lz-invoke-sapporo", deployBoundary],
        ["bedrock-lz-invoke-hakodate", deployBoundary],
      ],
    );
    const municipality = await run(municipalityFile, {
      "bedrock-lz:permissionBoundary": JSON.stringify({
        policyArn: "arn:aws:iam::222222222222:policy/github-actions-bedrock-lz-deploy-boundary",
      }),
    });
    assert.deepEqual(
      roles(municipality).map((r) => r.inputs.permissionsBoundary),
      ["arn:aws:iam::222222222222:policy/github-actions-bedrock-lz-deploy-boundary"],
    );
  });

  it("config: permissionBoundary takes enabled or policyArn, not both (one boundary per role)", () => {
    const boundaryProblems = (permissionBoundary: unknown) => problems({ ...MINIMAL_OPERATOR, permissionBoundary });
    const deployBoundary = "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary";
    assert.deepEqual(boundaryProblems({ policyArn: deployBoundary }), []);
    assert.deepEqual(boundaryProblems({ enabled: true, policyArn: deployBoundary }), [
      "bedrock-lz:permissionBoundary.policyArn: cannot be set together with permissionBoundary.enabled: a role has one " +
        "permissions boundary. Use policyArn (the deploy boundary) when the pipeline deploys this stack, or enabled " +
        "from an administrator's workstation",
    ]);
    assert.deepEqual(boundaryProblems({ policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), [
      'bedrock-lz:permissionBoundary.policyArn: must be a customer managed policy ARN such as "arn:aws:iam::111111111111:policy/github-actions-bedrock-lz-deploy-boundary"',
    ]);
  });

  it("municipality: exports documents approving its own bedrock-runtime endpoint", async () => {
    const result = await run(municipalityFile);
    const endpointIds = result.outputs.endpointIds as Record<string, string>;
    assert.match(endpointIds["bedrock-runtime"], /^vpce-[0-9a-f]{17}$/);
    assert.deepEqual(result.outputs.guardrails, municipalityOrgGuardrails([endpointIds["bedrock-runtime"]]));
    assert.equal(result.resources.filter((r) => r.type === BOUNDARY_TYPE).length, 0);
  });

  it("municipality: permissionBoundary.enabled bounds the client role", async () => {
    const result = await run(municipalityFile, { "bedrock-lz:permissionBoundary": JSON.stringify({ enabled: true }) });
    const policy = result.resources.find((r) => r.type === BOUNDARY_TYPE);
    assert.ok(policy);
    const endpointIds = result.outputs.endpointIds as Record<string, string>;
    assert.deepEqual(
      JSON.parse(String(policy.inputs.policy)),
      municipalityOrgGuardrails([endpointIds["bedrock-runtime"]]).permissionBoundary,
    );
    assert.deepEqual(
      roles(result).map((r) => [r.inputs.name, r.inputs.permissionsBoundary]),
      [["bedrock-lz-client-sapporo", BOUNDARY_ARN]],
    );
  });

  it("municipality: with the bedrock-runtime endpoint switched off nothing is approved", async () => {
    const endpoints = JSON.parse(municipalityFile.config["bedrock-lz:endpoints"] ?? "{}");
    const result = await run(municipalityFile, {
      "bedrock-lz:endpoints": JSON.stringify({ ...endpoints, "bedrock-runtime": { enabled: false } }),
    });
    assert.deepEqual(result.outputs.guardrails, municipalityOrgGuardrails([]));
  });

  it("creates no AWS Organizations resources unless organizations.enabled", async () => {
    const result = await run(operatorFile);
    assert.deepEqual(
      result.resources.filter((r) => /organizations|providers/.test(r.type)).map((r) => r.name),
      ["operator-ap-northeast-1"],
    );
    assert.equal(result.outputs.organizationPolicyIds, null);
  });

  it("organizations.enabled: both SCPs through a management-account provider, attached to this account", async () => {
    const result = await run(operatorFile, {
      "bedrock-lz:organizations": JSON.stringify({
        enabled: true,
        managementRoleArn: "arn:aws:iam::999999999999:role/OrgAdmin",
      }),
    });
    const provider = result.resources.find((r) => r.name === "organizations-management");
    assert.ok(provider);
    assert.equal(provider.type, "pulumi:providers:aws");
    assert.deepEqual(JSON.parse(String(provider.inputs.assumeRoles)), [
      { roleArn: "arn:aws:iam::999999999999:role/OrgAdmin", sessionName: "bedrock-lz-guardrails" },
    ]);
    assert.deepEqual(JSON.parse(String(provider.inputs.allowedAccountIds)), ["999999999999"]);
    const org = result.resources.filter((r) => r.type.startsWith("aws:organizations/"));
    assert.deepEqual(
      org
        .map((r) => [r.type, r.name, r.parent, r.inputs.name ?? r.inputs.targetId, r.inputs.type ?? r.inputs.policyId])
        .sort(),
      [
        [
          "aws:organizations/policy:Policy",
          "org-guardrails-bedrock",
          "org-guardrails",
          "bedrock-lz-operator-111111111111-bedrock",
          "SERVICE_CONTROL_POLICY",
        ],
        [
          "aws:organizations/policy:Policy",
          "org-guardrails-region-guard",
          "org-guardrails",
          "bedrock-lz-operator-111111111111-region-guard",
          "SERVICE_CONTROL_POLICY",
        ],
        [
          "aws:organizations/policyAttachment:PolicyAttachment",
          "org-guardrails-bedrock-111111111111",
          "org-guardrails",
          "111111111111",
          "org-guardrails-bedrock-id",
        ],
        [
          "aws:organizations/policyAttachment:PolicyAttachment",
          "org-guardrails-region-guard-111111111111",
          "org-guardrails",
          "111111111111",
          "org-guardrails-region-guard-id",
        ],
      ],
    );
    const docs = operatorOrgGuardrails([]);
    const content = (name: string) => JSON.parse(String(org.find((r) => r.name === name)!.inputs.content));
    assert.deepEqual(content("org-guardrails-region-guard"), docs.regionGuardScp);
    assert.deepEqual(content("org-guardrails-bedrock"), docs.bedrockScp);
    assert.deepEqual(result.outputs.organizationPolicyIds, {
      "region-guard": "org-guardrails-region-guard-id",
      bedrock: "org-guardrails-bedrock-id",
    });
  });

  it("organizations.targetIds: attaches both SCPs to every listed OU or account", async () => {
    const result = await run(municipalityFile, {
      "bedrock-lz:organizations": JSON.stringify({
        enabled: true,
        managementRoleArn: "arn:aws:iam::999999999999:role/OrgAdmin",
        targetIds: ["ou-ab12-cdef3456", "222222222222"],
      }),
    });
    assert.deepEqual(
      result.resources
        .filter((r) => r.type === "aws:organizations/policyAttachment:PolicyAttachment")
        .map((r) => r.name)
        .sort(),
      [
        "org-guardrails-bedrock-222222222222",
        "org-guardrails-bedrock-ou-ab12-cdef3456",
        "org-guardrails-region-guard-222222222222",
        "org-guardrails-region-guard-ou-ab12-cdef3456",
      ],
    );
    const names = result.resources
      .filter((r) => r.type === "aws:organizations/policy:Policy")
      .map((r) => r.inputs.name)
      .sort();
    assert.deepEqual(names, [
      "bedrock-lz-municipality-222222222222-bedrock",
      "bedrock-lz-municipality-222222222222-region-guard",
    ]);
  });

  it("config: organizations needs a management role and valid targets", () => {
    const base = MINIMAL_OPERATOR;
    assert.equal(parseStackConfig(base).organizations, undefined);
    assert.deepEqual(problems({ ...base, organizations: { enabled: true } }), [
      "bedrock-lz:organizations.managementRoleArn: is required when organizations.enabled is true: a role in the management account that may manage SCPs",
    ]);
    assert.deepEqual(
      problems({
        ...base,
        organizations: {
          enabled: true,
          managementRoleArn: "arn:aws:iam::999999999999:role/OrgAdmin",
          targetIds: ["ou-x"],
        },
      }),
      [
        'bedrock-lz:organizations.targetIds.0: must be an AWS Organizations target: an account id ("123456789012"), an OU id ("ou-ab12-cdef3456") or the root ("r-ab12")',
      ],
    );
  });

  it("config: permissionBoundary.enabled defaults to false and must be a boolean", () => {
    const base = {
      account: "municipality",
      accountId: "222222222222",
      municipalityName: "sapporo",
      operatorRoleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
    };
    const parsed = parseStackConfig(base);
    assert.deepEqual(parsed.permissionBoundary, { enabled: false });
    assert.throws(
      () => parseStackConfig({ ...base, permissionBoundary: { enabled: "yes" } }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 1 &&
        error.problems[0].key === "bedrock-lz:permissionBoundary.enabled" &&
        error.problems[0].message === "must be true or false",
    );
    assert.throws(
      () =>
        parseStackConfig({
          account: "operator",
          accountId: "111111111111",
          municipalities: { sapporo: { accountId: "222222222222" } },
          permissionBoundary: { enable: true },
        }),
      (error: unknown) =>
        error instanceof ConfigError && error.problems.some((p) => p.key === "bedrock-lz:permissionBoundary.enable"),
    );
  });
});
