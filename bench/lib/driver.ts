// Plays whole booking conversations the way people do: answers whatever the bot asks,
// from a persona (what this person would say to each question).
import crypto from 'node:crypto';
import { parsePhone } from '../../src/language/phone';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';

export interface Persona {
  label: string;
  opening: string[];
  topic?: string;
  forWhom?: string;
  place: string[];
  when: string[];
  /** 'any': a random proposal (spreads load over slots); otherwise the number to send. */
  pick: 'any' | string;
  name: string;
  phone?: string;
  recap: string[];
  change?: string;
}

export const REF = new RegExp(`(${REF_CODE_PATTERN})`);
export const UNAVAILABLE = /souci technique/;

type Answer = (p: Persona, last: string) => string | string[] | undefined;
const QUESTIONS: Array<[RegExp, Answer]> = [
  [/capitule/, (p) => p.recap],
  [/Quelle est (votre|son) adresse/, () => '12 rue des Lilas'],
  [/d'accord pour recevoir des SMS/, () => 'oui'],
  [/num[ée]ro de portable/, (p) => p.phone ?? randomMobileNational()],
  // Invited to add the number (a relative's booking), the persona gives both, as in the example.
  [/nom et (votre |le )?pr[ée]nom/, (p, last) => (p.phone && /ajouter son portable/.test(last) ? `${p.name} ${p.phone}` : p.name)],
  [/R[ée]pondez avec un chiffre|R[ée]pondez 1 pour/, (p, last) => {
    if (p.pick !== 'any') return p.pick;
    const n = Number(/Voici (\d+) rendez-vous/.exec(last)?.[1] ?? 1);
    return String(1 + crypto.randomInt(n));
  }],
  [/Que voulez-vous changer/, (p) => p.change ?? '1'],
  [/Quand /, (p) => p.when],
  [/commune|code postal/, (p) => p.place],
  [/pour vous ou pour un proche/, (p) => p.forWhom ?? '1'],
  [/Pour quelle d[ée]marche/, (p) => p.topic],
];

/** A random French mobile number in an allocated range (the bot rightly refuses unallocated ones). */
export function randomMobile(): string {
  for (;;) {
    const n = `+336${String(crypto.randomInt(10_000_000, 99_999_999))}`;
    if (parsePhone(n)?.status === 'mobile') return n;
  }
}

/** The same, written the way people type it: 06 12 34 56 78. */
function randomMobileNational(): string {
  return `0${randomMobile().slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}

export type Step = { say: string } | { done: true; ref: string } | { error: string };

/** The conversation's state: where each list answer is, and how many turns were played. */
export class Conversation {
  turns = 0;
  slotGone = 0;
  private readonly used = new Map<unknown, number>();
  constructor(readonly persona: Persona) {}

  /** The first message, then one answer per bot reply (all bubbles of the turn). */
  next(replies: string[] | null): Step {
    const step = this.decide(replies);
    if ('say' in step) this.turns += 1;
    return step;
  }

  private decide(replies: string[] | null): Step {
    if (replies === null) return { say: this.persona.opening[0] };
    if (this.turns < this.persona.opening.length) return { say: this.persona.opening[this.turns] };
    const all = replies.join('\n');
    if (UNAVAILABLE.test(all)) return { error: 'bot answered "service unavailable"' };
    if (/vient d'être pris|plus libre/.test(all)) this.slotGone += 1;
    if (/C'est noté/.test(all)) {
      const ref = REF.exec(all)?.[1];
      return ref ? { done: true, ref } : { error: `acknowledgement without a reference: ${all}` };
    }
    const last = replies[replies.length - 1] ?? '';
    const q = QUESTIONS.find(([re]) => re.test(last));
    if (!q) return { error: `unexpected bot message: ${all.slice(0, 200)}` };
    const answer = q[1](this.persona, last);
    if (answer === undefined) return { error: `no answer scripted for: ${last.slice(0, 120)}` };
    if (typeof answer === 'string') return { say: answer };
    const i = this.used.get(answer) ?? 0;
    this.used.set(answer, i + 1);
    return { say: answer[Math.min(i, answer.length - 1)] };
  }
}

const PLACES = ['44800', 'Rezé', '44000', '44100', 'Nantes', 'Saint-Nazaire', 'Cergy', '95100', 'Sarcelles', 'Pontoise', 'Clisson', 'Montmorency'];
const WHENS = ['dès que possible', 'mardi aprem', 'jeudi matin', 'la semaine prochaine', "n'importe quand", 'lundi après-midi', 'mercredi'];
const NAMES = ['Jeanne Martin', 'Paulette Durand', 'Jean Dupont', 'Odette Leroy', 'Ahmed Benali', 'Marie Nguyen'];

/** The load's personas: for oneself or a relative, varied places and days (spread over slots). */
export function loadPersona(i: number): Persona {
  const place = PLACES[i % PLACES.length];
  const when = WHENS[Math.floor(i / PLACES.length) % WHENS.length];
  const name = NAMES[i % NAMES.length];
  if (i % 3 === 2) {
    return { label: 'relative', opening: ['je voudrais un rdv pour ma mère pour ses impots'], forWhom: '2', place: [place], when: [when], pick: 'any', name, recap: ['oui'] };
  }
  return { label: 'self', opening: ['bjr jai besoin daide pour la caf'], forWhom: '1', place: [place], when: [when], pick: 'any', name, recap: ['oui'] };
}

/** The scripted conversations of the SMS cost item (item 5): as in the SMS tests, plus a correction. */
export const SMS_COST_PERSONAS: Persona[] = [
  { label: 'self, CAF', opening: ['bjr jai besoin daide pour la caf'], forWhom: '1', place: ['44800'], when: ['dès que possible'], pick: '1', name: 'Jeanne Martin', recap: ['oui'] },
  { label: 'relative (mother, taxes)', opening: ['je voudrais un rdv pour ma mère pour ses impots'], forWhom: '2', place: ['Rezé'], when: ['mardi aprem'], pick: '1', name: 'Paulette Durand', phone: "06 98 76 54 32, elle est d'accord", recap: ['oui'] },
  { label: 'home visit', opening: ['bonjour'], topic: '7', forWhom: '1', place: ['je ne peux pas me déplacer', '44800'], when: ['dès que possible'], pick: '1', name: 'Jean Dupont', recap: ['oui'] },
  { label: 'self, NON at the recap, changes the day', opening: ['bonjour, besoin d aide pour ma declaration d impots'], forWhom: '1', place: ['Saint-Herblain'], when: ['mardi aprem', 'jeudi matin'], pick: '1', name: 'Jeanne Martin', recap: ['NON', 'oui'], change: '1' },
  { label: 'menu first, then a postcode', opening: ['Bonjour, je voudrais de l’aide pour ma carte vitale'], forWhom: 'pour moi', place: ['44100'], when: ['la semaine prochaine'], pick: '1', name: 'Madame Odette Leroy', recap: ['oui'] },
  { label: 'relative, home visit', opening: ['mon père ne peut pas se déplacer, il a besoin d aide pour son téléphone'], forWhom: '2', place: ['Nantes'], when: ["n'importe quand"], pick: '1', name: 'Robert Petit', phone: "07 81 22 33 44, il est d'accord", recap: ['oui'] },
];

/** The echo baseline's conversation: the same texts a booking uses, one per turn. */
export const ECHO_TEXTS = ['bjr jai besoin daide pour la caf', '44800', 'dès que possible', '1', 'Jeanne Martin', '06 12 34 56 78', 'oui', 'oui'];
