/**
 * All email leaves through here. With SMTP settings it goes by SMTP (nodemailer);
 * without them each message is written to MAIL_DIR as JSON and shown at /dev/mail.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env, mailTransport } from "./env.server";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface StoredEmail extends Email {
  id: string;
  from: string;
  sentAt: string;
}

let smtp: Transporter | undefined;

/** Emails written to files hold reset and invitation links: none is kept, or shown, longer than a day. */
export const MAIL_KEPT_MS = 24 * 60 * 60 * 1000;

/** A stored email's id starts with the time it was written (milliseconds), so its age needs no read. */
function writtenAt(id: string) {
  return Number(id.split("-")[0]);
}

const expired = (id: string, now: number) => !(now - writtenAt(id) < MAIL_KEPT_MS);

/** Removes the mailbox's emails older than a day; returns how many. */
export async function pruneStoredEmails(now = Date.now()) {
  const dir = env().MAIL_DIR;
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".json"));
  } catch {
    return 0;
  }
  const old = files.filter((f) => expired(f.slice(0, -".json".length), now));
  await Promise.all(old.map((f) => rm(path.join(dir, f), { force: true })));
  return old.length;
}

export async function sendEmail(email: Email) {
  const e = env();
  if (mailTransport() === "smtp") {
    smtp ??= nodemailer.createTransport({
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE === "true",
      auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD } : undefined,
    });
    await smtp.sendMail({ from: e.MAIL_FROM, ...email });
    return;
  }
  const sentAt = new Date();
  const id = `${sentAt.getTime()}-${crypto.randomUUID().slice(0, 8)}`;
  const stored: StoredEmail = { id, from: e.MAIL_FROM, sentAt: sentAt.toISOString(), ...email };
  await mkdir(e.MAIL_DIR, { recursive: true });
  await writeFile(path.join(e.MAIL_DIR, `${id}.json`), JSON.stringify(stored, null, 2));
  await pruneStoredEmails(sentAt.getTime());
}

/** The development mailbox, newest first. Only meaningful with the file transport. */
export async function listStoredEmails(limit = 100): Promise<StoredEmail[]> {
  const dir = env().MAIL_DIR;
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  const now = Date.now();
  files = files.filter((f) => !expired(f.slice(0, -".json".length), now));
  files.sort().reverse();
  const emails = await Promise.all(
    files.slice(0, limit).map(async (f) => JSON.parse(await readFile(path.join(dir, f), "utf8")) as StoredEmail),
  );
  return emails;
}

export async function readStoredEmail(id: string): Promise<StoredEmail | null> {
  if (!/^[\w-]+$/.test(id) || expired(id, Date.now())) return null;
  try {
    return JSON.parse(await readFile(path.join(env().MAIL_DIR, `${id}.json`), "utf8")) as StoredEmail;
  } catch {
    return null;
  }
}
