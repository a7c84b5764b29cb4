// The HTTP server: Express in front of the Remix request handler.
// It owns what is not a page: security headers with a per-request CSP nonce, the
// cross-site form check, static files, start-up (migrations, demo data) and a clean
// shutdown that lets in-flight requests finish before the database is closed.
import cluster from "node:cluster";
import crypto from "node:crypto";
import { watch } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";

const production = process.env.NODE_ENV === "production";
const BUILD_PATH = path.resolve("build/index.js");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

async function importBuild() {
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`);
}

const processes = serverProcesses();
try {
  if (cluster.isPrimary && processes > 1) {
    await runPrimary(processes);
  } else {
    await runServer();
  }
} catch (error) {
  // An operator reads this: say what could not be done and why, not a stack of the framework's frames.
  console.error(`Practice Pathways could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG_STARTUP) console.error(error);
  process.exit(1);
}

/**
 * How many server processes share the port: one per core in production on a PostgreSQL server
 * (WEB_CONCURRENCY overrides), and always one on PGlite, which allows one process per data
 * folder, and in development, which rebuilds in place.
 */
function serverProcesses() {
  if (!production || !process.env.DATABASE_URL) return 1;
  const asked = Number(process.env.WEB_CONCURRENCY);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return os.availableParallelism?.() ?? os.cpus().length;
}

/**
 * The primary process migrates and seeds once, then starts the workers and keeps them running. On
 * SIGTERM it passes the signal on; each worker finishes its requests and closes its connections,
 * and the primary exits 0 once every worker has exited cleanly.
 */
async function runPrimary(count) {
  const build = await importBuild();
  await build.entry.module.startup();
  await build.entry.module.releaseDatabase();
  let stopping = false;
  let failed = false;
  const running = new Set();
  const restarts = [];
  const fork = () => {
    const worker = cluster.fork({ PP_SERVER_WORKER: "true" });
    running.add(worker);
    worker.once("exit", (code, signal) => {
      running.delete(worker);
      if (stopping) {
        if (code !== 0) failed = true;
        if (running.size === 0) process.exit(failed ? 1 : 0);
        return;
      }
      console.error(`[server] worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another.`);
      const now = Date.now();
      restarts.push(now);
      while (restarts[0] < now - 60_000) restarts.shift();
      if (restarts.length > 5) {
        console.error("[server] workers keep exiting; stopping.");
        stop("too many worker exits", 1);
        return;
      }
      fork();
    });
  };
  // Rendering a page allocates many short-lived objects: a larger young generation collects them
  // less often (NODE_OPTIONS or the command line can still set it).
  const asked = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ");
  if (!asked.includes("semi-space"))
    cluster.setupPrimary({ execArgv: [...process.execArgv, "--max-semi-space-size=32"] });
  for (let i = 0; i < count; i++) fork();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === count)
      console.log(`Practice Pathways is running at http://localhost:${port} (${count} processes)`);
  });
  function stop(signal, code = 0) {
    if (stopping) return;
    stopping = true;
    if (code) failed = true;
    console.log(`${signal}: asking ${running.size} server processes to finish their requests.`);
    for (const worker of running) worker.process.kill("SIGTERM");
    if (running.size === 0) process.exit(failed ? 1 : 0);
  }
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

async function runServer() {
  const worker = process.env.PP_SERVER_WORKER === "true";
  let build = await importBuild();
  await build.entry.module.startup({ worker });
  build.entry.module.startHousekeeping();
  build.entry.module.startJobs();

  const app = express();
  let stopping = false;
  // While shutting down, each response closes its connection: a keep-alive connection that stays
  // busy (a health check polled on it, say) would otherwise hold the server open until the deadline.
  app.use((_req, res, next) => {
    if (stopping) res.setHeader("Connection", "close");
    next();
  });
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: production ? ["'self'"] : ["'self'", "ws://localhost:*", "ws://127.0.0.1:*"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    next();
  });
  // A 304 tells the browser to reuse the page it holds, whose scripts carry that response's nonce:
  // this response's policy, with a new nonce, must not replace the one stored with the page.
  app.use((_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      if (status === 304) res.removeHeader("Content-Security-Policy");
      return writeHead.call(this, status, ...rest);
    };
    next();
  });

  // Cross-site form posts are refused: a state-changing request must come from our own origin.
  // The one exception is Stripe's webhook, which comes from Stripe's servers without an Origin: it
  // is let through only because its route verifies Stripe's signature on the raw body (ADR 027).
  const WEBHOOK_PATH = "/payments/webhook";
  const allowedOrigins = new Set([process.env.APP_ORIGIN].filter(Boolean));
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    if (req.path === WEBHOOK_PATH) return next();
    const origin = req.get("origin");
    const own = `${req.protocol}://${req.get("host")}`;
    if (origin && (origin === own || allowedOrigins.has(origin))) return next();
    console.warn(`[csrf] refused ${req.method} ${req.path} origin=${origin ?? "none"} expected=${own}`);
    res
      .status(403)
      .type("html")
      .send(
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Request refused – Practice Pathways</title></head><body><main><h1>Request refused</h1><p>This form was sent from another website, so we did not act on it. Go back to <a href="/">Practice Pathways</a> and try again.</p></main></body></html>`,
      );
  });

  // What comes in is limited before it is read: a form's text is small, and only the evidence forms
  // carry a file (one, of at most 10 MB). A body over its limit is answered 413 at once from its
  // declared length, and the rest is discarded unread; a body without a declared length is refused.
  const FORM_LIMIT = 1024 * 1024;
  const UPLOAD_LIMIT = 11 * 1024 * 1024;
  const UPLOAD_PATHS = /^\/year\/[^/]+\/portfolio\/(new|[^/]+\/edit)\/?$/;
  // A Stripe event is a few kilobytes (the route reads no further than its own limit, the same).
  const WEBHOOK_LIMIT = 256 * 1024;
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    const limit = req.path === WEBHOOK_PATH ? WEBHOOK_LIMIT : UPLOAD_PATHS.test(req.path) ? UPLOAD_LIMIT : FORM_LIMIT;
    const declared = req.get("content-length");
    if (declared === undefined && req.get("transfer-encoding")) {
      return refuseBody(
        req,
        res,
        411,
        "Send the form again",
        "Your browser sent this form in a way we do not accept. Go back and send it again.",
      );
    }
    if (Number(declared) > limit) {
      console.warn(`[limits] refused ${req.method} ${req.path}: ${declared} bytes, limit ${limit}`);
      return refuseBody(
        req,
        res,
        413,
        "That was too much to send",
        limit === UPLOAD_LIMIT
          ? "A file must be 10 MB or smaller. Go back, choose a smaller file (or leave it out) and save again: what you typed is kept in your browser."
          : "A form can carry at most 1 MB of text. Go back, shorten what you wrote and send it again.",
      );
    }
    next();
  });
  function refuseBody(req, res, status, title, explanation) {
    // Read and dropped, never kept, so the browser can finish sending and show this page.
    req.resume();
    res
      .status(status)
      .set("Cache-Control", "no-store")
      .type("html")
      .send(
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – Practice Pathways</title></head><body><main><h1>${title}</h1><p>${explanation}</p><p><a href="/">Go to the start page</a></p></main></body></html>`,
      );
  }

  app.use((req, _res, next) => build.entry.module.perRequest(req.method, next));
  app.use(compression());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Only a path that names a file is looked for in public/: a page's path would cost a stat() for nothing.
  const publicFiles = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  app.all(
    "*",
    production
      ? createRequestHandler({ build, mode: "production", getLoadContext })
      : (req, res, next) => createRequestHandler({ build, mode: "development", getLoadContext })(req, res, next),
  );

  function getLoadContext(req, res) {
    return { cspNonce: res.locals.cspNonce, clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" };
  }

  // Anything that escapes Remix (it renders its own error pages) is logged with context.
  // Express recognises an error handler by its four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((err, req, res, _next) => {
    console.error(`[server] ${req.method} ${req.originalUrl} failed:`, err);
    if (res.headersSent) return;
    res
      .status(500)
      .type("html")
      .send(
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Sorry, something went wrong – Practice Pathways</title></head><body><main><h1>Sorry, something went wrong</h1><p>Nothing you saved has been lost. Please try again in a moment.</p><p><a href="/">Go to the start page</a></p></main></body></html>`,
      );
  });

  const server = app.listen(port, host, () => {
    if (!worker) console.log(`Practice Pathways is running at http://localhost:${port}`);
    if (!production) broadcastDevReady(build);
  });

  if (!production) {
    let timer;
    watch(path.dirname(BUILD_PATH), () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        build = await importBuild();
        broadcastDevReady(build);
      }, 100);
    });
  }

  async function stop(signal) {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then closing the database.`);
    const force = setTimeout(
      () => {
        console.error("Shutdown took too long; exiting.");
        process.exit(1);
      },
      Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000),
    );
    force.unref();
    server.close(async () => {
      try {
        await build.entry.module.shutdown();
        process.exit(0);
      } catch (error) {
        console.error("Error while closing the database:", error);
        process.exit(1);
      }
    });
    server.closeIdleConnections();
    // A request already past the middleware above leaves its connection idle when it ends; close those too.
    setInterval(() => server.closeIdleConnections(), 200).unref();
  }
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  // A worker whose primary has gone stops too.
  if (worker) cluster.worker?.once("disconnect", () => stop("disconnect"));
}
