// bedrock-lz: one Pulumi program, two stacks. `bedrock-lz:account` picks what this stack declares.
import { readStackConfig, runStack } from "./stacks";

export = runStack(readStackConfig());
