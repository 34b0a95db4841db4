// Text normalisation shared by every understanding module: people type on old phones,
// without accents, in SMS shorthand. Everything downstream matches on this form.
import { memoText } from './memo';

/** Lowercase, no diacritics, one kind of apostrophe/hyphen/space. No shorthand expansion. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u202f\u2009\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

// Whole-word SMS shorthand → plain French. Keys are folded forms; order does not matter
// because replacement is token by token.
const SHORTHAND: Record<string, string> = {
  bjr: 'bonjour', bonjoue: 'bonjour', bjour: 'bonjour', bsr: 'bonsoir', slt: 'salut', cc: 'coucou',
  rdv: 'rendez-vous', rdvs: 'rendez-vous', rendezvous: 'rendez-vous', rv: 'rendez-vous',
  aprem: 'apres-midi', aprm: 'apres-midi', apm: 'apres-midi', am: 'apres-midi', apresmidi: 'apres-midi',
  'ap-midi': 'apres-midi', apremidi: 'apres-midi',
  jsp: 'je sais pas', jsais: 'je sais', chai: 'je sais', chais: 'je sais', jpp: 'je peux pas', jpeux: 'je peux',
  stp: "s'il te plait", svp: "s'il vous plait", sil: "s'il", plz: "s'il vous plait",
  pr: 'pour', ds: 'dans', qd: 'quand', qand: 'quand', kan: 'quand', quan: 'quand',
  jai: "j'ai", jaimerais: "j'aimerais", jaurais: "j'aurais", jhabite: "j'habite", jabite: "j'habite", jarrive: "j'arrive",
  chui: 'je suis', chuis: 'je suis', jsuis: 'je suis', jsui: 'je suis', jss: 'je suis',
  jveux: 'je veux', jvoudrais: 'je voudrais', jvx: 'je veux', veu: 'veux', vx: 'veux', voudrai: 'voudrais',
  jcomprend: 'je comprends', jcomprends: 'je comprends', comprend: 'comprends', compren: 'comprends',
  cmt: 'comment', cmnt: 'comment', koi: 'quoi', pk: 'pourquoi', pq: 'pourquoi', pkoi: 'pourquoi',
  tt: 'tout', tjs: 'toujours', tjrs: 'toujours', bcp: 'beaucoup', bcq: 'beaucoup', mrc: 'merci', mci: 'merci', msi: 'merci', mercii: 'merci', merciii: 'merci',
  dac: "d'accord", dacc: "d'accord", daccord: "d'accord", dak: "d'accord", ok: 'ok', oki: 'ok', okay: 'ok', okk: 'ok',
  ke: 'que', ki: 'qui', kel: 'quel', kelle: 'quelle', c: "c'est", cest: "c'est", ct: "c'etait", g: "j'ai",
  pa: 'pas', ya: "il y a", yaura: "il y aura", mm: 'meme', mn: 'mon',
  auj: "aujourd'hui", ajd: "aujourd'hui", aujd: "aujourd'hui", aujourdhui: "aujourd'hui", auj8: "aujourd'hui",
  dem1: 'demain', '2main': 'demain', dmain: 'demain',
  lun: 'lundi', mar: 'mardi', merc: 'mercredi', jeu: 'jeudi', ven: 'vendredi', vend: 'vendredi', sam: 'samedi', dim: 'dimanche',
  tel: 'telephone', portabl: 'portable', ordi: 'ordinateur', ordis: 'ordinateur',
  infos: 'informations', info: 'information', mdp: 'mot de passe', msg: 'message', mess: 'message',
  nn: 'non', nan: 'non', ouai: 'ouais', wi: 'oui', ui: 'oui',
  qq1: "quelqu'un", qqn: "quelqu'un", qqun: "quelqu'un", qlq: 'quelque', qq: 'quelque',
  besoins: 'besoin', bsoin: 'besoin', besoind: "besoin d'", daide: "d'aide", dd: 'de',
};

// Short forms that are also ordinary words are left out on purpose: "mer" (ma mer = ma mère),
// "m", "sa"...

/**
 * Lowercase, strip accents, unify apostrophes/hyphens/spaces, expand common SMS shorthand.
 * Punctuation other than apostrophes, hyphens, slashes, colons, dots, commas and '+' is turned into spaces.
 * Memoised: every reader of a turn (commands, intent, yes/no, opt-out, dates…) normalises the
 * same message, ~9 times a turn; the work is done once.
 */
export const normalize: (text: string) => string = memoText(normalizeText, 1024);

function normalizeText(text: string): string {
  let t = fold(text)
    // "j ai", "d accord" typed with a space instead of an apostrophe
    .replace(/\b([jdlcmnst]|qu) (ai|accord|habite|aimerais|arrive|aide|adresse|identite|impots?|allocation|ordinateur|avoir|annuler|appelle|apprendre|utiliser|ou|est|etait|en|il|elle|un|une|y|on|a|appeler|appeller|aider|occupe|inscrire|envoyer|entends|excuse|avait|avez|heure|ecris|explique)\b/g, "$1'$2")
    .replace(/\bquelqu un\b/g, "quelqu'un")
    .replace(/\bapres[ -]?midi\b/g, 'apres-midi')
    .replace(/\bapres[ -]?demain\b/g, 'apres-demain')
    .replace(/\brendez[ -]?vous\b/g, 'rendez-vous')
    .replace(/[!?¿¡;"«»()[\]{}*_~#|<>=\u2026]+/g, ' ')
    .replace(/\.{2,}/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  t = t
    .split(' ')
    .map((tok) => {
      const m = /^([^a-z0-9']*)([a-z0-9'-]+?)([.,:]*)$/.exec(tok);
      if (!m) return tok;
      const core = m[2] ?? '';
      const rep = SHORTHAND[core];
      if (rep !== undefined) return `${m[1]}${rep}${m[3]}`;
      // Elided article or preposition: "l'aprem", "d'aprem", "pr l'rdv".
      const el = /^([a-z]{1,2}')(.+)$/.exec(core);
      const elRep = el ? SHORTHAND[el[2] ?? ''] : undefined;
      return el && elRep !== undefined ? `${m[1]}${el[1]}${elRep}${m[3]}` : tok;
    })
    .join(' ');
  return t.replace(/ {2,}/g, ' ').trim();
}

/** Normalised text split into plain word tokens (apostrophes and hyphens split words). */
export function words(text: string): string[] {
  return normalize(text).split(/[^a-z0-9]+/).filter(Boolean);
}
