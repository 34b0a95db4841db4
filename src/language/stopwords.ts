// Ordinary French words that must never be read as a commune name, even though some are
// one ("Mère"/"Méré", "Vue", "Us", "Marines", "Chars"...). Also every word of the intent
// lexicon, so that a need or a relative is never taken for a place.
import lexicon from '../../locales/intents.fr.json';
import { fold } from './normalize';

const COMMON = `
a à au aux avec ce ces cet cette ceci cela ça ca chez comme dans de des du d en entre et est etre être il ils elle elles
je j me m moi mon ma mes tu te toi ton ta tes nous notre nos vous votre vos on se sa son ses leur leurs lui eux y
le la les l un une qui que quoi qu quand ou où par pour sur sous sans vers pres près tres très plus moins pas ne n non oui
si mais donc car or ni bien bon bonne mal tout tous toute toutes rien personne chose aussi encore deja déjà jamais toujours
ici la-bas là bas haut ok okay ouais nan merci svp stp bonjour bonsoir salut coucou hello aide menu stop arret annuler
lundi mardi mercredi jeudi vendredi samedi dimanche semaine mois jour jours an ans annee heure heures minute demain
aujourd hui hier matin matinee midi soir soiree apres avant debut fin prochain prochaine dernier derniere
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
mere pere maman papa fils fille femme mari voisin voisine soeur frere tante oncle ami amie famille enfants enfant
mamie papi papy grand grande petit petite vieux vieille dame monsieur madame mademoiselle mr mme
rdv rendez vous caf impots impot retraite sante emploi travail mail email internet video visio tablette ordinateur
portable telephone tel sms message messages code mot passe carte vitale permis papiers dossier compte
habite habiter suis sommes etes sont ai as avons avez ont fait faire veux voudrais peux pouvez dois besoin
sais sait savoir comprends comprend aider apprendre venir aller passer voir parler appeler rappeler
maison domicile centre ville village commune quartier rue avenue place route chemin gare mairie bourg bord
nord sud est ouest cote mer plage port pont foret bois lac riviere mont montagne val vallee ile
vue us pin marines chars marne treize cent mille deux trois quatre cinq six sept huit neuf dix
premier premiere second seconde numero choix oui non peut etre
assez trop beaucoup peu vite tard tot possible importe nimporte quel quelle quels quelles lequel laquelle
bien sur merci beaucoup cordialement bisous bises
aucun aucune chacun chacune celle celui ceux celles autre autres meme memes tel telle telles plusieurs certains certaines
quelque quelques lequel laquelle lesquels dont duquel cela ceci voici voila rien tout
st ste saint sainte sur les la le
`;

const fromLexicon: string[] = [];
// Single-word entries of the lexicon ("caf", "retraite"): a whole message of them is never a
// place; the words of its phrases ("en ligne") may be a commune's name ("Ligné").
const singleWords: string[] = [];
const collect = (v: unknown): void => {
  if (typeof v === 'string') {
    fromLexicon.push(...fold(v).split(/[^a-z0-9]+/));
    if (!/[^a-z0-9]/.test(fold(v))) singleWords.push(fold(v));
  }
  else if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === 'object') Object.values(v).forEach(collect);
};
// The opt-out lexicon holds regular-expression fragments, not words.
const { optOut: _optOut, ...wordLexicon } = lexicon;
void _optOut;
collect(wordLexicon);

/** Words of the intent lexicon and of dates: never a place, even alone. */
export const CORE_WORDS: ReadonlySet<string> = new Set([
  ...singleWords,
  ...'lundi mardi mercredi jeudi vendredi samedi dimanche demain matin midi soir oui non ok merci'.split(' '),
].filter((w) => w.length > 0));

export const STOPWORDS: ReadonlySet<string> = new Set(
  [...fold(COMMON).split(/[^a-z0-9]+/), ...fromLexicon].filter((w) => w.length > 0),
);
