// npm run content:build — compiles content/ into build/content/manifest.json.
// With --watch (used by npm run dev) it recompiles whenever a file under content/ changes,
// reusing every lesson that did not change.
import { watch } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { programmeReport, reportLine } from "./content-checks";
import { compileContent, ContentError, type CompiledLessonCacheEntry } from "./content-compiler";

const CONTENT_DIR = path.resolve("content");
const OUT = path.resolve(process.env.CONTENT_MANIFEST ?? "build/content/manifest.json");
const cache = new Map<string, CompiledLessonCacheEntry>();

async function buildOnce() {
  const started = Date.now();
  let compiled = 0;
  const manifest = await compileContent(CONTENT_DIR, {
    cache,
    onLesson: (_file, fromCache) => {
      if (!fromCache) compiled++;
    },
  });
  await mkdir(path.dirname(OUT), { recursive: true });
  await writeFile(`${OUT}.tmp`, JSON.stringify(manifest));
  await rename(`${OUT}.tmp`, OUT);
  const modules = manifest.programmes.reduce((n, p) => n + p.modules.length, 0);
  const lessons = manifest.programmes.reduce((n, p) => n + p.modules.reduce((m, mod) => m + mod.lessons.length, 0), 0);
  console.log(
    `Content: ${manifest.programmes.length} programmes, ${modules} modules, ${lessons} lessons, ${manifest.frameworks.length} frameworks ` +
      `(${compiled} lessons compiled, ${lessons - compiled} unchanged) in ${Date.now() - started} ms → ${path.relative(process.cwd(), OUT)}`,
  );
  for (const programme of manifest.programmes) console.log(reportLine(programmeReport(programme)));
}

function report(error: unknown) {
  console.error(error instanceof ContentError ? error.message : error);
}

if (process.argv.includes("--watch")) {
  await buildOnce().catch(report);
  let timer: NodeJS.Timeout | undefined;
  watch(CONTENT_DIR, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => buildOnce().catch(report), 150);
  });
  console.log("Watching content/ for changes.");
} else {
  try {
    await buildOnce();
  } catch (error) {
    report(error);
    process.exit(1);
  }
}
