/**
 * Remembers a pure function's answers by key, forgetting them all once `limit` are kept: for
 * text worked out again and again from the same few values (a date as words, say) on busy pages.
 */
export function memoised<A extends unknown[], V>(
  limit: number,
  key: (...args: A) => string,
  compute: (...args: A) => V,
) {
  const kept = new Map<string, V>();
  return (...args: A): V => {
    const k = key(...args);
    const found = kept.get(k);
    if (found !== undefined || kept.has(k)) return found as V;
    const value = compute(...args);
    if (kept.size >= limit) kept.clear();
    kept.set(k, value);
    return value;
  };
}

/** Sets `key` as `map`'s newest entry, dropping the oldest once it holds more than `limit`. */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, limit: number) {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
}
