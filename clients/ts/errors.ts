/**
 * Turns the failures seen on the way from a closed VPC to Bedrock into a message that names the
 * fix. Pure: it reads only the error's name, message and network code.
 */

export type SmokeStage = "assume-role" | "invoke";

export type FailureKind =
  | "no-credentials"
  | "endpoint-unresolvable"
  | "endpoint-unreachable"
  | "assume-role-denied"
  | "model-access-not-granted"
  | "guardrail-missing"
  | "invoke-denied"
  | "unexpected";

export interface ClassifiedFailure {
  readonly kind: FailureKind;
  /** One paragraph: what failed and what to change. */
  readonly message: string;
}

export interface FailureContext {
  readonly stage: SmokeStage;
  readonly roleArn: string;
  readonly region: string;
  readonly modelId: string;
  /** Whether the request named a guardrail (`--guardrail-arn`); unknown counts as sent. */
  readonly guardrailSent?: boolean;
}

interface ErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly hostname?: unknown;
  readonly cause?: unknown;
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN"]);
const CONNECT_CODES = new Set(["ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH"]);

/** Bedrock answers these when the operator account has not been granted the model. */
const MODEL_ACCESS_PATTERNS = [
  /don't have access to the model/i,
  /model access/i,
  /aws-marketplace/i,
  /use case (details|form)/i,
];

export function hostOf(context: FailureContext): string {
  return context.stage === "assume-role"
    ? `sts.${context.region}.amazonaws.com`
    : `bedrock-runtime.${context.region}.amazonaws.com`;
}

function endpointKeyOf(context: FailureContext): string {
  return context.stage === "assume-role" ? "sts" : "bedrock-runtime";
}

/** The Node network code, also when the SDK wraps the socket error in `cause`. */
function networkCode(error: ErrorShape): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as ErrorShape).code;
    if (typeof code === "string" && (DNS_CODES.has(code) || CONNECT_CODES.has(code))) return code;
    current = (current as ErrorShape).cause;
  }
  return undefined;
}

export function classifySmokeError(error: unknown, context: FailureContext): ClassifiedFailure {
  const shape: ErrorShape = typeof error === "object" && error !== null ? (error as ErrorShape) : {};
  const name = typeof shape.name === "string" ? shape.name : "";
  const message = typeof shape.message === "string" ? shape.message : String(error);
  const host = hostOf(context);
  const endpoint = endpointKeyOf(context);
  const code = networkCode(shape);

  if (name === "CredentialsProviderError") {
    return {
      kind: "no-credentials",
      message:
        `No AWS credentials to call AssumeRole with: ${message} Run this where the municipality's client role ` +
        `is the ambient identity (an instance with the client instance profile), or point AWS_PROFILE at it.`,
    };
  }
  if (code !== undefined && DNS_CODES.has(code)) {
    return {
      kind: "endpoint-unresolvable",
      message:
        `${host} does not resolve (${code}). Run this inside the closed VPC, with the ${endpoint} interface ` +
        `endpoint enabled and private DNS on (bedrock-lz:endpoints.${endpoint}), and the VPC's DNS support and ` +
        `hostnames on. Outside the VPC, check your network's DNS.`,
    };
  }
  if ((code !== undefined && CONNECT_CODES.has(code)) || name === "TimeoutError") {
    return {
      kind: "endpoint-unreachable",
      message:
        `${host} resolves but does not answer (${code ?? name}). Allow HTTPS (443) from this instance's security ` +
        `group to the endpoint security group (municipality stack output endpointSecurityGroupId).`,
    };
  }
  if (context.stage === "assume-role" && name === "AccessDenied") {
    return {
      kind: "assume-role-denied",
      message:
        `AssumeRole on ${context.roleArn} was denied: ${message} Check, in order: the operator stack lists this ` +
        `municipality (bedrock-lz:municipalities.<name>.accountId) so its invoke role trusts this account's client ` +
        `role; you are running as that client role (instance profile); --external-id matches the operator's ` +
        `externalId; the STS endpoint policy allows sts:AssumeRole on that ARN (bedrock-lz:operatorRoleArn).`,
    };
  }
  if (
    context.stage === "invoke" &&
    (name === "AccessDeniedException" || name === "ResourceNotFoundException" || name === "ValidationException") &&
    MODEL_ACCESS_PATTERNS.some((pattern) => pattern.test(message))
  ) {
    return {
      kind: "model-access-not-granted",
      message:
        `The operator account has no access to the model behind ${context.modelId}: ${message} The operator ` +
        `grants it once (Anthropic first-use form and model agreement, the operator stack's model-access toggle), ` +
        `in every destination region of the JP profile (ap-northeast-1 and ap-northeast-3).`,
    };
  }
  // The invoke role's explicit denies are the endpoint lock and, when the operator enforces one,
  // "no guardrail named": a request without a guardrail is the likelier cause.
  if (
    context.stage === "invoke" &&
    name === "AccessDeniedException" &&
    context.guardrailSent === false &&
    /explicit deny/i.test(message)
  ) {
    return {
      kind: "guardrail-missing",
      message:
        `Converse on ${context.modelId} was denied by an explicit deny and the request named no guardrail: ${message} ` +
        `If the operator enforces a guardrail (operator output guardrailEnforced), pass --guardrail-arn and ` +
        `--guardrail-version (the ARN, not the id: municipality stack output guardrail, or --stack-outputs). ` +
        `Otherwise the deny is the endpoint lock: call through this VPC's bedrock-runtime endpoint.`,
    };
  }
  if (context.stage === "invoke" && name === "AccessDeniedException") {
    return {
      kind: "invoke-denied",
      message:
        `Converse on ${context.modelId} was denied for ${context.roleArn}: ${message} Check the invoke role's ` +
        `policy in the operator account allows the profile in ${context.region} and its foundation models; the ` +
        `bedrock-runtime endpoint policy here names the same role; and, if the operator has locked the role to ` +
        `this VPC's endpoint, that the call goes through it (not from a laptop); and, if the operator enforces a ` +
        `guardrail, that --guardrail-arn/--guardrail-version name its current published version.`,
    };
  }
  return {
    kind: "unexpected",
    message: `${context.stage === "assume-role" ? "AssumeRole" : "Converse"} failed: ${name || "Error"}: ${message}`,
  };
}
