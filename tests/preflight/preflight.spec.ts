import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { mockClient } from "aws-sdk-client-mock";
import {
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type RouteTable,
  type VpcEndpoint,
} from "@aws-sdk/client-ec2";
import { ListHostedZonesByVPCCommand, Route53Client } from "@aws-sdk/client-route-53";
import { runPreflight } from "../../preflight/cli";
import { freeIpsNeeded, targetOfVpc } from "../../preflight/checks";
import { fixtureConfig, withConfig } from "../support";

const VPC = "vpc-0a1b2c3d4e5f60789";
const REGION = "ap-northeast-1";
/** What a stack without endpoint settings creates over its life: 7 interface endpoints (setup run) and the smoke test. */
const FREE_IPS_NEEDED = freeIpsNeeded(targetOfVpc(VPC, REGION));

/** A closed, ready VPC; each test breaks one thing. Lists are served one item per page. */
interface FakeVpc {
  exists: boolean;
  dnsSupport: boolean;
  dnsHostnames: boolean;
  internetGateways: string[];
  natGateways: string[];
  routeTables: RouteTable[];
  endpoints: VpcEndpoint[];
  zones: string[];
  /** Subnets of the VPC (DescribeSubnets honours its vpc-id and subnet-id filters). */
  subnets: { id: string; zone: string; free: number }[];
  serviceZones: string[];
}

function readyVpc(): FakeVpc {
  return {
    exists: true,
    dnsSupport: true,
    dnsHostnames: true,
    internetGateways: [],
    natGateways: [],
    routeTables: [
      { RouteTableId: "rtb-11111111", Routes: [{ DestinationCidrBlock: "10.20.0.0/16", GatewayId: "local" }] },
      { RouteTableId: "rtb-22222222", Routes: [{ DestinationCidrBlock: "10.20.0.0/16", GatewayId: "local" }] },
    ],
    // Another workload's endpoint for a service this stack does not create: no conflict.
    endpoints: [
      {
        VpcEndpointId: "vpce-aaaaaaaa",
        ServiceName: `com.amazonaws.${REGION}.logs`,
        VpcEndpointType: "Interface",
        PrivateDnsEnabled: true,
      },
    ],
    zones: ["corp.example.jp."],
    subnets: [
      { id: "subnet-11111111", zone: "ap-northeast-1a", free: 250 },
      { id: "subnet-22222222", zone: "ap-northeast-1c", free: 250 },
    ],
    serviceZones: ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
  };
}

/** Serves `items` one per page, keyed by NextToken = the index. */
function paged<T>(items: T[], token: string | undefined): { page: T[]; next?: string } {
  const index = token === undefined ? 0 : Number(token);
  return { page: items.slice(index, index + 1), next: index + 1 < items.length ? String(index + 1) : undefined };
}

async function preflight(vpc: FakeVpc, argv = ["--vpc-id", VPC, "--region", REGION]) {
  const ec2 = mockClient(EC2Client);
  const route53 = mockClient(Route53Client);
  ec2.on(DescribeVpcsCommand).callsFake(() => ({ Vpcs: vpc.exists ? [{ VpcId: VPC }] : [] }));
  ec2
    .on(DescribeVpcAttributeCommand)
    .callsFake((input) =>
      input.Attribute === "enableDnsSupport"
        ? { EnableDnsSupport: { Value: vpc.dnsSupport } }
        : { EnableDnsHostnames: { Value: vpc.dnsHostnames } },
    );
  ec2.on(DescribeInternetGatewaysCommand).callsFake((input) => {
    const { page, next } = paged(vpc.internetGateways, input.NextToken);
    return { InternetGateways: page.map((id) => ({ InternetGatewayId: id })), NextToken: next };
  });
  ec2.on(DescribeNatGatewaysCommand).callsFake((input) => {
    const { page, next } = paged(vpc.natGateways, input.NextToken);
    return { NatGateways: page.map((id) => ({ NatGatewayId: id, State: "available" })), NextToken: next };
  });
  ec2.on(DescribeRouteTablesCommand).callsFake((input) => {
    const { page, next } = paged(vpc.routeTables, input.NextToken);
    return { RouteTables: page, NextToken: next };
  });
  ec2.on(DescribeVpcEndpointsCommand).callsFake((input) => {
    const { page, next } = paged(vpc.endpoints, input.NextToken);
    return { VpcEndpoints: page, NextToken: next };
  });
  ec2.on(DescribeSubnetsCommand).callsFake((input) => {
    const wanted = input.Filters?.find((filter: { Name: string }) => filter.Name === "subnet-id")?.Values;
    const inVpc = vpc.subnets.filter((subnet) => wanted === undefined || wanted.includes(subnet.id));
    const { page, next } = paged(inVpc, input.NextToken);
    return {
      Subnets: page.map((s) => ({ SubnetId: s.id, AvailabilityZone: s.zone, AvailableIpAddressCount: s.free })),
      NextToken: next,
    };
  });
  ec2.on(DescribeVpcEndpointServicesCommand).callsFake((input) => {
    const { page, next } = paged(input.ServiceNames as string[], input.NextToken);
    return {
      ServiceDetails: page.map((name) => ({ ServiceName: name, AvailabilityZones: vpc.serviceZones })),
      NextToken: next,
    };
  });
  route53.on(ListHostedZonesByVPCCommand).callsFake((input) => {
    const { page, next } = paged(vpc.zones, input.NextToken);
    return {
      HostedZoneSummaries: page.map((name) => ({ HostedZoneId: "Z1", Name: name, Owner: {} })),
      NextToken: next,
      MaxItems: 1,
    };
  });
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPreflight(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, () => ({
    ec2: new EC2Client({ region: REGION }),
    route53: new Route53Client({ region: REGION }),
  }));
  const sent = [...ec2.calls(), ...route53.calls()].map((call) => call.args[0]);
  const calls = sent.map((command) => command.constructor.name);
  /** The input of every command of one kind, in order. */
  const inputsOf = (name: string) =>
    sent
      .filter((command) => command.constructor.name === name)
      .map((command) => command.input as Record<string, unknown>);
  ec2.restore();
  route53.restore();
  return { code, out: out.join("\n"), err: err.join("\n"), calls, inputsOf };
}

/** The finding codes of a run, in order. */
const codesOf = (out: string) => [...out.matchAll(/\[([a-z-]+)\]/g)].map((m) => m[1]);

describe("npm run preflight (preflight/)", () => {
  it("passes a closed VPC with DNS on, room in its subnets and no conflict (exit 0)", async () => {
    const { code, out, err } = await preflight(readyVpc());
    strictEqual(err, "");
    strictEqual(code, 0, out);
    match(out, /^ready:/m);
  });

  const cases: [string, (vpc: FakeVpc) => void, string, RegExp][] = [
    ["an unknown VPC", (v) => (v.exists = false), "vpc-not-found", /does not exist in ap-northeast-1/],
    [
      "an internet gateway",
      (v) => v.internetGateways.push("igw-12345678"),
      "internet-gateway",
      /igw-12345678 is attached/,
    ],
    ["a NAT gateway", (v) => v.natGateways.push("nat-0123456789abcdef0"), "nat-gateway", /nat-0123456789abcdef0/],
    [
      "a route to a NAT gateway, on the last page",
      (v) =>
        v.routeTables.push({
          RouteTableId: "rtb-33333333",
          Routes: [{ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-1" }],
        }),
      "internet-route",
      /rtb-33333333 0\.0\.0\.0\/0 -> nat-1/,
    ],
    [
      "an IPv6 route to an egress-only gateway",
      (v) =>
        v.routeTables.push({
          RouteTableId: "rtb-44444444",
          Routes: [{ DestinationIpv6CidrBlock: "::/0", EgressOnlyInternetGatewayId: "eigw-1" }],
        }),
      "internet-route",
      /::\/0 -> eigw-1/,
    ],
    ["DNS support off", (v) => (v.dnsSupport = false), "dns-support", /enableDnsSupport is off/],
    ["DNS hostnames off", (v) => (v.dnsHostnames = false), "dns-hostnames", /enableDnsHostnames is off/],
    [
      "a private-DNS STS endpoint of another workload, on the last page",
      (v) =>
        v.endpoints.push({
          VpcEndpointId: "vpce-bbbbbbbb",
          ServiceName: `com.amazonaws.${REGION}.sts`,
          VpcEndpointType: "Interface",
          PrivateDnsEnabled: true,
        }),
      "endpoint-conflict",
      /existingVpc\.endpoints\.sts\.existingEndpointId: vpce-bbbbbbbb/,
    ],
    [
      "an S3 gateway endpoint",
      (v) =>
        v.endpoints.push({
          VpcEndpointId: "vpce-cccccccc",
          ServiceName: `com.amazonaws.${REGION}.s3`,
          VpcEndpointType: "Gateway",
        }),
      "endpoint-conflict",
      /existingVpc\.endpoints\.s3\.existingEndpointId: vpce-cccccccc/,
    ],
    [
      "a private hosted zone for STS (central endpoint)",
      (v) => v.zones.push(`sts.${REGION}.amazonaws.com.`),
      "hosted-zone-conflict",
      /sts\.ap-northeast-1\.amazonaws\.com is associated/,
    ],
    [
      "a nearly full subnet",
      (v) => (v.subnets[1].free = FREE_IPS_NEEDED - 1),
      "free-ip-addresses",
      new RegExp(`subnet-22222222 has ${FREE_IPS_NEEDED - 1} free IP addresses`),
    ],
    [
      "a subnet in an AZ the endpoint services are not offered in",
      (v) => (v.serviceZones = ["ap-northeast-1a", "ap-northeast-1d"]),
      "service-not-in-az",
      /bedrock-runtime is not offered in ap-northeast-1c \(subnet subnet-22222222\)/,
    ],
  ];
  for (const [what, breakIt, finding, message] of cases) {
    it(`names ${what} (exit 1, [${finding}])`, async () => {
      const vpc = readyVpc();
      breakIt(vpc);
      const { code, out } = await preflight(vpc);
      strictEqual(code, 1, out);
      ok(codesOf(out).length > 0 && codesOf(out).every((c) => c === finding), out);
      match(out, message);
    });
  }

  it("does not flag an endpoint without private DNS, or one for a service the stack does not create", async () => {
    const vpc = readyVpc();
    vpc.endpoints.push({
      VpcEndpointId: "vpce-dddddddd",
      ServiceName: `com.amazonaws.${REGION}.sts`,
      VpcEndpointType: "Interface",
      PrivateDnsEnabled: false,
    });
    strictEqual((await preflight(vpc)).code, 0);
  });

  it("reports every finding at once", async () => {
    const vpc = readyVpc();
    vpc.internetGateways.push("igw-12345678");
    vpc.dnsHostnames = false;
    const { code, out } = await preflight(vpc);
    strictEqual(code, 1);
    deepStrictEqual(codesOf(out), ["internet-gateway", "dns-hostnames"]);
  });

  it("sends only Describe* and List* calls", async () => {
    const vpc = readyVpc();
    vpc.endpoints.push({
      VpcEndpointId: "vpce-bbbbbbbb",
      ServiceName: `com.amazonaws.${REGION}.sts`,
      VpcEndpointType: "Interface",
      PrivateDnsEnabled: true,
    });
    const { calls } = await preflight(vpc);
    ok(calls.length >= 10);
    for (const name of calls) match(name, /^(Describe|List)[A-Za-z]+Command$/);
    // Two pages of endpoints were read, so the conflict on the second was seen.
    strictEqual(calls.filter((name) => name === "DescribeVpcEndpointsCommand").length, 2);
  });

  for (const [argv, message] of [
    [[], /--stack or --vpc-id is required/],
    [["--vpc-id", VPC, "--subnet-id", "subnet-xyz"], /--subnet-id subnet-xyz is not a subnet id/],
    [["--stack", "nowhere/Pulumi.municipality.yaml"], /--stack nowhere\/Pulumi\.municipality\.yaml: no such file/],
    [["--vpc-id", "vpc-xyz"], /not a VPC id/],
    [["--vpc-id", VPC, "--region", "us-east-1"], /--region must be ap-northeast-1 or ap-northeast-3/],
    [["--vpc", VPC], /Unknown option '--vpc'/],
  ] as [string[], RegExp][]) {
    it(`rejects ${JSON.stringify(argv)} with the usage (exit 2, no stack trace)`, async () => {
      const { code, err, calls } = await preflight(readyVpc(), argv);
      strictEqual(code, 2);
      match(err, message);
      match(err, /usage: npm run preflight/);
      ok(!/\n\s+at /.test(err), "no stack trace");
      strictEqual(calls.length, 0);
    });
  }
});

/** A municipality stack file in existing-VPC mode, written where the spec can point --stack at it. */
function stackFile(changes: Record<string, unknown> = {}): string {
  const config = withConfig(fixtureConfig("municipality"), {
    "bedrock-lz:vpc": undefined,
    "bedrock-lz:existingVpc": {
      vpcId: VPC,
      subnetIds: ["subnet-11111111", "subnet-22222222"],
      routeTableIds: ["rtb-11111111"],
      endpoints: { sts: { existingEndpointId: "vpce-0123456789abcdef0", manageExistingPolicy: true } },
    },
    ...changes,
  });
  const parsed = Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      try {
        return [key, typeof JSON.parse(value) === "object" ? JSON.parse(value) : value];
      } catch {
        return [key, value];
      }
    }),
  );
  const file = join(mkdtempSync(join(tmpdir(), "preflight-")), "Pulumi.municipality-shared.yaml");
  writeFileSync(file, stringify({ config: parsed }));
  return file;
}

/** The ready VPC with the stack file's referenced STS endpoint and a subnet the stack does not use. */
function sharedVpc(): FakeVpc {
  const vpc = readyVpc();
  vpc.endpoints.push({
    VpcEndpointId: "vpce-0123456789abcdef0",
    ServiceName: `com.amazonaws.${REGION}.sts`,
    VpcEndpointType: "Interface",
    PrivateDnsEnabled: true,
  });
  vpc.subnets.push({ id: "subnet-33333333", zone: "ap-northeast-1d", free: 2 });
  return vpc;
}

describe("npm run preflight --stack: the subnets and endpoints the stack file configures", () => {
  it("passes a ready VPC: the referenced STS endpoint is no conflict, a subnet the stack does not use is not checked", async () => {
    const vpc = sharedVpc();
    vpc.serviceZones = ["ap-northeast-1a", "ap-northeast-1c"];
    const { code, out, err } = await preflight(vpc, ["--stack", stackFile()]);
    strictEqual(err, "");
    strictEqual(code, 0, out);
    match(out, /for .*Pulumi\.municipality-shared\.yaml/);
    ok(!out.includes("subnet-33333333 ("), "an unconfigured subnet was read");
  });

  for (const [key, feature] of [
    ["ssm", "sessionAccess"],
    ["ssmmessages", "sessionAccess"],
    ["codeartifact.api", "codeArtifact.clientReadAccess or smokeTest"],
    ["codeartifact.repositories", "codeArtifact.clientReadAccess or smokeTest"],
  ] as const) {
    it(`names another workload's private-DNS ${key} endpoint, which the setup run's ${feature} would collide with`, async () => {
      const vpc = sharedVpc();
      vpc.endpoints.push({
        VpcEndpointId: "vpce-eeeeeeee",
        ServiceName: `com.amazonaws.${REGION}.${key}`,
        VpcEndpointType: "Interface",
        PrivateDnsEnabled: true,
      });
      const { code, out } = await preflight(vpc, ["--stack", stackFile()]);
      strictEqual(code, 1, out);
      deepStrictEqual(codesOf(out), ["endpoint-conflict"]);
      match(out, new RegExp(`already serves ${key.replace(".", "\\.")} \\(created while ${feature} is on\\)`));
      match(
        out,
        new RegExp(`existingVpc\\.endpoints\\.${key.replace(".", "\\.")}\\.existingEndpointId: vpce-eeeeeeee`),
      );
    });
  }

  it("leaves an endpoint the stack file switches off explicitly alone", async () => {
    const vpc = sharedVpc();
    vpc.endpoints.push({
      VpcEndpointId: "vpce-eeeeeeee",
      ServiceName: `com.amazonaws.${REGION}.ec2messages`,
      VpcEndpointType: "Interface",
      PrivateDnsEnabled: true,
    });
    const file = stackFile({ "bedrock-lz:endpoints": { ec2messages: { enabled: false } } });
    const { code, out } = await preflight(vpc, ["--stack", file]);
    strictEqual(code, 0, out);
  });

  it("checks free addresses and AZ offerings on the configured subnets only", async () => {
    const vpc = sharedVpc();
    vpc.subnets[1].free = 3;
    vpc.serviceZones = ["ap-northeast-1a", "ap-northeast-1d"];
    const { code, out } = await preflight(vpc, ["--stack", stackFile()]);
    strictEqual(code, 1, out);
    deepStrictEqual([...new Set(codesOf(out))], ["free-ip-addresses", "service-not-in-az"]);
    match(out, /subnet subnet-22222222 has 3 free IP addresses/);
    match(out, /not offered in ap-northeast-1c \(subnet subnet-22222222\)/);
    ok(!out.includes("subnet-33333333"), out);
  });

  it("needs one address per interface endpoint the stack creates (not the referenced STS) and one for the smoke test", async () => {
    const vpc = sharedVpc();
    // bedrock-runtime, the CodeArtifact pair and Session Manager's three, and the instance: 7.
    vpc.subnets[0].free = 6;
    const { out } = await preflight(vpc, ["--stack", stackFile()]);
    match(out, /subnet subnet-11111111 has 6 free IP addresses; the endpoints and the smoke test need 7/);
    vpc.subnets[0].free = 7;
    strictEqual((await preflight(vpc, ["--stack", stackFile()])).code, 0);
  });

  it("names a configured subnet that is not in the VPC, and a referenced endpoint that is not there", async () => {
    const vpc = sharedVpc();
    vpc.subnets = vpc.subnets.filter((subnet) => subnet.id !== "subnet-22222222");
    vpc.endpoints = vpc.endpoints.filter((endpoint) => endpoint.VpcEndpointId !== "vpce-0123456789abcdef0");
    const { code, out } = await preflight(vpc, ["--stack", stackFile()]);
    strictEqual(code, 1, out);
    deepStrictEqual(codesOf(out), ["subnet-not-in-vpc", "referenced-endpoint-missing"]);
    match(out, /existingVpc\.subnetIds: subnet-22222222 is not a subnet of vpc-0a1b2c3d4e5f60789/);
    match(out, /existingVpc\.endpoints\.sts\.existingEndpointId: vpce-0123456789abcdef0 is not an endpoint/);
  });

  it("asks AWS about the subnets and services the stack file uses, and only those", async () => {
    const { calls, inputsOf } = await preflight(sharedVpc(), ["--stack", stackFile()]);
    for (const name of calls) match(name, /^(Describe|List)[A-Za-z]+Command$/);
    deepStrictEqual(inputsOf("DescribeSubnetsCommand")[0].Filters, [
      { Name: "vpc-id", Values: [VPC] },
      { Name: "subnet-id", Values: ["subnet-11111111", "subnet-22222222"] },
    ]);
    // The referenced STS endpoint is not created, so its service is not asked about.
    deepStrictEqual(
      inputsOf("DescribeVpcEndpointServicesCommand")[0].ServiceNames,
      ["bedrock-runtime", "codeartifact.api", "codeartifact.repositories", "ssm", "ssmmessages", "ec2messages"].map(
        (key) => `com.amazonaws.${REGION}.${key}`,
      ),
    );
  });

  for (const [what, argv, message] of [
    ["--region with --stack", ["--region", REGION], /--region goes with --vpc-id; --stack reads it from the file/],
    ["a stack file without existingVpc", [], /sets no bedrock-lz:existingVpc/],
  ] as [string, string[], RegExp][]) {
    it(`rejects ${what} with the usage (exit 2)`, async () => {
      const file =
        what === "a stack file without existingVpc"
          ? stackFile({ "bedrock-lz:existingVpc": undefined, "bedrock-lz:vpc": { cidrBlock: "10.0.0.0/16" } })
          : stackFile();
      const { code, err, calls } = await preflight(readyVpc(), ["--stack", file, ...argv]);
      strictEqual(code, 2);
      match(err, message);
      match(err, /usage: npm run preflight/);
      strictEqual(calls.length, 0);
    });
  }
});

describe("npm run preflight --vpc-id --subnet-id: the subnets given", () => {
  it("checks only the subnets given; without any, every subnet of the VPC", async () => {
    const vpc = readyVpc();
    vpc.subnets.push({ id: "subnet-33333333", zone: "ap-northeast-1d", free: 2 });
    const given = await preflight(vpc, [
      "--vpc-id",
      VPC,
      "--subnet-id",
      "subnet-11111111",
      "--subnet-id",
      "subnet-22222222",
    ]);
    strictEqual(given.code, 0, given.out);
    const every = await preflight(vpc, ["--vpc-id", VPC]);
    deepStrictEqual(codesOf(every.out), ["free-ip-addresses"]);
    match(every.out, /subnet-33333333 has 2 free/);
  });

  it("checks the endpoints the setup features switch on, not only the default three", async () => {
    const vpc = readyVpc();
    vpc.endpoints.push({
      VpcEndpointId: "vpce-ffffffff",
      ServiceName: `com.amazonaws.${REGION}.ssm`,
      VpcEndpointType: "Interface",
      PrivateDnsEnabled: true,
    });
    const { code, out } = await preflight(vpc);
    strictEqual(code, 1, out);
    match(out, /vpce-ffffffff already serves ssm \(created while sessionAccess is on\)/);
  });
});
