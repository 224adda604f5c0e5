// Lint rules: eslint's and typescript-eslint's recommended sets, over the project's TypeScript.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "build/", ".jupyter/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["kernel/launch.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Stubs keep the solution's parameters (the student fills in the body), so unused arguments are expected there.
    files: ["exercises/**/*.ts"],
    rules: { "@typescript-eslint/no-unused-vars": ["error", { args: "none" }] },
  },
);
