import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { ENDPOINT_KEYS } from "../../infra/endpoints";
import { lookupInferenceProfile } from "../../infra/catalog";
import { municipalityEndpointPolicies } from "../../infra/policies";
import { ownAccountStatement, sharedVpcEndpointPolicies } from "../../infra/shared-vpc-policies";

const project = municipalityEndpointPolicies({
  profile: lookupInferenceProfile("jp.anthropic.claude-haiku-4-5-20251001-v1:0")!,
  region: "ap-northeast-1",
  operatorAccountId: "111111111111",
  operatorRoleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
  clientRoleArn: "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo",
  codeArtifactDomainArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:domain/bedrock-lz",
  codeArtifactRepositoryArn: "arn:aws:codeartifact:ap-northeast-1:222222222222:repository/bedrock-lz/pypi",
});
const CLIENT = "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo";
const shared = sharedVpcEndpointPolicies(project, "222222222222", CLIENT);
const OWN_ONLY_BUT_CLIENT = {
  StringEquals: { "aws:PrincipalAccount": "222222222222" },
  ArnNotEquals: { "aws:PrincipalArn": CLIENT },
};

describe("shared-VPC endpoint policies (infra/shared-vpc-policies.ts)", () => {
  it("keeps the account's own STS use with exactly one added statement", () => {
    deepStrictEqual(shared.sts.Statement, [
      ...project.sts.Statement,
      {
        Sid: "OwnAccountPrincipalsKeepTheirUse",
        Effect: "Allow",
        Principal: "*",
        Action: "sts:*",
        Resource: "*",
        Condition: OWN_ONLY_BUT_CLIENT,
      },
    ]);
  });

  it("leaves bedrock-runtime to the operator role alone", () => {
    deepStrictEqual(shared["bedrock-runtime"], project["bedrock-runtime"]);
    strictEqual(ownAccountStatement("bedrock-runtime", "222222222222", CLIENT), undefined);
  });

  it("adds the same own-account statement, for the endpoint's own service, to every other endpoint", () => {
    for (const key of ENDPOINT_KEYS.filter((k) => k !== "bedrock-runtime")) {
      const added = shared[key].Statement.slice(project[key].Statement.length);
      strictEqual(added.length, 1, key);
      deepStrictEqual(added[0].Condition, OWN_ONLY_BUT_CLIENT, key);
      const actions = ([] as string[]).concat(added[0].Action as string | string[]);
      const service = key.split(".")[0];
      strictEqual(actions[0], `${service}:*`, key);
    }
    deepStrictEqual(shared["codeartifact.api"].Statement.at(-1)?.Action, [
      "codeartifact:*",
      "sts:GetServiceBearerToken",
    ]);
  });

  it("admits no principal of another account in any added statement", () => {
    for (const key of ENDPOINT_KEYS) {
      for (const statement of shared[key].Statement.slice(project[key].Statement.length)) {
        deepStrictEqual(statement.Condition, OWN_ONLY_BUT_CLIENT, key);
      }
    }
  });
});
