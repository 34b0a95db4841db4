// Items 10 and 11: whole bookings by phone call through the signed Twilio Voice webhook
// (voice turns/s, latency, how long such a call lasts), and what a booking costs on each
// channel — SMS through Twilio, SMS through SMSFactor, a phone call, the web chat — counting
// every billed SMS segment (the conversation's and the notices' until the coordinator's
// confirmation has arrived) and every call minute, at stated prices.
import crypto from 'node:crypto';
import type { ServerUnderTest } from '../lib/proc';
import { saySms, saySmsFactor, sayVoice, sayWeb } from '../lib/client';
import { Conversation, SMS_COST_PERSONAS, loadPersona, randomMobile, type Persona } from '../lib/driver';
import { segments } from '../../src/sms-text/gsm7';
import { fmt, median, summarise } from '../lib/stats';
import { log, type Section } from '../lib/report';
import type { TwilioStandin } from '../../test/support/twilio-standin';
import type { SmsFactorStandin } from '../../test/support/smsfactor-standin';
import { EUR_PER_SEGMENT } from './sms-cost';

/**
 * Prices in euros, orders of magnitude of French rates to scale by, not quotes: Twilio's
 * outbound SMS segment is EUR_PER_SEGMENT (item 5); an inbound Twilio SMS, a fraction of a cent;
 * SMSFactor's outbound segment at association volumes, and its replies (MO) included with a
 * two-way number; a minute of an inbound call on a French local number; Twilio's speech
 * recognition, billed per 15 s of each <Gather> answered by speech (keys are free).
 */
export const PRICES = { twilioSmsOut: EUR_PER_SEGMENT, twilioSmsIn: 0.008, smsFactorOut: 0.045, smsFactorIn: 0, callMinute: 0.01, speechGather: 0.02 };
/** French text-to-speech reads about 14 characters a second; a caller's answer, with the end-of-speech wait, about 3 s. */
const TTS_CHARS_PER_S = 14;
const ANSWER_S = 3;

const euros = (n: number, digits = 3): string => `${n.toFixed(digits).replace('.', ',')} €`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const CONFIRMATION = /RDV confirm[ée]/;

const VOICE_OPENINGS = ["Bonjour, j'ai besoin d'aide pour la CAF.", "Je voudrais de l'aide pour ma déclaration d'impôts.", 'Bonjour, je voudrais un rendez-vous pour ma mère, pour ses impôts.'];

/** What a caller says to what the bot just said (the answers of a persona, spoken). */
function voiceAnswer(said: string, p: Persona, i: number, used: Map<string, number>): { speech?: string; digits?: string } | { error: string } {
  const next = (k: string, list: string[]) => { const n = used.get(k) ?? 0; used.set(k, n + 1); return list[Math.min(n, list.length - 1)]; };
  if (/souci technique/.test(said)) return { error: 'bot answered "service unavailable"' };
  if (/recevoir ce rendez-vous par SMS/.test(said)) return { speech: 'Oui.' };
  if (/récapitule/.test(said)) return { speech: next('recap', p.recap) };
  if (/portable/.test(said)) return { speech: 'zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit' };
  if (/d'accord pour recevoir des SMS/.test(said)) return { speech: 'Oui.' };
  if (/nom et (votre |le )?prénom/.test(said)) return { speech: p.name };
  const choices = /Dites ((?:[a-zé-]+, )*[a-zé-]+(?: ou [a-zé-]+)?), ou tapez la touche/.exec(said);
  if (/Que voulez-vous changer/.test(said)) return { digits: '1' };
  if (/Quand /.test(said)) return { speech: next('when', p.when) };
  if (/commune|code postal/.test(said)) return { speech: next('place', p.place) };
  if (/pour vous ou pour un proche/.test(said)) return { speech: p.forWhom === '2' ? 'Pour ma mère.' : 'Pour moi.' };
  if (/Dites en quelques mots/.test(said)) return { speech: VOICE_OPENINGS[i % VOICE_OPENINGS.length] };
  if (choices) return { digits: String(1 + crypto.randomInt(choices[1].split(/, | ou /).length)) };
  return { error: `unexpected: ${said.slice(0, 160)}` };
}

interface CallResult { ok: boolean; turns: number; latencies: number[]; spokenChars: number; speechGathers: number; error?: string; from: string; said: string[] }

/** Plays one whole call: greeting, answers, the SMS offer, hang-up. */
async function playCall(base: string, p: Persona, i: number): Promise<CallResult> {
  const from = randomMobile();
  const callSid = `CA${crypto.randomBytes(16).toString('hex')}`;
  const used = new Map<string, number>();
  const r: CallResult = { ok: false, turns: 0, latencies: [], spokenChars: 0, speechGathers: 0, from, said: [] };
  let extra: Record<string, string> = { CallStatus: 'ringing' };
  for (let t = 0; t < 30; t++) {
    const res = await sayVoice(base, { AccountSid: 'AC0', CallSid: callSid, From: from, To: '+33939000000', CallStatus: 'in-progress', ...extra });
    r.turns += 1;
    r.latencies.push(res.ms);
    if (res.status !== 200) { r.error = `status ${res.status}`; return r; }
    const said = res.texts.join(' ');
    r.spokenChars += said.length;
    r.said.push(said);
    if (res.raw.includes('<Hangup/>')) { r.ok = /recevoir un SMS/.test(said); if (!r.ok) r.error = `hung up: ${said.slice(0, 120)}`; return r; }
    if (/C'est noté/.test(said) && !/recevoir ce rendez-vous par SMS/.test(said)) { r.ok = true; return r; } // a relative's booking: the caller hangs up
    const a = voiceAnswer(said, p, i, used);
    if ('error' in a) { r.error = a.error; return r; }
    if (a.speech) r.speechGathers += 1;
    extra = a.speech ? { SpeechResult: a.speech, Confidence: '0.92' } : { Digits: a.digits! };
  }
  r.error = 'too many turns';
  return r;
}

const DIGIT_WORDS: Record<string, string> = { zéro: '0', un: '1', deux: '2', trois: '3', quatre: '4', cinq: '5', six: '6', sept: '7', huit: '8', neuf: '9' };

/** The reference code as the call spelled it ("K comme Kilo, sept, …, tiret, …"), read back. */
function spokenRef(said: readonly string[]): string | undefined {
  const m = /numéro ((?:(?:[A-Z] comme [A-Za-zéèô]+|zéro|un|deux|trois|quatre|cinq|six|sept|huit|neuf|tiret)(?:, |\.| ))+)/.exec(said.join(' '));
  if (!m) return undefined;
  const code = m[1].split(/, |\. ?/).map((p) => p.trim()).filter(Boolean).map((p) => (p === 'tiret' ? '-' : DIGIT_WORDS[p] ?? p[0])).join('');
  return /^[2-9A-Z]{3}-[2-9A-Z]{3}$/.test(code) ? code : undefined;
}

/** The estimated length of a call: what the bot said, read aloud, plus the caller's answers. */
const callSeconds = (c: CallResult) => c.spokenChars / TTS_CHARS_PER_S + (c.turns - 1) * ANSWER_S;

export async function runVoice(o: { server: ServerUnderTest; calls: number; concurrency: number }): Promise<Section> {
  const results: CallResult[] = [];
  let next = 0;
  const t0 = performance.now();
  const cpu0 = await o.server.stats();
  await Promise.all(Array.from({ length: Math.min(o.concurrency, o.calls) }, async () => {
    while (next < o.calls) {
      const i = next++;
      const p = loadPersona(i + 7_000);
      results.push(await playCall(o.server.base, { ...p, place: [p.place[0]] }, i));
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = await o.server.stats();
  const ok = results.filter((r) => r.ok);
  const turns = results.reduce((n, r) => n + r.turns, 0);
  const lat = summarise(results.flatMap((r) => r.latencies));
  const cpuMsPerTurn = ((cpu1.cpuUserUs + cpu1.cpuSystemUs) - (cpu0.cpuUserUs + cpu0.cpuSystemUs)) / 1000 / turns;
  const minutes = median(ok.map(callSeconds)) / 60;
  for (const r of results.filter((x) => !x.ok).slice(0, 3)) log(`voice call failed: ${r.error}`);
  log(`voice: ${ok.length}/${results.length} calls booked, ${fmt(turns / seconds, 0)} turns/s, p95 ${fmt(lat.p95, 0)} ms`);
  return {
    title: `10. Voice: whole bookings by phone call through signed /api/voice (TwiML <Gather>), ${o.concurrency} calls at a time`,
    header: ['calls', 'booked', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'server CPU ms/turn', 'turns per call (median)', 'call length (median, estimated)'],
    rows: [[String(results.length), String(ok.length), String(turns), fmt(turns / seconds, 0), fmt(lat.p50, 1), fmt(lat.p95, 1), fmt(lat.p99, 1), fmt(cpuMsPerTurn, 2), String(median(ok.map((r) => r.turns))), `${fmt(minutes, 1)} min`]],
    bars: [
      { what: 'voice calls that end booked', value: `${ok.length}/${results.length}`, bar: 'all', met: ok.length === results.length },
      { what: 'voice turns/s', value: fmt(turns / seconds, 0), bar: 'for information', met: null },
      { what: 'voice turn p95 latency', value: `${fmt(lat.p95, 0)} ms`, bar: '< 1,000 ms (a pause a caller hears)', met: lat.p95 < 1000 },
    ],
    notes: [
      'Each call: the greeting (a request without speech), one request per answer (SpeechResult in French, or Digits for a numbered choice, as Twilio posts a <Gather> result), the SMS offer answered "oui", and the hang-up. Places, days and names vary per call (bench/lib/driver.ts loadPersona), a random one of the numbered proposals is taken.',
      `Call length is estimated: the characters of every <Say> read at ${TTS_CHARS_PER_S} characters/s, plus ${ANSWER_S} s per answer (speaking, then the end-of-speech wait of speechTimeout="auto"). The recogniser's own time and Twilio's network are not in the latency figures (loopback only).`,
    ],
  };
}

/** Counts the segments of messages accepted by a stand-in to one number since an index, once the confirmation is among them. */
async function settle(list: () => { to: string; body: string }[], to: string, start: number, want: RegExp | null): Promise<{ messages: number; segments: number; confirmed: boolean }> {
  const end = Date.now() + 10_000;
  let confirmed = want === null;
  while (Date.now() < end && !confirmed) {
    confirmed = list().slice(start).some((m) => m.to === to && want!.test(m.body));
    if (!confirmed) await sleep(25);
  }
  await sleep(200); // stragglers
  const mine = list().slice(start).filter((m) => m.to === to);
  return { messages: mine.length, segments: mine.reduce((n, m) => n + segments(m.body), 0), confirmed };
}

interface ChannelCost { channel: string; bookings: number; cost: number[]; detail: string[] }

export async function runChannelCosts(o: { sms: ServerUnderTest; smsFactor: ServerUnderTest; smsFactorSecret: string; twilio: TwilioStandin; sf: SmsFactorStandin }): Promise<Section> {
  const personas = SMS_COST_PERSONAS.slice(0, 3);
  const twilioList = () => o.twilio.messages.map((m) => ({ to: m.to, body: m.body }));
  const sfList = () => o.sf.messages.map((m) => ({ to: m.to, body: m.text }));
  const confirm = async (server: ServerUnderTest, ref: string) => {
    const c = await server.request<{ result?: { ok: boolean } }>({ cmd: 'confirm', ref });
    return Boolean(c.result?.ok);
  };
  const rows: ChannelCost[] = [];

  // SMS through Twilio: the person's SMS in, TwiML replies and REST notices out.
  {
    const r: ChannelCost = { channel: 'SMS (Twilio)', bookings: 0, cost: [], detail: [] };
    for (const persona of personas) {
      const from = randomMobile();
      const start = o.twilio.messages.length;
      const conv = new Conversation(persona);
      let replies: string[] | null = null; let inSeg = 0, outSeg = 0, ref = '';
      for (let t = 0; t < 25; t++) {
        const step = conv.next(replies);
        if (!('say' in step)) { if ('done' in step) ref = step.ref; break; }
        inSeg += segments(step.say);
        const res = await saySms(o.sms.base, from, step.say);
        replies = res.texts;
        outSeg += res.texts.reduce((n, b) => n + segments(b), 0);
      }
      if (!ref || !(await confirm(o.sms, ref))) continue;
      const rest = await settle(twilioList, persona.phone ? `+33${persona.phone.replace(/\D/g, '').slice(1)}` : from, start, CONFIRMATION);
      if (!rest.confirmed) continue;
      r.bookings += 1;
      r.cost.push((outSeg + rest.segments) * PRICES.twilioSmsOut + inSeg * PRICES.twilioSmsIn);
      r.detail.push(`${inSeg} in / ${outSeg + rest.segments} out`);
    }
    rows.push(r);
  }

  // SMS through SMSFactor: replies to the MO webhook go out through SMSFactor's REST API.
  {
    const r: ChannelCost = { channel: 'SMS (SMSFactor)', bookings: 0, cost: [], detail: [] };
    for (const persona of personas.filter((p) => !p.phone)) {
      const from = randomMobile();
      const start = o.sf.messages.length;
      const conv = new Conversation(persona);
      let replies: string[] | null = null; let inSeg = 0, ref = '';
      for (let t = 0; t < 25; t++) {
        const step = conv.next(replies);
        if (!('say' in step)) { if ('done' in step) ref = step.ref; break; }
        inSeg += segments(step.say);
        const before = o.sf.messages.length;
        await saySmsFactor(o.smsFactor.base, o.smsFactorSecret, from, step.say);
        const end = Date.now() + 10_000;
        while (Date.now() < end && !o.sf.messages.slice(before).some((m) => m.to === from)) await sleep(5);
        await sleep(60); // a turn's second message, if any
        replies = o.sf.messages.slice(before).filter((m) => m.to === from).map((m) => m.text);
      }
      if (!ref || !(await confirm(o.smsFactor, ref))) continue;
      const all = await settle(sfList, from, start, CONFIRMATION);
      if (!all.confirmed) continue;
      r.bookings += 1;
      r.cost.push(all.segments * PRICES.smsFactorOut + inSeg * PRICES.smsFactorIn);
      r.detail.push(`${inSeg} in / ${all.segments} out`);
    }
    rows.push(r);
  }

  // A phone call: its minutes, its speech recognitions, then the SMS after the call and the confirmation.
  {
    const r: ChannelCost = { channel: 'Phone call (Twilio Voice)', bookings: 0, cost: [], detail: [] };
    // Callers booking for themselves (openings 0 and 1): the SMS after the call goes to them.
    for (const i of [0, 1, 3]) {
      const start = o.twilio.messages.length;
      const call = await playCall(o.sms.base, { ...loadPersona(i * 3), place: ['Rezé'] }, i);
      if (!call.ok) { log(`voice cost: ${call.error}`); continue; }
      // The booking of this call, by the code the call spelled.
      const sent = await settle(twilioList, call.from, start, null);
      const ref = spokenRef(call.said);
      if (!ref) log('voice cost: no reference code heard');
      let smsSeg = sent.segments;
      if (ref && (await confirm(o.sms, ref))) smsSeg = (await settle(twilioList, call.from, start, CONFIRMATION)).segments;
      if (!smsSeg) log(`voice cost: no SMS for ${ref ?? 'no code'}: ${call.said.slice(-2).join(' / ').slice(0, 300)}`);
      const minutes = Math.ceil(callSeconds(call) / 60);
      r.bookings += 1;
      r.cost.push(minutes * PRICES.callMinute + call.speechGathers * PRICES.speechGather + smsSeg * PRICES.twilioSmsOut);
      r.detail.push(`${minutes} min, ${call.speechGathers} speech answers, ${smsSeg} SMS segments`);
    }
    rows.push(r);
  }

  // The web chat: free to talk; the SMS notices (request, confirmation) to the beneficiary's phone.
  {
    const r: ChannelCost = { channel: 'Web chat', bookings: 0, cost: [], detail: [] };
    for (const base of personas) {
      const persona: Persona = { ...base, phone: base.phone ?? `0${randomMobile().slice(3)}` };
      const to = `+33${persona.phone!.replace(/\D/g, '').slice(1)}`;
      const start = o.twilio.messages.length;
      const conv = new Conversation(persona);
      const id = `bench-cost-${crypto.randomBytes(6).toString('hex')}`;
      let replies: string[] | null = null; let ref = '';
      for (let t = 0; t < 25; t++) {
        const step = conv.next(replies);
        if (!('say' in step)) { if ('done' in step) ref = step.ref; break; }
        replies = (await sayWeb(o.sms.base, id, step.say)).texts;
      }
      if (!ref || !(await confirm(o.sms, ref))) continue;
      const rest = await settle(twilioList, to, start, CONFIRMATION);
      if (!rest.confirmed) continue;
      r.bookings += 1;
      r.cost.push(rest.segments * PRICES.twilioSmsOut);
      r.detail.push(`${rest.segments} SMS segments`);
    }
    rows.push(r);
  }

  for (const r of rows) log(`cost ${r.channel}: ${r.bookings} bookings, median ${euros(median(r.cost))}`);
  return {
    title: '11. Cost per booking per channel (every billed SMS segment and call minute, until the confirmation has arrived)',
    header: ['channel', 'bookings measured', 'what is billed (each booking)', 'cost per booking (median)', 'per 1,000 bookings'],
    rows: rows.map((r) => [r.channel, String(r.bookings), r.detail.join('; '), r.bookings ? euros(median(r.cost)) : '—', r.bookings ? euros(median(r.cost) * 1000, 0) : '—']),
    bars: [
      ...rows.map((r) => ({ what: `cost per booking, ${r.channel}`, value: r.bookings ? euros(median(r.cost)) : 'not measured', bar: 'for information', met: r.bookings > 0 ? null : false })),
    ],
    notes: [
      `Prices (orders of magnitude of French rates, not quotes; bench/items/voice.ts PRICES): Twilio SMS ${euros(PRICES.twilioSmsOut)} per outbound segment (TwiML replies included) and ${euros(PRICES.twilioSmsIn)} per inbound one; SMSFactor ${euros(PRICES.smsFactorOut)} per outbound segment, replies included with a two-way number; a call ${euros(PRICES.callMinute)} per started minute (length estimated as in item 10) plus ${euros(PRICES.speechGather)} per answer recognised from speech (keys are free). The web chat costs only its SMS notices (the request and the confirmation to the beneficiary's phone).`,
      'Conversations: the first three scripted personas of item 5 (SMS, web), three varied callers (voice); the SMSFactor row skips the relative persona (its beneficiary\'s notices go through the same SMSFactor account). Numbers\' monthly rental (a 09 37–09 39 number, a short code) is not per booking and not counted.',
    ],
  };
}
