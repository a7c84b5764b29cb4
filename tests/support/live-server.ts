/**
 * The real production server (`node app/server.js`, the build `npm run build` made) in a child
 * process, for the trust suites that need what only the whole server does: the Express layer's
 * limits and headers, start-up, shutdown and faults.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const PASSWORD = "Pathways-demo-2026";

/** The servers' mailbox folders, removed by `removeMailboxes` once a file's tests have run. */
const mailDirs: string[] = [];
export function removeMailboxes() {
  for (const dir of mailDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Running {
  base: string;
  proc: ChildProcess;
  logs: string[];
  exited: Promise<number | null>;
}

export async function startServer(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const mail = mkdtempSync(path.join(tmpdir(), "pp-live-mail-"));
  mailDirs.push(mail);
  const proc = spawn(process.execPath, ["app/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      MAIL_TRANSPORT: "file",
      MAIL_DIR: mail,
      SEED_DEMO_DATA: "true",
      DATABASE_POOL_MAX: "4",
      // No daily digest in the middle of a test of the server's own behaviour.
      DIGEST_HOUR: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  proc.stdout!.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  proc.stderr!.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`The server stopped while starting:\n${logs.join("")}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not start:\n${logs.join("")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, proc, logs, exited };
}

export async function signIn(base: string, email: string) {
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`Could not sign in as ${email}: ${response.status}`);
  return cookie;
}
