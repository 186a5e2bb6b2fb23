/**
 * The Anthropic first-use form as `PutUseCaseForModelAccess` expects it: a JSON document whose
 * field names are those of the console form. The provider turns the string into the API's blob.
 */
import type { UseCaseForm } from "./operator-config";

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
