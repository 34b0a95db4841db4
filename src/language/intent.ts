// What a message asks for: intent, topic and whether it is for someone else.
// Normalised keyword/lexicon rules (lexicon in locales/intents.fr.json). Chosen by measure: on
// the extra cases (test/fixtures/extra-intents-fr.tsv) a naive-Bayes classifier trained on the
// same lexicon + corpus gets ~76 % of intents and ~47 % intent+topic, the rules ~99 %
// (test/language/intent.test.ts keeps that comparison running).
import { memoText } from './memo';
import type { TopicId } from '../booking/model';
import { TOPIC_IDS } from '../booking/model';
import lexicon from '../../locales/intents.fr.json';
import { editDistance, phraseRe } from './fuzzy';
import { normalize } from './normalize';
import { makeLexicon } from './spell';
import { STOPWORDS } from './stopwords';
import { readOptOut } from './optout';

export type Intent = 'book' | 'cancel' | 'status' | 'help' | 'human' | 'stop' | 'greeting' | 'thanks' | 'unknown';
export interface Classification { intent: Intent; topic: TopicId | null; forOther: boolean | null }

type Matcher = { phrase: string; re: RegExp };
const compile = (list: string[]): Matcher[] => list.map((phrase) => ({ phrase, re: phraseRe(phrase) }));
const any = (ms: Matcher[], t: string): boolean => ms.some((m) => m.re.test(t));

const weakTopic = new Set(lexicon.weakTopicWords);
const TOPICS = (lexicon.topicRank as TopicId[]).filter((id) => (TOPIC_IDS as readonly string[]).includes(id)).map((id) => {
  const phrases = (lexicon.topics as Record<string, string[]>)[id] ?? [];
  // Single long words also match with one typo ("retraitte", "alocation").
  const fuzzy = phrases.filter((p) => /^[a-z]{6,}$/.test(p) && !weakTopic.has(p));
  return { id, matchers: compile(phrases), fuzzy };
});

const I = lexicon.intents;
const M = {
  stopStrong: compile(I.stopStrong),
  cancel: compile(I.cancel), human: compile(I.human), contextHuman: compile(I.contextHuman),
  status: compile(I.status), statusDirect: compile(I.statusDirect), help: compile(I.help), helpWhole: new Set(I.help),
  greeting: new Set(I.greeting), thanks: compile(I.thanks), book: compile(I.book),
  politeness: new Set(I.politeness),
};
const F = lexicon.forOther;
const relatives = F.relatives.map((r) => r.replace(/[- ]/g, '[- ]')).join('|');
const FOR_OTHER = [
  // "pour ma mère", "pour mon voisin", "pour une amie"
  new RegExp(`\\b(pour|a la place de|au nom de|de la part de) (ma|mon|mes|sa|son|ses|notre|nos|une|un|la|le|cette|ce) (petite?[- ])?(${relatives})s?\\b`),
  // "Ma mère a 82 ans", "mon père a besoin", "ma voisine ne sait pas"
  new RegExp(`\\b(ma|mon|mes|notre|nos) (petite?[- ]|vieille |vieux |belle[- ]|beau[- ])?(${relatives})s? (a|ont|ne|n'|na|veut|veulent|voudrait|voudraient|doit|doivent|aimerait|souhaite|sait|cherche|est|habite|arrive|peut|vit|qui|de \\d+|\\d+ ans|aurait|aimerais)\\b`),
  // "elle ne sait pas", "il voudrait"
  /(^|[.,] ?|\bet )(il|elle|ils|elles) (a|ne|n'|veut|voudrait|doit|sait|aimerait|souhaite|cherche|est|habite|arrive|peut|aurait|n'arrive|n'a)\b/,
  ...compile(F.phrases).map((m) => m.re),
];
const SELF = compile(F.self);
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
  for (const topic of TOPICS) if (any(topic.matchers, t)) return topic.id;
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
  if (CARER.some((re) => re.test(t))) return true;
  const selfWish = SELF_WISH.test(t);
  if (FOR_OTHER.some((re) => re.test(t))) {
    // Only a relative "who is / lives / has" and a first-person wish: the writer books for themself.
    const strong = FOR_OTHER.some((re) => re.test(t.replace(RELATIVE_STATE, ' ')));
    if (strong || !selfWish) return true;
  }
  if (RELATIVE_OWNS.test(t) && !selfWish) return true;
  // "je voudrais un rendez-vous" says nothing about whom it is for; "mon portable", "je dois",
  // "me servir", even "mes petits-enfants" as an object, mean the writer speaks of themself.
  const stripped = t.replace(/\b(je (voudrais|veux|souhaite|souhaiterais|aimerais|peux|pourrais)|j'aimerais)\b/g, ' ');
  if (FIRST_PERSON.test(stripped)) return false;
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
const APPOINTMENT = /\b(mon|ma|le|notre|son|sa|leur|ce|du|au) (prochain )?rendez-vous\b|\bje (passe|viens|dois venir|doit venir|devais venir|dois passer|suis convoquee?|suis attendue?|dois etre la|dois y etre|dois me presenter)\b|\bj'ai (bien )?(un )?rendez-vous\b|\bon m'a donne (un )?rendez-vous\b|\bvous m'aviez\b|\bc'etait\b|\bil est a quelle heure\b/;
const ASKING = /\b(quelle heure|quel heure|quel jour|quelle date|quand|ou|quelle adresse|c'est bien|toujours|tient|confirm[a-z]*|deja)\b/;
const LOST = /\b(perdu|oublie|oublier|efface|supprime|retrouve plus|retrouve pas|sais plus|souviens plus|rappelle plus|redire|rappeler)\b/;
const DETAIL = /\b(l'heure|la date|le jour|l'adresse|le lieu|le sms|le message|le papier|rendez-vous|heure|date)\b/;
const NEW_REQUEST = /\b(voudrais|veux|aimerais|souhaite|souhaiterais|prendre|avoir|besoin|reserver|autre|nouveau)\b.*\b(un|une|nouveau|autre) rendez-vous\b|\b(disponible|libre|possible|dispo)\b/;

function isStatus(t: string): boolean {
  if (NEW_REQUEST.test(t)) return false;
  if (any(M.statusDirect, t) || any(M.status, t)) return true;
  return (APPOINTMENT.test(t) && (ASKING.test(t) || LOST.test(t))) || (LOST.test(t) && DETAIL.test(t));
}

// "je ne pourrai pas venir", "elle ne viendra pas": not coming is a cancellation unless the same
// message offers another time ("... mais le jeudi ce serait bien") or asks for a home visit.
const NOT_COMING = /\b(ne |n')?(pourrai|pourrais|pourra|pourrons|pourront|peux|peut|pouvons|viendrai|viendra|viendrons|viendront|serai|sera|serons|seront) (pas|plus)\b/;
const NOT_COMING_VERB = /\b(pourrai|pourrais|pourra|pourrons|pourront|peux|peut|pouvons) (pas|plus) (venir|etre la|etre presente?s?|y aller|m'y rendre)\b|\b(viendrai|viendra|viendrons|viendront) (pas|plus)\b|\b(serai|sera|serons|seront) (pas|plus) (la|presente?s?)\b|\by (serai|sera|serons|seront|vais|va|irai|ira) (pas|plus)\b/;
const OTHER_TIME = /\b(mais|plutot|par contre|sinon|en revanche|ce serait|ca m'irait|je prefere|je prefererais)\b/;
const HOME_WORDS = /\b(chez moi|chez elle|chez lui|a domicile|me deplacer|se deplacer|venir chez)\b/;

/** Cancel in so many words ("annuler", "décommander", "laissez tomber"), not a mere "je ne peux pas venir lundi". */
export function isExplicitCancel(text: string): boolean {
  return /\b(annul[a-z]*|decommand[a-z]*|desist[a-z]*|laisse[rz]? tomber|je ne veux plus (le|de) rendez-vous)\b/.test(fixWords(normalize(text)));
}

function isCancel(t: string, topic: TopicId | null): boolean {
  if (any(M.cancel, t)) {
    // A phrase of the cancel list inside a request that names a need and another time is a constraint.
    const weak = NOT_COMING_VERB.test(t) && !/\bannul|decommand|desist/.test(t);
    return !(weak && (OTHER_TIME.test(t) || HOME_WORDS.test(t)) && topic !== null);
  }
  if (!NOT_COMING.test(t) || !NOT_COMING_VERB.test(t) || HOME_WORDS.test(t)) return false;
  return !(OTHER_TIME.test(t) || (topic !== null && any(M.book, t)));
}

function classifyText(text: string): Classification {
  const t = fixWords(normalize(text).replace(/[.,:/]+/g, ' ').replace(/ {2,}/g, ' ').trim());
  const topic = findTopic(t);
  const forOther = findForOther(t);
  const whole = t.replace(/[^a-z0-9' -]/g, '').trim();
  // Whom it is for only matters (and is only reliable) when the person asks for help.
  const result = (intent: Intent): Classification => (intent === 'book'
    ? { intent, topic, forOther }
    : { intent, topic: null, forOther: null });

  // Opting out in any words (src/language/optout.ts); a doubtful one is asked about by the bot.
  if (readOptOut(text) === 'stop' || any(M.stopStrong, t)) return result('stop');
  if (isStatus(t)) return result('status');
  if (isCancel(t, topic)) return result('cancel');
  // "on m'a donné votre numéro", "je ne peux pas vous appeler" inside a request are no call for a human.
  const strongTopic = topic !== null && !onlyWeakTopic(t);
  const quiet = !strongTopic && t.length <= 90 && !any(M.book, t.replace(/\b(telephone|appeler|parler)\b/g, ' '));
  const negated = /\b(ne |n')?(peux|peut|sais|arrive) (pas|plus) (telephoner|appeler|parler au telephone|vous appeler)\b|\bprefere ecrire\b/.test(t);
  if (!negated && (any(M.human, t) || (quiet && any(M.contextHuman, t)))) return result('human');
  if (text.trim() === '?' || M.helpWhole.has(whole)) return result('help');
  if (topic) return result('book');
  if (onlyWordsOf(t, (w) => M.greeting.has(w) || M.politeness.has(w)) && tokens(t).some((w) => M.greeting.has(w))) {
    return result('greeting');
  }
  if (any(M.thanks, t) && onlyWordsOf(t, (w) => M.politeness.has(w) || /^(merci|remercie|gentil|super|top|parfait|genial|cool|vous|je|trop|c'est|mille|mercis|remerciements|au|revoir|bientot|fin|de)$/.test(w))) {
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
