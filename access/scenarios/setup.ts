/**
 * The municipality's setup-time access (docs/municipality.md): the client role's temporary
 * CodeArtifact read policy with the mirror's domain and repository policies, and the Session
 * Manager agent policy, each through its VPC endpoint. Evaluated on a run with those features
 * on; none when the input has no such run.
 */
import type { MatrixIds, Scenario } from "../types";

export function setupScenarios(ids: MatrixIds): Scenario[] {
  if (ids.setup === undefined) return [];
  const { domainArn, repositoryArn, upstreamRepositoryArn } = ids.setup;
  const setup = {
    phase: "unlocked",
    caller: "client",
    identity: "setup",
    region: ids.region,
    guardrails: "none",
  } as const;
  const codeArtifact = { ...setup, path: "codeartifact-endpoint" } as const;
  const bearerToken = {
    ...codeArtifact,
    action: "sts:GetServiceBearerToken",
    resource: "*",
    resourceAccountId: ids.municipalityAccountId,
  } as const;
  const instance = `arn:aws:ec2:${ids.region}:${ids.municipalityAccountId}:instance/i-0123456789abcdef0`;
  const parameter = `arn:aws:ssm:${ids.region}:${ids.municipalityAccountId}:parameter/municipality/db-password`;
  return [
    {
      ...codeArtifact,
      id: "S01",
      title: "setup: client role gets a CodeArtifact token for the mirror's domain",
      expected: "Allowed",
      action: "codeartifact:GetAuthorizationToken",
      resource: domainArn,
      resourcePolicy: "codeartifact-domain",
    },
    {
      ...codeArtifact,
      id: "S02",
      title: "setup: client role reads the mirror's repository",
      expected: "Allowed",
      action: "codeartifact:ReadFromRepository",
      resource: repositoryArn,
      resourcePolicy: "codeartifact-repository",
    },
    {
      ...bearerToken,
      id: "S03",
      title: "setup: client role gets the bearer token CodeArtifact needs",
      expected: "Allowed",
      context: { "sts:AWSServiceName": "codeartifact.amazonaws.com" },
    },
    {
      ...bearerToken,
      id: "S04",
      title: "setup: with the read policy switched off (steady state), the bearer token is refused",
      expected: "Denied",
      identity: "generated",
      context: { "sts:AWSServiceName": "codeartifact.amazonaws.com" },
    },
    {
      ...bearerToken,
      id: "S05",
      title: "setup: the read policy's bearer token is for CodeArtifact only",
      expected: "Denied",
      context: { "sts:AWSServiceName": "lambda.amazonaws.com" },
    },
    {
      ...codeArtifact,
      id: "S06",
      title: "setup: an all-powerful administrator in the VPC cannot read the mirror through the endpoint",
      expected: "Denied",
      caller: "municipality-admin",
      identity: "generated",
      action: "codeartifact:ReadFromRepository",
      resource: repositoryArn,
      resourcePolicy: "codeartifact-repository",
    },
    {
      ...codeArtifact,
      id: "S07",
      title: "setup: the upstream repository (the public connection) is out of reach for the client role",
      expected: "Denied",
      action: "codeartifact:ReadFromRepository",
      resource: upstreamRepositoryArn,
    },
    {
      ...setup,
      id: "S08",
      title: "setup: SSM Agent with the client role registers the instance through the ssm endpoint",
      expected: "Allowed",
      path: "ssm-endpoint",
      action: "ssm:UpdateInstanceInformation",
      resource: instance,
    },
    {
      ...setup,
      id: "S09",
      title: "setup: SSM Agent opens its control channel through the ssmmessages endpoint",
      expected: "Allowed",
      path: "ssmmessages-endpoint",
      action: "ssmmessages:CreateControlChannel",
      resource: "*",
      resourceAccountId: ids.municipalityAccountId,
    },
    {
      ...setup,
      id: "S10",
      title: "setup: SSM Agent opens a session's data channel through the ssmmessages endpoint",
      expected: "Allowed",
      path: "ssmmessages-endpoint",
      action: "ssmmessages:OpenDataChannel",
      resource: "*",
      resourceAccountId: ids.municipalityAccountId,
    },
    {
      ...setup,
      id: "S11",
      title: "setup: SSM Agent polls for messages through the ec2messages endpoint",
      expected: "Allowed",
      path: "ec2messages-endpoint",
      action: "ec2messages:GetMessages",
      resource: "*",
      resourceAccountId: ids.municipalityAccountId,
    },
    {
      ...setup,
      id: "S12",
      title: "setup: the ssm endpoint carries no parameter reads, even for a widened client role",
      expected: "Denied",
      identity: "widened",
      path: "ssm-endpoint",
      action: "ssm:GetParameter",
      resource: parameter,
    },
    {
      ...setup,
      id: "S13",
      title: "setup: the session policy grants no parameter reads, even through a full-access endpoint",
      expected: "Denied",
      path: "ssm-endpoint",
      endpointPolicy: "default",
      action: "ssm:GetParameter",
      resource: parameter,
    },
    {
      ...setup,
      id: "S14",
      title: "setup: a foreign account's principal cannot get a token for the mirror's domain",
      expected: "Denied",
      caller: "foreign-account",
      identity: "generated",
      path: "no-endpoint",
      action: "codeartifact:GetAuthorizationToken",
      resource: domainArn,
      resourcePolicy: "codeartifact-domain",
    },
    {
      ...setup,
      id: "S15",
      title: "setup: a foreign account's principal cannot read the mirror's repository",
      expected: "Denied",
      caller: "foreign-account",
      identity: "generated",
      path: "no-endpoint",
      action: "codeartifact:ReadFromRepository",
      resource: repositoryArn,
      resourcePolicy: "codeartifact-repository",
    },
    {
      ...codeArtifact,
      id: "S16",
      title: "setup: an all-powerful administrator in the VPC cannot get a CodeArtifact token through the endpoint",
      expected: "Denied",
      caller: "municipality-admin",
      identity: "generated",
      action: "codeartifact:GetAuthorizationToken",
      resource: domainArn,
      resourcePolicy: "codeartifact-domain",
    },
    {
      ...bearerToken,
      id: "S17",
      title: "setup: an all-powerful administrator in the VPC cannot get the bearer token through the endpoint",
      expected: "Denied",
      caller: "municipality-admin",
      identity: "generated",
      context: { "sts:AWSServiceName": "codeartifact.amazonaws.com" },
    },
    {
      ...codeArtifact,
      id: "S18",
      title: "setup: the client role gets no token for another domain of the account",
      expected: "Denied",
      action: "codeartifact:GetAuthorizationToken",
      resource: `${domainArn.slice(0, domainArn.lastIndexOf("/"))}/another-domain`,
    },
    ...(
      [
        ["S19", "ssm-endpoint", "ssm:UpdateInstanceInformation", instance],
        ["S20", "ssmmessages-endpoint", "ssmmessages:OpenDataChannel", "*"],
        ["S21", "ec2messages-endpoint", "ec2messages:GetMessages", "*"],
      ] as const
    ).map(([id, path, action, resource]) => ({
      ...setup,
      id,
      title: `setup: an all-powerful administrator in the VPC cannot call ${action} through the ${path.replace("-endpoint", "")} endpoint`,
      expected: "Denied" as const,
      caller: "municipality-admin" as const,
      identity: "generated" as const,
      path,
      action,
      resource,
      resourceAccountId: ids.municipalityAccountId,
    })),
  ];
}
