import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/*
 * The layers (README, Architecture): routes and components never reach the database (they call a
 * module in app/modules), components never import server-only code, and the schema depends on
 * nothing in app/. `no-restricted-imports` patterns are matched like .gitignore lines, where a leading
 * `#` starts a comment: `#db/*` would never match anything, so the database alias is matched by
 * regular expression. tests/unit/layering-lint.test.ts proves each rule fires.
 */
const NO_DATABASE = {
  regex: "^(#db(/|$)|drizzle-orm(/|$)|postgres$|@electric-sql/pglite(/|$))",
  message: "Routes and components call a module in app/modules; they do not reach the database.",
};
const NO_SERVER_MODULE = {
  regex: "\\.server(\\.[cm]?[jt]sx?)?$",
  message: "Components are drawn in the browser too: pass them data, and keep *.server modules to routes and modules.",
};
const NO_ROUTER_LINKS = {
  name: "@remix-run/react",
  importNames: ["Link", "NavLink"],
  message: "Links between pages are plain anchors (<a href>, or MenuLink in a menu): ADR 019.",
};
const NO_APP = {
  regex: "^(~(/|$)|(\\.\\./)+app(/|$))",
  message: "The schema depends on nothing in app/: keep what it needs (an enum's values) in db/schema.",
};

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
    },
  },
  // Routes, the root and the entries: HTTP and rendering only (gate, parse, call a module, render).
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/modules/**", "app/utils/**", "app/components/**"],
    rules: { "no-restricted-imports": ["error", { paths: [NO_ROUTER_LINKS], patterns: [NO_DATABASE] }] },
  },
  // Components: presentational, drawn on the server and in the browser.
  {
    files: ["app/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { paths: [NO_ROUTER_LINKS], patterns: [NO_DATABASE, NO_SERVER_MODULE] }],
    },
  },
  // The schema: tables, enums and their types, for both drivers and drizzle-kit.
  {
    files: ["db/schema/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_APP] }] },
  },
  {
    files: ["app/server.js", ".ci/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly" } },
  },
);
