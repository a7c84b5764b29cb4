import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Each test file gets its own mailbox folder, removed once its tests have run.
const mailDir = mkdtempSync(path.join(tmpdir(), "pp-mail-"));
process.env.MAIL_DIR = mailDir;
afterAll(() => rmSync(mailDir, { recursive: true, force: true }));
process.env.MAIL_TRANSPORT = "file";
