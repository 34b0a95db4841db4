// Time words that tell a story rather than ask for a date: "et maintenant il faut tout faire
// en ligne", "depuis lundi j'ai plus internet", "il y a deux ans", "la semaine dernière",
// "je vous écris ce matin", "bonne journée". They are cut out of the (normalised) text before
// the date reader sees it, so a long dictated message gets no date nobody asked for.

const NUM = '(?:\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente|quelques|plusieurs|des|bien des)';
const UNIT = '(?:minutes?|heures?|jours?|nuits?|semaines?|mois|ans|annees?)';
const DAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|avant-hier|ce matin|la rentree|noel|le debut|le mois|la semaine|l\'annee|l\'ete|l\'hiver|le printemps|l\'automne|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)';

const NARRATIVE: RegExp[] = [
  // "maintenant" that is no request for now: "je peux venir maintenant" keeps it.
  /(?<!\b(?:venir|passer|viens|passe|dispo|disponible|libre|possible|rendez-vous|des|partir de|tout de suite ou) )\bmaintenant\b/g,
  // "depuis lundi", "depuis le 10 novembre", "depuis deux mois", "depuis que mon mari est parti".
  new RegExp(`\\bdepuis (?:que |qu')?(?:(?:le|la|les|l'|ce|cette|cet|mon|ma|son|sa|${NUM}|\\d{1,2}(?:er)?) ?)*(?:${UNIT}|${DAY})?(?: (?:${DAY}|\\d{1,2}(?:er)?|\\d{4}|dernier|derniere|passe|passee))*`, 'g'),
  // "il y a deux ans", "ça fait trois semaines que", "voilà un mois".
  new RegExp(`\\b(?:il y a|ca fait|cela fait|voila|voici) ${NUM}(?: ${'(?:bonnes?|longues?|petites?)'})? ${UNIT}\\b`, 'g'),
  // The past: "la semaine dernière", "lundi dernier", "le mois passé", "hier", "autrefois".
  new RegExp(`\\b(?:(?:le|la|l'|ce|cette)\\s?)?(?:${DAY}|${UNIT}|week-end|we) (?:dernier|derniere|passe|passee)\\b`, 'g'),
  // "hier j'ai essayé toute la soirée": the part of the day of a past day goes with it.
  /\b(?:avant-hier|hier)\b(?:[^,.;]*?\b(?:toute la |toute l'|dans la |dans l'|le |la |l'|en |au )?(?:matinee|matin|soiree|soir|apres-midi|journee|nuit)\b)?/g,
  /\b(?:autrefois|avant c'etait|a l'epoque|jusqu'a present|jusqu'ici)\b/g,
  // When the message is written: "je vous écris ce matin", "j'ai appelé ce matin".
  /\b(?:je vous |j'vous |je |j')(?:ecris|ecrit|envoie|contacte|ai appele|ai ecrit|ai essaye|ai recu|ai eu|suis alle|suis allee)(?: [a-z']+){0,3}? (?:ce matin|ce soir|cet apres-midi|aujourd'hui|cette semaine|ce midi)\b/g,
  // Leave-taking: "bonne journée", "bonne fin de soirée", "passez un bon week-end".
  /\b(?:bonne|bon|excellente|belle) (?:fin de |debut de )?(?:journee|soiree|apres-midi|matinee|semaine|week-end|nuit|fin de semaine)\b/g,
  /\b(?:bonsoir|bonjour)\b/g,
];

/** The normalised text without its narrative time words. */
export function withoutNarrative(t: string): string {
  let out = t;
  for (const re of NARRATIVE) out = out.replace(re, ' ');
  return out.replace(/ {2,}/g, ' ');
}
