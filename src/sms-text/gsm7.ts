// GSM 03.38: what an SMS can carry without switching the whole message to UCS-2 (which
// cuts a segment from 160 to 70 characters and doubles the cost of an appointment).
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENDED = '^{}\\[~]|€'; // each costs two septets (escape + char)
const BASIC_SET = new Set(BASIC);
const EXT_SET = new Set(EXTENDED);

// French letters outside GSM-7 and typographic signs, to their closest plain form.
const TRANSLIT: Record<string, string> = {
  'â': 'a', 'ä': 'ä', 'á': 'a', 'ã': 'a', 'ê': 'e', 'ë': 'e', 'î': 'i', 'ï': 'i', 'í': 'i', 'ô': 'o', 'ó': 'o', 'õ': 'o',
  'û': 'u', 'ü': 'ü', 'ú': 'u', 'ç': 'c', 'ÿ': 'y', 'œ': 'oe', 'Œ': 'OE', 'æ': 'æ',
  'À': 'A', 'Â': 'A', 'Á': 'A', 'È': 'E', 'Ê': 'E', 'Ë': 'E', 'Î': 'I', 'Ï': 'I', 'Ô': 'O', 'Ù': 'U', 'Û': 'U', 'Ü': 'Ü',
  '’': "'", '‘': "'", '‚': "'", '“': '"', '”': '"', '«': '"', '»': '"', '„': '"',
  '…': '...', '°': 'o', '–': '-', '—': '-', '‑': '-', '•': '*', '·': '.',
  '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u2007': ' ',
};

export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (BASIC_SET.has(ch) || EXT_SET.has(ch)) { out += ch; continue; }
    const t = TRANSLIT[ch];
    if (t !== undefined) { out += t; continue; }
    // Strip accents from anything else (NFD + drop marks); drop what is left outside GSM-7.
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += [...base].filter((c) => BASIC_SET.has(c) || EXT_SET.has(c)).join('');
  }
  return out.replace(/[ \t]+\n/g, '\n').replace(/ {2,}/g, ' ');
}

export function isGsm7(text: string): boolean {
  return [...text].every((c) => BASIC_SET.has(c) || EXT_SET.has(c));
}

/** Septets used by a GSM-7 text. */
export function septets(text: string): number {
  let n = 0;
  for (const c of text) n += EXT_SET.has(c) ? 2 : 1;
  return n;
}

/** Number of SMS segments (GSM-7: 160 single, 153 per part when concatenated; UCS-2: 70/67). */
export function segments(text: string): number {
  if (isGsm7(text)) {
    const s = septets(text);
    return s <= 160 ? 1 : Math.ceil(s / 153);
  }
  const units = text.length; // UTF-16 code units
  return units <= 70 ? 1 : Math.ceil(units / 67);
}
