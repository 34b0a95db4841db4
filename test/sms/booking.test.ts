// Whole bookings by SMS through signed Twilio webhooks on the running app (real Redis):
// the booking lands pending with the sender's phone, every SMS is GSM-7 and ≤ 3 segments,
// and the outbound segments of each conversation are counted (median and worst).
import type { Running } from '../e2e/http';
import { isGsm7, segments } from '../../src/sms-text/gsm7';
import { Phone, REF, randomMobile, startSmsApp } from './client';

let run: Running;
beforeAll(async () => { run = await startSmsApp(); });
afterAll(async () => { await run.app.close(); });

/** How a person answers each question of the bot; lists are used in turn. */
interface Persona {
  opening: string[];
  topic?: string;
  forWhom?: string;
  place: string[];
  when: string[];
  pick?: string;
  name: string;
  phone?: string;
  recap: string[];
  change?: string;
}

const QUESTIONS: [RegExp, (p: Persona) => string | string[] | undefined][] = [
  [/capitule/, (p) => p.recap],
  [/Quelle est (votre|son) adresse/, () => '12 rue des Lilas'],
  [/d'accord pour recevoir des SMS/, () => 'oui'],
  [/num[ée]ro de portable/, (p) => p.phone],
  [/nom et (votre |le )?pr[ée]nom/, (p) => p.name],
  [/R[ée]pondez avec un chiffre|R[ée]pondez 1 pour/, (p) => p.pick ?? '1'],
  [/Que voulez-vous changer/, (p) => p.change ?? '1'],
  [/Quand /, (p) => p.when],
  [/commune|code postal/, (p) => p.place],
  [/pour vous ou pour un proche/, (p) => p.forWhom ?? '1'],
  [/Pour quelle d[ée]marche/, (p) => p.topic],
];

/** Plays a persona to the end of a booking; returns the reference and the phone used. */
async function book(persona: Persona): Promise<{ ref: string; phone: Phone }> {
  const phone = new Phone(run, randomMobile());
  const used = new Map<Persona[keyof Persona], number>();
  const next = (answer: string | string[] | undefined, question: string): string => {
    if (answer === undefined) throw new Error(`no answer scripted for: ${question}`);
    if (typeof answer === 'string') return answer;
    const i = used.get(answer) ?? 0;
    used.set(answer, i + 1);
    return answer[Math.min(i, answer.length - 1)];
  };
  let replies: string[] = [];
  for (const text of persona.opening) replies = await phone.send(text);
  for (let turn = 0; turn < 25; turn++) {
    const last = replies.join('\n');
    const ref = /C'est noté/.test(last) ? REF.exec(last)?.[1] : undefined;
    if (ref) return { ref, phone };
    const q = QUESTIONS.find(([re]) => re.test(replies[replies.length - 1] ?? ''));
    if (!q) throw new Error(`unexpected bot message: ${last}`);
    replies = await phone.send(next(q[1](persona), last));
  }
  throw new Error('booking did not finish');
}

const SELF_CAF: Persona = {
  opening: ['bjr jai besoin daide pour la caf'], forWhom: '1', place: ['44800'], when: ['dès que possible'], name: 'Jeanne Martin', recap: ['oui'],
};

const SCRIPTS: Record<string, Persona> = {
  'self, CAF': SELF_CAF,
  'self, with a correction of the day': {
    opening: ['bonjour, besoin d aide pour ma declaration d impots'], forWhom: '1', place: ['Saint-Herblain'], when: ['mardi aprem', 'jeudi matin'],
    name: 'Jeanne Martin', recap: ['non', 'oui'], change: '1',
  },
  'relative, for a mother': {
    opening: ['bonjour je voudrais un rdv pour ma mere pour les impots'], forWhom: '2', place: ['Saint-Herblain'], when: ['dès que possible'],
    name: 'Paulette Durand', phone: '06 98 76 54 32', recap: ['oui'],
  },
  'home visit': {
    opening: ['bonjour'], topic: '7', forWhom: '1', place: ['je ne peux pas me déplacer', '44800'], when: ['dès que possible'], name: 'Jean Dupont', recap: ['oui'],
  },
  'menu first, then a postcode': {
    opening: ['Bonjour, je voudrais de l’aide pour ma carte vitale'], forWhom: 'pour moi', place: ['44100'], when: ['la semaine prochaine'], name: 'Madame Odette Leroy', recap: ['oui'],
  },
};

describe('booking by SMS over the signed webhook', () => {
  it('books for oneself: pending in Redis with the sender’s phone', async () => {
    const { ref, phone } = await book(SELF_CAF);
    const booking = await run.app.store.bookings.get(ref);
    expect(run.app.store.kind).toBe('redis');
    expect(booking).toMatchObject({
      status: 'pending', topic: 'caf', requestedBy: 'self', channel: 'sms', territory: '44',
      beneficiary: { name: 'Jeanne Martin', phone: phone.number },
    });
    expect((await run.app.store.bookings.byPhone(phone.number)).map((b) => b.ref)).toEqual([ref]);
  });

  it('keeps every SMS GSM-7 and within 3 segments; counts the segments of whole bookings', async () => {
    const counts: Record<string, number> = {};
    for (const [name, persona] of Object.entries(SCRIPTS)) {
      const { ref, phone } = await book(persona);
      expect(await run.app.store.bookings.get(ref)).toMatchObject({ status: 'pending', channel: 'sms' });
      for (const m of phone.messages) {
        expect(isGsm7(m)).toBe(true);
        expect(segments(m)).toBeLessThanOrEqual(3);
      }
      counts[name] = phone.segments;
    }
    const sorted = Object.values(counts).sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    const worst = sorted[sorted.length - 1];
    console.log(`SMS segments per booking: ${JSON.stringify(counts)} median=${median} worst=${worst}`);
    expect(median).toBeLessThanOrEqual(10);
  });
});
