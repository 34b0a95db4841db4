// "Stop writing to me" in any words (opting out of SMS is a legal duty). The message is read as
// parts of meaning, not matched against phrases: a verb of stopping ("arrêtez", "cessez", "ça
// suffit"), a negated sending verb ("ne m'écrivez plus"), a wish not to receive ("je ne veux
// plus recevoir"), a removal from a list ("rayez-moi de votre fichier"), and what is stopped
// (messages, this number, a list). A clear opt-out is 'stop'. The same words with no object, in
// a short message, or a doubt about who is writing ("vous vous êtes trompé de numéro") are
// 'ask': the bot asks "Voulez-vous ne plus recevoir de SMS ? OUI ou NON" rather than guess.
// Lexicon: locales/intents.fr.json, "optOut".
import lexicon from '../../locales/intents.fr.json';
import { isStopCommand, STOP_COMMAND_WORDS } from './commands';
import { memoText } from './memo';
import { normalize } from './normalize';

export type OptOut = 'stop' | 'ask';

const L = lexicon.optOut;
const alt = (words: string[]) => words.join('|');

const MESSAGES = `(?:${alt(L.messageNouns)})`;
const SENDING = `(?:${alt(L.sendingVerbs)})[a-z]*`;
// Second person or infinitive only: "ne m'écrivez plus", not "mon fils ne m'écrit plus".
const SENDING_ASKED = `(?:${alt(L.sendingVerbs)})[a-z]*(?:ez|er|re)`;
const WHO = "(?:me |m'|lui |leur |nous )?";
// Not "j'ai arrêté de travailler", "l'ordinateur s'arrête", "arrêtez-vous chez moi".
const STOP_VERB = new RegExp(`(?<!\\b(?:ai|a|as|avons|avez|ont|suis|est|s') ?)\\b(?:${alt(L.stopVerbs)})\\b(?![- ]vous\\b| chez\\b| devant\\b| ici\\b)`);
const ALONE = new RegExp(`\\b(?:${alt(L.alone)})`);
const NEGATED_SENDING = new RegExp(`\\b(?:ne |n')${WHO}${SENDING_ASKED} (?:plus|jamais)\\b|\\bne (?:plus|jamais) ${WHO}(?:${SENDING_ASKED}|recevoir\\b|etre (?:contacte|derange|embete))`);
const WISH_NOT = new RegExp(`\\b(?:${alt(L.wishVerbs)}) (?:plus|ne plus|plus jamais)\\b`);
const WISH_OBJECT = new RegExp(`\\b(?:recevoir|etre (?:contacte|derange|embete|sur)|que vous ${WHO}${SENDING}|(?:de |vos |les |des |ces )${MESSAGES}\\b)`);
const NO_MORE_MESSAGES = new RegExp(`\\b(?:plus|assez|trop) (?:de |d')${MESSAGES}\\b|\\bmarre (?:de |d'|des )(?:vos |ces |tous ces )?${MESSAGES}\\b`);
const REMOVE = new RegExp(`\\b(?:${alt(L.removeVerbs)})[a-z]*(?:[- ]moi)? (?:(?:de |du )?(?:mon|ce|le) numero|de (?:vos|votre|la|les) (?:${alt(L.lists)}))`);
const STOPPED_THING = new RegExp(`\\b${MESSAGES}\\b|\\b${SENDING}|\\b(?:${alt(L.lists)})\\b`);
// The message is about a booking, not about being written to: "je ne veux plus le rendez-vous".
const OTHER_OBJECT = new RegExp(`\\b(?:${alt(L.otherObjects)})\\b`);
const DOUBT = new RegExp(`\\b(?:${alt(L.doubt)})\\b`);
const DOUBT_WHOLE = new Set(L.doubtWhole);

const STOP_WORDS = new Set([...lexicon.intents.stop, ...STOP_COMMAND_WORDS]);
// Politeness around a command ("Stop svp", "stop merci madame"), longest phrases first.
const POLITE = new RegExp(`\\b(?:${[...lexicon.intents.politeness].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const IMPERATIVE = /^(?:stop|stopp?(?:e|ez|er)|arret(?:e|ez|er)?|cess(?:e|ez|er))$/;

/** The same reading of an already normalised text (the classifier has one). */
export function readOptOutNormalized(normalized: string): OptOut | null {
  const t = normalized.replace(/[.,:;/]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  const toks = t.split(/[^a-z0-9'-]+/).filter(Boolean);
  if (!toks.length) return null;
  // The command alone or with politeness: "STOP", "Stop svp", "stoppez merci", "STOP STOP".
  if (STOP_WORDS.has(toks.join(' '))) return 'stop';
  const core = t.replace(POLITE, ' ').split(/[^a-z0-9'-]+/).filter(Boolean);
  if (core.length && core.length <= 4 && core.every((w) => STOP_WORDS.has(w) || IMPERATIVE.test(w))) return 'stop';
  if (ALONE.test(t) || REMOVE.test(t) || NO_MORE_MESSAGES.test(t)) return 'stop';
  const other = OTHER_OBJECT.test(t);
  if (!other && (NEGATED_SENDING.test(t) || (WISH_NOT.test(t) && WISH_OBJECT.test(t)))) return 'stop';
  const stopVerb = STOP_VERB.test(t);
  if (stopVerb && STOPPED_THING.test(t)) return 'stop';
  // No clear object: ask rather than guess, in short messages only.
  if (other) return null;
  if (DOUBT_WHOLE.has(core.join(' ')) || DOUBT.test(t) && toks.length <= 10) return 'ask';
  // "stop, je me suis trompée de jour": a command word first, then another matter.
  if (STOP_WORDS.has(toks[0]!) || IMPERATIVE.test(toks[0]!)) return 'ask';
  if ((stopVerb && toks.length <= 6) || (WISH_NOT.test(t) && toks.length <= 6)) return 'ask';
  return null;
}

/** The exact STOP or an opt-out in other words: what must work everywhere, even over a rate limit. */
export function isOptOutMessage(text: string): boolean {
  return isStopCommand(text) || readOptOut(text) === 'stop';
}

/** 'stop': opt out now; 'ask': ask OUI/NON first; null: the message is not about being written to. */
export const readOptOut: (text: string) => OptOut | null = memoText((text) => readOptOutNormalized(normalize(text)));
