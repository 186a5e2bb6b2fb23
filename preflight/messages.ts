/**
 * What `npm run preflight` says, in English and Japanese (infra/messages.ts): its usage, each
 * finding and its report. VPC, subnet and endpoint ids, config keys, service names and commands
 * stay verbatim in both languages.
 */
import { defineMessages } from "../infra/messages";

const SYNOPSIS = [
  "usage: npm run preflight -- --stack <Pulumi.<stack>.yaml> [--lang en|ja]",
  "       npm run preflight -- --vpc-id <vpc-…> [--subnet-id <subnet-…>]... [--region <region>] [--lang en|ja]",
].join("\n");

/** Which setup feature creates an endpoint that exists only in the setup run, if any. */
type SetupFeature = "packages" | "session" | undefined;
const FEATURE = { packages: "codeArtifact.clientReadAccess or smokeTest", session: "sessionAccess" } as const;
const FEATURE_JA = { packages: "codeArtifact.clientReadAccess か smokeTest", session: "sessionAccess" } as const;
const whenCreated = (feature: SetupFeature) =>
  feature === undefined ? "" : ` (created while ${FEATURE[feature]} is on)`;
const whenCreatedJa = (feature: SetupFeature) =>
  feature === undefined ? "" : `(${FEATURE_JA[feature]} がオンの間に作られるもの)`;

export const PREFLIGHT_MESSAGES = defineMessages("preflight", {
  en: {
    usage: `${SYNOPSIS}

  --stack <file>        the municipality stack file in existing-VPC mode: its existingVpc (VPC, subnets,
                        referenced endpoints), its region and the endpoints its features create are checked
  --vpc-id <id>         before there is a stack file: the VPC, with the endpoints a stack file without
                        endpoint settings creates (setup features included)
  --subnet-id <id>      with --vpc-id: a subnet the stack will use (repeat it); default: every subnet of the VPC
  --region <name>       with --vpc-id: ap-northeast-1 or ap-northeast-3 (default: AWS_REGION, else ap-northeast-1)
  --lang en|ja          the language of the report (default: the locale, LC_ALL/LC_MESSAGES/LANG)
  --help                this text

exit: 0 ready, 1 findings to fix (listed), 2 bad arguments or a failed read`,
    noSuchFile: (f: { file: string }) => `--stack ${f.file}: no such file`,
    stackFileProblem: (f: { file: string; problem: string }) => `--stack ${f.file}: ${f.problem}`,
    notMunicipality: (f: { file: string }) => `--stack ${f.file} is not a municipality stack file`,
    noExistingVpc: (f: { file: string }) =>
      `${f.file} sets no bedrock-lz:existingVpc: preflight checks a VPC the stack deploys into`,
    goesWithVpcId: (f: { option: string }) => `--${f.option} goes with --vpc-id; --stack reads it from the file`,
    stackOrVpcId: "--stack or --vpc-id is required",
    notVpcId: (f: { value: string }) => `--vpc-id ${f.value} is not a VPC id (vpc-…)`,
    notSubnetId: (f: { value: string }) => `--subnet-id ${f.value} is not a subnet id (subnet-…)`,
    region: (f: { regions: readonly string[]; value: string }) =>
      `--region must be ${f.regions.join(" or ")}, not ${f.value}`,
    readFailed: (f: { vpcId: string; name: string; problem: string }) =>
      `preflight could not read ${f.vpcId}: ${f.name}: ${f.problem}`,

    vpcNotFound: (f: { vpcId: string; region: string }) =>
      `${f.vpcId} does not exist in ${f.region} for these credentials`,
    internetGateway: (f: { id: string }) => `internet gateway ${f.id} is attached: the VPC is not closed`,
    natGateway: (f: { id: string }) => `NAT gateway ${f.id} is in the VPC: the VPC is not closed`,
    internetRoute: (f: { route: string }) => `route ${f.route} leads out of the VPC: the VPC is not closed`,
    dnsSupport: "enableDnsSupport is off: private DNS of interface endpoints needs it (ec2 modify-vpc-attribute)",
    dnsHostnames: "enableDnsHostnames is off: private DNS of interface endpoints needs it (ec2 modify-vpc-attribute)",
    subnetNotInVpc: (f: { id: string; vpcId: string }) =>
      `existingVpc.subnetIds: ${f.id} is not a subnet of ${f.vpcId}`,
    referencedMissing: (f: { key: string; id: string; vpcId: string }) =>
      `existingVpc.endpoints.${f.key}.existingEndpointId: ${f.id} is not an endpoint of ${f.vpcId}`,
    endpointConflict: (f: { type: string; id: string; key: string; feature?: SetupFeature }) =>
      `${f.type} endpoint ${f.id} already serves ${f.key}${whenCreated(f.feature)}: reference it with ` +
      `existingVpc.endpoints.${f.key}.existingEndpointId: ${f.id}`,
    hostedZoneConflict: (f: { zone: string; key: string; feature?: SetupFeature }) =>
      `private hosted zone ${f.zone} is associated with the VPC (a central endpoint?): ` +
      `this stack's private-DNS ${f.key} endpoint${whenCreated(f.feature)} cannot be created; switch it off or disassociate the zone`,
    freeIps: (f: { id: string; free: number; needed: number }) =>
      `subnet ${f.id} has ${f.free} free IP addresses; the endpoints and the smoke test need ${f.needed}`,
    serviceNotInAz: (f: { service: string; zone: string; id: string; offered: string }) =>
      `${f.service} is not offered in ${f.zone} (subnet ${f.id}); use a subnet in ${f.offered}`,

    heading: (f: { vpcId: string; region: string; file?: string }) =>
      `preflight of ${f.vpcId} in ${f.region}` + (f.file === undefined ? "" : ` for ${f.file}`),
    subnets: (f: { every: boolean; list?: readonly string[] }) =>
      `  ${f.every ? "subnets (every one of the VPC)" : "subnets"}: ${f.list?.join(", ") ?? "none"}`,
    subnet: (f: { id: string; zone: string; free: number }) => `${f.id} (${f.zone}, ${f.free} free)`,
    created: (f: { list?: string }) => `  endpoints the stack creates (setup run included): ${f.list ?? "none"}`,
    already: (f: { list?: string }) => `  endpoints already there: ${f.list ?? "none"}`,
    ready: "ready: closed, DNS on, no conflicting endpoint or hosted zone, room in every subnet",
    toFix: (f: { count: number }) => `${f.count} to fix before pulumi up:`,
  },
  ja: {
    usage: `${SYNOPSIS.replace(/^usage: /, "使い方: ")}

  --stack <file>        既存 VPC モードの自治体のスタックファイル。その existingVpc(VPC、サブネット、参照する
                        エンドポイント)、リージョン、機能が作るエンドポイントを確認します
  --vpc-id <id>         スタックファイルがまだないとき: その VPC を、エンドポイントの設定のないスタックファイルが
                        作るエンドポイント(セットアップ用の機能を含む)について確認します
  --subnet-id <id>      --vpc-id と一緒に: スタックが使うサブネット(繰り返し可)。既定は VPC のすべてのサブネット
  --region <name>       --vpc-id と一緒に: ap-northeast-1 か ap-northeast-3(既定は AWS_REGION、なければ ap-northeast-1)
  --lang en|ja          レポートの言語(既定はロケール: LC_ALL/LC_MESSAGES/LANG)
  --help                この説明

終了コード: 0 準備完了、1 直すべき点がある(一覧を表示)、2 引数の誤りか読み取りの失敗`,
    noSuchFile: (f) => `--stack ${f.file}: ファイルがありません`,
    stackFileProblem: (f) => `--stack ${f.file}: ${f.problem}`,
    notMunicipality: (f) => `--stack ${f.file} は自治体のスタックファイルではありません`,
    noExistingVpc: (f) =>
      `${f.file} は bedrock-lz:existingVpc を設定していません。preflight はスタックがデプロイする先の既存 VPC を確認します`,
    goesWithVpcId: (f) => `--${f.option} は --vpc-id と一緒に使います。--stack ではファイルから読みます`,
    stackOrVpcId: "--stack か --vpc-id が必要です",
    notVpcId: (f) => `--vpc-id ${f.value} は VPC ID(vpc-…)ではありません`,
    notSubnetId: (f) => `--subnet-id ${f.value} はサブネット ID(subnet-…)ではありません`,
    region: (f) => `--region は ${f.regions.join(" か ")} です(${f.value} ではなく)`,
    readFailed: (f) => `preflight は ${f.vpcId} を読めませんでした: ${f.name}: ${f.problem}`,

    vpcNotFound: (f) => `${f.vpcId} は、この認証情報では ${f.region} に存在しません`,
    internetGateway: (f) => `インターネットゲートウェイ ${f.id} がアタッチされています。VPC が閉域ではありません`,
    natGateway: (f) => `NAT ゲートウェイ ${f.id} が VPC にあります。VPC が閉域ではありません`,
    internetRoute: (f) => `ルート ${f.route} が VPC の外へ出ます。VPC が閉域ではありません`,
    dnsSupport:
      "enableDnsSupport がオフです。インターフェースエンドポイントのプライベート DNS に必要です(ec2 modify-vpc-attribute)",
    dnsHostnames:
      "enableDnsHostnames がオフです。インターフェースエンドポイントのプライベート DNS に必要です(ec2 modify-vpc-attribute)",
    subnetNotInVpc: (f) => `existingVpc.subnetIds: ${f.id} は ${f.vpcId} のサブネットではありません`,
    referencedMissing: (f) =>
      `existingVpc.endpoints.${f.key}.existingEndpointId: ${f.id} は ${f.vpcId} のエンドポイントではありません`,
    endpointConflict: (f) =>
      `${f.type} エンドポイント ${f.id} が既に ${f.key}${whenCreatedJa(f.feature)}を提供しています。` +
      `existingVpc.endpoints.${f.key}.existingEndpointId: ${f.id} で参照してください`,
    hostedZoneConflict: (f) =>
      `プライベートホストゾーン ${f.zone} が VPC に関連付けられています(集約したエンドポイント?)。このスタックの` +
      `プライベート DNS を使う ${f.key} エンドポイント${whenCreatedJa(f.feature)}を作れません。それをオフにするか、` +
      `ゾーンの関連付けを外してください`,
    freeIps: (f) =>
      `サブネット ${f.id} の空き IP アドレスは ${f.free} 個です。エンドポイントとスモークテストには ${f.needed} 個必要です`,
    serviceNotInAz: (f) =>
      `${f.service} は ${f.zone}(サブネット ${f.id})では提供されていません。${f.offered} のサブネットを使ってください`,

    heading: (f) =>
      `preflight: ${f.vpcId}(${f.region})の確認` + (f.file === undefined ? "" : `(スタックファイル ${f.file})`),
    subnets: (f) => `  ${f.every ? "サブネット(VPC のすべて)" : "サブネット"}: ${f.list?.join("、") ?? "なし"}`,
    subnet: (f) => `${f.id}(${f.zone}、空き ${f.free})`,
    created: (f) => `  スタックが作るエンドポイント(セットアップ実行を含む): ${f.list ?? "なし"}`,
    already: (f) => `  既にあるエンドポイント: ${f.list ?? "なし"}`,
    ready: "準備完了: 閉域で、DNS はオン、衝突するエンドポイントもホストゾーンもなく、どのサブネットにも空きがあります",
    toFix: (f) => `pulumi up の前に直すべき点が ${f.count} 件あります:`,
  },
});
