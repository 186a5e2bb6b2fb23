/**
 * Pure builders for every IAM document the two stacks create. Components, tests, the offline
 * plan and the access matrix all call these, so a statement is written exactly once.
 * docs/design.md §4 explains each statement; comments here say only what is not obvious.
 */
import {
  accountRootArn,
  al2023LivePatchObjectsArn,
  al2023RepositoryObjectsArn,
  applicationInferenceProfileArn,
  foundationModelArn,
  guardrailArn,
  inferenceProfileArn,
} from "./arns";
import { type ConditionBlock, type PolicyDocument, type PolicyStatement, policyDocument } from "./iam/document";
import type { InferenceProfile } from "./catalog";
import type { EndpointKey } from "./endpoints";
import { sessionEndpointPolicies } from "./session-access";
import { type GuardrailReference, guardrailIdentifierValue } from "./bedrock-guardrail";

/** Converse and ConverseStream authorise as these two actions. */
export const BEDROCK_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

/** Where the JP profile may be invoked, and the models behind it. */
export interface ProfileTarget {
  readonly profile: InferenceProfile;
  /** Region the municipality calls bedrock-runtime in (the profile's source region). */
  readonly region: string;
  /** The account that owns the invoke role: inference-profile ARNs carry the caller's account. */
  readonly operatorAccountId: string;
}

export function profileArnOf(target: ProfileTarget): string {
  return inferenceProfileArn(target.region, target.operatorAccountId, target.profile.id);
}

/** One foundation-model ARN per destination region: a blocked destination fails the call. */
export function foundationModelArnsOf(target: ProfileTarget): string[] {
  return target.profile.destinationRegions.map((region) => foundationModelArn(region, target.profile.modelId));
}

// ---------------------------------------------------------------------------------------------
// Operator account: the invoke role
// ---------------------------------------------------------------------------------------------

export interface InvokeRoleTrustArgs {
  readonly municipalityAccountId: string;
  /** The municipality client role; matched by ARN so the role need not exist yet. */
  readonly clientRoleArn: string;
  readonly externalId?: string;
  /** When set, AssumeRole must arrive through this STS interface endpoint (opt-in hardening). */
  readonly stsEndpointId?: string;
}

/**
 * Order-free trust (docs/design.md §3): the principal is the municipality account root and the role is
 * pinned with `aws:PrincipalArn`, so either stack can be deployed first and recreating the
 * client role does not silently break the trust (IAM would have stored a unique id).
 */
export function invokeRoleTrustPolicy(args: InvokeRoleTrustArgs): PolicyDocument {
  const stringEquals: Record<string, string> = {};
  if (args.externalId !== undefined) stringEquals["sts:ExternalId"] = args.externalId;
  if (args.stsEndpointId !== undefined) stringEquals["aws:SourceVpce"] = args.stsEndpointId;
  const condition: ConditionBlock = { ArnEquals: { "aws:PrincipalArn": args.clientRoleArn } };
  if (Object.keys(stringEquals).length > 0) condition.StringEquals = stringEquals;
  return policyDocument({
    Sid: "AssumeFromMunicipalityClientRole",
    Effect: "Allow",
    Principal: { AWS: accountRootArn(args.municipalityAccountId) },
    Action: "sts:AssumeRole",
    Condition: condition,
  });
}

export interface InvokeRolePolicyArgs extends ProfileTarget {
  /** The municipality's bedrock-runtime endpoint; when known, every other path is denied. */
  readonly bedrockRuntimeEndpointId?: string;
  /** When set, every invoke that does not name this guardrail version is denied (docs/design.md §4.5). */
  readonly guardrail?: GuardrailReference;
  /**
   * Metering: the municipality's own application inference profile (copied from the `jp.` profile).
   * When set, the role may call only it, and the models only through it; the bare `jp.` profile
   * and every other municipality's profile are denied (docs/operator.md, "Metering").
   */
  readonly applicationProfileArn?: string;
}

/**
 * The invoke rights through a municipality's application profile. AWS documents the profile and
 * the foundation model in every destination region, with `bedrock:InferenceProfileArn` naming the
 * profile called (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html).
 * It does not say whether the copied system profile is authorised too; the third statement allows
 * it only when the call came through the application profile, so it grants no direct call.
 */
function applicationProfileStatements(args: InvokeRolePolicyArgs, applicationProfileArn: string): PolicyStatement[] {
  const throughApplicationProfile: ConditionBlock = {
    StringEquals: { "bedrock:InferenceProfileArn": applicationProfileArn },
  };
  return [
    {
      Sid: "InvokeMunicipalityApplicationProfile",
      Effect: "Allow",
      Action: BEDROCK_INVOKE_ACTIONS,
      Resource: applicationProfileArn,
    },
    {
      Sid: "InvokeFoundationModelOnlyThroughApplicationProfile",
      Effect: "Allow",
      Action: BEDROCK_INVOKE_ACTIONS,
      Resource: foundationModelArnsOf(args),
      Condition: throughApplicationProfile,
    },
    {
      Sid: "InvokeJapanProfileOnlyThroughApplicationProfile",
      Effect: "Allow",
      Action: BEDROCK_INVOKE_ACTIONS,
      Resource: profileArnOf(args),
      Condition: throughApplicationProfile,
    },
  ];
}

export function invokeRolePolicy(args: InvokeRolePolicyArgs): PolicyDocument {
  const profileArn = profileArnOf(args);
  const direct: PolicyStatement[] = [
    {
      Sid: "InvokeJapanInferenceProfile",
      Effect: "Allow",
      Action: BEDROCK_INVOKE_ACTIONS,
      Resource: profileArn,
    },
    {
      Sid: "InvokeFoundationModelOnlyThroughJapanProfile",
      Effect: "Allow",
      Action: BEDROCK_INVOKE_ACTIONS,
      Resource: foundationModelArnsOf(args),
      Condition: { StringEquals: { "bedrock:InferenceProfileArn": profileArn } },
    },
  ];
  const statements =
    args.applicationProfileArn !== undefined ? applicationProfileStatements(args, args.applicationProfileArn) : direct;
  if (args.bedrockRuntimeEndpointId !== undefined) {
    // A missing aws:SourceVpce makes StringNotEquals true, so calls outside any endpoint are denied too.
    statements.push({
      Sid: "DenyBedrockOutsideMunicipalityEndpoint",
      Effect: "Deny",
      Action: "bedrock:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpce": args.bedrockRuntimeEndpointId } },
    });
  }
  if (args.guardrail !== undefined) {
    statements.push(...guardrailEnforcementStatements(args.guardrail));
  }
  return policyDocument(...statements);
}

/**
 * A call with a guardrail needs `bedrock:ApplyGuardrail` on it; a call without one (or with any
 * other guardrail or version) has no matching `bedrock:GuardrailIdentifier`, so StringNotEquals
 * is true and the explicit deny wins over the allows above. The exact published version is
 * pinned, not a StringLike pattern: a new version is a reviewed `pulumi up` that updates both.
 */
export function guardrailEnforcementStatements(guardrail: GuardrailReference): PolicyStatement[] {
  return [
    {
      Sid: "ApplyEnforcedGuardrail",
      Effect: "Allow",
      Action: "bedrock:ApplyGuardrail",
      Resource: guardrail.arn,
    },
    {
      Sid: "DenyInvokeWithoutEnforcedGuardrail",
      Effect: "Deny",
      Action: BEDROCK_INVOKE_ACTIONS,
      Resource: "*",
      Condition: { StringNotEquals: { "bedrock:GuardrailIdentifier": guardrailIdentifierValue(guardrail) } },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Municipality account: the client role
// ---------------------------------------------------------------------------------------------

export function clientRoleTrustPolicy(trustedServices: readonly string[]): PolicyDocument {
  return policyDocument({
    Sid: "WorkloadsInTheClosedVpc",
    Effect: "Allow",
    Principal: { Service: trustedServices.length === 1 ? trustedServices[0] : trustedServices },
    Action: "sts:AssumeRole",
  });
}

/** The client role can do exactly one thing: become the operator's invoke role. */
export function clientRolePolicy(operatorRoleArn: string): PolicyDocument {
  return policyDocument({
    Sid: "AssumeOperatorInvokeRole",
    Effect: "Allow",
    Action: "sts:AssumeRole",
    Resource: operatorRoleArn,
  });
}

/** Where a Lambda function carrying the client role runs: the closed VPC. */
export interface LambdaVpcTarget {
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
}

/**
 * What a VPC-attached function's execution role needs (the actions of AWS's managed
 * `AWSLambdaVPCAccessExecutionRole`), scoped to the closed VPC and to Lambda's own log groups.
 * The Lambda service writes the logs, so the closed VPC needs no CloudWatch Logs endpoint.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions
 */
export function lambdaVpcAccessPolicy(target: LambdaVpcTarget): PolicyDocument {
  const ec2 = `arn:aws:ec2:${target.region}:${target.accountId}`;
  const inClosedVpc: ConditionBlock = { ArnEquals: { "ec2:Vpc": `${ec2}:vpc/${target.vpcId}` } };
  const logGroups = `arn:aws:logs:${target.region}:${target.accountId}:log-group:/aws/lambda/*`;
  return policyDocument(
    {
      // Describe calls support only Resource "*".
      Sid: "DescribeNetworkForLambda",
      Effect: "Allow",
      Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
      Resource: "*",
    },
    {
      // Every resource of CreateNetworkInterface must be allowed: the subnet pins the VPC.
      Sid: "CreateNetworkInterfaceInClosedVpcSubnets",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: `${ec2}:subnet/*`,
      Condition: inClosedVpc,
    },
    {
      Sid: "CreateNetworkInterfaceWithItsGroups",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: [`${ec2}:network-interface/*`, `${ec2}:security-group/*`],
    },
    {
      Sid: "ManageNetworkInterfacesInClosedVpc",
      Effect: "Allow",
      Action: ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
      Resource: `${ec2}:network-interface/*`,
      Condition: inClosedVpc,
    },
    {
      Sid: "WriteLambdaLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [logGroups, `${logGroups}:*`],
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Municipality account: endpoint policies. `Principal: "*"` + `aws:PrincipalArn` (docs/design.md §4.2):
// the condition form does not need the operator role to exist first.
// ---------------------------------------------------------------------------------------------

export interface BedrockRuntimeEndpointPolicyArgs extends ProfileTarget {
  readonly operatorRoleArn: string;
}

/**
 * The `bedrock:InferenceProfileArn` condition stays in the identity policy: the endpoint policy
 * only narrows who (the operator role) and what (the `jp.` profile, the operator account's
 * application profiles, the models). Application profiles are admitted by account, not by id:
 * Bedrock assigns the id at the operator's `pulumi up`, and the invoke role already pins the one
 * profile this municipality may call (copied from the `jp.` profile, checked by the operator's
 * policy pack). So the municipality's documents never wait for that id, and an operator that
 * switches metering on or recreates a profile needs no change here (docs/design.md, "Corrections").
 */
export function bedrockRuntimeEndpointPolicy(args: BedrockRuntimeEndpointPolicyArgs): PolicyDocument {
  const onlyOperatorRole: ConditionBlock = { ArnEquals: { "aws:PrincipalArn": args.operatorRoleArn } };
  return policyDocument(
    {
      Sid: "OperatorRoleInvokesJapanProfileOnly",
      Effect: "Allow",
      Principal: "*",
      Action: BEDROCK_INVOKE_ACTIONS,
      Resource: [
        profileArnOf(args),
        applicationInferenceProfileArn(args.region, args.operatorAccountId, "*"),
        ...foundationModelArnsOf(args),
      ],
      Condition: onlyOperatorRole,
    },
    {
      // When the operator enforces a guardrail, a call that names it is also authorised as
      // bedrock:ApplyGuardrail on it; only the operator account's guardrails qualify.
      Sid: "OperatorRoleAppliesOperatorGuardrails",
      Effect: "Allow",
      Principal: "*",
      Action: "bedrock:ApplyGuardrail",
      Resource: guardrailArn(args.region, args.operatorAccountId, "*"),
      Condition: onlyOperatorRole,
    },
  );
}

export interface StsEndpointPolicyArgs {
  readonly clientRoleArn: string;
  readonly operatorRoleArn: string;
}

export function stsEndpointPolicy(args: StsEndpointPolicyArgs): PolicyDocument {
  return policyDocument(
    {
      Sid: "ClientRoleAssumesOperatorRoleOnly",
      Effect: "Allow",
      Principal: "*",
      Action: "sts:AssumeRole",
      Resource: args.operatorRoleArn,
      Condition: { ArnEquals: { "aws:PrincipalArn": args.clientRoleArn } },
    },
    {
      // GetCallerIdentity has no resource; it is how the smoke tests show which role they hold.
      Sid: "CallerIdentityForTheLandingZoneRoles",
      Effect: "Allow",
      Principal: "*",
      Action: "sts:GetCallerIdentity",
      Resource: "*",
      Condition: { ArnEquals: { "aws:PrincipalArn": [args.clientRoleArn, args.operatorRoleArn] } },
    },
  );
}

export interface CodeArtifactEndpointPolicyArgs {
  readonly clientRoleArn: string;
  readonly domainArn: string;
  readonly repositoryArn: string;
}

/** One document for both `codeartifact.api` and `codeartifact.repositories`. */
export function codeArtifactEndpointPolicy(args: CodeArtifactEndpointPolicyArgs): PolicyDocument {
  const onlyClientRole: ConditionBlock = { ArnEquals: { "aws:PrincipalArn": args.clientRoleArn } };
  return policyDocument(
    {
      Sid: "ClientRoleGetsTokenForDomain",
      Effect: "Allow",
      Principal: "*",
      Action: "codeartifact:GetAuthorizationToken",
      Resource: args.domainArn,
      Condition: onlyClientRole,
    },
    {
      Sid: "ClientRoleReadsRepository",
      Effect: "Allow",
      Principal: "*",
      Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
      Resource: args.repositoryArn,
      Condition: onlyClientRole,
    },
    {
      // GetAuthorizationToken needs a service bearer token; the action has no resource type.
      Sid: "ClientRoleGetsServiceBearerToken",
      Effect: "Allow",
      Principal: "*",
      Action: "sts:GetServiceBearerToken",
      Resource: "*",
      Condition: onlyClientRole,
    },
  );
}

/**
 * dnf fetches the AL2023 repositories unsigned, so an `aws:PrincipalArn` condition here would
 * turn every package download into a 403 (docs/design.md §4.3). Read-only, two buckets, nothing else.
 */
export function s3GatewayEndpointPolicy(region: string): PolicyDocument {
  return policyDocument({
    Sid: "AmazonLinux2023RepositoriesOnly",
    Effect: "Allow",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: [al2023RepositoryObjectsArn(region), al2023LivePatchObjectsArn(region)],
  });
}

// ---------------------------------------------------------------------------------------------
// Municipality account: the policy of every endpoint in the catalog, keyed like the catalog
// ---------------------------------------------------------------------------------------------

export interface MunicipalityEndpointPolicyArgs extends ProfileTarget {
  readonly operatorRoleArn: string;
  readonly clientRoleArn: string;
  readonly codeArtifactDomainArn: string;
  readonly codeArtifactRepositoryArn: string;
}

export function municipalityEndpointPolicies(
  args: MunicipalityEndpointPolicyArgs,
): Record<EndpointKey, PolicyDocument> {
  const codeArtifact = codeArtifactEndpointPolicy({
    clientRoleArn: args.clientRoleArn,
    domainArn: args.codeArtifactDomainArn,
    repositoryArn: args.codeArtifactRepositoryArn,
  });
  return {
    "bedrock-runtime": bedrockRuntimeEndpointPolicy(args),
    sts: stsEndpointPolicy(args),
    "codeartifact.api": codeArtifact,
    "codeartifact.repositories": codeArtifact,
    s3: s3GatewayEndpointPolicy(args.region),
    ...sessionEndpointPolicies(args.clientRoleArn),
  };
}
