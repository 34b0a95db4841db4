// French phone numbers in every usual written form → E.164 (libphonenumber-js).
// SMS needs a mobile (06/07); a landline is reported so the bot can ask for a mobile.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneResult =
  | { status: 'mobile'; e164: string }
  | { status: 'landline'; e164: string }
  | { status: 'invalid' };

// A run of digits with the separators people type: spaces, dots, dashes, slashes, "+".
const CANDIDATE = /(?:\+|00)?\d[\d\s.\-/()]{6,}\d/g;

/** null when the text holds nothing that looks like a phone number. */
export function parsePhone(text: string): PhoneResult | null {
  const runs = text.match(CANDIDATE) ?? [];
  let sawCandidate = false;
  for (const run of runs) {
    let digits = run.replace(/[^\d+]/g, '');
    if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
    if (digits.startsWith('+330')) digits = `+33${digits.slice(4)}`; // "+33 (0)6 …"
    const bare = digits.replace(/^\+/, '');
    // A truncated number ("06 12 34") is a phone number typed wrong; other short runs are
    // postcodes, dates or amounts.
    if (bare.length < 9 && /^(\+|0)/.test(digits) && bare.length >= 6) sawCandidate = true;
    if (bare.length < 9 || bare.length > 15) continue;
    sawCandidate = true;
    const n = parsePhoneNumberFromString(digits, 'FR');
    if (!n || !n.isValid()) continue;
    const type = n.getType();
    const e164 = n.number;
    // Anything that is not a mobile cannot receive our SMS: fixed, VoIP (09), free numbers.
    return type === 'MOBILE' ? { status: 'mobile', e164 } : { status: 'landline', e164 };
  }
  return sawCandidate ? { status: 'invalid' } : null;
}

/** "+33612345678" → "+33 6 •• •• •• 78" (for logs). */
export function maskPhone(e164: string): string {
  const m = /^\+33(\d)(\d{6})(\d{2})$/.exec(e164);
  if (m) return `+33 ${m[1]} •• •• •• ${m[3]}`;
  const digits = e164.replace(/\D/g, '');
  if (digits.length < 4) return '••';
  return `+${digits.slice(0, 2)} ${'•'.repeat(Math.max(0, digits.length - 4))} ${digits.slice(-2)}`;
}
