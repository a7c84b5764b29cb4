// Sums vitest's and Playwright's JSON reports from every CI run into one closing line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;

for (const run of readdirSync(root)) {
  const vitest = path.join(root, run, "vitest.json");
  if (existsSync(vitest)) {
    const r = JSON.parse(readFileSync(vitest, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    // A file that failed to load has no tests in the counts; count it as a failure.
    failed += (r.testResults ?? []).filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  } else missing++;
  const pw = path.join(root, run, "playwright.json");
  if (existsSync(pw)) {
    const s = JSON.parse(readFileSync(pw, "utf8")).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
  } else missing++;
  console.log(`${run}: reports ${existsSync(vitest) ? "vitest" : "(no vitest report)"}, ${existsSync(pw) ? "playwright" : "(no playwright report)"}`);
}
failed += missing;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
