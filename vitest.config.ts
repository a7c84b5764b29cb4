import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve("app"),
      "#db": path.resolve("db"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/trust/**/*.test.ts"],
    environment: "node",
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ["tests/support/vitest-setup.ts"],
    // CI sums the counts of both runs from these reports (see .ci/summarise.mjs).
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".data/test-results/vitest.json" },
  },
});
