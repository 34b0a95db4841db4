// What a speech recogniser writes, made into what a person would have typed, before the
// language layer reads it: numbers dictated in words that are postcodes, phone numbers or
// years ("quarante-quatre mille huit cents", "quatre quatre huit zéro zéro", "zéro six douze
// …", "deux mille vingt-six") become digits, and the homophones of "vers" before a time
// ("verre quatorze heures") become "vers". Small numbers stay words: "un rendez-vous" is an
// article and "quatorze heures trente" is read by the language layer's own number reader.
import { normalize } from '../../language/normalize';

type Kind = 'zero' | 'unit' | 'teen' | 'dix' | 'tens' | 'cent' | 'mille' | 'et';
const WORDS: Record<string, [Kind, number]> = {
  zero: ['zero', 0], un: ['unit', 1], une: ['unit', 1], deux: ['unit', 2], trois: ['unit', 3], quatre: ['unit', 4], cinq: ['unit', 5],
  six: ['unit', 6], sept: ['unit', 7], huit: ['unit', 8], neuf: ['unit', 9], dix: ['dix', 10], onze: ['teen', 11], douze: ['teen', 12],
  treize: ['teen', 13], quatorze: ['teen', 14], quinze: ['teen', 15], seize: ['teen', 16], vingt: ['tens', 20], vingts: ['tens', 20],
  trente: ['tens', 30], quarante: ['tens', 40], cinquante: ['tens', 50], soixante: ['tens', 60], cent: ['cent', 100], cents: ['cent', 100],
  mille: ['mille', 1000], et: ['et', 0],
};

interface Reading { value: number; used: number }

/** The number spoken from toks[i] on (one number, however many words), or null. */
function readNumber(toks: readonly string[], i: number): Reading | null {
  let total = 0;
  let current = 0;
  let last: Kind | undefined;
  let used = 0;
  for (let j = i; j < toks.length; j++) {
    const w = WORDS[toks[j]];
    if (!w) break;
    const [kind, v] = w;
    const tens = current % 100;
    let ok: boolean;
    switch (kind) {
      case 'zero': ok = last === undefined; break;
      case 'unit': ok = last === undefined || last === 'tens' || last === 'et' || last === 'cent' || last === 'mille' || (last === 'dix' && v >= 7 && tens % 20 === 10); break;
      case 'teen': ok = last === undefined || last === 'cent' || last === 'mille' || last === 'et' || (last === 'tens' && (tens === 60 || tens === 80)); break;
      case 'dix': ok = last === undefined || last === 'cent' || last === 'mille' || (last === 'tens' && (tens === 60 || tens === 80)); break;
      case 'tens': ok = last === undefined || last === 'cent' || last === 'mille' || (v === 20 && last === 'unit' && tens === 4); break;
      case 'cent': ok = (last === undefined || last === 'unit') && current < 10; break;
      case 'mille': ok = last !== 'mille' && last !== 'et' && total === 0; break;
      case 'et': ok = last === 'tens' && (toks[j + 1] === 'un' || toks[j + 1] === 'une' || toks[j + 1] === 'onze'); break;
    }
    if (!ok) break;
    if (kind === 'cent') current = (current || 1) * 100;
    else if (kind === 'mille') { total = (current || 1) * 1000; current = 0; }
    else if (kind === 'tens' && v === 20 && last === 'unit' && tens === 4) current += 76; // quatre-vingt
    else current += v;
    last = kind;
    used = j - i + 1;
  }
  if (!used || last === 'et') return null;
  return { value: total + current, used };
}

const TIME_AFTER = /^(\d|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix|vingt|midi|minuit)/;

/** A recogniser's text → the same as a person would have typed it (see above); other words untouched. */
export function fromDictation(speech: string): string {
  // Words and the separators between them; each word is read in the language layer's normal form.
  const pieces = speech.split(/([\s-]+)/);
  const words = pieces.filter((_, k) => k % 2 === 0);
  const toks = words.map((w) => normalize(w).replace(/[.,:;]+/g, ''));
  const out: string[] = [];
  const keep = (from: number, to: number) => { for (let k = from; k < to; k++) out.push(words[k], pieces[2 * k + 1] ?? ''); };
  for (let i = 0; i < toks.length;) {
    if (/^(verre|verres|vert|verts|ver)$/.test(toks[i]) && TIME_AFTER.test(toks[i + 1] ?? '')) {
      out.push('vers', pieces[2 * i + 1] ?? '');
      i += 1;
      continue;
    }
    // A run of numbers said one after the other: "quarante-quatre huit cents", "zéro six douze …".
    const run: Reading[] = [];
    let j = i;
    for (let r = readNumber(toks, j); r; r = readNumber(toks, j)) { run.push(r); j += r.used; }
    const digits = run.map((r) => String(r.value)).join('');
    if (run.length && (digits.length >= 5 || (run.length === 1 && run[0].value >= 1000))) {
      out.push(digits, pieces[2 * (j - 1) + 1] ?? '');
      i = j;
      continue;
    }
    const next = Math.max(j, i + 1);
    keep(i, next);
    i = next;
  }
  return out.join('').trim();
}
