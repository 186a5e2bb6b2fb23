/**
 * Which AWS API call and member each Pulumi resource input becomes: the fidelity gate
 * (api-inputs.ts) checks every recorded input against that member's constraints in
 * infra/api-models/api-models.json, and fails on a resource type or an input path this table does not
 * name, so nothing reaches AWS unchecked.
 *
 * Every entry is by hand: Pulumi's AWS provider is the bridged terraform-provider-aws, and the
 * mapping was read from its resource sources (`source`, a path in
 * https://github.com/hashicorp/terraform-provider-aws) — which operation it calls on create (and
 * update), and which request member each argument fills. The gate checks that every member named
 * here exists in the model, so a typo or a model change fails loudly instead of checking nothing.
 *
 * Paths: Pulumi inputs as recorded by the mock engine, `a.b` for nested objects and `a[]` for each
 * element of a list; API members likewise, plus `m{}` for a map's values (infra/api-models).
 */

/** One value sent as one request member; `cfn` names a CloudFormation property that constrains the same value. */
export interface MemberTarget {
  readonly kind: "member";
  /** `service:Operation`, botocore's names. */
  readonly call: string;
  readonly member: string;
  readonly cfn?: string;
}

/**
 * A Pulumi map sent as key/value pairs: `tags` (merged with the provider's default tags, as the
 * provider does, and checked against the tagging member's rules) or another map (CloudWatch
 * dimensions). `member` is a list of structures (`key`, `value` name their members) or a map.
 */
export interface PairsTarget {
  readonly kind: "tags" | "pairs";
  readonly call: string;
  readonly member: string;
  readonly key: string;
  readonly value: string;
}

/** An input the provider keeps to itself (a lifecycle switch) or sends as a constant it chose. */
export interface NotSent {
  readonly kind: "notSent";
  readonly why: string;
}

/**
 * A member filled with an id AWS assigns to another resource at create time (its output): the mock
 * engine's stand-in for it is not in AWS's format, so only the member's existence is checked.
 */
export interface Assigned {
  readonly kind: "assigned";
  readonly call: string;
  readonly member: string;
}

export type InputTarget = MemberTarget | PairsTarget | NotSent | Assigned;

export interface TypeMapping {
  /** The botocore service the provider calls, for the region facts. */
  readonly service: string;
  /** The CloudFormation type of the same resource, when there is one: its per-region availability and schema. */
  readonly cfnType?: string;
  /** The provider source the mapping was read from (terraform-provider-aws). */
  readonly source: string;
  /** Pulumi input path → where it goes. */
  readonly inputs: Readonly<Record<string, InputTarget>>;
}

const member = (call: string, path: string, cfn?: string): MemberTarget => ({
  kind: "member",
  call,
  member: path,
  cfn,
});
const notSent = (why: string): NotSent => ({ kind: "notSent", why });
const assigned = (call: string, path: string): Assigned => ({ kind: "assigned", call, member: path });
/** Tags as a list of `{ key, value }` structures (or a map, when the member is one). */
const tags = (call: string, path: string, key = "Key", value = "Value"): PairsTarget => ({
  kind: "tags",
  call,
  member: path,
  key,
  value,
});
const ec2Tags = (call: string) => tags(`ec2:${call}`, "TagSpecifications[].Tags");

const LIFECYCLE = "a provider-side lifecycle switch, not part of any request";

export const API_MAPPING: Readonly<Record<string, TypeMapping>> = {
  "aws:bedrock/guardrail:Guardrail": {
    service: "bedrock",
    cfnType: "AWS::Bedrock::Guardrail",
    source: "internal/service/bedrock/guardrail.go",
    inputs: {
      name: member("bedrock:CreateGuardrail", "name", "Name"),
      description: member("bedrock:CreateGuardrail", "description", "Description"),
      blockedInputMessaging: member("bedrock:CreateGuardrail", "blockedInputMessaging", "BlockedInputMessaging"),
      blockedOutputsMessaging: member("bedrock:CreateGuardrail", "blockedOutputsMessaging", "BlockedOutputsMessaging"),
      "contentPolicyConfig.filtersConfigs[].type": member(
        "bedrock:CreateGuardrail",
        "contentPolicyConfig.filtersConfig[].type",
      ),
      "contentPolicyConfig.filtersConfigs[].inputStrength": member(
        "bedrock:CreateGuardrail",
        "contentPolicyConfig.filtersConfig[].inputStrength",
      ),
      "contentPolicyConfig.filtersConfigs[].outputStrength": member(
        "bedrock:CreateGuardrail",
        "contentPolicyConfig.filtersConfig[].outputStrength",
      ),
      "topicPolicyConfig.topicsConfigs[].name": member(
        "bedrock:CreateGuardrail",
        "topicPolicyConfig.topicsConfig[].name",
        "TopicConfig.Name",
      ),
      "topicPolicyConfig.topicsConfigs[].definition": member(
        "bedrock:CreateGuardrail",
        "topicPolicyConfig.topicsConfig[].definition",
        "TopicConfig.Definition",
      ),
      "topicPolicyConfig.topicsConfigs[].examples[]": member(
        "bedrock:CreateGuardrail",
        "topicPolicyConfig.topicsConfig[].examples[]",
        "TopicConfig.Examples",
      ),
      "topicPolicyConfig.topicsConfigs[].type": member(
        "bedrock:CreateGuardrail",
        "topicPolicyConfig.topicsConfig[].type",
      ),
      "sensitiveInformationPolicyConfig.piiEntitiesConfigs[].type": member(
        "bedrock:CreateGuardrail",
        "sensitiveInformationPolicyConfig.piiEntitiesConfig[].type",
      ),
      "sensitiveInformationPolicyConfig.piiEntitiesConfigs[].action": member(
        "bedrock:CreateGuardrail",
        "sensitiveInformationPolicyConfig.piiEntitiesConfig[].action",
      ),
      "sensitiveInformationPolicyConfig.regexesConfigs[].name": member(
        "bedrock:CreateGuardrail",
        "sensitiveInformationPolicyConfig.regexesConfig[].name",
        "RegexConfig.Name",
      ),
      "sensitiveInformationPolicyConfig.regexesConfigs[].pattern": member(
        "bedrock:CreateGuardrail",
        "sensitiveInformationPolicyConfig.regexesConfig[].pattern",
        "RegexConfig.Pattern",
      ),
      "sensitiveInformationPolicyConfig.regexesConfigs[].description": member(
        "bedrock:CreateGuardrail",
        "sensitiveInformationPolicyConfig.regexesConfig[].description",
        "RegexConfig.Description",
      ),
      "sensitiveInformationPolicyConfig.regexesConfigs[].action": member(
        "bedrock:CreateGuardrail",
        "sensitiveInformationPolicyConfig.regexesConfig[].action",
      ),
      tags: tags("bedrock:CreateGuardrail", "tags", "key", "value"),
    },
  },
  "aws:bedrock/guardrailVersion:GuardrailVersion": {
    service: "bedrock",
    cfnType: "AWS::Bedrock::GuardrailVersion",
    source: "internal/service/bedrock/guardrail_version.go",
    inputs: {
      guardrailArn: assigned("bedrock:CreateGuardrailVersion", "guardrailIdentifier"),
      description: member("bedrock:CreateGuardrailVersion", "description", "Description"),
      skipDestroy: notSent(LIFECYCLE),
    },
  },
  "aws:bedrock/inferenceProfile:InferenceProfile": {
    service: "bedrock",
    cfnType: "AWS::Bedrock::ApplicationInferenceProfile",
    source: "internal/service/bedrock/inference_profile.go",
    inputs: {
      name: member("bedrock:CreateInferenceProfile", "inferenceProfileName", "InferenceProfileName"),
      description: member("bedrock:CreateInferenceProfile", "description", "Description"),
      "modelSource.copyFrom": member("bedrock:CreateInferenceProfile", "modelSource.copyFrom"),
      tags: tags("bedrock:CreateInferenceProfile", "tags", "key", "value"),
    },
  },
  "aws:bedrock/useCaseForModelAccess:UseCaseForModelAccess": {
    service: "bedrock",
    source: "internal/service/bedrock/use_case_for_model_access.go",
    inputs: { formData: member("bedrock:PutUseCaseForModelAccess", "formData") },
  },
  "aws:bedrockfoundation/modelAgreement:ModelAgreement": {
    service: "bedrock",
    source: "internal/service/bedrock/foundation_model_agreement.go",
    inputs: {
      modelId: member("bedrock:CreateFoundationModelAgreement", "modelId"),
      offerToken: member("bedrock:CreateFoundationModelAgreement", "offerToken"),
    },
  },
  "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration": {
    service: "bedrock",
    source: "internal/service/bedrock/model_invocation_logging_configuration.go",
    inputs: {
      "loggingConfig.cloudwatchConfig.logGroupName": member(
        "bedrock:PutModelInvocationLoggingConfiguration",
        "loggingConfig.cloudWatchConfig.logGroupName",
      ),
      "loggingConfig.cloudwatchConfig.roleArn": member(
        "bedrock:PutModelInvocationLoggingConfiguration",
        "loggingConfig.cloudWatchConfig.roleArn",
      ),
      "loggingConfig.s3Config.bucketName": member(
        "bedrock:PutModelInvocationLoggingConfiguration",
        "loggingConfig.s3Config.bucketName",
      ),
      "loggingConfig.s3Config.keyPrefix": member(
        "bedrock:PutModelInvocationLoggingConfiguration",
        "loggingConfig.s3Config.keyPrefix",
      ),
      "loggingConfig.textDataDeliveryEnabled": member(
        "bedrock:PutModelInvocationLoggingConfiguration",
        "loggingConfig.textDataDeliveryEnabled",
      ),
      "loggingConfig.imageDataDeliveryEnabled": member(
        "bedrock:PutModelInvocationLoggingConfiguration",
        "loggingConfig.imageDataDeliveryEnabled",
      ),
      "loggingConfig.embeddingDataDeliveryEnabled": member(
        "bedrock:PutModelInvocationLoggingConfiguration",
        "loggingConfig.embeddingDataDeliveryEnabled",
      ),
    },
  },
  // CreateBudget, then one CreateNotification per notification (budget.go, createBudgetNotifications).
  "aws:budgets/budget:Budget": {
    service: "budgets",
    cfnType: "AWS::Budgets::Budget",
    source: "internal/service/budgets/budget.go",
    inputs: {
      name: member("budgets:CreateBudget", "Budget.BudgetName"),
      budgetType: member("budgets:CreateBudget", "Budget.BudgetType"),
      timeUnit: member("budgets:CreateBudget", "Budget.TimeUnit"),
      limitAmount: member("budgets:CreateBudget", "Budget.BudgetLimit.Amount"),
      limitUnit: member("budgets:CreateBudget", "Budget.BudgetLimit.Unit"),
      "costFilters[].name": member("budgets:CreateBudget", "Budget.CostFilters{key}"),
      "costFilters[].values[]": member("budgets:CreateBudget", "Budget.CostFilters{}[]"),
      "notifications[].comparisonOperator": member("budgets:CreateNotification", "Notification.ComparisonOperator"),
      "notifications[].notificationType": member("budgets:CreateNotification", "Notification.NotificationType"),
      "notifications[].threshold": member(
        "budgets:CreateNotification",
        "Notification.Threshold",
        "Notification.Threshold",
      ),
      "notifications[].thresholdType": member("budgets:CreateNotification", "Notification.ThresholdType"),
      // One subscriber per address, so the list is the request's Subscribers list.
      "notifications[].subscriberEmailAddresses": member("budgets:CreateNotification", "Subscribers"),
      "notifications[].subscriberEmailAddresses[]": member("budgets:CreateNotification", "Subscribers[].Address"),
      tags: tags("budgets:CreateBudget", "ResourceTags"),
    },
  },
  // CreateTrail, PutEventSelectors (advanced selectors), StartLogging.
  "aws:cloudtrail/trail:Trail": {
    service: "cloudtrail",
    cfnType: "AWS::CloudTrail::Trail",
    source: "internal/service/cloudtrail/trail.go",
    inputs: {
      name: member("cloudtrail:CreateTrail", "Name", "TrailName"),
      s3BucketName: member("cloudtrail:CreateTrail", "S3BucketName"),
      s3KeyPrefix: member("cloudtrail:CreateTrail", "S3KeyPrefix", "S3KeyPrefix"),
      kmsKeyId: member("cloudtrail:CreateTrail", "KmsKeyId"),
      includeGlobalServiceEvents: member("cloudtrail:CreateTrail", "IncludeGlobalServiceEvents"),
      isMultiRegionTrail: member("cloudtrail:CreateTrail", "IsMultiRegionTrail"),
      enableLogFileValidation: member("cloudtrail:CreateTrail", "EnableLogFileValidation"),
      "advancedEventSelectors[].name": member(
        "cloudtrail:PutEventSelectors",
        "AdvancedEventSelectors[].Name",
        "AdvancedEventSelector.Name",
      ),
      "advancedEventSelectors[].fieldSelectors[].field": member(
        "cloudtrail:PutEventSelectors",
        "AdvancedEventSelectors[].FieldSelectors[].Field",
        "AdvancedFieldSelector.Field",
      ),
      "advancedEventSelectors[].fieldSelectors[].equals[]": member(
        "cloudtrail:PutEventSelectors",
        "AdvancedEventSelectors[].FieldSelectors[].Equals[]",
        "AdvancedFieldSelector.Equals",
      ),
      tags: tags("cloudtrail:CreateTrail", "TagsList"),
    },
  },
  "aws:cloudwatch/dashboard:Dashboard": {
    service: "cloudwatch",
    cfnType: "AWS::CloudWatch::Dashboard",
    source: "internal/service/cloudwatch/dashboard.go",
    inputs: {
      dashboardName: member("cloudwatch:PutDashboard", "DashboardName"),
      dashboardBody: member("cloudwatch:PutDashboard", "DashboardBody"),
    },
  },
  // CreateLogGroup, then PutRetentionPolicy.
  "aws:cloudwatch/logGroup:LogGroup": {
    service: "logs",
    cfnType: "AWS::Logs::LogGroup",
    source: "internal/service/logs/group.go",
    inputs: {
      name: member("logs:CreateLogGroup", "logGroupName", "LogGroupName"),
      kmsKeyId: member("logs:CreateLogGroup", "kmsKeyId", "KmsKeyId"),
      retentionInDays: member("logs:PutRetentionPolicy", "retentionInDays", "RetentionInDays"),
      tags: tags("logs:CreateLogGroup", "tags"),
    },
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    service: "cloudwatch",
    cfnType: "AWS::CloudWatch::Alarm",
    source: "internal/service/cloudwatch/metric_alarm.go",
    inputs: {
      name: member("cloudwatch:PutMetricAlarm", "AlarmName", "AlarmName"),
      alarmDescription: member("cloudwatch:PutMetricAlarm", "AlarmDescription", "AlarmDescription"),
      comparisonOperator: member("cloudwatch:PutMetricAlarm", "ComparisonOperator"),
      threshold: member("cloudwatch:PutMetricAlarm", "Threshold"),
      evaluationPeriods: member("cloudwatch:PutMetricAlarm", "EvaluationPeriods", "EvaluationPeriods"),
      treatMissingData: member("cloudwatch:PutMetricAlarm", "TreatMissingData", "TreatMissingData"),
      "alarmActions[]": member("cloudwatch:PutMetricAlarm", "AlarmActions[]"),
      "okActions[]": member("cloudwatch:PutMetricAlarm", "OKActions[]"),
      namespace: member("cloudwatch:PutMetricAlarm", "Namespace", "Namespace"),
      metricName: member("cloudwatch:PutMetricAlarm", "MetricName", "MetricName"),
      statistic: member("cloudwatch:PutMetricAlarm", "Statistic", "Statistic"),
      period: member("cloudwatch:PutMetricAlarm", "Period", "Period"),
      dimensions: {
        kind: "pairs",
        call: "cloudwatch:PutMetricAlarm",
        member: "Dimensions",
        key: "Name",
        value: "Value",
      },
      "metricQueries[].id": member("cloudwatch:PutMetricAlarm", "Metrics[].Id", "MetricDataQuery.Id"),
      "metricQueries[].expression": member("cloudwatch:PutMetricAlarm", "Metrics[].Expression"),
      "metricQueries[].label": member("cloudwatch:PutMetricAlarm", "Metrics[].Label"),
      "metricQueries[].returnData": member("cloudwatch:PutMetricAlarm", "Metrics[].ReturnData"),
      "metricQueries[].period": member("cloudwatch:PutMetricAlarm", "Metrics[].Period"),
      "metricQueries[].metric.namespace": member("cloudwatch:PutMetricAlarm", "Metrics[].MetricStat.Metric.Namespace"),
      "metricQueries[].metric.metricName": member(
        "cloudwatch:PutMetricAlarm",
        "Metrics[].MetricStat.Metric.MetricName",
      ),
      "metricQueries[].metric.stat": member("cloudwatch:PutMetricAlarm", "Metrics[].MetricStat.Stat"),
      "metricQueries[].metric.period": member("cloudwatch:PutMetricAlarm", "Metrics[].MetricStat.Period"),
      "metricQueries[].metric.dimensions": {
        kind: "pairs",
        call: "cloudwatch:PutMetricAlarm",
        member: "Metrics[].MetricStat.Metric.Dimensions",
        key: "Name",
        value: "Value",
      },
      tags: tags("cloudwatch:PutMetricAlarm", "Tags"),
    },
  },
  "aws:codeartifact/domain:Domain": {
    service: "codeartifact",
    cfnType: "AWS::CodeArtifact::Domain",
    source: "internal/service/codeartifact/domain.go",
    inputs: {
      domain: member("codeartifact:CreateDomain", "domain", "DomainName"),
      tags: tags("codeartifact:CreateDomain", "tags", "key", "value"),
    },
  },
  "aws:codeartifact/domainPermissions:DomainPermissions": {
    service: "codeartifact",
    source: "internal/service/codeartifact/domain_permissions_policy.go",
    inputs: {
      domain: member("codeartifact:PutDomainPermissionsPolicy", "domain"),
      domainOwner: member("codeartifact:PutDomainPermissionsPolicy", "domainOwner"),
      policyDocument: member("codeartifact:PutDomainPermissionsPolicy", "policyDocument"),
    },
  },
  // CreateRepository, then AssociateExternalConnection for the external connection.
  "aws:codeartifact/repository:Repository": {
    service: "codeartifact",
    cfnType: "AWS::CodeArtifact::Repository",
    source: "internal/service/codeartifact/repository.go",
    inputs: {
      domain: member("codeartifact:CreateRepository", "domain", "DomainName"),
      domainOwner: member("codeartifact:CreateRepository", "domainOwner", "DomainOwner"),
      repository: member("codeartifact:CreateRepository", "repository", "RepositoryName"),
      description: member("codeartifact:CreateRepository", "description", "Description"),
      "upstreams[].repositoryName": member("codeartifact:CreateRepository", "upstreams[].repositoryName"),
      "externalConnections.externalConnectionName": member(
        "codeartifact:AssociateExternalConnection",
        "externalConnection",
      ),
      tags: tags("codeartifact:CreateRepository", "tags", "key", "value"),
    },
  },
  "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy": {
    service: "codeartifact",
    source: "internal/service/codeartifact/repository_permissions_policy.go",
    inputs: {
      domain: member("codeartifact:PutRepositoryPermissionsPolicy", "domain"),
      domainOwner: member("codeartifact:PutRepositoryPermissionsPolicy", "domainOwner"),
      repository: member("codeartifact:PutRepositoryPermissionsPolicy", "repository"),
      policyDocument: member("codeartifact:PutRepositoryPermissionsPolicy", "policyDocument"),
    },
  },
  // The VPC's default group is adopted: found by VPC, its rules revoked, tagged (default_security_group.go).
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
    service: "ec2",
    cfnType: "AWS::EC2::SecurityGroup",
    source: "internal/service/ec2/vpc_default_security_group.go",
    inputs: {
      vpcId: member("ec2:DescribeSecurityGroups", "Filters[].Values[]"),
      "ingress[]": notSent("empty: the provider revokes every existing ingress rule (RevokeSecurityGroupIngress)"),
      "egress[]": notSent("empty: the provider revokes every existing egress rule (RevokeSecurityGroupEgress)"),
      tags: tags("ec2:CreateTags", "Tags"),
    },
  },
  "aws:ec2/instance:Instance": {
    service: "ec2",
    cfnType: "AWS::EC2::Instance",
    source: "internal/service/ec2/ec2_instance.go",
    inputs: {
      ami: member("ec2:RunInstances", "ImageId"),
      instanceType: member("ec2:RunInstances", "InstanceType", "InstanceType"),
      subnetId: member("ec2:RunInstances", "SubnetId"),
      "vpcSecurityGroupIds[]": member("ec2:RunInstances", "SecurityGroupIds[]"),
      iamInstanceProfile: member("ec2:RunInstances", "IamInstanceProfile.Name"),
      associatePublicIpAddress: member("ec2:RunInstances", "NetworkInterfaces[].AssociatePublicIpAddress"),
      "creditSpecification.cpuCredits": member("ec2:RunInstances", "CreditSpecification.CpuCredits"),
      "metadataOptions.httpEndpoint": member(
        "ec2:RunInstances",
        "MetadataOptions.HttpEndpoint",
        "MetadataOptions.HttpEndpoint",
      ),
      "metadataOptions.httpTokens": member(
        "ec2:RunInstances",
        "MetadataOptions.HttpTokens",
        "MetadataOptions.HttpTokens",
      ),
      "metadataOptions.httpPutResponseHopLimit": member(
        "ec2:RunInstances",
        "MetadataOptions.HttpPutResponseHopLimit",
        "MetadataOptions.HttpPutResponseHopLimit",
      ),
      "metadataOptions.instanceMetadataTags": member("ec2:RunInstances", "MetadataOptions.InstanceMetadataTags"),
      monitoring: member("ec2:RunInstances", "Monitoring.Enabled"),
      "rootBlockDevice.deleteOnTermination": member(
        "ec2:RunInstances",
        "BlockDeviceMappings[].Ebs.DeleteOnTermination",
      ),
      "rootBlockDevice.encrypted": member("ec2:RunInstances", "BlockDeviceMappings[].Ebs.Encrypted"),
      "rootBlockDevice.volumeType": member(
        "ec2:RunInstances",
        "BlockDeviceMappings[].Ebs.VolumeType",
        "Ebs.VolumeType",
      ),
      // Sent base64-encoded; the model puts no limit on it.
      userData: member("ec2:RunInstances", "UserData"),
      userDataReplaceOnChange: notSent(LIFECYCLE),
      tags: ec2Tags("RunInstances"),
    },
  },
  "aws:ec2/routeTable:RouteTable": {
    service: "ec2",
    cfnType: "AWS::EC2::RouteTable",
    source: "internal/service/ec2/vpc_route_table.go",
    inputs: { vpcId: member("ec2:CreateRouteTable", "VpcId"), tags: ec2Tags("CreateRouteTable") },
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    service: "ec2",
    cfnType: "AWS::EC2::SubnetRouteTableAssociation",
    source: "internal/service/ec2/vpc_route_table_association.go",
    inputs: {
      routeTableId: member("ec2:AssociateRouteTable", "RouteTableId"),
      subnetId: member("ec2:AssociateRouteTable", "SubnetId"),
    },
  },
  // Existing-VPC mode: the VPC's IPv4 blocks, for the endpoints' ingress rule. CreateManagedPrefixList,
  // then ModifyManagedPrefixList (entries and maxEntries) when the blocks change.
  "aws:ec2/managedPrefixList:ManagedPrefixList": {
    service: "ec2",
    cfnType: "AWS::EC2::PrefixList",
    source: "internal/service/ec2/vpc_managed_prefix_list.go",
    inputs: {
      name: member("ec2:CreateManagedPrefixList", "PrefixListName", "PrefixListName"),
      addressFamily: member("ec2:CreateManagedPrefixList", "AddressFamily", "AddressFamily"),
      maxEntries: member("ec2:CreateManagedPrefixList", "MaxEntries", "MaxEntries"),
      "entries[].cidr": member("ec2:CreateManagedPrefixList", "Entries[].Cidr", "Entry.Cidr"),
      "entries[].description": member("ec2:CreateManagedPrefixList", "Entries[].Description", "Entry.Description"),
      tags: ec2Tags("CreateManagedPrefixList"),
    },
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    service: "ec2",
    cfnType: "AWS::EC2::SecurityGroup",
    source: "internal/service/ec2/vpc_security_group.go",
    inputs: {
      description: member("ec2:CreateSecurityGroup", "Description", "GroupDescription"),
      vpcId: member("ec2:CreateSecurityGroup", "VpcId"),
      tags: ec2Tags("CreateSecurityGroup"),
    },
  },
  // CreateSubnet, then ModifySubnetAttribute for mapPublicIpOnLaunch.
  "aws:ec2/subnet:Subnet": {
    service: "ec2",
    cfnType: "AWS::EC2::Subnet",
    source: "internal/service/ec2/vpc_subnet.go",
    inputs: {
      vpcId: member("ec2:CreateSubnet", "VpcId"),
      cidrBlock: member("ec2:CreateSubnet", "CidrBlock"),
      availabilityZone: member("ec2:CreateSubnet", "AvailabilityZone"),
      mapPublicIpOnLaunch: member("ec2:ModifySubnetAttribute", "MapPublicIpOnLaunch.Value"),
      tags: ec2Tags("CreateSubnet"),
    },
  },
  // CreateVpc, then ModifyVpcAttribute for each DNS switch.
  "aws:ec2/vpc:Vpc": {
    service: "ec2",
    cfnType: "AWS::EC2::VPC",
    source: "internal/service/ec2/vpc_.go",
    inputs: {
      cidrBlock: member("ec2:CreateVpc", "CidrBlock"),
      enableDnsHostnames: member("ec2:ModifyVpcAttribute", "EnableDnsHostnames.Value"),
      enableDnsSupport: member("ec2:ModifyVpcAttribute", "EnableDnsSupport.Value"),
      tags: ec2Tags("CreateVpc"),
    },
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint": {
    service: "ec2",
    cfnType: "AWS::EC2::VPCEndpoint",
    source: "internal/service/ec2/vpc_endpoint.go",
    inputs: {
      vpcId: member("ec2:CreateVpcEndpoint", "VpcId"),
      serviceName: member("ec2:CreateVpcEndpoint", "ServiceName"),
      vpcEndpointType: member("ec2:CreateVpcEndpoint", "VpcEndpointType", "VpcEndpointType"),
      policy: member("ec2:CreateVpcEndpoint", "PolicyDocument"),
      privateDnsEnabled: member("ec2:CreateVpcEndpoint", "PrivateDnsEnabled"),
      "routeTableIds[]": member("ec2:CreateVpcEndpoint", "RouteTableIds[]"),
      "subnetIds[]": member("ec2:CreateVpcEndpoint", "SubnetIds[]"),
      "securityGroupIds[]": member("ec2:CreateVpcEndpoint", "SecurityGroupIds[]"),
      tags: ec2Tags("CreateVpcEndpoint"),
    },
  },
  "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": {
    service: "ec2",
    source: "internal/service/ec2/vpc_endpoint_policy.go",
    inputs: {
      vpcEndpointId: member("ec2:ModifyVpcEndpoint", "VpcEndpointId"),
      policy: member("ec2:ModifyVpcEndpoint", "PolicyDocument"),
    },
  },
  // CreateInstanceProfile, then AddRoleToInstanceProfile.
  "aws:iam/instanceProfile:InstanceProfile": {
    service: "iam",
    cfnType: "AWS::IAM::InstanceProfile",
    source: "internal/service/iam/instance_profile.go",
    inputs: {
      name: member("iam:CreateInstanceProfile", "InstanceProfileName", "InstanceProfileName"),
      role: member("iam:AddRoleToInstanceProfile", "RoleName"),
      tags: tags("iam:CreateInstanceProfile", "Tags"),
    },
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
    service: "iam",
    cfnType: "AWS::IAM::OIDCProvider",
    source: "internal/service/iam/openid_connect_provider.go",
    inputs: {
      url: member("iam:CreateOpenIDConnectProvider", "Url", "Url"),
      "clientIdLists[]": member("iam:CreateOpenIDConnectProvider", "ClientIDList[]", "ClientIdList"),
      "thumbprintLists[]": member("iam:CreateOpenIDConnectProvider", "ThumbprintList[]", "ThumbprintList"),
      tags: tags("iam:CreateOpenIDConnectProvider", "Tags"),
    },
  },
  "aws:iam/policy:Policy": {
    service: "iam",
    cfnType: "AWS::IAM::ManagedPolicy",
    source: "internal/service/iam/policy.go",
    inputs: {
      name: member("iam:CreatePolicy", "PolicyName"),
      description: member("iam:CreatePolicy", "Description", "Description"),
      policy: member("iam:CreatePolicy", "PolicyDocument", "PolicyDocument"),
      tags: tags("iam:CreatePolicy", "Tags"),
    },
  },
  "aws:iam/role:Role": {
    service: "iam",
    cfnType: "AWS::IAM::Role",
    source: "internal/service/iam/role.go",
    inputs: {
      name: member("iam:CreateRole", "RoleName", "RoleName"),
      assumeRolePolicy: member("iam:CreateRole", "AssumeRolePolicyDocument", "AssumeRolePolicyDocument"),
      description: member("iam:CreateRole", "Description", "Description"),
      maxSessionDuration: member("iam:CreateRole", "MaxSessionDuration", "MaxSessionDuration"),
      permissionsBoundary: member("iam:CreateRole", "PermissionsBoundary", "PermissionsBoundary"),
      tags: tags("iam:CreateRole", "Tags"),
    },
  },
  "aws:iam/rolePolicy:RolePolicy": {
    service: "iam",
    cfnType: "AWS::IAM::RolePolicy",
    source: "internal/service/iam/role_policy.go",
    inputs: {
      name: member("iam:PutRolePolicy", "PolicyName", "PolicyName"),
      role: member("iam:PutRolePolicy", "RoleName", "RoleName"),
      policy: member("iam:PutRolePolicy", "PolicyDocument", "PolicyDocument"),
    },
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    service: "iam",
    cfnType: "AWS::IAM::Role",
    source: "internal/service/iam/role_policy_attachment.go",
    inputs: {
      role: member("iam:AttachRolePolicy", "RoleName"),
      policyArn: member("iam:AttachRolePolicy", "PolicyArn"),
    },
  },
  "aws:kms/alias:Alias": {
    service: "kms",
    cfnType: "AWS::KMS::Alias",
    source: "internal/service/kms/alias.go",
    inputs: {
      name: member("kms:CreateAlias", "AliasName", "AliasName"),
      targetKeyId: member("kms:CreateAlias", "TargetKeyId", "TargetKeyId"),
    },
  },
  // CreateKey, EnableKeyRotation; the deletion window is sent on delete (ScheduleKeyDeletion).
  "aws:kms/key:Key": {
    service: "kms",
    cfnType: "AWS::KMS::Key",
    source: "internal/service/kms/key.go",
    inputs: {
      description: member("kms:CreateKey", "Description", "Description"),
      policy: member("kms:CreateKey", "Policy"),
      enableKeyRotation: notSent("true: the provider calls EnableKeyRotation, whose request carries only the key id"),
      deletionWindowInDays: member("kms:ScheduleKeyDeletion", "PendingWindowInDays", "PendingWindowInDays"),
      tags: tags("kms:CreateKey", "Tags", "TagKey", "TagValue"),
    },
  },
  "aws:organizations/policy:Policy": {
    service: "organizations",
    cfnType: "AWS::Organizations::Policy",
    source: "internal/service/organizations/policy.go",
    inputs: {
      name: member("organizations:CreatePolicy", "Name"),
      description: member("organizations:CreatePolicy", "Description"),
      content: member("organizations:CreatePolicy", "Content"),
      type: member("organizations:CreatePolicy", "Type"),
      tags: tags("organizations:CreatePolicy", "Tags"),
    },
  },
  "aws:organizations/policyAttachment:PolicyAttachment": {
    service: "organizations",
    cfnType: "AWS::Organizations::Policy",
    source: "internal/service/organizations/policy_attachment.go",
    inputs: {
      policyId: assigned("organizations:AttachPolicy", "PolicyId"),
      targetId: member("organizations:AttachPolicy", "TargetId"),
    },
  },
  // CreateBucket, then PutBucketTagging.
  "aws:s3/bucket:Bucket": {
    service: "s3",
    cfnType: "AWS::S3::Bucket",
    source: "internal/service/s3/bucket.go",
    inputs: {
      bucket: member("s3:CreateBucket", "Bucket", "BucketName"),
      forceDestroy: notSent(LIFECYCLE),
      tags: tags("s3:PutBucketTagging", "Tagging.TagSet"),
    },
  },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    service: "s3",
    cfnType: "AWS::S3::Bucket",
    source: "internal/service/s3/bucket_lifecycle_configuration.go",
    inputs: {
      bucket: member("s3:PutBucketLifecycleConfiguration", "Bucket"),
      "rules[].id": member("s3:PutBucketLifecycleConfiguration", "LifecycleConfiguration.Rules[].ID"),
      "rules[].status": member("s3:PutBucketLifecycleConfiguration", "LifecycleConfiguration.Rules[].Status"),
      "rules[].filter.prefix": member(
        "s3:PutBucketLifecycleConfiguration",
        "LifecycleConfiguration.Rules[].Filter.Prefix",
      ),
      "rules[].abortIncompleteMultipartUpload.daysAfterInitiation": member(
        "s3:PutBucketLifecycleConfiguration",
        "LifecycleConfiguration.Rules[].AbortIncompleteMultipartUpload.DaysAfterInitiation",
      ),
      "rules[].transitions[].days": member(
        "s3:PutBucketLifecycleConfiguration",
        "LifecycleConfiguration.Rules[].Transitions[].Days",
      ),
      "rules[].transitions[].storageClass": member(
        "s3:PutBucketLifecycleConfiguration",
        "LifecycleConfiguration.Rules[].Transitions[].StorageClass",
      ),
      "rules[].noncurrentVersionTransitions[].noncurrentDays": member(
        "s3:PutBucketLifecycleConfiguration",
        "LifecycleConfiguration.Rules[].NoncurrentVersionTransitions[].NoncurrentDays",
      ),
      "rules[].noncurrentVersionTransitions[].storageClass": member(
        "s3:PutBucketLifecycleConfiguration",
        "LifecycleConfiguration.Rules[].NoncurrentVersionTransitions[].StorageClass",
      ),
    },
  },
  "aws:s3/bucketPolicy:BucketPolicy": {
    service: "s3",
    cfnType: "AWS::S3::BucketPolicy",
    source: "internal/service/s3/bucket_policy.go",
    inputs: {
      bucket: member("s3:PutBucketPolicy", "Bucket"),
      policy: member("s3:PutBucketPolicy", "Policy"),
    },
  },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    service: "s3",
    cfnType: "AWS::S3::Bucket",
    source: "internal/service/s3/bucket_public_access_block.go",
    inputs: {
      bucket: member("s3:PutPublicAccessBlock", "Bucket"),
      blockPublicAcls: member("s3:PutPublicAccessBlock", "PublicAccessBlockConfiguration.BlockPublicAcls"),
      blockPublicPolicy: member("s3:PutPublicAccessBlock", "PublicAccessBlockConfiguration.BlockPublicPolicy"),
      ignorePublicAcls: member("s3:PutPublicAccessBlock", "PublicAccessBlockConfiguration.IgnorePublicAcls"),
      restrictPublicBuckets: member("s3:PutPublicAccessBlock", "PublicAccessBlockConfiguration.RestrictPublicBuckets"),
    },
  },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    service: "s3",
    cfnType: "AWS::S3::Bucket",
    source: "internal/service/s3/bucket_server_side_encryption_configuration.go",
    inputs: {
      bucket: member("s3:PutBucketEncryption", "Bucket"),
      "rules[].applyServerSideEncryptionByDefault.sseAlgorithm": member(
        "s3:PutBucketEncryption",
        "ServerSideEncryptionConfiguration.Rules[].ApplyServerSideEncryptionByDefault.SSEAlgorithm",
      ),
      "rules[].applyServerSideEncryptionByDefault.kmsMasterKeyId": member(
        "s3:PutBucketEncryption",
        "ServerSideEncryptionConfiguration.Rules[].ApplyServerSideEncryptionByDefault.KMSMasterKeyID",
      ),
      "rules[].bucketKeyEnabled": member(
        "s3:PutBucketEncryption",
        "ServerSideEncryptionConfiguration.Rules[].BucketKeyEnabled",
      ),
    },
  },
  "aws:s3/bucketVersioning:BucketVersioning": {
    service: "s3",
    cfnType: "AWS::S3::Bucket",
    source: "internal/service/s3/bucket_versioning.go",
    inputs: {
      bucket: member("s3:PutBucketVersioning", "Bucket"),
      "versioningConfiguration.status": member("s3:PutBucketVersioning", "VersioningConfiguration.Status"),
    },
  },
  "aws:sns/topic:Topic": {
    service: "sns",
    cfnType: "AWS::SNS::Topic",
    source: "internal/service/sns/topic.go",
    inputs: {
      name: member("sns:CreateTopic", "Name"),
      kmsMasterKeyId: member("sns:CreateTopic", "Attributes{}"),
      tags: tags("sns:CreateTopic", "Tags"),
    },
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    service: "sns",
    cfnType: "AWS::SNS::TopicPolicy",
    source: "internal/service/sns/topic_policy.go",
    inputs: {
      arn: member("sns:SetTopicAttributes", "TopicArn"),
      policy: member("sns:SetTopicAttributes", "AttributeValue"),
    },
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    service: "sns",
    cfnType: "AWS::SNS::Subscription",
    source: "internal/service/sns/topic_subscription.go",
    inputs: {
      topic: member("sns:Subscribe", "TopicArn"),
      protocol: member("sns:Subscribe", "Protocol"),
      endpoint: member("sns:Subscribe", "Endpoint"),
    },
  },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
    service: "ec2",
    cfnType: "AWS::EC2::SecurityGroupEgress",
    source: "internal/service/ec2/vpc_security_group_egress_rule.go",
    inputs: {
      securityGroupId: member("ec2:AuthorizeSecurityGroupEgress", "GroupId"),
      ipProtocol: member("ec2:AuthorizeSecurityGroupEgress", "IpPermissions[].IpProtocol"),
      fromPort: member("ec2:AuthorizeSecurityGroupEgress", "IpPermissions[].FromPort", "FromPort"),
      toPort: member("ec2:AuthorizeSecurityGroupEgress", "IpPermissions[].ToPort", "ToPort"),
      cidrIpv4: member("ec2:AuthorizeSecurityGroupEgress", "IpPermissions[].IpRanges[].CidrIp"),
      prefixListId: member("ec2:AuthorizeSecurityGroupEgress", "IpPermissions[].PrefixListIds[].PrefixListId"),
      referencedSecurityGroupId: member(
        "ec2:AuthorizeSecurityGroupEgress",
        "IpPermissions[].UserIdGroupPairs[].GroupId",
      ),
      // One description per rule, sent on whichever source it names; the security-group rule
      // description rules (CloudFormation's GroupDescription pattern) are the same.
      description: member("ec2:AuthorizeSecurityGroupEgress", "IpPermissions[].IpRanges[].Description"),
      tags: ec2Tags("AuthorizeSecurityGroupEgress"),
    },
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
    service: "ec2",
    cfnType: "AWS::EC2::SecurityGroupIngress",
    source: "internal/service/ec2/vpc_security_group_ingress_rule.go",
    inputs: {
      securityGroupId: member("ec2:AuthorizeSecurityGroupIngress", "GroupId"),
      ipProtocol: member("ec2:AuthorizeSecurityGroupIngress", "IpPermissions[].IpProtocol"),
      fromPort: member("ec2:AuthorizeSecurityGroupIngress", "IpPermissions[].FromPort", "FromPort"),
      toPort: member("ec2:AuthorizeSecurityGroupIngress", "IpPermissions[].ToPort", "ToPort"),
      cidrIpv4: member("ec2:AuthorizeSecurityGroupIngress", "IpPermissions[].IpRanges[].CidrIp"),
      prefixListId: member("ec2:AuthorizeSecurityGroupIngress", "IpPermissions[].PrefixListIds[].PrefixListId"),
      referencedSecurityGroupId: member(
        "ec2:AuthorizeSecurityGroupIngress",
        "IpPermissions[].UserIdGroupPairs[].GroupId",
      ),
      description: member("ec2:AuthorizeSecurityGroupIngress", "IpPermissions[].IpRanges[].Description"),
      tags: ec2Tags("AuthorizeSecurityGroupIngress"),
    },
  },
};

/**
 * The explicit provider: with `assumeRoles` it calls STS AssumeRole before anything else (the
 * organisation's management role). Its other inputs configure the provider itself.
 */
export const PROVIDER_TYPE = "pulumi:providers:aws";
export const PROVIDER_MAPPING: Readonly<Record<string, InputTarget>> = {
  region: notSent("selects the endpoint; checked by the region facts"),
  allowedAccountIds: notSent("compared with the caller's account, not sent"),
  defaultTags: notSent("merged into every taggable resource's tags, checked there"),
  skipCredentialsValidation: notSent("a provider switch"),
  skipRegionValidation: notSent("a provider switch"),
  "assumeRoles[].roleArn": member("sts:AssumeRole", "RoleArn"),
  "assumeRoles[].sessionName": member("sts:AssumeRole", "RoleSessionName"),
  "assumeRoles[].externalId": member("sts:AssumeRole", "ExternalId"),
};

/** Types that are no AWS resource: the program's components, the stack, stack references. */
export function isAwsResourceType(type: string): boolean {
  return type.startsWith("aws:");
}

/**
 * The data sources (invokes) the program reads through, and the request member each input fills:
 * they send user-derived values too (an existing VPC's ids, the model id).
 */
export const INVOKE_MAPPING: Readonly<Record<string, Readonly<Record<string, InputTarget>>>> = {
  "aws:ssm/getParameter:getParameter": {
    name: member("ssm:GetParameter", "Name"),
    withDecryption: member("ssm:GetParameter", "WithDecryption"),
  },
  "aws:ec2/getPrefixList:getPrefixList": {
    name: member("ec2:DescribeManagedPrefixLists", "Filters[].Values[]"),
  },
  "aws:ec2/getVpc:getVpc": { id: member("ec2:DescribeVpcs", "VpcIds[]") },
  "aws:ec2/getSubnet:getSubnet": { id: member("ec2:DescribeSubnets", "SubnetIds[]") },
  "aws:bedrockfoundation/getModelAgreementOffers:getModelAgreementOffers": {
    modelId: member("bedrock:ListFoundationModelAgreementOffers", "modelId"),
    offerType: member("bedrock:ListFoundationModelAgreementOffers", "offerType"),
  },
};
