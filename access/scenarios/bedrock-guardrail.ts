/**
 * The Bedrock guardrail enforced on the invoke roles (guardrail.enforceOnInvokeRoles, docs/operator.md):
 * every invoke must name the published guardrail version the operator pins, and the JP-profile
 * rules stay in force. None when the input has no guarded operator run.
 */
import type { MatrixIds, Scenario } from "../types";
import { scenarioFacts } from "./facts";

export function bedrockGuardrailScenarios(ids: MatrixIds): Scenario[] {
  if (ids.guardrailIdentifier === undefined) return [];
  const { profile, fm, viaProfile, invoke, stream } = scenarioFacts(ids);
  const guardrailArn = ids.guardrailIdentifier.slice(0, ids.guardrailIdentifier.lastIndexOf(":"));
  const version = Number(ids.guardrailIdentifier.slice(ids.guardrailIdentifier.lastIndexOf(":") + 1));
  const guarded = {
    phase: "guarded" as const,
    caller: "operator-session" as const,
    resource: profile,
    region: ids.region,
    path: "bedrock-endpoint" as const,
    guardrails: "scp+boundary" as const,
  };
  return [
    {
      id: "R01",
      title: "with guardrail enforcement: invoke naming the enforced guardrail version",
      expected: "Allowed",
      action: invoke,
      context: { "bedrock:GuardrailIdentifier": ids.guardrailIdentifier },
      ...guarded,
    },
    {
      id: "R02",
      title: "with guardrail enforcement: streaming naming the enforced guardrail version",
      expected: "Allowed",
      action: stream,
      context: { "bedrock:GuardrailIdentifier": ids.guardrailIdentifier },
      ...guarded,
    },
    {
      id: "R03",
      title: "with guardrail enforcement: invoke without a guardrail",
      expected: "Denied",
      action: invoke,
      ...guarded,
    },
    {
      id: "R04",
      title: "with guardrail enforcement: streaming without a guardrail",
      expected: "Denied",
      action: stream,
      ...guarded,
    },
    {
      id: "R05",
      title: "with guardrail enforcement: invoke naming another version of the guardrail",
      expected: "Denied",
      action: invoke,
      context: { "bedrock:GuardrailIdentifier": `${guardrailArn}:${Number.isNaN(version) ? 2 : version + 1}` },
      ...guarded,
    },
    {
      id: "R10",
      title: "with guardrail enforcement: invoke naming another guardrail of the account at the enforced version",
      expected: "Denied",
      action: invoke,
      context: {
        "bedrock:GuardrailIdentifier": `${guardrailArn.slice(0, guardrailArn.lastIndexOf("/"))}/anotherguard1${ids.guardrailIdentifier.slice(ids.guardrailIdentifier.lastIndexOf(":"))}`,
      },
      ...guarded,
    },
    {
      id: "R07",
      title: "with guardrail enforcement: the operator role applies the enforced guardrail via the endpoint",
      expected: "Allowed",
      action: "bedrock:ApplyGuardrail",
      ...guarded,
      resource: guardrailArn,
    },
    {
      id: "R08",
      title: "with guardrail enforcement: the operator role applies another guardrail of its account",
      expected: "Denied",
      action: "bedrock:ApplyGuardrail",
      ...guarded,
      resource: `${guardrailArn.slice(0, guardrailArn.lastIndexOf("/"))}/anotherguard1`,
    },
    {
      id: "R09",
      title: "operator admin applies the enforced guardrail through the municipality's endpoint",
      expected: "Denied",
      action: "bedrock:ApplyGuardrail",
      ...guarded,
      caller: "operator-admin",
      guardrails: "none",
      resource: guardrailArn,
    },
    {
      id: "R06",
      title: "with guardrail enforcement: foundation model through the JP profile without a guardrail",
      expected: "Denied",
      action: invoke,
      context: viaProfile,
      ...guarded,
      resource: fm(ids.region),
    },
  ];
}
