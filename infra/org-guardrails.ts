/**
 * Organisation guardrails as pure documents: a region-guard SCP, a Bedrock SCP, and the same
 * rules as an IAM permission boundary for accounts whose organisation the user does not control.
 * They back up the identity, trust and endpoint policies (infra/policies.ts): an SCP or boundary
 * still holds when someone widens a role's own policy. docs/design.md §4.4 and docs/security.md.
 */
import { applicationInferenceProfileArn, foundationModelArn, iamRoleArn, inferenceProfileArn } from "./arns";
import { INFERENCE_PROFILE_CATALOG, type InferenceProfileEntry, JAPAN_PROFILE_PREFIX, JAPAN_REGIONS } from "./catalog";
import {
  type ConditionBlock,
  type PolicyDocument,
  type PolicyStatement,
  policyDocument,
  policySize,
} from "./iam/document";
import { invokeRoleName } from "./naming";
import { BEDROCK_INVOKE_ACTIONS } from "./policies";

/**
 * Size limits in characters. SCPs count every character (we emit minified JSON); managed
 * policies (the boundary) count characters without white space.
 * Sources: AWS Organizations "Quotas and service limits" (SCP 5,120), IAM "IAM and AWS STS
 * quotas" (managed policy 6,144).
 */
export const POLICY_SIZE_LIMITS = { scp: 5120, managedPolicy: 6144 } as const;

/**
 * Services whose single endpoint lives in us-east-1 (or that are account-wide), so a region
 * deny would break them. From the AWS examples "Deny access to AWS based on the requested
 * Region" (IAM user guide: CloudFront, IAM, Route 53, Support; "other global services such as
 * budgets, globalaccelerator, importexport, organizations, or waf") and the Organizations /
 * aws-samples SCP lists. Deliberately not exempted although those lists do: `kms:*`,
 * `config:*` and `directconnect:*` are regional and would let keys and data live abroad.
 * Bedrock is never exempt. AWS Marketplace is global and is where Anthropic models are subscribed
 * to (Control Tower's region deny and aws-samples' Bedrock cross-region SCP exempt it too:
 * https://docs.aws.amazon.com/controltower/latest/userguide/region-deny.html).
 */
export const GLOBAL_SERVICE_ACTIONS = [
  "account:*",
  "aws-marketplace-management:*",
  "aws-marketplace:*",
  "aws-portal:*",
  "billing:*",
  "budgets:*",
  "ce:*",
  "cloudfront:*",
  "cur:*",
  "ec2:DescribeRegions",
  "globalaccelerator:*",
  "health:*",
  "iam:*",
  "importexport:*",
  "organizations:*",
  "pricing:*",
  "route53:*",
  "route53domains:*",
  "s3:GetAccountPublicAccessBlock",
  "s3:ListAllMyBuckets",
  "shield:*",
  "sts:*",
  "support:*",
  "trustedadvisor:*",
  "waf:*",
] as const;

/**
 * The regions a region guard must allow: Tokyo and Osaka, plus every destination region of
 * every catalog profile. Blocking a destination makes inference fail whenever Bedrock routes
 * there (the FM call is authorised with `aws:RequestedRegion` = the destination).
 */
export function allowedRegions(
  catalog: Readonly<Record<string, InferenceProfileEntry>> = INFERENCE_PROFILE_CATALOG,
): string[] {
  const regions = new Set<string>(JAPAN_REGIONS);
  for (const entry of Object.values(catalog)) for (const region of entry.destinationRegions) regions.add(region);
  return [...regions].sort();
}

export function regionGuardStatement(regions: readonly string[] = allowedRegions()): PolicyStatement {
  return {
    Sid: "DenyOutsideJapanRegions",
    Effect: "Deny",
    NotAction: GLOBAL_SERVICE_ACTIONS,
    Resource: "*",
    Condition: { StringNotEquals: { "aws:RequestedRegion": regions } },
  };
}

/** Every `jp.` system inference profile in any account and region. */
export const JAPAN_PROFILE_ARN_PATTERN = inferenceProfileArn("*", "*", `${JAPAN_PROFILE_PREFIX}*`);
export const FOUNDATION_MODEL_ARN_PATTERN = foundationModelArn("*", "*");

/** The invoke roles of every municipality in an operator account. */
export const INVOKE_ROLE_ARN_PATTERN = iamRoleArn("*", invokeRoleName("*"));

export interface BedrockGuardArgs {
  /**
   * Bedrock is allowed only through these interface endpoints; none known = no endpoint rule yet;
   * `ANY_VPC_ENDPOINT` = through some VPC endpoint, for operators with more endpoints than an
   * SCP can list (each invoke role's own policy still pins its municipality's endpoint).
   */
  readonly approvedEndpointIds: readonly string[] | typeof ANY_VPC_ENDPOINT;
  /**
   * Who the endpoint rule binds (ArnLike `aws:PrincipalArn`). Unset = every principal, as in a
   * municipality account; an operator binds only its invoke roles so its administrators keep
   * the Bedrock control plane (logging, model access).
   */
  readonly principalArnPatterns?: readonly string[];
  /**
   * Metering: the account whose application inference profiles may be called (the operator's own).
   * No condition key names a profile's source, so the account is what is pinned; the operator's
   * invoke roles name only the profiles copied from `jp.` profiles, and the region guard keeps
   * every model call in Japan (docs/operator.md, "Metering").
   */
  readonly applicationProfileAccountId?: string;
}

/** See {@link BedrockGuardArgs.approvedEndpointIds}. */
export const ANY_VPC_ENDPOINT = "any-vpc-endpoint";

/** Every application inference profile of one account, in any region. */
export function applicationProfileArnPattern(accountId: string): string {
  return applicationInferenceProfileArn("*", accountId, "*");
}

export function bedrockGuardStatements(args: BedrockGuardArgs): PolicyStatement[] {
  const profiles =
    args.applicationProfileAccountId !== undefined
      ? [JAPAN_PROFILE_ARN_PATTERN, applicationProfileArnPattern(args.applicationProfileAccountId)]
      : [JAPAN_PROFILE_ARN_PATTERN];
  const statements: PolicyStatement[] = [
    {
      // Everything a model call can name except `jp.` profiles (and, when metering, the operator's
      // application profiles) and foundation models: apac., global., us. profiles, other accounts'
      // application profiles, provisioned and custom models.
      Sid: "DenyInferenceOutsideJapanProfiles",
      Effect: "Deny",
      Action: BEDROCK_INVOKE_ACTIONS,
      NotResource: [...profiles, FOUNDATION_MODEL_ARN_PATTERN],
    },
    {
      // A missing bedrock:InferenceProfileArn (a direct FM call) makes StringNotLike true: denied.
      Sid: "DenyFoundationModelsOutsideJapanProfiles",
      Effect: "Deny",
      Action: BEDROCK_INVOKE_ACTIONS,
      Resource: FOUNDATION_MODEL_ARN_PATTERN,
      Condition: { StringNotLike: { "bedrock:InferenceProfileArn": profiles.length === 1 ? profiles[0] : profiles } },
    },
  ];
  if (args.approvedEndpointIds.length > 0) {
    const condition: ConditionBlock =
      args.approvedEndpointIds === ANY_VPC_ENDPOINT
        ? { Null: { "aws:SourceVpce": "true" } }
        : { StringNotEquals: { "aws:SourceVpce": [...args.approvedEndpointIds].sort() } };
    if (args.principalArnPatterns !== undefined) {
      condition.ArnLike = { "aws:PrincipalArn": args.principalArnPatterns };
    }
    statements.push({
      Sid: "DenyBedrockOutsideApprovedEndpoints",
      Effect: "Deny",
      Action: "bedrock:*",
      Resource: "*",
      Condition: condition,
    });
  }
  return statements;
}

export function regionGuardScp(regions: readonly string[] = allowedRegions()): PolicyDocument {
  return policyDocument(regionGuardStatement(regions));
}

export function bedrockScp(args: BedrockGuardArgs): PolicyDocument {
  return policyDocument(...bedrockGuardStatements(args));
}

/**
 * The SCP rules for one role: everything is allowed up to the denies, so the boundary never
 * grants anything the role's own policy does not. A boundary binds only the roles it is
 * attached to, so the endpoint rule needs no principal condition.
 */
export function permissionBoundary(
  args: Pick<BedrockGuardArgs, "approvedEndpointIds" | "applicationProfileAccountId">,
): PolicyDocument {
  return policyDocument(
    { Sid: "AllowWithinGuardrails", Effect: "Allow", Action: "*", Resource: "*" },
    regionGuardStatement(),
    ...bedrockGuardStatements({
      approvedEndpointIds: args.approvedEndpointIds,
      applicationProfileAccountId: args.applicationProfileAccountId,
    }),
  );
}

export interface OrgGuardrailDocuments {
  readonly regionGuardScp: PolicyDocument;
  readonly bedrockScp: PolicyDocument;
  readonly permissionBoundary: PolicyDocument;
}

export class PolicySizeError extends Error {
  constructor(what: string, size: number, limit: number) {
    super(
      `${what} is ${size} characters, over the AWS limit of ${limit}; ` +
        "split the approved endpoints over several policies or attach them at OU level",
    );
    this.name = "PolicySizeError";
  }
}

function checked(what: string, document: PolicyDocument, limit: number): PolicyDocument {
  const size = policySize(document);
  if (size > limit) throw new PolicySizeError(what, size, limit);
  return document;
}

/**
 * Whether the operator's documents can list every approved endpoint exactly. An SCP holds 5,120
 * characters, about 200 endpoint ids; beyond that the endpoint rule becomes "through some VPC
 * endpoint", and each invoke role's identity policy keeps the exact per-municipality pin.
 */
export function operatorEndpointRuleIsExact(
  approvedEndpointIds: readonly string[],
  applicationProfileAccountId?: string,
): boolean {
  const scp = bedrockScp({
    approvedEndpointIds,
    principalArnPatterns: [INVOKE_ROLE_ARN_PATTERN],
    applicationProfileAccountId,
  });
  return (
    policySize(scp) <= POLICY_SIZE_LIMITS.scp &&
    policySize(permissionBoundary({ approvedEndpointIds, applicationProfileAccountId })) <=
      POLICY_SIZE_LIMITS.managedPolicy
  );
}

/**
 * The operator account: the endpoint rule binds the invoke roles only. With metering on, the
 * operator's own application profiles are admitted next to the `jp.` profiles.
 */
export function operatorOrgGuardrails(
  endpointIds: readonly string[],
  applicationProfileAccountId?: string,
): OrgGuardrailDocuments {
  const approvedEndpointIds = operatorEndpointRuleIsExact(endpointIds, applicationProfileAccountId)
    ? endpointIds
    : ANY_VPC_ENDPOINT;
  return {
    regionGuardScp: checked("region-guard SCP", regionGuardScp(), POLICY_SIZE_LIMITS.scp),
    bedrockScp: checked(
      "Bedrock SCP",
      bedrockScp({ approvedEndpointIds, principalArnPatterns: [INVOKE_ROLE_ARN_PATTERN], applicationProfileAccountId }),
      POLICY_SIZE_LIMITS.scp,
    ),
    permissionBoundary: checked(
      "permission boundary",
      permissionBoundary({ approvedEndpointIds, applicationProfileAccountId }),
      POLICY_SIZE_LIMITS.managedPolicy,
    ),
  };
}

/** A municipality account: nobody there reaches Bedrock except through its own endpoint. */
export function municipalityOrgGuardrails(approvedEndpointIds: readonly string[]): OrgGuardrailDocuments {
  return {
    regionGuardScp: checked("region-guard SCP", regionGuardScp(), POLICY_SIZE_LIMITS.scp),
    bedrockScp: checked("Bedrock SCP", bedrockScp({ approvedEndpointIds }), POLICY_SIZE_LIMITS.scp),
    permissionBoundary: checked(
      "permission boundary",
      permissionBoundary({ approvedEndpointIds }),
      POLICY_SIZE_LIMITS.managedPolicy,
    ),
  };
}
