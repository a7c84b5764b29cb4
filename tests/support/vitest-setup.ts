import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Each test file gets its own mailbox folder.
process.env.MAIL_DIR = mkdtempSync(path.join(tmpdir(), "pp-mail-"));
process.env.MAIL_TRANSPORT = "file";
