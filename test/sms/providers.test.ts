// SMS providers chosen per territory: the same person books by SMS through Twilio (territory
// 44, the default provider) and through SMSFactor (territory 95, `smsProvider: "smsfactor"`),
// inbound and outbound, against local stand-ins of both APIs; STOP through SMSFactor stops;
// SMSFactor's webhooks are authenticated by a secret (path or header) and optionally an IP range.
import crypto from 'node:crypto';
import { buildCatalogue, loadCatalogue, type Catalogue } from '../../src/booking/catalogue';
import { addCoordinator, api, startCoordApp, type Coord } from '../coordinator/helpers';
import { startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';
import { startSmsFactorStandin, type SmsFactorStandin } from '../support/smsfactor-standin';
import { AUTH_TOKEN, Phone, REF, randomMobile } from './client';
import { t } from '../../src/i18n';

jest.setTimeout(90_000);
const SECRET = 'sf-webhook-secret-0123456789abcdef';

/** The demo catalogue with territory 95 on SMSFactor (44 keeps the default, Twilio). */
function catalogueWithSmsFactor(): Catalogue {
  const { file } = loadCatalogue();
  return buildCatalogue({ ...file, territories: file.territories.map((t) => (t.id === '95' ? { ...t, smsProvider: 'smsfactor' as const } : t)) });
}

let twilio: TwilioStandin;
let sf: SmsFactorStandin;
let c: Coord;
let tokens: Record<string, string>;
beforeAll(async () => {
  twilio = await startTwilioStandin({ authToken: AUTH_TOKEN });
  sf = await startSmsFactorStandin();
  c = await startCoordApp({
    twilio,
    env: { SMSFACTOR_API_URL: sf.url, SMSFACTOR_TOKEN: sf.token, SMSFACTOR_WEBHOOK_SECRET: SECRET },
    overrides: { catalogue: catalogueWithSmsFactor() },
  });
  tokens = { 44: (await addCoordinator(c.app, '44')).token, 95: (await addCoordinator(c.app, '95')).token };
});
afterAll(async () => {
  await c.close();
  await twilio.close();
  await sf.close();
});

/** SMSFactor posting a reply ("MO") to the webhook, as a form. */
async function postMo(fields: Record<string, string>, opts: { path?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${c.base}${opts.path ?? `/api/smsfactor/${SECRET}/mo`}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers }, body: new URLSearchParams(fields).toString(),
  });
}

/** A phone whose SMS go through SMSFactor: it writes to the MO webhook, reads what SMSFactor sent it. */
class SmsFactorPhone {
  constructor(readonly number: string) {}
  async send(text: string): Promise<string[]> {
    const before = sf.to(this.number).length;
    const res = await postMo({ number: this.number.slice(1), message: text, id: crypto.randomBytes(8).toString('hex') });
    if (res.status !== 200) throw new Error(`MO webhook answered ${res.status}`);
    await sf.waitFor(() => sf.to(this.number).length > before);
    while ((await c.app.outbound.pending()) > 0) await new Promise((r) => setTimeout(r, 10));
    return sf.to(this.number).slice(before).map((m) => m.text);
  }
}

/** The same person's answers, whichever provider carries them. */
const ANSWERS: [RegExp, string][] = [
  [/capitule/, 'oui'],
  [/nom et (votre |le )?pr[ée]nom/, 'Jeanne Martin'],
  [/R[ée]pondez avec un chiffre|R[ée]pondez 1 pour/, '1'],
  [/Quand /, 'dès que possible'],
  [/pour vous ou pour un proche/, '1'],
];

async function book(send: (text: string) => Promise<string[]>, commune: string): Promise<string> {
  let replies = await send(`bjr jai besoin daide pour la caf, j'habite ${commune}`);
  for (let turn = 0; turn < 15; turn++) {
    const last = replies.join('\n');
    const ref = /C'est noté/.test(last) ? REF.exec(last)?.[1] : undefined;
    if (ref) return ref;
    const answer = ANSWERS.find(([re]) => re.test(replies[replies.length - 1] ?? ''));
    if (!answer) throw new Error(`unexpected bot message: ${last}`);
    replies = await send(answer[1]);
  }
  throw new Error('booking did not finish');
}

describe('one SMS persona, two providers chosen by territory', () => {
  it('books through Twilio in 44: answers as TwiML, the confirmation through Twilio', async () => {
    const phone = new Phone({ app: c.app, base: c.base, prefix: c.prefix }, randomMobile());
    const ref = await book((text) => phone.send(text), 'Saint-Herblain');
    expect(await c.app.store.bookings.get(ref)).toMatchObject({ territory: '44', channel: 'sms', beneficiary: { phone: phone.number } });
    expect((await api(c.base, tokens[44]).post(`/bookings/${ref}/confirm`)).status).toBe(200);
    await sf.waitFor(() => twilio.messages.some((m) => m.to === phone.number && /confirm/i.test(m.body)));
    expect(sf.to(phone.number)).toHaveLength(0);
  });

  it('books through SMSFactor in 95: the MO webhook in, SMSFactor’s REST API out, the confirmation too', async () => {
    const phone = new SmsFactorPhone(randomMobile());
    const ref = await book((text) => phone.send(text), 'Cergy');
    expect(await c.app.store.bookings.get(ref)).toMatchObject({ territory: '95', channel: 'sms', beneficiary: { phone: phone.number } });
    const before = sf.to(phone.number).length;
    expect((await api(c.base, tokens[95]).post(`/bookings/${ref}/confirm`)).status).toBe(200);
    await sf.waitFor(() => sf.to(phone.number).length > before);
    expect(sf.to(phone.number).slice(before)[0].text).toMatch(/confirm/i);
    expect(twilio.messages.filter((m) => m.to === phone.number)).toHaveLength(0);
  });

  it('STOP through SMSFactor stops every message, until START', async () => {
    const phone = new SmsFactorPhone(randomMobile());
    const ref = await book((text) => phone.send(text), 'Cergy');
    const beforeStop = sf.to(phone.number).length;
    expect((await postMo({ number: phone.number.slice(1), message: 'STOP', id: 'stop-1' })).status).toBe(200);
    expect(await c.app.store.counters.isOptedOut(phone.number)).toBe(true);
    // The person is told once that it worked (and how to start again), like Twilio's inline answer.
    await sf.waitFor(() => sf.to(phone.number).length > beforeStop);
    expect(sf.to(phone.number).slice(beforeStop).map((m) => m.text)).toEqual([t('global.stop')]);
    const before = sf.messages.length;
    expect((await api(c.base, tokens[95]).post(`/bookings/${ref}/confirm`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    while ((await c.app.outbound.pending()) > 0) await new Promise((r) => setTimeout(r, 10));
    expect(sf.messages.slice(before).filter((m) => m.to === phone.number)).toHaveLength(0);
    expect((await postMo({ number: phone.number.slice(1), message: 'START', id: 'start-1' })).status).toBe(200);
    expect(await c.app.store.counters.isOptedOut(phone.number)).toBe(false);
  });
});

describe('what each territory’s channels cost, in the coordinator statistics', () => {
  it('counts SMS messages and segments per provider, in and out, under the territory that sent them', async () => {
    await new Promise((r) => setTimeout(r, 200)); // usage is written just after each turn
    const usage = async (territory: string) => ((await (await api(c.base, tokens[territory]).get('/stats')).json()) as { usage: { sms: Record<string, Record<string, number>> } }).usage;
    const u44 = await usage('44');
    const u95 = await usage('95');
    expect(u44.sms.twilio.messagesIn).toBeGreaterThan(3);
    expect(u44.sms.twilio.messagesOut).toBeGreaterThan(3);
    expect(u44.sms.twilio.segmentsOut).toBeGreaterThanOrEqual(u44.sms.twilio.messagesOut);
    expect(u44.sms.smsfactor.messagesOut).toBe(0);
    expect(u95.sms.smsfactor.messagesIn).toBeGreaterThan(3);
    expect(u95.sms.smsfactor.messagesOut).toBeGreaterThan(3);
    expect(u95.sms.twilio.messagesOut).toBe(0);
  });
});

describe('SMSFactor webhooks are authenticated', () => {
  const mo = () => ({ number: randomMobile().slice(1), message: 'bonjour', id: crypto.randomBytes(6).toString('hex') });

  it('refuses a missing or wrong secret (403), takes it in the path or in X-Webhook-Secret', async () => {
    expect((await postMo(mo(), { path: '/api/smsfactor/mo' })).status).toBe(403);
    expect((await postMo(mo(), { path: '/api/smsfactor/not-the-secret-at-all-000000/mo' })).status).toBe(403);
    expect((await postMo(mo(), { path: '/api/smsfactor/mo', headers: { 'x-webhook-secret': 'wrong' } })).status).toBe(403);
    expect((await postMo(mo(), { path: '/api/smsfactor/mo', headers: { 'x-webhook-secret': SECRET } })).status).toBe(200);
    expect((await postMo(mo())).status).toBe(200);
  });

  it('answers 400 to a reply without a sender, and processes a repeated reply once', async () => {
    expect((await postMo({ message: 'bonjour' })).status).toBe(400);
    const number = randomMobile();
    const fields = { number: number.slice(1), message: 'bonjour', id: 'same-id-twice' };
    const settled = async () => {
      await new Promise((r) => setTimeout(r, 300));
      while ((await c.app.outbound.pending()) > 0) await new Promise((r) => setTimeout(r, 10));
      return sf.to(number).length;
    };
    expect((await postMo(fields)).status).toBe(200);
    const once = await settled();
    expect(once).toBeGreaterThan(0);
    expect((await postMo(fields)).status).toBe(200);
    expect(await settled()).toBe(once);
  });

  it('counts delivery reports by status', async () => {
    const res = await fetch(`${c.base}/api/smsfactor/${SECRET}/dlr?ticket=123&number=33612345678&status=1`);
    expect(res.status).toBe(200);
    const metrics = await (await fetch(`${c.base}/metrics`)).text();
    expect(metrics).toMatch(/cx_sms_delivery_reports_total\{provider="smsfactor",status="delivered"\} [1-9]/);
    expect(metrics).toMatch(/cx_sms_messages_total\{provider="smsfactor",direction="out"\} [1-9]/);
    expect(metrics).toMatch(/cx_sms_messages_total\{provider="twilio",direction="in"\} [1-9]/);
  });

  it('with SMSFACTOR_WEBHOOK_IPS, refuses the secret from another address', async () => {
    const other = await startCoordApp({ env: { SMSFACTOR_WEBHOOK_SECRET: SECRET, SMSFACTOR_WEBHOOK_IPS: '10.0.0.0/8' } });
    try {
      const res = await fetch(`${other.base}/api/smsfactor/${SECRET}/mo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(mo()).toString() });
      expect(res.status).toBe(403);
    } finally {
      await other.close();
    }
  });
});
