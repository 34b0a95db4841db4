// Item 5: SMS segments sent per complete booking by SMS — the TwiML replies of the
// conversation, plus every SMS the booking causes through the (stand-in) Twilio REST API until
// the coordinator's confirmation has arrived (for a relative's booking, the beneficiary's
// "a relative asked for you" notice at booking time, then the confirmation) — over scripted
// conversations, and what they cost.
import type { ServerUnderTest } from '../lib/proc';
import { saySms } from '../lib/client';
import { Conversation, SMS_COST_PERSONAS, randomMobile } from '../lib/driver';
import { isGsm7, segments } from '../../src/sms-text/gsm7';
import type { TwilioStandin } from '../../test/support/twilio-standin';
import { median } from '../lib/stats';
import { log, type Section } from '../lib/report';

/**
 * Price of one outbound SMS segment, in euros: a French A2P (application-to-person) SMS costs
 * in the order of 0.05 to 0.10 € per segment at the usual providers; 0.075 € is the middle of
 * that range, a figure to scale by, not a quote.
 */
export const EUR_PER_SEGMENT = 0.075;

const euros = (n: number, digits = 3): string => `${n.toFixed(digits).replace('.', ',')} €`;
/** The confirmation, told to the beneficiary once the coordinator confirms. */
const CONFIRMATION = /RDV confirm[ée]/;

export async function runSmsCost(o: { server: ServerUnderTest; twilio: TwilioStandin }): Promise<Section> {
  const server = o.server;
  {
    const rows: string[][] = [];
    const totals: number[] = [];
    let ucs2 = 0, failures = 0;
    for (const persona of SMS_COST_PERSONAS) {
      const from = randomMobile();
      // Every REST SMS from here on is this booking's (the conversations run one after another).
      const restStart = o.twilio.messages.length;
      const conv = new Conversation(persona);
      let replies: string[] | null = null;
      let inbound = 0, twimlMessages = 0, twimlSegments = 0, ref = '';
      const sent: string[] = [];
      for (let t = 0; t < 25; t++) {
        const step = conv.next(replies);
        if ('error' in step) { log(`sms cost ${persona.label}: ${step.error}`); failures += 1; break; }
        if ('done' in step) { ref = step.ref; break; }
        const r = await saySms(server.base, from, step.say);
        inbound += 1;
        replies = r.texts;
        twimlMessages += r.texts.length;
        twimlSegments += r.texts.reduce((n, b) => n + segments(b), 0);
        sent.push(...r.texts);
      }
      // A coordinator confirms: the confirmation SMS goes to the beneficiary's phone via the REST
      // API. Counted: every REST SMS since the conversation began, once the confirmation is in.
      let restSegments = 0, restMessages = 0;
      if (ref) {
        const c = await server.request<{ result?: { ok: boolean }; error?: string }>({ cmd: 'confirm', ref });
        if (!c.result?.ok) { log(`confirm ${ref}: ${JSON.stringify(c)}`); failures += 1; }
        else if (!(await confirmationArrived(o.twilio, restStart))) { log(`sms cost ${persona.label}: no confirmation SMS`); failures += 1; }
        for (const m of o.twilio.messages.slice(restStart)) { restMessages += 1; restSegments += segments(m.body); sent.push(m.body); }
      } else failures += 1;
      ucs2 += sent.filter((m) => !isGsm7(m)).length;
      const total = twimlSegments + restSegments;
      totals.push(total);
      rows.push([persona.label, String(inbound), `${twimlMessages} / ${twimlSegments}`, `${restMessages} / ${restSegments}`, String(total), euros(total * EUR_PER_SEGMENT), String(sent.filter((m) => !isGsm7(m)).length), ref || 'NOT BOOKED']);
    }
    const med = median(totals);
    const worst = Math.max(...totals);
    log(`sms cost: median ${med}, worst ${worst}, UCS-2 ${ucs2}, failures ${failures}`);
    return {
      title: '5. SMS cost: outbound segments per complete booking by SMS',
      header: ['conversation', 'inbound SMS', 'TwiML replies: messages / segments', 'notices (REST): messages / segments', 'outbound segments', `cost at ${euros(EUR_PER_SEGMENT)}/segment`, 'UCS-2 messages', 'reference'],
      rows,
      bars: [
        { what: 'median outbound segments per booking', value: `${med} (worst ${worst})`, bar: '≤ 8', met: med <= 8 && failures === 0 },
        { what: 'UCS-2 messages', value: String(ucs2), bar: '0', met: ucs2 === 0 },
        { what: `cost per booking (median, ${euros(EUR_PER_SEGMENT)} per segment)`, value: `${euros(med * EUR_PER_SEGMENT)}; ${euros(med * EUR_PER_SEGMENT * 1000, 0)} per 1,000 bookings`, bar: `≤ ${euros(8 * EUR_PER_SEGMENT)} (8 segments)`, met: med <= 8 && failures === 0 },
      ],
      notes: [
        'Segments counted with src/sms-text/gsm7.ts `segments` (GSM-7: 160, or 153 per part; UCS-2: 70/67). REST: every SMS the booking caused through the local Twilio REST stand-in until the coordinator\'s confirmation had arrived (a relative\'s booking: the beneficiary\'s request notice at booking time, then the confirmation). Reminders (the day before) are not counted.',
        `Cost: ${euros(EUR_PER_SEGMENT)} per outbound segment (EUR_PER_SEGMENT, an order of magnitude of French A2P SMS prices, not a quote): median ${euros(med * EUR_PER_SEGMENT)} per booking, worst ${euros(worst * EUR_PER_SEGMENT)}; ${euros(med * EUR_PER_SEGMENT * 1000, 0)} per 1,000 bookings at the median. Inbound SMS (the person's own) are paid by the person at their plan's rate, not counted.`,
      ],
    };
  }
}

/** Waits until a confirmation SMS is among the REST messages since `start` (10 s at most), then lets stragglers in. */
async function confirmationArrived(twilio: TwilioStandin, start: number): Promise<boolean> {
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    if (twilio.messages.slice(start).some((m) => CONFIRMATION.test(m.body))) {
      await new Promise((r) => setTimeout(r, 200));
      return true;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}
