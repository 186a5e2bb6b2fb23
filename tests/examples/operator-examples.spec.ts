import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseStackConfigText } from "../../harness/stack-file";
import { unlockedOperatorConfig } from "../../plan/phases";
import { REPO_ROOT, runWithConfig } from "../support";

const SECTION_MARKER = "# Production features of the operator account";

/**
 * The commented examples in Pulumi.operator.yaml, uncommented: `# bedrock-lz:<key>:` lines and
 * their `#   ` indented bodies. Prose comments (one space after #) stay comments.
 */
function uncommentedExamples(text: string): string {
  const start = text.indexOf(SECTION_MARKER);
  assert.ok(start > 0, "Pulumi.operator.yaml lost its production-features section");
  const section = text
    .slice(start)
    .split("\n")
    .map((line) => line.replace(/^ {2}# (bedrock-lz:\S+:.*)$/, "  $1").replace(/^ {2}#( {3}.*)$/, "  $1"))
    .join("\n");
  return text.slice(0, start) + section;
}

describe("Pulumi.operator.yaml commented examples", () => {
  const text = readFileSync(join(REPO_ROOT, "Pulumi.operator.yaml"), "utf8");

  it("are valid config that turns every feature on", async () => {
    const config = parseStackConfigText(uncommentedExamples(text), "Pulumi.operator.yaml (examples)");
    for (const key of ["invocationLogging", "dataSafety", "modelAccess", "guardrail"]) {
      assert.ok(config[`bedrock-lz:${key}`] !== undefined, `example for bedrock-lz:${key} is missing`);
    }
    // Whatever deploy step the user's file is in, the features are checked on step 1's operator.
    const result = await runWithConfig("operator", unlockedOperatorConfig(config));
    const types = new Set(result.resources.map((r) => r.type));
    for (const type of [
      "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
      "aws:bedrock/useCaseForModelAccess:UseCaseForModelAccess",
      "aws:bedrockfoundation/modelAgreement:ModelAgreement",
      "aws:bedrock/guardrail:Guardrail",
      "aws:bedrock/guardrailVersion:GuardrailVersion",
    ]) {
      assert.ok(types.has(type), type);
    }
    assert.equal(result.outputs.guardrailEnforced, true);
    assert.equal(result.resources.find((r) => r.type === "aws:s3/bucket:Bucket")?.options.protect, true);
  });
});
