import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { defaultTags } from "../infra/naming";

export interface ProviderSettings {
  readonly account: "operator" | "municipality";
  readonly region: string;
  readonly accountId: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Every resource goes through this provider: it pins the Japan region from validated config,
 * refuses to touch any account but the configured one (a wrong profile fails before anything
 * changes), and tags everything.
 */
export function japanProvider(settings: ProviderSettings): aws.Provider {
  return new aws.Provider(`${settings.account}-${settings.region}`, {
    region: settings.region as aws.Region,
    allowedAccountIds: [settings.accountId],
    defaultTags: { tags: defaultTags(settings.account, pulumi.getStack(), settings.tags) },
  });
}
