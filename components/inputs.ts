/**
 * Helpers for deriving values from a resource's inputs with as few Pulumi Outputs as the inputs
 * need. Each `pulumi.output(o)`, `pulumi.all([…])` or `pulumi.jsonStringify(o)` of an Output builds
 * new Outputs around it (the SDK re-wraps every Output it is handed), and each Output keeps its
 * promises alive until the engine answers: at 1,741 municipalities those wrappers were a good part of
 * the `pulumi up` path's time and memory (docs/performance.md).
 */
import * as pulumi from "@pulumi/pulumi";

function isPending(value: unknown): value is pulumi.Output<unknown> | Promise<unknown> {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/**
 * `fn` of the inputs' values: computed now when every input is a plain value, through the one
 * Output's `apply` when one is an Output, and through `pulumi.all` of the pending ones only when
 * several are. The inputs must be plain values, Outputs or promises, not objects holding Outputs.
 */
export function mapInputs<A, R>(inputs: [pulumi.Input<A>], fn: (values: [A]) => R): pulumi.Input<R>;
export function mapInputs<A, B, C, R>(
  inputs: [pulumi.Input<A>, pulumi.Input<B>, pulumi.Input<C>],
  fn: (values: [A, B, C]) => R,
): pulumi.Input<R>;
export function mapInputs<T, R>(inputs: readonly pulumi.Input<T>[], fn: (values: T[]) => R): pulumi.Input<R>;
export function mapInputs<R>(inputs: readonly unknown[], fn: (values: never) => R): pulumi.Input<R> {
  const pending = inputs.flatMap((value, index) => (isPending(value) ? [{ value, index }] : []));
  if (pending.length === 0) return fn(inputs as never);
  const withResolved = (resolved: readonly unknown[]): R => {
    const values = [...inputs];
    pending.forEach(({ index }, k) => (values[index] = resolved[k]));
    return fn(values as never);
  };
  const [only] = pending;
  if (pending.length === 1 && pulumi.Output.isInstance(only.value)) {
    return (only.value as pulumi.Output<unknown>).apply((value) => withResolved([value]));
  }
  return pulumi.all(pending.map(({ value }) => value)).apply(withResolved);
}

/** The input as an Output, without re-wrapping one that already is. */
export function asOutput<T>(value: pulumi.Input<T>): pulumi.Output<T> {
  return pulumi.Output.isInstance(value) ? (value as pulumi.Output<T>) : (pulumi.output(value) as pulumi.Output<T>);
}
