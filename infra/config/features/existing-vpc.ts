/**
 * Existing-VPC mode: deploy into the municipality's own closed VPC instead of creating one, and
 * use interface or gateway endpoints it already has instead of creating a second one.
 * docs/municipality.md explains each choice and what it means for the other workloads there.
 */
import { z } from "zod";
import { ENDPOINT_KEYS, type EndpointKey } from "../../endpoints";
import { CONFIG_NAMESPACE } from "../errors";
import { bool, enumKeyedRecord, vpcEndpointId, refuse } from "../fields";
import { withExample } from "../schema-shape";
import { CONFIG_MESSAGES as m, type ResourceKind } from "../messages";

/** AWS resource ids: a prefix and 8 (older resources) or 17 hexadecimal digits. */
function resourceId(kind: ResourceKind) {
  const message = m.resourceId({ kind, prefix: kind });
  return withExample(
    z.string({ error: message }).regex(new RegExp(`^${kind}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`), { error: message }),
    `${kind}-0123456789abcdef0`,
  );
}

export const vpcId = resourceId("vpc");
export const subnetId = resourceId("subnet");
export const routeTableId = resourceId("rtb");

function distinct<T extends z.ZodType<string>>(item: T, kind: ResourceKind, min: number, max: number) {
  const size = m.resourceIdCount({ kind, min, max });
  return z
    .array(item, { error: m.resourceIdList({ kind }) })
    .min(min, { error: size })
    .max(max, { error: size })
    .refine((ids) => new Set(ids).size === ids.length, { error: m.sameIdTwice });
}

const existingEndpoint = z.strictObject({
  existingEndpointId: vpcEndpointId.meta({
    description: "The endpoint already in the VPC for this service: it is used, not created (and never deleted).",
    descriptionJa: "このサービス用に VPC に既にあるエンドポイント。作成せずに使います(削除もしません)。",
  }),
  manageExistingPolicy: bool(false).meta({
    description:
      "Replace that endpoint's policy with this project's statements plus those that keep every principal of this account's use of the service (for STS also federated sign-ins to the account's own roles: web identity such as IRSA or GitHub OIDC, and SAML). Off: its policy is left alone and the plan reports the endpoint layer as not enforced.",
    descriptionJa:
      "そのエンドポイントのポリシーを、このプロジェクトのステートメントと、このアカウントのすべてのプリンシパルのサービス利用を保つステートメント(STS では、このアカウント自身のロールへのフェデレーションによるサインイン、つまり IRSA や GitHub OIDC などの Web ID と SAML も含む)に置き換えます。オフ: ポリシーには手を付けず、計画はエンドポイントの層を強制なしとして報告します。",
  }),
});

/**
 * Deploy into this existing VPC instead of creating one (mutually exclusive with `vpc`). No VPC,
 * subnet or route table is declared, so destroying the stack leaves them as they were. The
 * reference shows the leaves' descriptions only, so the object carries none of its own.
 */
export const existingVpcSchema = z
  .strictObject({
    vpcId: vpcId.meta({
      description:
        "Deploy into this existing closed VPC instead of creating one (not with `vpc`); its CIDR block is read from AWS.",
      descriptionJa:
        "VPC を作成せず、この既存の閉域 VPC にデプロイします(`vpc` とは併用不可)。CIDR ブロックは AWS から読み取ります。",
    }),
    subnetIds: distinct(subnetId, "subnet", 1, 3).meta({
      description:
        "Subnets for the interface endpoints, the client workloads and the smoke test: one per AZ (their AZs are read from AWS).",
      descriptionJa:
        "インターフェースエンドポイント、クライアントのワークロード、スモークテスト用のサブネット。AZ ごとに 1 つ(AZ は AWS から読み取ります)。",
    }),
    routeTableIds: distinct(routeTableId, "rtb", 1, 200).meta({
      description: "Route tables of those subnets; the S3 gateway endpoint adds its route to each.",
      descriptionJa:
        "それらのサブネットのルートテーブル。S3 ゲートウェイエンドポイントがそれぞれにルートを追加します。",
    }),
    endpoints: enumKeyedRecord(ENDPOINT_KEYS, existingEndpoint, "endpointKey").default({}).meta({
      description: "Endpoints the VPC already has, by key (`sts`, `s3`...): referenced instead of created.",
      descriptionJa: "VPC に既にあるエンドポイント(キーは `sts`、`s3` など)。作成せずに参照します。",
    }),
  })
  .optional();

export type ExistingVpcInput = z.output<typeof existingVpcSchema>;

/** An endpoint the VPC already has, and whether this stack manages its policy. */
export interface ExistingEndpoint {
  readonly existingEndpointId: string;
  readonly manageExistingPolicy: boolean;
}

/** The referenced network as `stacks/municipality.ts` consumes it. */
export interface ExistingVpcSettings {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly routeTableIds: readonly string[];
  readonly endpoints: Readonly<Partial<Record<EndpointKey, ExistingEndpoint>>>;
}

/**
 * Two descriptions of the network would disagree; a referenced endpoint that is switched off
 * would be silently unused.
 */
export function oneNetwork(
  cfg: {
    readonly vpc?: unknown;
    readonly existingVpc?: ExistingVpcInput;
    readonly endpoints: Readonly<Partial<Record<string, { readonly enabled?: boolean }>>>;
  },
  ctx: z.RefinementCtx,
): void {
  if (cfg.existingVpc === undefined) return;
  if (cfg.vpc !== undefined) {
    refuse(
      ctx,
      ["vpc"],
      m.vpcAndExistingVpc({
        existingKey: `${CONFIG_NAMESPACE}:existingVpc`,
        vpcKey: `${CONFIG_NAMESPACE}:vpc`,
      }),
    );
  }
  for (const key of Object.keys(cfg.existingVpc.endpoints)) {
    if (cfg.endpoints[key]?.enabled === false) {
      refuse(ctx, ["endpoints", key, "enabled"], m.referencedEndpointOff({ key }));
    }
  }
}

export function resolveExistingVpc(input: ExistingVpcInput): ExistingVpcSettings | undefined {
  if (input === undefined) return undefined;
  return {
    vpcId: input.vpcId,
    subnetIds: input.subnetIds,
    routeTableIds: input.routeTableIds,
    endpoints: input.endpoints,
  };
}
