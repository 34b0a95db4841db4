// What a message asks for: intent, topic and whether it is for someone else.
// Normalised keyword/lexicon rules (lexicon in locales/intents.fr.json). Chosen by measure: on
// the extra cases (test/fixtures/extra-intents-fr.tsv) a naive-Bayes classifier trained on the
// same lexicon + corpus gets ~76 % of intents and ~47 % intent+topic, the rules ~99 %
// (test/language/intent.test.ts keeps that comparison running).
import { memoText } from './memo';
import type { TopicId } from '../booking/model';
import { TOPIC_IDS } from '../booking/model';
import { REF_CODE_PATTERN } from '../booking/refcode';
import lexicon from '../../locales/intents.fr.json';
import { editDistance, phraseRe } from './fuzzy';
import { normalize } from './normalize';
import { makeLexicon } from './spell';
import { STOPWORDS } from './stopwords';
import { readOptOutNormalized } from './optout';

export type Intent = 'book' | 'cancel' | 'status' | 'help' | 'human' | 'stop' | 'greeting' | 'thanks' | 'unknown';
export interface Classification { intent: Intent; topic: TopicId | null; forOther: boolean | null }

type Matcher = { phrase: string; re: RegExp };
const compile = (list: string[], plural = false): Matcher[] => list.map((phrase) => ({ phrase, re: phraseRe(phrase, plural) }));
const any = (ms: Matcher[], t: string): boolean => ms.some((m) => m.re.test(t));

const weakTopic = new Set(lexicon.weakTopicWords);
const TOPICS = (lexicon.topicRank as TopicId[]).filter((id) => (TOPIC_IDS as readonly string[]).includes(id)).map((id) => {
  const phrases = (lexicon.topics as Record<string, string[]>)[id] ?? [];
  // Single long words also match with one typo ("retraitte", "alocation").
  const fuzzy = phrases.filter((p) => /^[a-z]{6,}$/.test(p) && !weakTopic.has(p));
  return { id, matchers: compile(phrases, true), fuzzy };
});
// "allocation chômage" is France Travail although "allocation" alone is the CAF: a phrase of a
// lower-ranked topic that contains the words matched for a higher-ranked one is more specific.
const CONTAINERS = new Map<string, { id: TopicId; re: RegExp }[]>();
for (const topic of TOPICS) {
  for (const m of topic.matchers) {
    for (const other of TOPICS) {
      if (other.id === topic.id) continue;
      for (const inner of other.matchers) {
        if (inner.phrase !== m.phrase && inner.re.test(m.phrase)) {
          const list = CONTAINERS.get(inner.phrase) ?? [];
          list.push({ id: topic.id, re: m.re });
          CONTAINERS.set(inner.phrase, list);
        }
      }
    }
  }
}

const I = lexicon.intents;
const M = {
  stopStrong: compile(I.stopStrong),
  cancel: compile(I.cancel), human: compile(I.human), contextHuman: compile(I.contextHuman),
  status: compile(I.status), statusDirect: compile(I.statusDirect), help: compile(I.help), helpWhole: new Set(I.help),
  greeting: new Set(I.greeting), thanks: compile(I.thanks), book: compile(I.book),
  politeness: new Set(I.politeness), greetingFiller: new Set(I.greetingFiller),
  thanksWords: new Set(I.thanksWords), closingWords: new Set(I.closingWords),
};
// Asking for a person in any words: a verb of reaching + someone ("passez-moi un responsable",
// "mettez-moi en relation", "parler à la coordinatrice", "y a pas un être humain").
const PERSON = `(?:${I.persons.join('|')})`;
const ASK_FOR_PERSON = new RegExp([
  `\\b(?:parler|causer|discuter) (?:a|au|aux|avec) (?:votre |vos |un |une |la |le |l'|les |des |quelqu'un de )?${PERSON}\\b`,
  `\\bpasse[rz]?[- ]moi (?:votre |un |une |la |le |l')?${PERSON}\\b`,
  `\\bmett(?:ez|re)[- ](?:moi )?en (?:relation|contact)\\b`,
  // "qu'un vrai conseiller me contacte": a person as the one who reaches the writer.
  `\\b(?:qu'une?|que (?:le|la|votre)) (?:vraie? )?${PERSON} (?:me|m') ?(?:contacte|appelle|rappelle|telephone|joigne)\\b`,
  `\\b(?:avoir|joindre) (?:votre |un |une |la |le |l')?${PERSON} (?:en direct|au telephone|de vive voix|en vrai)\\b`,
  `\\b(?:y a|il y a|y a-t-il|ya|y'a)(?: pas)? (?:un |une )?(?:etre humain|humain|vraie personne|personne reelle|vrai conseiller)\\b`,
].join('|'));
const F = lexicon.forOther;
const relatives = F.relatives.map((r) => r.replace(/[- ]/g, '[- ]')).join('|');
// A relation with its usual adjectives: "ma vieille mère", "ma belle-mère", "ma petite-fille".
const RELATION = `(petite?[- ]|vieille |vieux |belle[- ]|beau[- ]|grande?[- ])?(${relatives})s?`;
const FOR_OTHER = [
  // "pour ma mère", "pour mon voisin", "pour une amie"
  new RegExp(`\\b(pour|a la place de|au nom de|de la part de) (ma|mon|mes|sa|son|ses|notre|nos|une|un|la|le|cette|ce) (petite?[- ])?(${relatives})s?\\b`),
  // "Ma mère a 82 ans", "mon père a besoin", "ma voisine ne sait pas", "un ami à moi voudrait",
  // "mon fils il faut…", "ma tante elle arrive pas" (the relation, then a pronoun standing for it).
  new RegExp(`\\b(ma|mon|mes|notre|nos|une?) ${RELATION} (a moi |de moi |a nous )?(a|ont|ne|n'|na|veut|veulent|voudrait|voudraient|doit|doivent|aimerait|souhaite|sait|cherche|est|habite|arrive|peut|vit|qui|de \\d+|\\d+ ?ans|aurait|aimerais|il|elle|ils|elles|lui|probleme|pour|besoin)\\b`),
  // "mamie a besoin", "papa ne sait pas": a family name used as a name, first in the message.
  new RegExp(`(^|bonjour |salut )(${F.familyNames.join('|')}) (a|ne|n'|veut|voudrait|doit|sait|arrive|il|elle|aimerait|cherche|est)\\b`),
  // "elle ne sait pas", "il voudrait"
  /(^|[.,] ?|\bet )(il|elle|ils|elles) (a|ne|n'|veut|voudrait|doit|sait|aimerait|souhaite|cherche|est|habite|arrive|peut|aurait|n'arrive|n'a)\b/,
  ...compile(F.phrases).map((m) => m.re),
];
const SELF = compile(F.self);
const JOINT = new RegExp(`\\b(ma|mon|nos|mes) ${RELATION} et moi\\b|\\bmoi et (ma|mon|mes) ${RELATION}\\b`);
const carers = F.carers.map((r) => r.replace(/[- ]/g, '[- ]')).join('|');
// A carer or relative who says so: "je suis la fille de Mme X", "je suis auxiliaire de vie",
// "un monsieur dont je m'occupe", "la personne que j'accompagne", "je m'occupe de mon oncle".
const CARER = [
  new RegExp(`\\bje suis (le |la |l'|son |sa |leur )?(petite?[- ])?(${relatives}|${carers}|gendre|belle-fille|bru)s?\\b`),
  new RegExp(`\\b(${carers})\\b.*\\b(chez|de|d'|pour|aupres d[e'u]) (une?|la|le|l'|ma|mon|mes|des|cette|ce)\\b`),
  /\b(dont|que|qu') ?(je|j') ?(m'occupe|aide|accompagne|suis|garde|visite|assiste)\b/,
  /\bje m'occupe (de|d') ?(ma|mon|mes|sa|son|une?|la|le|cette|ce)\b/,
  /\b(une?|la|le) (des |de )?(mes )?(personnes? agees?|personnes?|dames?|messieurs?|beneficiaires?|patients?|residents?|residentes?) (que|dont|qui)\b/,
];
// "mon petit-fils est en Australie" is the reason for a video call, not the person to help: a
// relative with a mere state verb counts only when the writer asks nothing for themself.
const RELATIVE_STATE = new RegExp(`\\b(ma|mon|mes|notre|nos) (petite?[- ]|vieille |vieux |belle[- ]|beau[- ])?(${relatives})s? (est|sont|habite|habitent|vit|vivent|a|ont|qui|arrive|peut|etait|avait)\\b(?! \\d)`);
// "la retraite de ma mère", "le portable de mon mari": the need belongs to a relative.
const RELATIVE_OWNS = new RegExp(`\\b(le|la|les|l'|du|des|son|sa|ses)( [a-z'-]+){1,2} (de|d') ?(ma|mon|mes|notre|nos) (petite?[- ]|belle[- ]|beau[- ])?(${relatives})s?\\b`);
const SELF_WISH = /\b(je (voudrais|veux|souhaite|souhaiterais|aimerais|dois|devrais|cherche|sais pas|ne sais pas|n'arrive pas|narrive pas)|j'aimerais|j'ai besoin|me servir|m'aider|apprendre a)\b/;
const FIRST_PERSON = /\b(j'ai|j'|je|me|m'|moi|mon|ma|mes)\b|(^|\s)(m|j)'/;

function tokens(t: string): string[] {
  return t.split(/[^a-z0-9']+/).filter(Boolean);
}

/** The most specific topic named in the text (services before devices), or null. */
export function findTopic(text: string): TopicId | null {
  const t = normalize(text);
  for (const topic of TOPICS) {
    const hits = topic.matchers.filter((m) => m.re.test(t));
    if (!hits.length) continue;
    for (const h of hits) for (const c of CONTAINERS.get(h.phrase) ?? []) if (c.re.test(t)) return c.id;
    return topic.id;
  }
  const toks = tokens(t).filter((w) => w.length >= 6);
  for (const topic of TOPICS) {
    for (const k of topic.fuzzy) if (toks.some((w) => editDistance(w, k, 1) <= 1)) return topic.id;
  }
  return null;
}

/** true: books for someone else; false: clearly for themself; null: cannot tell. */
export function findForOther(text: string): boolean | null {
  const t = normalize(text);
  if (any(SELF, t)) return false;
  // "mon mari et moi": for both, neither one nor the other.
  if (JOINT.test(t)) return null;
  if (CARER.some((re) => re.test(t))) return true;
  const selfWish = SELF_WISH.test(t);
  if (FOR_OTHER.some((re) => re.test(t))) {
    // Only a relative "who is / lives / has" and a first-person wish: the writer books for themself.
    // "pour ma mère qui ne sait pas…" stays for the mother whatever the writer wishes.
    const strong = FOR_OTHER[0]!.test(t) || FOR_OTHER.some((re) => re.test(t.replace(RELATIVE_STATE, ' ')));
    if (strong || !selfWish) return true;
  }
  if (RELATIVE_OWNS.test(t) && !selfWish) return true;
  // "je voudrais un rendez-vous" says nothing about whom it is for; "mon portable", "je dois",
  // "me servir", even "mes petits-enfants" as an object, mean the writer speaks of themself.
  const stripped = t.replace(/\b(je (voudrais|veux|souhaite|souhaiterais|aimerais|peux|pourrais)|j'aimerais)\b/g, ' ');
  // "besoin d'aide pour prendre…" with no subject is the elliptic "j'ai besoin" of a doer.
  if (FIRST_PERSON.test(stripped) || /^(?:(?:bonjour|bonsoir|salut) )?besoin (?:d'aide |d'un coup de main )?pour [a-z]+(?:er|ir|re)\b/.test(t)) return false;
  // "je voudrais créer une adresse mail": wanting to *do* something oneself.
  const wantsToDo = /\b(?:je (?:voudrais|veux|souhaite|souhaiterais|aimerais|dois)|j'aimerais) (?:savoir |pouvoir |bien )?([a-z]+(?:er|ir|re))\b/.exec(t);
  return wantsToDo && !/^(prendre|avoir|reserver|obtenir)$/.test(wantsToDo[1] ?? '') ? false : null;
}

function onlyWordsOf(t: string, allowed: (w: string) => boolean): boolean {
  const toks = tokens(t);
  return toks.length > 0 && toks.every(allowed);
}

export const classify: (text: string) => Classification = memoText(classifyText);

// Typos and phonetic spellings of the lexicon's own words ("retrete", "anuller", "kaf"), fixed
// token by token before any phrase is matched.
const LEXICON_WORDS = new Set<string>();
const collectWords = (v: unknown): void => {
  if (typeof v === 'string') for (const w of v.split(/[^a-z]+/)) if (w.length >= 5) LEXICON_WORDS.add(w);
  else if (Array.isArray(v)) v.forEach(collectWords);
  else if (v && typeof v === 'object') Object.values(v).forEach(collectWords);
};
collectWords([lexicon.topics, I.cancel, I.status, I.statusDirect, I.human, I.book]);
const { _comment: _aliasComment, ...ALIASES } = lexicon.aliases;
void _aliasComment;
const WORD_LEXICON = makeLexicon(
  { ...Object.fromEntries([...LEXICON_WORDS].map((w) => [w, w])), ...ALIASES },
  new Set([...STOPWORDS, 'retrait', 'vide', 'saute', 'sortie', 'mairie', 'marie', 'potable', 'passe', 'annee', 'annees', 'declare', 'venue', 'revenu', 'revenir', 'reviens']),
);

function fixWords(t: string): string {
  return t.split(' ').map((tok) => {
    const m = /^([a-z]{1,2}')?([a-z]+)$/.exec(tok);
    return m ? `${m[1] ?? ''}${WORD_LEXICON.fix(m[2]!)}` : tok;
  }).join(' ');
}

// Status asked in any words: an appointment already made + a question or a lost detail.
const APPOINTMENT = /\b(mon|ma|le|notre|son|sa|leur|ce|du|au) (prochain )?rendez-vous\b|\bje (passe|viens|dois venir|doit venir|devais venir|dois passer|suis convoquee?|suis attendue?|dois etre la|dois y etre|dois me presenter|dois aller|dois me rendre|vais)\b|\bj'ai (bien )?(un )?rendez-vous\b|\bon m'a donne (un )?rendez-vous\b|\bvous m'aviez\b|\bc'etait\b|\bil est a quelle heure\b/;
const ASKING = /\b(quelle heure|quel heure|quel jour|quelle date|quand|ou|quelle adresse|c'est bien|toujours|tient|confirm[a-z]*|deja|bien (lundi|mardi|mercredi|jeudi|vendredi|samedi|demain|le|a|ce))\b/;
const LOST = /\b(perdu|oublie|oublier|efface|supprime|retrouve plus|retrouve pas|sais plus|souviens plus|rappelle plus|redire|rappeler)\b|\b(j'ai|n'ai) plus (le|la|l'|les|mon|ma)\b/;
const DETAIL = /\b(l'heure|la date|le jour|l'adresse|le lieu|le sms|le message|le papier|rendez-vous|heure|date|jour|lieu|endroit|adresse(?! (e-?)?mail)|lundi|mardi|mercredi|jeudi|vendredi|samedi|ou c'est|quel jour)\b/;
// "c'est quel jour déjà": "déjà" asks to be reminded of something already known.
const REMIND = /\b(quelle heure|quel heure|quel jour|quelle date|quand|ou|quelle adresse)\b.*\bdeja\b|\bdeja\b.*\b(quelle heure|quel jour|quelle date|quand|quelle adresse)\b/;
// "renvoyez-moi l'adresse", "redites-moi où c'est", "envoyez-moi encore l'heure": a detail again.
const AGAIN = /\b(renvoy|reenvoy|redonn|redi[rst]|repreci|rappel)[a-z]*\b|\b(encore|de nouveau|a nouveau)\b/;
// A reference code copied from our SMS ("K7P-42Q"): the person asks about that booking.
const QUOTED_REF = new RegExp(`(?:^|[^A-Za-z0-9])(?=[A-Z0-9-]*[0-9]|[A-Z]{3}-[A-Z]{3})(${REF_CODE_PATTERN})(?![A-Za-z0-9])`, 'i');
const NEW_REQUEST = /\b(voudrais|veux|aimerais|souhaite|souhaiterais|prendre|avoir|besoin|reserver|autre|nouveau)\b.*\b(un|une|nouveau|autre) rendez-vous\b|\b(disponible|libre|possible|dispo)\b/;

function isStatus(t: string, strongTopic: boolean): boolean {
  if (NEW_REQUEST.test(t)) return false;
  if (any(M.statusDirect, t) || any(M.status, t)) return true;
  const detail = DETAIL.test(t);
  // "je viens pour ma mère, elle a perdu sa carte vitale": what was lost is the need itself.
  if (strongTopic && !detail) return false;
  return (APPOINTMENT.test(t) && (ASKING.test(t) || LOST.test(t))) || ((LOST.test(t) || AGAIN.test(t)) && detail) || REMIND.test(t);
}

/** The text quotes one of our reference codes. */
function quotesRef(text: string): boolean {
  const m = QUOTED_REF.exec(text);
  // Ours are upper case in the SMS; lower case only when the code holds a digit ("k7p-42q").
  return !!m && (m[1] === m[1]!.toUpperCase() || /\d/.test(m[1]!));
}

// "je ne pourrai pas venir", "elle ne viendra pas": not coming is a cancellation unless the same
// message offers another time ("... mais le jeudi ce serait bien") or asks for a home visit.
// An adverb may stand inside: "je ne pourrai finalement pas venir".
const NOT_COMING = /\b(ne |n')?(pourrai|pourrais|pourra|pourrons|pourront|peux|peut|pouvons|viendrai|viendra|viendrons|viendront|serai|sera|serons|seront)( [a-z]+ment)? (pas|plus)\b/;
const NOT_COMING_VERB = /\b(pourrai|pourrais|pourra|pourrons|pourront|peux|peut|pouvons)( [a-z]+ment)? (pas|plus) (venir|etre la|etre presente?s?|y aller|m'y rendre)\b|\b(viendrai|viendra|viendrons|viendront)( [a-z]+ment)? (pas|plus)\b|\b(serai|sera|serons|seront)( [a-z]+ment)? (pas|plus) (la|presente?s?)\b|\by (serai|sera|serons|seront|vais|va|irai|ira)( [a-z]+ment)? (pas|plus)\b/;
const OTHER_TIME = /\b(mais|plutot|par contre|sinon|en revanche|ce serait|ca m'irait|je prefere|je prefererais)\b/;
const HOME_WORDS = /\b(chez moi|chez elle|chez lui|a domicile|me deplacer|se deplacer|venir chez)\b/;

/** Cancel in so many words ("annuler", "décommander", "laissez tomber"), not a mere "je ne peux pas venir lundi". */
export function isExplicitCancel(text: string): boolean {
  return /\b(annul[a-z]*|decommand[a-z]*|desist[a-z]*|laisse[rz]? tomber|je ne veux plus (le|de) rendez-vous)\b/.test(fixWords(normalize(text)));
}

// The booked appointment itself ("le rendez-vous de lundi", "mon rdv"), not a new one.
const THE_APPOINTMENT = /\b(le|mon|ce|notre|son|sa|du|au|leur) (prochain )?rendez-vous\b/;
// "annuler un abonnement / une commande": something else than our appointment is cancelled.
const OTHER_CANCELLED = /\b(annul|resili|supprim)[a-z]* (?:(?:un|une|mon|ma|mes|le|la|les|l'|des|cet|cette|ce) )?(abonnement|commande|contrat|prelevement|achat|paiement|virement|forfait|option|application|appli|compte|carte|mail|email|message|photo|video|notification)s?\b/;
// "ça ne va pas être possible", "je ne vais pas pouvoir" about the booked appointment.
const NOT_POSSIBLE = /\b(va|vas|sera|serait|est|etait) pas (etre )?(possible|faisable|jouable)\b|\b(vais|va|allons) pas pouvoir\b|\bimpossible\b/;
const REMOVED = /\b(supprim|enlev|retir|effac)[a-z]*\b/;

function isCancel(t: string, topic: TopicId | null): boolean {
  if (OTHER_CANCELLED.test(t) && !THE_APPOINTMENT.test(t)) return false;
  if (THE_APPOINTMENT.test(t) && (REMOVED.test(t) || (NOT_POSSIBLE.test(t) && !OTHER_TIME.test(t)))) return true;
  if (any(M.cancel, t)) {
    // A phrase of the cancel list inside a request that names a need and another time is a constraint.
    const weak = NOT_COMING_VERB.test(t) && !/\bannul|decommand|desist/.test(t);
    return !(weak && (OTHER_TIME.test(t) || HOME_WORDS.test(t)) && topic !== null);
  }
  if (!NOT_COMING.test(t) || !NOT_COMING_VERB.test(t) || HOME_WORDS.test(t)) return false;
  // The words of not coming ("pas venir") are no request to come.
  return !(OTHER_TIME.test(t) || (topic !== null && any(M.book, t.replace(NOT_COMING_VERB, ' '))));
}

function classifyText(text: string): Classification {
  const n = normalize(text);
  const t = fixWords(n.replace(/[.,:/]+/g, ' ').replace(/ {2,}/g, ' ').trim());
  const topic = findTopic(t);
  const forOther = findForOther(t);
  const whole = t.replace(/[^a-z0-9' -]/g, '').trim();
  // Whom it is for only matters (and is only reliable) when the person asks for help.
  const result = (intent: Intent): Classification => (intent === 'book'
    ? { intent, topic, forOther }
    : { intent, topic: null, forOther: null });

  // Opting out in any words (src/language/optout.ts); a doubtful one is asked about by the bot.
  if (readOptOutNormalized(n) === 'stop' || any(M.stopStrong, t)) return result('stop');
  // "on m'a donné votre numéro", "je ne peux pas vous appeler" inside a request are no call for a human.
  const strongTopic = topic !== null && !onlyWeakTopic(t);
  if (isStatus(t, strongTopic)) return result('status');
  if (isCancel(t, topic)) return result('cancel');
  if (quotesRef(text)) return result('status');
  const quiet = !strongTopic && t.length <= 90 && !any(M.book, t.replace(/\b(telephone|appeler|parler)\b/g, ' '));
  const negated = /\b(ne |n')?(peux|peut|sais|arrive) (pas|plus) (telephoner|appeler|parler au telephone|vous appeler)\b|\bprefere ecrire\b/.test(t);
  if (!negated && (any(M.human, t) || ASK_FOR_PERSON.test(t) || (quiet && any(M.contextHuman, t)))) return result('human');
  if (text.trim() === '?' || M.helpWhole.has(whole)) return result('help');
  if (topic) return result('book');
  // Greetings and thanks in any words: the message says nothing else (no request, no detail).
  if (onlyWordsOf(t, (w) => M.greeting.has(w) || M.politeness.has(w) || M.greetingFiller.has(w)) && tokens(t).some((w) => M.greeting.has(w))) {
    return result('greeting');
  }
  if (onlyWordsOf(t, (w) => M.politeness.has(w) || M.thanksWords.has(w) || M.closingWords.has(w)) && tokens(t).some((w) => M.thanksWords.has(w))) {
    return result('thanks');
  }
  if (any(M.help, t) && !any(M.book, t)) return result('help');
  if (any(M.book, t) || forOther === true) return result('book');
  if (any(M.help, t)) return result('help');
  return result('unknown');
}

const WEAK_TOPIC = new RegExp(`\\b(${lexicon.weakTopicWords.join('|')})\\b`, 'g');

/** The topic comes only from weak words ("téléphone", "application"): not a stated need. */
function onlyWeakTopic(t: string): boolean {
  return findTopic(t.replace(WEAK_TOPIC, ' ')) === null;
}
