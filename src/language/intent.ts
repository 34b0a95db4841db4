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
  stopWhole: new Set(I.stop), stopStrong: compile(I.stopStrong),
  cancel: compile(I.cancel), human: compile(I.human), weakHuman: new Set(I.weakHuman),
  status: compile(I.status), help: compile(I.help), helpWhole: new Set(I.help),
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
  if (FOR_OTHER.some((re) => re.test(t))) return true;
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

function classifyText(text: string): Classification {
  const t = normalize(text).replace(/[.,:/]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  const topic = findTopic(t);
  const forOther = findForOther(t);
  const whole = t.replace(/[^a-z0-9' -]/g, '').trim();
  // Whom it is for only matters (and is only reliable) when the person asks for help.
  const result = (intent: Intent): Classification => (intent === 'book'
    ? { intent, topic, forOther }
    : { intent, topic: null, forOther: null });

  if (M.stopWhole.has(whole) || onlyWordsOf(t, (w) => M.stopWhole.has(w) || M.politeness.has(w)) && tokens(t).some((w) => M.stopWhole.has(w)) || any(M.stopStrong, t)) {
    return result('stop');
  }
  if (any(M.cancel, t)) return result('cancel');
  if (any(M.status, t)) return result('status');
  const humanHit = M.human.some((m) => m.re.test(t) && (!M.weakHuman.has(m.phrase) || topic === null || /telephone/.test(t)));
  if (humanHit) return result('human');
  if (text.trim() === '?' || M.helpWhole.has(whole)) return result('help');
  if (topic) return result('book');
  if (onlyWordsOf(t, (w) => M.greeting.has(w) || M.politeness.has(w)) && tokens(t).some((w) => M.greeting.has(w))) {
    return result('greeting');
  }
  if (any(M.thanks, t) && onlyWordsOf(t, (w) => M.politeness.has(w) || /^(merci|remercie|gentil|super|top|parfait|genial|cool|vous|je|trop|c'est|mille|mercis|remerciements)$/.test(w))) {
    return result('thanks');
  }
  if (any(M.help, t) && !any(M.book, t)) return result('help');
  if (any(M.book, t) || forOther === true) return result('book');
  if (any(M.help, t)) return result('help');
  return result('unknown');
}
