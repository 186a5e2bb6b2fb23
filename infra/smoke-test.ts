/**
 * The smoke-test instance (toggle `smokeTest.enabled`): what the manual build (docs/design.md §1) did on an EC2
 * instance in the closed VPC, as a boot script. dnf installs pip through the S3 gateway endpoint,
 * `aws codeartifact login` points pip at the mirror, pip installs boto3, and
 * `/opt/bedrock-lz/smoke.py` assumes the operator role and calls Converse once.
 * Pure builders; the Python source is `clients/python/smoke.py`, embedded verbatim.
 */
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CodeArtifactSettings, codeArtifactLoginArgs } from "./codeartifact";
import type { EndpointKey } from "./endpoints";
import type { GuardrailReference } from "./bedrock-guardrail";
import { PROGRAM_WARNINGS } from "./warnings";

export type CpuArchitecture = "x86_64" | "arm64";

/**
 * Types the smoke instance may use. Nano sizes (0.5 GiB, no swap) are left out: dnf's metadata
 * and pip run at boot and would risk the OOM killer for a saving of about $0.005 an hour.
 * t3.micro is the default because x86 t3 is offered in every AZ of both Japan regions.
 */
export const SMOKE_INSTANCE_TYPES = {
  "t3.micro": "x86_64",
  "t3.small": "x86_64",
  "t4g.micro": "arm64",
  "t4g.small": "arm64",
} as const satisfies Record<string, CpuArchitecture>;

export type SmokeInstanceType = keyof typeof SMOKE_INSTANCE_TYPES;

export const DEFAULT_SMOKE_PROMPT = "こんにちは。一文で自己紹介してください。";

/** AWS's public SSM parameter with the latest Amazon Linux 2023 AMI for the architecture. */
export function al2023AmiParameter(instanceType: SmokeInstanceType): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${SMOKE_INSTANCE_TYPES[instanceType]}`;
}

/** Where the boot script puts the client; the runbook calls these paths. */
export const SMOKE_DIRECTORY = "/opt/bedrock-lz";
export const SMOKE_SCRIPT_PATH = `${SMOKE_DIRECTORY}/smoke.py`;
/** Wrapper with this stack's role ARN, region and profile baked in: `sudo /opt/bedrock-lz/smoke`. */
export const SMOKE_WRAPPER_PATH = `${SMOKE_DIRECTORY}/smoke`;

/** The Python client in this repository, the one the instance runs. */
export const PYTHON_SMOKE_SOURCE = join(__dirname, "..", "clients", "python", "smoke.py");

export function readPythonSmokeSource(path: string = PYTHON_SMOKE_SOURCE): string {
  return readFileSync(path, "utf8");
}

export interface SmokeUserDataArgs {
  readonly region: string;
  readonly operatorRoleArn: string;
  /** The operator's `sts:ExternalId`, when its trust policy requires one. */
  readonly externalId?: string;
  /**
   * What Converse is called with: the municipality stack's output `modelId` (its application
   * inference profile ARN when the operator meters, else the `jp.` profile id).
   */
  readonly modelId: string;
  readonly prompt: string;
  readonly codeArtifact: CodeArtifactSettings;
  /** Contents of clients/python/smoke.py. */
  readonly pythonSource: string;
  /** The guardrail the operator enforces on the invoke role: the call must name it. */
  readonly guardrail?: GuardrailReference;
}

/** Heredoc terminator of the compressed source (base64 never contains it). */
const PYTHON_HEREDOC = "BEDROCK_LZ_SMOKE_PY";
const WRAPPER_HEREDOC = "BEDROCK_LZ_SMOKE_WRAPPER";

/**
 * POSIX shell quoting: words of safe characters stay bare (readable user data), anything else is
 * single-quoted. Hand-written: a few lines do not justify a dependency.
 */
export function shellQuote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The instance's cloud-init user data: a bash script. Runs once, as root, at first boot;
 * `userDataReplaceOnChange` on the instance makes a changed script a new instance.
 */
export function smokeUserData(args: SmokeUserDataArgs): string {
  const source = args.pythonSource.endsWith("\n") ? args.pythonSource : `${args.pythonSource}\n`;
  const login = codeArtifactLoginArgs(args.region, args.codeArtifact).map(shellQuote).join(" ");
  const wrapperArgs = [
    "--region",
    args.region,
    "--role-arn",
    args.operatorRoleArn,
    "--model-id",
    args.modelId,
    ...(args.externalId !== undefined ? ["--external-id", args.externalId] : []),
    ...(args.guardrail !== undefined
      ? ["--guardrail-arn", args.guardrail.arn, "--guardrail-version", args.guardrail.version]
      : []),
  ]
    .map(shellQuote)
    .join(" ");
  return [
    "#!/bin/bash",
    "# bedrock-lz smoke test (docs/municipality.md). Output: /var/log/cloud-init-output.log and the",
    "# instance's console output.",
    "set -euo pipefail",
    `export AWS_REGION=${shellQuote(args.region)}`,
    // Older SDKs default to the global STS hostname, which has no endpoint in this VPC.
    "export AWS_STS_REGIONAL_ENDPOINTS=regional",
    "",
    "# pip from the Amazon Linux 2023 repositories, through the S3 gateway endpoint.",
    "dnf install -y python3-pip",
    "",
    "# pip's index becomes the CodeArtifact mirror. IAM changes made by the same deployment can take",
    "# a minute to reach CodeArtifact, so the login is retried.",
    "for attempt in 1 2 3 4 5 6 7 8 9 10; do",
    `  if ${login}; then break; fi`,
    '  if [ "$attempt" = 10 ]; then echo "bedrock-lz: CodeArtifact login failed" >&2; exit 1; fi',
    "  sleep 15",
    "done",
    "python3 -m pip install boto3",
    "",
    `install -d -m 0755 ${SMOKE_DIRECTORY}`,
    // clients/python/smoke.py, gzip-compressed: EC2 takes 16 KB of user data, and the client's
    // messages in two languages (Japanese is 3 bytes a character) would not fit as plain text.
    `base64 -d <<'${PYTHON_HEREDOC}' | gunzip > ${SMOKE_SCRIPT_PATH}`,
    `${compressedSource(source)}${PYTHON_HEREDOC}`,
    `cat > ${SMOKE_WRAPPER_PATH} <<'${WRAPPER_HEREDOC}'`,
    "#!/bin/sh",
    `exec python3 ${SMOKE_SCRIPT_PATH} ${wrapperArgs} "$@"`,
    WRAPPER_HEREDOC,
    `chmod 0755 ${SMOKE_SCRIPT_PATH} ${SMOKE_WRAPPER_PATH}`,
    "",
    "# Once at boot, so the result is in the console output even without a session.",
    `if ${SMOKE_WRAPPER_PATH} --prompt ${shellQuote(args.prompt)}; then`,
    '  echo "bedrock-lz: smoke test passed"',
    "else",
    '  echo "bedrock-lz: smoke test FAILED (see the message above)" >&2',
    "fi",
    "",
  ].join("\n");
}

/**
 * The source gzip-compressed (deterministic: no file name, no time stamp, so an unchanged client
 * is an unchanged instance) and base64-encoded in lines of 76 characters.
 */
export function compressedSource(source: string): string {
  const encoded = gzipSync(Buffer.from(source), { level: 9 }).toString("base64");
  return `${encoded.match(/.{1,76}/g)!.join("\n")}\n`;
}

/** What the smoke instance's boot script relies on, so a missing piece is named before boot. */
export interface SmokePrerequisiteInputs {
  readonly endpoints: Readonly<Record<EndpointKey, { readonly enabled: boolean }>>;
  readonly codeArtifact: Pick<CodeArtifactSettings, "clientReadAccess">;
}

/** Each endpoint and the boot script's step that needs it (a command or API call, said as it is in every language). */
const SMOKE_ENDPOINTS: readonly [EndpointKey, string][] = [
  ["s3", "dnf install python3-pip"],
  ["codeartifact.api", "aws codeartifact login"],
  ["codeartifact.repositories", "pip install boto3"],
  ["sts", "sts:AssumeRole"],
  ["bedrock-runtime", "Converse"],
];

/** One line per missing prerequisite; empty when the boot script can succeed. */
export function missingSmokePrerequisites(inputs: SmokePrerequisiteInputs): string[] {
  const missing = SMOKE_ENDPOINTS.filter(([key]) => !inputs.endpoints[key].enabled).map(([key, step]) =>
    PROGRAM_WARNINGS.smokeEndpointOff({ key, step }),
  );
  if (!inputs.codeArtifact.clientReadAccess) missing.push(PROGRAM_WARNINGS.smokeReadAccessOff);
  return missing;
}
