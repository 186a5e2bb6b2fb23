import * as assert from "node:assert/strict";
import { ConfigError, type MunicipalityConfig, parseStackConfig } from "../../../infra/config";
import { DEFAULT_SMOKE_PROMPT } from "../../../infra/smoke-test";

const BASE = {
  account: "municipality",
  region: "ap-northeast-1",
  accountId: "222222222222",
  municipalityName: "sapporo",
  operatorRoleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
};

function parse(extra: Record<string, unknown>): MunicipalityConfig {
  const config = parseStackConfig({ ...BASE, ...extra });
  assert.equal(config.account, "municipality");
  return config as MunicipalityConfig;
}

function problems(extra: Record<string, unknown>): { key: string; message: string }[] {
  try {
    parseStackConfig({ ...BASE, ...extra });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems.map((p) => ({ key: p.key, message: p.message }));
  }
  assert.fail("expected a ConfigError");
}

describe("municipality config: setup toggles", () => {
  it("defaults every setup toggle off, with the mirror in this account", () => {
    const config = parse({});
    assert.deepEqual(config.codeArtifact, {
      domainName: "bedrock-lz",
      domainOwner: "222222222222",
      repositoryName: "pypi",
      upstreamRepositoryName: "pypi-store",
      mirror: false,
      clientReadAccess: false,
    });
    assert.equal(config.sessionAccess, false);
    assert.deepEqual(config.smokeTest, { enabled: false, instanceType: "t3.micro", prompt: DEFAULT_SMOKE_PROMPT });
    for (const key of ["ssm", "ssmmessages", "ec2messages"] as const) {
      assert.deepEqual(config.endpoints[key], { enabled: false, privateDnsEnabled: true }, key);
    }
  });

  it("keeps the defaults of the other codeArtifact keys when only one is set", () => {
    const config = parse({ codeArtifact: { mirror: true } });
    assert.equal(config.codeArtifact.mirror, true);
    assert.equal(config.codeArtifact.domainName, "bedrock-lz");
    assert.equal(config.codeArtifact.upstreamRepositoryName, "pypi-store");
  });

  it("sessionAccess switches the three Session Manager endpoints on; ec2messages may still be turned off", () => {
    const on = parse({ sessionAccess: { enabled: true } });
    for (const key of ["ssm", "ssmmessages", "ec2messages"] as const)
      assert.equal(on.endpoints[key].enabled, true, key);
    const lean = parse({ sessionAccess: { enabled: true }, endpoints: { ec2messages: { enabled: false } } });
    assert.equal(lean.endpoints.ec2messages.enabled, false);
    assert.equal(lean.endpoints.ssm.enabled, true);
    // An endpoint can be switched on alone, without the role policy.
    assert.equal(parse({ endpoints: { ssm: { enabled: true } } }).endpoints.ssm.enabled, true);
  });

  it("rejects turning off an endpoint Session Manager needs while sessionAccess is on", () => {
    assert.deepEqual(problems({ sessionAccess: { enabled: true }, endpoints: { ssmmessages: { enabled: false } } }), [
      {
        key: "bedrock-lz:endpoints.ssmmessages.enabled",
        message:
          "must not be false while sessionAccess.enabled is true: Session Manager needs the ssmmessages endpoint",
      },
    ]);
  });

  it("rejects an upstream repository with the client repository's name", () => {
    assert.deepEqual(problems({ codeArtifact: { repositoryName: "pypi", upstreamRepositoryName: "pypi" } }), [
      {
        key: "bedrock-lz:codeArtifact.upstreamRepositoryName",
        message: 'must differ from codeArtifact.repositoryName ("pypi"): the client repository reads through it',
      },
    ]);
  });

  it("names the key and what is allowed for bad setup values", () => {
    assert.deepEqual(problems({ smokeTest: { enabled: true, instanceType: "t3.nano" } }), [
      {
        key: "bedrock-lz:smokeTest.instanceType",
        message: "must be one of t3.micro, t3.small, t4g.micro, t4g.small (1 GiB or more: dnf and pip run at boot)",
      },
    ]);
    assert.deepEqual(problems({ codeArtifact: { clientReadAccess: "yes" } }), [
      { key: "bedrock-lz:codeArtifact.clientReadAccess", message: "must be true or false" },
    ]);
    assert.deepEqual(problems({ sessionAccess: { enable: true } }), [
      {
        key: "bedrock-lz:sessionAccess.enable",
        message: "is not a setting here; did you mean enabled? (keys are case-sensitive)",
      },
    ]);
    assert.deepEqual(problems({ smokeTest: { prompt: "" } }), [
      { key: "bedrock-lz:smokeTest.prompt", message: "must be a text of 1-2000 characters" },
    ]);
  });
});
