// Sums vitest's and Playwright's JSON reports from every CI run into one closing line. Before it, the
// full name of every failed test of each run (file > describe > test) and the first line of its
// error, so the end of CI's log says what failed, not only how many.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
const lines = [];

/** The first line of an error message, without colour codes, cut short. */
function firstLine(message) {
  const line = String(message ?? "")
    // Terminal colour codes, which Playwright's messages carry.
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((l) => l.trim())
    .find(Boolean);
  if (!line) return "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function note(run, kind, name, message) {
  const why = firstLine(message);
  lines.push(`${run}: ${kind} ${name}${why ? `\n    ${why}` : ""}`);
}

/** Every test of a Playwright suite and the suites inside it, with its describe titles. */
function* playwrightTests(suite, titles) {
  for (const spec of suite.specs ?? [])
    for (const t of spec.tests ?? []) yield { names: [...titles, spec.title], file: spec.file ?? suite.file, test: t };
  for (const child of suite.suites ?? []) yield* playwrightTests(child, [...titles, child.title]);
}

// Steps outside the test runners that failed (typecheck, lint, build), one a line.
const steps = path.join(root, "failed-steps");
if (existsSync(steps))
  for (const step of readFileSync(steps, "utf8").split("\n").filter(Boolean)) {
    failed++;
    lines.push(`${step} failed`);
  }

for (const run of readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()) {
  const vitest = path.join(root, run, "vitest.json");
  if (existsSync(vitest)) {
    const r = JSON.parse(readFileSync(vitest, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    for (const file of r.testResults ?? []) {
      const name = path.relative(process.cwd(), file.name);
      // A file that failed to load has no tests in the counts; count it as a failure.
      if (file.status === "failed" && file.assertionResults.length === 0) {
        failed++;
        note(run, "vitest failed to load", name, file.message);
      }
      for (const a of file.assertionResults ?? [])
        if (a.status === "failed")
          note(run, "vitest failed", [name, ...(a.ancestorTitles ?? []), a.title].join(" > "), a.failureMessages?.[0]);
    }
  } else missing++;
  const pw = path.join(root, run, "playwright.json");
  if (existsSync(pw)) {
    const report = JSON.parse(readFileSync(pw, "utf8"));
    const s = report.stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
    for (const suite of report.suites ?? [])
      for (const { names, file, test } of playwrightTests(suite, [])) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const name = `[${test.projectName}] ${[`tests/e2e/${file}`, ...names.filter((n) => n && n !== file)].join(" > ")}`;
        const error = test.results?.find((r) => r.errors?.length)?.errors[0]?.message;
        note(run, test.status === "flaky" ? "playwright flaky (passed on retry)" : "playwright failed", name, error);
      }
    // Errors outside any test (the web server not starting, a spec that does not load).
    for (const e of report.errors ?? []) note(run, "playwright error", "", e.message);
  } else missing++;
  console.log(
    `${run}: reports ${existsSync(vitest) ? "vitest" : "(no vitest report)"}, ${existsSync(pw) ? "playwright" : "(no playwright report)"}`,
  );
}
for (const line of lines) console.log(line);
failed += missing;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
