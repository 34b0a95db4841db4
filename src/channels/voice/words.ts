// French numbers said in full, for text-to-speech: "deux mille vingt-six", "quatorze heures
// trente", "zéro deux, quarante, …" for a phone number. Pure functions; the counterpart of
// src/language/numbers.ts (which reads dictated numbers back into digits).

const UNITS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix',
  'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize'];
const TENS = ['', 'dix', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

function below100(n: number): string {
  if (n <= 16) return UNITS[n];
  if (n < 20) return `dix-${UNITS[n - 10]}`;
  if (n < 70) {
    const ten = TENS[Math.floor(n / 10)];
    const unit = n % 10;
    if (unit === 0) return ten;
    return unit === 1 ? `${ten} et un` : `${ten}-${UNITS[unit]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : `soixante-${below100(n - 60)}`;
  if (n === 80) return 'quatre-vingts';
  return `quatre-vingt-${below100(n - 80)}`;
}

function below1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (!hundreds) return below100(rest);
  const head = hundreds === 1 ? 'cent' : `${UNITS[hundreds]} cent${rest ? '' : 's'}`;
  return rest ? `${head} ${below100(rest)}` : head;
}

/** 0 ≤ n < 1 000 000 in words ("quatre-vingt mille", "deux mille vingt-six"); larger: digits. */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) return String(n);
  if (n < 1000) return below1000(n);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  // "quatre-vingts" and "deux cents" lose their s before "mille".
  const head = thousands === 1 ? 'mille' : `${below1000(thousands).replace(/(cent|vingt)s$/, '$1')} mille`;
  return rest ? `${head} ${below1000(rest)}` : head;
}

/** A number before a feminine noun ("une heure", "vingt et une heures"). */
export function feminineWords(n: number): string {
  return numberWords(n).replace(/\bun$/, 'une');
}

/** "14 h 30" → "quatorze heures trente"; "1 h" → "une heure". */
export function timeWords(hour: number, minute: number): string {
  const h = `${feminineWords(hour)} ${hour === 1 ? 'heure' : 'heures'}`;
  return minute ? `${h} ${feminineWords(minute)}` : h;
}

/** "02 40 00 00 44" → "zéro deux, quarante, zéro zéro, zéro zéro, quarante-quatre": read in pairs, as people do. */
export function phoneWords(digits: string): string {
  const pairs = digits.replace(/\D/g, '').match(/\d{1,2}/g) ?? [];
  return pairs.map((p) => (p.length === 2 && p[0] === '0' ? `zéro ${UNITS[Number(p[1])]}` : numberWords(Number(p)))).join(', ');
}
