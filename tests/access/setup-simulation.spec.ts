import * as assert from "node:assert/strict";
import { simulate } from "../../access/simulator";
import { codeArtifactReadPolicy, mirrorDomainPolicy, mirrorRepositoryPolicy } from "../../infra/codeartifact";
import type { PolicyDocument } from "../../infra/iam/document";
import { codeArtifactEndpointPolicy } from "../../infra/policies";
import { sessionEndpointPolicies, sessionManagerInstancePolicy } from "../../infra/session-access";

/**
 * The setup policies evaluated together (identity + resource + endpoint policy) by
 * @cloud-copilot/iam-simulate, the way AWS would for a request through the VPC endpoint.
 */
const ACCOUNT = "222222222222";
const CLIENT_ROLE = `arn:aws:iam::${ACCOUNT}:role/bedrock-lz-client-sapporo`;
const CLIENT_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/bedrock-lz-client-sapporo/i-0123456789abcdef0`;
const ADMIN_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`;
const DOMAIN = `arn:aws:codeartifact:ap-northeast-1:${ACCOUNT}:domain/bedrock-lz`;
const REPOSITORY = `arn:aws:codeartifact:ap-northeast-1:${ACCOUNT}:repository/bedrock-lz/pypi`;
const ALLOW_ALL: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};
const ALLOW_ALL_ENDPOINT: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
};

interface Case {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly identity: readonly PolicyDocument[];
  readonly endpoint: PolicyDocument;
  readonly resourcePolicy?: PolicyDocument;
  readonly context?: Record<string, string>;
}

async function decide(c: Case): Promise<string> {
  const principalArn = c.principal.startsWith("arn:aws:sts::")
    ? c.principal.replace(/^arn:aws:sts::(\d+):assumed-role\/([^/]+)\/.*$/, "arn:aws:iam::$1:role/$2")
    : c.principal;
  const decision = await simulate({
    principal: c.principal,
    action: c.action,
    resource: c.resource,
    resourceAccountId: ACCOUNT,
    context: { "aws:PrincipalArn": principalArn, "aws:PrincipalAccount": ACCOUNT, ...c.context },
    identityPolicies: c.identity,
    resourcePolicy: c.resourcePolicy,
    endpointPolicies: [c.endpoint],
  });
  return decision.result;
}

describe("setup policies under the IAM simulator", () => {
  const caEndpoint = codeArtifactEndpointPolicy({
    clientRoleArn: CLIENT_ROLE,
    domainArn: DOMAIN,
    repositoryArn: REPOSITORY,
  });
  const readPolicy = codeArtifactReadPolicy({ domainArn: DOMAIN, repositoryArn: REPOSITORY });

  it("the client role with the temporary read policy gets a token and reads the repository through the endpoint", async () => {
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "codeartifact:GetAuthorizationToken",
        resource: DOMAIN,
        identity: [readPolicy],
        endpoint: caEndpoint,
        resourcePolicy: mirrorDomainPolicy(CLIENT_ROLE),
      }),
      "Allowed",
    );
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "codeartifact:ReadFromRepository",
        resource: REPOSITORY,
        identity: [readPolicy],
        endpoint: caEndpoint,
        resourcePolicy: mirrorRepositoryPolicy(CLIENT_ROLE),
      }),
      "Allowed",
    );
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "sts:GetServiceBearerToken",
        resource: "*",
        identity: [readPolicy],
        endpoint: caEndpoint,
        context: { "sts:AWSServiceName": "codeartifact.amazonaws.com" },
      }),
      "Allowed",
    );
  });

  it("with the read policy switched off, the bearer token CodeArtifact needs is refused", async () => {
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "sts:GetServiceBearerToken",
        resource: "*",
        identity: [],
        endpoint: caEndpoint,
        context: { "sts:AWSServiceName": "codeartifact.amazonaws.com" },
      }),
      "ImplicitlyDenied",
    );
  });

  it("the read policy's bearer token is for CodeArtifact only", async () => {
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "sts:GetServiceBearerToken",
        resource: "*",
        identity: [readPolicy],
        endpoint: caEndpoint,
        context: { "sts:AWSServiceName": "other.amazonaws.com" },
      }),
      "ImplicitlyDenied",
    );
  });

  it("an administrator in the VPC cannot use the CodeArtifact endpoints, even with allow-all permissions", async () => {
    assert.equal(
      await decide({
        principal: ADMIN_SESSION,
        action: "codeartifact:ReadFromRepository",
        resource: REPOSITORY,
        identity: [ALLOW_ALL],
        endpoint: caEndpoint,
      }),
      "ImplicitlyDenied",
    );
  });

  it("another repository in the domain is out of reach for the client role", async () => {
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "codeartifact:ReadFromRepository",
        resource: `arn:aws:codeartifact:ap-northeast-1:${ACCOUNT}:repository/bedrock-lz/npm`,
        identity: [readPolicy],
        endpoint: caEndpoint,
      }),
      "ImplicitlyDenied",
    );
  });

  const session = sessionEndpointPolicies(CLIENT_ROLE);
  const agent = sessionManagerInstancePolicy();

  it("SSM Agent on an instance with the client role registers and opens channels through the endpoints", async () => {
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "ssm:UpdateInstanceInformation",
        resource: `arn:aws:ec2:ap-northeast-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
        identity: [agent],
        endpoint: session.ssm,
      }),
      "Allowed",
    );
    for (const action of ["ssmmessages:CreateControlChannel", "ssmmessages:OpenDataChannel"]) {
      assert.equal(
        await decide({
          principal: CLIENT_SESSION,
          action,
          resource: "*",
          identity: [agent],
          endpoint: session.ssmmessages,
        }),
        "Allowed",
        action,
      );
    }
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "ec2messages:GetMessages",
        resource: "*",
        identity: [agent],
        endpoint: session.ec2messages,
      }),
      "Allowed",
    );
  });

  it("the ssm endpoint does not carry parameter reads, even for a role that has them", async () => {
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "ssm:GetParameter",
        resource: `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:parameter/municipality/db-password`,
        identity: [ALLOW_ALL],
        endpoint: session.ssm,
      }),
      "ImplicitlyDenied",
    );
  });

  it("the session identity policy itself grants no parameter reads", async () => {
    assert.equal(
      await decide({
        principal: CLIENT_SESSION,
        action: "ssm:GetParameter",
        resource: `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:parameter/municipality/db-password`,
        identity: [agent],
        endpoint: ALLOW_ALL_ENDPOINT,
      }),
      "ImplicitlyDenied",
    );
  });
});
