/**
 * Benchmark only, preloaded into each case process: the Pulumi SDK records `new Error().stack` for
 * every promise it creates (its leak detector) and ts-node's source-map support rewrites each of
 * those traces. At 1,741 municipalities that rewriting is about three quarters of the evaluation
 * time (40 s against 9.5 s), which would hide how the program itself scales. V8's plain stack
 * formatting is restored; the program and the SDK run unchanged.
 */
delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
