/**
 * Every message catalogue (infra/messages.ts `defineMessages`) in both languages: each message has
 * a Japanese text that is Japanese, differs from the English, keeps every fact and identifier of
 * the English verbatim, and uses docs/glossary.md's terms. Catalogues are found by reading the
 * sources, so a new one is checked without being listed here.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { CATALOGUES, type Catalogue, type Lang, inLanguage, isRemembered } from "../../infra/messages";
import { MESSAGES as SMOKE_CLIENT_MESSAGES } from "../../clients/ts/messages";
import { glossary, variantsIn } from "../docs/glossary";
import { REPO_ROOT } from "../support";

/** Source files that define a catalogue (outside node_modules and tests). */
function catalogueSources(dir = REPO_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ["node_modules", "tests", ".git"].includes(entry.name) ? [] : catalogueSources(path);
    return entry.name.endsWith(".ts") && /defineMessages\("/.test(readFileSync(path, "utf8")) ? [path] : [];
  });
}

const SOURCES = catalogueSources().filter((path) => !path.endsWith(join("infra", "messages.ts")));

/**
 * Facts a message chooses its wording by (an account kind, a step, a flag): every value is tried.
 * Any other fact is a distinctive sample that must appear verbatim in both languages.
 */
const CHOICES: Record<string, Record<string, readonly unknown[]>> = {
  "config.invalidConfiguration": { subject: ["stack", "bootstrap"] },
  "config.unknownKeyOtherAccount": { account: ["operator", "municipality"], other: ["municipality", "operator"] },
  "config.shapeValue": { expected: ["number", "string", "boolean"] },
  "config.tagsRefused": {
    taggedBy: ["iamRoles", "guardrail", "profiles", "guardrailAndProfiles", "cloudTrail"],
    problems: [["⟪problem⟫"]],
  },
  "config.fixedKeyMap": { what: ["contentFilterType", "piiEntityType", "endpointKey"] },
  "config.fixedKeyUnknown": { what: ["contentFilterType", "piiEntityType", "endpointKey"] },
  "config.fixedKeyUnknownNear": { what: ["contentFilterType", "piiEntityType", "endpointKey"] },
  "config.resourceId": { kind: ["vpc", "subnet", "rtb"] },
  "config.resourceIdList": { kind: ["vpc", "subnet", "rtb"] },
  "config.resourceIdCount": { kind: ["vpc", "subnet", "rtb"], min: [1], max: [1, 3] },
  "config.rolesOverQuota": { others: [0, 1] },
  "config.refusedByModel": { problems: [["⟪problem⟫"]] },
  "cross-stack.externalIdDiffers": { smokeTestOn: [true, false] },
  "cross-stack.externalIdNotRequired": { passed: [undefined, "⟪passed⟫"] },
  "deploy.failed": { stack: [undefined, "⟪stack⟫"] },
  "deploy.done": { verb: ["up", "preview"], locked: [true, false] },
  "deploy.stepRun": { step: [1, 2], who: ["operator", "municipality"], verb: ["up", "preview"] },
  "deploy.stepLock": { verb: ["up", "preview"] },
  "deploy.settingConfig": { verb: ["up", "preview"] },
  "deploy.noBedrockEndpointId": { has: [undefined, "⟪has⟫"] },
  "deploy.crossErrors": { problems: [["⟪problem⟫"]] },
  "matrix.contradiction": { problems: [["⟪problem⟫"]] },
  "program-warnings.invokeRoleUnlocked": {
    endpoint: ["bedrock-runtime", "sts"],
    peerSource: [undefined, "⟪peerSource⟫"],
  },
  "program-warnings.smokeWillFail": { missing: [["⟪missing⟫"]] },
  "harness.yaml": { code: ["", "DUPLICATE_KEY", "NO_SUCH_CODE"] },
  "audit.noPeer": { other: ["operator", "municipality"] },
  "usage.forms": { counts: [{ arn: 11, id: 12, both: 13, none: 14 }] },
  "audit.title": { account: ["operator", "municipality"] },
  "audit.drift": { kind: ["missing", "unexpected", "differs"] },
  "audit.privateDns": { live: [true, false], declared: [true, false] },
  "audit.endpointUndeclared": { existingVpc: [true, false] },
  "audit.readVpc": { found: [true, false] },
  "preflight.endpointConflict": { feature: [undefined, "packages", "session"] },
  "preflight.hostedZoneConflict": { feature: [undefined, "packages", "session"] },
  "preflight.subnets": { every: [true, false], list: [undefined, ["⟪subnet⟫"]] },
  "harness.langValue": { langs: [["en", "ja"]] },
  "config.piiAction": { values: [["BLOCK", "ANONYMIZE"]] },
  "config.archiveStorageClass": { values: [["STANDARD_IA", "INTELLIGENT_TIERING"]] },
  "smoke-client.region": { regions: [["ap-northeast-1", "ap-northeast-3"]] },
};

/**
 * Facts the Japanese says in its own words instead of quoting: the YAML library's English message
 * becomes a Japanese description of its error code, with the file's own excerpt.
 */
const SAID_OTHERWISE: Record<string, readonly string[]> = {
  "harness.yaml": ["⟪message⟫"],
  // The Japanese sends the reader to the Japanese twin of the runbook.
  "audit.scpUnreadable": ["docs/audit.md"],
  "usage.noSeries": ["docs/operator.md"],
};

/**
 * English texts that only look alike with sample facts: the real ones differ (the library's
 * message names its error; the allowed values differ), so the look-up by English text is exact.
 */
const ALIKE_WITH_SAMPLES = new Set(["harness.yaml", "config.piiAction", "config.archiveStorageClass"]);

/** A message that only arranges other messages (a list of problems) has no words of its own to translate. */
const arrangesOnly = (en: string) => !/[A-Za-z]{2,}/.test(en.replace(IDENTIFIER, ""));

/** A sample fact: prints as `⟪name⟫`, also where a message joins a list of them. */
class Sample extends String {
  join(): string {
    return this.toString();
  }
}

/** Every combination of a message's choices, each completed with a sample for any other fact. */
function factSets(id: string): Record<string, unknown>[] {
  let sets: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(CHOICES[id] ?? {})) {
    sets = sets.flatMap((set) => values.map((value) => ({ ...set, [name]: value })));
  }
  return sets.map(
    (set) =>
      new Proxy(set, {
        get: (target, name) =>
          typeof name === "string" && !(name in target) ? new Sample(`⟪${name}⟫`) : Reflect.get(target, name),
        has: (target, name) => name in target,
      }),
  );
}

/** Every message of every catalogue, rendered in both languages with each fact set. */
function rendered(): { id: string; en: string; ja: string }[] {
  return [...CATALOGUES].flatMap(([name, catalogue]) =>
    Object.keys(catalogue.en).flatMap((key) => {
      const id = `${name}.${key}`;
      const say = (lang: Lang, facts: Record<string, unknown>) => {
        const entry = (catalogue[lang] as Catalogue)[key];
        return typeof entry === "string" ? entry : (entry as (facts: unknown) => string)(facts);
      };
      return factSets(id).map((facts) => ({ id, en: say("en", facts), ja: say("ja", facts) }));
    }),
  );
}

/** What must stay verbatim: config keys, flags, AWS actions, paths, camelCase keys, stack outputs, env vars. */
const IDENTIFIER =
  /bedrock-lz:[\w.<>[\]"-]+|aws:[a-z]\w*|--[a-z][\w-]*|\b[a-z][\w-]*:[A-Z]\w+|\b(?:docs|infra|stacks|components|plan|harness|bootstrap|clients|tests)\/[\w./-]+|\b[a-z]+[A-Z]\w*|\b[A-Z]{2,}_[A-Z_]+\b|⟪\w+⟫/g;

describe("message catalogues (infra/messages.ts), every one of them", () => {
  let all: { id: string; en: string; ja: string }[] = [];
  before(() => {
    // Found at run time, so loaded at run time (an import() of .ts bypasses the tsx loader).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const source of SOURCES) require(source);
    all = rendered();
  });

  it("finds the catalogues by reading the sources, and each is defined once", () => {
    ok(SOURCES.length >= 8, SOURCES.map((s) => relative(REPO_ROOT, s)).join(", "));
    ok(CATALOGUES.size >= SOURCES.length, [...CATALOGUES.keys()].join(", "));
    ok(all.length >= 200, `${all.length} messages`);
  });

  it("has every message in Japanese: Japanese text, not the English, with every fact and identifier verbatim", () => {
    const problems = all.flatMap(({ id, en, ja }) => {
      const found: string[] = [];
      if (!arrangesOnly(en)) {
        if (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(ja)) found.push(`${id}: not Japanese: ${ja}`);
        if (ja === en) found.push(`${id}: the same as the English`);
      }
      for (const identifier of new Set(en.match(IDENTIFIER) ?? [])) {
        if (!ja.includes(identifier) && !(SAID_OTHERWISE[id] ?? []).includes(identifier))
          found.push(`${id}: lost ${identifier}: ${ja}`);
      }
      return found;
    });
    deepStrictEqual(problems, []);
  });

  it("uses docs/glossary.md's terms in Japanese", () => {
    const terms = glossary(readFileSync(join(REPO_ROOT, "docs", "glossary.md"), "utf8"));
    deepStrictEqual(
      all.flatMap(({ id, ja }) => variantsIn(ja, terms).map((use) => `${id}: ${use}`)),
      [],
    );
  });

  it("remembers each text it says, with its Japanese, and nothing it did not say", () => {
    // Every static text is remembered when its catalogue is defined.
    const statics = [...CATALOGUES].flatMap(([, catalogue]) =>
      Object.entries(catalogue.en).flatMap(([key, entry]) =>
        typeof entry === "string" ? [[entry, catalogue.ja[key] as string]] : [],
      ),
    );
    ok(statics.length > 50);
    for (const [en, ja] of statics) deepStrictEqual(inLanguage(en, "ja"), ja, en);
    // A static text is a sentence, never one word: a fact (a stack name, a key) is never mistaken for one.
    deepStrictEqual(
      statics.filter(([en]) => !/\s/.test(en)).map(([en]) => en),
      [],
    );
    ok(!isRemembered("operator") && inLanguage("operator", "ja") === "operator");
  });

  it("gives no two messages the same English with different Japanese (the English text is the look-up key)", () => {
    const japaneseOf = new Map<string, { id: string; ja: string }>();
    const clashes: string[] = [];
    for (const { id, en, ja } of all.filter(({ id }) => !ALIKE_WITH_SAMPLES.has(id))) {
      const seen = japaneseOf.get(en);
      if (seen !== undefined && seen.ja !== ja) clashes.push(`${seen.id} and ${id}: "${en}"`);
      japaneseOf.set(en, { id, ja });
    }
    deepStrictEqual(clashes, []);
  });

  it("would catch a Japanese text that drops an identifier, stays English, or uses a forbidden variant", () => {
    const terms = glossary(readFileSync(join(REPO_ROOT, "docs", "glossary.md"), "utf8"));
    const en = "set bedrock-lz:operatorRoleArn with --lang ja";
    const lost = (ja: string) => (en.match(IDENTIFIER) ?? []).filter((identifier) => !ja.includes(identifier));
    deepStrictEqual(lost("bedrock-lz:operatorRoleArn を設定します"), ["--lang"]);
    ok(!/[\u3040-\u30ff\u4e00-\u9fff]/.test(en));
    deepStrictEqual(variantsIn("呼び出し用ロールです", terms), ['"呼び出し用ロール" (use "呼び出しロール")']);
  });

  it("and the catalogues kept in their own shape use the glossary too: the TypeScript and the Python smoke clients'", () => {
    const terms = glossary(readFileSync(join(REPO_ROOT, "docs", "glossary.md"), "utf8"));
    const texts: [string, string][] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === "string") texts.push([path, value]);
      else if (typeof value === "function")
        texts.push([path, String((value as (...a: unknown[]) => unknown)(...samples))]);
      else if (typeof value === "object" && value !== null)
        for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    };
    const samples = [factSets("sample")[0], "⟪a⟫", "⟪b⟫"];
    walk(SMOKE_CLIENT_MESSAGES.ja, "clients/ts/messages.ts");
    ok(texts.length >= 15, `${texts.length} texts`);
    // The Python client's catalogues (MESSAGES, ARGS) are Python: their Japanese lines are read from the file.
    const python = readFileSync(join(REPO_ROOT, "clients", "python", "smoke.py"), "utf8").split("\n");
    const japaneseLines = python.filter((line) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(line) && /["']/.test(line));
    ok(japaneseLines.length >= 20, `${japaneseLines.length} Japanese lines in smoke.py`);
    for (const line of japaneseLines) texts.push(["clients/python/smoke.py", line]);
    deepStrictEqual(
      texts.flatMap(([path, text]) => variantsIn(text, terms).map((use) => `${path}: ${use}`)),
      [],
    );
  });
});
