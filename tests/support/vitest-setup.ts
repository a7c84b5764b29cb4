import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resetCache } from "~/utils/cache.server";

// Every test starts with an empty data cache: what one test worked out is never answered in another.
beforeEach(() => resetCache());

// Each test file gets its own mailbox folder, removed once its tests have run.
const mailDir = mkdtempSync(path.join(tmpdir(), "pp-mail-"));
process.env.MAIL_DIR = mailDir;
afterAll(() => {
  rmSync(mailDir, { recursive: true, force: true });
  // A test file that writes its own content manifest puts it in a temporary folder of its own.
  const manifest = process.env.CONTENT_MANIFEST;
  if (manifest && path.dirname(manifest).startsWith(path.join(tmpdir(), "pp-")))
    rmSync(path.dirname(manifest), { recursive: true, force: true });
});
process.env.MAIL_TRANSPORT = "file";
// As in the Playwright server: the development mailbox is open on either database (who may read it is tested).
process.env.DEV_MAILBOX ??= "true";
