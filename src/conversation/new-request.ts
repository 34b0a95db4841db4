// A request in so many words ("je voudrais un rendez-vous pour ma retraite"): it names a need
// and asks for help. Whatever question is pending, such a message starts (or redirects) a
// request rather than being read as an answer. Pure.
import { classify } from '../language/intent';
import { normalize } from '../language/normalize';

const ASKING = /\b(rendez-vous|rdv|besoin|aide|aider|voudrais|veux|aimerais|souhaite|souhaiterais)\b/;

export function isNewRequest(text: string): boolean {
  const c = classify(text);
  return c.intent === 'book' && c.topic !== null && ASKING.test(normalize(text));
}
