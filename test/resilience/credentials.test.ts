// Forged or missing credentials on every interface — Bot Framework, Twilio signature, widget
// token, coordinator token and session — are refused, and no outbound call is made: the
// Twilio REST stand-in records nothing and a local fake Bot Framework serviceUrl receives
// nothing. Each section ends with a genuine request that does reach the fake, so that
// "nothing recorded" is known to mean something.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StoreBotStorage } from '../../src/bot/storage';
import { Accounts } from '../../src/coordinator/accounts';
import { signToken } from '../../src/channels/directline/token';
import { addCoordinator, api, book, expectMessages, startCoordApp, type Coord } from '../coordinator/helpers';
import { AUTH_TOKEN, BOT_NUMBER, PUBLIC_BASE, newSid, postSms, randomMobile } from '../sms/client';
import { startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';
import { activity } from './support';

jest.setTimeout(30_000);

const WIDGET_SECRET = 'w'.repeat(40); // what startCoordApp configures

/** A stand-in for a Bot Framework channel's serviceUrl: records every request. */
interface FakeChannel { url: string; requests: string[]; close(): Promise<void> }
async function fakeChannel(): Promise<FakeChannel> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: crypto.randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** An HS256 JWT signed with a key of our own, from an issuer the Bot Framework does not trust. */
function forgedJwt(appId: string): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'https://login.attacker.example', aud: appId, serviceurl: 'x', iat: now, nbf: now, exp: now + 600 })}`;
  return `${body}.${crypto.createHmac('sha256', 'attacker').update(body).digest('base64url')}`;
}

let twilio: TwilioStandin;
let allowed: FakeChannel;
let foreign: FakeChannel;
let anon: Coord;
let secured: Coord;
const APP_ID = crypto.randomUUID();

beforeAll(async () => {
  twilio = await startTwilioStandin({ authToken: AUTH_TOKEN });
  allowed = await fakeChannel();
  foreign = await fakeChannel();
  anon = await startCoordApp({ twilio, env: { ALLOWED_SERVICE_URLS: `https://smba.trafficmanager.net,${allowed.url}` } });
  secured = await startCoordApp({ twilio, env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password' } });
});
afterAll(async () => {
  await anon?.close();
  await secured?.close();
  await allowed?.close();
  await foreign?.close();
  await twilio?.close();
});

function postActivity(base: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('Bot Framework (/api/messages)', () => {
  let consoleError: jest.SpyInstance;
  beforeEach(() => { consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined); });
  afterEach(() => consoleError.mockRestore());
  /** The bot's conversation state of a Bot Framework conversation ({} when no turn ran). */
  const state = (c: Coord, conv: string) => new StoreBotStorage(c.app.store).read([`webchat/conversations/${conv}/`, `anon/webchat/conversations/${conv}/`]);

  it('with MicrosoftAppId set: unsigned or forged → 401, and the bot posts nothing to the serviceUrl', async () => {
    const conv = `cred-${crypto.randomUUID()}`;
    const headersList: Record<string, string>[] = [
      {},
      { authorization: '' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Bearer ${forgedJwt(APP_ID)}` },
      { authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` },
    ];
    for (const headers of headersList) {
      for (const deliveryMode of [undefined, 'expectReplies']) {
        const res = await postActivity(secured.base, activity(conv, 'annuler', { serviceUrl: foreign.url, deliveryMode }), headers);
        expect(res.status).toBe(401);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(foreign.requests).toEqual([]);
    // The refused turns never ran: no conversation state was written.
    expect(await state(secured, conv)).toEqual({});
    // botbuilder's CloudAdapter logs each refusal on the console: expected here, and only those.
    expect(consoleError.mock.calls.every(([e]) => (e as { statusCode?: number })?.statusCode === 401)).toBe(true);
  });

  it('anonymous mode: a serviceUrl outside ALLOWED_SERVICE_URLS → 403 and nothing posted; an allowed one is answered', async () => {
    const conv = `cred-${crypto.randomUUID()}`;
    for (const serviceUrl of [foreign.url, foreign.url.replace('127.0.0.1', 'localhost'), `${allowed.url}.attacker.example`, 'https://smba.trafficmanager.net.attacker.example/']) {
      const res = await postActivity(anon.base, activity(conv, 'bonjour', { serviceUrl, deliveryMode: undefined }));
      expect(res.status).toBe(403);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(foreign.requests).toEqual([]);
    expect(allowed.requests).toEqual([]);
    expect(await state(anon, conv)).toEqual({});
    // Control: an allowed serviceUrl gets the bot's reply posted to it (so the fakes do see calls).
    const ok = await postActivity(anon.base, activity(conv, 'bonjour', { serviceUrl: allowed.url, deliveryMode: undefined }));
    expect(ok.status).toBeLessThan(300);
    expect(allowed.requests.length).toBeGreaterThan(0);
    expect(allowed.requests[0]).toMatch(new RegExp(`^POST /v3/conversations/${conv}/activities`));
    expect(foreign.requests).toEqual([]);
    // Anonymous turns keep their state in their own namespace (issue 9).
    expect(Object.keys(await state(anon, conv))).toEqual([`anon/webchat/conversations/${conv}/`]);
  });
});

describe('Twilio webhook (/api/sms)', () => {
  it('wrong, missing or replayed-elsewhere signatures → 403, no side effect, nothing sent', async () => {
    const phone = randomMobile();
    const params = { From: phone, To: BOT_NUMBER, Body: 'bonjour besoin d aide pour la caf', MessageSid: newSid(), NumMedia: '0' };
    expect((await postSms(anon, params, { sign: 'wrong' })).status).toBe(403);
    expect((await postSms(anon, params, { sign: 'none' })).status).toBe(403);
    expect((await postSms(anon, params, { url: 'https://other.example/api/sms' })).status).toBe(403);
    // Signed for one body, sent with another.
    const { getExpectedTwilioSignature } = await import('twilio/lib/webhooks/webhooks');
    const sig = getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE}/api/sms`, params);
    const tampered = await fetch(`${anon.base}/api/sms`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig },
      body: new URLSearchParams({ ...params, Body: 'STOP' }).toString(),
    });
    expect(tampered.status).toBe(403);
    // Refused before anything was read: the MessageSid was not marked seen, the number not opted out.
    const genuine = await postSms(anon, params);
    expect(genuine.status).toBe(200);
    expect(genuine.bodies.join('\n')).toMatch(/pour vous ou pour un proche/);
    expect(await anon.app.store.counters.isOptedOut(phone)).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(twilio.requests).toEqual([]);
  });
});

describe('widget (Direct Line) token', () => {
  const DL = () => `${anon.base}/v3/directline`;
  async function conversation(): Promise<{ token: string; conversationId: string }> {
    const grant = await (await fetch(`${anon.base}/api/widget/token`, { method: 'POST' })).json() as { token: string };
    const res = await fetch(`${DL()}/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${grant.token}` }, body: '{}' });
    expect(res.status).toBe(201);
    return res.json() as never;
  }
  const logOf = async (c: { token: string; conversationId: string }) =>
    ((await (await fetch(`${DL()}/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } })).json()) as { activities: unknown[] }).activities;

  it('forged, foreign-secret, wrong-kind or other-conversation tokens → 401/403; nothing added, nothing sent', async () => {
    const a = await conversation();
    const b = await conversation();
    const before = (await logOf(b)).length;
    const exp = Math.floor(Date.now() / 1000) + 600;
    const [v, , sig] = b.token.split('.');
    const tries: [string | undefined, number][] = [
      [undefined, 401],
      ['garbage', 401],
      [`${v}.${Buffer.from(JSON.stringify({ kind: 'dl', conversationId: b.conversationId, userId: 'x', exp })).toString('base64url')}.${sig}`, 401],
      [signToken('z'.repeat(40), { kind: 'dl', conversationId: b.conversationId, userId: 'x', exp }), 401],
      [signToken(WIDGET_SECRET, { kind: 'ics', conversationId: b.conversationId, ref: 'K7P-42Q', exp }), 401],
      [a.token, 403],
    ];
    for (const [token, status] of tries) {
      const res = await fetch(`${DL()}/conversations/${b.conversationId}/activities`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ type: 'message', from: { id: 'x' }, text: 'annuler' }),
      });
      expect(res.status).toBe(status);
      const read = await fetch(`${DL()}/conversations/${b.conversationId}/activities`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(read.status).toBe(status);
    }
    expect(await logOf(b)).toHaveLength(before);
    expect(twilio.requests).toEqual([]);
  });
});

describe('coordinators', () => {
  it('API: no, forged or revoked token → 401; other territory → 403; nothing changes, no SMS; a genuine confirm sends one', async () => {
    const booking = await book(anon.app, { territory: '44', smsConsent: true });
    const { token } = await addCoordinator(anon.app, '44');
    const revoked = await addCoordinator(anon.app, '44');
    await new Accounts(anon.app.store.records).revoke(revoked.account.id);
    const far = await addCoordinator(anon.app, '95');
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const [tok, status] of [[undefined, 401], ['', 401], [forged, 401], ['x'.repeat(500), 401], [revoked.token, 401], [far.token, 403]] as const) {
      const c = api(anon.base, tok);
      expect((await c.post(`/bookings/${booking.ref}/confirm`)).status).toBe(status);
      expect((await c.post(`/bookings/${booking.ref}/decline`, { reason: 'closed' })).status).toBe(status);
      expect((await c.get(`/bookings/${booking.ref}`)).status).toBe(status);
      if (status === 401) expect((await c.get('/bookings?status=pending')).status).toBe(401);
    }
    expect(await anon.app.store.bookings.get(booking.ref)).toMatchObject({ status: 'pending' });
    await new Promise((r) => setTimeout(r, 300));
    expect(twilio.requests).toEqual([]);

    // Pages: a made-up session cookie or a missing CSRF token change nothing either.
    const made = await fetch(`${anon.base}/coordinator/bookings/${booking.ref}/confirm`, {
      method: 'POST', redirect: 'manual', headers: { cookie: `cx_coord=${crypto.randomBytes(24).toString('base64url')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=abc',
    });
    expect(made.status).toBe(403);
    const login = await fetch(`${anon.base}/coordinator/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    for (const body of ['', '_csrf=', `_csrf=${crypto.randomBytes(16).toString('base64url')}`]) {
      const r = await fetch(`${anon.base}/coordinator/bookings/${booking.ref}/confirm`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect(r.status).toBe(403);
    }
    expect(await anon.app.store.bookings.get(booking.ref)).toMatchObject({ status: 'pending' });
    await new Promise((r) => setTimeout(r, 300));
    expect(twilio.requests).toEqual([]);

    // Control: the genuine coordinator confirms; the stand-in gets exactly that SMS.
    expect((await api(anon.base, token).post(`/bookings/${booking.ref}/confirm`)).status).toBe(200);
    const sent = await expectMessages(twilio, booking.beneficiary.phone, 1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/confirm/);
  });
});
