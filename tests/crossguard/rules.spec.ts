/**
 * The CrossGuard rules of `crossguard/`, run on the resources the real program declares under the
 * mock engine (shipped configs → no violation) and on mutated copies of them (→ a violation
 * whose message names the resource and the fix).
 */
import { deepStrictEqual, match, ok, strictEqual, throws } from "node:assert/strict";
import * as aws from "@pulumi/aws";
import type { ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { policyPackArgs } from "../../crossguard/pack";
import {
  type ResourceRule,
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
import { type ProgramRun, runProgram } from "../../harness/mock-engine";
import { type Violation, collector, resourceArgsOf, stackValidationArgs } from "../../crossguard/smoke/validation-args";
import { runWithConfig, fixtureConfig, withConfig } from "../support";

const MUNICIPALITY_STACK = "organization/bedrock-lz/municipality";
const OPERATOR_STACK = "organization/bedrock-lz/operator";
const BEDROCK_VPCE = "vpce-0aaaaaaaaaaaaaaa1";
const STS_VPCE = "vpce-0bbbbbbbbbbbbbbb2";
const PROFILE_ARN =
  "arn:aws:bedrock:ap-northeast-1:111111111111:inference-profile/jp.anthropic.claude-haiku-4-5-20251001-v1:0";

function runRule(rule: ResourceRule, args: ResourceValidationArgs | ResourceValidationArgs[]): Violation[] {
  const { violations, report } = collector();
  for (const one of Array.isArray(args) ? args : [args]) rule(one, report);
  return violations;
}

function runStackRule(rule: StackRule, args: StackValidationArgs): Violation[] {
  const { violations, report } = collector();
  rule(args, report);
  return violations;
}

/** Every policy of the pack on every resource (or the stack) of a run. */
function allViolations(run: ProgramRun): Violation[] {
  const { violations, report } = collector();
  const resources = resourceArgsOf(run);
  for (const policy of policyPackArgs.policies) {
    if ("validateStack" in policy) {
      policy.validateStack(stackValidationArgs(run), report);
    } else {
      const validations = [policy.validateResource ?? []].flat();
      for (const validate of validations) for (const args of resources) validate(args, report);
    }
  }
  return violations;
}

function one(run: ProgramRun, type: string, name?: string): ResourceValidationArgs {
  const found = resourceArgsOf(run).filter((args) => args.type === type && (name === undefined || args.name === name));
  strictEqual(found.length, 1, `expected one ${type} ${name ?? ""}`);
  return found[0];
}

/** A deep copy of a resource's args with some inputs replaced (`undefined` removes one). */
function mutated(
  args: ResourceValidationArgs,
  changes: Record<string, unknown>,
  type = args.type,
): ResourceValidationArgs {
  const props: Record<string, unknown> = structuredClone(args.props);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete props[key];
    else props[key] = value;
  }
  return { ...args, type, props };
}

/** A copy whose JSON `policy` document is changed by `edit`. */
function withPolicy(
  args: ResourceValidationArgs,
  edit: (document: any) => void,
  input = "policy",
): ResourceValidationArgs {
  const document = JSON.parse(args.props[input]);
  edit(document);
  return mutated(args, { [input]: JSON.stringify(document) });
}

function onlyMessage(violations: Violation[]): string {
  strictEqual(violations.length, 1, `expected one violation, got ${JSON.stringify(violations, null, 2)}`);
  return violations[0].message;
}

describe("policy pack", () => {
  let operator: ProgramRun;
  let operatorLocked: ProgramRun;
  let municipality: ProgramRun;
  let municipalityFromStack: ProgramRun;
  let operatorBounded: ProgramRun;
  let municipalityBounded: ProgramRun;
  let operatorMetered: ProgramRun;
  let municipalityMetered: ProgramRun;
  before(async () => {
    operator = await runWithConfig("operator", fixtureConfig("operator"));
    operatorLocked = await runWithConfig(
      "operator",
      withConfig(fixtureConfig("operator"), {
        "bedrock-lz:municipalities": {
          sapporo: { accountId: "222222222222", municipalityStack: MUNICIPALITY_STACK, lockTrustToStsEndpoint: true },
          hakodate: { accountId: "333333333333", bedrockRuntimeEndpointId: "vpce-0ddddddddddddddd4" },
        },
      }),
      { [MUNICIPALITY_STACK]: { endpointIds: { "bedrock-runtime": BEDROCK_VPCE, sts: STS_VPCE } } },
    );
    municipality = await runWithConfig("municipality", fixtureConfig("municipality"));
    municipalityFromStack = await runWithConfig(
      "municipality",
      withConfig(fixtureConfig("municipality"), {
        "bedrock-lz:operatorRoleArn": undefined,
        "bedrock-lz:operatorStack": OPERATOR_STACK,
      }),
      { [OPERATOR_STACK]: { invokeRoleArns: { sapporo: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo" } } },
    );
    // The opt-in permission boundary is the one customer managed policy the programs declare.
    const bounded = { "bedrock-lz:permissionBoundary": { enabled: true } };
    operatorBounded = await runWithConfig("operator", withConfig(fixtureConfig("operator"), bounded));
    municipalityBounded = await runWithConfig("municipality", withConfig(fixtureConfig("municipality"), bounded));
    operatorMetered = await runWithConfig(
      "operator",
      withConfig(fixtureConfig("operator"), { "bedrock-lz:metering": { enabled: true } }),
    );
    // The hand-over done: the municipality names the profile the metered operator created for it.
    municipalityMetered = await runWithConfig(
      "municipality",
      withConfig(fixtureConfig("municipality"), {
        "bedrock-lz:operatorInferenceProfileArn": String(
          (operatorMetered.outputs.inferenceProfileArns as Record<string, unknown>).sapporo,
        ),
      }),
    );
  });

  describe("the pack", () => {
    it("makes every policy mandatory, with unique names, one per rule", () => {
      const names = policyPackArgs.policies.map((policy) => policy.name);
      deepStrictEqual(names, [
        "no-internet-gateway",
        "no-public-ip",
        "no-default-route",
        "bedrock-japan-profile-only",
        "bedrock-application-profile-from-japan",
        "no-wildcard-in-allow",
        "managed-policy-least-privilege",
        "interface-endpoint-policy",
        "log-group-encrypted-retained",
        "s3-bucket-protected",
      ]);
      strictEqual(policyPackArgs.enforcementLevel, "mandatory");
      ok(policyPackArgs.policies.every((policy) => policy.enforcementLevel === undefined));
    });

    for (const [label, runOf] of [
      ["operator (shipped)", () => operator],
      ["operator locked to the municipality's endpoints", () => operatorLocked],
      ["municipality (shipped)", () => municipality],
      ["municipality reading the operator stack", () => municipalityFromStack],
      ["operator with the permission boundary", () => operatorBounded],
      ["municipality with the permission boundary", () => municipalityBounded],
      ["metered operator (an application profile per municipality)", () => operatorMetered],
      ["municipality of a metered operator, with its application profile", () => municipalityMetered],
    ] as const) {
      it(`reports no violation on the ${label} program`, () => {
        deepStrictEqual(allViolations(runOf()), []);
      });
    }

    it("sees the documents it guards in the shipped programs (the passes above are not vacuous)", () => {
      const policies = resourceArgsOf(operatorLocked).filter(
        (args) => args.type === "aws:iam/rolePolicy:RolePolicy" && args.name.startsWith("invoke-"),
      );
      strictEqual(policies.length, 2);
      ok(
        policies.every((args) =>
          JSON.parse(args.props.policy).Statement.some((s: any) => s.Effect === "Deny" && s.Resource === "*"),
        ),
      );
      const endpoints = resourceArgsOf(municipality).filter((args) => args.props.vpcEndpointType === "Interface");
      strictEqual(endpoints.length, 2);
    });
  });

  describe("no-internet-gateway", () => {
    for (const [type, what] of [
      ["aws:ec2/internetGateway:InternetGateway", /is an internet gateway/],
      ["aws:ec2/natGateway:NatGateway", /is a NAT gateway/],
      ["aws:ec2/eip:Eip", /is an Elastic IP/],
      ["aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", /egress-only internet gateway/],
    ] as const) {
      it(`reports ${type.split(":").pop()} added to the closed VPC`, () => {
        const vpc = one(municipality, "aws:ec2/vpc:Vpc");
        const added = mutated(vpc, { cidrBlock: undefined, vpcId: "vpc-0123" }, type);
        const message = onlyMessage(runRule(noInternetGateway, { ...added, name: "closed-way-out" }));
        match(message, what);
        match(message, /"closed-way-out"/);
        match(message, /VPC endpoints/);
      });
    }

    it("passes everything the municipality declares", () => {
      deepStrictEqual(runRule(noInternetGateway, resourceArgsOf(municipality)), []);
    });
  });

  describe("no-public-ip", () => {
    it("reports a subnet that maps public IPs on launch", () => {
      const subnet = one(municipality, "aws:ec2/subnet:Subnet");
      strictEqual(subnet.props.mapPublicIpOnLaunch, false);
      match(
        onlyMessage(runRule(noPublicIp, mutated(subnet, { mapPublicIpOnLaunch: true }))),
        /"closed-isolated-ap-northeast-1a" sets mapPublicIpOnLaunch/,
      );
    });

    it("reports an instance with associatePublicIpAddress, and one with no subnet (default VPC)", () => {
      const subnet = one(municipality, "aws:ec2/subnet:Subnet");
      const instance = mutated(
        subnet,
        { vpcId: undefined, cidrBlock: undefined, subnetId: "subnet-0123", associatePublicIpAddress: false },
        "aws:ec2/instance:Instance",
      );
      deepStrictEqual(runRule(noPublicIp, instance), []);
      match(
        onlyMessage(runRule(noPublicIp, mutated(instance, { associatePublicIpAddress: true }))),
        /sets associatePublicIpAddress/,
      );
      match(
        onlyMessage(runRule(noPublicIp, mutated(instance, { subnetId: undefined }))),
        /names no subnetId, so EC2 would place it in the default VPC/,
      );
      const fromTemplate = mutated(instance, {
        subnetId: undefined,
        launchTemplate: { id: "lt-0123", version: "$Latest" },
      });
      deepStrictEqual(runRule(noPublicIp, fromTemplate), []);
    });

    it("reports a launch template interface with a public IP (the provider passes it as a string)", () => {
      const subnet = one(municipality, "aws:ec2/subnet:Subnet");
      const template = mutated(
        subnet,
        { networkInterfaces: [{ associatePublicIpAddress: "false" }, { associatePublicIpAddress: "true" }] },
        "aws:ec2/launchTemplate:LaunchTemplate",
      );
      match(onlyMessage(runRule(noPublicIp, template)), /networkInterfaces\[1\] sets associatePublicIpAddress/);
    });
  });

  describe("no-default-route", () => {
    it("reports 0.0.0.0/0 and ::/0 in a route table's inline routes", () => {
      const table = one(municipality, "aws:ec2/routeTable:RouteTable");
      const violations = runRule(
        noDefaultRoute,
        mutated(table, {
          routes: [
            { cidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" },
            { cidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-1" },
            { ipv6CidrBlock: "::/0", gatewayId: "vgw-1" },
          ],
        }),
      );
      deepStrictEqual(
        violations.map((violation) => violation.message.split(";")[0]),
        [
          'aws:ec2/routeTable:RouteTable "closed-isolated-ap-northeast-1a" routes[1] is a default route (0.0.0.0/0)',
          'aws:ec2/routeTable:RouteTable "closed-isolated-ap-northeast-1a" routes[2] is a default route (::/0)',
        ],
      );
    });

    it("reports a Route resource to 0.0.0.0/0, and any route through an internet or NAT gateway", () => {
      const table = one(municipality, "aws:ec2/routeTable:RouteTable");
      const route = (props: Record<string, unknown>) =>
        mutated(table, { vpcId: undefined, tags: undefined, routeTableId: "rtb-1", ...props }, "aws:ec2/route:Route");
      match(
        onlyMessage(runRule(noDefaultRoute, route({ destinationCidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-1" }))),
        /is a default route \(0\.0\.0\.0\/0\)/,
      );
      match(
        onlyMessage(runRule(noDefaultRoute, route({ destinationCidrBlock: "192.0.2.0/24", gatewayId: "igw-0abc" }))),
        /sends traffic to internet gateway igw-0abc/,
      );
      match(
        onlyMessage(runRule(noDefaultRoute, route({ destinationCidrBlock: "192.0.2.0/24", natGatewayId: "nat-0abc" }))),
        /sends traffic to a NAT gateway/,
      );
      deepStrictEqual(
        runRule(noDefaultRoute, route({ destinationCidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" })),
        [],
      );
    });
  });

  describe("bedrock-japan-profile-only", () => {
    const invokePolicy = () => one(operator, "aws:iam/rolePolicy:RolePolicy", "invoke-sapporo-invoke");
    const bedrockEndpoint = () => one(municipality, "aws:ec2/vpcEndpoint:VpcEndpoint", "endpoints-bedrock-runtime");

    it("reports a profile that is not jp. in the invoke role policy", () => {
      const changed = withPolicy(invokePolicy(), (document) => {
        document.Statement[0].Resource = PROFILE_ARN.replace("/jp.", "/apac.");
      });
      const messages = runRule(bedrockJapanProfileOnly, changed).map((violation) => violation.message);
      // The profile, and the models that no jp. profile of the document routes to any more.
      strictEqual(messages.length, 3);
      match(
        messages[0],
        /"invoke-sapporo-invoke" policy statement InvokeJapanInferenceProfile allows bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream on .*apac\.anthropic.* not "jp\." \(apac\., global\. and us\. profiles route abroad\)/,
      );
      match(
        messages[1],
        /foundation-model\/anthropic\.claude-haiku-4-5-20251001-v1:0", a foundation model no "jp\." inference profile of this document routes to/,
      );
    });

    it("reports Bedrock on every resource, a region outside Japan and a model no jp. profile routes to", () => {
      match(
        onlyMessage(
          runRule(
            bedrockJapanProfileOnly,
            withPolicy(invokePolicy(), (d) => (d.Statement[1].Resource = "*")),
          ),
        ),
        /statement InvokeFoundationModelOnlyThroughJapanProfile allows .* on every resource \(\*\)/,
      );
      match(
        onlyMessage(
          runRule(
            bedrockJapanProfileOnly,
            withPolicy(
              invokePolicy(),
              (d) =>
                (d.Statement[1].Resource[1] =
                  "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0"),
            ),
          ),
        ),
        /in region "us-east-1"; only ap-northeast-1 and ap-northeast-3 keep data in Japan/,
      );
      match(
        onlyMessage(
          runRule(
            bedrockJapanProfileOnly,
            withPolicy(invokePolicy(), (d) =>
              d.Statement[1].Resource.push(
                "arn:aws:bedrock:ap-northeast-1::foundation-model/anthropic.claude-opus-4-1-20250805-v1:0",
              ),
            ),
          ),
        ),
        /claude-opus-4-1.*a foundation model no "jp\." inference profile of this document routes to/,
      );
    });

    it("checks endpoint policies and a role's inline policies, and ignores Deny statements", () => {
      const globalProfile = runRule(
        bedrockJapanProfileOnly,
        withPolicy(
          bedrockEndpoint(),
          (d) => (d.Statement[0].Resource[0] = d.Statement[0].Resource[0].replace("/jp.", "/global.")),
        ),
      );
      // The profile, then both models, which no jp. profile of the document routes to any more.
      strictEqual(globalProfile.length, 3);
      match(
        globalProfile[0].message,
        /"endpoints-bedrock-runtime" policy statement OperatorRoleInvokesJapanProfileOnly .*global\.anthropic/,
      );
      const role = one(operator, "aws:iam/role:Role", "invoke-sapporo-role");
      const inline = mutated(role, {
        inlinePolicies: [
          {
            name: "fine",
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Deny", Action: "bedrock:*", Resource: "*" }],
            }),
          },
          {
            name: "broad",
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Action: "bedrock:*",
                  Resource: "arn:aws:bedrock:ap-northeast-1:111111111111:provisioned-model/abc",
                },
              ],
            }),
          },
        ],
      });
      match(
        onlyMessage(runRule(bedrockJapanProfileOnly, inline)),
        /inlinePolicies\[1\]\.policy statement 0 allows bedrock:\* on .*provisioned-model/,
      );
    });

    it("reports an Allow of every action (*) that reaches Bedrock, and NotResource", () => {
      const changed = withPolicy(invokePolicy(), (d) => {
        d.Statement[0].Action = "*";
        d.Statement[1].NotResource = d.Statement[1].Resource;
        delete d.Statement[1].Resource;
      });
      const messages = runRule(bedrockJapanProfileOnly, changed).map((violation) => violation.message);
      strictEqual(messages.length, 1);
      match(messages[0], /statement InvokeFoundationModelOnlyThroughJapanProfile allows .* with NotResource/);
      // Action "*" on the jp. profile names only that profile, so Bedrock-wise it is fine; no-wildcard-in-allow reports it.
      deepStrictEqual(
        runRule(noWildcardInAllow, changed).map((violation) => violation.message.split(";")[0]),
        [
          'aws:iam/rolePolicy:RolePolicy "invoke-sapporo-invoke" policy statement InvokeJapanInferenceProfile allows every action of a service (*)',
          'aws:iam/rolePolicy:RolePolicy "invoke-sapporo-invoke" policy statement InvokeFoundationModelOnlyThroughJapanProfile uses NotResource in an Allow',
        ],
      );
    });

    it("reports an AWS managed Bedrock policy attached to a role", () => {
      const role = one(operator, "aws:iam/role:Role", "invoke-sapporo-role");
      const attachment = mutated(
        role,
        {
          role: "bedrock-lz-invoke-sapporo",
          policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess",
          assumeRolePolicy: undefined,
        },
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      );
      match(
        onlyMessage(runRule(bedrockJapanProfileOnly, attachment)),
        /attaches arn:aws:iam::aws:policy\/AmazonBedrockFullAccess, which allows Bedrock on every model/,
      );
      deepStrictEqual(
        runRule(
          bedrockJapanProfileOnly,
          mutated(attachment, { policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }),
        ),
        [],
      );
    });
  });

  describe("bedrock-application-profile-from-japan", () => {
    const profiles = (args: StackValidationArgs) => args.resources.filter((r) => r.type === APPLICATION_PROFILE_TYPE);
    const invokePolicyOf = (args: StackValidationArgs, name: string) =>
      args.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === `invoke-${name}-invoke`)!;

    it("passes profiles copied from the jp. profile and the invoke policies that allow exactly them", () => {
      const args = stackValidationArgs(operatorMetered);
      strictEqual(profiles(args).length, 2);
      ok(JSON.stringify(invokePolicyOf(args, "sapporo").props.policy).includes("application-inference-profile/"));
      deepStrictEqual(runStackRule(bedrockApplicationProfileFromJapan, args), []);
    });

    for (const prefix of ["apac.", "global.", "us."]) {
      it(`reports a profile copied from an ${prefix} profile, and the policy that allows it`, () => {
        const args = stackValidationArgs(operatorMetered);
        const [profile] = profiles(args);
        const source = (profile.props.modelSource as { copyFrom: string }).copyFrom;
        profile.props.modelSource = { copyFrom: source.replace("/jp.", `/${prefix}`) };
        const granting = args.resources.find(
          (r) =>
            r.type === "aws:iam/rolePolicy:RolePolicy" && String(r.props.policy).includes(String(profile.props.arn)),
        )!;
        const violations = runStackRule(bedrockApplicationProfileFromJapan, args);
        deepStrictEqual(
          violations.map((v) => v.urn),
          [profile.urn, granting.urn],
        );
        match(violations[0].message, new RegExp(`copies from ".*/${prefix.replace(".", "\\.")}anthropic.*not "jp\\."`));
        match(
          violations[1].message,
          /an application inference profile this program does not create from a jp\. profile/,
        );
      });
    }

    it("reports an invoke policy that allows another account's application profile, or any of them", () => {
      const foreign = "arn:aws:bedrock:ap-northeast-1:444444444444:application-inference-profile/abcdefghijkl";
      for (const named of [foreign, "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/*"]) {
        const args = stackValidationArgs(operatorMetered);
        const policy = invokePolicyOf(args, "sapporo");
        const document = JSON.parse(String(policy.props.policy));
        document.Statement[0].Resource = named;
        policy.props.policy = JSON.stringify(document);
        const violations = runStackRule(bedrockApplicationProfileFromJapan, args);
        strictEqual(violations.length, 1, JSON.stringify(violations));
        strictEqual(violations[0].urn, policy.urn);
        ok(violations[0].message.includes(`"${named}"`), violations[0].message);
        match(violations[0].message, /statement InvokeMunicipalityApplicationProfile allows Bedrock on/);
      }
    });

    it("lets an endpoint policy admit the operator's application profiles: the identity policy grants", () => {
      const args = stackValidationArgs(municipalityMetered);
      ok(JSON.stringify(args.resources.map((r) => r.props.policy)).includes("application-inference-profile"));
      deepStrictEqual(runStackRule(bedrockApplicationProfileFromJapan, args), []);
    });

    it("leaves a policy a preview cannot know yet to pulumi up", () => {
      const args = stackValidationArgs(operatorMetered);
      const unknown = Object.assign(new Error("unknown"), { unknownTypeSentinel: true });
      const policy = invokePolicyOf(args, "sapporo");
      Object.defineProperty(policy.props, "policy", {
        get: () => {
          throw unknown;
        },
      });
      deepStrictEqual(runStackRule(bedrockApplicationProfileFromJapan, args), []);
    });
  });

  describe("documents outside policy/assumeRolePolicy", () => {
    const bedrockEverywhere = (document: any) =>
      document.Statement.push({ Sid: "Widened", Effect: "Allow", Action: "bedrock:*", Resource: "*" });

    it("reports a CodeArtifact repository or domain policyDocument that allows bedrock:* on *", () => {
      for (const type of [
        "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
        "aws:codeartifact/domainPermissions:DomainPermissions",
      ]) {
        const resource = resourceArgsOf(municipality).find((args) => args.type === type);
        ok(resource, `the shipped municipality program declares a ${type}`);
        deepStrictEqual(runRule(bedrockJapanProfileOnly, resource), []);
        match(
          onlyMessage(runRule(bedrockJapanProfileOnly, withPolicy(resource, bedrockEverywhere, "policyDocument"))),
          /policyDocument statement Widened allows bedrock:\* on every resource \(\*\)/,
        );
      }
    });

    it("reports an Organizations policy whose content allows bedrock:* on *", async () => {
      const withOrganizations = await runWithConfig(
        "operator",
        withConfig(fixtureConfig("operator"), {
          "bedrock-lz:organizations": {
            enabled: true,
            managementRoleArn: "arn:aws:iam::999999999999:role/OrganizationsPolicyAdmin",
          },
        }),
      );
      const scps = resourceArgsOf(withOrganizations).filter((args) => args.type === "aws:organizations/policy:Policy");
      ok(scps.length > 0, "organizations.enabled declares the guardrail SCPs");
      for (const scp of scps) {
        deepStrictEqual(runRule(bedrockJapanProfileOnly, scp), []);
        match(
          onlyMessage(runRule(bedrockJapanProfileOnly, withPolicy(scp, bedrockEverywhere, "content"))),
          /content statement Widened allows bedrock:\* on every resource \(\*\)/,
        );
      }
    });
  });

  describe("no-wildcard-in-allow", () => {
    const clientPolicy = () => one(municipality, "aws:iam/rolePolicy:RolePolicy", "client-assume-operator");
    const stsEndpoint = () => one(municipality, "aws:ec2/vpcEndpoint:VpcEndpoint", "endpoints-sts");

    it("lets an endpoint policy keep one account's own use of the service (shared VPC), and nothing wider", () => {
      const own = {
        Sid: "OwnAccountPrincipalsKeepTheirUse",
        Effect: "Allow",
        Principal: "*",
        Action: "sts:*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": "222222222222" } },
      };
      const policyResource = mutated(stsEndpoint(), {}, "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy");
      deepStrictEqual(
        runRule(
          noWildcardInAllow,
          withPolicy(policyResource, (d) => d.Statement.push(own)),
        ),
        [],
      );
      for (const condition of [
        undefined,
        { StringEquals: { "aws:PrincipalAccount": ["222222222222", "444444444444"] } },
        { StringLike: { "aws:PrincipalAccount": "*" } },
      ]) {
        const wider = { ...own, Condition: condition };
        strictEqual(
          runRule(
            noWildcardInAllow,
            withPolicy(policyResource, (d) => d.Statement.push(wider)),
          ).length,
          2,
          JSON.stringify(condition),
        );
      }
      // Not in an identity policy: there the same statement grants.
      strictEqual(
        runRule(
          noWildcardInAllow,
          withPolicy(clientPolicy(), (d) => d.Statement.push({ ...own, Principal: undefined })),
        ).length,
        2,
      );
      match(
        onlyMessage(
          runRule(
            noWildcardInAllow,
            withPolicy(policyResource, (d) => d.Statement.push({ ...own, Action: undefined, NotAction: "iam:*" })),
          ),
        ),
        /uses NotAction in an Allow/,
      );
    });

    it("reports a * resource, a * action and a service-wide action in the client role policy", () => {
      match(
        onlyMessage(
          runRule(
            noWildcardInAllow,
            withPolicy(clientPolicy(), (d) => (d.Statement[0].Resource = "*")),
          ),
        ),
        /"client-assume-operator" policy statement AssumeOperatorInvokeRole allows sts:AssumeRole on every resource \(\*\)/,
      );
      match(
        onlyMessage(
          runRule(
            noWildcardInAllow,
            withPolicy(clientPolicy(), (d) => (d.Statement[0].Action = "sts:*")),
          ),
        ),
        /allows every action of a service \(sts:\*\)/,
      );
      match(
        onlyMessage(
          runRule(
            noWildcardInAllow,
            withPolicy(clientPolicy(), (d) => (d.Statement[0].Action = ["*"])),
          ),
        ),
        /allows every action of a service \(\*\)/,
      );
    });

    it("allows * only for actions without resource types, such as sts:GetCallerIdentity on the STS endpoint", () => {
      deepStrictEqual(runRule(noWildcardInAllow, stsEndpoint()), []);
      const widened = withPolicy(
        stsEndpoint(),
        (d) => (d.Statement[1].Action = ["sts:GetCallerIdentity", "sts:AssumeRole"]),
      );
      match(
        onlyMessage(runRule(noWildcardInAllow, widened)),
        /"endpoints-sts" policy statement CallerIdentityForTheLandingZoneRoles allows sts:AssumeRole on every resource/,
      );
    });

    it("accepts Deny statements on * and ignores trust policies", () => {
      const policy = one(operatorLocked, "aws:iam/rolePolicy:RolePolicy", "invoke-sapporo-invoke");
      ok(JSON.parse(policy.props.policy).Statement.some((s: any) => s.Effect === "Deny" && s.Action === "bedrock:*"));
      deepStrictEqual(runRule(noWildcardInAllow, policy), []);
      deepStrictEqual(runRule(noWildcardInAllow, one(operator, "aws:iam/role:Role", "invoke-sapporo-role")), []);
    });
  });

  describe("managed-policy-least-privilege", () => {
    let managed: ProgramRun;
    const allowAll = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    before(async () => {
      managed = await runProgram({
        stack: "operator",
        config: {},
        accountId: "111111111111",
        program: () => {
          // The region guard as a permissions boundary: Allow * is how a boundary caps nothing else.
          const boundary = new aws.iam.Policy("region-guard", {
            policy: JSON.stringify({
              ...allowAll,
              Statement: [
                ...allowAll.Statement,
                {
                  Effect: "Deny",
                  NotAction: ["iam:*", "sts:*"],
                  Resource: "*",
                  Condition: { StringNotEquals: { "aws:RequestedRegion": ["ap-northeast-1", "ap-northeast-3"] } },
                },
              ],
            }),
          });
          const role = new aws.iam.Role("worker", { assumeRolePolicy: "{}", permissionsBoundary: boundary.arn });
          const broad = new aws.iam.Policy("broad", {
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Sid: "AllBedrock", Effect: "Allow", Action: "bedrock:*", Resource: "*" }],
            }),
          });
          new aws.iam.RolePolicyAttachment("worker-broad", { role: role.name, policyArn: broad.arn });
          new aws.iam.Policy("fine", {
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111111111111:role/x" }],
            }),
          });
          return {};
        },
      });
    });

    it("skips a permissions boundary and reports a broad managed policy, on that policy's URN", () => {
      const violations = runStackRule(managedPolicyLeastPrivilege, stackValidationArgs(managed));
      const broad = managed.resources.find((resource) => resource.name === "broad")!;
      deepStrictEqual(
        violations.map((violation) => [violation.urn, violation.message.split(";")[0]]),
        [
          [
            broad.urn,
            'aws:iam/policy:Policy "broad" policy statement AllBedrock allows bedrock:* on every resource (*), i.e. every model and profile in every region.',
          ],
          [
            broad.urn,
            'aws:iam/policy:Policy "broad" policy statement AllBedrock allows every action of a service (bedrock:*)',
          ],
          [
            broad.urn,
            'aws:iam/policy:Policy "broad" policy statement AllBedrock allows bedrock:* on every resource (*)',
          ],
        ],
      );
    });

    it("checks the boundary too once no role uses it as one", () => {
      const args = stackValidationArgs(managed);
      const resources = args.resources.filter((resource) => resource.type !== "aws:iam/role:Role");
      const messages = runStackRule(managedPolicyLeastPrivilege, { ...args, resources }).map(
        (violation) => violation.message,
      );
      ok(
        messages.some((message) =>
          /"region-guard" policy statement 0 allows every action of a service \(\*\)/.test(message),
        ),
      );
    });

    it("leaves a policy a preview cannot know yet to pulumi up, and rethrows anything else", () => {
      const args = stackValidationArgs(managed);
      const unknownPolicy = (error: Error) => ({
        ...args.resources.find((resource) => resource.name === "broad")!,
        props: new Proxy(
          { policy: "" },
          {
            get: () => {
              throw error;
            },
          },
        ),
      });
      const unknown = Object.assign(new Error("output<string> value at .policy can't be known during preview"), {
        unknownTypeSentinel: "04da6b54",
      });
      deepStrictEqual(runStackRule(managedPolicyLeastPrivilege, { ...args, resources: [unknownPolicy(unknown)] }), []);
      throws(
        () => runStackRule(managedPolicyLeastPrivilege, { ...args, resources: [unknownPolicy(new Error("bug"))] }),
        /bug/,
      );
    });

    it("passes the boundary policy the programs declare, because their roles use it as one", () => {
      for (const run of [operatorBounded, municipalityBounded]) {
        const policies = resourceArgsOf(run).filter((args) => args.type === "aws:iam/policy:Policy");
        strictEqual(policies.length, 1, `${run.stack}: the permission boundary`);
        // Its Allow * is what the rule would report, were the policy not a boundary.
        ok(JSON.parse(policies[0].props.policy).Statement.some((s: any) => s.Effect === "Allow" && s.Action === "*"));
        deepStrictEqual(runStackRule(managedPolicyLeastPrivilege, stackValidationArgs(run)), []);
      }
    });

    it("reports that policy once no role of the program uses it as a boundary", () => {
      for (const run of [operatorBounded, municipalityBounded]) {
        const args = stackValidationArgs(run);
        const resources = args.resources.map((resource) => ({
          ...resource,
          propertyDependencies: { ...resource.propertyDependencies, permissionsBoundary: [] },
        }));
        const violations = runStackRule(managedPolicyLeastPrivilege, { ...args, resources });
        const boundary = run.resources.find((resource) => resource.type === "aws:iam/policy:Policy")!;
        ok(violations.length > 0, run.stack);
        ok(
          violations.every((violation) => violation.urn === boundary.urn),
          JSON.stringify(violations),
        );
        ok(
          violations.some((violation) =>
            /"permission-boundary" .* allows every action of a service \(\*\)/.test(violation.message),
          ),
        );
      }
    });

    it("is skipped by the resource rules, which would not know a boundary", () => {
      const broad = one(managed, "aws:iam/policy:Policy", "broad");
      deepStrictEqual(runRule(bedrockJapanProfileOnly, broad), []);
      deepStrictEqual(runRule(noWildcardInAllow, broad), []);
    });
  });

  describe("interface-endpoint-policy", () => {
    it("reports an interface endpoint without a policy, or with an empty one", () => {
      const endpoint = one(municipality, "aws:ec2/vpcEndpoint:VpcEndpoint", "endpoints-bedrock-runtime");
      match(
        onlyMessage(runRule(interfaceEndpointPolicy, mutated(endpoint, { policy: undefined }))),
        /"endpoints-bedrock-runtime" \(com\.amazonaws\.ap-northeast-1\.bedrock-runtime\) has no endpoint policy/,
      );
      match(
        onlyMessage(
          runRule(
            interfaceEndpointPolicy,
            mutated(endpoint, { policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) }),
          ),
        ),
        /has no endpoint policy/,
      );
    });

    it("does not require one on a gateway endpoint", () => {
      const gateway = one(municipality, "aws:ec2/vpcEndpoint:VpcEndpoint", "endpoints-s3");
      deepStrictEqual(runRule(interfaceEndpointPolicy, mutated(gateway, { policy: undefined })), []);
    });
  });

  /**
   * Log groups and buckets: the operator's logging resources are built on another branch, so
   * these run on a small program that declares them the way docs/design.md §4.6 describes; once merged,
   * the shipped-program tests above cover the real ones.
   */
  describe("log groups and buckets", () => {
    let logs: ProgramRun;
    before(async () => {
      logs = await runProgram({
        stack: "operator",
        config: {},
        accountId: "111111111111",
        program: () => {
          const key = new aws.kms.Key("logs-key", { enableKeyRotation: true });
          new aws.cloudwatch.LogGroup("logs-group", { kmsKeyId: key.arn, retentionInDays: 365 });
          const bucket = new aws.s3.Bucket("logs-bucket", { bucket: "bedrock-lz-logs-111111111111" });
          new aws.s3.BucketServerSideEncryptionConfiguration("logs-encryption", {
            bucket: bucket.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
          });
          new aws.s3.BucketVersioning("logs-versioning", {
            bucket: bucket.id,
            versioningConfiguration: { status: "Enabled" },
          });
          new aws.s3.BucketPublicAccessBlock("logs-public-access", {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          });
          // A second bucket configured by its literal name, as for a bucket named in config.
          new aws.s3.Bucket("archive", { bucket: "bedrock-lz-archive" });
          new aws.s3.BucketServerSideEncryptionConfiguration("archive-encryption", {
            bucket: "bedrock-lz-archive",
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
          });
          new aws.s3.BucketVersioning("archive-versioning", {
            bucket: "bedrock-lz-archive",
            versioningConfiguration: { status: "Enabled" },
          });
          new aws.s3.BucketPublicAccessBlock("archive-public-access", {
            bucket: "bedrock-lz-archive",
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          });
          return {};
        },
      });
    });

    /** The stack args with some resources' inputs changed or removed (`null`). */
    function stackWith(changes: Record<string, Record<string, unknown> | null>): StackValidationArgs {
      const args = stackValidationArgs(logs);
      const resources = args.resources
        .filter((resource) => changes[resource.name] !== null)
        .map((resource) =>
          changes[resource.name] ? { ...resource, props: { ...resource.props, ...changes[resource.name] } } : resource,
        );
      return { ...args, resources };
    }

    it("passes an encrypted log group kept 365 days and protected buckets", () => {
      deepStrictEqual(allViolations(logs), []);
      const encryption = stackValidationArgs(logs).resources.find((resource) => resource.name === "logs-encryption")!;
      deepStrictEqual(
        encryption.propertyDependencies.bucket.map((dependency) => dependency.name),
        ["logs-bucket"],
      );
    });

    it("reports a log group without a KMS key, or kept less than 365 days or forever", () => {
      const group = one(logs, "aws:cloudwatch/logGroup:LogGroup");
      match(
        onlyMessage(runRule(logGroupEncryptedAndRetained, mutated(group, { kmsKeyId: undefined }))),
        /"logs-group" has no kmsKeyId/,
      );
      match(
        onlyMessage(runRule(logGroupEncryptedAndRetained, mutated(group, { retentionInDays: 30 }))),
        /"logs-group" keeps logs for 30 days; set retentionInDays to at least 365/,
      );
      match(
        onlyMessage(runRule(logGroupEncryptedAndRetained, mutated(group, { retentionInDays: undefined }))),
        /keeps logs for an unset period/,
      );
    });

    it("reports a bucket without versioning, with versioning suspended, or without encryption", () => {
      const noVersioning = runStackRule(s3BucketProtected, stackWith({ "logs-versioning": null }));
      match(
        onlyMessage(noVersioning),
        /aws:s3\/bucket:Bucket "logs-bucket" has no aws\.s3\.BucketVersioning with status "Enabled"/,
      );
      strictEqual(noVersioning[0].urn, logs.resources.find((resource) => resource.name === "logs-bucket")!.urn);
      match(
        onlyMessage(
          runStackRule(
            s3BucketProtected,
            stackWith({ "archive-versioning": { versioningConfiguration: { status: "Suspended" } } }),
          ),
        ),
        /"archive" has no aws\.s3\.BucketVersioning/,
      );
      match(
        onlyMessage(runStackRule(s3BucketProtected, stackWith({ "logs-encryption": null }))),
        /"logs-bucket" has no aws\.s3\.BucketServerSideEncryptionConfiguration/,
      );
    });

    it("reports an incomplete public access block, one for another bucket, and a public ACL", () => {
      match(
        onlyMessage(
          runStackRule(s3BucketProtected, stackWith({ "logs-public-access": { restrictPublicBuckets: false } })),
        ),
        /"logs-bucket" has no aws\.s3\.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true/,
      );
      match(
        onlyMessage(
          runStackRule(s3BucketProtected, stackWith({ "archive-public-access": { bucket: "some-other-bucket" } })),
        ),
        /"archive" has no aws\.s3\.BucketPublicAccessBlock/,
      );
      const args = stackValidationArgs(logs);
      const versioning = args.resources.find((resource) => resource.name === "archive-versioning")!;
      const acl = {
        ...versioning,
        type: "aws:s3/bucketAcl:BucketAcl",
        name: "archive-acl",
        urn: "urn:acl",
        props: { bucket: "bedrock-lz-archive", acl: "public-read" },
      };
      match(
        onlyMessage(runStackRule(s3BucketProtected, { ...args, resources: [...args.resources, acl] })),
        /"archive-acl" gives aws:s3\/bucket:Bucket "archive" the public canned ACL "public-read"/,
      );
    });
  });
});
