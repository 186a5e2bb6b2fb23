/**
 * Reads one VPC with the caller's credentials: Describe* and List* calls only, every list
 * followed to its last page. Returns the facts preflight/checks.ts judges.
 */
import {
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { ListHostedZonesByVPCCommand, type Route53Client } from "@aws-sdk/client-route-53";
import { endpointInService } from "../audit/live";
import { endpointServiceName } from "../infra/endpoints";
import { type PreflightTarget, type VpcFacts, interfaceKeys } from "./checks";

export interface PreflightClients {
  readonly ec2: Pick<EC2Client, "send">;
  readonly route53: Pick<Route53Client, "send">;
}

/** Every page of a NextToken-paginated call. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const result = await page(token);
    items.push(...result.items);
    token = result.next;
  } while (token);
  return items;
}

const inVpc = (vpcId: string, name = "vpc-id") => [{ Name: name, Values: [vpcId] }];

/** Reads what the checks need about the target's VPC, its subnets and the services it creates endpoints for. */
export async function readVpcFacts(clients: PreflightClients, target: PreflightTarget): Promise<VpcFacts> {
  const { ec2, route53 } = clients;
  const { vpcId, region } = target;
  const vpcs = await allPages(async (NextToken) => {
    const out = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }], NextToken }));
    return { items: out.Vpcs ?? [], next: out.NextToken };
  });
  const empty = {
    vpcId,
    region,
    dnsSupport: false,
    dnsHostnames: false,
    internetGatewayIds: [],
    natGatewayIds: [],
    internetRoutes: [],
    endpoints: [],
    privateHostedZones: [],
    subnets: [],
    serviceZones: {},
  };
  if (vpcs.length === 0) return { ...empty, exists: false };

  const attribute = async (Attribute: "enableDnsSupport" | "enableDnsHostnames") => {
    const out = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute }));
    return (Attribute === "enableDnsSupport" ? out.EnableDnsSupport : out.EnableDnsHostnames)?.Value === true;
  };
  const internetGateways = await allPages(async (NextToken) => {
    const out = await ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: inVpc(vpcId, "attachment.vpc-id"), NextToken }),
    );
    return { items: out.InternetGateways ?? [], next: out.NextToken };
  });
  const natGateways = await allPages(async (NextToken) => {
    const out = await ec2.send(new DescribeNatGatewaysCommand({ Filter: inVpc(vpcId), NextToken }));
    return { items: out.NatGateways ?? [], next: out.NextToken };
  });
  const routeTables = await allPages(async (NextToken) => {
    const out = await ec2.send(new DescribeRouteTablesCommand({ Filters: inVpc(vpcId), NextToken }));
    return { items: out.RouteTables ?? [], next: out.NextToken };
  });
  const endpoints = await allPages(async (NextToken) => {
    const out = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: inVpc(vpcId), NextToken }));
    return { items: out.VpcEndpoints ?? [], next: out.NextToken };
  });
  // The subnets the stack uses, by filter: one that is not in the VPC is then missing, not an error.
  const subnetFilters = [
    ...inVpc(vpcId),
    ...(target.subnetIds === undefined ? [] : [{ Name: "subnet-id", Values: [...target.subnetIds] }]),
  ];
  const subnets = await allPages(async (NextToken) => {
    const out = await ec2.send(new DescribeSubnetsCommand({ Filters: subnetFilters, NextToken }));
    return { items: out.Subnets ?? [], next: out.NextToken };
  });
  const interfaceServices = interfaceKeys(target).map((key) => endpointServiceName(region, key));
  // No names would list every service of the region: ask only when the stack creates one.
  const services =
    interfaceServices.length === 0
      ? []
      : await allPages(async (NextToken) => {
          const out = await ec2.send(
            new DescribeVpcEndpointServicesCommand({ ServiceNames: interfaceServices, NextToken }),
          );
          return { items: out.ServiceDetails ?? [], next: out.NextToken };
        });
  const zones = await allPages(async (NextToken) => {
    const out = await route53.send(
      new ListHostedZonesByVPCCommand({ VPCId: vpcId, VPCRegion: region as never, NextToken }),
    );
    return { items: out.HostedZoneSummaries ?? [], next: out.NextToken };
  });

  const activeNat = natGateways.filter((nat) => nat.State !== "deleted" && nat.State !== "deleting");
  const internetRoutes = routeTables.flatMap((table) =>
    (table.Routes ?? [])
      .filter(
        (route) =>
          route.GatewayId?.startsWith("igw-") || route.NatGatewayId !== undefined || route.EgressOnlyInternetGatewayId,
      )
      .map(
        (route) =>
          `${table.RouteTableId} ${route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId} -> ` +
          `${route.GatewayId ?? route.NatGatewayId ?? route.EgressOnlyInternetGatewayId}`,
      ),
  );
  return {
    ...empty,
    exists: true,
    dnsSupport: await attribute("enableDnsSupport"),
    dnsHostnames: await attribute("enableDnsHostnames"),
    internetGatewayIds: internetGateways.map((igw) => igw.InternetGatewayId ?? "?"),
    natGatewayIds: activeNat.map((nat) => nat.NatGatewayId ?? "?"),
    internetRoutes,
    endpoints: endpoints
      .filter((e) => endpointInService(e.State))
      .map((e) => ({
        id: e.VpcEndpointId ?? "?",
        serviceName: e.ServiceName ?? "",
        type: e.VpcEndpointType ?? "",
        privateDnsEnabled: e.PrivateDnsEnabled === true,
      })),
    privateHostedZones: zones.map((zone) => zone.Name ?? ""),
    subnets: subnets.map((s) => ({
      id: s.SubnetId ?? "?",
      availabilityZone: s.AvailabilityZone ?? "?",
      freeIps: s.AvailableIpAddressCount ?? 0,
    })),
    serviceZones: Object.fromEntries(services.map((s) => [s.ServiceName ?? "", s.AvailabilityZones ?? []])),
  };
}
