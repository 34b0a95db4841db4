// Questions people ask in the middle of a booking ("ça se trouve où ?", "c'est combien ?",
// "c'est qui qui vient ?"): answered, then the pending question is asked again.
import { normalize } from './normalize';

export type SideQuestion = 'where' | 'price' | 'who';

const WHERE = /\b(ou (ca|c'est|cela|est-ce|est ce|se trouve|ca se trouve|est le|est la|est-il|est-elle|il est|elle est|dois-je aller|je dois aller|faut-il aller)|c'est ou|ca se trouve ou|se situe|quelle adresse|l'adresse|adresse exacte|comment (j'y vais|y aller|on y va|je m'y rends|s'y rendre|venir|je viens|on vient|aller la-bas)|c'est loin|le plan)\b/;
const PRICE = /\b(combien|gratuit|gratuite|payant|payante|prix|tarif|ca coute|cela coute|faut-il payer|faut il payer|je dois payer|il faut payer|c'est cher|a payer)\b/;
const WHO = /\b(c'est qui|qui (vient|viendra|va venir|me recoit|me recevra|m'aidera|sera la|sera present|est-ce|est ce)|avec qui|quel benevole|quel jeune|le nom du (benevole|jeune|volontaire)|comment s'appelle)\b/;

/** The side question a message asks, or null. A question is short: a long message is a request. */
export function sideQuestion(text: string): SideQuestion | null {
  const t = normalize(text).replace(/[.,;:]+/g, ' ');
  if (t.split(' ').length > 14) return null;
  if (PRICE.test(t)) return 'price';
  if (WHO.test(t)) return 'who';
  if (WHERE.test(t)) return 'where';
  return null;
}
