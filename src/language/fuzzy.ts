// Small string helpers shared by intent and place matching.

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped. */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2: number[] = new Array<number>(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m] ?? max + 1;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regex for a normalised phrase as whole words; hyphen and space are interchangeable; `plural`: an "s" may follow. */
export function phraseRe(phrase: string, plural = false): RegExp {
  // Singular and plural alike: "texto(s)", "impot(s)".
  const stem = plural && /[a-z]{4}s$/.test(phrase) ? phrase.slice(0, -1) : phrase;
  const body = escapeRe(stem).replace(/[- ]/g, '[- ]');
  return new RegExp(`(?:^|[^a-z0-9])${body}${plural && /[a-z]$/.test(stem) ? 's?' : ''}(?=$|[^a-z0-9])`);
}
