// A small memo for pure text functions: one turn asks the same message several questions
// (global command? intent? place?), and each answer costs regular expressions or a fuzzy search.
// Answers are frozen, deeply, and shared: no caller can change what another one reads (a copy
// per call cost more than the answers saved).
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}


export function memoText<T>(fn: (text: string) => T, size = 256): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = deepFreeze(fn(text));
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(text, value);
    return value;
  };
}
