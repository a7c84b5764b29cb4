import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// E2E_CRAWL=off leaves out the every-page axe crawl: CI runs it on the embedded database and skips it
// on the server database, where the markup is the same and the journeys alone test the driver.
const crawl = process.env.E2E_CRAWL !== "off";
// Debian's headless shell (apt-get install chromium-headless-shell) when it is there: the same Blink
// as /usr/bin/chromium without the browser's UI, so it starts and runs lighter. CHROMIUM_PATH overrides.
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
// Specs that sign in as Harbour Family Trust's supervisor or lead with a password (see projects below).
const HARBOUR_STAFF_SPECS = [/forms\.spec\.ts/, /keyboard\.spec\.ts/];
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: ".data/e2e/results",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // The longest journeys take several people through a year; on a busy 2-core machine (shared with
  // other work) they need more than a minute, and a page can take more than 5 seconds to answer.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: ".data/e2e/report.json" }]] : [["list"]],
  use: {
    baseURL,
    // On CI only a retry records a trace: tracing every run (a snapshot at every step) is paid by every
    // test, though only a failing one needs it.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    },
  },
  // The every-page crawl runs beside the other specs; its coverage check ("@coverage") runs once all
  // of them have finished, so it sees what the crawl visited and every page a journey checked with axe.
  globalSetup: "./tests/e2e/global-setup.ts",
  // Projects are handed out in this order. Two-factor sign-in's story (eight tests in order) waits for the
  // authenticator's 30-second steps, so it starts first and its waits overlap the other specs, instead of
  // ending the run with one worker waiting on the clock. It turns two-factor sign-in on for Harbour Family
  // Trust's supervisor and lead (and requires it of Harbour's staff) until its last test: the specs in
  // which they sign in with a password alone ("harbour") are handed out last, long after it has finished,
  // as are the crawl's (the crawl's own tests that sign them in come at the end of its file).
  projects: [
    { name: "two-factor", testMatch: /two-factor\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      testIgnore: [/every-page\.spec\.ts/, /two-factor\.spec\.ts/, ...HARBOUR_STAFF_SPECS],
      use: { ...devices["Desktop Chrome"] },
    },
    ...(crawl
      ? [
          {
            name: "crawl",
            testMatch: /every-page\.spec\.ts/,
            grepInvert: /@coverage/,
            use: { ...devices["Desktop Chrome"] },
          },
        ]
      : []),
    { name: "harbour", testMatch: HARBOUR_STAFF_SPECS, use: { ...devices["Desktop Chrome"] } },
    ...(crawl
      ? [
          {
            name: "crawl-coverage",
            testMatch: /every-page\.spec\.ts/,
            grep: /@coverage/,
            // After every other spec, whose axe-checked pages count too.
            dependencies: ["crawl", "chromium", "two-factor", "harbour"],
            use: { ...devices["Desktop Chrome"] },
          },
        ]
      : []),
  ],
  webServer: {
    // A fresh embedded database (or the fresh server database CI hands in) with the demo world.
    command: "rm -rf .data/e2e/pglite .data/e2e/mail && node ./app/server.js",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      PGLITE_DIR: ".data/e2e/pglite",
      MAIL_DIR: ".data/e2e/mail",
      MAIL_TRANSPORT: "file",
      SEED_DEMO_DATA: "true",
      // The journeys read their emails there, on the server database too.
      DEV_MAILBOX: "true",
      // A journey counts the emails it caused: no daily digest arrives in the middle of one.
      DIGEST_HOUR: "off",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
