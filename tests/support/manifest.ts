/**
 * A content manifest for integration tests whose code reads programmes or frameworks: made from
 * the real programme.yml and framework files (without lessons) and written to `file`. Each test
 * file points CONTENT_MANIFEST at its own temporary file in `vi.hoisted`, before any import reads
 * it, and calls this before its tests run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { frameworkSchema, programmeFileSchema, type Manifest } from "~/modules/programmes/content-schema";

const yaml = (file: string) => parse(readFileSync(file, "utf8")) as unknown;

export function writeTestManifest(
  file: string,
  { programmes = ["asye"], frameworks = ["pcf", "kss-child-family"] }: { programmes?: string[]; frameworks?: string[] } = {},
): Manifest {
  const manifest: Manifest = {
    version: 1,
    builtAt: "",
    frameworks: frameworks.map((f) => frameworkSchema.parse(yaml(`content/frameworks/${f}.yml`))),
    programmes: programmes.map((slug) => ({
      ...programmeFileSchema.parse(yaml(`content/programmes/${slug}/programme.yml`)),
      slug,
      modules: [],
    })),
  };
  writeFileSync(file, JSON.stringify(manifest));
  return manifest;
}
