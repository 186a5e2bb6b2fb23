import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MODEL_AGREEMENT_OFFER_TYPE, useCaseFormData } from "../infra/model-access";
import type { UseCaseForm } from "../infra/config";

/** Arguments of {@link BedrockModelAccess}. */
export interface BedrockModelAccessArgs {
  /** Foundation model whose marketplace offer is accepted, e.g. `anthropic.claude-haiku-4-5-20251001-v1:0`. */
  readonly modelId: string;
  /** The Anthropic first-use form, submitted once per account. */
  readonly useCaseForm: UseCaseForm;
}

/**
 * Model access as code (docs/design.md §4.7): submits the Anthropic first-use form and accepts the
 * model's public offer, replacing the console form and the first-call bootstrap EC2 of the
 * source report. Both are account-wide: the form cannot be withdrawn (destroy only forgets it)
 * and an agreement is a marketplace subscription, which is why the stack leaves this off unless
 * `modelAccess.enabled` is set.
 */
export class BedrockModelAccess extends pulumi.ComponentResource {
  readonly modelId: pulumi.Output<string>;
  readonly offerId: pulumi.Output<string>;

  constructor(name: string, args: BedrockModelAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bedrock-lz:operator:BedrockModelAccess", name, {}, opts);

    const useCase = new aws.bedrock.UseCaseForModelAccess(
      `${name}-use-case`,
      { formData: useCaseFormData(args.useCaseForm) },
      // The API cannot delete a submitted form; keep Pulumi from pretending it did.
      { parent: this, retainOnDelete: true },
    );

    const offers = aws.bedrockfoundation.getModelAgreementOffersOutput(
      { modelId: args.modelId, offerType: MODEL_AGREEMENT_OFFER_TYPE },
      { parent: this },
    );
    const offer = offers.apply((result) => {
      const first = result.offers[0];
      if (first === undefined) {
        throw new Error(
          `Bedrock lists no ${MODEL_AGREEMENT_OFFER_TYPE} offer for ${args.modelId} in this region; ` +
            "check the model id (infra/catalog.ts) or accept the offer in the console",
        );
      }
      return first;
    });

    new aws.bedrockfoundation.ModelAgreement(
      `${name}-agreement`,
      { modelId: args.modelId, offerToken: offer.offerToken },
      // Offer tokens rotate; a new token must not replace an agreement that is already in force.
      { parent: this, dependsOn: [useCase], ignoreChanges: ["offerToken"] },
    );

    this.modelId = pulumi.output(args.modelId);
    this.offerId = offer.offerId;
    this.registerOutputs({ modelId: this.modelId, offerId: this.offerId });
  }
}
