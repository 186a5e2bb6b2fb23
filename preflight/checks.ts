/**
 * What makes an existing VPC ready for the municipality stack (existing-VPC mode), as pure
 * checks over facts read from AWS (preflight/read.ts). Each finding names what to fix.
 */
import type { MunicipalityConfig } from "../infra/config";
import { type EndpointInputs, resolveEndpoints } from "../infra/config/municipality";
import {
  ENDPOINT_CATALOG,
  ENDPOINT_KEYS,
  type EndpointKey,
  PACKAGE_ENDPOINT_KEYS,
  endpointServiceName,
} from "../infra/endpoints";
import { type Lang, inLanguage } from "../infra/messages";
import { PREFLIGHT_MESSAGES as m } from "./messages";

/**
 * What the stack will put into the VPC: from its stack file (`--stack`), or, before there is one,
 * what a stack file without endpoint settings would (`--vpc-id`).
 */
export interface PreflightTarget {
  readonly vpcId: string;
  readonly region: string;
  /** The subnets the endpoints and the smoke test go into; undefined: every subnet of the VPC is a candidate. */
  readonly subnetIds?: readonly string[];
  /**
   * The endpoints the stack creates at some time: the steady state's and the setup run's
   * (docs/municipality.md: Session Manager and CodeArtifact while setting up), with their
   * private-DNS setting. A referenced endpoint is used, not created, so it is not among them.
   */
  readonly created: Readonly<Partial<Record<EndpointKey, CreatedEndpoint>>>;
  /** `existingVpc.endpoints.<key>.existingEndpointId`: endpoints the stack uses instead of creating them. */
  readonly referenced: Readonly<Partial<Record<EndpointKey, string>>>;
  /** Where the target came from, for the messages: the stack file, or undefined for `--vpc-id`. */
  readonly stackFile?: string;
}

export interface CreatedEndpoint {
  readonly privateDnsEnabled: boolean;
  /** Created only while a setup feature is on (the steady state has it off). */
  readonly setupOnly: boolean;
}

/**
 * The endpoints created over the stack's life: its steady state's, and those its setup features
 * switch on, resolved the way plan/cost.ts prices the setup run (an explicit `enabled: false`
 * still wins).
 */
function createdOverTheSetupRun(
  steady: Readonly<Record<EndpointKey, { readonly enabled: boolean }>>,
  region: string,
  overrides: EndpointInputs["endpoints"],
  referenced: Readonly<Partial<Record<EndpointKey, string>>>,
): PreflightTarget["created"] {
  const setup = resolveEndpoints({ region, endpoints: overrides, sessionAccess: true, installsPackages: true });
  return Object.fromEntries(
    ENDPOINT_KEYS.filter((key) => setup[key].enabled && referenced[key] === undefined).map((key) => [
      key,
      { privateDnsEnabled: setup[key].privateDnsEnabled, setupOnly: !steady[key].enabled },
    ]),
  );
}

/** The target a municipality stack file in existing-VPC mode describes. */
export function targetOfStack(config: MunicipalityConfig, stackFile: string): PreflightTarget {
  const existing = config.existingVpc;
  if (existing === undefined) {
    throw new Error(m.noExistingVpc({ file: stackFile }));
  }
  const referenced = Object.fromEntries(
    Object.entries(existing.endpoints).map(([key, endpoint]) => [key, endpoint!.existingEndpointId]),
  );
  return {
    vpcId: existing.vpcId,
    region: config.region,
    subnetIds: existing.subnetIds,
    created: createdOverTheSetupRun(config.endpoints, config.region, config.endpointOverrides, referenced),
    referenced,
    stackFile,
  };
}

/** Before a stack file exists: what a stack file with no endpoint settings would create, in the given subnets. */
export function targetOfVpc(vpcId: string, region: string, subnetIds?: readonly string[]): PreflightTarget {
  const steady = resolveEndpoints({ region, endpoints: {}, sessionAccess: false, installsPackages: false });
  return { vpcId, region, subnetIds, created: createdOverTheSetupRun(steady, region, {}, {}), referenced: {} };
}

/** The interface endpoints the target creates: each takes one network interface per subnet. */
export function interfaceKeys(target: PreflightTarget): EndpointKey[] {
  return (Object.keys(target.created) as EndpointKey[]).filter((key) => ENDPOINT_CATALOG[key].kind === "Interface");
}

/** Free addresses each subnet needs: one per interface endpoint created, and one for the smoke-test instance. */
export function freeIpsNeeded(target: PreflightTarget): number {
  return interfaceKeys(target).length + 1;
}

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
  /** The target's subnets (every subnet of the VPC when it names none) that AWS found in the VPC. */
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
  | "subnet-not-in-vpc"
  | "referenced-endpoint-missing"
  | "endpoint-conflict"
  | "hosted-zone-conflict"
  | "free-ip-addresses"
  | "service-not-in-az";

export interface Finding {
  readonly code: FindingCode;
  readonly message: string;
}

const withoutDot = (name: string) => name.replace(/\.$/, "").toLowerCase();

/** The key whose endpoint service this is, in the catalog. */
function keyOfService(region: string, serviceName: string): EndpointKey | undefined {
  return ENDPOINT_KEYS.find((key) => endpointServiceName(region, key) === serviceName);
}

export function preflightFindings(facts: VpcFacts, target: PreflightTarget): Finding[] {
  if (!facts.exists) {
    return [{ code: "vpc-not-found", message: m.vpcNotFound({ vpcId: facts.vpcId, region: facts.region }) }];
  }
  const findings: Finding[] = [];
  for (const id of facts.internetGatewayIds) {
    findings.push({ code: "internet-gateway", message: m.internetGateway({ id }) });
  }
  for (const id of facts.natGatewayIds) {
    findings.push({ code: "nat-gateway", message: m.natGateway({ id }) });
  }
  for (const route of facts.internetRoutes) {
    findings.push({ code: "internet-route", message: m.internetRoute({ route }) });
  }
  if (!facts.dnsSupport) {
    findings.push({
      code: "dns-support",
      message: m.dnsSupport,
    });
  }
  if (!facts.dnsHostnames) {
    findings.push({
      code: "dns-hostnames",
      message: m.dnsHostnames,
    });
  }
  for (const id of target.subnetIds ?? []) {
    if (!facts.subnets.some((subnet) => subnet.id === id)) {
      findings.push({
        code: "subnet-not-in-vpc",
        message: m.subnetNotInVpc({ id, vpcId: facts.vpcId }),
      });
    }
  }
  for (const [key, id] of Object.entries(target.referenced)) {
    if (!facts.endpoints.some((endpoint) => endpoint.id === id)) {
      findings.push({
        code: "referenced-endpoint-missing",
        message: m.referencedMissing({ key, id, vpcId: facts.vpcId }),
      });
    }
  }
  for (const endpoint of facts.endpoints) {
    const key = keyOfService(facts.region, endpoint.serviceName);
    if (key === undefined || target.created[key] === undefined) continue;
    // A second S3 gateway cannot share route tables; a second private-DNS endpoint cannot be created.
    if (endpoint.type === "Gateway" || (endpoint.privateDnsEnabled && target.created[key].privateDnsEnabled)) {
      findings.push({
        code: "endpoint-conflict",
        message: m.endpointConflict({ type: endpoint.type, id: endpoint.id, key, feature: setupFeature(target, key) }),
      });
    }
  }
  const privateDnsKeys = interfaceKeys(target).filter((key) => target.created[key]!.privateDnsEnabled);
  for (const zone of facts.privateHostedZones) {
    for (const key of privateDnsKeys) {
      const name = `${key}.${facts.region}.amazonaws.com`;
      if (withoutDot(zone) === name) {
        findings.push({
          code: "hosted-zone-conflict",
          message: m.hostedZoneConflict({ zone: withoutDot(zone), key, feature: setupFeature(target, key) }),
        });
      }
    }
  }
  const needed = freeIpsNeeded(target);
  for (const subnet of facts.subnets) {
    if (subnet.freeIps < needed) {
      findings.push({
        code: "free-ip-addresses",
        message: m.freeIps({ id: subnet.id, free: subnet.freeIps, needed }),
      });
    }
  }
  for (const key of interfaceKeys(target)) {
    const service = endpointServiceName(facts.region, key);
    const offered = facts.serviceZones[service];
    if (offered === undefined) continue;
    for (const subnet of facts.subnets) {
      if (!offered.includes(subnet.availabilityZone)) {
        findings.push({
          code: "service-not-in-az",
          message: m.serviceNotInAz({
            service,
            zone: subnet.availabilityZone,
            id: subnet.id,
            offered: offered.join(", "),
          }),
        });
      }
    }
  }
  return findings;
}

/** When an endpoint exists only in the setup run, the finding says which feature creates it. */
function setupFeature(target: PreflightTarget, key: EndpointKey): "packages" | "session" | undefined {
  if (!target.created[key]?.setupOnly) return undefined;
  return (PACKAGE_ENDPOINT_KEYS as readonly string[]).includes(key) ? "packages" : "session";
}

/** The report printed by `npm run preflight`, in the reader's language. */
export function renderPreflight(
  facts: VpcFacts,
  findings: readonly Finding[],
  target: PreflightTarget,
  lang: Lang = "en",
): string {
  const say = (text: string) => inLanguage(text, lang);
  const listed = (items: readonly string[]) => (items.length === 0 ? undefined : items);
  const lines = [say(m.heading({ vpcId: facts.vpcId, region: facts.region, file: target.stackFile }))];
  if (facts.exists) {
    const subnets = facts.subnets.map((s) => m.subnet({ id: s.id, zone: s.availabilityZone, free: s.freeIps }));
    lines.push(
      say(m.subnets({ every: target.subnetIds === undefined, list: listed(subnets) })),
      say(m.created({ list: Object.keys(target.created).join(", ") || undefined })),
      say(m.already({ list: facts.endpoints.map((e) => `${e.id} ${e.serviceName}`).join(", ") || undefined })),
    );
  }
  if (findings.length === 0) {
    lines.push(say(m.ready));
  } else {
    lines.push(say(m.toFix({ count: findings.length })), ...findings.map((f) => `  - [${f.code}] ${say(f.message)}`));
  }
  return lines.join("\n");
}
