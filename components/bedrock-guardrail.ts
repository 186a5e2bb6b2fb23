import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { guardrailConfigDigest, guardrailPolicyBlocks } from "../infra/bedrock-guardrail";
import type { GuardrailSettings } from "../infra/config";

/** Arguments of {@link BedrockGuardrail}. */
export interface BedrockGuardrailArgs {
  readonly guardrailName: string;
  readonly settings: GuardrailSettings;
}

/**
 * A Bedrock guardrail (content filters, denied topics, PII masking from config) and a published
 * version of it. The invoke roles pin that version with `bedrock:GuardrailIdentifier`: the
 * working DRAFT can be edited in the console, a published version cannot.
 */
export class BedrockGuardrail extends pulumi.ComponentResource {
  readonly guardrailArn: pulumi.Output<string>;
  readonly guardrailId: pulumi.Output<string>;
  readonly version: pulumi.Output<string>;

  constructor(name: string, args: BedrockGuardrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:operator:BedrockGuardrail", name, {}, opts);

    const guardrail = new aws.bedrock.Guardrail(
      `${name}-guardrail`,
      {
        name: args.guardrailName,
        description: "bedrock-lz: enforced on every municipality invoke role when enforceOnInvokeRoles is set",
        blockedInputMessaging: args.settings.blockedInputMessaging,
        blockedOutputsMessaging: args.settings.blockedOutputsMessaging,
        ...guardrailPolicyBlocks(args.settings),
      },
      { parent: this },
    );

    const version = new aws.bedrock.GuardrailVersion(
      `${name}-version`,
      {
        guardrailArn: guardrail.guardrailArn,
        // A changed digest publishes a new version: a version is a snapshot taken when created.
        description: `Published by pulumi up from configuration ${guardrailConfigDigest(args.settings)}`,
        // Clients may still name the old version while the role policy moves to the new one.
        skipDestroy: true,
      },
      { parent: this, replaceOnChanges: ["description"], deleteBeforeReplace: false },
    );

    this.guardrailArn = guardrail.guardrailArn;
    this.guardrailId = guardrail.guardrailId;
    this.version = version.version;
    this.registerOutputs({ guardrailArn: this.guardrailArn, guardrailId: this.guardrailId, version: this.version });
  }
}
