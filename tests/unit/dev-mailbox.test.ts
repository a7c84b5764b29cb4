import { afterEach, expect, test, vi } from "vitest";

// env() reads process.env once; each case loads the module afresh.
async function mailboxWith(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v as string);
  const { devMailboxOpen } = await import("~/utils/env.server");
  return devMailboxOpen();
}

afterEach(() => vi.unstubAllEnvs());

test("the development mailbox, which shows reset links, is closed on a production server database", async () => {
  const production = { NODE_ENV: "production", SMTP_HOST: undefined, MAIL_TRANSPORT: "file", DEV_MAILBOX: undefined };
  expect(await mailboxWith({ ...production, DATABASE_URL: "postgres://db/pp" })).toBe(false);
  expect(await mailboxWith({ ...production, DATABASE_URL: "postgres://db/pp", DEV_MAILBOX: "true" })).toBe(true);
  expect(await mailboxWith({ ...production, DATABASE_URL: undefined })).toBe(true); // the embedded-database demo
  expect(await mailboxWith({ NODE_ENV: "test", MAIL_TRANSPORT: "smtp", SMTP_HOST: "mail", DEV_MAILBOX: "true" })).toBe(
    false,
  );
});
