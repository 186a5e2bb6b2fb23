/**
 * Turns the failures seen on the way from a closed VPC to Bedrock into a message that names the
 * fix, in the reader's language (the texts are in ./messages). Pure: it reads only the error's
 * name, message and network code.
 */
import { type FailureKind, type Lang, MESSAGES } from "./messages";

export type { FailureKind } from "./messages";

export type SmokeStage = "assume-role" | "invoke";

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

export function classifySmokeError(error: unknown, context: FailureContext, lang: Lang = "en"): ClassifiedFailure {
  const shape: ErrorShape = typeof error === "object" && error !== null ? (error as ErrorShape) : {};
  const name = typeof shape.name === "string" ? shape.name : "";
  const message = typeof shape.message === "string" ? shape.message : String(error);
  const code = networkCode(shape);
  const kind = kindOf(name, message, code, context);
  const text = MESSAGES[lang][kind]({
    message,
    name: name || "Error",
    call: context.stage === "assume-role" ? "AssumeRole" : "Converse",
    host: hostOf(context),
    endpoint: endpointKeyOf(context),
    code: code ?? name,
    roleArn: context.roleArn,
    region: context.region,
    modelId: context.modelId,
  });
  return { kind, message: text };
}

function kindOf(name: string, message: string, code: string | undefined, context: FailureContext): FailureKind {
  if (name === "CredentialsProviderError") return "no-credentials";
  if (code !== undefined && DNS_CODES.has(code)) return "endpoint-unresolvable";
  if ((code !== undefined && CONNECT_CODES.has(code)) || name === "TimeoutError") return "endpoint-unreachable";
  if (context.stage === "assume-role" && name === "AccessDenied") return "assume-role-denied";
  if (
    context.stage === "invoke" &&
    (name === "AccessDeniedException" || name === "ResourceNotFoundException" || name === "ValidationException") &&
    MODEL_ACCESS_PATTERNS.some((pattern) => pattern.test(message))
  ) {
    return "model-access-not-granted";
  }
  // The invoke role's explicit denies are the endpoint lock and, when the operator enforces one,
  // "no guardrail named": a request without a guardrail is the likelier cause.
  if (
    context.stage === "invoke" &&
    name === "AccessDeniedException" &&
    context.guardrailSent === false &&
    /explicit deny/i.test(message)
  ) {
    return "guardrail-missing";
  }
  if (context.stage === "invoke" && name === "AccessDeniedException") return "invoke-denied";
  return "unexpected";
}
