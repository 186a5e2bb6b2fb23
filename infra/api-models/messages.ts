/**
 * Why AWS's API model refuses a text value, in English and Japanese: the config names the key and
 * the call around it (infra/config/fields.ts `refusedByModel`, `tagsRefusedBy`). Patterns and
 * limits are the model's, verbatim in both languages.
 */
import { defineMessages } from "../messages";

export const API_MODEL_MESSAGES = defineMessages("api-models", {
  en: {
    tooShort: (f: { length: number; min: number }) => `is ${f.length} characters, fewer than ${f.min}`,
    tooLong: (f: { length: number; max: number }) => `is ${f.length} characters, more than ${f.max}`,
    notOneOf: (f: { values: string }) => `is not one of ${f.values}`,
    pattern: (f: { pattern: string }) => `does not match ${f.pattern} as a whole`,
  },
  ja: {
    tooShort: (f) => `${f.length} 文字で、最小の ${f.min} 文字に足りません`,
    tooLong: (f) => `${f.length} 文字で、最大の ${f.max} 文字を超えています`,
    notOneOf: (f) => `${f.values} のいずれでもありません`,
    pattern: (f) => `全体が ${f.pattern} に一致しません`,
  },
});
