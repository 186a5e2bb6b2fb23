// bedrock-lz: one Pulumi program, two stacks. `bedrock-lz:account` picks what this stack declares.
import { readStackConfig, runStack } from "./stacks";

// Pulumi calls an exported function once the module has loaded and awaits it. After the first
// await the declarations run on a fresh call stack instead of inside Node's module loader: the SDK
// records and source-maps every frame above each resource it creates (docs/performance.md).
export = async () => {
  await undefined;
  return runStack(readStackConfig());
};
