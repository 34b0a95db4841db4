// "06 12 34 56 78, elle est d'accord": a relative says, in the same answer as the number,
// whether the person agrees to receive our SMS. Only an explicit statement counts; anything
// else leaves the consent question to be asked.
import { normalize } from './normalize';

const NEGATION = /\b(pas|plus|jamais|refuse|refuserait|ne veut|veut pas|sans)\b/;
/** "elle est d'accord" (a bare "d'accord" may just mean "ok"), "elle accepte (les sms)", "ok pour les sms", "elle veut bien". */
const AGREES = /\b(?:elle|il|la personne|ma mere|mon pere)\s+(?:n'?\s?)?(?:est|etait)\s+(?:pas\s+|bien\s+)?d'?\s?accord\b|\b(?:elle|il|la personne)\s+(?:accepte|veut bien)\b|\bok pour (?:les |recevoir (?:les |des )?)?sms\b|\bsms (?:acceptes?|ok)\b/;

/** 'yes' or 'no' when the text states the person's consent to SMS, otherwise null. */
export function statedConsent(text: string): 'yes' | 'no' | null {
  const t = normalize(text).replace(/[’`]/g, "'").replace(/[.,;:!?]+/g, ' ').replace(/\s+/g, ' ');
  const m = AGREES.exec(t);
  if (m) {
    // "elle n'est pas d'accord", "pas d'accord": the words just before the statement decide.
    const before = t.slice(Math.max(0, m.index - 20), m.index + m[0].length);
    return NEGATION.test(before) ? 'no' : 'yes';
  }
  if (/\b(?:elle|il|la personne)\s+(?:ne\s+)?(?:veut pas|refuse)\b.*\bsms\b|\bpas de sms\b/.test(t)) return 'no';
  return null;
}
