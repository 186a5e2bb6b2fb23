/**
 * Each rule of crossguard/rules.ts on small resources built by hand, on both sides: a clean
 * resource passes, and each way of breaking it is reported with the exact message. The program-level
 * specs (rules.spec.ts) show the shipped programs pass; these pin down what each rule reads.
 */
import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  type ResourceArgs,
  type ResourceRule,
  type StackResource,
  type StackRule,
  APPLICATION_PROFILE_TYPE,
  bedrockApplicationProfileFromJapan,
  bedrockJapanProfileOnly,
  interfaceEndpointPolicy,
  logGroupEncryptedAndRetained,
  managedPolicyLeastPrivilege,
  noDefaultRoute,
  noInternetGateway,
  noPublicIp,
  noWildcardInAllow,
  s3BucketProtected,
} from "../../crossguard/rules";
import { type Violation, collector } from "../../crossguard/smoke/validation-args";

const ADVICE = "the landing zone's VPCs are closed: reach AWS APIs through VPC endpoints, never through the internet";
const JP_PROFILE = "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-x-v1:0";
const JP_MODEL = "arn:aws:bedrock:ap-northeast-1::foundation-model/anthropic.claude-x-v1:0";

function resource(type: string, props: Record<string, unknown>, name = "r"): ResourceArgs {
  return { type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props };
}

function messages(rule: ResourceRule, args: ResourceArgs): string[] {
  const { violations, report } = collector();
  rule(args as Parameters<ResourceRule>[0], report);
  return violations.map((violation) => violation.message);
}

function stackViolations(rule: StackRule, resources: StackResource[]): Violation[] {
  const { violations, report } = collector();
  rule({ resources }, report);
  return violations;
}

function policyOf(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

describe("policy pack rules, both sides", () => {
  describe("no-internet-gateway", () => {
    for (const [type, what] of [
      ["aws:ec2/internetGateway:InternetGateway", "an internet gateway"],
      ["aws:ec2/internetGatewayAttachment:InternetGatewayAttachment", "an internet gateway attachment"],
      ["aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", "an egress-only internet gateway (IPv6)"],
      ["aws:ec2/natGateway:NatGateway", "a NAT gateway"],
      ["aws:ec2/eip:Eip", "an Elastic IP (a public address)"],
      ["aws:ec2/eipAssociation:EipAssociation", "an Elastic IP association (a public address)"],
      ["aws:ec2/carrierGateway:CarrierGateway", "a carrier gateway"],
    ]) {
      it(`reports ${type.split(":").pop()} with what it is`, () => {
        deepStrictEqual(messages(noInternetGateway, resource(type, {}, "way-out")), [
          `${type} "way-out" is ${what}; ${ADVICE}.`,
        ]);
      });
    }

    it("passes a VPC endpoint", () => {
      deepStrictEqual(messages(noInternetGateway, resource("aws:ec2/vpcEndpoint:VpcEndpoint", {})), []);
    });
  });

  describe("no-public-ip", () => {
    const SUBNET = "aws:ec2/subnet:Subnet";
    it("reports a subnet mapping public IPs (as a boolean or the string the provider passes), passes one that does not", () => {
      const expected = [`${SUBNET} "r" sets mapPublicIpOnLaunch: every instance would get a public IP; ${ADVICE}.`];
      deepStrictEqual(messages(noPublicIp, resource(SUBNET, { mapPublicIpOnLaunch: true })), expected);
      deepStrictEqual(messages(noPublicIp, resource(SUBNET, { mapPublicIpOnLaunch: "true" })), expected);
      deepStrictEqual(messages(noPublicIp, resource(SUBNET, { mapPublicIpOnLaunch: false })), []);
      deepStrictEqual(messages(noPublicIp, resource(SUBNET, { mapPublicIpOnLaunch: "false" })), []);
      deepStrictEqual(messages(noPublicIp, resource(SUBNET, {})), []);
    });

    for (const type of ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"]) {
      it(`reports a ${type.split(":").pop()} with a public IP or in the default VPC`, () => {
        deepStrictEqual(
          messages(noPublicIp, resource(type, { subnetId: "subnet-1", associatePublicIpAddress: true })),
          [`${type} "r" sets associatePublicIpAddress; ${ADVICE}.`],
        );
        deepStrictEqual(messages(noPublicIp, resource(type, {})), [
          `${type} "r" names no subnetId, so EC2 would place it in the default VPC (public IPs, internet gateway); ` +
            "put it in an isolated subnet of the closed VPC.",
        ]);
        for (const placed of [
          { subnetId: "subnet-1" },
          { networkInterfaces: [{ networkInterfaceId: "eni-1", deviceIndex: 0 }] },
          { primaryNetworkInterface: { networkInterfaceId: "eni-1" } },
          { launchTemplate: { id: "lt-1" } },
        ]) {
          deepStrictEqual(messages(noPublicIp, resource(type, placed)), [], JSON.stringify(placed));
        }
      });
    }

    it("reports each launch template interface with a public IP, and passes the others", () => {
      const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
      deepStrictEqual(
        messages(
          noPublicIp,
          resource(TEMPLATE, {
            networkInterfaces: [
              { associatePublicIpAddress: true },
              null,
              { associatePublicIpAddress: "false" },
              { associatePublicIpAddress: "true" },
            ],
          }),
        ),
        [
          `${TEMPLATE} "r" networkInterfaces[0] sets associatePublicIpAddress; ${ADVICE}.`,
          `${TEMPLATE} "r" networkInterfaces[3] sets associatePublicIpAddress; ${ADVICE}.`,
        ],
      );
      deepStrictEqual(messages(noPublicIp, resource(TEMPLATE, { networkInterfaces: "unknown" })), []);
      deepStrictEqual(messages(noPublicIp, resource(TEMPLATE, {})), []);
    });

    it("ignores other types that carry the same inputs", () => {
      deepStrictEqual(
        messages(
          noPublicIp,
          resource("aws:ec2/vpc:Vpc", { mapPublicIpOnLaunch: true, associatePublicIpAddress: true }),
        ),
        [],
      );
    });
  });

  describe("no-default-route", () => {
    const ROUTE = "aws:ec2/route:Route";
    const route = (props: Record<string, unknown>) => messages(noDefaultRoute, resource(ROUTE, props));

    it("reports a default route once, whatever its target, on IPv4 or IPv6", () => {
      deepStrictEqual(route({ destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }), [
        `${ROUTE} "r" is a default route (0.0.0.0/0); ${ADVICE}.`,
      ]);
      deepStrictEqual(route({ destinationIpv6CidrBlock: "::/0", transitGatewayId: "tgw-1" }), [
        `${ROUTE} "r" is a default route (::/0); ${ADVICE}.`,
      ]);
    });

    it("reports a narrower route through each kind of internet way out", () => {
      const cidr = { destinationCidrBlock: "192.0.2.0/24" };
      deepStrictEqual(route({ ...cidr, gatewayId: "igw-0abc" }), [
        `${ROUTE} "r" sends traffic to internet gateway igw-0abc; ${ADVICE}.`,
      ]);
      deepStrictEqual(route({ ...cidr, natGatewayId: "nat-1" }), [
        `${ROUTE} "r" sends traffic to a NAT gateway; ${ADVICE}.`,
      ]);
      deepStrictEqual(route({ destinationIpv6CidrBlock: "2001:db8::/32", egressOnlyGatewayId: "eigw-1" }), [
        `${ROUTE} "r" sends traffic to an egress-only internet gateway; ${ADVICE}.`,
      ]);
      deepStrictEqual(route({ ...cidr, carrierGatewayId: "cagw-1" }), [
        `${ROUTE} "r" sends traffic to a carrier gateway; ${ADVICE}.`,
      ]);
    });

    it("passes routes inside the private network, and empty gateway inputs", () => {
      const cidr = { destinationCidrBlock: "10.1.0.0/16" };
      deepStrictEqual(route({ ...cidr, gatewayId: "vgw-1" }), []);
      deepStrictEqual(route({ ...cidr, transitGatewayId: "tgw-1" }), []);
      deepStrictEqual(
        route({ ...cidr, gatewayId: "", natGatewayId: "", egressOnlyGatewayId: "", carrierGatewayId: "" }),
        [],
      );
      deepStrictEqual(route({ ...cidr, gatewayId: 7 }), []);
      deepStrictEqual(route({ destinationCidrBlock: 0, destinationIpv6CidrBlock: "2001:db8::/32" }), []);
    });

    for (const type of ["aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable"]) {
      it(`checks each inline route of a ${type.split(":").pop()}`, () => {
        deepStrictEqual(
          messages(
            noDefaultRoute,
            resource(type, {
              routes: [
                { cidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" },
                null,
                { ipv6CidrBlock: "::/0", gatewayId: "vgw-1" },
                { cidrBlock: "192.0.2.0/24", natGatewayId: "nat-1" },
              ],
            }),
          ),
          [
            `${type} "r" routes[2] is a default route (::/0); ${ADVICE}.`,
            `${type} "r" routes[3] sends traffic to a NAT gateway; ${ADVICE}.`,
          ],
        );
        deepStrictEqual(messages(noDefaultRoute, resource(type, {})), []);
      });
    }

    it("ignores other types", () => {
      deepStrictEqual(
        messages(
          noDefaultRoute,
          resource("aws:ec2/vpc:Vpc", { destinationCidrBlock: "0.0.0.0/0", routes: [{ cidrBlock: "0.0.0.0/0" }] }),
        ),
        [],
      );
    });
  });

  describe("bedrock-japan-profile-only", () => {
    const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    const invoke = (...statements: Record<string, unknown>[]) =>
      messages(bedrockJapanProfileOnly, resource(ROLE_POLICY, { policy: policyOf(...statements) }));
    const where = (statement: string | number) => `${ROLE_POLICY} "r" policy statement ${statement}`;

    it("passes a jp. profile with its model, a guardrail and an application profile in Japan", () => {
      deepStrictEqual(
        invoke({
          Effect: "Allow",
          Action: ["bedrock:InvokeModel", "s3:GetObject"],
          Resource: [
            JP_PROFILE,
            JP_MODEL,
            "arn:aws:bedrock:ap-northeast-3:111111111111:guardrail/g1",
            "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1",
            "arn:aws:s3:::bucket/*",
          ],
        }),
        [],
      );
    });

    it("names each resource outside Japan, with the actions that reach Bedrock", () => {
      const resources = [
        "*",
        "not-an-arn",
        "arn:aws:b*:ap-northeast-1::foundation-model/m",
        "arn:aws:bedrock:us-east-1::foundation-model/m",
        "arn:aws:bedrock:::foundation-model/m",
        "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/apac.m",
        "arn:aws:bedrock:ap-northeast-1::foundation-model/other",
        "arn:aws:bedrock:ap-northeast-1:111111111111:provisioned-model/p",
      ];
      const on = (problem: string) => `${where("Wide")} allows bedrock:Invoke*, b*:Get* on ${problem}.`;
      deepStrictEqual(
        invoke({
          Sid: "Wide",
          Effect: "Allow",
          Action: ["bedrock:Invoke*", "s3:GetObject", "b*:Get*"],
          Resource: resources,
        }),
        [
          on("every resource (*), i.e. every model and profile in every region"),
          on('"not-an-arn", which is not an ARN'),
          on('"arn:aws:b*:ap-northeast-1::foundation-model/m", whose service is a wildcard'),
          on(
            '"arn:aws:bedrock:us-east-1::foundation-model/m" in region "us-east-1"; only ap-northeast-1 and ap-northeast-3 keep data in Japan',
          ),
          on(
            '"arn:aws:bedrock:::foundation-model/m" in region "(any)"; only ap-northeast-1 and ap-northeast-3 keep data in Japan',
          ),
          on(
            '"arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/apac.m", an inference profile that is not "jp." (apac., global. and us. profiles route abroad)',
          ),
          on(
            '"arn:aws:bedrock:ap-northeast-1::foundation-model/other", a foundation model no "jp." inference profile of this document routes to ' +
              "(allow a model only beside its jp. profile, so it is reached through the profile)",
          ),
          on(
            '"arn:aws:bedrock:ap-northeast-1:111111111111:provisioned-model/p" (Bedrock resource type "provisioned-model"); only jp. inference profiles, their foundation models and guardrails are allowed',
          ),
        ],
      );
    });

    it("lets a jp. profile in one statement vouch for its model in another, but not an apac. one or another service's", () => {
      deepStrictEqual(
        invoke(
          { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: JP_PROFILE },
          { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: JP_MODEL },
        ),
        [],
      );
      const notJapan = JP_PROFILE.replace("/jp.", "/apac.");
      const modelProblem =
        `"${JP_MODEL}", a foundation model no "jp." inference profile of this document routes to ` +
        "(allow a model only beside its jp. profile, so it is reached through the profile)";
      deepStrictEqual(
        invoke(
          { Effect: "Deny", Action: "bedrock:InvokeModel", Resource: notJapan },
          { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: JP_MODEL },
        ),
        [`${where(1)} allows bedrock:InvokeModel on ${modelProblem}.`],
      );
      // A non-Bedrock ARN whose resource looks like a jp. profile routes nothing.
      deepStrictEqual(
        invoke({
          Effect: "Allow",
          Action: "bedrock:InvokeModel",
          Resource: [
            "arn:aws:sagemaker:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-x-v1:0",
            JP_MODEL,
          ],
        }),
        [`${where(0)} allows bedrock:InvokeModel on ${modelProblem}.`],
      );
      deepStrictEqual(
        invoke({
          Effect: "Allow",
          Action: "bedrock:InvokeModel",
          Resource: ["arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/jp.anthropic.claude-x-v1:0", JP_MODEL],
        }),
        [`${where(0)} allows bedrock:InvokeModel on ${modelProblem}.`],
      );
    });

    it("reports NotAction and NotResource in an Allow that may reach Bedrock, and skips Deny and other services", () => {
      deepStrictEqual(invoke({ Effect: "Allow", NotAction: "s3:*", Resource: "*" }), [
        `${where(0)} allows (NotAction) on every resource (*), i.e. every model and profile in every region.`,
      ]);
      deepStrictEqual(
        invoke({ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:Converse"], NotResource: JP_PROFILE }),
        [
          `${where(0)} allows bedrock:InvokeModel, bedrock:Converse with NotResource; name the jp. inference profile instead.`,
        ],
      );
      deepStrictEqual(invoke({ Effect: "Deny", Action: "bedrock:*", Resource: "*" }), []);
      deepStrictEqual(invoke({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }), []);
      deepStrictEqual(invoke({ Effect: "Allow", Action: "s3:GetObject", NotResource: "*" }), []);
    });

    it("leaves customer managed policies to managed-policy-least-privilege", () => {
      deepStrictEqual(
        messages(
          bedrockJapanProfileOnly,
          resource("aws:iam/policy:Policy", {
            policy: policyOf({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }),
          }),
        ),
        [],
      );
    });

    for (const type of [
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      "aws:iam/userPolicyAttachment:UserPolicyAttachment",
      "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
      "aws:iam/policyAttachment:PolicyAttachment",
    ]) {
      it(`reports a ${type.split(":").pop()} of a broad AWS managed policy, and passes a narrow one`, () => {
        for (const policy of ["AmazonBedrockFullAccess", "AdministratorAccess", "PowerUserAccess"]) {
          const policyArn = `arn:aws:iam::aws:policy/${policy}`;
          deepStrictEqual(messages(bedrockJapanProfileOnly, resource(type, { policyArn })), [
            `${type} "r" attaches ${policyArn}, which allows Bedrock on every model and region; ` +
              "use the least-privilege statements of infra/policies.ts instead.",
          ]);
        }
        for (const policyArn of [
          "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
          "arn:aws:iam::111111111111:policy/AmazonBedrockFullAccess",
          "arn:aws:iam::aws:policy/AdministratorAccessAmplify",
          "xarn:aws:iam::aws:policy/AdministratorAccess",
          7,
        ]) {
          deepStrictEqual(messages(bedrockJapanProfileOnly, resource(type, { policyArn })), [], String(policyArn));
        }
      });
    }

    it("reports a broad policy in the China and GovCloud partitions, and only on attachments", () => {
      const type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
      strictEqual(
        messages(
          bedrockJapanProfileOnly,
          resource(type, { policyArn: "arn:aws-cn:iam::aws:policy/AdministratorAccess" }),
        ).length,
        1,
      );
      deepStrictEqual(
        messages(
          bedrockJapanProfileOnly,
          resource("aws:iam/role:Role", { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
        ),
        [],
      );
    });
  });

  describe("bedrock-application-profile-from-japan", () => {
    const APP = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/app1";
    const profile = (copyFrom: unknown, arn: unknown = APP, name = "meter"): StackResource => ({
      type: APPLICATION_PROFILE_TYPE,
      name,
      urn: `urn:${name}`,
      props: { modelSource: { copyFrom }, arn },
    });
    const invokePolicy = (type: string, ...resources: string[]): StackResource => ({
      type,
      name: "invoke",
      urn: "urn:invoke",
      props: {
        policy: policyOf(
          { Effect: "Deny", Action: "bedrock:InvokeModel", Resource: "*" },
          { Sid: "Invoke", Effect: "Allow", Action: ["s3:GetObject", "bedrock:InvokeModel"], Resource: resources },
        ),
      },
    });
    const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

    it("passes a profile copied from a jp. profile in Japan and a policy that allows exactly it", () => {
      deepStrictEqual(
        stackViolations(bedrockApplicationProfileFromJapan, [
          profile(JP_PROFILE),
          invokePolicy(ROLE_POLICY, APP, JP_PROFILE),
        ]),
        [],
      );
    });

    it("reports each way a profile's source may route abroad, on the profile's URN", () => {
      const cases: [unknown, string][] = [
        [undefined, "copies from nothing this policy can read"],
        [JP_MODEL, `copies from "${JP_MODEL}", which is not a jp. inference profile`],
        ["not-an-arn", `copies from "not-an-arn", which is not a jp. inference profile`],
        [
          JP_PROFILE.replace(":bedrock:", ":sagemaker:"),
          `copies from "${JP_PROFILE.replace(":bedrock:", ":sagemaker:")}", which is not a jp. inference profile`,
        ],
        [
          JP_PROFILE.replace("/jp.", "/global."),
          `copies from "${JP_PROFILE.replace("/jp.", "/global.")}", an inference profile that is not "jp." (apac., global. and us. profiles route abroad)`,
        ],
        [
          JP_PROFILE.replace("ap-northeast-1", "us-east-1"),
          `copies from "${JP_PROFILE.replace("ap-northeast-1", "us-east-1")}", outside ap-northeast-1 and ap-northeast-3`,
        ],
      ];
      for (const [copyFrom, problem] of cases) {
        deepStrictEqual(stackViolations(bedrockApplicationProfileFromJapan, [profile(copyFrom)]), [
          { message: `${APPLICATION_PROFILE_TYPE} "meter" ${problem}.`, urn: "urn:meter" },
        ]);
      }
      deepStrictEqual(
        stackViolations(bedrockApplicationProfileFromJapan, [
          { type: APPLICATION_PROFILE_TYPE, name: "meter", urn: "urn:meter", props: {} },
        ]),
        [
          {
            message: `${APPLICATION_PROFILE_TYPE} "meter" copies from nothing this policy can read.`,
            urn: "urn:meter",
          },
        ],
      );
    });

    it("reports a policy that allows a profile this stack does not copy from a jp. profile, on the policy's URN", () => {
      const other = "arn:aws:bedrock:ap-northeast-1:999999999999:application-inference-profile/x";
      const message = (named: string) =>
        `${ROLE_POLICY} "invoke" policy statement Invoke allows Bedrock on "${named}", ` +
        "an application inference profile this program does not create from a jp. profile " +
        "(another account's, or made elsewhere, it may route abroad); allow only the profiles this stack copies from a jp. profile.";
      deepStrictEqual(
        stackViolations(bedrockApplicationProfileFromJapan, [
          profile(JP_PROFILE),
          invokePolicy(ROLE_POLICY, APP, other),
        ]),
        [{ message: message(other), urn: "urn:invoke" }],
      );
      // A profile copied from abroad does not vouch for the policies that allow it.
      const abroad = JP_PROFILE.replace("/jp.", "/us.");
      deepStrictEqual(
        stackViolations(bedrockApplicationProfileFromJapan, [profile(abroad), invokePolicy(ROLE_POLICY, APP)]),
        [
          {
            message: `${APPLICATION_PROFILE_TYPE} "meter" copies from "${abroad}", an inference profile that is not "jp." (apac., global. and us. profiles route abroad).`,
            urn: "urn:meter",
          },
          { message: message(APP), urn: "urn:invoke" },
        ],
      );
      // A profile whose ARN is not known vouches for nothing.
      deepStrictEqual(
        stackViolations(bedrockApplicationProfileFromJapan, [
          profile(JP_PROFILE, null),
          invokePolicy(ROLE_POLICY, APP),
        ]),
        [{ message: message(APP), urn: "urn:invoke" }],
      );
    });

    it("ignores endpoint policies, Deny statements and Allows of other services", () => {
      const other = "arn:aws:bedrock:ap-northeast-1:999999999999:application-inference-profile/x";
      for (const type of ["aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy"]) {
        deepStrictEqual(stackViolations(bedrockApplicationProfileFromJapan, [invokePolicy(type, other)]), [], type);
      }
      const denyOnly: StackResource = {
        type: ROLE_POLICY,
        name: "deny",
        urn: "urn:deny",
        props: { policy: policyOf({ Effect: "Deny", Action: "bedrock:InvokeModel", Resource: other }) },
      };
      const s3Only: StackResource = {
        type: ROLE_POLICY,
        name: "s3",
        urn: "urn:s3",
        props: { policy: policyOf({ Effect: "Allow", Action: "s3:GetObject", Resource: other }) },
      };
      deepStrictEqual(stackViolations(bedrockApplicationProfileFromJapan, [denyOnly, s3Only]), []);
    });
  });

  describe("no-wildcard-in-allow", () => {
    const wildcard = policyOf({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" });
    const wildcardMessage = (owner: string, path = "policy") =>
      `${owner} ${path} statement 0 allows every action of a service (s3:*); list the actions it needs.`;

    for (const type of [
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/userPolicy:UserPolicy",
      "aws:iam/groupPolicy:GroupPolicy",
      "aws:ec2/vpcEndpoint:VpcEndpoint",
      "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
    ]) {
      it(`checks the policy of a ${type.split(":").pop()}`, () => {
        deepStrictEqual(messages(noWildcardInAllow, resource(type, { policy: wildcard })), [
          wildcardMessage(`${type} "r"`),
        ]);
      });
    }

    it("checks a role's inline policies and skips its trust policy", () => {
      const ROLE = "aws:iam/role:Role";
      deepStrictEqual(
        messages(
          noWildcardInAllow,
          resource(ROLE, {
            assumeRolePolicy: policyOf({ Effect: "Allow", Action: "sts:*", Principal: { AWS: "*" } }),
            inlinePolicies: [{ name: "broad", policy: wildcard }],
          }),
        ),
        [wildcardMessage(`${ROLE} "r"`, "inlinePolicies[0].policy")],
      );
    });

    it("does not check other types, such as a bucket policy (managed policies have their own rule)", () => {
      for (const type of ["aws:s3/bucketPolicy:BucketPolicy", "aws:iam/policy:Policy"]) {
        deepStrictEqual(messages(noWildcardInAllow, resource(type, { policy: wildcard })), [], type);
      }
    });

    it("reports NotAction and NotResource in an Allow, each with its fix", () => {
      for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:ec2/vpcEndpoint:VpcEndpoint"]) {
        deepStrictEqual(
          messages(
            noWildcardInAllow,
            resource(type, {
              policy: policyOf({ Sid: "Not", Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::b" }),
            }),
          ),
          [
            `${type} "r" policy statement Not uses NotAction in an Allow; list the actions it needs.`,
            `${type} "r" policy statement Not uses NotResource in an Allow; name the resources it needs.`,
          ],
          type,
        );
      }
    });

    it("reports * and service-wide actions, and scoped actions on *; passes resourceless actions on *", () => {
      const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
      const check = (statement: Record<string, unknown>) =>
        messages(noWildcardInAllow, resource(ROLE_POLICY, { policy: policyOf(statement) }));
      const where = `${ROLE_POLICY} "r" policy statement 0`;
      deepStrictEqual(
        check({
          Effect: "Allow",
          Action: ["*", "s3:GetObject", "ec2:Describe*", "s3:*Object", "kms:*"],
          Resource: "arn:aws:s3:::b",
        }),
        [`${where} allows every action of a service (*, kms:*); list the actions it needs.`],
      );
      deepStrictEqual(
        check({
          Effect: "Allow",
          Action: ["s3:GetObject", "STS:GetCallerIdentity", "ssm:UpdateInstanceInformation", "kms:Decrypt"],
          Resource: "*",
        }),
        [
          `${where} allows s3:GetObject, kms:Decrypt on every resource (*); name the resources ` +
            "(only actions without resource types, such as sts:GetCallerIdentity, may use *).",
        ],
      );
      deepStrictEqual(
        check({
          Effect: "Allow",
          Action: [
            "sts:GetCallerIdentity",
            "sts:GetServiceBearerToken",
            "ssmmessages:OpenDataChannel",
            "ec2messages:GetEndpoint",
            "ssm:UpdateInstanceInformation",
            "iam:ListRoles",
            "ec2:DescribeVpcs",
            "ec2:DescribeVpcEndpoints",
            "ec2:DescribeRouteTables",
            "bedrock:GetModelInvocationLoggingConfiguration",
            "organizations:DescribeOrganization",
            "bedrock:ListGuardrails",
          ],
          Resource: "*",
        }),
        [],
      );
      deepStrictEqual(check({ Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::b/*"] }), []);
      deepStrictEqual(check({ Effect: "Deny", NotAction: "s3:*", Resource: "*" }), []);
    });

    it("lets an endpoint policy keep one account's own use of a service, and nothing wider", () => {
      const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
      const ceiling = (account: unknown, type = ENDPOINT) =>
        messages(
          noWildcardInAllow,
          resource(type, {
            policy: policyOf({
              Effect: "Allow",
              Principal: "*",
              Action: "*",
              Resource: "*",
              Condition: { StringEquals: { "aws:PrincipalAccount": account } },
            }),
          }),
        );
      deepStrictEqual(ceiling("123456789012"), []);
      deepStrictEqual(ceiling("123456789012", "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy"), []);
      const wide = (type = ENDPOINT) => [
        `${type} "r" policy statement 0 allows every action of a service (*); list the actions it needs.`,
        `${type} "r" policy statement 0 allows * on every resource (*); name the resources ` +
          "(only actions without resource types, such as sts:GetCallerIdentity, may use *).",
      ];
      deepStrictEqual(ceiling(["123456789012", "210987654321"]), wide());
      // Only the single-account form the program writes is recognised.
      deepStrictEqual(ceiling(["123456789012"]), wide());
      deepStrictEqual(ceiling("12345678901"), wide());
      deepStrictEqual(ceiling("1234567890123"), wide());
      deepStrictEqual(ceiling("x123456789012"), wide());
      deepStrictEqual(ceiling("123456789012", "aws:iam/rolePolicy:RolePolicy"), wide("aws:iam/rolePolicy:RolePolicy"));
      const noCondition = messages(
        noWildcardInAllow,
        resource(ENDPOINT, { policy: policyOf({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }) }),
      );
      deepStrictEqual(noCondition, wide());
    });
  });

  describe("managed-policy-least-privilege", () => {
    const POLICY = "aws:iam/policy:Policy";
    const broad = policyOf({ Effect: "Allow", Action: "bedrock:*", Resource: "*" });
    const managed = (name: string, policy: unknown = broad): StackResource => ({
      type: POLICY,
      name,
      urn: `urn:${name}`,
      props: { policy },
    });

    it("reports both the Bedrock and the wildcard problems of a policy that is no boundary, on its URN", () => {
      const where = `${POLICY} "broad" policy statement 0`;
      deepStrictEqual(stackViolations(managedPolicyLeastPrivilege, [managed("broad")]), [
        {
          message: `${where} allows bedrock:* on every resource (*), i.e. every model and profile in every region.`,
          urn: "urn:broad",
        },
        {
          message: `${where} allows every action of a service (bedrock:*); list the actions it needs.`,
          urn: "urn:broad",
        },
        {
          message:
            `${where} allows bedrock:* on every resource (*); name the resources ` +
            "(only actions without resource types, such as sts:GetCallerIdentity, may use *).",
          urn: "urn:broad",
        },
      ]);
    });

    it("gives a managed policy no one-account ceiling exception: that is for endpoint policies only", () => {
      const ownAccount = policyOf({
        Effect: "Allow",
        Action: "s3:*",
        Resource: "arn:aws:s3:::b/*",
        Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
      });
      deepStrictEqual(stackViolations(managedPolicyLeastPrivilege, [managed("own", ownAccount)]), [
        {
          message: `${POLICY} "own" policy statement 0 allows every action of a service (s3:*); list the actions it needs.`,
          urn: "urn:own",
        },
      ]);
    });

    it("skips only the policies a role or user uses as its permissions boundary, and other types", () => {
      const role: StackResource = {
        type: "aws:iam/role:Role",
        name: "role",
        urn: "urn:role",
        props: {},
        propertyDependencies: {
          permissionsBoundary: [{ urn: "urn:boundary" }],
          managedPolicyArns: [{ urn: "urn:attached" }],
        },
      };
      const violations = stackViolations(managedPolicyLeastPrivilege, [
        role,
        managed("boundary"),
        managed("attached"),
        { ...managed("bucket"), type: "aws:s3/bucketPolicy:BucketPolicy" },
      ]);
      deepStrictEqual([...new Set(violations.map((violation) => violation.urn))], ["urn:attached"]);
      deepStrictEqual(
        stackViolations(managedPolicyLeastPrivilege, [
          managed("narrow", policyOf({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })),
        ]),
        [],
      );
    });

    it("leaves a document a preview cannot know yet to pulumi up, and rethrows any other error", () => {
      const throwing = (error: Error): StackResource => ({
        type: POLICY,
        name: "later",
        urn: "urn:later",
        props: {
          get policy(): unknown {
            throw error;
          },
        },
      });
      const unknown = Object.assign(new Error("unknown"), { unknownTypeSentinel: true });
      deepStrictEqual(stackViolations(managedPolicyLeastPrivilege, [throwing(unknown)]), []);
      throws(() => stackViolations(managedPolicyLeastPrivilege, [throwing(new Error("boom"))]), /boom/);
      throws(
        () =>
          stackViolations(managedPolicyLeastPrivilege, [throwing({ unknownTypeSentinel: true } as unknown as Error)]),
        (thrown: unknown) => (thrown as { unknownTypeSentinel?: boolean }).unknownTypeSentinel === true,
      );
    });
  });

  describe("interface-endpoint-policy", () => {
    const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
    const missing = (service: string) =>
      `${ENDPOINT} "r"${service} has no endpoint policy: AWS then allows every action of every principal through it. ` +
      "Give it the least-privilege policy from infra/policies.ts.";

    it("reports an interface endpoint without a policy, with an empty one, naming its service when known", () => {
      const interfaceEndpoint = { vpcEndpointType: "Interface", serviceName: "com.amazonaws.ap-northeast-1.sts" };
      deepStrictEqual(messages(interfaceEndpointPolicy, resource(ENDPOINT, interfaceEndpoint)), [
        missing(" (com.amazonaws.ap-northeast-1.sts)"),
      ]);
      deepStrictEqual(
        messages(interfaceEndpointPolicy, resource(ENDPOINT, { ...interfaceEndpoint, policy: policyOf() })),
        [missing(" (com.amazonaws.ap-northeast-1.sts)")],
      );
      deepStrictEqual(messages(interfaceEndpointPolicy, resource(ENDPOINT, { vpcEndpointType: "Interface" })), [
        missing(""),
      ]);
    });

    it("passes an interface endpoint with a policy, a gateway endpoint without one, and other types", () => {
      const policy = policyOf({ Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" });
      deepStrictEqual(
        messages(interfaceEndpointPolicy, resource(ENDPOINT, { vpcEndpointType: "Interface", policy })),
        [],
      );
      deepStrictEqual(messages(interfaceEndpointPolicy, resource(ENDPOINT, { vpcEndpointType: "Gateway" })), []);
      // A document elsewhere among its inputs (here a tag) is not its endpoint policy.
      deepStrictEqual(
        messages(interfaceEndpointPolicy, resource(ENDPOINT, { vpcEndpointType: "Interface", tags: { policy } })),
        [missing("")],
      );
      deepStrictEqual(
        messages(
          interfaceEndpointPolicy,
          resource("aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy", { vpcEndpointType: "Interface" }),
        ),
        [],
      );
    });
  });

  describe("log groups", () => {
    const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    const check = (props: Record<string, unknown>) =>
      messages(logGroupEncryptedAndRetained, resource(LOG_GROUP, props));
    const noKey = `${LOG_GROUP} "r" has no kmsKeyId; encrypt it with the landing zone's KMS key.`;
    const retention = (period: string) =>
      `${LOG_GROUP} "r" keeps logs for ${period}; set retentionInDays to at least 365.`;

    it("passes a log group encrypted with a key and kept 365 days or more", () => {
      deepStrictEqual(check({ kmsKeyId: "arn:aws:kms:ap-northeast-1:1:key/k", retentionInDays: 365 }), []);
      deepStrictEqual(check({ kmsKeyId: "k", retentionInDays: 3653 }), []);
    });

    it("reports a missing or empty key, and a period unset, forever or short", () => {
      deepStrictEqual(check({ retentionInDays: 365 }), [noKey]);
      deepStrictEqual(check({ kmsKeyId: "", retentionInDays: 365 }), [noKey]);
      deepStrictEqual(check({ kmsKeyId: 7, retentionInDays: 365 }), [noKey]);
      deepStrictEqual(check({ kmsKeyId: "k" }), [retention("an unset period")]);
      deepStrictEqual(check({ kmsKeyId: "k", retentionInDays: 0 }), [retention("an unset period")]);
      deepStrictEqual(check({ kmsKeyId: "k", retentionInDays: 364 }), [retention("364 days")]);
      deepStrictEqual(check({ kmsKeyId: "k", retentionInDays: "400" }), [retention("400 days")]);
      deepStrictEqual(check({}), [noKey, retention("an unset period")]);
    });

    it("ignores other types", () => {
      deepStrictEqual(messages(logGroupEncryptedAndRetained, resource("aws:s3/bucket:Bucket", {})), []);
    });
  });

  describe("buckets", () => {
    const BUCKET = "aws:s3/bucketV2:BucketV2";
    const bucket: StackResource = { type: BUCKET, name: "logs", urn: "urn:logs", props: { bucket: "logs-bucket" } };
    const dependsOn = (urn: string) => ({ bucket: [{ urn }] });
    const encryption = (
      sseAlgorithm: unknown,
      type = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ): StackResource => ({
      type,
      name: "sse",
      urn: "urn:sse",
      props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }] },
      propertyDependencies: dependsOn("urn:logs"),
    });
    const versioning = (status: string, type = "aws:s3/bucketVersioningV2:BucketVersioningV2"): StackResource => ({
      type,
      name: "versioning",
      urn: "urn:versioning",
      props: { versioningConfiguration: { status } },
      propertyDependencies: dependsOn("urn:logs"),
    });
    const block = (props: Record<string, unknown>, dependencies = dependsOn("urn:logs")): StackResource => ({
      type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      name: "block",
      urn: "urn:block",
      props: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        ...props,
      },
      propertyDependencies: dependencies,
    });
    const where = `${BUCKET} "logs"`;
    const NO_ENCRYPTION = {
      message: `${where} has no aws.s3.BucketServerSideEncryptionConfiguration with a default sseAlgorithm; encrypt it (SSE-KMS with the landing zone key).`,
      urn: "urn:logs",
    };
    const NO_VERSIONING = {
      message: `${where} has no aws.s3.BucketVersioning with status "Enabled"; version it.`,
      urn: "urn:logs",
    };
    const NO_BLOCK = {
      message: `${where} has no aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true; keep it private.`,
      urn: "urn:logs",
    };
    const protectedBucket = () => [bucket, encryption("aws:kms"), versioning("Enabled"), block({})];

    it("passes a bucket encrypted, versioned and private, in either provider generation", () => {
      deepStrictEqual(stackViolations(s3BucketProtected, protectedBucket()), []);
      deepStrictEqual(
        stackViolations(s3BucketProtected, [
          { ...bucket, type: "aws:s3/bucket:Bucket" },
          encryption(
            "AES256",
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          ),
          versioning("Enabled", "aws:s3/bucketVersioning:BucketVersioning"),
          block({}),
        ]),
        [],
      );
    });

    it("reports each missing protection of a bare bucket, and nothing for a resource that is no bucket", () => {
      deepStrictEqual(stackViolations(s3BucketProtected, [bucket]), [NO_ENCRYPTION, NO_VERSIONING, NO_BLOCK]);
      deepStrictEqual(
        stackViolations(s3BucketProtected, [{ ...bucket, type: "aws:s3/bucketPolicy:BucketPolicy" }]),
        [],
      );
    });

    it("reports an encryption configuration without an algorithm", () => {
      for (const sseAlgorithm of ["", undefined, 7]) {
        deepStrictEqual(
          stackViolations(s3BucketProtected, [bucket, encryption(sseAlgorithm), versioning("Enabled"), block({})]),
          [NO_ENCRYPTION],
          String(sseAlgorithm),
        );
      }
      const noRules: StackResource = { ...encryption("aws:kms"), props: { rules: "unknown" } };
      const nullRule: StackResource = { ...encryption("aws:kms"), props: { rules: [null] } };
      for (const config of [noRules, nullRule]) {
        deepStrictEqual(stackViolations(s3BucketProtected, [bucket, config, versioning("Enabled"), block({})]), [
          NO_ENCRYPTION,
        ]);
      }
      // One rule with an algorithm is enough.
      const twoRules: StackResource = {
        ...encryption("aws:kms"),
        props: { rules: [{}, { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
      };
      deepStrictEqual(stackViolations(s3BucketProtected, [bucket, twoRules, versioning("Enabled"), block({})]), []);
    });

    it("reports versioning suspended, and passes it once another configuration enables it", () => {
      deepStrictEqual(
        stackViolations(s3BucketProtected, [bucket, encryption("aws:kms"), versioning("Suspended"), block({})]),
        [NO_VERSIONING],
      );
      deepStrictEqual(
        stackViolations(s3BucketProtected, [
          bucket,
          encryption("aws:kms"),
          { ...versioning("x"), props: {} },
          block({}),
        ]),
        [NO_VERSIONING],
      );
      deepStrictEqual(
        stackViolations(s3BucketProtected, [
          bucket,
          encryption("aws:kms"),
          versioning("Suspended"),
          versioning("Enabled"),
          block({}),
        ]),
        [],
      );
    });

    it("reports a public access block with any setting off", () => {
      for (const setting of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
        deepStrictEqual(
          stackViolations(s3BucketProtected, [
            bucket,
            encryption("aws:kms"),
            versioning("Enabled"),
            block({ [setting]: "true" }),
          ]),
          [NO_BLOCK],
          setting,
        );
      }
    });

    it("matches configurations to their bucket by dependency, else by literal name", () => {
      // Configurations of another bucket protect nothing here.
      const other = [encryption("aws:kms"), versioning("Enabled"), block({})].map((config) => ({
        ...config,
        propertyDependencies: dependsOn("urn:other"),
      }));
      deepStrictEqual(stackViolations(s3BucketProtected, [bucket, ...other]), [NO_ENCRYPTION, NO_VERSIONING, NO_BLOCK]);
      // A bucket input built from this bucket and another resource (e.g. a name prefix) still points here.
      const twoSources = [encryption("aws:kms"), versioning("Enabled"), block({})].map((config) => ({
        ...config,
        propertyDependencies: { bucket: [{ urn: "urn:prefix" }, { urn: "urn:logs" }] },
      }));
      deepStrictEqual(stackViolations(s3BucketProtected, [bucket, ...twoSources]), []);
      // Only the configuration types count: another resource carrying the same inputs protects nothing.
      const impostor: StackResource = {
        type: "aws:s3/bucketObjectv2:BucketObjectv2",
        name: "object",
        urn: "urn:object",
        props: {
          ...encryption("aws:kms").props,
          ...versioning("Enabled").props,
          ...block({}).props,
          acl: "public-read",
        },
        propertyDependencies: dependsOn("urn:logs"),
      };
      deepStrictEqual(stackViolations(s3BucketProtected, [bucket, impostor]), [NO_ENCRYPTION, NO_VERSIONING, NO_BLOCK]);
      // A literal bucket name (a bucket made elsewhere) matches by name.
      const byName = [encryption("aws:kms"), versioning("Enabled"), block({})].map((config) => ({
        ...config,
        props: { ...config.props, bucket: "logs-bucket" },
        propertyDependencies: { bucket: [] },
      }));
      deepStrictEqual(stackViolations(s3BucketProtected, [bucket, ...byName]), []);
      const wrongName = byName.map((config) => ({ ...config, props: { ...config.props, bucket: "other-bucket" } }));
      deepStrictEqual(stackViolations(s3BucketProtected, [bucket, ...wrongName]), [
        NO_ENCRYPTION,
        NO_VERSIONING,
        NO_BLOCK,
      ]);
      // Neither a dependency nor a name: an unknown name does not match a bucket whose name is unknown too.
      const unnamed = [encryption("aws:kms"), versioning("Enabled"), block({})].map((config) => ({
        ...config,
        propertyDependencies: undefined,
      }));
      deepStrictEqual(stackViolations(s3BucketProtected, [{ ...bucket, props: {} }, ...unnamed]), [
        NO_ENCRYPTION,
        NO_VERSIONING,
        NO_BLOCK,
      ]);
    });

    it("reports a public canned ACL on the ACL's URN, and passes a private one", () => {
      for (const type of ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"]) {
        for (const acl of ["public-read", "public-read-write", "authenticated-read"]) {
          const resourceAcl: StackResource = {
            type,
            name: "acl",
            urn: "urn:acl",
            props: { acl },
            propertyDependencies: dependsOn("urn:logs"),
          };
          deepStrictEqual(stackViolations(s3BucketProtected, [...protectedBucket(), resourceAcl]), [
            {
              message: `${type} "acl" gives ${where} the public canned ACL "${acl}"; keep it private.`,
              urn: "urn:acl",
            },
          ]);
        }
        for (const acl of ["private", undefined]) {
          const privateAcl: StackResource = {
            type,
            name: "acl",
            urn: "urn:acl",
            props: { acl },
            propertyDependencies: dependsOn("urn:logs"),
          };
          deepStrictEqual(stackViolations(s3BucketProtected, [...protectedBucket(), privateAcl]), []);
        }
      }
    });
  });
});
