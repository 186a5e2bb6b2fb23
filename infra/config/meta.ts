/**
 * What every config key's `.meta({...})` carries: the English `description` and its Japanese
 * `descriptionJa`, both rendered by `npm run docs:config` (docs/configuration.md and
 * docs/configuration.ja.md). Declaring `descriptionJa` required here makes a `.meta({ description })`
 * without it a type error at the key itself; tests/reference/config-reference.spec.ts also names
 * any key of the schema that lacks either text.
 */
import "zod";
import type { Characters } from "./characters";

declare module "zod/v4/core" {
  interface GlobalMeta {
    /** One table cell of Japanese: docs/glossary.md's terms, config keys and identifiers verbatim in backticks. */
    descriptionJa: string;
    /** For a free-text key: which characters (and how many) it allows, and whose model says so (./characters.ts). */
    characters?: Characters;
  }
}
