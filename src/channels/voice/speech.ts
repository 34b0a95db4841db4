// The bot's text replies made to be heard on a phone call (the dialog writes one text for every
// phone channel; this is the voice's rendering of it, as sms-text.ts is the SMS's):
// numbered choices become "Un : CAF. … Dites un, deux ou trois, ou tapez la touche", dates
// and times are said in full words, reference codes are spelled letter by letter ("K comme
// Kilo"), phone numbers are read in pairs, and SMS wording ("Répondez", "RDV") is turned into
// spoken wording. Pure functions; every word comes from locales/fr.json.
import { loadMessages, t } from '../../i18n';
import { REF_CODE_PATTERN } from '../../booking/refcode';
import { numberWords, phoneWords, timeWords } from './words';

export interface Spoken {
  /** What <Say> reads. */
  text: string;
  /** Numbered choices offered (0 = a free answer): one key press is enough then. */
  choices: number;
  /** Words the recogniser should expect (the choices' labels). */
  hints: string[];
}

interface VoiceLexicon {
  rewrites: [string, string][];
  drop: string[];
  abbreviations: [string, string][];
  spelling: Record<string, string>;
  hints: string;
}

let lexicon: VoiceLexicon | undefined;
function voiceLexicon(): VoiceLexicon {
  lexicon ??= (loadMessages() as { voice: VoiceLexicon }).voice;
  return lexicon;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CHOICE_LINE = /^(\d{1,2})[ .)]+(.+)$/;
const REF = new RegExp(`\\b(${REF_CODE_PATTERN})\\b`, 'g');
// Ten-digit numbers, and the four-digit service numbers (3939, 3646): read in pairs.
const PHONE = /(?<!\d ?)(?:(?:\+33 ?|0)[1-9](?: ?\d{2}){4}|3\d{3})(?![\d])/g;
const TIME = /\b([01]?\d|2[0-3]) ?h(?: ?([0-5]\d))?\b/g;

/** "K7P-42Q" → "K comme Kilo, sept, P comme Papa, tiret, quatre, deux, Q comme Québec". */
export function spellCode(code: string): string {
  const { spelling } = voiceLexicon();
  return [...code].map((c) => {
    if (/\d/.test(c)) return numberWords(Number(c));
    if (c === '-') return t('voice.dash');
    const word = spelling[c.toUpperCase()];
    return word ? t('voice.spell', { letter: c.toUpperCase(), word }) : c;
  }).join(', ');
}

/** One sentence of SMS text → the same said aloud. */
export function speakLine(line: string): string {
  const { rewrites, abbreviations } = voiceLexicon();
  let s = line;
  // Codes and phone numbers first: their digits are read one by one or in pairs.
  const held: string[] = [];
  // Placeholders of private-use characters: no digit or letter for the steps below to change.
  const hold = (spoken: string) => String.fromCharCode(0xe000 + held.push(spoken) - 1);
  s = s.replace(REF, (code) => hold(spellCode(code)));
  s = s.replace(PHONE, (p) => hold(phoneWords(p.replace(/^\+33 ?/, '0'))));
  for (const [from, to] of abbreviations) s = s.replace(new RegExp(`(?<![\\p{L}])${escapeRe(from)}(?![\\p{L}])`, 'gu'), to);
  for (const [from, to] of rewrites) s = s.replace(new RegExp(`(?<![\\p{L}])${escapeRe(from)}(?![\\p{L}])`, 'gu'), to);
  s = s.replace(TIME, (_m, h: string, m?: string) => timeWords(Number(h), Number(m ?? 0)));
  s = s.replace(/\b1er\b/g, 'premier');
  s = s.replace(/\b\d{1,6}\b/g, (n) => numberWords(Number(n)));
  return s.replace(/[\ue000-\uf8ff]/g, (c) => held[c.charCodeAt(0) - 0xe000] ?? '');
}

/** "un, deux ou trois". */
function listOf(numbers: readonly number[]): string {
  const words = numbers.map(numberWords);
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${t('voice.or')} ${words[words.length - 1]}`;
}

/** The replies of one turn, as one text to say. */
export function speak(replies: readonly string[]): Spoken {
  const { drop } = voiceLexicon();
  const parts: string[] = [];
  const hints: string[] = [];
  let choices: number[] = [];
  let asked = 0;
  const flushChoices = () => {
    if (!choices.length) return;
    parts.push(t('voice.choose', { numbers: listOf(choices) }));
    asked = choices.length;
    choices = [];
  };
  for (const reply of replies) {
    for (const raw of reply.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      const choice = CHOICE_LINE.exec(line);
      if (choice && Number(choice[1]) === choices.length + 1) {
        choices.push(Number(choice[1]));
        hints.push(choice[2]);
        const number = numberWords(Number(choice[1]));
        parts.push(t('voice.choice', { number: number[0].toUpperCase() + number.slice(1), label: speakLine(choice[2]) }));
        continue;
      }
      flushChoices();
      asked = 0; // a sentence after the choices: the question is that sentence
      let kept = line;
      for (const d of drop) kept = kept.replace(d, '').trim();
      if (kept) parts.push(speakLine(kept));
    }
  }
  flushChoices();
  return { text: parts.join(' ').replace(/\s+/g, ' ').trim(), choices: asked, hints };
}

/** Words the recogniser should expect everywhere (Twilio's `hints`), plus this turn's choices. */
export function hintsFor(spoken: Spoken): string {
  const fixed = voiceLexicon().hints.split(',').map((h) => h.trim()).filter(Boolean);
  const all = [...new Set([...spoken.hints.map((h) => h.replace(/[,"<>&]/g, ' ').trim()), ...fixed])];
  return all.filter(Boolean).slice(0, 100).join(', ');
}
