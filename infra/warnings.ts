/**
 * The warnings the program itself logs (`pulumi.log.warn` in stacks/ and components/), and the
 * errors it stops with once the config is valid, in English and Japanese (infra/messages.ts). The program logs the English text, as `pulumi up` shows it and
 * plan.json keeps it; the text remembers its Japanese, so `npm run plan --lang ja` prints the same
 * warning in Japanese. Keys, endpoint ids, stack names and commands stay verbatim in both.
 */
import { defineMessages } from "./messages";

export const PROGRAM_WARNINGS = defineMessages("program-warnings", {
  en: {
    invokeRoleUnlocked: (f: { name: string; endpoint: "bedrock-runtime" | "sts"; peerSource?: string }) =>
      `Invoke role for ${f.name} ` +
      (f.endpoint === "bedrock-runtime"
        ? "is not locked to the municipality's bedrock-runtime endpoint (no aws:SourceVpce deny)"
        : "trust policy is not locked to the municipality's STS endpoint") +
      ": " +
      (f.peerSource === undefined
        ? "no endpoint id is configured yet. After the municipality stack is up, set " +
          `bedrock-lz:municipalities.${f.name}.municipalityStack (or the endpoint ids) and run pulumi up again`
        : `${f.peerSource} has no ${f.endpoint} endpoint id. Check that the municipality stack enables that endpoint`) +
      ". The role stays valid, limited to the JP profile.",
    peerFromStack: (f: { stack: string; output: string }) => `stack ${f.stack} (output ${f.output})`,
    peerFromConfig: (f: { key: string }) => `config ${f.key}`,
    smokeEndpointOff: (f: { key: string; step: string }) =>
      `bedrock-lz:endpoints.${f.key}.enabled is false (needed for: ${f.step})`,
    smokeReadAccessOff:
      "bedrock-lz:codeArtifact.clientReadAccess is false (needed for: aws codeartifact login, pip install boto3)",
    smokeWillFail: (f: { missing: readonly string[] }) =>
      `The smoke-test instance's boot script will fail: ${f.missing.join("; ")}. ` +
      `Turn these on for the setup run (docs/municipality.md).`,
    smokeReferencedEndpoints:
      "The smoke-test instance sends HTTPS only to this stack's endpoint security group; a referenced " +
      "interface endpoint must admit HTTPS from the instance's security group too (docs/municipality.md).",
    referencedPolicyLeftAlone: (f: { key: string; endpointId: string }) =>
      `The ${f.key} endpoint ${f.endpointId} is referenced and its policy left alone: ` +
      `this stack does not enforce the endpoint layer for ${f.key} (whatever policy it has applies; AWS's default allows everything). ` +
      `Set existingVpc.endpoints.${f.key}.manageExistingPolicy to true to manage it (docs/municipality.md).`,
    referencedBedrockPolicyReplaced: (f: { endpointId: string }) =>
      `The policy of the referenced bedrock-runtime endpoint ${f.endpointId} will admit the ` +
      "operator role only: other principals that call Bedrock through it lose that path (docs/municipality.md).",
    noInvokeRoleInOperatorStack: (f: { stack: string; name: string; output: string; has?: string }) =>
      `operator stack ${f.stack} has no invoke role for municipality "${f.name}" ` +
      `(output ${f.output} has: ${f.has ?? "nothing"}). ` +
      `Add bedrock-lz:municipalities.${f.name} to the operator stack and run pulumi up there first, ` +
      `or set bedrock-lz:operatorRoleArn here instead.`,
    guardrailEndpointsNotListed: (f: { count: number }) =>
      `The operator's Bedrock SCP and permission boundary cannot list all ${f.count} approved endpoints ` +
      "within AWS's size limits, so they require a VPC endpoint without naming it; each invoke role still " +
      "denies every endpoint but its municipality's own.",
  },
  ja: {
    invokeRoleUnlocked: (f) =>
      `${f.name} の呼び出しロール` +
      (f.endpoint === "bedrock-runtime"
        ? "は自治体の bedrock-runtime エンドポイントにロックされていません(aws:SourceVpce による拒否がありません)"
        : "の信頼ポリシーは自治体の STS エンドポイントにロックされていません") +
      "。" +
      (f.peerSource === undefined
        ? "エンドポイント ID がまだ設定されていません。自治体スタックの up の後、" +
          `bedrock-lz:municipalities.${f.name}.municipalityStack(またはエンドポイント ID)を設定して、もう一度 pulumi up してください`
        : `${f.peerSource} に ${f.endpoint} のエンドポイント ID がありません。自治体スタックがそのエンドポイントを有効にしているか確認してください`) +
      "。ロールは有効なままで、JP プロファイルだけに限られます。",
    peerFromStack: (f) => `スタック ${f.stack}(出力 ${f.output})`,
    peerFromConfig: (f) => `設定 ${f.key}`,
    smokeEndpointOff: (f) => `bedrock-lz:endpoints.${f.key}.enabled が false です(${f.step} に必要)`,
    smokeReadAccessOff:
      "bedrock-lz:codeArtifact.clientReadAccess が false です(aws codeartifact login と pip install boto3 に必要)",
    smokeWillFail: (f) =>
      `スモークテストのインスタンスの起動スクリプトは失敗します: ${f.missing.join("。")}。` +
      `セットアップ実行ではこれらをオンにしてください(docs/municipality.md)。`,
    smokeReferencedEndpoints:
      "スモークテストのインスタンスは、このスタックのエンドポイントのセキュリティグループにだけ HTTPS を送ります。参照している" +
      "インターフェースエンドポイントも、インスタンスのセキュリティグループからの HTTPS を受け付ける必要があります(docs/municipality.md)。",
    referencedPolicyLeftAlone: (f) =>
      `${f.key} エンドポイント ${f.endpointId} は参照するだけで、そのポリシーには手を付けません。このスタックは ${f.key} の` +
      `エンドポイントの層を強制しません(今のポリシーが効きます。AWS の既定はすべてを許可します)。管理するには ` +
      `existingVpc.endpoints.${f.key}.manageExistingPolicy を true にしてください(docs/municipality.md)。`,
    referencedBedrockPolicyReplaced: (f) =>
      `参照している bedrock-runtime エンドポイント ${f.endpointId} のポリシーは事業者のロールだけを許可するようになります。` +
      "そこを通して Bedrock を呼び出していたほかのプリンシパルは、その経路を失います(docs/municipality.md)。",
    noInvokeRoleInOperatorStack: (f) =>
      `事業者スタック ${f.stack} に自治体 "${f.name}" の呼び出しロールがありません(出力 ${f.output} にあるもの: ` +
      `${f.has ?? "なし"})。事業者スタックに bedrock-lz:municipalities.${f.name} を加えて先にそちらで pulumi up するか、` +
      `ここで代わりに bedrock-lz:operatorRoleArn を設定してください。`,
    guardrailEndpointsNotListed: (f) =>
      `事業者の Bedrock の SCP とアクセス許可の境界は、承認した ${f.count} 個のエンドポイントを AWS のサイズの上限内に` +
      "並べきれないため、エンドポイントを名指しせずに VPC エンドポイント経由であることだけを求めます。各呼び出しロールは" +
      "引き続き、その自治体のもの以外のエンドポイントをすべて拒否します。",
  },
});
