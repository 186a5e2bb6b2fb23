/** The ordered deploy (deploy/ordered-deploy.ts) against a fake of the Automation API stack. */
import { deepStrictEqual, match, ok, rejects, strictEqual } from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import { deployableStack } from "../../deploy/cli";
import { type DeployableStack, DeployError, type DeployMode, orderedDeploy } from "../../deploy/ordered-deploy";
import { fixtureConfig, withConfig } from "../support";

const BEDROCK_VPCE = "vpce-0aaaaaaaaaaaaaaa1";
const STS_VPCE = "vpce-0bbbbbbbbbbbbbbb2";
const LOCK_PATH = "bedrock-lz:municipalities.sapporo.bedrockRuntimeEndpointId";
const STS_PATH = "bedrock-lz:municipalities.sapporo.stsEndpointId";

/** A stack that records every call in a shared journal and can be told to fail one operation. */
class FakeStack implements DeployableStack {
  failOn: string | undefined;
  constructor(
    readonly name: string,
    public configMap: Record<string, string>,
    public stackOutputs: Record<string, unknown>,
    private readonly journal: string[],
  ) {}

  private record(call: string) {
    this.journal.push(`${this.name}: ${call}`);
    if (this.failOn !== undefined && call.startsWith(this.failOn)) throw new Error(`${call} exploded`);
  }

  async config() {
    this.record("config");
    return { ...this.configMap };
  }
  async setConfigPath(path: string, value: string) {
    this.record(`set ${path}=${value}`);
    this.edit(path, (parent, key) => (parent[key] = value));
  }
  async removeConfigPath(path: string) {
    this.record(`remove ${path}`);
    this.edit(path, (parent, key) => delete parent[key]);
  }
  async up() {
    this.record("up");
  }
  async preview(options: { refresh: boolean }) {
    this.record(`preview${options.refresh ? " --refresh" : ""}`);
  }
  async refresh() {
    this.record("refresh");
  }
  async outputs() {
    this.record("outputs");
    return this.stackOutputs;
  }

  /** Path config as the CLI stores it: `ns:key.a.b` edits the JSON value of `ns:key`. */
  private edit(path: string, change: (parent: Record<string, unknown>, key: string) => void) {
    const [top, ...rest] = path.split(".");
    if (rest.length === 0) {
      change(this.configMap, top);
      return;
    }
    const value = JSON.parse(this.configMap[top]);
    let parent = value;
    for (const key of rest.slice(0, -1)) parent = parent[key];
    change(parent, rest[rest.length - 1]);
    this.configMap[top] = JSON.stringify(value);
  }
}

function peerOf(stack: FakeStack): Record<string, unknown> {
  return JSON.parse(stack.configMap["bedrock-lz:municipalities"]).sapporo;
}

describe("ordered deploy", () => {
  let journal: string[];
  let operator: FakeStack;
  let municipality: FakeStack;
  let logged: string[];
  beforeEach(() => {
    journal = [];
    logged = [];
    operator = new FakeStack("operator", fixtureConfig("operator"), {}, journal);
    municipality = new FakeStack(
      "municipality",
      fixtureConfig("municipality"),
      { endpointIds: { "bedrock-runtime": BEDROCK_VPCE, sts: STS_VPCE, s3: "vpce-0ccccccccccccccc3" } },
      journal,
    );
  });
  const deploy = (mode: DeployMode) =>
    orderedDeploy({ operator, municipality, mode, log: (line) => logged.push(line) });

  it("up: operator, municipality, then locks the operator to the municipality's endpoints", async () => {
    const result = await deploy("up");
    deepStrictEqual(journal, [
      "operator: config",
      "municipality: config",
      "operator: up",
      // The application profile a metering operator hands over (this one does not meter).
      "operator: outputs",
      "municipality: up",
      "municipality: outputs",
      `operator: set ${LOCK_PATH}=${BEDROCK_VPCE}`,
      `operator: set ${STS_PATH}=${STS_VPCE}`,
      "operator: refresh",
      "operator: up",
    ]);
    deepStrictEqual(result, { lockConfig: { [LOCK_PATH]: BEDROCK_VPCE, [STS_PATH]: STS_VPCE }, lockApplied: true });
    deepStrictEqual(peerOf(operator), {
      accountId: "222222222222",
      externalId: "sapporo-bedrock-poc",
      bedrockRuntimeEndpointId: BEDROCK_VPCE,
      stsEndpointId: STS_VPCE,
    });
    deepStrictEqual(
      logged.filter((line) => line.startsWith("==>")),
      [
        '==> Step 1/3: operator up (stack "operator")',
        '==> Step 2/3: reading the operator\'s application profile for the municipality (stack "operator")',
        '==> Step 2/3: municipality up (stack "municipality")',
        '==> Step 3/3: reading endpoint ids (stack "municipality")',
        '==> Step 3/3: operator refresh + up with the endpoint lock (stack "operator")',
      ],
    );
  });

  it("up again with the lock already in config: no config change, still refresh + up", async () => {
    await deploy("up");
    journal.length = 0;
    await deploy("up");
    deepStrictEqual(journal.slice(5), ["municipality: outputs", "operator: refresh", "operator: up"]);
  });

  it("preview: previews in the same order and leaves the operator's config as it was", async () => {
    const before = { ...operator.configMap };
    const result = await deploy("preview");
    deepStrictEqual(journal, [
      "operator: config",
      "municipality: config",
      "operator: preview",
      "operator: outputs",
      "municipality: preview",
      "municipality: outputs",
      `operator: set ${LOCK_PATH}=${BEDROCK_VPCE}`,
      `operator: set ${STS_PATH}=${STS_VPCE}`,
      "operator: preview --refresh",
      `operator: remove ${LOCK_PATH}`,
      `operator: remove ${STS_PATH}`,
    ]);
    strictEqual(result.lockApplied, true);
    deepStrictEqual(operator.configMap, before);
  });

  it("preview restores a previous endpoint id, even when the preview fails", async () => {
    operator.configMap = withConfig(operator.configMap, {
      "bedrock-lz:municipalities": {
        sapporo: { accountId: "222222222222", bedrockRuntimeEndpointId: "vpce-0eeeeeeeeeeeeeee5" },
      },
    });
    operator.failOn = "preview --refresh";
    await rejects(
      deploy("preview"),
      /Step 3\/3: operator refresh \+ preview with the endpoint lock \(stack "operator"\) failed: preview --refresh exploded/,
    );
    deepStrictEqual(journal.slice(-3), [
      "operator: preview --refresh",
      `operator: set ${LOCK_PATH}=vpce-0eeeeeeeeeeeeeee5`,
      `operator: remove ${STS_PATH}`,
    ]);
    deepStrictEqual(peerOf(operator), {
      accountId: "222222222222",
      bedrockRuntimeEndpointId: "vpce-0eeeeeeeeeeeeeee5",
    });
  });

  it("preview restores the config even when setting it fails half-way", async () => {
    operator.failOn = `set ${STS_PATH}`;
    await rejects(
      deploy("preview"),
      /Step 3\/3: operator refresh \+ preview with the endpoint lock \(stack "operator"\) failed: set /,
    );
    deepStrictEqual(journal.slice(-4), [
      `operator: set ${LOCK_PATH}=${BEDROCK_VPCE}`,
      `operator: set ${STS_PATH}=${STS_VPCE}`,
      `operator: remove ${LOCK_PATH}`,
      `operator: remove ${STS_PATH}`,
    ]);
    strictEqual(peerOf(operator).bedrockRuntimeEndpointId, undefined);
  });

  it("preview of a municipality never deployed: skips the lock step and says why", async () => {
    municipality.stackOutputs = {};
    const result = await deploy("preview");
    deepStrictEqual(journal.slice(2), [
      "operator: preview",
      "operator: outputs",
      "municipality: preview",
      "municipality: outputs",
    ]);
    deepStrictEqual(result, { lockConfig: {}, lockApplied: false });
    match(
      logged[logged.length - 1],
      /has no endpointIds output yet \(never deployed\): the lock is previewed after its first up/,
    );
  });

  it("does not touch config when the operator reads the municipality stack itself", async () => {
    operator.configMap = withConfig(operator.configMap, {
      "bedrock-lz:municipalities": {
        sapporo: { accountId: "222222222222", municipalityStack: "organization/bedrock-lz/municipality" },
      },
    });
    await deploy("up");
    deepStrictEqual(journal.slice(2), [
      "operator: up",
      "operator: outputs",
      "municipality: up",
      "operator: refresh",
      "operator: up",
    ]);
    ok(
      logged.includes(
        "    the operator reads the endpoint ids from stack organization/bedrock-lz/municipality; no config change needed",
      ),
    );
  });

  describe("stops on the first failure", () => {
    it("operator up fails: the municipality is never touched", async () => {
      operator.failOn = "up";
      const error = await deploy("up").then(
        () => undefined,
        (caught: unknown) => caught,
      );
      ok(error instanceof DeployError);
      strictEqual(error.step, "Step 1/3: operator up");
      strictEqual(error.stack, "operator");
      strictEqual(
        error.message,
        'Step 1/3: operator up (stack "operator") failed: up exploded\n' +
          "Nothing after this step ran. Fix the cause and run the same command again: every step is idempotent.",
      );
      deepStrictEqual(journal, ["operator: config", "municipality: config", "operator: up"]);
    });

    it("municipality up fails: no lock", async () => {
      municipality.failOn = "up";
      await rejects(
        deploy("up"),
        /^DeployError: Step 2\/3: municipality up \(stack "municipality"\) failed: up exploded/,
      );
      deepStrictEqual(journal.slice(-1), ["municipality: up"]);
      strictEqual(peerOf(operator).bedrockRuntimeEndpointId, undefined);
    });

    it("operator refresh fails: the final up does not run", async () => {
      operator.failOn = "refresh";
      await rejects(
        deploy("up"),
        /Step 3\/3: operator refresh \+ up with the endpoint lock \(stack "operator"\) failed: refresh exploded/,
      );
      strictEqual(journal[journal.length - 1], "operator: refresh");
    });

    it("a municipality without a bedrock-runtime endpoint cannot be locked", async () => {
      municipality.stackOutputs = { endpointIds: { sts: STS_VPCE } };
      await rejects(deploy("up"), (error: Error) => {
        match(error.message, /output endpointIds has no bedrock-runtime endpoint \(it has: sts\)/);
        match(error.message, /Enable the bedrock-runtime endpoint in Pulumi\.municipality\.yaml/);
        return true;
      });
      strictEqual(journal[journal.length - 1], "municipality: outputs");
    });
  });

  describe("checks both configs before changing anything", () => {
    const rejectsBeforeAnyRun = async (pattern: RegExp) => {
      await rejects(deploy("up"), pattern);
      deepStrictEqual(
        journal.filter((call) => !call.endsWith(": config")),
        [],
      );
    };

    it("an invalid value, with the key from the program's own schema", async () => {
      municipality.configMap = withConfig(municipality.configMap, { "bedrock-lz:accountId": "2222" });
      await rejectsBeforeAnyRun(
        /Checking both stacks' config \(stack "municipality"\) failed: invalid stack configuration:\n {2}- bedrock-lz:accountId: must be a 12-digit AWS account id[\s\S]*\nNothing after this step ran\. Fix Pulumi\.municipality\.yaml \(each line above names the key\)/,
      );
    });

    it("the stacks given the wrong way round", async () => {
      [operator.configMap, municipality.configMap] = [municipality.configMap, operator.configMap];
      await rejectsBeforeAnyRun(
        /bedrock-lz:account is "municipality"[\s\S]*Pass the operator \(事業者\) stack as --operator-stack/,
      );
    });

    it("a municipality the operator does not list, or with another account id", async () => {
      municipality.configMap = withConfig(municipality.configMap, { "bedrock-lz:municipalityName": "otaru" });
      await rejectsBeforeAnyRun(
        /Pulumi\.operator\.yaml lists only sapporo, hakodate: add bedrock-lz:municipalities\.otaru\.accountId: "222222222222" to Pulumi\.operator\.yaml/,
      );
      municipality.configMap = withConfig(fixtureConfig("municipality"), { "bedrock-lz:accountId": "444444444444" });
      await rejectsBeforeAnyRun(
        /Pulumi\.operator\.yaml trusts account 222222222222 for "sapporo", but Pulumi\.municipality\.yaml deploys into 444444444444: the invoke role would trust the wrong account/,
      );
    });

    it("stacks that disagree on the client role, the region or the profile", async () => {
      municipality.configMap = withConfig(fixtureConfig("municipality"), {
        "bedrock-lz:clientRoleName": "other-client",
        "aws:region": "ap-northeast-3",
        "bedrock-lz:inferenceProfileId": "jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
        // Osaka has no CodeArtifact (infra/regions.ts): the shipped mirror settings would fail first.
        "bedrock-lz:endpoints": undefined,
        "bedrock-lz:codeArtifact": undefined,
      });
      await rejectsBeforeAnyRun(
        new RegExp(
          [
            "Pulumi\\.operator\\.yaml trusts arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo, but Pulumi\\.municipality\\.yaml's client role is arn:aws:iam::222222222222:role/other-client",
            "Pulumi\\.operator\\.yaml is in ap-northeast-1 and Pulumi\\.municipality\\.yaml in ap-northeast-3",
            "Pulumi\\.operator\\.yaml allows jp\\.anthropic\\.claude-haiku-4-5-20251001-v1:0 and Pulumi\\.municipality\\.yaml calls jp\\.anthropic\\.claude-sonnet-4-5-20250929-v1:0",
          ].join("[\\s\\S]*"),
        ),
      );
    });

    it("a smoke test that would pass another external id than the operator requires", async () => {
      municipality.configMap = withConfig(fixtureConfig("municipality"), {
        "bedrock-lz:smokeTest": JSON.stringify({ enabled: true, externalId: "otaru-poc" }),
      });
      await rejectsBeforeAnyRun(
        /requires external id "sapporo-bedrock-poc" and Pulumi\.municipality\.yaml's smoke test passes "otaru-poc"[\s\S]*bedrock-lz:municipalities\.sapporo\.externalId \(Pulumi\.operator\.yaml\), bedrock-lz:smokeTest\.externalId \(Pulumi\.municipality\.yaml\)/,
      );
    });

    it("the same difference with the smoke test off is a warning, and the deploy goes on", async () => {
      municipality.configMap = withConfig(fixtureConfig("municipality"), {
        "bedrock-lz:smokeTest": JSON.stringify({ enabled: false, externalId: "otaru-poc" }),
      });
      await deploy("up");
      ok(logged.some((line) => /^warning: .*external id .*once smokeTest\.enabled is switched on/.test(line)));
    });
  });
});

describe("ordered deploy: Automation API adapter", () => {
  it("passes config paths, the policy pack and refresh through to the Automation API stack", async () => {
    const calls: unknown[][] = [];
    // Functions (the output streams) are recorded by kind: their identity is not the point.
    const plain = (arg: unknown) =>
      typeof arg === "object" && arg !== null
        ? Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, typeof v === "function" ? "<function>" : v]))
        : arg;
    const record =
      (name: string, result: unknown = undefined) =>
      async (...args: unknown[]) => {
        calls.push([name, ...args.map(plain)]);
        return result;
      };
    const fakeStack = {
      name: "operator",
      getAllConfig: record("getAllConfig", { "aws:region": { value: "ap-northeast-1", secret: false } }),
      setConfig: record("setConfig"),
      removeConfig: record("removeConfig"),
      up: record("up"),
      preview: record("preview"),
      refresh: record("refresh"),
      outputs: record("outputs", { endpointIds: { value: { sts: "vpce-1" }, secret: false } }),
    };
    const stack = deployableStack(fakeStack as unknown as Stack, ["/repo/policy"]);
    strictEqual(stack.name, "operator");
    deepStrictEqual(await stack.config(), { "aws:region": "ap-northeast-1" });
    await stack.setConfigPath("bedrock-lz:municipalities.sapporo.stsEndpointId", "vpce-2");
    await stack.removeConfigPath("bedrock-lz:municipalities.sapporo.stsEndpointId");
    await stack.up();
    await stack.preview({ refresh: true });
    await stack.refresh();
    deepStrictEqual(await stack.outputs(), { endpointIds: { sts: "vpce-1" } });
    deepStrictEqual(calls, [
      ["getAllConfig"],
      ["setConfig", "bedrock-lz:municipalities.sapporo.stsEndpointId", { value: "vpce-2" }, true],
      ["removeConfig", "bedrock-lz:municipalities.sapporo.stsEndpointId", true],
      ["up", { onOutput: "<function>", color: "auto", policyPacks: ["/repo/policy"] }],
      ["preview", { onOutput: "<function>", color: "auto", policyPacks: ["/repo/policy"], refresh: true }],
      ["refresh", { onOutput: "<function>", color: "auto" }],
      ["outputs"],
    ]);
  });
});

describe("ordered deploy: the application profile a metering operator hands over", () => {
  const PROFILE = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6";
  const PATH = "bedrock-lz:operatorInferenceProfileArn";
  let journal: string[];
  let operator: FakeStack;
  let municipality: FakeStack;
  beforeEach(() => {
    journal = [];
    operator = new FakeStack(
      "operator",
      withConfig(fixtureConfig("operator"), { "bedrock-lz:metering": { enabled: true } }),
      { inferenceProfileArns: { sapporo: PROFILE, hakodate: PROFILE.replace("a1b2", "ffff") } },
      journal,
    );
    municipality = new FakeStack(
      "municipality",
      fixtureConfig("municipality"),
      { endpointIds: { "bedrock-runtime": BEDROCK_VPCE, sts: STS_VPCE } },
      journal,
    );
  });
  const deploy = (mode: DeployMode) => orderedDeploy({ operator, municipality, mode, log: () => undefined });

  it("up: sets it on the municipality (operatorRoleArn) between the operator's up and its own", async () => {
    await deploy("up");
    deepStrictEqual(journal.slice(2, 6), [
      "operator: up",
      "operator: outputs",
      `municipality: set ${PATH}=${PROFILE}`,
      "municipality: up",
    ]);
    strictEqual(municipality.configMap[PATH], PROFILE);
  });

  it("preview: previews with it, then leaves the municipality's config as it was", async () => {
    const before = { ...municipality.configMap };
    await deploy("preview");
    deepStrictEqual(journal.slice(4, 7), [
      `municipality: set ${PATH}=${PROFILE}`,
      "municipality: preview",
      `municipality: remove ${PATH}`,
    ]);
    deepStrictEqual(municipality.configMap, before);
  });

  it("changes nothing when the municipality already has it, or reads the operator stack itself", async () => {
    municipality.configMap = withConfig(municipality.configMap, { [PATH]: PROFILE });
    await deploy("up");
    ok(!journal.some((call) => call.includes(`set ${PATH}`)), journal.join("\n"));
    journal.length = 0;
    municipality.configMap = withConfig(fixtureConfig("municipality"), {
      "bedrock-lz:operatorRoleArn": undefined,
      "bedrock-lz:operatorStack": "organization/bedrock-lz/operator",
    });
    await deploy("up");
    deepStrictEqual(journal.slice(2, 4), ["operator: up", "municipality: up"]);
  });
});
