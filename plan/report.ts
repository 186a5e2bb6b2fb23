/**
 * Renders a {@link Plan} as Markdown: what `npm run plan` prints and `plan.md` holds. Pure: the
 * same plan always renders the same text. Sections other modules contribute (the IAM access
 * matrix of access/matrix.ts) come in through `extraSections`.
 */
import {
  alarmScaling,
  alarmScalingText,
  azProfileComparison,
  costLines,
  formatUnitPrice,
  formatUsd,
  interfaceEndpointAzCount,
  setupRunCost,
  summariseCost,
  VPC_ENDPOINT_TYPE,
} from "./cost";
import { HOURS_PER_MONTH, PRICE_TABLE_DATE, PRICES } from "./prices";
import { renderDiagram } from "./diagram";
import { PLAN_MESSAGES, type PlanMessages } from "./messages";
import type { JsonValue, Plan, PlanResource, PlanStack } from "./schema";

/** A report section computed from the plan by another module. */
export interface ReportSection {
  readonly title: string;
  /** Markdown body; the renderer adds the `##` heading. */
  render(plan: Plan): string;
}

export interface ReportOptions {
  /** Appended after the built-in sections, in order. */
  readonly extraSections?: readonly ReportSection[];
}

const ACCOUNT_TITLE: Record<PlanStack["account"], string> = {
  operator: "operator (事業者) account",
  municipality: "municipality (自治体) account",
};

/** `aws:ec2/vpcEndpoint:VpcEndpoint` → `aws.ec2.VpcEndpoint`; other tokens unchanged. */
export function shortType(type: string): string {
  const match = /^aws:([\w-]+)\/\w+:(\w+)$/.exec(type);
  if (match) return `aws.${match[1]}.${match[2]}`;
  if (type.startsWith("pulumi:providers:")) return `provider:${type.slice("pulumi:providers:".length)}`;
  return type;
}

const s = (value: JsonValue | undefined): string => (typeof value === "string" ? value : JSON.stringify(value ?? null));
const onOff = (value: JsonValue | undefined): string => (value === true ? "on" : value === false ? "off" : "unset");
const count = (value: JsonValue | undefined): number => (Array.isArray(value) ? value.length : 0);

/** The few inputs a reviewer checks, per resource type. */
export function keyInputs(resource: Pick<PlanResource, "type" | "inputs">): string {
  const i = resource.inputs;
  switch (resource.type) {
    case "pulumi:providers:aws":
      return `region=${s(i.region)} allowedAccountIds=${s(i.allowedAccountIds)}`;
    case "pulumi:pulumi:StackReference":
      return `reads stack ${s(i.name)}`;
    case "aws:ec2/vpc:Vpc":
      return `cidr=${s(i.cidrBlock)} dnsSupport=${onOff(i.enableDnsSupport)} dnsHostnames=${onOff(i.enableDnsHostnames)}`;
    case "aws:ec2/subnet:Subnet":
      return `cidr=${s(i.cidrBlock)} az=${s(i.availabilityZone)} publicIp=${onOff(i.mapPublicIpOnLaunch)}`;
    case "aws:ec2/routeTable:RouteTable":
      return count(i.routes) === 0 ? "local route only" : `routes=${s(i.routes)}`;
    case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
      return `ingress rules=${count(i.ingress)} egress rules=${count(i.egress)} (emptied)`;
    case "aws:ec2/securityGroup:SecurityGroup":
      return `"${s(i.description)}" inline ingress=${count(i.ingress)} egress=${count(i.egress)}`;
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return `${s(i.ipProtocol)} ${s(i.fromPort)}-${s(i.toPort)} from ${s(i.cidrIpv4 ?? i.prefixListId ?? i.referencedSecurityGroupId)}`;
    case "aws:ec2/managedPrefixList:ManagedPrefixList":
      return `${s(i.addressFamily)} ${(Array.isArray(i.entries) ? i.entries : []).map((e) => s((e as { cidr?: JsonValue }).cidr)).join(", ")}`;
    case VPC_ENDPOINT_TYPE:
      return i.vpcEndpointType === "Gateway"
        ? `${s(i.serviceName)} Gateway routeTables=${count(i.routeTableIds)} policy`
        : `${s(i.serviceName)} Interface privateDns=${onOff(i.privateDnsEnabled)} AZs=${interfaceEndpointAzCount(i)} policy`;
    case "aws:iam/role:Role":
      return `name=${s(i.name)} maxSession=${s(i.maxSessionDuration)}s trust policy`;
    case "aws:iam/rolePolicy:RolePolicy":
      return `name=${s(i.name)} on role ${s(i.role)}`;
    case "aws:iam/instanceProfile:InstanceProfile":
      return `name=${s(i.name)} role=${s(i.role)}`;
    default:
      return "";
  }
}

/** The resource tree, parents before children, children in declaration order. */
export function renderTree(stackName: string, stack: PlanStack): string {
  const root = stack.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const children = new Map<string | null, PlanResource[]>();
  for (const resource of stack.resources) {
    if (resource === root) continue;
    const list = children.get(resource.parent) ?? [];
    list.push(resource);
    children.set(resource.parent, list);
  }
  const lines = [`${root?.name ?? stackName}  pulumi:pulumi:Stack`];
  // Parents are known by name only, and names repeat across types (a subnet and its route
  // table): each name's children are drawn once, under the first resource of that name.
  const drawn = new Set<string | null>();
  const walk = (parent: string | null, prefix: string) => {
    if (drawn.has(parent)) return;
    drawn.add(parent);
    const list = children.get(parent) ?? [];
    list.forEach((resource, index) => {
      const last = index === list.length - 1;
      const details = keyInputs(resource);
      lines.push(
        `${prefix}${last ? "└─ " : "├─ "}${resource.name}  ${shortType(resource.type)}${details ? `  ${details}` : ""}`,
      );
      walk(resource.name, `${prefix}${last ? "   " : "│  "}`);
    });
  };
  walk(null, "");
  return lines.join("\n");
}

export function countsByType(stack: PlanStack): [string, number][] {
  const counts = new Map<string, number>();
  for (const resource of stack.resources) counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function table(header: string[], rows: string[][]): string {
  const esc = (cell: string) => cell.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(esc).join(" | ")} |`),
  ].join("\n");
}

function stackCost(stack: PlanStack) {
  return summariseCost(costLines(stack.resources, String(stack.config.region ?? "")));
}

/** `$40.88`, flagged when a price is unverified and marked a lower bound when something is unpriced. */
function totalText(cost: ReturnType<typeof stackCost>, m: PlanMessages = PLAN_MESSAGES.en): string {
  const flags = [
    ...(cost.usesUnverifiedPrices ? [m.brief.unverifiedPrices] : []),
    ...(cost.unpriced.length > 0 ? [m.brief.notPriced(cost.unpriced.length)] : []),
  ];
  return `${cost.unpriced.length > 0 ? "≥ " : ""}${formatUsd(cost.monthlyMicroUsd)}${flags.length ? ` (${flags.join(", ")})` : ""}`;
}

/** What each deploy phase changes, per stack: documents added, and statements changed. */
export function renderPhases(plan: Plan, m: PlanMessages = PLAN_MESSAGES.en): string {
  if (plan.phases === undefined) return "";
  const lines: string[] = [];
  for (const phase of plan.phases) {
    lines.push(`${phase.step}. ${m.brief.phaseTitles[phase.name]}`);
    for (const [stack, entry] of Object.entries(phase.stacks)) {
      const added = entry.changes.filter((c) => c.change === "added").length;
      const changed = entry.changes.filter((c) => c.change === "changed");
      const removed = entry.changes.filter((c) => c.change === "removed").length;
      const parts = [
        ...(added > 0 ? [m.brief.documentsCreated(added)] : []),
        ...changed.map((c) => `${c.resource}.${c.input} ${c.statements.join(" ")}`),
        ...(removed > 0 ? [m.brief.documentsRemoved(removed)] : []),
      ];
      lines.push(`   ${stack}: ${parts.length > 0 ? parts.join("; ") : m.brief.noDocumentChanges}`);
    }
    for (const clients of phase.clients ?? []) lines.push(`   ${m.brief.clients(clients)}`);
  }
  return lines.join("\n");
}

export interface BriefOptions {
  /** The reader's language (plan/messages.ts); English by default. */
  readonly messages?: PlanMessages;
  /**
   * A stack warning in the reader's language: the plan's own notes have a Japanese text, the
   * program's warnings (pulumi.log.warn) are English only and come back unchanged.
   */
  readonly warning?: (text: string) => string;
}

/**
 * One screen for the terminal: per stack the resource and document counts, the cost and the
 * warnings, what each deploy phase changes, and a last line with the proof's verdict.
 */
export function renderBrief(plan: Plan, verdictLines: readonly string[], options: BriefOptions = {}): string {
  const m = options.messages ?? PLAN_MESSAGES.en;
  const warning = options.warning ?? ((text: string) => text);
  const lines = [m.brief.heading, ""];
  for (const [name, stack] of Object.entries(plan.stacks)) {
    lines.push(
      m.brief.stack({
        name,
        account: m.accounts[stack.account],
        accountId: s(stack.config.accountId),
        region: s(stack.config.region),
        resources: stack.resources.filter((r) => r.custom).length,
        documents: stack.documents.length,
        cost: totalText(stackCost(stack), m),
        warnings: stack.warnings.length,
      }),
    );
    for (const text of stack.warnings) lines.push(`  ! ${warning(text)}`);
  }
  const phases = renderPhases(plan, m);
  if (phases !== "") lines.push("", m.brief.phasesHeading, phases);
  lines.push("", ...verdictLines);
  return lines.join("\n") + "\n";
}

function renderSummary(plan: Plan): string {
  const rows = Object.entries(plan.stacks).map(([name, stack]) => {
    const cost = stackCost(stack);
    return [
      name,
      stack.account,
      s(stack.config.accountId),
      s(stack.config.region),
      String(stack.resources.filter((r) => r.custom).length),
      String(stack.resources.filter((r) => !r.custom).length),
      String(stack.documents.length),
      totalText(cost),
      String(stack.warnings.length),
      stack.configFile,
    ];
  });
  return table(
    [
      "stack",
      "account",
      "AWS account",
      "region",
      "resources",
      "components",
      "IAM documents",
      "fixed cost / month",
      "warnings",
      "config",
    ],
    rows,
  );
}

function renderStack(name: string, stack: PlanStack): string {
  const parts = [
    `## Stack \`${name}\`: ${ACCOUNT_TITLE[stack.account]} ${s(stack.config.accountId)}`,
    "",
    "```text",
    renderTree(name, stack),
    "```",
    "",
    table(
      ["type", "count"],
      countsByType(stack).map(([type, n]) => [`\`${type}\``, String(n)]),
    ),
  ];
  if (stack.warnings.length > 0) {
    parts.push("", "Warnings:", "", ...stack.warnings.map((warning) => `- ${warning}`));
  }
  return parts.join("\n");
}

function renderWiring(plan: Plan): string {
  if (plan.wiring.length === 0) return "No stack reads another stack's outputs.";
  const rows = plan.wiring.map((edge) => [
    `\`${edge.from.stack}\` output \`${edge.from.output}\``,
    `\`${edge.to.stack}\` \`${edge.to.config}\``,
    edge.status,
    edge.value === undefined ? "—" : `\`${s(edge.value)}\``,
    edge.feeds.length === 0 ? "—" : edge.feeds.map((feed) => `\`${feed}\``).join(", "),
    edge.note ?? "",
  ]);
  return [
    "`wired`: the plan passed the value through a StackReference, as on a shared Pulumi backend; " +
      "`given`: the consuming stack has it as explicit config; `absent`: not configured.",
    "",
    table(["from", "to (config)", "status", "value", "lands in", "note"], rows),
  ].join("\n");
}

/** The documents a phase changes, as they are after it (the end state's are under IAM documents). */
function renderPhaseDocuments(plan: Plan): string {
  const parts: string[] = [];
  for (const phase of plan.phases ?? []) {
    for (const [stack, entry] of Object.entries(phase.stacks)) {
      for (const change of entry.changes.filter((c) => c.change === "changed")) {
        const doc = entry.documents.find((d) => d.file === change.file);
        parts.push(
          `### Step ${phase.step}: ${stack} / ${change.resource} · \`${change.input}\` (${change.statements.join(" ")})`,
          "",
          "```json",
          JSON.stringify(doc?.document ?? null, null, 2),
          "```",
          "",
        );
      }
    }
  }
  return parts.join("\n").trimEnd();
}

function renderDocuments(plan: Plan): string {
  const parts: string[] = [];
  for (const [name, stack] of Object.entries(plan.stacks)) {
    for (const doc of stack.documents) {
      parts.push(
        `### ${name} / ${doc.resource} · \`${doc.input}\``,
        "",
        `\`${doc.type}\`, written to \`${doc.file}\``,
        "",
        "```json",
        JSON.stringify(doc.document, null, 2),
        "```",
        "",
      );
    }
  }
  return parts.length === 0 ? "The stacks create no IAM documents." : parts.join("\n").trimEnd();
}

function renderCost(plan: Plan): string {
  const parts: string[] = [
    `Fixed charges only (${HOURS_PER_MONTH} h/month, prices dated ${PRICE_TABLE_DATE} in \`plan/prices.ts\`); ` +
      "usage (Bedrock tokens, GB processed by endpoints) is extra. Resources not listed have no fixed charge.",
    "",
  ];
  for (const [name, stack] of Object.entries(plan.stacks)) {
    const cost = stackCost(stack);
    parts.push(`**${name}** (${stack.account}): ${totalText(cost)} / month`);
    const setup = setupRunCost(stack, cost.monthlyMicroUsd);
    if (setup !== undefined) {
      parts.push(
        "",
        table(
          ["state", "interface endpoints added", "month"],
          [
            ["steady state (this config)", "—", formatUsd(cost.monthlyMicroUsd)],
            [
              "setup run (sessionAccess, codeArtifact.clientReadAccess, smokeTest on)",
              setup.addedEndpoints.join(", ") || "none",
              `${formatUsd(setup.monthlyMicroUsd)} + the smoke-test instance`,
            ],
          ],
        ),
      );
    }
    if (cost.lines.length > 0) {
      parts.push(
        "",
        table(
          ["resource", "priced as", "units", "unit price", "month", "verified"],
          cost.lines.map((line) => [
            line.resource,
            line.priceId,
            String(line.unitsPerHour),
            line.price ? `${formatUnitPrice(line.price.microUsd)} / ${line.price.unit}` : "no price for region",
            line.monthlyMicroUsd === undefined ? "—" : formatUsd(line.monthlyMicroUsd),
            line.price ? (line.price.verified ? "yes" : "**no**") : "—",
          ]),
        ),
      );
    }
    const alarms = alarmScaling(stack.resources, String(stack.config.region ?? ""));
    if (alarms !== undefined) parts.push("", alarmScalingText(alarms));
    if (stack.account === "municipality") {
      const interfaces = stack.resources.filter(
        (r) => r.type === VPC_ENDPOINT_TYPE && r.inputs.vpcEndpointType === "Interface",
      ).length;
      const comparison = azProfileComparison(interfaces, String(stack.config.region ?? ""));
      if (comparison) {
        parts.push(
          "",
          `1-AZ PoC profile vs 2 AZs (${interfaces} interface endpoints): ${formatUsd(comparison.oneAzMicroUsd)} vs ` +
            `${formatUsd(comparison.twoAzMicroUsd)} per month, saving ${formatUsd(comparison.savingMicroUsd)}.`,
        );
      }
    }
    if (cost.unpriced.length > 0) {
      parts.push(
        "",
        `Not priced (no price in the table for region ${s(stack.config.region)}): ${cost.unpriced.map((l) => l.resource).join(", ")}.`,
      );
    }
    parts.push("");
  }
  parts.push(
    "Price table:",
    "",
    table(
      ["price", "region", "USD", "per", "verified", "source (checked)"],
      PRICES.map((price) => [
        price.id,
        price.region,
        formatUnitPrice(price.microUsd),
        price.unit,
        price.verified ? "yes" : "**no**",
        `${price.source} (${price.checked})`,
      ]),
    ),
  );
  return parts.join("\n");
}

export function renderReport(plan: Plan, options: ReportOptions = {}): string {
  const sections = [
    "# bedrock-lz plan",
    "",
    "What `pulumi up` would declare in each account, computed offline: the real program ran under " +
      "Pulumi's mock engine with each stack's config. Nothing was deployed; ids such as `vpce-…` are stable fakes.",
    "",
    renderSummary(plan),
    "",
    ...Object.entries(plan.stacks).flatMap(([name, stack]) => [renderStack(name, stack), ""]),
    ...(plan.phases !== undefined
      ? ["## Deploy phases", "", "```text", renderPhases(plan), "```", "", renderPhaseDocuments(plan), ""]
      : []),
    "## Cross-account wiring",
    "",
    renderWiring(plan),
    "",
    "## IAM documents",
    "",
    renderDocuments(plan),
    "",
    "## Estimated fixed monthly cost",
    "",
    renderCost(plan),
    "",
    "## Diagram",
    "",
    "```mermaid",
    renderDiagram(plan),
    "```",
  ];
  for (const section of options.extraSections ?? []) {
    sections.push("", `## ${section.title}`, "", section.render(plan).trimEnd());
  }
  return sections.join("\n") + "\n";
}
