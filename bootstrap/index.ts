// bedrock-lz CI bootstrap: one stack per AWS account (operator, municipality). docs/pipeline.md.
import { bootstrapStack, readBootstrapConfig } from "./stack";

export = bootstrapStack(readBootstrapConfig());
