/**
 * What each Japanese region offers, in one place, with the public page every fact comes from and
 * the date it was read. The config schema refuses what a region cannot create, and the fidelity
 * gate (tests/fidelity/) checks that no stack declares it. Nothing is deployed to find out: a VPC
 * endpoint to a service the region does not host fails at `pulumi up`, and interface endpoints do
 * not reach another region's service.
 */
import { JAPAN_REGIONS, type JapanRegion } from "./catalog";
import { ENDPOINT_KEYS, type EndpointKey } from "./endpoints";

/** One availability fact and where it was read. */
export interface RegionFact {
  readonly regions: readonly JapanRegion[];
  readonly source: string;
  /** When the source was last read (YYYY-MM-DD). */
  readonly checked: string;
}

const BOTH: readonly JapanRegion[] = JAPAN_REGIONS;
const PRIVATELINK_SERVICES = "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html";

/** The services this program creates resources of, by the region's service list. */
export const SERVICE_REGIONS = {
  bedrock: {
    regions: BOTH,
    source: "https://docs.aws.amazon.com/bedrock/latest/userguide/endpoints-region-availability.html",
    checked: "2026-05-01",
  },
  // The General Reference lists Tokyo but not Osaka among CodeArtifact's endpoints.
  codeartifact: {
    regions: ["ap-northeast-1"],
    source: "https://docs.aws.amazon.com/general/latest/gr/codeartifact.html",
    checked: "2026-05-01",
  },
  ssm: { regions: BOTH, source: "https://docs.aws.amazon.com/general/latest/gr/ssm.html", checked: "2026-05-01" },
  sts: { regions: BOTH, source: "https://docs.aws.amazon.com/general/latest/gr/sts.html", checked: "2026-05-01" },
} as const satisfies Record<string, RegionFact>;

export type RegionalService = keyof typeof SERVICE_REGIONS;

/** Every entry of infra/endpoints.ts' catalog: the regions whose VPCs can have it. */
export const ENDPOINT_REGIONS: Readonly<Record<EndpointKey, RegionFact>> = {
  "bedrock-runtime": SERVICE_REGIONS.bedrock,
  sts: { regions: BOTH, source: PRIVATELINK_SERVICES, checked: "2026-05-01" },
  "codeartifact.api": SERVICE_REGIONS.codeartifact,
  "codeartifact.repositories": SERVICE_REGIONS.codeartifact,
  s3: {
    regions: BOTH,
    source: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html",
    checked: "2026-05-01",
  },
  ssm: { regions: BOTH, source: PRIVATELINK_SERVICES, checked: "2026-05-01" },
  ssmmessages: { regions: BOTH, source: PRIVATELINK_SERVICES, checked: "2026-05-01" },
  ec2messages: { regions: BOTH, source: PRIVATELINK_SERVICES, checked: "2026-05-01" },
};

export function serviceOffered(region: string, service: RegionalService): boolean {
  return (SERVICE_REGIONS[service].regions as readonly string[]).includes(region);
}

export function endpointOffered(region: string, key: EndpointKey): boolean {
  return (ENDPOINT_REGIONS[key].regions as readonly string[]).includes(region);
}

/** The catalog entries a VPC in `region` cannot have. */
export function endpointsNotOffered(region: string): EndpointKey[] {
  return ENDPOINT_KEYS.filter((key) => !endpointOffered(region, key));
}
