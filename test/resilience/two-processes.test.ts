// Two bot processes on one Redis (same REDIS_URL and REDIS_PREFIX), no sticky sessions: a
// conversation that alternates between them turn by turn completes a booking (Bot Framework
// and SMS), and one Twilio webhook delivered to both at the same time books once and is
// answered once. Nothing a turn needs is kept in process memory.
import crypto from 'node:crypto';
import type { Running } from '../e2e/http';
import { AUTH_TOKEN, BOT_NUMBER, PUBLIC_BASE, newSid, postSms, randomMobile } from '../sms/client';
import { testPrefix, testRedisUrl } from '../support/redis';
import { finishBooking, nextAnswer, postMessage, startNode, type Persona } from './support';

jest.setTimeout(30_000);

const SMS_ENV = { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE, TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_FROM: BOT_NUMBER };
const RELATIVE: Persona = { forWhom: '2', place: 'Saint-Herblain', when: 'dès que possible', name: 'Paulette Durand', phone: '06 98 76 54 32' };
const SELF: Persona = { forWhom: '1', place: '44800', when: 'dès que possible', name: 'Jeanne Martin' };

let nodes: Running[];
beforeAll(async () => {
  const prefix = testPrefix('two');
  nodes = [await startNode(testRedisUrl(), prefix, SMS_ENV), await startNode(testRedisUrl(), prefix, SMS_ENV)];
});
afterAll(async () => { await Promise.all(nodes.map((n) => n.app.close())); });

/** Turn i goes to process i % 2, like a round-robin balancer. */
const web = (conv: string) => async (text: string, turn: number) => {
  const r = await postMessage(nodes[turn % 2].base, conv, text);
  expect(r.status).toBe(200);
  return r.texts;
};
const sms = (phone: string) => async (text: string, turn: number) => {
  const r = await postSms(nodes[turn % 2], { From: phone, To: BOT_NUMBER, Body: text, MessageSid: newSid(), NumMedia: '0' });
  expect(r.status).toBe(200);
  return r.bodies;
};

it('a Bot Framework conversation alternating between the two processes completes a booking', async () => {
  const conv = `two-${crypto.randomUUID()}`;
  const send = web(conv);
  const ref = await finishBooking((text, turn) => send(text, turn + 1), await send('bonjour, un rendez-vous pour ma mère pour la caf', 0), RELATIVE);
  // Both processes read the same booking.
  for (const n of nodes) {
    expect(await n.app.store.bookings.get(ref)).toMatchObject({ status: 'pending', topic: 'caf', requestedBy: 'relative', beneficiary: { phone: '+33698765432' } });
  }
});

it('an SMS conversation alternating between the two processes completes a booking', async () => {
  const phone = randomMobile();
  const send = sms(phone);
  const ref = await finishBooking((text, turn) => send(text, turn + 1), await send('bjr jai besoin daide pour la caf', 0), SELF);
  expect((await nodes[1].app.store.bookings.byPhone(phone)).map((b) => b.ref)).toEqual([ref]);
  expect(await nodes[0].app.store.bookings.get(ref)).toMatchObject({ status: 'pending', channel: 'sms', beneficiary: { name: 'Jeanne Martin', phone } });
});

it('the same signed webhook delivered to both processes at once books once and is answered once', async () => {
  const phone = randomMobile();
  const send = sms(phone);
  // Up to the recap, alternating.
  let replies = await send('bonjour besoin d aide pour la caf', 0);
  for (let turn = 1; !/capitule/.test(replies.join('\n')); turn++) {
    if (turn > 15) throw new Error(`no recap: ${replies.join(' | ')}`);
    replies = await send(nextAnswer(replies, SELF).answer!, turn);
  }
  // Twilio retried: the very same request (same MessageSid, same signature) reaches both.
  const params = { From: phone, To: BOT_NUMBER, Body: 'oui', MessageSid: newSid(), NumMedia: '0' };
  const answers = await Promise.all(nodes.map((n) => postSms(n, params)));
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  const answered = answers.filter((a) => a.bodies.length > 0);
  expect(answered).toHaveLength(1);
  expect(answered[0].bodies.join('\n')).toMatch(/C'est noté/);
  const silent = answers.find((a) => a.bodies.length === 0)!;
  expect(silent.raw).toMatch(/<Response\s*\/>|<Response><\/Response>/);
  const bookings = await nodes[0].app.store.bookings.byPhone(phone);
  expect(bookings).toHaveLength(1);
  expect(answered[0].bodies.join('\n')).toContain(bookings[0].ref);
  // Delivered once more later, to either: still nothing new.
  for (const n of nodes) expect((await postSms(n, params)).bodies).toEqual([]);
  expect(await nodes[1].app.store.bookings.byPhone(phone)).toHaveLength(1);
});
