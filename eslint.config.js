import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", ".data/", "node_modules/", "db/migrations/", "bench/tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Routes may not reach the database directly: they call a module (see DESIGN.md layers).
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["#db/*", "drizzle-orm", "drizzle-orm/*"], message: "Routes call a module in app/modules; they do not query the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/modules/**", "app/utils/**", "db/**", "tests/**", "bench/**", "*.config.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["app/server.js", ".ci/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly" } },
  },
);
