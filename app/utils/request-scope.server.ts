/**
 * What one HTTP request may share between its loaders. Remix hands each loader its own copy of
 * the Request, so a cache keyed by the Request object misses between the root loader and the
 * page's; the server runs every request inside this scope instead (see entry.server's
 * `perRequest`). Only reads share: in a request that can run an action (anything but GET and
 * HEAD), the action may change what a later loader must see, so nothing is shared there.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface RequestScope {
  shares: boolean;
  memo: Map<string, Promise<unknown>>;
}

const holder = globalThis as typeof globalThis & { __ppRequestScope?: AsyncLocalStorage<RequestScope> };
const storage = (holder.__ppRequestScope ??= new AsyncLocalStorage<RequestScope>());

export function runInRequestScope<T>(method: string, work: () => T): T {
  return storage.run({ shares: method === "GET" || method === "HEAD", memo: new Map() }, work);
}

/**
 * The value `make` gives, made once per key within a read-only request; made afresh each time
 * outside one (in a request that can change data, or outside the server).
 */
export function oncePerRequest<T>(key: string, make: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope?.shares) return make();
  let pending = scope.memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = make();
    scope.memo.set(key, pending);
  }
  return pending;
}

