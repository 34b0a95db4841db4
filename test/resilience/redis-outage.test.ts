// Redis stops in the middle of conversations (crash, then a hang): /healthz turns 503, people
// get the polite "réessayez dans quelques minutes" on /api/messages and /api/sms instead of a
// crash (the widget, whose replies live in Redis, gets a JSON 503 with Retry-After; every
// Redis command times out, so a hung Redis blocks nothing), and once Redis is back the same conversations go on to pending bookings; no
// acknowledged booking is lost (Redis runs with appendonly yes + appendfsync always).
import crypto from 'node:crypto';
import type { Running } from '../e2e/http';
import { createRedisStore } from '../../src/store';
import { AUTH_TOKEN, BOT_NUMBER, PUBLIC_BASE, newSid, postSms, randomMobile } from '../sms/client';
import { testPrefix } from '../support/redis';
import { finishBooking, postMessage, sleep, startNode, startOwnRedis, UNAVAILABLE, type OwnRedis, type Persona } from './support';

jest.setTimeout(60_000);

const SMS_ENV = { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE, TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_FROM: BOT_NUMBER };
const RELATIVE: Persona = { forWhom: '2', place: 'Saint-Herblain', when: 'dès que possible', name: 'Paulette Durand', phone: '06 98 76 54 32' };
const SELF: Persona = { forWhom: '1', place: '44800', when: 'dès que possible', name: 'Jeanne Martin' };

let redis: OwnRedis;
let run: Running;
beforeAll(async () => {
  redis = await startOwnRedis({ appendonly: true });
  // A shorter command timeout than production's 5 s keeps the test short; the behaviour is the same.
  const prefix = testPrefix('outage');
  run = await startNode(redis.url, prefix, SMS_ENV, { store: await createRedisStore(redis.url, prefix, { commandTimeoutMs: 1_500 }) });
});
afterAll(async () => {
  redis.resume();
  if (!(await healthy())) await redis.start().catch(() => undefined);
  await run.app.close();
  await redis.close();
});

async function health(): Promise<number> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 8_000);
  try {
    return (await fetch(`${run.base}/healthz`, { signal: ctrl.signal })).status;
  } catch {
    return 0; // no answer at all
  } finally {
    clearTimeout(timer);
  }
}
const healthy = async () => (await health()) === 200;

async function untilHealthy(): Promise<void> {
  const end = Date.now() + 15_000;
  while (!(await healthy())) {
    if (Date.now() > end) throw new Error('/healthz did not come back');
    await sleep(100);
  }
}

const web = (conv: string) => async (text: string) => {
  const r = await postMessage(run.base, conv, text);
  expect(r.status).toBe(200);
  return r.texts;
};

function sms(phone: string) {
  return async (text: string) => {
    const r = await postSms(run, { From: phone, To: BOT_NUMBER, Body: text, MessageSid: newSid(), NumMedia: '0' });
    expect(r.status).toBe(200);
    return r.bodies;
  };
}

interface Chat { conversationId: string; token: string }
async function startChat(): Promise<Chat> {
  const res = await fetch(`${run.base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(201);
  return res.json() as Promise<Chat>;
}
function chatPost(c: Chat, text: string): Promise<Response> {
  return fetch(`${run.base}/v3/directline/conversations/${c.conversationId}/activities`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` }, body: JSON.stringify({ type: 'message', from: { id: 'u' }, text }),
  });
}

/** Every channel during the outage: the polite notice (200) where a reply can be given, never a crash. */
async function duringOutage(conv: string, phone: string, chat: Chat): Promise<void> {
  // The widget's log lives in Redis too: no reply can be stored, the client is told to retry later.
  const d = await chatPost(chat, 'bonjour');
  expect(d.status).toBe(503);
  expect(d.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(await d.json()).toEqual({ error: { code: 'ServiceUnavailable', message: expect.not.stringMatching(/Redis|retries|timed out/i) } });
  expect(await health()).toBe(503);
  const m = await postMessage(run.base, conv, '1');
  expect(m.status).toBe(200);
  expect(m.texts.join('\n')).toMatch(UNAVAILABLE);
  const s = await postSms(run, { From: phone, To: BOT_NUMBER, Body: '1', MessageSid: newSid(), NumMedia: '0' });
  expect(s.status).toBe(200);
  expect(s.contentType).toMatch(/text\/xml/);
  expect(s.bodies.join('\n')).toMatch(/R[ée]essayez dans quelques minutes/); // GSM-7: é is allowed
}

it.each([
  ['crashes (kill -9) and restarts', 'crash'],
  ['hangs (SIGSTOP: connections open, no answer) and resumes', 'pause'],
] as const)('Redis %s in the middle of conversations: polite notice, then the conversations finish', async (_label, how) => {
  expect(await health()).toBe(200);
  // An acknowledged booking before the outage.
  const convA = `outage-a-${crypto.randomUUID()}`;
  const refA = await finishBooking(web(convA), await web(convA)("Bonjour, je voudrais un rendez-vous pour ma mère pour ses impôts"), RELATIVE);
  expect(await run.app.store.bookings.get(refA)).toMatchObject({ status: 'pending' });

  // Half a booking on each channel: the proposals are on screen.
  const convB = `outage-b-${crypto.randomUUID()}`;
  await web(convB)("j'ai besoin d'aide pour la caf pour ma mère");
  await web(convB)('Saint-Herblain');
  expect((await web(convB)('dès que possible')).join('\n')).toMatch(/\n1 /);
  const chat = await startChat();
  expect((await chatPost(chat, 'bonjour')).status).toBe(200);
  const phoneC = randomMobile();
  await sms(phoneC)('bjr jai besoin daide pour la caf');
  await sms(phoneC)('1');

  if (how === 'crash') await redis.crash(); else redis.pause();
  try {
    await duringOutage(convB, phoneC, chat);
  } finally {
    if (how === 'crash') await redis.start(); else redis.resume();
  }
  await untilHealthy();

  // The same conversations go on where they were (the failed turns changed nothing).
  const refB = await finishBooking(web(convB), await web(convB)('1'), RELATIVE);
  const refC = await finishBooking(sms(phoneC), await sms(phoneC)('44800'), SELF);
  // The widget conversation goes on too.
  expect((await chatPost(chat, 'aide')).status).toBe(200);
  for (const ref of [refA, refB, refC]) expect(await run.app.store.bookings.get(ref)).toMatchObject({ status: 'pending' });
  expect((await run.app.store.bookings.byPhone(phoneC)).map((b) => b.ref)).toEqual([refC]);
  expect((await run.app.store.bookings.get(refB))!.beneficiary.phone).toBe('+33698765432');
});
