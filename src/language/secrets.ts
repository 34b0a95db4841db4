// Messages that GIVE a secret: passwords or codes of online accounts, a social security
// number, a bank card number. The bot must not store them and asks the person not to send
// them. Asking for help with a password ("ameli me demande un mot de passe") is not a secret.
import { normalize } from './normalize';

const SECRET_WORD = "(?:mot de passe|mots de passe|password|pass|code secret|code confidentiel|code pin|pin|code d'acces|code de connexion|code|identifiant|login|code de verification|code recu par sms)";
// "mon mot de passe c'est X", "mdp: X", "le code est 1234", "voici mon code 4821"
const GIVING = new RegExp(
  `\\b${SECRET_WORD}\\s*(?:(?:c'est|c est|est|=|:|ce serait|sera|etait|c'etait)\\s*(?:le |la )?|(?:voici|voila)\\s+)\\S+`,
);
const GIVING_BEFORE = new RegExp(`\\b(?:voici|voila|je vous donne|je te donne|je vous envoie)\\s+(?:mon|le|ma)\\s+${SECRET_WORD}\\s*:?\\s*\\S+`);
// A value that looks like a password: has digits, or mixes cases/symbols, and is not a word.
const VALUE = /(?:c'est|c est|est|=|:|etait|voici|voila|sera|donne|envoie)\s*(?:le |la |mon |ma )?([^\s]+)/;
const QUESTION_WORDS = /^(quoi|quel|quelle|oublie|perdu|bloque|faux|incorrect|errone|pas|plus|trop|demande|demander|change|changer|a|de|un|une|le|la|mon|ma|votre|ton|pour|que|qui|ou|comment|rien|vide|bon|mauvais|en|dans|sur|different|nouveau|nouvelle|valide|invalide|expire|refuse|long|court|simple|complique|ca|ok|oui|non|envoye|recu|bien)$/;

/** Luhn checksum, to tell a bank card number from any 16-digit run. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

export function looksLikeSecret(text: string): boolean {
  const raw = text.replace(/[\u00a0\u202f]/g, ' ');
  // Social security number: 13 or 15 digits starting 1/2 (sex), spaces allowed; Corsica 2A/2B.
  const compact = raw.replace(/[\s.-]/g, '');
  if (/(?:^|\D)[12]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)(?:\d{2}|2[AB])\d{6}(?:\d{2})?(?!\d)/i.test(compact)) {
    const m = /(?:^|\D)([12]\d{12}(?:\d{2})?)(?!\d)/.exec(compact);
    if (m && (m[1]?.length === 13 || m[1]?.length === 15)) return true;
    if (/(?:^|\D)[12]\d{4}2[AB]\d{6}(?:\d{2})?(?!\d)/i.test(compact)) return true;
  }
  // Bank card: 13–19 digits in groups, passing the Luhn check.
  for (const m of raw.matchAll(/(?:\d[ -]?){13,19}/g)) {
    const d = m[0].replace(/\D/g, '');
    if (d.length >= 13 && d.length <= 19 && !/^0[1-9]/.test(d) && luhn(d)) return true;
  }
  const t = normalize(raw);
  const give = GIVING.exec(t) ?? GIVING_BEFORE.exec(t);
  if (give) {
    const v = VALUE.exec(give[0]);
    const value = (v?.[1] ?? give[0].split(/\s+/).pop() ?? '').replace(/[.,!?]+$/, '');
    if (value && !QUESTION_WORDS.test(value)) return true;
  }
  // "code secret 1234", "mot de passe Soleil123": a credential keyword followed by a value with digits.
  if (/\b(?:code secret|code confidentiel|code pin|code d'acces|mot de passe|password)\s*:?\s*(?:est\s+)?\S*\d\S*/.test(t) && !/\bcode postal\b/.test(t)) return true;
  // "mdp Soleil123", "code 4821" with nothing else around: a bare credential.
  if (/^(?:mot de passe|mdp|password|code|code pin|pin)\s*:?\s*\S*\d\S*$/.test(t)) return true;
  return false;
}
