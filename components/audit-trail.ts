import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CLOUDTRAIL_KEY_PREFIX } from "../infra/logging-policies";

/** Arguments of {@link BedrockAuditTrail}. */
export interface BedrockAuditTrailArgs {
  /** Fixed, so the bucket and key policies can name the trail before it exists. */
  readonly trailName: string;
  /** The invocation log bucket; its policy must already let CloudTrail write. */
  readonly bucketName: pulumi.Input<string>;
  readonly keyArn: pulumi.Input<string>;
}

/**
 * A single-region CloudTrail trail for operators without an organisation trail. Bedrock's
 * InvokeModel, Converse and their streaming forms are management events, so the management
 * selector records every municipality call (who assumed which invoke role, from which endpoint);
 * guardrail evaluations are data events and get their own selector. The trail writes to the
 * invocation log bucket under `cloudtrail/`, encrypted with the same key.
 */
export class BedrockAuditTrail extends pulumi.ComponentResource {
  readonly trailArn: pulumi.Output<string>;

  constructor(name: string, args: BedrockAuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    // The alias keeps the URNs of stacks deployed before the token named the domain, not the account.
    super(
      "bedrock-lz:logging:BedrockAuditTrail",
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: "bedrock-lz:operator:BedrockAuditTrail" }] },
    );

    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: args.trailName,
        s3BucketName: args.bucketName,
        s3KeyPrefix: CLOUDTRAIL_KEY_PREFIX,
        kmsKeyId: args.keyArn,
        enableLogFileValidation: true,
        // STS AssumeRole through the regional endpoint is logged in this region anyway.
        includeGlobalServiceEvents: true,
        isMultiRegionTrail: false,
        advancedEventSelectors: [
          {
            name: "Management events, including Bedrock InvokeModel and Converse",
            fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
          },
          {
            name: "Bedrock guardrail evaluations",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Data"] },
              { field: "resources.type", equals: ["AWS::Bedrock::Guardrail"] },
            ],
          },
        ],
      },
      // The component's dependsOn (the bucket policy) is recorded on the trail itself too, so the
      // engine keeps the order on replacements as well as on the first create.
      { parent: this, dependsOn: opts?.dependsOn },
    );

    this.trailArn = trail.arn;
    this.registerOutputs({ trailArn: this.trailArn });
  }
}
