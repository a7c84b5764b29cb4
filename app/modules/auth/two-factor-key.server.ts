/**
 * Rotating TWO_FACTOR_KEY: every stored two-factor secret is opened with the old key and sealed
 * with the new one, in one transaction, so either every person's authenticator keeps working with
 * the new key or nothing changes. A secret that opens with neither key stops the rotation: it is
 * reported, not lost. A new phone still being set up (moving two-factor sign-in) is resealed too, or,
 * if its secret opens with neither key, forgotten: the old phone still works, and the move can start again.
 */
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { twoFactorCredentials } from "#db/schema";
import { resealHeldPosts } from "~/modules/drafts/held-posts.server";
import { openSecret, sealSecret } from "./secret-box.server";

export interface Rotation {
  resealed: number;
  /** Already sealed with the new key (a rotation run twice). */
  alreadyNew: number;
}

export async function rotateTwoFactorKey(db: Database, oldKey: Buffer, newKey: Buffer): Promise<Rotation> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        userId: twoFactorCredentials.userId,
        sealed: twoFactorCredentials.secretCiphertext,
        replacement: twoFactorCredentials.replacementCiphertext,
      })
      .from(twoFactorCredentials)
      .for("update");
    const rotation: Rotation = { resealed: 0, alreadyNew: 0 };
    const unreadable: string[] = [];
    for (const row of rows) {
      if (row.replacement !== null) {
        const pending = openSecret(row.replacement, row.userId, oldKey);
        if (pending !== null || openSecret(row.replacement, row.userId, newKey) === null)
          await tx
            .update(twoFactorCredentials)
            .set(
              pending === null
                ? { replacementCiphertext: null, replacementStartedAt: null, replacementSessionId: null }
                : { replacementCiphertext: sealSecret(pending, row.userId, newKey) },
            )
            .where(eq(twoFactorCredentials.userId, row.userId));
      }
      const secret = openSecret(row.sealed, row.userId, oldKey);
      if (secret === null) {
        if (openSecret(row.sealed, row.userId, newKey) !== null) rotation.alreadyNew += 1;
        else unreadable.push(row.userId);
        continue;
      }
      await tx
        .update(twoFactorCredentials)
        .set({ secretCiphertext: sealSecret(secret, row.userId, newKey) })
        .where(eq(twoFactorCredentials.userId, row.userId));
      rotation.resealed += 1;
    }
    // Text held after a session ended is sealed with the same key (ADR 020): sealed again here, in this transaction.
    await resealHeldPosts(tx, oldKey, newKey);
    if (unreadable.length)
      throw new Error(
        `${unreadable.length} two-factor secret(s) open with neither key (people ${unreadable.join(", ")}): nothing was changed. Check TWO_FACTOR_KEY_OLD.`,
      );
    return rotation;
  });
}
