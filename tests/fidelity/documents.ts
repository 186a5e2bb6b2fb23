/** Every IAM document one program run declares, with the kind AWS validates it as. */
import type { ProgramRun } from "../../harness/mock-engine";
import { normaliseInputs } from "../../plan/documents";
import { type DocumentKind, SIZE_LIMITS } from "./iam-checks";

export interface DeclaredDocument {
  /** `<resource>.<input>` or `outputs.guardrails.<name>`. */
  readonly where: string;
  readonly kind: DocumentKind;
  readonly sizeLimit: number;
  readonly document: unknown;
}

function kindOf(type: string, input: string): { kind: DocumentKind; sizeLimit: number } {
  const kind = ((): DocumentKind => {
    if (type === "aws:iam/role:Role") return input === "assumeRolePolicy" ? "trust" : "identity";
    if (type === "aws:iam/rolePolicy:RolePolicy") return "identity";
    if (type === "aws:iam/policy:Policy") return "managed";
    if (type === "aws:ec2/vpcEndpoint:VpcEndpoint") return "endpoint";
    if (type === "aws:organizations/policy:Policy") return "scp";
    return "resource";
  })();
  const sizeLimit =
    type === "aws:kms/key:Key"
      ? SIZE_LIMITS.keyPolicy
      : type === "aws:s3/bucketPolicy:BucketPolicy"
        ? SIZE_LIMITS.bucketPolicy
        : SIZE_LIMITS[kind];
  return { kind, sizeLimit };
}

const GUARDRAIL_OUTPUT_KINDS: Record<string, DocumentKind> = {
  regionGuardScp: "scp",
  bedrockScp: "scp",
  permissionBoundary: "boundary",
};

export function declaredDocuments(run: ProgramRun): DeclaredDocument[] {
  const found: DeclaredDocument[] = [];
  for (const resource of run.resources) {
    for (const { input, document } of normaliseInputs(resource.type, resource.inputs).documents) {
      found.push({ where: `${resource.name}.${input}`, ...kindOf(resource.type, input), document });
    }
  }
  const guardrails = (run.outputs.guardrails ?? {}) as Record<string, unknown>;
  for (const [name, document] of Object.entries(guardrails)) {
    const kind = GUARDRAIL_OUTPUT_KINDS[name];
    if (kind !== undefined)
      found.push({ where: `outputs.guardrails.${name}`, kind, sizeLimit: SIZE_LIMITS[kind], document });
  }
  return found;
}
