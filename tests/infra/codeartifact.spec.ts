import * as assert from "node:assert/strict";
import {
  type CodeArtifactSettings,
  codeArtifactLoginArgs,
  codeArtifactReadPolicy,
  mirrorDomainArn,
  mirrorDomainPolicy,
  mirrorPlan,
  mirrorRepositoryArn,
  mirrorRepositoryPolicy,
} from "../../infra/codeartifact";

const CLIENT_ROLE = "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo";
const SETTINGS: CodeArtifactSettings = {
  domainName: "bedrock-lz",
  domainOwner: "222222222222",
  repositoryName: "pypi",
  upstreamRepositoryName: "pypi-store",
  mirror: true,
  clientReadAccess: true,
};

describe("CodeArtifact mirror builders", () => {
  it("creates the domain only when this account owns it", () => {
    assert.deepEqual(mirrorPlan(SETTINGS, "222222222222"), { createDomain: true, createRepositories: true });
    assert.deepEqual(mirrorPlan({ ...SETTINGS, domainOwner: "111111111111" }, "222222222222"), {
      createDomain: false,
      createRepositories: true,
    });
    assert.deepEqual(mirrorPlan({ ...SETTINGS, mirror: false }, "222222222222"), {
      createDomain: false,
      createRepositories: false,
    });
  });

  it("builds the ARNs in the owner's account", () => {
    const foreign = { ...SETTINGS, domainOwner: "111111111111" };
    assert.equal(
      mirrorDomainArn("ap-northeast-1", foreign),
      "arn:aws:codeartifact:ap-northeast-1:111111111111:domain/bedrock-lz",
    );
    assert.equal(
      mirrorRepositoryArn("ap-northeast-1", foreign),
      "arn:aws:codeartifact:ap-northeast-1:111111111111:repository/bedrock-lz/pypi",
    );
  });

  it("the temporary read policy: a token for the domain, reads from the repository, a bearer token for CodeArtifact only", () => {
    assert.deepEqual(
      codeArtifactReadPolicy({
        domainArn: mirrorDomainArn("ap-northeast-1", SETTINGS),
        repositoryArn: mirrorRepositoryArn("ap-northeast-1", SETTINGS),
      }),
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "TokenForThisDomain",
            Effect: "Allow",
            Action: "codeartifact:GetAuthorizationToken",
            Resource: "arn:aws:codeartifact:ap-northeast-1:222222222222:domain/bedrock-lz",
          },
          {
            Sid: "ReadThisRepository",
            Effect: "Allow",
            Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
            Resource: "arn:aws:codeartifact:ap-northeast-1:222222222222:repository/bedrock-lz/pypi",
          },
          {
            Sid: "BearerTokenForCodeArtifactOnly",
            Effect: "Allow",
            Action: "sts:GetServiceBearerToken",
            Resource: "*",
            Condition: { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } },
          },
        ],
      },
    );
  });

  it("the domain and repository policies grant the client role alone", () => {
    assert.deepEqual(mirrorDomainPolicy(CLIENT_ROLE), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ClientRoleGetsToken",
          Effect: "Allow",
          Principal: { AWS: CLIENT_ROLE },
          Action: "codeartifact:GetAuthorizationToken",
          Resource: "*",
        },
      ],
    });
    assert.deepEqual(mirrorRepositoryPolicy(CLIENT_ROLE), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ClientRoleReads",
          Effect: "Allow",
          Principal: { AWS: CLIENT_ROLE },
          Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
          Resource: "*",
        },
      ],
    });
  });

  it("the login command names the domain, its owner, the repository, the region and a 15-minute token", () => {
    assert.equal(
      codeArtifactLoginArgs("ap-northeast-3", { ...SETTINGS, domainOwner: "111111111111" }).join(" "),
      "aws codeartifact login --tool pip --domain bedrock-lz --domain-owner 111111111111 --repository pypi " +
        "--region ap-northeast-3 --duration-seconds 900",
    );
  });
});
