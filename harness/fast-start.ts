/**
 * Loaded first by the offline tools (plan, matrix, audit) and the specs, and by `pulumi up`
 * (Pulumi.yaml's nodeargs, right after tsx): it makes their start-up cheaper without changing
 * what they run. It needs only Node and the SDK, so a production install (`npm ci --omit=dev`)
 * has what it loads.
 *
 * - Node's on-disk compile cache (Node 22; older Nodes skip it): a tool's second start reuses the
 *   compiled code of the SDKs instead of compiling them again.
 * - `import "@pulumi/pulumi"` loads the TypeScript compiler (9 MB of JavaScript) and npm's
 *   `@npmcli/arborist`, which the SDK needs only to serialise a JavaScript function into a Lambda
 *   (`runtime/closure/`). This program serialises none, yet the two were about 0.7 s of every
 *   process that imports the SDK: a third of `npm run plan`. Each is replaced in Node's module
 *   cache by a stand-in that loads the real module the first time anything reads it, so a caller
 *   that does use them gets the real thing, only later. The SDK's Automation API (execa, js-yaml,
 *   semver: about a hundred modules) is deferred the same way; only `npm run deploy` reads it.
 * - `@pulumi/aws`'s index requires all of its ~250 service namespaces, each registering its
 *   resource types with the SDK; a program reads a dozen. Each namespace is deferred, so `aws.iam`
 *   loads on its first read: before the program's first `new aws.iam.Role`, so a namespace's types
 *   are registered before any of its resources exists. The types of a namespace the program never
 *   reads stay unregistered; the engine could only hand those back as resource references from a
 *   remote (multi-language) component, and this program uses none. About 0.2 s a process.
 */
import Module from "node:module";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

// Keeps its cache under the OS's temporary directory; returns a status, never throws.
(Module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Resolved as the SDK resolves them, so its `require` finds the stand-in. */
const sdkRoot = dirname(require.resolve("@pulumi/pulumi/package.json"));

export const DEFERRED_MODULES = ["typescript", "@npmcli/arborist", "@pulumi/pulumi/automation"] as const;

/** Whether the module at `path` is still the stand-in: nothing has read it yet. */
export function stillDeferred(path: string): boolean {
  return standIns.has(require.cache[path]?.exports as object);
}

const standIns = new WeakSet<object>();

/** Puts a stand-in for the module at `path` in the module cache, unless it is loaded already. */
export function deferModule(path: string): void {
  if (require.cache[path] === undefined) require.cache[path] = standIn(path);
}

function standIn(path: string): Module {
  let real: object | undefined;
  const load = (): object => {
    if (real === undefined) {
      delete require.cache[path];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the point is to load it late
      real = require(path) as object;
    }
    return real;
  };
  const exports = new Proxy(
    {},
    {
      // `__esModule` keeps TypeScript's `__importStar` from copying every export (which would load
      // the module at once); it then reads the named exports from the stand-in, as it would.
      get: (_, key) => (key === "__esModule" ? true : Reflect.get(load(), key)),
      has: (_, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        // The loader's interop probe on every CommonJS module's exports (require(esm)'s
        // "module.exports" convention); no deferred module exports it, so it need not load them.
        if (key === "module.exports") return undefined;
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
      },
    },
  );
  standIns.add(exports);
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = exports;
  return module;
}

/**
 * Defers the module `id` as `from` would resolve it. Returns false when it is not installed:
 * TypeScript is only an optional peer of the SDK, absent from a production install
 * (`npm ci --omit=dev`), where the SDK falls back to its own copy.
 */
export function deferInstalled(id: string, from: string): boolean {
  const path = resolved(id, from);
  if (path !== undefined) deferModule(path);
  return path !== undefined;
}

function resolved(id: string, from: string): string | undefined {
  try {
    return require.resolve(id, { paths: [from] });
  } catch {
    return undefined;
  }
}

/**
 * Defers every service namespace (`<package>/<service>/index.js`) of the provider SDK at
 * `packageRoot`; returns their paths. A namespace already loaded is left as it is.
 */
export function deferNamespaces(packageRoot: string): string[] {
  const namespaces = readdirSync(packageRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "node_modules")
    .map((entry) => join(packageRoot, entry.name, "index.js"))
    .filter((path) => existsSync(path));
  for (const path of namespaces) deferModule(path);
  return namespaces;
}

for (const id of DEFERRED_MODULES) deferInstalled(id, sdkRoot);
const awsPackage = resolved("@pulumi/aws/package.json", __dirname);
if (awsPackage !== undefined) deferNamespaces(dirname(awsPackage));
