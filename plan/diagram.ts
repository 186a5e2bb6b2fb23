/**
 * A Mermaid flowchart of the plan: each stack's account as a subgraph, the closed VPC with its
 * endpoints and the workload, the operator's invoke roles, and the call path to Bedrock. Built
 * from the plan's resources and outputs only, so a fork's plan draws its own accounts.
 */
import type { Plan, PlanResource, PlanStack } from "./schema";
import { VPC_ENDPOINT_TYPE } from "./cost";

const ROLE_TYPE = "aws:iam/role:Role";
const VPC_TYPE = "aws:ec2/vpc:Vpc";

/** Mermaid node ids: letters, digits and underscores. */
export function nodeId(...parts: string[]): string {
  return parts.join("__").replace(/[^A-Za-z0-9_]/g, "_");
}

/** Quoted Mermaid label; `"` would end the label. */
export function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function roleArnOf(stack: PlanStack, role: PlanResource): string | undefined {
  const accountId = str(stack.config.accountId);
  const name = str(role.inputs.name);
  return accountId && name ? `arn:aws:iam::${accountId}:role/${name}` : undefined;
}

const REGION_NAMES: Record<string, string> = { "ap-northeast-1": "Tokyo", "ap-northeast-3": "Osaka" };

const ACCOUNT_LABEL: Record<PlanStack["account"], string> = {
  operator: "事業者 operator account",
  municipality: "自治体 municipality account",
};

export function renderDiagram(plan: Plan): string {
  const lines = ["flowchart LR"];
  const edges: string[] = [];
  const roleNodes = new Map<string, string>(); // role ARN → node id
  const profiles = new Map<string, string[]>(); // profile id → destination regions

  for (const [stackName, stack] of Object.entries(plan.stacks)) {
    const profile = stack.config.inferenceProfile as { id?: string; destinationRegions?: string[] } | undefined;
    if (profile?.id) profiles.set(profile.id, profile.destinationRegions ?? []);
    lines.push(
      `  subgraph ${nodeId("stack", stackName)}[${label(`${ACCOUNT_LABEL[stack.account]} ${str(stack.config.accountId) ?? ""} · stack ${stackName}`)}]`,
    );
    if (stack.account === "operator") {
      for (const role of stack.resources.filter((r) => r.type === ROLE_TYPE)) {
        const id = nodeId(stackName, role.name);
        const arn = roleArnOf(stack, role);
        if (arn) roleNodes.set(arn, id);
        lines.push(`    ${id}[${label(`IAM role ${str(role.inputs.name) ?? role.name}`)}]`);
      }
    } else {
      const vpc = stack.resources.find((r) => r.type === VPC_TYPE);
      const azs = ((stack.config.vpc as { availabilityZones?: string[] } | undefined)?.availabilityZones ?? []).length;
      const vpcId = nodeId(stackName, vpc?.name ?? "vpc");
      lines.push(
        `    subgraph ${vpcId}[${label(`closed VPC ${str(vpc?.inputs.cidrBlock) ?? ""} · ${azs} AZ · no IGW, no NAT`)}]`,
      );
      const clientRole = str(stack.outputs.clientRoleArn)?.split("/").pop();
      const workload = nodeId(stackName, "workload");
      lines.push(`      ${workload}[${label(`EC2 / Lambda<br/>role ${clientRole ?? "?"}`)}]`);
      const endpointNode = new Map<string, string>();
      for (const endpoint of stack.resources.filter((r) => r.type === VPC_ENDPOINT_TYPE)) {
        const service = (str(endpoint.inputs.serviceName) ?? endpoint.name).split(".").slice(3).join(".");
        const id = nodeId(stackName, endpoint.name);
        endpointNode.set(service, id);
        lines.push(`      ${id}[${label(`VPCE ${service} · ${str(endpoint.inputs.vpcEndpointType) ?? ""}`)}]`);
      }
      lines.push("    end");
      const operatorRole = str(stack.outputs.operatorRoleArn);
      const sts = endpointNode.get("sts");
      const runtime = endpointNode.get("bedrock-runtime");
      if (sts && operatorRole) edges.push(`  ${workload} -->|"sts:AssumeRole"| ${sts} --> ROLE:${operatorRole}`);
      const profileId = str(stack.outputs.inferenceProfileId);
      if (runtime && profileId)
        edges.push(`  ${workload} -->|"InvokeModel / Converse"| ${runtime} --> ${nodeId("bedrock", profileId)}`);
      const s3 = endpointNode.get("s3");
      if (s3)
        edges.push(
          `  ${workload} -->|"dnf"| ${s3} --> ${nodeId(stackName, "al2023_repos")}[${label("S3 AL2023 repositories")}]`,
        );
    }
    lines.push("  end");
  }

  // Roles outside the plan (municipality given an ARN) get a node of their own.
  const resolved = edges.map((edge) =>
    edge.replace(/ROLE:(\S+)$/, (_match, arn: string) => {
      const known = roleNodes.get(arn);
      if (known) return known;
      const id = nodeId("external", arn);
      return `${id}[${label(`operator role ${arn} (not in this plan)`)}]`;
    }),
  );
  for (const [id, regions] of profiles) {
    const bedrock = nodeId("bedrock", id);
    lines.push(`  ${bedrock}[${label(`Amazon Bedrock, called with the operator's credentials<br/>${id}`)}]`);
    for (const region of regions)
      lines.push(
        `  ${bedrock} --> ${nodeId("region", region)}[${label(`${region} ${REGION_NAMES[region] ?? ""}`.trim())}]`,
      );
  }
  for (const [arn, id] of roleNodes) {
    const stack = Object.values(plan.stacks).find(
      (s) => s.account === "operator" && arn.includes(`::${str(s.config.accountId)}:`),
    );
    // Only invoke roles may call the profile; the logging role is Bedrock's, not a caller's.
    const invokeRoles = Object.values((stack?.outputs.invokeRoleArns ?? {}) as Record<string, unknown>);
    const profileId = str(stack?.outputs.inferenceProfileId);
    if (profileId && invokeRoles.includes(arn))
      resolved.push(`  ${id} -.->|"allows only"| ${nodeId("bedrock", profileId)}`);
  }
  return [...lines, ...resolved].join("\n");
}
