import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { CATALOGUES, LANGS, defineMessages, inLanguage, isRemembered, remember } from "../../infra/messages";
import { PROGRAM_WARNINGS as W } from "../../infra/warnings";

/** Both languages of a message the program said in English. */
const both = (english: string) => [english, inLanguage(english, "ja")];

describe("message catalogues (infra/messages.ts)", () => {
  it("says a remembered message in each language, and any other text as it is", () => {
    deepStrictEqual(LANGS, ["en", "ja"]);
    const english = "infra/messages.spec.ts: a remembered sentence";
    strictEqual(isRemembered(english), false);
    strictEqual(inLanguage(english, "ja"), english);
    strictEqual(
      remember(english, (lang) => `${lang}: said`),
      english,
    );
    strictEqual(isRemembered(english), true);
    strictEqual(inLanguage(english, "ja"), "ja: said");
    strictEqual(inLanguage(english, "en"), english);
    strictEqual(inLanguage("AccessDenied: not ours", "ja"), "AccessDenied: not ours");
  });

  it("keeps each catalogue once, by name, with both languages", () => {
    const catalogue = CATALOGUES.get("program-warnings");
    ok(catalogue !== undefined);
    deepStrictEqual(Object.keys(catalogue.ja), Object.keys(catalogue.en));
    strictEqual(catalogue.en.smokeReadAccessOff, W.smokeReadAccessOff);
    throws(() => defineMessages("program-warnings", { en: {}, ja: {} }), {
      message: "message catalogue program-warnings is defined twice",
    });
  });

  it("a text entry and a function entry both remember their Japanese", () => {
    strictEqual(isRemembered(W.smokeReadAccessOff), true);
    const said = W.peerFromConfig({ key: "bedrock-lz:municipalities.sapporo.endpointIds" });
    strictEqual(isRemembered(said), true);
    deepStrictEqual(both(said), [
      "config bedrock-lz:municipalities.sapporo.endpointIds",
      "設定 bedrock-lz:municipalities.sapporo.endpointIds",
    ]);
  });

  it("a message given as a fact, alone or in a list, is said in the language around it", () => {
    const peer = W.peerFromStack({ stack: "org/muni/sapporo", output: "endpointIds" });
    const unlocked = W.invokeRoleUnlocked({ name: "sapporo", endpoint: "sts", peerSource: peer });
    ok(inLanguage(unlocked, "ja").includes("スタック org/muni/sapporo(出力 endpointIds) に sts のエンドポイント ID"));
    const missing = [W.smokeReadAccessOff, W.smokeEndpointOff({ key: "s3", step: "dnf install" })];
    strictEqual(
      inLanguage(W.smokeWillFail({ missing }), "ja"),
      "スモークテストのインスタンスの起動スクリプトは失敗します: " +
        "bedrock-lz:codeArtifact.clientReadAccess が false です(aws codeartifact login と pip install boto3 に必要)。" +
        "bedrock-lz:endpoints.s3.enabled が false です(dnf install に必要)。" +
        "セットアップ実行ではこれらをオンにしてください(docs/municipality.md)。",
    );
  });
});

describe("program warnings (infra/warnings.ts)", () => {
  it("an invoke role not locked to the municipality's endpoint: why, and what to set", () => {
    deepStrictEqual(both(W.invokeRoleUnlocked({ name: "sapporo", endpoint: "bedrock-runtime" })), [
      "Invoke role for sapporo is not locked to the municipality's bedrock-runtime endpoint (no aws:SourceVpce deny): " +
        "no endpoint id is configured yet. After the municipality stack is up, set " +
        "bedrock-lz:municipalities.sapporo.municipalityStack (or the endpoint ids) and run pulumi up again. " +
        "The role stays valid, limited to the JP profile.",
      "sapporo の呼び出しロールは自治体の bedrock-runtime エンドポイントにロックされていません(aws:SourceVpce による拒否がありません)。" +
        "エンドポイント ID がまだ設定されていません。自治体スタックの up の後、" +
        "bedrock-lz:municipalities.sapporo.municipalityStack(またはエンドポイント ID)を設定して、もう一度 pulumi up してください。" +
        "ロールは有効なままで、JP プロファイルだけに限られます。",
    ]);
    deepStrictEqual(both(W.invokeRoleUnlocked({ name: "otaru", endpoint: "sts", peerSource: "config bedrock-lz:x" })), [
      "Invoke role for otaru trust policy is not locked to the municipality's STS endpoint: " +
        "config bedrock-lz:x has no sts endpoint id. Check that the municipality stack enables that endpoint. " +
        "The role stays valid, limited to the JP profile.",
      "otaru の呼び出しロールの信頼ポリシーは自治体の STS エンドポイントにロックされていません。" +
        "config bedrock-lz:x に sts のエンドポイント ID がありません。自治体スタックがそのエンドポイントを有効にしているか確認してください。" +
        "ロールは有効なままで、JP プロファイルだけに限られます。",
    ]);
    deepStrictEqual(both(W.peerFromStack({ stack: "org/m/s", output: "ids" })), [
      "stack org/m/s (output ids)",
      "スタック org/m/s(出力 ids)",
    ]);
  });

  it("the smoke test's boot script: each setting it needs, and the referenced endpoints' security groups", () => {
    deepStrictEqual(both(W.smokeEndpointOff({ key: "sts", step: "aws sts get-caller-identity" })), [
      "bedrock-lz:endpoints.sts.enabled is false (needed for: aws sts get-caller-identity)",
      "bedrock-lz:endpoints.sts.enabled が false です(aws sts get-caller-identity に必要)",
    ]);
    deepStrictEqual(both(W.smokeReadAccessOff), [
      "bedrock-lz:codeArtifact.clientReadAccess is false (needed for: aws codeartifact login, pip install boto3)",
      "bedrock-lz:codeArtifact.clientReadAccess が false です(aws codeartifact login と pip install boto3 に必要)",
    ]);
    deepStrictEqual(both(W.smokeWillFail({ missing: ["a", "b"] })), [
      "The smoke-test instance's boot script will fail: a; b. Turn these on for the setup run (docs/municipality.md).",
      "スモークテストのインスタンスの起動スクリプトは失敗します: a。b。セットアップ実行ではこれらをオンにしてください(docs/municipality.md)。",
    ]);
    deepStrictEqual(both(W.smokeReferencedEndpoints), [
      "The smoke-test instance sends HTTPS only to this stack's endpoint security group; a referenced " +
        "interface endpoint must admit HTTPS from the instance's security group too (docs/municipality.md).",
      "スモークテストのインスタンスは、このスタックのエンドポイントのセキュリティグループにだけ HTTPS を送ります。参照している" +
        "インターフェースエンドポイントも、インスタンスのセキュリティグループからの HTTPS を受け付ける必要があります(docs/municipality.md)。",
    ]);
  });

  it("a referenced endpoint's policy: left alone, or replaced for bedrock-runtime", () => {
    deepStrictEqual(both(W.referencedPolicyLeftAlone({ key: "sts", endpointId: "vpce-1" })), [
      "The sts endpoint vpce-1 is referenced and its policy left alone: this stack does not enforce the endpoint layer " +
        "for sts (whatever policy it has applies; AWS's default allows everything). " +
        "Set existingVpc.endpoints.sts.manageExistingPolicy to true to manage it (docs/municipality.md).",
      "sts エンドポイント vpce-1 は参照するだけで、そのポリシーには手を付けません。このスタックは sts の" +
        "エンドポイントの層を強制しません(今のポリシーが効きます。AWS の既定はすべてを許可します)。管理するには " +
        "existingVpc.endpoints.sts.manageExistingPolicy を true にしてください(docs/municipality.md)。",
    ]);
    deepStrictEqual(both(W.referencedBedrockPolicyReplaced({ endpointId: "vpce-2" })), [
      "The policy of the referenced bedrock-runtime endpoint vpce-2 will admit the operator role only: " +
        "other principals that call Bedrock through it lose that path (docs/municipality.md).",
      "参照している bedrock-runtime エンドポイント vpce-2 のポリシーは事業者のロールだけを許可するようになります。" +
        "そこを通して Bedrock を呼び出していたほかのプリンシパルは、その経路を失います(docs/municipality.md)。",
    ]);
  });

  it("an operator stack without the municipality's invoke role, and endpoints the guardrails cannot list", () => {
    deepStrictEqual(both(W.noInvokeRoleInOperatorStack({ stack: "org/op/prod", name: "sapporo", output: "roles" })), [
      'operator stack org/op/prod has no invoke role for municipality "sapporo" (output roles has: nothing). ' +
        "Add bedrock-lz:municipalities.sapporo to the operator stack and run pulumi up there first, " +
        "or set bedrock-lz:operatorRoleArn here instead.",
      '事業者スタック org/op/prod に自治体 "sapporo" の呼び出しロールがありません(出力 roles にあるもの: なし)。' +
        "事業者スタックに bedrock-lz:municipalities.sapporo を加えて先にそちらで pulumi up するか、" +
        "ここで代わりに bedrock-lz:operatorRoleArn を設定してください。",
    ]);
    const has = W.noInvokeRoleInOperatorStack({ stack: "s", name: "n", output: "o", has: "otaru" });
    ok(has.includes("(output o has: otaru)"), has);
    ok(inLanguage(has, "ja").includes("(出力 o にあるもの: otaru)"), has);
    deepStrictEqual(both(W.guardrailEndpointsNotListed({ count: 1741 })), [
      "The operator's Bedrock SCP and permission boundary cannot list all 1741 approved endpoints within AWS's size " +
        "limits, so they require a VPC endpoint without naming it; each invoke role still denies every endpoint but " +
        "its municipality's own.",
      "事業者の Bedrock の SCP とアクセス許可の境界は、承認した 1741 個のエンドポイントを AWS のサイズの上限内に" +
        "並べきれないため、エンドポイントを名指しせずに VPC エンドポイント経由であることだけを求めます。各呼び出しロールは" +
        "引き続き、その自治体のもの以外のエンドポイントをすべて拒否します。",
    ]);
  });
});
