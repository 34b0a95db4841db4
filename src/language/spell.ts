// Typo-tolerant word lexicons: a misspelt token ("mercrdi", "demaim", "janvie") is replaced by
// the lexicon word it is closest to by edit distance, within a budget that grows with length.
// Guard rails against false friends: same first letter, a protected list of real words that
// sit one letter away from a lexicon word ("mari"/mardi, "voir"/soir, "Martin"/matin), and
// nothing under four letters is ever changed.
import { editDistance } from './fuzzy';

export interface Lexicon {
  /** Corrected form of one token, or the token itself. */
  fix(token: string): string;
}

/** How many edits a word of this length may carry and still be recognised. */
export function typoBudget(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * @param words   canonical form → the same form, or alias → canonical form (phonetic spellings)
 * @param protect real words that must stay as they are
 */
export function makeLexicon(words: Record<string, string>, protect: ReadonlySet<string>): Lexicon {
  const entries = Object.entries(words).map(([key, canon]) => ({ key, canon, budget: typoBudget(key.length) }));
  const exact = new Map(entries.map((e) => [e.key, e.canon]));
  const cache = new Map<string, string>();
  return {
    fix(token: string): string {
      const hit = exact.get(token);
      if (hit !== undefined) return hit;
      if (token.length < 4 || protect.has(token) || /\d/.test(token)) return token;
      const cached = cache.get(token);
      if (cached !== undefined) return cached;
      let best = token;
      let bestD = 99;
      for (const e of entries) {
        if (e.budget === 0 || e.key[0] !== token[0] || Math.abs(e.key.length - token.length) > e.budget) continue;
        const d = editDistance(token, e.key, e.budget);
        if (d <= e.budget && d < bestD) { bestD = d; best = e.canon; }
      }
      if (cache.size > 5000) cache.clear();
      cache.set(token, best);
      return best;
    },
  };
}
