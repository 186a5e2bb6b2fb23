import * as assert from "node:assert/strict";
import { codeArtifactEndpointPolicy } from "../../infra/policies";
import { codeArtifactReadPolicy, mirrorDomainPolicy, mirrorRepositoryPolicy } from "../../infra/codeartifact";
import { sessionEndpointPolicies, sessionManagerInstancePolicy } from "../../infra/session-access";
import { readPythonSmokeSource, smokeUserData } from "../../infra/smoke-test";
import {
  FAKE_AL2023_AMIS,
  FAKE_S3_PREFIX_LIST_ID,
  type ProgramRun,
  type RecordedResource,
  runProgram,
} from "../../harness/mock-engine";
import { fakeId } from "../../harness/mock-engine";
import { readStackConfigFile } from "../../harness/stack-file";
import { FIXTURES, named, runWithConfig, fixtureConfig, withConfig } from "../support";
import { join } from "node:path";

const ACCOUNT = "222222222222";
const CLIENT_ROLE = "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo";
const OPERATOR_ROLE = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";

/** A municipality stack with every feature off unless `extra` turns it on. */
function run(extra: Record<string, unknown> = {}, azCount = 1): Promise<ProgramRun> {
  const config: Record<string, string> = {
    "aws:region": "ap-northeast-1",
    "bedrock-lz:account": "municipality",
    "bedrock-lz:accountId": ACCOUNT,
    "bedrock-lz:municipalityName": "sapporo",
    "bedrock-lz:operatorRoleArn": OPERATOR_ROLE,
    "bedrock-lz:vpc": JSON.stringify({ cidrBlock: "10.0.0.0/16", availabilityZoneCount: azCount }),
  };
  for (const [key, value] of Object.entries(extra)) config[`bedrock-lz:${key}`] = JSON.stringify(value);
  return runProgram({ stack: "municipality", config, accountId: ACCOUNT, program: program });
}

function program() {
  // Loaded lazily: the program must be imported after the mocks are installed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readStackConfig, runStack } = require("../../stacks") as typeof import("../../stacks");
  return runStack(readStackConfig());
}

function ofType(result: ProgramRun, type: string): RecordedResource[] {
  return result.resources.filter((r) => r.type === type);
}

function one(result: ProgramRun, type: string, name: string): RecordedResource {
  const found = result.resources.filter((r) => r.type === type && r.name === name);
  assert.equal(found.length, 1, `expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

function policyOf(resource: RecordedResource, key = "policy"): unknown {
  return JSON.parse(resource.inputs[key] as string);
}

const SETUP_TYPES = [
  "aws:codeartifact/domain:Domain",
  "aws:codeartifact/domainPermissions:DomainPermissions",
  "aws:codeartifact/repository:Repository",
  "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
  "aws:ec2/instance:Instance",
  "bedrock-lz:codeartifact:CodeArtifactMirror",
  "bedrock-lz:codeartifact:CodeArtifactReadAccess",
  "bedrock-lz:ssm:SessionAccess",
  "bedrock-lz:smoke:SmokeTestInstance",
];

function interfaceEndpointAzHours(result: ProgramRun, azCount: number): number {
  return (
    ofType(result, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((r) => r.inputs.vpcEndpointType === "Interface").length *
    azCount
  );
}

describe("municipality stack: features under mocks", () => {
  it("with every feature off, none of the feature resources exist and the outputs say so", async () => {
    const result = await run();
    for (const type of SETUP_TYPES) assert.equal(ofType(result, type).length, 0, type);
    const endpointNames = ofType(result, "aws:ec2/vpcEndpoint:VpcEndpoint").map((r) => r.name);
    assert.deepEqual(
      endpointNames.filter((n) => /ssm|ec2messages/.test(n)),
      [],
    );
    assert.deepEqual(
      ofType(result, "aws:iam/rolePolicy:RolePolicy").map((r) => r.name),
      ["client-assume-operator"],
    );
    assert.equal(result.outputs.codeArtifact, null);
    assert.equal(result.outputs.sessionAccess, false);
    assert.equal(result.outputs.smokeTestInstanceId, null);
    assert.equal(result.outputs.smokeTestSessionCommand, null);
    assert.deepEqual(result.warnings, []);
  });

  it("mirror in this account: domain, public:pypi upstream, client repository, both policies granting the client role", async () => {
    const result = await run({ codeArtifact: { mirror: true } });
    const domain = one(result, "aws:codeartifact/domain:Domain", "pypi-domain");
    assert.deepEqual(domain.inputs, { domain: "bedrock-lz" });
    assert.equal(domain.parent, "pypi");

    const upstream = one(result, "aws:codeartifact/repository:Repository", "pypi-upstream");
    assert.equal(upstream.inputs.repository, "pypi-store");
    assert.equal(upstream.inputs.domain, "bedrock-lz");
    assert.equal(upstream.inputs.domainOwner, ACCOUNT);
    assert.deepEqual(upstream.inputs.externalConnections, { externalConnectionName: "public:pypi" });
    assert.equal(upstream.inputs.upstreams, undefined);

    const repository = one(result, "aws:codeartifact/repository:Repository", "pypi-repository");
    assert.equal(repository.inputs.repository, "pypi");
    assert.deepEqual(repository.inputs.upstreams, [{ repositoryName: "pypi-store" }]);
    assert.equal(repository.inputs.externalConnections, undefined);

    const domainPolicy = one(result, "aws:codeartifact/domainPermissions:DomainPermissions", "pypi-domain-policy");
    assert.equal(domainPolicy.inputs.domainOwner, ACCOUNT);
    assert.deepEqual(policyOf(domainPolicy, "policyDocument"), mirrorDomainPolicy(CLIENT_ROLE));
    const repositoryPolicy = one(
      result,
      "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
      "pypi-repository-policy",
    );
    assert.equal(repositoryPolicy.inputs.repository, "pypi");
    assert.deepEqual(policyOf(repositoryPolicy, "policyDocument"), mirrorRepositoryPolicy(CLIENT_ROLE));
    // The mirror alone grants the client role nothing: the read policy is a separate toggle.
    assert.equal(ofType(result, "bedrock-lz:codeartifact:CodeArtifactReadAccess").length, 0);
  });

  it("a domain owned by another account is pointed at, not created; endpoint policies name that account's domain", async () => {
    const result = await run({ codeArtifact: { mirror: true, domainOwner: "111111111111", clientReadAccess: true } });
    assert.equal(ofType(result, "aws:codeartifact/domain:Domain").length, 0);
    assert.equal(ofType(result, "aws:codeartifact/domainPermissions:DomainPermissions").length, 0);
    assert.equal(ofType(result, "aws:codeartifact/repository:Repository").length, 2);
    for (const repository of ofType(result, "aws:codeartifact/repository:Repository")) {
      assert.equal(repository.inputs.domainOwner, "111111111111", repository.name);
    }
    const expected = codeArtifactEndpointPolicy({
      clientRoleArn: CLIENT_ROLE,
      domainArn: "arn:aws:codeartifact:ap-northeast-1:111111111111:domain/bedrock-lz",
      repositoryArn: "arn:aws:codeartifact:ap-northeast-1:111111111111:repository/bedrock-lz/pypi",
    });
    for (const key of ["codeartifact.api", "codeartifact.repositories"]) {
      assert.deepEqual(policyOf(one(result, "aws:ec2/vpcEndpoint:VpcEndpoint", `endpoints-${key}`)), expected, key);
    }
    assert.deepEqual(
      policyOf(one(result, "aws:iam/rolePolicy:RolePolicy", "codeartifact-read-policy")),
      codeArtifactReadPolicy({
        domainArn: "arn:aws:codeartifact:ap-northeast-1:111111111111:domain/bedrock-lz",
        repositoryArn: "arn:aws:codeartifact:ap-northeast-1:111111111111:repository/bedrock-lz/pypi",
      }),
    );
    assert.deepEqual(result.outputs.codeArtifact, {
      domainName: "bedrock-lz",
      domainOwner: "111111111111",
      repositoryName: "pypi",
      loginCommand:
        "aws codeartifact login --tool pip --domain bedrock-lz --domain-owner 111111111111 --repository pypi " +
        "--region ap-northeast-1 --duration-seconds 900",
    });
  });

  it("the temporary read policy is an inline policy on the client role, present only while the toggle is on", async () => {
    const on = await run({ codeArtifact: { clientReadAccess: true } });
    const policy = one(on, "aws:iam/rolePolicy:RolePolicy", "codeartifact-read-policy");
    assert.equal(policy.inputs.role, "bedrock-lz-client-sapporo");
    assert.equal(policy.inputs.name, "codeartifact-read-setup-only");
    assert.equal(policy.parent, "codeartifact-read");
    assert.deepEqual(
      policyOf(policy),
      codeArtifactReadPolicy({
        domainArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:domain/bedrock-lz",
        repositoryArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:repository/bedrock-lz/pypi",
      }),
    );
    const off = await run({ codeArtifact: { clientReadAccess: false, mirror: true } });
    assert.equal(off.resources.filter((r) => r.name.startsWith("codeartifact-read")).length, 0);
  });

  it("session access: three interface endpoints with the agent-only policies and an inline agent policy, no managed policy", async () => {
    const off = await run({}, 2);
    const on = await run({ sessionAccess: { enabled: true } }, 2);
    const expected = sessionEndpointPolicies(CLIENT_ROLE);
    for (const key of ["ssm", "ssmmessages", "ec2messages"] as const) {
      const endpoint = one(on, "aws:ec2/vpcEndpoint:VpcEndpoint", `endpoints-${key}`);
      assert.equal(endpoint.inputs.serviceName, `com.amazonaws.ap-northeast-1.${key}`);
      assert.equal(endpoint.inputs.vpcEndpointType, "Interface");
      assert.equal(endpoint.inputs.privateDnsEnabled, true);
      assert.equal((endpoint.inputs.subnetIds as string[]).length, 2);
      assert.deepEqual(policyOf(endpoint), expected[key]);
    }
    const agent = one(on, "aws:iam/rolePolicy:RolePolicy", "session-agent");
    assert.equal(agent.inputs.role, "bedrock-lz-client-sapporo");
    assert.deepEqual(policyOf(agent), sessionManagerInstancePolicy());
    assert.equal(ofType(on, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
    assert.equal(on.outputs.sessionAccess, true);
    // The cost driver: interface endpoint-AZ-hours grow by 3 endpoints x 2 AZs.
    assert.equal(interfaceEndpointAzHours(on, 2) - interfaceEndpointAzHours(off, 2), 6);
    const lean = await run({ sessionAccess: { enabled: true }, endpoints: { ec2messages: { enabled: false } } }, 2);
    assert.equal(interfaceEndpointAzHours(lean, 2) - interfaceEndpointAzHours(off, 2), 4);
  });

  it("smoke-test instance: hardened inputs, first AZ's isolated subnet, client instance profile, AL2023 from SSM", async () => {
    const result = await run(
      {
        codeArtifact: { mirror: true, clientReadAccess: true },
        sessionAccess: { enabled: true },
        smokeTest: { enabled: true },
      },
      2,
    );
    const instance = one(result, "aws:ec2/instance:Instance", "smoke-test-instance");
    const subnet = one(result, "aws:ec2/subnet:Subnet", "closed-isolated-ap-northeast-1a");
    const securityGroup = one(result, "aws:ec2/securityGroup:SecurityGroup", "smoke-test-sg");
    assert.equal(instance.parent, "smoke-test");
    assert.deepEqual(
      { ...instance.inputs, userData: undefined, subnetId: undefined, vpcSecurityGroupIds: undefined },
      {
        ami: FAKE_AL2023_AMIS["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"],
        instanceType: "t3.micro",
        associatePublicIpAddress: false,
        iamInstanceProfile: "bedrock-lz-client-sapporo",
        metadataOptions: {
          httpEndpoint: "enabled",
          httpTokens: "required",
          httpPutResponseHopLimit: 1,
          instanceMetadataTags: "disabled",
        },
        rootBlockDevice: { encrypted: true, volumeType: "gp3", deleteOnTermination: true },
        creditSpecification: { cpuCredits: "standard" },
        monitoring: false,
        userDataReplaceOnChange: true,
        tags: { Name: "smoke-test" },
        userData: undefined,
        subnetId: undefined,
        vpcSecurityGroupIds: undefined,
      },
    );
    assert.equal(instance.inputs.subnetId, fakeId(subnet.type, subnet.name, result.stack));
    assert.deepEqual(instance.inputs.vpcSecurityGroupIds, [
      fakeId(securityGroup.type, securityGroup.name, result.stack),
    ]);
    assert.equal(
      instance.inputs.userData,
      smokeUserData({
        region: "ap-northeast-1",
        operatorRoleArn: OPERATOR_ROLE,
        modelId: "jp.anthropic.claude-haiku-4-5-20251001-v1:0",
        prompt: "こんにちは。一文で自己紹介してください。",
        codeArtifact: {
          domainName: "bedrock-lz",
          domainOwner: ACCOUNT,
          repositoryName: "pypi",
          upstreamRepositoryName: "pypi-store",
          mirror: true,
          clientReadAccess: true,
        },
        pythonSource: readPythonSmokeSource(),
      }),
    );
    assert.deepEqual(result.warnings, []);
    assert.equal(result.outputs.smokeTestInstanceId, "smoke-test-instance-id");
    assert.equal(
      result.outputs.smokeTestSessionCommand,
      "aws ssm start-session --region ap-northeast-1 --target smoke-test-instance-id",
    );
  });

  it("smoke-test security group: no ingress, egress HTTPS only to the endpoint security group and the S3 prefix list", async () => {
    const result = await run({ smokeTest: { enabled: true }, codeArtifact: { clientReadAccess: true } });
    const sg = one(result, "aws:ec2/securityGroup:SecurityGroup", "smoke-test-sg");
    const endpointSg = one(result, "aws:ec2/securityGroup:SecurityGroup", "endpoints-sg");
    assert.equal(sg.inputs.ingress, undefined);
    assert.equal(sg.inputs.egress, undefined);
    assert.equal(
      ofType(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
        (r) => r.parent === "smoke-test",
      ).length,
      0,
    );
    const egress = ofType(result, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    assert.deepEqual(
      egress
        .map((rule) => ({ name: rule.name, ...rule.inputs, description: undefined }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      [
        {
          name: "smoke-test-https-to-endpoints",
          securityGroupId: fakeId(sg.type, sg.name, result.stack),
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          referencedSecurityGroupId: fakeId(endpointSg.type, endpointSg.name, result.stack),
          description: undefined,
        },
        {
          name: "smoke-test-https-to-s3",
          securityGroupId: fakeId(sg.type, sg.name, result.stack),
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          prefixListId: FAKE_S3_PREFIX_LIST_ID,
          description: undefined,
        },
      ],
    );
  });

  it("an arm64 type boots the arm64 AMI", async () => {
    const result = await run({
      smokeTest: { enabled: true, instanceType: "t4g.micro" },
      codeArtifact: { clientReadAccess: true },
    });
    const instance = one(result, "aws:ec2/instance:Instance", "smoke-test-instance");
    assert.equal(instance.inputs.instanceType, "t4g.micro");
    assert.equal(
      instance.inputs.ami,
      FAKE_AL2023_AMIS["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"],
    );
  });

  it("warns, naming the keys, when the smoke instance's boot script cannot succeed", async () => {
    const result = await run({ smokeTest: { enabled: true }, endpoints: { "codeartifact.api": { enabled: false } } });
    assert.equal(result.warnings.length, 1);
    assert.equal(
      result.warnings[0],
      "The smoke-test instance's boot script will fail: bedrock-lz:endpoints.codeartifact.api.enabled is false " +
        "(needed for: aws codeartifact login); bedrock-lz:codeArtifact.clientReadAccess is false (needed for: aws " +
        "codeartifact login, pip install boto3). Turn these on for the setup run (docs/municipality.md).",
    );
    assert.equal(ofType(result, "aws:ec2/instance:Instance").length, 1);
  });

  it("the example municipality (fixture) runs without warnings, in its steady state (setup features off)", async () => {
    const { stack, config } = readStackConfigFile(join(FIXTURES, "Pulumi.municipality.yaml"));
    const result = await runProgram({ stack, config, accountId: ACCOUNT, program });
    assert.deepEqual(result.warnings, []);
    assert.equal(ofType(result, "aws:ec2/instance:Instance").length, 0);
    assert.equal(ofType(result, "bedrock-lz:ssm:SessionAccess").length, 0);
    assert.equal(ofType(result, "bedrock-lz:codeartifact:CodeArtifactReadAccess").length, 0);
    // The mirror is the persistent part and stays on.
    assert.equal(ofType(result, "aws:codeartifact/domain:Domain").length, 1);
    assert.equal(ofType(result, "aws:codeartifact/repository:Repository").length, 2);
  });

  it("the example's setup run (the three toggles its comment names set to true) has everything the boot script needs", async () => {
    const { stack, config } = readStackConfigFile(join(FIXTURES, "Pulumi.municipality.yaml"));
    const codeArtifact = { ...JSON.parse(config["bedrock-lz:codeArtifact"]), clientReadAccess: true };
    const smokeTest = { ...JSON.parse(config["bedrock-lz:smokeTest"]), enabled: true };
    const result = await runProgram({
      stack,
      config: {
        ...config,
        "bedrock-lz:codeArtifact": JSON.stringify(codeArtifact),
        "bedrock-lz:sessionAccess": JSON.stringify({ enabled: true }),
        "bedrock-lz:smokeTest": JSON.stringify(smokeTest),
      },
      accountId: ACCOUNT,
      program,
    });
    assert.deepEqual(result.warnings, []);
    assert.equal(ofType(result, "aws:ec2/instance:Instance").length, 1);
    assert.equal(ofType(result, "bedrock-lz:ssm:SessionAccess").length, 1);
    assert.equal(ofType(result, "bedrock-lz:codeartifact:CodeArtifactReadAccess").length, 1);
  });
});

describe("smoke-test instance ordering", () => {
  it("waits for every endpoint, policy and repository its one-shot boot script needs", async () => {
    const run = await runWithConfig(
      "municipality",
      withConfig(fixtureConfig("municipality"), {
        "bedrock-lz:codeArtifact": {
          domainName: "bedrock-lz",
          repositoryName: "pypi",
          mirror: true,
          clientReadAccess: true,
        },
        "bedrock-lz:sessionAccess": { enabled: true },
        "bedrock-lz:smokeTest": { enabled: true },
      }),
    );
    const waitsFor = named(run, "smoke-test-instance").options.dependencies;
    for (const needed of [
      "endpoints-bedrock-runtime",
      "endpoints-sts",
      "endpoints-s3",
      "endpoints-codeartifact.api",
      "endpoints-codeartifact.repositories",
      "client-assume-operator",
      "pypi-repository-policy",
      "codeartifact-read-policy",
      "session-agent",
    ]) {
      if (!waitsFor.includes(needed))
        throw new Error(`the instance does not wait for ${needed}: ${waitsFor.join(", ")}`);
    }
  });
});
