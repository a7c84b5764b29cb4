/**
 * Counts the SQL statements a piece of work sends, whichever driver is underneath: drizzle's
 * logger sees every statement, and an AsyncLocalStorage scope says which request it belongs to.
 * The store lives on globalThis so that the server bundle and test code share one counter.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "drizzle-orm/logger";

export interface QueryTally {
  count: number;
  /** Kept only when asked for (tests print them when a budget is broken). */
  statements?: string[];
}

const holder = globalThis as typeof globalThis & { __ppQueryTally?: AsyncLocalStorage<QueryTally> };
const storage = (holder.__ppQueryTally ??= new AsyncLocalStorage<QueryTally>());

/** The logger every database handle is opened with. */
export const queryTallyLogger: Logger = {
  logQuery(query) {
    const tally = storage.getStore();
    if (!tally) return;
    tally.count += 1;
    tally.statements?.push(query);
  },
};

/** Runs `work` with a fresh tally; statements sent by anything it starts are counted in `tally`. */
export function withQueryTally<T>(work: () => T, tally: QueryTally = { count: 0 }): T {
  return storage.run(tally, work);
}

/** The tally of the scope this code runs in, if any. */
export function currentQueryTally(): QueryTally | undefined {
  return storage.getStore();
}
