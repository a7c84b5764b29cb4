import { rmSync } from "node:fs";
import { CRAWL_DIR } from "./crawl";

/** Each run starts with no recorded crawl, so the coverage check reads only this run's visits. */
export default function globalSetup() {
  rmSync(CRAWL_DIR, { recursive: true, force: true });
}
