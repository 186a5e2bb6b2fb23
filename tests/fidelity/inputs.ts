/**
 * Values AWS validates on create, checked offline: enum-like inputs against the AWS SDK v3
 * models' enums, and the name and length rules of every named resource.
 */
import {
  GuardrailContentFilterType,
  GuardrailFilterStrength,
  GuardrailPiiEntityType,
  GuardrailSensitiveInformationAction,
  GuardrailTopicType,
} from "@aws-sdk/client-bedrock";
import { TransitionStorageClass } from "@aws-sdk/client-s3";
import type { ProgramRun } from "../../harness/mock-engine";

export const SDK_ENUMS = {
  contentFilterType: Object.values(GuardrailContentFilterType) as string[],
  filterStrength: Object.values(GuardrailFilterStrength) as string[],
  piiEntityType: Object.values(GuardrailPiiEntityType) as string[],
  sensitiveInformationAction: Object.values(GuardrailSensitiveInformationAction) as string[],
  topicType: Object.values(GuardrailTopicType) as string[],
  transitionStorageClass: Object.values(TransitionStorageClass) as string[],
  /** EC2 `VpcEndpointType` (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html). */
  vpcEndpointType: ["Interface", "Gateway", "GatewayLoadBalancer", "Resource", "ServiceNetwork"],
};

export interface NameRule {
  readonly pattern: RegExp;
  readonly max: number;
  readonly source: string;
}

const IAM_NAMES = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
const iamName = (max: number): NameRule => ({ pattern: /^[\w+=,.@-]+$/, max, source: IAM_NAMES });

/** Resource type → input → the rule AWS applies to it. */
export const NAME_RULES: Readonly<Record<string, Readonly<Record<string, NameRule>>>> = {
  "aws:iam/role:Role": { name: iamName(64) },
  "aws:iam/rolePolicy:RolePolicy": { name: iamName(128) },
  "aws:iam/policy:Policy": { name: iamName(128) },
  "aws:iam/instanceProfile:InstanceProfile": { name: iamName(128) },
  "aws:s3/bucket:Bucket": {
    bucket: {
      pattern: /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
      max: 63,
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    },
  },
  "aws:kms/alias:Alias": {
    name: {
      pattern: /^alias\/(?!aws\/)[\w/-]+$/,
      max: 256,
      source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
    },
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    name: {
      pattern: /^[\w\-/.#]+$/,
      max: 512,
      source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
    },
  },
  "aws:codeartifact/domain:Domain": {
    domain: {
      pattern: /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/,
      max: 50,
      source: "https://docs.aws.amazon.com/codeartifact/latest/APIReference/API_CreateDomain.html",
    },
  },
  "aws:codeartifact/repository:Repository": {
    repository: {
      pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/,
      max: 100,
      source: "https://docs.aws.amazon.com/codeartifact/latest/APIReference/API_CreateRepository.html",
    },
  },
  "aws:bedrock/guardrail:Guardrail": {
    name: {
      pattern: /^[0-9a-zA-Z_-]+$/,
      max: 50,
      source: "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateGuardrail.html",
    },
    blockedInputMessaging: {
      pattern: /^[\s\S]+$/,
      max: 500,
      source: "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateGuardrail.html",
    },
    blockedOutputsMessaging: {
      pattern: /^[\s\S]+$/,
      max: 500,
      source: "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateGuardrail.html",
    },
  },
  "aws:organizations/policy:Policy": {
    name: {
      pattern: /^[\s\S]+$/,
      max: 128,
      source: "https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreatePolicy.html",
    },
  },
  "aws:cloudtrail/trail:Trail": {
    name: {
      pattern: /^[A-Za-z0-9][\w.-]{1,126}[A-Za-z0-9]$/,
      max: 128,
      source: "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html",
    },
  },
};

/** Every place a run puts an enum-like value, and the values AWS accepts there. */
function enumProblems(type: string, inputs: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const expect = (what: string, value: unknown, allowed: string[]) => {
    if (typeof value !== "string" || !allowed.includes(value)) {
      problems.push(`${what} ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
    }
  };
  const items = (value: unknown): Record<string, unknown>[] =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Record<string, unknown>[];
  if (type === "aws:bedrock/guardrail:Guardrail") {
    for (const content of items(inputs.contentPolicyConfig)) {
      for (const filter of items(content.filtersConfigs)) {
        expect("content filter type", filter.type, SDK_ENUMS.contentFilterType);
        expect("inputStrength", filter.inputStrength, SDK_ENUMS.filterStrength);
        expect("outputStrength", filter.outputStrength, SDK_ENUMS.filterStrength);
      }
    }
    for (const topics of items(inputs.topicPolicyConfig)) {
      for (const topic of items(topics.topicsConfigs)) expect("topic type", topic.type, SDK_ENUMS.topicType);
    }
    for (const sensitive of items(inputs.sensitiveInformationPolicyConfig)) {
      for (const entity of items(sensitive.piiEntitiesConfigs)) {
        expect("PII entity type", entity.type, SDK_ENUMS.piiEntityType);
        expect("PII action", entity.action, SDK_ENUMS.sensitiveInformationAction);
      }
      for (const regex of items(sensitive.regexesConfigs)) {
        expect("regex action", regex.action, SDK_ENUMS.sensitiveInformationAction);
      }
    }
  }
  if (type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration") {
    for (const rule of items(inputs.rules)) {
      for (const transition of [...items(rule.transitions), ...items(rule.noncurrentVersionTransitions)]) {
        expect("storage class", transition.storageClass, SDK_ENUMS.transitionStorageClass);
      }
    }
  }
  if (type === "aws:ec2/vpcEndpoint:VpcEndpoint")
    expect("vpcEndpointType", inputs.vpcEndpointType, SDK_ENUMS.vpcEndpointType);
  return problems;
}

function nameProblems(type: string, inputs: Record<string, unknown>): string[] {
  return Object.entries(NAME_RULES[type] ?? {}).flatMap(([input, rule]) => {
    const value = inputs[input];
    if (value === undefined) return [];
    if (typeof value !== "string") return [`${input} is not a string`];
    const problems: string[] = [];
    if ([...value].length > rule.max)
      problems.push(`${input} "${value}" is over ${rule.max} characters (${rule.source})`);
    if (!rule.pattern.test(value)) problems.push(`${input} "${value}" breaks ${rule.pattern} (${rule.source})`);
    return problems;
  });
}

export interface InputCheck {
  readonly checked: number;
  readonly problems: string[];
}

/** Checks every enum-like value and every name one run declares. */
export function checkInputs(run: ProgramRun): InputCheck {
  let checked = 0;
  const problems: string[] = [];
  for (const resource of run.resources) {
    const found = [...enumProblems(resource.type, resource.inputs), ...nameProblems(resource.type, resource.inputs)];
    if (
      resource.type in NAME_RULES ||
      /guardrail:Guardrail|bucketLifecycle|vpcEndpoint:VpcEndpoint/.test(resource.type)
    )
      checked++;
    problems.push(...found.map((problem) => `${resource.name}: ${problem}`));
  }
  return { checked, problems };
}
