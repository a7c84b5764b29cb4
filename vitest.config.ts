import { availableParallelism } from "node:os";
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
    // Vitest's default keeps a core for itself (one worker on two cores), but the files' own work is nearly all
    // of it: two workers at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ["tests/support/vitest-setup.ts"],
    // One migrated database a run; each file's database is a copy of it (see the file).
    globalSetup: ["tests/support/database-template.ts"],
    // CI sums the counts of both runs from these reports (see .ci/summarise.mjs).
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".data/test-results/vitest.json" },
  },
});
