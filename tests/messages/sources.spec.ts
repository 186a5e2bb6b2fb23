/**
 * The sources a user's message can come from say it through a catalogue: no English sentence is
 * written inline where a message is made (a zod `error`/`message`, an issue, a thrown UsageError or
 * PlanInputError, a warning the program logs, a line a tool prints). Read with the TypeScript
 * compiler, so a string in a comment or a type does not count; what remains are the few texts
 * that are not for the reader (internal invariants), listed with why.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "../support";

/** Where the messages of plan, matrix, deploy, audit, preflight, usage and the smoke client are made (and the config they quote). */
const SCANNED = [
  "infra/config",
  "infra/limits.ts",
  "infra/smoke-test.ts",
  "infra/api-models/index.ts",
  "stacks",
  "components/invoke-role.ts",
  "harness/cli.ts",
  "harness/stack-file.ts",
  "plan/cli.ts",
  "plan/args.ts",
  "plan/run.ts",
  "access/cli.ts",
  "deploy",
  "clients/ts/args.ts",
  "clients/ts/smoke.ts",
  "audit",
  "preflight",
  "usage",
];

/** Files that are catalogues: their English is the point. */
const CATALOGUE = /(?:^|\/)(?:messages|cross-stack-messages|warnings)\.ts$/;

function filesUnder(path: string): string[] {
  const full = join(REPO_ROOT, path);
  if (statSync(full).isFile()) return [path];
  return readdirSync(full).flatMap((name) => filesUnder(join(path, name)));
}

/** Calls whose argument is a text someone reads. */
const SINKS =
  /^(?:pulumi\.log\.(?:warn|error|info)|console\.(?:log|warn|error)|process\.(?:stdout|stderr)\.write|log|say)$/;
const THROWN = /^(?:UsageError|PlanInputError|DeployError|ConfigError|RunError|pulumi\.RunError)$/;

/** Two English words in a row in a literal's own text (not in its `${}`s). */
const SENTENCE = /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/;

function literalTexts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  const found: string[] = [];
  node.forEachChild((child) => {
    // A catalogue call's facts are not message text.
    if (ts.isCallExpression(child) && /^(?:m|say|PROGRAM_WARNINGS)\b/.test(child.expression.getText())) return;
    found.push(...literalTexts(child));
  });
  return found;
}

function inlineMessages(path: string): string[] {
  const text = readFileSync(join(REPO_ROOT, path), "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, expression: ts.Node) => {
    for (const literal of literalTexts(expression)) {
      if (SENTENCE.test(literal) && NOT_SENTENCES[`${path}: ${literal.trim()}`] === undefined) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${path}:${line}: ${literal.trim().slice(0, 70)}`);
      }
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && ["error", "message"].includes(node.name.getText()))
      report(node, node.initializer);
    else if (ts.isCallExpression(node) && SINKS.test(node.expression.getText()))
      node.arguments.forEach((a) => report(node, a));
    else if (ts.isNewExpression(node) && THROWN.test(node.expression.getText()))
      (node.arguments ?? []).forEach((a) => report(node, a));
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

/** Inline texts that are not sentences for the reader to be translated, and why. */
const NOT_SENTENCES: Readonly<Record<string, string>> = {
  // The system's own error for a missing executable, as Node reports it; the advice next to it is catalogued.
  "deploy/cli.ts: spawn pulumi ENOENT": "an error code",
  // The client's name before the failure kind; the failure itself is catalogued (clients/ts/messages.ts).
  "clients/ts/smoke.ts: bedrock-lz smoke:": "a prefix",
};

describe("messages are made from catalogues (sources read with the TypeScript compiler)", () => {
  const files = SCANNED.flatMap(filesUnder).filter((path) => path.endsWith(".ts") && !CATALOGUE.test(path));

  it("scans the files every tool's messages come from", () => {
    ok(files.length >= 30, files.join(", "));
  });

  it("has no English sentence written inline where a message is made", () => {
    deepStrictEqual(files.flatMap(inlineMessages), []);
  });

  it("would catch one", () => {
    const sample = "throw new UsageError(`--out ${dir} is not a directory`);";
    const source = ts.createSourceFile("x.ts", sample, ts.ScriptTarget.Latest, true);
    const expression = (source.statements[0] as ts.ThrowStatement).expression as ts.NewExpression;
    deepStrictEqual(
      literalTexts(expression.arguments![0]).filter((t) => SENTENCE.test(t)),
      [" is not a directory"],
    );
    ok(relative(REPO_ROOT, join(REPO_ROOT, "plan")) === "plan");
  });
});
