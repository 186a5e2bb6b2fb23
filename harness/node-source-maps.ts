/**
 * Loaded by `pulumi up` (Pulumi.yaml's nodeargs, after tsx): stack traces, and the source position
 * the SDK records for every resource, come from Node's own source maps instead of the
 * `source-map-support` package the SDK's language host installs.
 *
 * - tsx turns Node's source maps on, so every frame of the program maps to its TypeScript line.
 * - `@pulumi/pulumi/cmd/run` then requires `source-map-support/register` ("so we get good stack
 *   traces"), whose hook replaces Node's mapping. It cannot read tsx's in-memory maps: it reported
 *   the program's frames at line 2 of the compiled code. And it copies every call site of every
 *   trace it formats, while the SDK takes one trace with no depth limit per resource: at 1,741
 *   municipalities that was a fifth of everything the `pulumi up` path allocated (docs/performance.md).
 *
 * So `source-map-support/register`, as the language host resolves it, is an empty module in Node's
 * module cache: the host requires it for its side effect only, and Node's mapping stays. Only the
 * register entry is replaced; a caller that asks for `source-map-support` itself gets the real one.
 */
import Module from "node:module";
import { dirname } from "node:path";

/** Where the SDK's language host (`cmd/run/index.js`) resolves `source-map-support/register` from. */
const languageHost = dirname(require.resolve("@pulumi/pulumi/cmd/run/index.js"));

/**
 * Puts an empty module in place of `source-map-support/register` as `from` resolves it, unless it is
 * loaded already; returns its path, or undefined when it is not installed.
 */
export function keepNodeSourceMaps(from: string = languageHost): string | undefined {
  let path: string;
  try {
    path = require.resolve("source-map-support/register", { paths: [from] });
  } catch {
    return undefined;
  }
  if (require.cache[path] === undefined) {
    const empty = new Module(path);
    empty.filename = path;
    empty.loaded = true;
    empty.exports = {};
    require.cache[path] = empty;
  }
  return path;
}

keepNodeSourceMaps();
