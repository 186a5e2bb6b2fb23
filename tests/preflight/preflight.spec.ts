import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
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
import { FREE_IPS_NEEDED } from "../../preflight/checks";

const VPC = "vpc-0a1b2c3d4e5f60789";
const REGION = "ap-northeast-1";

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
    const { page, next } = paged(vpc.subnets, input.NextToken);
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
  const calls = [...ec2.calls(), ...route53.calls()].map((call) => call.args[0].constructor.name);
  ec2.restore();
  route53.restore();
  return { code, out: out.join("\n"), err: err.join("\n"), calls };
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
    [[], /--vpc-id is required/],
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
