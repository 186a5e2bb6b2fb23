/**
 * What makes an existing VPC ready for the municipality stack (existing-VPC mode), as pure
 * checks over facts read from AWS (preflight/read.ts). Each finding names what to fix.
 */
import { ENDPOINT_CATALOG, ENDPOINT_KEYS, type EndpointKey, endpointServiceName } from "../infra/endpoints";

/** What preflight/read.ts gathers about one VPC. */
export interface VpcFacts {
  readonly vpcId: string;
  readonly region: string;
  readonly exists: boolean;
  readonly dnsSupport: boolean;
  readonly dnsHostnames: boolean;
  readonly internetGatewayIds: readonly string[];
  readonly natGatewayIds: readonly string[];
  /** Routes that leave the VPC for the internet: "<route table> <destination> -> <target>". */
  readonly internetRoutes: readonly string[];
  readonly endpoints: readonly {
    readonly id: string;
    readonly serviceName: string;
    readonly type: string;
    readonly privateDnsEnabled: boolean;
  }[];
  /** Names of the private hosted zones associated with the VPC (with or without the final dot). */
  readonly privateHostedZones: readonly string[];
  readonly subnets: readonly { readonly id: string; readonly availabilityZone: string; readonly freeIps: number }[];
  /** AZs each endpoint service is offered in, by service name. */
  readonly serviceZones: Readonly<Record<string, readonly string[]>>;
}

export type FindingCode =
  | "vpc-not-found"
  | "internet-gateway"
  | "nat-gateway"
  | "internet-route"
  | "dns-support"
  | "dns-hostnames"
  | "endpoint-conflict"
  | "hosted-zone-conflict"
  | "free-ip-addresses"
  | "service-not-in-az";

export interface Finding {
  readonly code: FindingCode;
  readonly message: string;
}

/** The endpoints the stack creates unless told otherwise (catalog defaults). */
export const DEFAULT_ENDPOINT_KEYS: readonly EndpointKey[] = ENDPOINT_KEYS.filter(
  (key) => ENDPOINT_CATALOG[key].enabledByDefault,
);
const INTERFACE_KEYS = DEFAULT_ENDPOINT_KEYS.filter((key) => ENDPOINT_CATALOG[key].kind === "Interface");

/** One network interface per interface endpoint, plus the smoke-test instance. */
export const FREE_IPS_NEEDED = INTERFACE_KEYS.length + 1;

const withoutDot = (name: string) => name.replace(/\.$/, "").toLowerCase();

/** The key whose endpoint service this is, in the catalog. */
function keyOfService(region: string, serviceName: string): EndpointKey | undefined {
  return ENDPOINT_KEYS.find((key) => endpointServiceName(region, key) === serviceName);
}

export function preflightFindings(facts: VpcFacts): Finding[] {
  if (!facts.exists) {
    return [
      { code: "vpc-not-found", message: `${facts.vpcId} does not exist in ${facts.region} for these credentials` },
    ];
  }
  const findings: Finding[] = [];
  for (const id of facts.internetGatewayIds) {
    findings.push({ code: "internet-gateway", message: `internet gateway ${id} is attached: the VPC is not closed` });
  }
  for (const id of facts.natGatewayIds) {
    findings.push({ code: "nat-gateway", message: `NAT gateway ${id} is in the VPC: the VPC is not closed` });
  }
  for (const route of facts.internetRoutes) {
    findings.push({ code: "internet-route", message: `route ${route} leads out of the VPC: the VPC is not closed` });
  }
  if (!facts.dnsSupport) {
    findings.push({
      code: "dns-support",
      message: "enableDnsSupport is off: private DNS of interface endpoints needs it (ec2 modify-vpc-attribute)",
    });
  }
  if (!facts.dnsHostnames) {
    findings.push({
      code: "dns-hostnames",
      message: "enableDnsHostnames is off: private DNS of interface endpoints needs it (ec2 modify-vpc-attribute)",
    });
  }
  for (const endpoint of facts.endpoints) {
    const key = keyOfService(facts.region, endpoint.serviceName);
    if (key === undefined || !DEFAULT_ENDPOINT_KEYS.includes(key)) continue;
    // A second S3 gateway cannot share route tables; a second private-DNS endpoint cannot be created.
    if (endpoint.type === "Gateway" || endpoint.privateDnsEnabled) {
      findings.push({
        code: "endpoint-conflict",
        message:
          `${endpoint.type} endpoint ${endpoint.id} already serves ${key}: reference it with ` +
          `existingVpc.endpoints.${key}.existingEndpointId: ${endpoint.id}`,
      });
    }
  }
  for (const zone of facts.privateHostedZones) {
    for (const key of INTERFACE_KEYS) {
      const name = `${key}.${facts.region}.amazonaws.com`;
      if (withoutDot(zone) === name) {
        findings.push({
          code: "hosted-zone-conflict",
          message:
            `private hosted zone ${withoutDot(zone)} is associated with the VPC (a central endpoint?): ` +
            `this stack's private-DNS ${key} endpoint cannot be created; switch it off or disassociate the zone`,
        });
      }
    }
  }
  for (const subnet of facts.subnets) {
    if (subnet.freeIps < FREE_IPS_NEEDED) {
      findings.push({
        code: "free-ip-addresses",
        message: `subnet ${subnet.id} has ${subnet.freeIps} free IP addresses; the endpoints and the smoke test need ${FREE_IPS_NEEDED}`,
      });
    }
  }
  for (const key of INTERFACE_KEYS) {
    const service = endpointServiceName(facts.region, key);
    const offered = facts.serviceZones[service];
    if (offered === undefined) continue;
    for (const subnet of facts.subnets) {
      if (!offered.includes(subnet.availabilityZone)) {
        findings.push({
          code: "service-not-in-az",
          message: `${service} is not offered in ${subnet.availabilityZone} (subnet ${subnet.id}); use a subnet in ${offered.join(", ")}`,
        });
      }
    }
  }
  return findings;
}

/** The report printed by `npm run preflight`. */
export function renderPreflight(facts: VpcFacts, findings: readonly Finding[]): string {
  const lines = [`preflight of ${facts.vpcId} in ${facts.region}`];
  if (facts.exists) {
    lines.push(
      `  subnets: ${facts.subnets.map((s) => `${s.id} (${s.availabilityZone}, ${s.freeIps} free)`).join(", ") || "none"}`,
      `  endpoints already there: ${facts.endpoints.map((e) => `${e.id} ${e.serviceName}`).join(", ") || "none"}`,
    );
  }
  if (findings.length === 0) {
    lines.push("ready: closed, DNS on, no conflicting endpoint or hosted zone, room in every subnet");
  } else {
    lines.push(`${findings.length} to fix before pulumi up:`, ...findings.map((f) => `  - [${f.code}] ${f.message}`));
  }
  return lines.join("\n");
}
