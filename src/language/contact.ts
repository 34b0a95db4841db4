// "Paulette Durand 06 98 76 54 32, elle est d'accord": a relative may give the person's name,
// mobile and agreement to SMS in one answer. Pure: reads each part, decides nothing.
import { parseName } from './answers';
import { parsePhone, type PhoneResult } from './phone';
import { statedConsent } from './consent';

export interface Contact {
  name: string | null;
  phone: PhoneResult | null;
  consent: 'yes' | 'no' | null;
}

/** Digit runs (the number) and commas separate the name from the rest. */
const SEPARATORS = /(?:\+|00)?\d[\d\s.\-/()]*\d|[,;\n]/;

export function readContact(text: string): Contact {
  const phone = parsePhone(text);
  // Without a number the whole answer is the name ("Durand, Paulette" stays one name).
  if (!phone) return { name: parseName(text), phone: null, consent: null };
  const parts = text.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  const name = parts.filter((p) => statedConsent(p) === null).map(parseName).find((n) => n !== null) ?? null;
  return { name, phone, consent: statedConsent(text) };
}
