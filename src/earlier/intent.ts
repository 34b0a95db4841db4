// "Prévenez-moi si un rendez-vous plus tôt se libère", "RDV PLUS TOT": the person has a
// booking and wants an earlier one if it frees up. Not "le plus tôt possible" (that is a
// date wish inside a new request). Pure, on normalised text.
import { normalize } from '../language/normalize';

const EARLIER = /\bplus tot\b|\bavancer (mon|le|ma|son|sa) (rdv|rendez-vous)\b/;
const TELL_ME = /\b(prevenez|previens|prevenir|dites|avertir|avertissez|signalez|si (un|une|quelque)|se libere|libere|avancer|rendez-vous plus tot)\b/;

export function wantsEarlier(text: string): boolean {
  const t = normalize(text);
  if (/\ble plus tot\b/.test(t) && !/\bse libere\b/.test(t)) return false;
  return EARLIER.test(t) && (TELL_ME.test(t) || t === 'plus tot');
}
