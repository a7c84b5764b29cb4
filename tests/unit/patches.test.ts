/**
 * Each patch in patches/ (ADR 017) did apply: one test per patch checks what the patch changes, by
 * what the patched package does, not by its text. With a patch missing (`npx patch-package --reverse`,
 * or a reinstall of the package), its test fails.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import type { EntryContext } from "@remix-run/node";
import { createStaticHandler, matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { createStaticRouter, createStaticHandler as createDomStaticHandler } from "react-router-dom/server";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides: Record<string, string>;
};

/** A list of routes that counts how often it is walked: React Router flattens a tree with forEach. */
class CountedRoutes extends Array<AgnosticRouteObject> {
  static walks = 0;
  override forEach(...args: Parameters<Array<AgnosticRouteObject>["forEach"]>) {
    CountedRoutes.walks += 1;
    return super.forEach(...args);
  }
}

function countedTree(prefix: string): AgnosticRouteObject[] {
  const list = (...routes: AgnosticRouteObject[]) => CountedRoutes.from(routes) as unknown as AgnosticRouteObject[];
  return list({
    id: `${prefix}-root`,
    path: "",
    children: list(
      { id: `${prefix}-home`, index: true },
      { id: `${prefix}-year`, path: "year/:id", children: list({ id: `${prefix}-year-index`, index: true }, { id: `${prefix}-portfolio`, path: "portfolio" }) },
      { id: `${prefix}-splat`, path: "*" },
    ),
  });
}

async function staticContext(routes: AgnosticRouteObject[], url = "http://localhost/") {
  const context = await createStaticHandler(routes).query(new Request(url));
  if (context instanceof Response) throw new Error("expected a context, not a response");
  return context;
}

describe("the patches in patches/", () => {
  it("pins each patched package to the exact version its patch was made for", () => {
    const patches = readdirPatches();
    expect(patches.length).toBeGreaterThan(0);
    for (const { name, version } of patches) {
      const installed = JSON.parse(readFileSync(path.join("node_modules", name, "package.json"), "utf8")) as { version: string };
      expect(installed.version, name).toBe(version);
      const declared = pkg.dependencies[name] ?? pkg.devDependencies[name];
      expect(declared, `${name} is a direct dependency, pinned`).toBe(version);
      expect(pkg.overrides[name], `${name} is pinned for every package that depends on it`).toBe(version);
    }
  });

  it("@remix-run/router: matching the same route tree twice builds its branches once", () => {
    const routes = countedTree("twice");
    CountedRoutes.walks = 0;
    expect(matchRoutes(routes, "/year/7/portfolio")?.map((m) => m.route.id)).toEqual(["twice-root", "twice-year", "twice-portfolio"]);
    expect(CountedRoutes.walks).toBeGreaterThan(0);
    CountedRoutes.walks = 0;
    const again = matchRoutes(routes, "/year/7/portfolio")!;
    expect(again[2]!.route).toBe(routes[0]!.children![1]!.children![1]);
    expect(CountedRoutes.walks, "the tree was flattened again").toBe(0);
    // A fresh tree of the same shape (Remix builds one for every render) finds the same branches.
    const copy = countedTree("twice");
    CountedRoutes.walks = 0;
    expect(matchRoutes(copy, "/year/7")![2]!.route).toBe(copy[0]!.children![1]!.children![0]);
    expect(CountedRoutes.walks, "a tree of the same shape was flattened again").toBe(0);
  });

  it("@remix-run/react: rendering a build twice makes its server routes once", async () => {
    let handleReads = 0;
    const rootModule = {
      default: () => createElement("p", null, "page"),
      get handle() {
        handleReads += 1;
        return { name: "root" };
      },
    };
    const entryRoute = {
      id: "root",
      path: "",
      module: "/build/root.js",
      hasAction: false,
      hasLoader: false,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: false,
    };
    const context = {
      manifest: { routes: { root: entryRoute }, entry: { module: "/build/entry.client.js", imports: [] }, url: "/build/manifest.js", version: "1" },
      routeModules: { root: rootModule },
      staticHandlerContext: await staticContext([{ id: "root", path: "" }]),
      future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: false },
      isSpaMode: false,
      serverHandoffString: "{}",
    } as unknown as EntryContext;
    expect(renderToString(createElement(RemixServer, { context, url: "http://localhost/" }))).toContain("page");
    expect(handleReads).toBe(1);
    expect(renderToString(createElement(RemixServer, { context, url: "http://localhost/" }))).toContain("page");
    expect(handleReads, "the server routes were made again").toBe(1);
  });

  it("react-router-dom: a static router makes the data routes of a route tree once", async () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "child", path: "child" }] }];
    const context = await createDomStaticHandler(routes).query(new Request("http://localhost/child"));
    if (context instanceof Response) throw new Error("expected a context");
    const first = createStaticRouter(routes, context);
    const second = createStaticRouter(routes, context);
    expect(first.routes[0]!.children![0]!.id).toBe("child");
    expect(second.routes, "the data routes were made again").toBe(first.routes);
  });

  it.each(["development", "production"] as const)(
    "react-dom (%s build): a streamed page is encoded in a few large writes, byte for byte as before",
    (mode) => {
      // In a process of its own, so that NODE_ENV picks the build: vitest itself loads the development one.
      const child = spawnSync(process.execPath, ["-e", STREAM_WRITES_PROBE], {
        cwd: process.cwd(),
        encoding: "utf8",
        timeout: 20_000,
        env: { ...process.env, NODE_ENV: mode },
      });
      expect(child.stderr).toBe("");
      const { writes, encodeIntoCalls, bytes, sameAsString } = JSON.parse(child.stdout) as Record<string, number | boolean>;
      expect(sameAsString, "the streamed page differs from renderToString's").toBe(true);
      // Unpatched, each small chunk is encoded on its own (thousands of encodeInto calls) into
      // 2,048-byte views, each a write of its own.
      expect(encodeIntoCalls, "small chunks were encoded one by one").toBe(0);
      expect(writes).toBeLessThanOrEqual(Math.ceil((bytes as number) / 8192) + 2);
    },
  );

  it("postgres: a write after its connection closed fails the query instead of the process", () => {
    // In a process of its own: unpatched, the write throws from a setImmediate and the process exits.
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", CLOSED_SOCKET_PROBE], {
      cwd: process.cwd(),
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(`${child.stdout}${child.stderr}`).not.toContain("TypeError");
    expect(child.stdout.trim()).toBe("CONNECTION_CLOSED");
    expect(child.status).toBe(0);
  });
});

/** The patched packages, by the file names of the patches (`@scope+name+1.2.3.patch`). */
function readdirPatches() {
  return readdirSync("patches").map((file) => {
    const match = /^(.+)\+(\d+\.\d+\.\d+)\.patch$/.exec(file);
    if (!match) throw new Error(`patches/${file} is not named <package>+<version>.patch`);
    return { name: match[1]!.replace("+", "/"), version: match[2]! };
  });
}

/**
 * A reserved postgres.js connection to a stand-in server that answers the start-up and then closes:
 * the next query's write finds no socket (porsager/postgres#1208).
 */
const CLOSED_SOCKET_PROBE = `
import { Duplex } from "node:stream";
import postgres from "postgres";
let socket;
const sql = postgres({
  host: "stand-in", database: "probe", username: "probe", fetch_types: false, max: 1, connect_timeout: 5,
  socket: () => {
    let started = false;
    socket = new Duplex({
      read() {},
      write(_chunk, _encoding, done) {
        if (!started) {
          started = true;
          // AuthenticationOk, then ReadyForQuery (idle) twice: postgres.js hands out a reserved
          // connection on the ReadyForQuery after the one that ends its start-up.
          const ready = [90, 0, 0, 0, 5, 73];
          setImmediate(() => this.push(Buffer.from([82, 0, 0, 0, 8, 0, 0, 0, 0, ...ready, ...ready])));
        }
        done();
      },
    });
    return socket;
  },
});
const reserved = await sql.reserve();
socket.emit("close", false);
try {
  await reserved\`select 1\`;
  console.log("answered");
} catch (error) {
  console.log(error.code ?? error.message);
}
process.exit(0);
`;

/** Streams a page of 2,000 elements (names with accents) and reports how it reached the destination. */
const STREAM_WRITES_PROBE = `
const { TextEncoder } = require("node:util");
const { Writable } = require("node:stream");
let encodeIntoCalls = 0;
const encodeInto = TextEncoder.prototype.encodeInto;
TextEncoder.prototype.encodeInto = function (...args) { encodeIntoCalls += 1; return encodeInto.apply(this, args); };
const { createElement: h } = require("react");
const server = require("react-dom/server");
const page = h("ul", { className: "people" }, Array.from({ length: 2000 }, (_, i) =>
  h("li", { key: i, "data-label": "Supervisee" }, h("a", { href: "/learners/" + i }, "Łukasz Wójcik " + i), " ", h("span", { className: "tag" }, "Noémie"))));
const expected = server.renderToString(page);
encodeIntoCalls = 0;
const chunks = [];
const destination = new Writable({
  write(chunk, _encoding, done) { chunks.push(Buffer.from(chunk)); done(); },
  final(done) {
    const html = Buffer.concat(chunks).toString("utf8");
    process.stdout.write(JSON.stringify({ writes: chunks.length, encodeIntoCalls, bytes: Buffer.byteLength(html), sameAsString: html === expected }));
    done();
  },
});
const stream = server.renderToPipeableStream(page, { onAllReady() { stream.pipe(destination); } });
`;
