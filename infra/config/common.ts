/** Keys both account kinds accept, with the same meaning. */
import { CHARACTERS } from "./characters";
import { accountId, inferenceProfileId, region, tags } from "./fields";
import { organizationsSchema } from "./features/organizations";
import { permissionBoundarySchema } from "./features/permission-boundary";

export const commonKeys = {
  region: region.meta({
    description:
      "Region of every resource: Tokyo or Osaka only (data stays in Japan). Both stacks must use the same one.",
    descriptionJa:
      "すべてのリソースのリージョン。東京か大阪だけです(データは日本国内にとどまります)。両方のスタックで同じリージョンにします。",
  }),
  accountId: accountId.meta({
    description:
      "The AWS account this stack deploys into, as a quoted string; the provider refuses any other (`allowedAccountIds`).",
    descriptionJa:
      "このスタックのデプロイ先の AWS アカウント。引用符で囲んだ文字列で書きます。プロバイダーはほかのアカウントを拒否します(`allowedAccountIds`)。",
  }),
  inferenceProfileId: inferenceProfileId.meta({
    description:
      "Japan-only (`jp.`) cross-region inference profile from `infra/catalog.ts`; `apac.`, `global.` and `us.` route abroad and are rejected.",
    descriptionJa:
      "`infra/catalog.ts` にある JP プロファイル(`jp.`、日本国内だけのクロスリージョン推論)。`apac.`、`global.`、`us.` は国外へ送るため拒否されます。",
    characters: CHARACTERS.inferenceProfileId,
  }),
  tags: tags.meta({
    description: "Extra tags on every resource, besides `Project`, `Account`, `Stack` and `ManagedBy`.",
    descriptionJa: "すべてのリソースに付ける追加のタグ(`Project`、`Account`、`Stack`、`ManagedBy` のほか)。",
    characters: CHARACTERS.tags,
  }),
  permissionBoundary: permissionBoundarySchema,
  organizations: organizationsSchema,
};
