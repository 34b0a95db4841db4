// POST /api/sms as Twilio calls it: signatures, retries of one MessageSid, bad input,
// rate limit, STOP/START — against the running app on a real Redis.
import type { Running } from '../e2e/http';
import { startApp } from '../e2e/http';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { t } from '../../src/i18n';
import { smsBodies } from '../../src/sms-text/fit';
import { BOT_NUMBER, Phone, REF, newSid, postSms, randomMobile, startSmsApp } from './client';

let run: Running;
beforeAll(async () => { run = await startSmsApp(); });
afterAll(async () => { await run.app.close(); });

const sms = (key: string) => smsBodies([t(key)]).join('\n');
const msg = (from: string, body: string, extra: Record<string, string> = {}) => ({ From: from, To: BOT_NUMBER, Body: body, MessageSid: newSid(), NumMedia: '0', ...extra });

describe('POST /api/sms — signature', () => {
  it('answers TwiML to a correctly signed request, ignoring unknown fields', async () => {
    const r = await postSms(run, msg(randomMobile(), 'bonjour', { FromCity: 'NANTES', SmsSegments: '1', ApiVersion: '2010-04-01' }));
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/xml/);
    expect(r.raw).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>/);
    expect(r.bodies.join('\n')).toMatch(/Bonjour/);
  });

  it.each([
    ['a wrong token', { sign: 'wrong' as const }],
    ['no signature', { sign: 'none' as const }],
    ['the URL the proxy forwards instead of the public one', { url: 'http://127.0.0.1/api/sms' }],
  ])('refuses %s with 403 and processes nothing', async (_name, opts) => {
    const from = randomMobile();
    const r = await postSms(run, msg(from, 'STOP'), opts);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.raw)).toMatchObject({ error: { code: 'Forbidden' } });
    expect(await run.app.store.counters.isOptedOut(from)).toBe(false);
  });

  it('refuses a body changed after signing', async () => {
    const from = randomMobile();
    const params = msg(from, 'bonjour');
    const signature = getExpectedTwilioSignature('f3c1a2b4c5d6e7f8a9b0c1d2e3f4a5b6', 'https://bot.les-connectes.example/api/sms', params);
    const res = await fetch(`${run.base}/api/sms`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams({ ...params, Body: 'STOP' }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await run.app.store.counters.isOptedOut(from)).toBe(false);
    // Nothing was processed: the real first message still starts a fresh conversation.
    const first = await postSms(run, { ...params, MessageSid: newSid() });
    expect(first.bodies.join('\n')).toMatch(/Bonjour, ici l'assistant/);
  });

  it('checks against the request’s own URL when PUBLIC_BASE_URL is unset', async () => {
    const local = await startApp({ TWILIO_AUTH_TOKEN: 'f3c1a2b4c5d6e7f8a9b0c1d2e3f4a5b6' });
    try {
      const params = msg(randomMobile(), 'bonjour');
      const ok = await postSms(local, params, { url: `${local.base}/api/sms` });
      expect(ok.status).toBe(200);
      const bad = await postSms(local, { ...params, MessageSid: newSid() });
      expect(bad.status).toBe(403);
    } finally {
      await local.app.close();
    }
  });
});

describe('POST /api/sms — Twilio retries', () => {
  it('processes one MessageSid once: one booking, one answer', async () => {
    const phone = new Phone(run, randomMobile());
    for (const text of ['bjr jai besoin daide pour la caf', '1', '44800', 'dès que possible', '1', 'Jeanne Martin']) {
      const r = await phone.send(text);
      if (/capitule/.test(r.join('\n'))) break;
    }
    const last = phone.messages[phone.messages.length - 1];
    expect(last).toMatch(/capitule/);
    const oui = msg(phone.number, 'oui');
    // Twilio retries while the first delivery is still being processed, and later again.
    const [a, b] = await Promise.all([postSms(run, oui), postSms(run, oui)]);
    const c = await postSms(run, oui);
    const answers = [a, b, c].filter((r) => r.bodies.length > 0);
    expect([a, b, c].map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers).toHaveLength(1);
    expect(answers[0].bodies.join('\n')).toMatch(REF);
    expect([a, b, c].filter((r) => r.bodies.length === 0).every((r) => /<Response><\/Response>$/.test(r.raw))).toBe(true);
    expect(await run.app.store.bookings.byPhone(phone.number)).toHaveLength(1);
  });
});

describe('POST /api/sms — bad input gets a short polite answer', () => {
  it.each([
    ['an empty body', '', 'global.empty'],
    ['control characters only', '\u0001\u0002\u0007', 'global.empty'],
    ['1,600+ characters', 'a'.repeat(1601), 'global.tooLong'],
  ])('%s', async (_name, body, key) => {
    const r = await postSms(run, msg(randomMobile(), body));
    expect(r.status).toBe(200);
    expect(r.bodies.join('\n')).toBe(sms(key));
  });

  it('an MMS without text', async () => {
    const r = await postSms(run, msg(randomMobile(), '', { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/x.jpg', MediaContentType0: 'image/jpeg' }));
    expect(r.status).toBe(200);
    expect(r.bodies).toEqual([sms('sms.mediaOnly')]);
  });

  it('an MMS with text is read as text', async () => {
    const r = await postSms(run, msg(randomMobile(), 'bonjour', { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/x.jpg' }));
    expect(r.bodies.join('\n')).toMatch(/Bonjour/);
  });

  it('escapes what it echoes into XML', async () => {
    const r = await postSms(run, msg(randomMobile(), '<script>alert("x")</script> & co'));
    expect(r.status).toBe(200);
    expect(r.raw).not.toMatch(/<script>/);
  });

  it('400 without a sender, 415 for another content type, 413 past 64 KiB', async () => {
    const noFrom = await postSms(run, { Body: 'bonjour', MessageSid: newSid() });
    expect(noFrom.status).toBe(400);
    expect(JSON.parse(noFrom.raw).error.message).toMatch(/From/);
    const json = await fetch(`${run.base}/api/sms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(msg(randomMobile(), 'x')) });
    expect(json.status).toBe(415);
    const big = await fetch(`${run.base}/api/sms`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(msg(randomMobile(), 'a'.repeat(70 * 1024))).toString(),
    });
    expect(big.status).toBe(413);
  });
});

describe('POST /api/sms — rate limit and opt-out', () => {
  it('answers 20 messages per 10 minutes, sends one notice, then stays silent (STOP still works)', async () => {
    const phone = new Phone(run, randomMobile());
    for (let i = 0; i < 20; i++) expect((await phone.send('aide')).length).toBeGreaterThan(0);
    expect(await phone.send('aide')).toEqual([sms('sms.rateLimited')]);
    expect(await phone.send('aide')).toEqual([]);
    expect(await phone.send('bonjour')).toEqual([]);
    await phone.send('STOP');
    expect(await run.app.store.counters.isOptedOut(phone.number)).toBe(true);
  });

  it('over the rate limit an opt-out in other words still opts out', async () => {
    const phone = new Phone(run, randomMobile());
    for (let i = 0; i < 21; i++) await phone.send('aide');
    expect(await phone.send('bonjour')).toEqual([]);
    expect(await phone.send("arrêtez de m'écrire svp")).toEqual([sms('global.stop')]);
    expect(await run.app.store.counters.isOptedOut(phone.number)).toBe(true);
  });

  it('STOP, then silence whatever is sent, then START', async () => {
    const phone = new Phone(run, randomMobile());
    await phone.send('bonjour');
    expect(await phone.send('STOP')).toEqual([sms('global.stop')]);
    expect(await run.app.store.counters.isOptedOut(phone.number)).toBe(true);
    for (const text of ['bonjour', 'aide', '1', '', 'oui']) expect(await phone.send(text)).toEqual([]);
    expect(await phone.send('', { NumMedia: '1' })).toEqual([]); // not even the MMS notice
    expect(await phone.send('START')).toEqual([sms('global.start')]);
    expect(await run.app.store.counters.isOptedOut(phone.number)).toBe(false);
    expect((await phone.send('bonjour')).join('\n')).toMatch(/Bonjour|Que voulez-vous|démarche/);
  });
});
