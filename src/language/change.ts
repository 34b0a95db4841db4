// "Je voudrais changer mon rendez-vous", "décaler à jeudi", "reporter mon rdv", "mon rendez-vous
// un autre jour ?": the person wants to move an appointment they have (not a new one, not a
// cancellation). Pure, on normalised text; the dialog checks they have one.
import { normalize } from './normalize';

// Verbs that on their own mean moving something in time ("décaler à jeudi", "on peut reporter ?").
const MOVE_VERB = /\b(decal[a-z]*|report[a-z]*|repouss[a-z]*|deplac[a-z]*)\b/;
// "je ne peux pas me déplacer" is a home visit; "report" of a tax return is not a date.
const NOT_A_MOVE = /\b(me|se|nous|vous|te) deplac[a-z]*\b|\b(peu|pas) deplac[a-z]*|\bdeplacement\b|\breport[a-z]* (de |d')?(mon |ma |mes |l'|la |le |les |son |sa |ses )?(impot|revenu|credit|deficit|declaration)/;
// Verbs that need the appointment as object ("changer mon rendez-vous", "modifier l'heure").
const CHANGE_VERB = /\b(chang[a-z]*|modifi[a-z]*)\b/;
const APPOINTMENT = /\b(rendez-vous|rdv|date|heure|horaire|jour|creneau|atelier|seance|place)\b/;
// "mon rendez-vous plus tard", "un autre jour pour mon rdv".
const OTHER_TIME = /\b(plus tard|un autre jour|une autre date|un autre moment|une autre heure|autre jour|autre date)\b/;
const MY_APPOINTMENT = /\b(mon|ma|le|notre|son|sa|ce|du|leur) (prochain )?(rendez-vous|rdv|atelier)\b|\bj'ai (un |deja un )?(rendez-vous|rdv)\b/;

export function wantsChange(text: string): boolean {
  const t = normalize(text);
  if (MOVE_VERB.test(t) && !NOT_A_MOVE.test(t)) return true;
  if (CHANGE_VERB.test(t) && APPOINTMENT.test(t) && /\b(de|mon|ma|le|la|l'|notre|son|sa|cet|ce|du|leur)\b/.test(t) && !/\bchang[a-z]* (de )?(telephone|portable|mot de passe|adresse|banque|nom)\b/.test(t)) return true;
  return OTHER_TIME.test(t) && MY_APPOINTMENT.test(t);
}

/** "décaler plus tard": a later time than the appointment, rather than any other. */
export function wantsLater(text: string): boolean {
  return /\bplus tard\b/.test(normalize(text));
}
