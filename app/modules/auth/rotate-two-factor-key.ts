// npm run two-factor:rotate-key — re-encrypts every two-factor secret from TWO_FACTOR_KEY_OLD to
// TWO_FACTOR_KEY (each 32 bytes, base64 or hex), in one transaction. Run it with the site stopped
// (or before the servers restart with the new key), then start them with TWO_FACTOR_KEY set.
import { closeDatabase, getDb } from "~/utils/db.server";
import { decodeKey } from "~/utils/env.server";
import { rotateTwoFactorKey } from "./two-factor-key.server";

const oldKey = decodeKey(process.env.TWO_FACTOR_KEY_OLD ?? "");
const newKey = decodeKey(process.env.TWO_FACTOR_KEY ?? "");
if (!oldKey || !newKey) {
  console.error(
    "Set TWO_FACTOR_KEY_OLD to the key in use and TWO_FACTOR_KEY to the new one: 32 bytes each, base64 or hex (openssl rand -base64 32).",
  );
  process.exit(1);
}
try {
  const { resealed, alreadyNew } = await rotateTwoFactorKey(await getDb(), oldKey, newKey);
  console.log(
    `Two-factor secrets re-encrypted with the new key: ${resealed}${alreadyNew ? ` (${alreadyNew} already were)` : ""}.`,
  );
} catch (error) {
  console.error(`The key was not rotated: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
