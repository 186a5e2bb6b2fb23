/**
 * The plan's message catalogue (plan/messages.ts): every message in both languages, identifiers
 * and numbers verbatim in both, and the Japanese in docs/glossary.md's terms.
 */
import { deepStrictEqual, notStrictEqual, ok } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PLAN_MESSAGES, type PlanMessages } from "../../plan/messages";
import { glossary, variantsIn } from "../docs/glossary";
import { REPO_ROOT } from "../support";

// Type level: a Japanese catalogue without one of the English messages does not compile.
const { impliedLock: _dropped, ...fewerNotes } = PLAN_MESSAGES.ja.notes;
// @ts-expect-error a note missing in Japanese is a type error
const _broken: PlanMessages = { ...PLAN_MESSAGES.ja, notes: fewerNotes };

const PROFILE = "arn:aws:bedrock:ap-northeast-3:111111111111:application-inference-profile/a1b2c3d4e5f6";

/**
 * Arguments for every message that takes some, by path. Values are distinctive so each one can
 * be looked for, verbatim, in both languages' text.
 */
const SAMPLE_ARGS: Record<string, unknown[]> = {
  "brief.stack": [
    {
      name: "otaru-stack",
      account: "ACCOUNT",
      accountId: "222222222222",
      region: "ap-northeast-3",
      resources: 21,
      documents: 8,
      cost: "$20.44",
      warnings: 3,
    },
  ],
  "brief.documentsCreated": [7],
  "brief.clients": [
    {
      municipality: "otaru-stack",
      operator: "operator",
      allowed: false,
      denied: [{ id: "C02", deniedBy: ["identity", "endpoint"] }],
    },
  ],
  "brief.documentsRemoved": [5],
  "brief.notPriced": [4],
  verdict: [{ proved: true, scenarios: 66, pairs: 2, mismatches: 3, notApplicable: 9, unpaired: 1 }],
  mismatch: ["operator × otaru-stack", ["deny-outside-vpce", "allow-jp-profile"], ["accountId differs"]],
  "cli.keys": [["bedrock-lz:accountId", "bedrock-lz:municipalities.otaru.accountId"]],
  "cli.noSuchStack": ["nope", ["operator", "otaru-stack"]],
  "cli.alreadyLoaded": ["Pulumi.b.yaml", "otaru-stack", "Pulumi.a.yaml"],
  "cli.operatorStackMissing": ["Pulumi.otaru.yaml", "org/bedrock-lz/ops"],
  "cli.stackFailed": ["otaru-stack", "Pulumi.otaru.yaml", "invalid stack configuration"],
  "cli.notEvaluated": ["operator: none of its municipalities has a stack file in this plan"],
  "cli.wrote": [42, "out/plan"],
  "cli.failed": ["Pulumi.nope.yaml: no such file"],
  "cli.outNotADirectory": ["out/plan.json", "EEXIST"],
  "cli.mismatchesFailed": [3],
  "notes.stackNotInPlan": [{ reference: "org/bedrock-lz/otaru-stack" }],
  "notes.explicitEndpointIds": [{ name: "otaru", stack: "otaru-stack" }],
  "notes.impliedLock": [{ file: "Pulumi.operator.yaml", name: "otaru", stack: "otaru-stack" }],
  "notes.noMunicipalityStack": [{ name: "otaru" }],
  "notes.impliedLockByIds": [{ file: "Pulumi.operator.yaml", name: "otaru", stack: "otaru-stack" }],
  "notes.profileHandedOver": [{ name: "otaru", value: PROFILE }],
  "notes.profileBound": [{ name: "otaru", file: "Pulumi.otaru.yaml", value: PROFILE }],
  "notes.noOperatorExport": [{ name: "otaru" }],
};

/** Every message of a catalogue as text, by path: strings as they are, functions called with SAMPLE_ARGS. */
function texts(messages: PlanMessages): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") found.set(path, value);
    else if (typeof value === "function") {
      const args = SAMPLE_ARGS[path];
      ok(args !== undefined, `${path} takes arguments: add them to SAMPLE_ARGS`);
      found.set(path, (value as (...a: unknown[]) => string)(...args));
    } else {
      for (const [key, child] of Object.entries(value as object)) walk(child, path === "" ? key : `${path}.${key}`);
    }
  };
  walk(messages, "");
  return found;
}

/** The strings and numbers a message was given (booleans choose a wording; they are not printed). */
function printedArgs(args: readonly unknown[]): string[] {
  return args.flatMap((arg): string[] => {
    if (typeof arg === "string" || typeof arg === "number") return [String(arg)];
    if (Array.isArray(arg)) return printedArgs(arg);
    if (typeof arg === "object" && arg !== null) return printedArgs(Object.values(arg));
    return [];
  });
}

describe("plan messages (plan/messages.ts)", () => {
  const en = texts(PLAN_MESSAGES.en);
  const ja = texts(PLAN_MESSAGES.ja);

  it("has every message in both languages, and nothing in one only", () => {
    deepStrictEqual([...ja.keys()].sort(), [...en.keys()].sort());
    ok(en.size >= 30, `${en.size} messages`);
    for (const [path, text] of ja) {
      ok(/[\u3040-\u30ff\u4e00-\u9fff]/.test(text), `${path} is not Japanese: ${text}`);
      notStrictEqual(text, en.get(path), path);
    }
  });

  it("keeps identifiers, names, paths and numbers verbatim in both languages", () => {
    for (const [path, args] of Object.entries(SAMPLE_ARGS)) {
      ok(en.has(path), `SAMPLE_ARGS names ${path}, which is no message`);
      for (const value of printedArgs(args)) {
        ok(en.get(path)!.includes(value), `en ${path} lost ${value}`);
        ok(ja.get(path)!.includes(value), `ja ${path} lost ${value}: ${ja.get(path)}`);
      }
    }
    // Config keys the plan names itself.
    for (const path of ["notes.noOperatorExport", "cli.operatorStackMissing"])
      ok(ja.get(path)!.includes("bedrock-lz:operatorRoleArn"), path);
    for (const path of ["notes.profileHandedOver", "notes.profileBound"])
      ok(ja.get(path)!.includes("bedrock-lz:operatorInferenceProfileArn"), path);
    for (const path of [...ja.keys()].filter((p) => p.startsWith("notes.")))
      ok(ja.get(path)!.startsWith("plan: "), path);
  });

  it("says PROVED and NOT PROVED in both languages, so the verdict is found whatever the locale", () => {
    const verdict = (messages: PlanMessages, proved: boolean) =>
      messages.verdict({ proved, scenarios: 1, pairs: 1, mismatches: 0, notApplicable: 0, unpaired: 0 });
    for (const messages of [PLAN_MESSAGES.en, PLAN_MESSAGES.ja]) {
      ok(verdict(messages, true).includes("PROVED") && !verdict(messages, true).includes("NOT PROVED"));
      ok(verdict(messages, false).includes("NOT PROVED"));
    }
  });

  describe("glossary (docs/glossary.md)", () => {
    const terms = glossary(readFileSync(join(REPO_ROOT, "docs", "glossary.md"), "utf8"));
    const uses = (catalogue: Map<string, string>) =>
      [...catalogue].flatMap(([path, text]) => variantsIn(text, terms).map((use) => `${path}: ${use}`));

    it("is used by the Japanese messages: no forbidden variant appears", () => {
      ok(terms.length >= 30, `${terms.length} terms`);
      deepStrictEqual(uses(ja), []);
    });

    it("would catch a forbidden variant", () => {
      const broken = new Map([...ja, ["notes.noMunicipalityStack", "plan: その呼び出し用ロールは未ロックのままです"]]);
      deepStrictEqual(uses(broken), [
        'notes.noMunicipalityStack: "呼び出し用ロール" (use "呼び出しロール")',
        'notes.noMunicipalityStack: "未ロック" (use "ロック(ロックする、ロック前、ロック後)")',
      ]);
    });
  });
});
