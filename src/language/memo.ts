// A small memo for pure text functions: one turn asks the same message several questions
// (global command? intent? place?), and each answer costs regular expressions or a fuzzy search.
export function memoText<T>(fn: (text: string) => T, size = 256): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string) => {
    const hit = cache.get(text);
    // Callers get their own copy: a shared cached object must never be changed by one of them.
    if (hit !== undefined || cache.has(text)) return structuredClone(hit as T);
    const value = fn(text);
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(text, value);
    return structuredClone(value);
  };
}
