/** Keys both account kinds accept, with the same meaning. */
import { accountId, inferenceProfileId, region, tags } from "./fields";
import { organizationsSchema } from "./features/organizations";
import { permissionBoundarySchema } from "./features/permission-boundary";

export const commonKeys = {
  region: region.meta({
    description:
      "Region of every resource: Tokyo or Osaka only (data stays in Japan). Both stacks must use the same one.",
  }),
  accountId: accountId.meta({
    description:
      "The AWS account this stack deploys into, as a quoted string; the provider refuses any other (`allowedAccountIds`).",
  }),
  inferenceProfileId: inferenceProfileId.meta({
    description:
      "Japan-only (`jp.`) cross-region inference profile from `infra/catalog.ts`; `apac.`, `global.` and `us.` route abroad and are rejected.",
  }),
  tags: tags.meta({
    description: "Extra tags on every resource, besides `Project`, `Account`, `Stack` and `ManagedBy`.",
  }),
  permissionBoundary: permissionBoundarySchema,
  organizations: organizationsSchema,
};
