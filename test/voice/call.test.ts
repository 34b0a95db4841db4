// Whole phone calls over the signed Twilio Voice webhook on the running app (real Redis): a
// booking said aloud (with a misheard commune the bot asks again), the SMS confirmation after
// the call, silence, the transfer to the territory's team, and the webhook's defences.
import { api, addCoordinator, startCoordApp, type Coord } from '../coordinator/helpers';
import { randomMobile } from '../sms/client';
import { spellCode } from '../../src/channels/voice/speech';
import { phoneWords } from '../../src/channels/voice/words';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { composeNotice } from '../../src/notices';
import { Call, postVoice } from './client';

jest.setTimeout(60_000);
let c: Coord;
let token44: string;
let token95: string;
beforeAll(async () => {
  c = await startCoordApp();
  token44 = (await addCoordinator(c.app, '44')).token;
  token95 = (await addCoordinator(c.app, '95')).token;
});
afterAll(async () => { await c.close(); });

const target = () => ({ base: c.base, authToken: c.twilio.authToken });
const REF_SPOKEN = /K comme|comme [A-Z]/;

/** Plays the caller's side of a booking; each answer is chosen by what the bot just said. */
async function bookByVoice(call: Call): Promise<string> {
  const communes = ['Saint Air Bus.', 'Saint-Herblain.'];
  const answers: [RegExp, () => Promise<unknown>][] = [
    [/Voulez-vous recevoir ce rendez-vous par SMS/, () => call.say('Oui, volontiers.')],
    [/récapitule/, () => call.say('Oui.')],
    [/nom et votre prénom/, () => call.say('Jeanne Martin')],
    [/Dites un pour le prendre|ou tapez la touche/, () => call.press('1')],
    [/Quand êtes-vous libre/, () => call.say('Mardis après-midi.')],
    // The recogniser mishears the commune first ("Bus", Pas-de-Calais), then gets it.
    [/commune/, () => call.say(communes.shift() ?? 'Saint-Herblain.')],
    [/pour vous ou pour un proche/, () => call.say('Pour moi.')],
  ];
  await call.start();
  await call.say("Bonjour, je voudrais de l'aide pour ma déclaration d'impôts.");
  for (let turn = 0; turn < 20; turn++) {
    const h = call.last!;
    if (h.hangup) break;
    const said = h.says.join(' ');
    const next = answers.find(([re]) => re.test(said));
    if (!next) throw new Error(`unexpected question: ${said}`);
    await next[1]();
  }
  return call.transcript.join('\n');
}

describe('a booking by phone call', () => {
  it('books by speech, asks again after a misheard answer, and sends the SMS after the call', async () => {
    const caller = randomMobile();
    const call = new Call(target(), caller);
    const transcript = await bookByVoice(call);
    console.log(`Voice transcript:\n${transcript}`);

    // The misheard commune was asked again, then understood.
    expect(transcript).toMatch(/Saint Air Bus\.\nBot : .*Bus \(Pas-de-Calais\).*dites votre commune\.\nAppelant : Saint-Herblain/);
    // Everything said is words: dates, times, numbers and codes (no digit is left to read).
    for (const line of call.transcript.filter((l) => l.startsWith('Bot'))) expect(line).not.toMatch(/\d/);
    expect(call.last!.hangup).toBe(true);

    // The booking is in the coordinator API, made on the voice channel with the caller's number.
    const res = await api(c.base, token44).get('/bookings?status=pending');
    const { items } = await res.json() as { items: { ref: string; channel: string; beneficiary: { phone: string } }[] };
    const mine = items.find((b) => b.beneficiary.phone === caller);
    expect(mine).toMatchObject({ channel: 'voice' });
    const ref = mine!.ref;
    expect(ref).toMatch(new RegExp(`^${REF_CODE_PATTERN}$`));
    // The code was spelled letter by letter; the SMS is the request's notice.
    expect(transcript).toContain(spellCode(ref));
    expect(transcript).toMatch(REF_SPOKEN);
    await c.twilio.waitForMessages(1);
    const sms = c.twilio.messages.filter((m) => m.to === caller);
    expect(sms).toHaveLength(1);
    const booking = await c.app.store.bookings.get(ref);
    expect(sms[0].body).toContain(composeNotice(booking!, 'requested', c.app.catalogue).sms);
  });

  it('a booking for a relative by phone: the beneficiary is told by SMS, the caller is asked if that is all', async () => {
    const call = new Call(target(), randomMobile());
    await call.start();
    await call.say('Je voudrais un rendez-vous pour ma mère, pour ses impôts.');
    const steps: [RegExp, () => Promise<unknown>][] = [
      [/récapitule/, () => call.say('Oui.')],
      [/portable/, () => call.say('zéro six, quatre-vingt-dix-huit, soixante-seize, cinquante-quatre, trente-deux')],
      [/d'accord pour recevoir des SMS/, () => call.say('Oui.')],
      [/nom et (son |le )?prénom|son nom/, () => call.say('Paulette Durand')],
      [/Dites un pour le prendre|ou tapez la touche/, () => call.press('1')],
      [/Quand /, () => call.say('Dès que possible.')],
      [/commune/, () => call.say('Rezé.')],
      [/pour vous ou pour un proche/, () => call.say('Pour ma mère.')],
    ];
    for (let turn = 0; turn < 12 && !/C'est noté/.test(call.last!.says.join(' ')); turn++) {
      const said = call.last!.says.join(' ');
      const step = steps.find(([re]) => re.test(said));
      if (!step) throw new Error(`unexpected question: ${said}`);
      await step[1]();
    }
    const said = call.last!.says.join(' ');
    expect(said).toMatch(/C'est noté/);
    expect(said).not.toMatch(/par SMS \?/);
    expect(said).toMatch(/autre chose pour vous/);
    await c.twilio.waitForMessages(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(c.twilio.messages.filter((m) => m.to === '+33698765432').map((m) => m.body).join(' ')).toMatch(/un proche a demandé pour vous/);
    expect(c.twilio.messages.filter((m) => m.to === call.from)).toHaveLength(0);
  });

  it('each question is a French speech-and-keys <Gather>, with the choices as hints and one key for a choice', async () => {
    const call = new Call(target(), randomMobile());
    const first = await call.start();
    expect(first.gather).toMatchObject({ input: 'speech dtmf', language: 'fr-FR', speechTimeout: 'auto', action: '/api/voice', method: 'POST' });
    expect(first.gather!.hints).toContain('conseiller');
    expect(first.gather!.numDigits).toBeUndefined();
    expect(first.redirect).toBe('/api/voice?silence=1');
    const menu = await call.say('Aide.');
    expect(menu.says.join(' ')).toMatch(/Un : .+ Deux : .+Dites un, deux, .+ ou tapez la touche/i);
    expect(menu.gather!.numDigits).toBe('1');
    expect(menu.gather!.hints).toContain('Prendre rendez-vous');
  });
});

describe('an answer the recogniser is unsure of', () => {
  it('is asked again once (no turn), then the next answer goes to the dialog', async () => {
    const call = new Call(target(), randomMobile());
    const first = await call.start();
    const again = await call.say('Jeu voudrais heu rendez vous pour la caf', 0.12);
    expect(again.says.join(' ')).toBe(`Pardon, je n'ai pas bien entendu. Pouvez-vous répéter ? ${first.says.join(' ')}`);
    const next = await call.say('Je voudrais un rendez-vous pour la CAF.', 0.2);
    expect(next.says.join(' ')).toMatch(/pour vous ou pour un proche|commune/);
  });
});

describe('silence on the line', () => {
  it('asks once more, then gives the team’s number and hangs up', async () => {
    const call = new Call(target(), randomMobile());
    const first = await call.start();
    const again = await call.silence();
    expect(again.says.join(' ')).toMatch(/^Je ne vous ai pas entendu\./);
    expect(again.says.join(' ')).toContain(first.says.join(' '));
    expect(again.gather).toBeDefined();
    expect(again.redirect).toBe('/api/voice?silence=2');
    const end = await call.silence();
    expect(end.gather).toBeUndefined();
    expect(end.hangup).toBe(true);
    expect(end.says.join(' ')).toContain(phoneWords('02 40 00 00 44'));
  });
});

describe('transfer to a person', () => {
  it('key 0 dials the team', async () => {
    const call = new Call(target(), randomMobile());
    await call.start();
    const h = await call.press('0');
    expect(h.dial).toMatch(/^\+33\d{9}$/);
    expect(h.says[0]).toMatch(/Je vous passe l'équipe/);
  });

  it('"conseiller" said once the place is known dials that territory’s helpline', async () => {
    const call = new Call(target(), randomMobile());
    await call.start();
    await call.say('Je voudrais un rendez-vous pour la CAF.');
    const place = await call.say('Pour moi.');
    expect(place.says.join(' ')).toMatch(/commune/);
    await call.say('Cergy.');
    const h = await call.say('Je voudrais parler à un conseiller.');
    expect(h.dial).toBe('+33134000095');
  });
});

describe('the voice webhook’s defences', () => {
  const params = { CallSid: `CA${'1'.repeat(32)}`, From: '+33612345678', To: '+33939000000', CallStatus: 'ringing' };

  it('refuses an unsigned or wrongly signed request (403) and a non-form body (415)', async () => {
    expect((await postVoice(target(), '/api/voice', params, { sign: 'none' })).status).toBe(403);
    expect((await postVoice(target(), '/api/voice', params, { sign: 'wrong' })).status).toBe(403);
    const res = await fetch(`${c.base}/api/voice`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('counts calls and the minutes of finished calls from Twilio’s signed status callback, under the call’s territory', async () => {
    const call = new Call(target(), randomMobile());
    await call.start();
    await call.say('Je voudrais un rendez-vous pour la CAF.');
    await call.say('Pour moi.');
    await call.say('Cergy.');
    const status = { CallSid: call.sid, CallStatus: 'completed', CallDuration: '75', From: call.from };
    expect((await postVoice(target(), '/api/voice/status', status, { sign: 'none' })).status).toBe(403);
    expect((await postVoice(target(), '/api/voice/status', status)).status).toBe(204);
    const metrics = await (await fetch(`${c.base}/metrics`)).text();
    expect(Number(/^cx_call_seconds_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(75);
    expect(Number(/^cx_calls_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 100)); // usage is written just after
    const stats = await (await api(c.base, token95).get('/stats')).json() as { usage: { voice: { calls: number; minutes: number } } };
    expect(stats.usage.voice).toEqual({ calls: 1, minutes: 2 }); // 75 s: two started minutes
  });

  it('answers 400 to a request without a call id', async () => {
    const { CallSid: _sid, ...rest } = params;
    expect((await postVoice(target(), '/api/voice', rest)).status).toBe(400);
  });

  it('a request Twilio repeats (same idempotency token) is one turn, answered the same', async () => {
    const call = new Call(target(), randomMobile());
    await call.start();
    const body = { CallSid: call.sid, From: call.from, To: '+33939000000', SpeechResult: 'Je voudrais un rendez-vous pour la CAF.' };
    const headers = { 'i-twilio-idempotency-token': 'tok-repeat-1' };
    const a = await postVoice(target(), '/api/voice', body, { headers });
    const b = await postVoice(target(), '/api/voice', body, { headers });
    expect(b.says).toEqual(a.says);
    // Had the turn run twice, "CAF" would have answered the next question.
    const next = await call.say('Pour moi.');
    expect(next.says.join(' ')).toMatch(/commune/);
  });

  it('a withheld number is no identity: the bot asks for a phone number', async () => {
    const call = new Call(target(), 'anonymous');
    await call.start();
    await call.say('Je voudrais un rendez-vous pour la CAF.');
    await call.say('Pour moi.');
    await call.say('Saint-Herblain.');
    await call.say('Dès que possible.');
    await call.press('1');
    const h = await call.say('Jeanne Martin');
    expect(h.says.join(' ')).toMatch(/portable/);
  });
});
