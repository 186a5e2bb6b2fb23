/**
 * The deploy's critical path: the longest chain of resources that must be created one after the
 * other (each waits for its dependencies, its provider and, for a component's children, nothing
 * more). The engine creates everything else in parallel, so this chain bounds `pulumi up` time.
 */

import type { ProgramRun } from "../harness/mock-engine";

export interface GraphNode {
  /** Unique key (a URN); `label` is what a reader sees. */
  readonly name: string;
  readonly label?: string;
  /** Logical names this resource waits for. */
  readonly dependsOn: readonly string[];
  /** Components and the stack are bookkeeping: they take no time of their own. */
  readonly custom: boolean;
}

/**
 * Longest chain of custom resources, first to last. A Pulumi graph has no cycles; a node met
 * again on the current path is ignored rather than looped on.
 */
export function criticalPath(nodes: readonly GraphNode[]): string[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const memo = new Map<string, string[]>();
  const onPath = new Set<string>();
  const longestEndingAt = (name: string): string[] => {
    const cached = memo.get(name);
    if (cached) return cached;
    const node = byName.get(name);
    if (!node || onPath.has(name)) return [];
    onPath.add(name);
    let best: string[] = [];
    for (const dependency of node.dependsOn) {
      const chain = longestEndingAt(dependency);
      if (chain.length > best.length) best = chain;
    }
    const chain = node.custom ? [...best, name] : best;
    onPath.delete(name);
    memo.set(name, chain);
    return chain;
  };
  let longest: string[] = [];
  for (const node of nodes) {
    const chain = longestEndingAt(node.name);
    if (chain.length > longest.length) longest = chain;
  }
  return longest;
}

/**
 * The critical path of a program run, as `type name` labels. Waiting for a component means
 * waiting for everything inside it, so a component depends on its children.
 */
export function criticalPathOf(run: ProgramRun): string[] {
  const resources = run.resources.filter((resource) => resource.urn !== "");
  const childrenOf = new Map<string, string[]>();
  for (const resource of resources) {
    if (resource.parent === undefined) continue;
    childrenOf.set(resource.parent, [...(childrenOf.get(resource.parent) ?? []), resource.urn]);
  }
  const nodes = resources.map((resource) => ({
    name: resource.urn,
    label: `${resource.type} ${resource.name}`,
    dependsOn: [...resource.options.dependencyUrns, ...(resource.custom ? [] : (childrenOf.get(resource.name) ?? []))],
    custom: resource.custom && resource.type !== "pulumi:pulumi:StackReference",
  }));
  const labels = new Map(nodes.map((node) => [node.name, node.label]));
  return criticalPath(nodes).map((urn) => labels.get(urn) ?? urn);
}
