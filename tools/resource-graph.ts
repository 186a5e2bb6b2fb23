/**
 * The deploy's critical path: the longest chain of resources that must be created one after the
 * other (each waits for its dependencies, its provider and, for a component's children, nothing
 * more). The engine creates everything else in parallel, so this chain bounds `pulumi up` time.
 */

export interface GraphNode {
  readonly name: string;
  /** Logical names this resource waits for. */
  readonly dependsOn: readonly string[];
  /** Components and the stack are bookkeeping: they take no time of their own. */
  readonly custom: boolean;
}

/** Longest chain of custom resources, first to last. Cycles are impossible in a Pulumi graph. */
export function criticalPath(nodes: readonly GraphNode[]): string[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const memo = new Map<string, string[]>();
  const longestEndingAt = (name: string): string[] => {
    const cached = memo.get(name);
    if (cached) return cached;
    const node = byName.get(name);
    if (!node) return [];
    let best: string[] = [];
    for (const dependency of node.dependsOn) {
      const chain = longestEndingAt(dependency);
      if (chain.length > best.length) best = chain;
    }
    const chain = node.custom ? [...best, name] : best;
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
