/**
 * Benchmark only, preloaded into each program-scaling case process (bench/case.ts): the Pulumi SDK
 * records `new Error().stack` for every promise it creates (its leak detector), and source-mapping
 * each of those traces would hide how the program itself scales. The loader's own source maps
 * (tsx turns on Node's) and any `Error.prepareStackTrace` hook are switched off; the program and
 * the SDK run unchanged. The `pulumi up path` cases (bench/up-case.ts) keep them on, as a real
 * run does.
 */
process.setSourceMapsEnabled(false);
delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
