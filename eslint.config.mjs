// ESLint flat config: typescript-eslint's recommended rules plus Pulumi's own rules, which need
// type information (they catch an Output inside a template literal, the classic way to ship a
// policy containing "Calling [toString] on an [Output<T>]"; use pulumi.interpolate instead).
import eslint from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["node_modules/", "out/", "bench/tmp/", "reports/", "**/*.js", "**/*.mjs"] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: {
        // Each file is checked with the nearest tsconfig.json (root, crossguard/, bootstrap/).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      // `_`-prefixed parameters are deliberate (interface conformance); tsc checks the rest.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // CommonJS files Node loads as they are (mocha's settings, a spec fixture).
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", exports: "writable", globalThis: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Specs read parsed JSON documents; typing every probe would add noise, not safety.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
