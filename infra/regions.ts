/**
 * What each Japanese region offers, in one place. The services the program creates resources of
 * are read from AWS's models (infra/api-models: botocore's endpoint list and cfn-lint's per-region
 * CloudFormation types), next to the public page that says the same; the PrivateLink facts, which no
 * model lists, come from that page with the date it was read. The config schema refuses what a region
 * cannot create, and the fidelity gate (tests/fidelity/) checks that no stack declares it. Nothing is
 * deployed to find out: a VPC endpoint to a service the region does not host fails at `pulumi up`, and
 * interface endpoints do not reach another region's service.
 */
import { API_MODELS, MODEL_SOURCES, serviceAnswersIn } from "./api-models";
import { JAPAN_REGIONS, type JapanRegion } from "./catalog";
import { ENDPOINT_KEYS, type EndpointKey } from "./endpoints";

/** One availability fact and where it was read. */
export interface RegionFact {
  readonly regions: readonly JapanRegion[];
  readonly source: string;
  /** When the source was last read (YYYY-MM-DD). */
  readonly checked: string;
  /** The models the regions were read from, when they were (infra/api-models). */
  readonly models?: string;
}

const BOTH: readonly JapanRegion[] = JAPAN_REGIONS;
const PRIVATELINK_SERVICES = "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html";

/**
 * The Japanese regions where botocore lists an endpoint of `service` and, when named, cfn-lint's
 * registry of the region has `cfnType`: where the provider can create it.
 */
export function fromModels(service: string, cfnType: string | undefined, source: string): RegionFact {
  const regions = JAPAN_REGIONS.filter(
    (region) =>
      serviceAnswersIn(service, region).ok &&
      (cfnType === undefined || (API_MODELS.cloudFormation[cfnType]?.regions ?? []).includes(region)),
  );
  return {
    regions,
    source,
    checked: "2026-05-01",
    models: `${MODEL_SOURCES}: ${service}${cfnType ? `, ${cfnType}` : ""}`,
  };
}

/** The services this program creates resources of, by the region's service list. */
export const SERVICE_REGIONS = {
  bedrock: fromModels(
    "bedrock",
    "AWS::Bedrock::Guardrail",
    "https://docs.aws.amazon.com/bedrock/latest/userguide/endpoints-region-availability.html",
  ),
  // The General Reference lists Tokyo but not Osaka among CodeArtifact's endpoints; so do the models.
  codeartifact: fromModels(
    "codeartifact",
    "AWS::CodeArtifact::Domain",
    "https://docs.aws.amazon.com/general/latest/gr/codeartifact.html",
  ),
  ssm: fromModels("ssm", undefined, "https://docs.aws.amazon.com/general/latest/gr/ssm.html"),
  sts: fromModels("sts", undefined, "https://docs.aws.amazon.com/general/latest/gr/sts.html"),
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
