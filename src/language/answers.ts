// Short replies to the bot's questions: yes/no, a numbered choice, a name, a home visit.
import { fold, normalize } from './normalize';

const YES = /^(oui|ouais|ouai|oue|ouii+|yes|yep|ok|d'accord|c'est bon|c'est ok|ca marche|ca me va|ca va|parfait|tres bien|bien sur|exactement|exact|absolument|volontiers|entendu|go|o|y|vas-y|allez|je confirme|confirme|confirmer|valide|c'est parfait|c'est d'accord|pas de probleme|super|impeccable|nickel|top|cool|voila|tout a fait|c'est ca|affirmatif|certainement|bien|bon)$/;
const NO = /^(non|nan|nn|no|nope|n|pas d'accord|pas du tout|surtout pas|jamais|ca va pas|ca ne va pas|ca me va pas|ca ne me va pas|pas ca|c'est pas ca|ce n'est pas ca|non merci|pas maintenant|aucun|aucune|ni l'un ni l'autre|negatif|je refuse|refuse|pas bon|c'est faux|faux)$/;
const FILLER = /\b(merci|svp|s'il vous plait|s'il te plait|beaucoup|madame|monsieur|bonjour|alors|bah|ben|euh|heu|eh bien|oui oui|bien sur que)\b/g;

/** 'yes' / 'no' for an answer to a yes/no question, null when it is neither. */
export function parseYesNo(text: string): 'yes' | 'no' | null {
  const t = normalize(text).replace(/[.,:!]+/g, ' ').trim();
  const core = t.replace(FILLER, ' ').replace(/ {2,}/g, ' ').trim();
  for (const c of [t, core]) {
    if (NO.test(c)) return 'no';
    if (YES.test(c)) return 'yes';
  }
  // "oui c'est bon pour moi", "non je prefere un autre jour": the first word decides.
  const first = (core || t).split(' ')[0] ?? '';
  if (/^(non|nan|nn)$/.test(first)) return 'no';
  if (/^(oui|ouais|ok|d'accord|parfait|yes)$/.test(first)) return 'yes';
  return null;
}

/** A short yes/no, at most 3 words ("oui", "oui je prends", "non merci"): an answer to an offer SMS. */
export function parseBareYesNo(text: string): 'yes' | 'no' | null {
  return text.trim().split(/\s+/).length > 3 ? null : parseYesNo(text);
}

const ORDINALS: Record<string, number> = {
  premier: 1, premiere: 1, un: 1, une: 1, '1er': 1, '1ere': 1, '1re': 1,
  deuxieme: 2, second: 2, seconde: 2, deux: 2, '2eme': 2, '2e': 2, '2nd': 2, '2nde': 2,
  troisieme: 3, trois: 3, '3eme': 3, '3e': 3, quatrieme: 4, quatre: 4, '4eme': 4, '4e': 4,
  cinquieme: 5, cinq: 5, '5eme': 5, '5e': 5, sixieme: 6, six: 6, '6eme': 6, septieme: 7, sept: 7,
  huitieme: 8, huit: 8, neuvieme: 9, neuf: 9, dixieme: 10, dix: 10,
  dernier: -1, derniere: -1,
};

/** 1-based choice among `count` numbered options ("2", "le 2", "la deuxième", "numéro 3"). */
export function parseChoice(text: string, count: number): number | null {
  const t = normalize(text).replace(/[.,:!)°]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  const core = t
    .replace(/\b(je (veux|voudrais|prends|choisis|prendrais|prefere)( bien)?|j'aimerais|je vais prendre|plutot|alors|ok|oui|merci|svp|s'il vous plait|c'est|ce sera|choix|option|reponse|celui|celle|pour moi|ca ira|ca me va)\b/g, ' ')
    .replace(/\b(le|la|l'|les|numero|num|no|n|nr|#)\b/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  let n: number | null = null;
  if (/^\d{1,2}$/.test(core)) n = Number(core);
  else if (core in ORDINALS) n = ORDINALS[core] ?? null;
  else {
    const m = /^(\d{1,2}|[a-z0-9]+) (creneau|rendez-vous|proposition|date|horaire|heure|jour|lieu|commune|site|choix)$/.exec(core);
    if (m) n = /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : ORDINALS[m[1] ?? ''] ?? null;
  }
  if (n === -1) n = count;
  if (n === null || n < 1 || n > count) return null;
  return n;
}

const NOT_NAME_WORDS = new Set(normalize(`
bonjour bonsoir salut merci oui non ok d'accord rendez-vous demain lundi mardi mercredi jeudi vendredi samedi dimanche
matin soir midi apres-midi semaine caf impots retraite sante emploi aide stop annuler menu je j'ai suis veux voudrais
pour avec dans sur est c'est ne pas plus pouvez pouvez-vous mon ma mes moi lui elle il nous vous besoin telephone
portable mail internet ordinateur tablette quand comment pourquoi quoi qui ou habite rue avenue a au aux chez en et
`).split(/\s+/).filter(Boolean));

const PARTICLES = new Set(['de', 'du', 'des', 'le', 'la', 'van', 'von', 'da', 'di', 'del', 'ben', 'el', 'al', "d'", 'dos', 'das', 'ter', 'den']);

function capitalise(word: string): string {
  return word
    .split(/([-'])/)
    .map((p) => (PARTICLES.has(p.toLowerCase()) || p === '-' || p === "'" ? p.toLowerCase() : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()))
    .join('');
}

/** A person's name from "je m'appelle Jeanne Dupont", "Mme Martin", "c'est pour Paul Durand" or a bare name. */
export function parseName(text: string): string | null {
  let t = text.replace(/[\u2019`]/g, "'").replace(/[.!?,;:]+$/g, '').replace(/\s+/g, ' ').trim();
  const intro = /^(?:bonjour|bonsoir|salut)?[ ,]*(?:(?:je m'appelle|je m appelle|moi c'est|mon nom(?: est| c'est)?|nom ?:|c'est pour|c'est|pour|il s'appelle|elle s'appelle|il s appelle|elle s appelle|elle c'est|lui c'est|son nom(?: est| c'est)?|le nom(?: est| c'est)?|je suis)\s+)/i;
  t = t.replace(intro, '');
  // "ma mère s'appelle Odette Martin"
  t = t.replace(/^(?:(?:ma|mon|sa|son|le|la) [\p{L}-]+ )?(?:s'appelle|s appelle|se nomme|c'est)\s+/iu, '');
  let civility = '';
  const civ = /^(m\.|mr\.?|monsieur|mme\.?|madame|mlle\.?|mademoiselle)\s+/i.exec(t);
  if (civ) {
    const c = fold(civ[1] ?? '').replace('.', '');
    civility = c.startsWith('mme') || c === 'madame' ? 'Mme' : c.startsWith('mlle') || c === 'mademoiselle' ? 'Mlle' : 'M.';
    t = t.slice(civ[0].length);
  }
  t = t.replace(/^(ma|mon) (mere|mère|pere|père|voisin|voisine|mari|femme|fille|fils|tante|oncle|grand-mere|grand-mère|grand-pere|grand-père)\s*,?\s*/i, '');
  if (!t || /\d|@/.test(t)) return null;
  const parts = t.split(' ').filter(Boolean);
  if (parts.length === 0 || parts.length > 4) return null;
  if (!parts.every((p) => /^[\p{L}][\p{L}'-]*$/u.test(p))) return null;
  if (parts.some((p) => NOT_NAME_WORDS.has(normalize(p)) && !PARTICLES.has(p.toLowerCase()))) return null;
  if (parts.every((p) => PARTICLES.has(p.toLowerCase()))) return null;
  if (parts.join('').length < 2) return null;
  // Particles as the person wrote them ("Le Corre", "de la Roche"); typed all in one case,
  // "le"/"la" open a surname (Le Corre) unless they follow "de" (de la Roche).
  const all = parts.join('');
  const typedCase = all !== all.toLowerCase() && all !== all.toUpperCase();
  const name = parts
    .map((p, i) => {
      const lower = p.toLowerCase();
      if (!PARTICLES.has(lower)) return capitalise(p);
      if (typedCase) return p;
      const afterDe = i > 0 && ['de', 'du', "d'"].includes((parts[i - 1] ?? '').toLowerCase());
      return ['le', 'la'].includes(lower) && i > 0 && !afterDe ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ')
    // "D'Arc" → "d'Arc": an elided particle stays lowercase.
    .replace(/\b([DL])'(?=\p{Lu})/gu, (_m, c: string) => `${c.toLowerCase()}'`);
  return civility ? `${civility} ${name}` : name;
}

const HOME = [
  /\b(a|au) domicile\b/, /\bchez (moi|lui|elle|nous|eux|ma mere|mon pere|elle meme|lui meme)\b/,
  /\b(peux|peut|pouvons|pourrais|pourra|arrive|arrivons) (pas|plus|guere) (me |se |nous )?(deplacer|sortir|bouger|venir|marcher)\b/,
  /\bne (me |se |nous )?(peux|peut|pouvons|pourrais|pourra) (pas|plus) (me |se |nous )?(deplacer|sortir|bouger|venir|marcher)\b/,
  /\bn'(arrive|arrivons) (pas|plus) (a )?(me |se )?(deplacer|sortir|marcher)\b/,
  /\b(pas|plus) de (voiture|vehicule|permis|moyen de (transport|locomotion))\b/, /\b(je|il|elle) (ne )?(conduis|conduit) (pas|plus)\b/,
  /\b(fauteuil roulant|handicape|handicapee|a mobilite reduite|pmr|alite|alitee|grabataire|invalide)\b/,
  /\bvenir (chez|a la maison|a domicile)\b/, /\bvisite a domicile\b/, /\bse deplacer chez\b/, /\b(pouvez|pourriez)[- ]vous venir\b/,
  /\bsors (pas|plus)\b/, /\b(je|il|elle) (ne )?(sort|sors) (pas|plus|jamais)\b/,
];

/** The person cannot travel / asks for a home visit. */
export function isHomeVisitRequest(text: string): boolean {
  const t = normalize(text);
  return HOME.some((re) => re.test(t));
}
