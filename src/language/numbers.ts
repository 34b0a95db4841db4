// French numbers written in words, as people dictate them: "quinze", "vingt et un",
// "dix-sept", "quatorze heures trente", plus the clock idioms "et demie", "et quart",
// "moins le quart", "moins dix", "midi et demi". Works on normalised text, returns the same
// text with digits ("15", "21", "14 h 30", "10 h 45").

const UNITS: Record<string, number> = {
  zero: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
};
const TENS: Record<string, number> = { vingt: 20, trente: 30, quarante: 40, cinquante: 50 };

/** Value of number words starting at toks[i] and how many tokens they use, or null. */
function readNumber(toks: string[], i: number): { value: number; used: number } | null {
  const w = toks[i] ?? '';
  if (w in TENS) {
    let value = TENS[w]!;
    let used = 1;
    const a = toks[i + 1];
    const b = toks[i + 2];
    if (a === 'et' && (b === 'un' || b === 'une')) { value += 1; used = 3; }
    else if (a !== undefined && a in UNITS && UNITS[a]! >= 1 && UNITS[a]! <= 9) { value += UNITS[a]!; used = 2; }
    return { value, used };
  }
  if (w === 'dix' && ['sept', 'huit', 'neuf'].includes(toks[i + 1] ?? '')) return { value: 10 + UNITS[toks[i + 1]!]!, used: 2 };
  if (w in UNITS) return { value: UNITS[w]!, used: 1 };
  return null;
}

const HOUR_WORD = /^(heures?|h)$/;

/** Number words → digits where they are numbers of a date or a time. */
export function numberWordsToDigits(text: string): string {
  // "vingt-deux", "dix-sept": hyphens inside number words are spaces here.
  const toks = text.replace(/\b(vingt|trente|quarante|cinquante|dix)-(et-)?([a-z]+)\b/g, (_m, a: string, et: string | undefined, b: string) => `${a} ${et ? 'et ' : ''}${b}`).split(' ');
  const out: string[] = [];
  for (let i = 0; i < toks.length;) {
    const n = readNumber(toks, i);
    const prev = out[out.length - 1] ?? '';
    const next = toks[i + (n?.used ?? 1)] ?? '';
    // "un"/"une" are articles unless an hour follows; "sept" after a day number is September.
    const ambiguous = n && n.used === 1 && (['un', 'une'].includes(toks[i]!) ? !HOUR_WORD.test(next) : toks[i] === 'sept' && /^\d+$/.test(prev));
    if (!n || ambiguous) { out.push(toks[i]!); i += 1; continue; }
    out.push(String(n.value));
    i += n.used;
  }
  return out.join(' ');
}

/** "2 heures et demie" → "2 h 30", "11 heures moins le quart" → "10 h 45", "midi et demi" → "12 h 30". */
export function clockIdioms(text: string): string {
  return text
    .replace(/\bmidi et (demie?|quart)\b/g, (_m, q: string) => `12 h ${q.startsWith('dem') ? '30' : '15'}`)
    .replace(/\bmidi moins (le quart|quart|(\d{1,2}))\b/g, (_m, q: string, n: string | undefined) => `11 h ${n ? 60 - Number(n) : 45}`)
    .replace(/\b(\d{1,2}) ?(?:h|heures?) et (demie?|quart)\b/g, (_m, h: string, q: string) => `${h} h ${q.startsWith('dem') ? '30' : '15'}`)
    .replace(/\b(\d{1,2}) ?(?:h|heures?) moins (?:le quart|quart|(\d{1,2})(?: minutes?)?)\b/g, (_m, h: string, n: string | undefined) => {
      const hour = (Number(h) + 23) % 24;
      const min = n ? 60 - Number(n) : 45;
      return min > 0 && min < 60 ? `${hour} h ${String(min).padStart(2, '0')}` : `${h} h`;
    })
    .replace(/\b(\d{1,2}) ?(?:h|heures?) (\d{1,2})(?: minutes?)?\b/g, (_m, h: string, m: string) => `${h} h ${m.padStart(2, '0')}`);
}
