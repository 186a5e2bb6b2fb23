/**
 * One line per configuration key, keyed like `pulumi config set --path` (below `bedrock-lz:`;
 * `region` is `aws:region`). docs/configuration.md is generated from the zod schema plus these
 * lines, and a spec fails when a key of the schema has none or a line names no key.
 */
export const CONFIG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  // Both stacks
  region: "Region of every resource: Tokyo or Osaka only (data stays in Japan). Both stacks must use the same one.",
  accountId:
    "The AWS account this stack deploys into, as a quoted string; the provider refuses any other (`allowedAccountIds`).",
  inferenceProfileId:
    "Japan-only (`jp.`) cross-region inference profile from `infra/catalog.ts`; `apac.`, `global.` and `us.` route abroad and are rejected.",
  tags: "Extra tags on every resource, besides `Project`, `Account`, `Stack` and `ManagedBy`.",
  "permissionBoundary.enabled":
    "Create the guardrail permission boundary (`infra/org-guardrails.ts`) and set it on this stack's roles, for accounts whose organisation is not yours.",
  "organizations.enabled":
    "Create the region-guard and Bedrock SCPs in AWS Organizations through the management account (off: the documents are still stack outputs).",
  "organizations.managementRoleArn":
    "Role in the management account that may manage SCPs; required when `organizations.enabled`.",
  "organizations.targetIds": "Accounts, OUs or the root to attach the SCPs to; defaults to this stack's account.",

  // Operator
  "municipalities.<name>.accountId":
    "The municipality's AWS account; its root is the trust principal, pinned to the client role.",
  "municipalities.<name>.clientRoleName":
    "Only when the municipality overrides its `clientRoleName`; default `bedrock-lz-client-<name>`.",
  "municipalities.<name>.externalId": "`sts:ExternalId` the client must pass on AssumeRole.",
  "municipalities.<name>.bedrockRuntimeEndpointId":
    "Hardening: deny `bedrock:*` unless the call comes through this municipality endpoint (`vpce-…`).",
  "municipalities.<name>.stsEndpointId": "The municipality's STS endpoint, for `lockTrustToStsEndpoint`.",
  "municipalities.<name>.municipalityStack":
    "Hardening from the municipality stack's `endpointIds` output instead of explicit ids (same Pulumi backend).",
  "municipalities.<name>.lockTrustToStsEndpoint":
    "Opt-in: trust only AssumeRole calls through the municipality's STS endpoint (AWS documents network keys in trust policies mainly for federation; test first).",
  "quotas.rolesPerAccount":
    "The account's IAM role quota; more municipalities than this is a config error (raise it with Service Quotas, or split operators).",
  "quotas.trustPolicySize": "The account's trust-policy length quota, if raised with Service Quotas.",
  // Operator production features (docs/operator.md: what each creates, costs and keeps on destroy)
  "invocationLogging.enabled":
    "Model invocation logging: KMS key, CloudWatch log group, S3 bucket, Bedrock logging role and the account's logging configuration for this region.",
  "invocationLogging.logGroupName": "CloudWatch log group of the invocation logs, encrypted with the log key.",
  "invocationLogging.retentionInDays":
    "Days CloudWatch keeps the logs; one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
  "invocationLogging.bucketName":
    "S3 bucket of the invocation logs; default `bedrock-lz-invocation-logs-<account>-<region>`.",
  "invocationLogging.keyPrefix": "Prefix Bedrock writes under in the bucket.",
  "invocationLogging.archiveStorageClass":
    "Class the lifecycle rule moves logs to: `STANDARD_IA` or `INTELLIGENT_TIERING`.",
  "invocationLogging.archiveAfterDays": "Days before the move; at least 30 for `STANDARD_IA`.",
  "invocationLogging.imageDataDelivery": "Also log image data (text is always logged).",
  "invocationLogging.embeddingDataDelivery": "Also log embedding data (text is always logged).",
  "invocationLogging.cloudTrail":
    "A CloudTrail trail (management events, guardrail data events) into the same bucket and key, for accounts without an organisation trail.",
  "dataSafety.protect":
    "Pulumi `protect` on the log key, log group and bucket (always retained on destroy); also blocks `pulumi destroy` until turned off.",
  "modelAccess.enabled":
    "Submit the Anthropic use-case form and accept the model's offer (account-wide, irreversible); needs `useCaseForm`.",
  "modelAccess.useCaseForm.companyName": "Use-case form: the operator's company name.",
  "modelAccess.useCaseForm.companyWebsite": "Use-case form: the company website URL.",
  "modelAccess.useCaseForm.intendedUsers":
    'Use-case form: the console form\'s coded answer, a quoted digit ("0", "1" or "2").',
  "modelAccess.useCaseForm.industryOption": "Use-case form: the industry chosen in the console form.",
  "modelAccess.useCaseForm.otherIndustryOption": "Use-case form: free-text industry when the list has none.",
  "modelAccess.useCaseForm.useCases": "Use-case form: what the models are used for.",
  "modelAccess.firstCallNetwork":
    "Temporary closed VPC with a bedrock-runtime endpoint for a manual first call (billed hourly: remove it afterwards).",
  "guardrail.enabled": "Create a Bedrock guardrail from the maps below and publish a version of it.",
  "guardrail.enforceOnInvokeRoles":
    "Deny every invoke-role call that does not name the published guardrail version (`bedrock:GuardrailIdentifier`); needs `enabled`.",
  "guardrail.blockedInputMessaging": "Message returned when a prompt is blocked.",
  "guardrail.blockedOutputsMessaging": "Message returned when an answer is blocked.",
  "guardrail.contentFilters.<key>.inputStrength":
    "Prompt filter strength for a category (`SEXUAL`, `VIOLENCE`, `HATE`, `INSULTS`, `MISCONDUCT`, `PROMPT_ATTACK`).",
  "guardrail.contentFilters.<key>.outputStrength":
    "Answer filter strength for the category; `NONE` for `PROMPT_ATTACK`.",
  "guardrail.deniedTopics.<key>.definition":
    "What the denied topic covers (Japanese allowed; the key is an ASCII name).",
  "guardrail.deniedTopics.<key>.examples": "Up to five example phrases of the topic.",
  "guardrail.piiEntities": "Map of Bedrock PII entity type (`NAME`, `EMAIL`, `PHONE`, ...) to `BLOCK` or `ANONYMIZE`.",
  "guardrail.piiRegexes.<key>.pattern":
    "Regular expression of a custom sensitive pattern, e.g. the 12-digit マイナンバー.",
  "guardrail.piiRegexes.<key>.action": "`BLOCK` or `ANONYMIZE` when the pattern matches.",
  "guardrail.piiRegexes.<key>.description": "What the pattern finds.",

  // Municipality
  municipalityName: "This municipality's key in the operator's `municipalities` map.",
  clientRoleName:
    "Name of the client role; the operator must use the same (default `bedrock-lz-client-<municipalityName>`).",
  operatorStack:
    "Operator stack to read `invokeRoleArns[<municipalityName>]` from (`<org>/<project>/<stack>`, `organization/<project>/<stack>` or `<stack>`). Exactly one of this and `operatorRoleArn`.",
  operatorRoleArn:
    "The operator's invoke role ARN, when the stacks use different Pulumi backends. Exactly one of this and `operatorStack`.",
  "vpc.cidrBlock": "IPv4 network address of the VPC, /16 to /28; each AZ gets a quarter of it (at least /28).",
  "vpc.availabilityZoneCount":
    "1 for a PoC (interface endpoints cost per AZ-hour), 2-3 for production; Tokyo uses 1a/1c/1d, Osaka 3a/3b/3c.",
  "endpoints.<key>.enabled":
    "Create this endpoint. The Session Manager ones (`ssm`, `ssmmessages`, `ec2messages`) are switched on by `sessionAccess`.",
  "endpoints.<key>.privateDnsEnabled":
    "Resolve the service's public hostname to the endpoint (needed by SDKs and `aws codeartifact login`).",
  "clientRole.trustLambda": "Let Lambda functions use the client role too (EC2 always can).",
  "codeArtifact.domainName": "CodeArtifact domain the endpoint policies (and the mirror) use.",
  "codeArtifact.domainOwner":
    "Account owning the domain; default this account. Another account: the domain is never created here.",
  "codeArtifact.repositoryName": "Repository pip reads from.",
  "codeArtifact.upstreamRepositoryName":
    "Repository holding the `public:pypi` external connection, upstream of `repositoryName`.",
  "codeArtifact.mirror": "Create the repositories (and the domain when this account owns it).",
  "codeArtifact.clientReadAccess":
    "Temporary read policy on the client role for `pip install`: on for setup, off afterwards.",
  "sessionAccess.enabled":
    "Session Manager endpoints and the agent's permissions on the client role (no SSH, no internet).",
  "smokeTest.enabled":
    "A throwaway AL2023 instance that installs boto3 through the mirror and calls Bedrock once at boot.",
  "smokeTest.instanceType": "Instance type of the smoke test (1 GiB or more: dnf and pip run at boot).",
  "smokeTest.prompt": "What the smoke test asks the model.",
  "smokeTest.externalId":
    "The `sts:ExternalId` the operator requires for this municipality (its `municipalities.<name>.externalId`), passed on AssumeRole.",
  "quotas.interfaceEndpointsPerVpc": "The VPC's interface-endpoint quota, if raised with Service Quotas.",
};
