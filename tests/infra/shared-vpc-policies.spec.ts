import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { type AccessRequest, simulate } from "../../access/simulator";
import { ENDPOINT_KEYS } from "../../infra/endpoints";
import { lookupInferenceProfile } from "../../infra/catalog";
import type { PolicyDocument } from "../../infra/iam/document";
import { municipalityEndpointPolicies } from "../../infra/policies";
import {
  OWN_ACCOUNT_FEDERATION_SID,
  ownAccountStatement,
  sharedVpcEndpointPolicies,
} from "../../infra/shared-vpc-policies";

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
  it("keeps the account's own STS use, federated sign-ins to its own roles included, with two added statements", () => {
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
      {
        Sid: "OwnAccountRolesKeepFederatedSignIns",
        Effect: "Allow",
        Principal: "*",
        Action: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
        Resource: "arn:aws:iam::222222222222:role/*",
      },
    ]);
  });

  it("leaves bedrock-runtime to the operator role alone", () => {
    deepStrictEqual(shared["bedrock-runtime"], project["bedrock-runtime"]);
    strictEqual(ownAccountStatement("bedrock-runtime", "222222222222", CLIENT), undefined);
  });

  it("adds the same own-account statement, for the endpoint's own service, to every other endpoint", () => {
    for (const key of ENDPOINT_KEYS.filter((k) => k !== "bedrock-runtime" && k !== "sts")) {
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

  it("admits no principal of another account in any added statement, and nothing on another account's roles", () => {
    for (const key of ENDPOINT_KEYS) {
      for (const statement of shared[key].Statement.slice(project[key].Statement.length)) {
        if (statement.Sid === OWN_ACCOUNT_FEDERATION_SID) {
          // A token carries no principal keys to hold the caller to: the role signed in to is held.
          strictEqual(key, "sts");
          strictEqual(statement.Resource, "arn:aws:iam::222222222222:role/*");
          strictEqual(statement.Condition, undefined);
        } else deepStrictEqual(statement.Condition, OWN_ONLY_BUT_CLIENT, key);
      }
    }
  });
});

/**
 * Federated sign-ins through the shared STS endpoint, evaluated with the simulator. They are sent
 * with a token, not a signature, so the request context has no aws:PrincipalAccount or
 * aws:PrincipalArn (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html):
 * the principal is the identity provider and the trust policy names it.
 */
describe("shared-VPC STS endpoint: federated sign-ins of the account's other workloads", () => {
  const ACCOUNT = "222222222222";
  const ENDPOINT_ID = "vpce-0a1b2c3d4e5f60783";
  const github = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
  // EKS IRSA: the service authorization reference lists no condition keys of EKS's issuer, so
  // the simulator cannot evaluate a `:sub` condition; the trust names the provider only.
  const eks = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
  const saml = `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP`;

  interface SignIn {
    readonly what: string;
    readonly provider: string;
    readonly action: "sts:AssumeRoleWithWebIdentity" | "sts:AssumeRoleWithSAML";
    readonly role: string;
    readonly claims: Record<string, string>;
  }
  const signIns: SignIn[] = [
    {
      what: "EKS IRSA (AssumeRoleWithWebIdentity)",
      provider: eks,
      action: "sts:AssumeRoleWithWebIdentity",
      role: `arn:aws:iam::${ACCOUNT}:role/BatchWorker`,
      claims: {},
    },
    {
      what: "GitHub Actions OIDC (AssumeRoleWithWebIdentity)",
      provider: github,
      action: "sts:AssumeRoleWithWebIdentity",
      role: `arn:aws:iam::${ACCOUNT}:role/CityAppDeploy`,
      claims: { "token.actions.githubusercontent.com:repository": "city-hall/app" },
    },
    {
      what: "a SAML sign-in (AssumeRoleWithSAML)",
      provider: saml,
      action: "sts:AssumeRoleWithSAML",
      role: `arn:aws:iam::${ACCOUNT}:role/Staff`,
      claims: { "saml:aud": "https://signin.aws.amazon.com/saml" },
    },
  ];

  function request(signIn: SignIn, endpointPolicy: PolicyDocument): AccessRequest {
    const [account] = signIn.role.split(":").slice(4, 5);
    return {
      principal: signIn.provider,
      action: signIn.action,
      resource: signIn.role,
      resourceAccountId: account,
      // The claims, and no principal keys at all.
      context: { "aws:SourceVpce": ENDPOINT_ID, "aws:RequestedRegion": "ap-northeast-1", ...signIn.claims },
      resourcePolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: signIn.provider },
            Action: signIn.action,
            ...(Object.keys(signIn.claims).length > 0 ? { Condition: { StringEquals: signIn.claims } } : {}),
          },
        ],
      },
      endpointPolicies: [endpointPolicy],
    };
  }

  const withoutFederation: PolicyDocument = {
    ...shared.sts,
    Statement: shared.sts.Statement.filter((statement) => statement.Sid !== OWN_ACCOUNT_FEDERATION_SID),
  };

  for (const signIn of signIns) {
    it(`${signIn.what} to a role of the account passes the endpoint`, async () => {
      const decision = await simulate(request(signIn, shared.sts), signIn.what);
      ok(decision.allowed, JSON.stringify(decision));
    });

    it(`${signIn.what} was refused by the endpoint with the own-account statement alone`, async () => {
      const decision = await simulate(request(signIn, withoutFederation), signIn.what);
      strictEqual(decision.allowed, false);
      ok(decision.deniedBy.includes("endpoint"), JSON.stringify(decision));
    });
  }

  it("a federated sign-in to another account's role is refused by the endpoint", async () => {
    const foreign = { ...signIns[1], role: "arn:aws:iam::444444444444:role/Exfiltration" };
    const decision = await simulate(request(foreign, shared.sts), "foreign sign-in");
    strictEqual(decision.allowed, false);
    ok(decision.deniedBy.includes("endpoint"), JSON.stringify(decision));
  });
});
