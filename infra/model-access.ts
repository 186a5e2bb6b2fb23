/**
 * The Anthropic first-use form as `PutUseCaseForModelAccess` expects it: a JSON document whose
 * field names are those of the console form. The provider turns the string into the API's blob.
 */
import type { UseCaseForm } from "./config";
import { type PolicyDocument, policyDocument } from "./iam/document";
import { BEDROCK_INVOKE_ACTIONS, type ProfileTarget, foundationModelArnsOf, profileArnOf } from "./policies";

/** Fixed key order, so the same config always yields the same string (no spurious diffs). */
export function useCaseFormData(form: UseCaseForm): string {
  return JSON.stringify({
    companyName: form.companyName,
    companyWebsite: form.companyWebsite,
    intendedUsers: form.intendedUsers,
    industryOption: form.industryOption,
    otherIndustryOption: form.otherIndustryOption,
    useCases: form.useCases,
  });
}

/** Offers are listed per foundation model; `PUBLIC` is the marketplace offer every account gets. */
export const MODEL_AGREEMENT_OFFER_TYPE = "PUBLIC";

/**
 * The endpoint policy of the temporary first-call network: any principal of the operator
 * account may invoke the JP profile (and its models through it); nothing else passes.
 */
export function firstCallEndpointPolicy(target: ProfileTarget): PolicyDocument {
  return policyDocument({
    Sid: "OperatorAccountInvokesJapanProfileOnly",
    Effect: "Allow",
    Principal: "*",
    Action: BEDROCK_INVOKE_ACTIONS,
    Resource: [profileArnOf(target), ...foundationModelArnsOf(target)],
    Condition: { StringEquals: { "aws:PrincipalAccount": target.operatorAccountId } },
  });
}
