// Hostile input: 5,000 requests through the signed SMS webhook and the Direct Line subset
// (empty, 1,600+ characters, emoji, control and right-to-left characters, HTML/script,
// SQL-looking text, impossible dates, 40-digit numbers, JSON in the body, wrong content
// types, 70 KiB bodies). Bounded concurrency, spread over many numbers and conversations so
// that the per-sender rate limits stay out of the way. Then: no answer ≥ 500, the process
// still healthy, every accepted message answered in French (and never by the "technical
// problem" notice), and markup a person typed is only ever shown escaped to coordinators.
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { t } from '../../src/i18n';
import { addCoordinator, book, startCoordApp, type Coord } from '../coordinator/helpers';
import { AUTH_TOKEN, BOT_NUMBER, PUBLIC_BASE, fromXml, newSid, randomMobile } from '../sms/client';
import { startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';
import { nextAnswer, pool, REF, type Persona } from './support';

// A correctness test under load, not a speed test: 5,000 requests take 30–60 s alone on
// 2 cores and longer when the machine is shared (speed lives in the bench).
jest.setTimeout(240_000);

const TOTAL = 5_000;
const CONCURRENCY = 20;
const SMS_NUMBERS = 250; // 10 messages each: under the 20-per-10-minutes limit
const DL_CONVERSATIONS = 25; // 100 messages each: under the 120-per-10-minutes limit

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';

/** What a person (or a script) might type. */
const TEXTS: string[] = [
  '', '   ', '\u0000\u0001\u0007\u001b[31m', 'é'.repeat(1_650), `bonjour ${'x'.repeat(1_700)}`,
  '😀🎉 bonjour 👵🏽 rdv svp 🙏', '\u202Egnp.exe\u202C bonjour', 'مرحبا، أريد موعدا من فضلك', 'שלום אני צריך עזרה',
  '\u200F\u200E\u2066AIDE\u2069\u200B', SCRIPT, IMG, "'; DROP TABLE bookings; --", "1' OR '1'='1", 'SELECT * FROM users WHERE 1=1',
  '31/02', 'lundi 1er décembre', '31/02/2026 à 25h61', '1'.repeat(40), '+33 6 00 00 00 00 00 00 00 00 00 00 00',
  '{"type":"message","text":"hi","from":{"role":"bot"}}', '[1,2,3]', '${process.exit(1)}', '{{constructor.constructor("return process")().exit()}}',
  '__proto__', '%00%0d%0a', '\r\n\r\nHTTP/1.1 200 OK', '\uD800 lone surrogate', '\uFFFF\uFFFE', 'A'.repeat(160), '0', 'aide',
  'bonjour', "j'ai besoin d'aide pour la caf", '44800', 'dès que possible', 'Jeanne Martin', '06 12 34 56 78', 'non', '2',
];

/** French, and not the turn-failure notice. */
const UNAVAILABLE = t('global.unavailable');
function expectFrench(texts: string[], what: string): void {
  const all = texts.join('\n');
  if (!all.trim() || all.includes(UNAVAILABLE) || all.includes('Réessayez dans quelques minutes') || !/[éèàùçêâôî]|\b(vous|votre|je|pour|le|la|les|un|une|de|du|des|bonjour|merci|rendez-vous)\b/i.test(all)) {
    throw new Error(`${what}: no French answer: ${JSON.stringify(all).slice(0, 300)}`);
  }
}

let twilio: TwilioStandin;
let run: Coord;
beforeAll(async () => {
  twilio = await startTwilioStandin({ authToken: AUTH_TOKEN });
  run = await startCoordApp({ twilio });
});
afterAll(async () => {
  await run?.close();
  await twilio?.close();
});

interface Outcome { status: number; what: string }

// --- SMS ------------------------------------------------------------------------------
const smsNumbers = Array.from({ length: SMS_NUMBERS }, () => randomMobile());
function signed(params: Record<string, string>): Record<string, string> {
  return { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE}/api/sms`, params) };
}

async function smsJob(i: number): Promise<Outcome> {
  const from = smsNumbers[i % SMS_NUMBERS];
  const url = `${run.base}/api/sms`;
  const special = i % 20;
  if (special === 3) { // JSON instead of a form
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ From: from, Body: 'bonjour' }) });
    expect(r.status).toBe(415);
    return { status: r.status, what: 'sms json' };
  }
  if (special === 7) { // wrong content type (a multipart body that is not one fails parsing first: 400)
    const multipart = i % 40 !== 7;
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': multipart ? 'multipart/form-data; boundary=x' : 'text/plain' }, body: `From=${encodeURIComponent(from)}&Body=bonjour` });
    expect(r.status).toBe(multipart ? 400 : 415);
    return { status: r.status, what: 'sms content type' };
  }
  if (special === 11) { // 70 KiB, signed
    const params = { From: from, To: BOT_NUMBER, Body: 'x'.repeat(70 * 1024), MessageSid: newSid(), NumMedia: '0' };
    const r = await fetch(url, { method: 'POST', headers: signed(params), body: new URLSearchParams(params).toString() });
    expect(r.status).toBe(413);
    return { status: r.status, what: 'sms 70 KiB' };
  }
  if (special === 15) { // a signed form without a sender
    const params = { To: BOT_NUMBER, Body: 'bonjour', MessageSid: newSid() };
    const r = await fetch(url, { method: 'POST', headers: signed(params), body: new URLSearchParams(params).toString() });
    expect(r.status).toBe(400);
    return { status: r.status, what: 'sms no From' };
  }
  const body = TEXTS[(i * 7) % TEXTS.length];
  const params = { ToCountry: 'FR', From: from, To: BOT_NUMBER, Body: body, MessageSid: newSid(), NumMedia: '0', AccountSid: `AC${'0'.repeat(32)}` };
  const r = await fetch(url, { method: 'POST', headers: signed(params), body: new URLSearchParams(params).toString() });
  const raw = await r.text();
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/xml/);
  expectFrench(fromXml(raw), `SMS ${JSON.stringify(body).slice(0, 40)}`);
  return { status: r.status, what: 'sms message' };
}

// --- Direct Line -----------------------------------------------------------------------
interface Chat { conversationId: string; token: string; posted: string[] }
let chats: Chat[] = [];

async function startChat(): Promise<Chat> {
  const grant = await (await fetch(`${run.base}/api/widget/token`, { method: 'POST' })).json() as { token: string };
  const r = await fetch(`${run.base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${grant.token}` }, body: '{}' });
  expect(r.status).toBe(201);
  const c = await r.json() as { conversationId: string; token: string };
  return { ...c, posted: [] };
}

async function dlJob(i: number): Promise<Outcome> {
  const chat = chats[i % DL_CONVERSATIONS];
  const url = `${run.base}/v3/directline/conversations/${chat.conversationId}/activities`;
  const auth = { authorization: `Bearer ${chat.token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const special = i % 20;
  const bad = async (init: RequestInit, status: number, what: string): Promise<Outcome> => {
    const r = await fetch(url, { method: 'POST', ...init });
    expect(r.status).toBe(status);
    // Our routes answer { error: { code } }, restify's body parser { code } (413, broken JSON).
    const err = await r.json() as { code?: string; error?: { code?: string } };
    expect(err.error?.code ?? err.code).toEqual(expect.any(String));
    return { status: r.status, what };
  };
  if (special === 2) return bad({ headers: json, body: JSON.stringify({ type: 'message', text: 'x'.repeat(70 * 1024) }) }, 413, 'dl 70 KiB');
  if (special === 5) return bad({ headers: { ...auth, 'content-type': 'text/plain' }, body: 'bonjour' }, 400, 'dl text/plain');
  if (special === 9) return bad({ headers: json, body: '{"type":"message","text":' }, 400, 'dl broken JSON');
  if (special === 13) return bad({ headers: json, body: JSON.stringify({ type: 'message', text: 'y'.repeat(2_100) }) }, 400, 'dl 2,100 chars');
  if (special === 17) return bad({ headers: json, body: JSON.stringify([{ type: 'message', text: 'bonjour' }]) }, 400, 'dl array');
  if (special === 19) return bad({ headers: json, body: JSON.stringify({ type: 'message', text: 'pj', attachments: [{ contentType: 'text/html', content: SCRIPT }] }) }, 400, 'dl attachment');
  const text = TEXTS[(i * 11) % TEXTS.length];
  const body = i % 10 === 4
    ? { type: 'message', text, from: { id: 'bot', name: SCRIPT, role: 'bot' }, channelData: { clientActivityID: IMG }, value: JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'), locale: 'en-US' }
    : { type: 'message', text, from: { id: 'u' } };
  const r = await fetch(url, { method: 'POST', headers: json, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
  const { id } = await r.json() as { id: string };
  chat.posted.push(id);
  return { status: r.status, what: 'dl message' };
}

/** The whole log of a conversation, page by page. */
async function readLog(chat: Chat): Promise<{ id?: string; replyToId?: string; text?: string; from?: { role?: string } }[]> {
  const all: { id?: string; replyToId?: string; text?: string }[] = [];
  let watermark = 0;
  for (;;) {
    const r = await fetch(`${run.base}/v3/directline/conversations/${chat.conversationId}/activities?watermark=${watermark}`, { headers: { authorization: `Bearer ${chat.token}` } });
    expect(r.status).toBe(200);
    const set = await r.json() as { activities: typeof all; watermark: string };
    all.push(...set.activities);
    if (Number(set.watermark) === watermark) return all;
    watermark = Number(set.watermark);
  }
}

it(`${TOTAL} hostile requests over SMS and Direct Line: no 5xx, still up, every accepted message answered in French`, async () => {
  chats = await Promise.all(Array.from({ length: DL_CONVERSATIONS }, startChat));
  // One ordinary turn first: the commune index is built on first use (npm start does it at start-up).
  expect((await smsJob(0)).status).toBe(200);
  const outcomes: Outcome[] = [];
  const failures: string[] = [];
  // Even jobs: SMS; odd jobs: Direct Line.
  await pool(Array.from({ length: TOTAL }, (_, j) => j), CONCURRENCY, async (j) => {
    const i = j >> 1;
    try {
      outcomes.push(await (j % 2 === 0 ? smsJob(i) : dlJob(i)));
    } catch (err) {
      failures.push(`${j % 2 === 0 ? 'sms' : 'dl'} #${i}: ${(err as Error).message.slice(0, 300)}`);
    }
  });
  expect(failures.slice(0, 5)).toEqual([]);
  expect(outcomes).toHaveLength(TOTAL);
  expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  const byKind = outcomes.reduce<Record<string, number>>((m, o) => ({ ...m, [o.what]: (m[o.what] ?? 0) + 1 }), {});
  expect(byKind['sms message']).toBeGreaterThan(1_800);
  expect(byKind['dl message']).toBeGreaterThan(1_700);
  expect(byKind['sms 70 KiB'] + byKind['dl 70 KiB']).toBeGreaterThan(200);

  // The process is still up and healthy.
  expect((await fetch(`${run.base}/healthz`)).status).toBe(200);

  // Every accepted Direct Line message has its French reply after it; the bot never speaks as the user's "from".
  for (const chat of chats) {
    const log = await readLog(chat);
    const replies = new Map<string, string[]>();
    for (const a of log) if (a.replyToId) replies.set(a.replyToId, [...(replies.get(a.replyToId) ?? []), a.text ?? '']);
    for (const id of chat.posted) expectFrench(replies.get(id) ?? [], `Direct Line ${id}`);
    const echoes = log.filter((a) => chat.posted.includes(a.id ?? ''));
    expect(echoes).toHaveLength(chat.posted.length);
    for (const e of echoes) expect(e.from?.role).toBe('user');
  }
  // Nothing of it went out by the REST API (answers to SMS are TwiML; nobody booked).
  expect(twilio.requests).toEqual([]);
});

it('markup typed as a name is refused by the bot and only ever shown escaped on the coordinator pages', async () => {
  // Via the bot (web chat, for a relative): the hostile names are not taken as names.
  const chat = await startChat();
  const say = async (text: string): Promise<string[]> => {
    const before = (await readLog(chat)).length;
    const r = await fetch(`${run.base}/v3/directline/conversations/${chat.conversationId}/activities`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${chat.token}` }, body: JSON.stringify({ type: 'message', text, from: { id: 'u' } }),
    });
    expect(r.status).toBe(200);
    return (await readLog(chat)).slice(before).filter((a) => a.from?.role !== 'user').map((a) => a.text ?? '');
  };
  const persona: Persona = { forWhom: '2', place: 'Saint-Herblain', when: 'dès que possible', name: 'Paulette Durand', phone: '06 98 76 54 32' };
  let replies = await say('bonjour, un rendez-vous pour ma mère pour la caf');
  for (let turn = 0; !/nom et (votre |le )?pr[ée]nom/.test(replies.join('\n')); turn++) {
    if (turn > 10) throw new Error(`no name question: ${replies.join(' | ')}`);
    replies = await say(nextAnswer(replies, persona).answer!);
  }
  for (const hostile of [SCRIPT, `Jeanne ${IMG}`]) {
    replies = await say(hostile);
    // Asked again, or (after two misses) the menu, whose "1" resumes at the same question.
    if (/R[ée]pondez avec un chiffre/.test(replies.join('\n'))) replies = await say('1');
    expect(replies.join('\n')).toMatch(/nom et (le )?pr[ée]nom/);
  }
  replies = await say("Jeanne D'Arc-O'Brien");
  let ref: string | undefined;
  for (let turn = 0; !ref && turn < 10; turn++) {
    const next = nextAnswer(replies, persona);
    ref = next.ref;
    if (!ref) replies = await say(next.answer!);
  }
  expect(ref).toMatch(REF);
  const viaBot = (await run.app.store.bookings.get(ref!))!;
  expect(viaBot.beneficiary.name).not.toMatch(/[<>"]/);
  expect(viaBot.beneficiary.name).toContain("'");

  // Another channel (or a future one) could store such a name: the pages escape it anyway.
  const stored = [await book(run.app, { name: SCRIPT }), await book(run.app, { name: IMG })];
  const { token } = await addCoordinator(run.app, '44');
  const login = await fetch(`${run.base}/coordinator/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const page = async (path: string) => {
    const r = await fetch(`${run.base}${path}`, { headers: { cookie } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    return r.text();
  };
  const pages = [await page('/coordinator'), ...await Promise.all([viaBot, ...stored].map((b) => page(`/coordinator/bookings/${b.ref}`)))];
  for (const html of pages) {
    expect(html).not.toMatch(/<script|<img|<iframe|<svg|javascript:/i);
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
  }
  const list = pages[0];
  expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(list).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  expect(viaBot.beneficiary.name).toMatch(/^Jeanne [DdOo'A-Za-z-]+$/);
  expect(list).toContain(viaBot.beneficiary.name.replace(/'/g, '&#39;'));
  expect(list).not.toContain(viaBot.beneficiary.name);
  expect(pages[2]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(pages[3]).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
});
