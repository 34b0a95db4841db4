// Shared by the coordinator, browser and jobs tests: an app wired to the Twilio stand-in,
// bookings made the way the bot makes them (hold + commit), and coordinator accounts.
import crypto from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { newBooking } from '../../src/booking/lifecycle';
import type { Booking, Channel, Slot, TopicId } from '../../src/booking/model';
import { generateSlots } from '../../src/booking/slots';
import { loadConfig } from '../../src/config';
import { Accounts } from '../../src/coordinator/accounts';
import { parsePhone } from '../../src/language/phone';
import { silentLogger } from '../../src/log';
import { startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';
import { testPrefix, testRedisUrl } from '../support/redis';

export const BOT_NUMBER = '+33939000000';
export const PUBLIC_BASE = 'https://bot.les-connectes.example';

export interface Coord { app: App; base: string; prefix: string; twilio: TwilioStandin; close(): Promise<void> }

export async function startCoordApp(opts: { prefix?: string; twilio?: TwilioStandin; env?: Record<string, string>; overrides?: AppOverrides } = {}): Promise<Coord> {
  const twilio = opts.twilio ?? await startTwilioStandin();
  const prefix = opts.prefix ?? testPrefix('coord');
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'silent',
    TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_FROM: BOT_NUMBER, TWILIO_API_URL: twilio.url,
    PUBLIC_BASE_URL: PUBLIC_BASE, WIDGET_TOKEN_SECRET: 'w'.repeat(40), ...opts.env,
  });
  const app = await createApp(config, { logger: silentLogger, outbound: { backoffMs: 20, requestTimeoutMs: 1000 }, ...opts.overrides });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  return {
    app, base: `http://127.0.0.1:${port}`, prefix, twilio,
    async close() {
      await app.close();
      if (!opts.twilio) await twilio.close();
    },
  };
}

/**
 * One app for all the tests of a file, with a coordinator of territories 44 and 95: started
 * before the first test, closed after the last (60 s per test: real HTTP and Redis).
 */
export function withCoordinators(use: (x: { c: Coord; token44: string; token95: string }) => void, opts: Parameters<typeof startCoordApp>[0] = {}): void {
  jest.setTimeout(60_000);
  let c: Coord | undefined;
  beforeAll(async () => {
    c = await startCoordApp(opts);
    use({ c, token44: (await addCoordinator(c.app, '44')).token, token95: (await addCoordinator(c.app, '95')).token });
  });
  afterAll(async () => { await c?.close(); });
}

/** A random French mobile: about 9 % of +336 numbers are ranges libphonenumber does not
 *  give as mobiles, which the bot rightly refuses (a flaky test before this loop). */
export function uniquePhone(): string {
  for (;;) {
    const n = `+336${crypto.randomInt(10_000_000, 99_999_999)}`;
    if (parsePhone(n)?.status === 'mobile') return n;
  }
}

/** A free slot (optionally of one site / on one date) that nobody holds. */
export async function freeSlot(app: App, f: { siteId?: string; territory?: string; date?: string; now?: Date; skip?: number } = {}): Promise<Slot> {
  const all = generateSlots(app.catalogue, { now: f.now ?? new Date(), ...(f.siteId ? { siteIds: [f.siteId] } : {}) })
    .filter((s) => (!f.territory || s.territory === f.territory) && (!f.date || s.start.startsWith(f.date)));
  const taken = await app.store.bookings.takenAmong(all);
  const free = all.filter((s) => !taken.has(s.id));
  const s = free[f.skip ?? 0];
  if (!s) throw new Error('no free slot');
  return s;
}

export interface BookOptions {
  slot?: Slot;
  territory?: string;
  siteId?: string;
  phone?: string;
  name?: string;
  topic?: TopicId;
  channel?: Channel;
  conversationId?: string;
  requestedBy?: 'self' | 'relative';
  smsConsent?: boolean;
  mode?: 'site' | 'home';
  commune?: { insee: string; name: string };
}

/** A pending booking, committed like the bot does. */
export async function book(app: App, o: BookOptions = {}): Promise<Booking> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = o.slot ?? await freeSlot(app, { territory: o.territory ?? '44', siteId: o.siteId, skip: attempt });
    const slot: Slot = o.mode === 'home' ? { ...base, mode: 'home' } : base;
    const h = await app.store.bookings.hold(slot, 60_000);
    if (!h.ok) { if (o.slot) throw new Error('slot taken'); continue; }
    const b = newBooking({
      slot, topic: o.topic ?? 'impots', beneficiary: { name: o.name ?? 'Paulette Durand', phone: o.phone ?? uniquePhone() },
      requestedBy: o.requestedBy ?? 'self', channel: o.channel ?? 'sms', now: Date.now(),
      conversationId: o.conversationId, smsConsent: o.smsConsent, commune: o.commune,
    });
    const c = await app.store.bookings.commit(b, h.holdId);
    if (c.ok) return c.booking;
  }
  throw new Error('could not book');
}

export async function addCoordinator(app: App, territory = '44', password?: string) {
  return new Accounts(app.store.records).add({ name: `Coordination ${territory}`, territory, password });
}

export function api(base: string, token?: string) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });
  return {
    get: (path: string) => fetch(`${base}/api/coordinator${path}`, { headers: headers() }),
    post: (path: string, body?: unknown) => fetch(`${base}/api/coordinator${path}`, {
      method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: body === undefined ? '{}' : JSON.stringify(body),
    }),
    put: (path: string, body?: unknown) => fetch(`${base}/api/coordinator${path}`, {
      method: 'PUT', headers: headers({ 'content-type': 'application/json' }), body: body === undefined ? '{}' : JSON.stringify(body),
    }),
    del: (path: string) => fetch(`${base}/api/coordinator${path}`, { method: 'DELETE', headers: headers() }),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Messages the stand-in accepted for one number. */
export function messagesTo(twilio: TwilioStandin, phone: string): string[] {
  return twilio.messages.filter((m) => m.to === phone).map((m) => m.body);
}

/** Waits until `phone` has `n` messages, then a little more to catch any extra one. */
export async function expectMessages(twilio: TwilioStandin, phone: string, n: number, settleMs = 400): Promise<string[]> {
  const end = Date.now() + 10_000;
  while (messagesTo(twilio, phone).length < n && Date.now() < end) await sleep(20);
  await sleep(settleMs);
  return messagesTo(twilio, phone);
}

/** One SMS from `from` through the signed Twilio webhook; resolves with the TwiML answer. */
export async function signedSms(c: Coord, from: string, body: string): Promise<string> {
  const params = { From: from, To: BOT_NUMBER, Body: body, MessageSid: `SM${crypto.randomBytes(16).toString('hex')}`, NumMedia: '0' };
  const res = await fetch(`${c.base}/api/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(c.twilio.authToken, `${PUBLIC_BASE}/api/sms`, params) },
    body: new URLSearchParams(params).toString(),
  });
  expect(res.status).toBe(200);
  return res.text();
}
