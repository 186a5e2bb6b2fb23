/**
 * The stack configuration's public API. The schema is split by meaning: shared field types
 * (`fields.ts`), one file per stack kind (`operator.ts`, `municipality.ts`), one per optional
 * feature (`features/`), and the error mapper (`errors.ts`) and raw reader (`raw.ts`) that the
 * bootstrap project reuses.
 */
// Every key's `.meta()` must carry its Japanese description too (see meta.ts).
import "./meta";
export { CONFIG_NAMESPACE, ConfigError, type ConfigProblem, configKeyOf, problemsOf } from "./errors";
export { AWS_PROVIDER_KEYS, foreignKeyProblems, rawConfigOf } from "./raw";
export { type StackConfig, parseStackConfig, stackSchema } from "./stack";
export { type MunicipalityPeer, type OperatorConfig } from "./operator";
export { type EndpointSetting, type MunicipalityConfig, type OperatorReference } from "./municipality";
export { type OrganizationsSetting } from "./features/organizations";
export {
  CLOUDWATCH_RETENTION_DAYS,
  type InvocationLoggingSettings,
  type LogArchiveStorageClass,
} from "./features/invocation-logging";
export { type BedrockGuardrailSettings, type GuardrailSettings } from "./features/bedrock-guardrail";
export { type FirstCallNetworkSettings, type UseCaseForm } from "./features/model-access";
export { type CodeArtifactSettings } from "./features/codeartifact";
export { type SmokeTestSettings } from "./features/smoke-test";
export { type CrossStackProblem, crossStackProblems } from "./cross-stack";
