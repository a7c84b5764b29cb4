/**
 * The order a learner sees a knowledge-check question's options in (ADR 028). Pure: the same
 * learner always sees the same question the same way, whichever page, device or attempt, and two
 * learners usually see it differently, so neither position nor a friend's screenshot gives the
 * answer away. The order changes only what is shown: each radio still sends the option's own
 * index in the lesson's frontmatter, and marking reads that index.
 */

/** FNV-1a, 32-bit: a small, well-spread hash of a string, the same in every runtime. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** mulberry32: a seeded generator of numbers in [0, 1), enough to shuffle five options fairly. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The indices 0..count-1 in the order `learnerId` sees question `questionId` (a Fisher–Yates
 * shuffle seeded from both). The question id carries the lesson's address where ids could repeat
 * across lessons, so callers pass `programme/module/lesson/check`.
 */
export function optionOrder(learnerId: string, questionId: string, count: number): number[] {
  const order = Array.from({ length: Math.max(0, Math.floor(count)) }, (_, i) => i);
  // The separator cannot appear in either part's meaning, so ("ab", "c") and ("a", "bc") differ.
  const next = generator(fnv1a(`${learnerId}\u0000${questionId}`));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** A question's options as a learner sees them: each with the index it is marked by. */
export function orderedOptions<T>(learnerId: string, questionId: string, options: readonly T[]) {
  return optionOrder(learnerId, questionId, options.length).map((index) => ({ index, option: options[index]! }));
}
