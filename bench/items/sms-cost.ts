// Item 5: SMS segments sent per complete booking by SMS — the TwiML replies of the
// conversation, plus the coordinator's confirmation SMS sent through the (stand-in) Twilio
// REST API — over scripted conversations.
import type { ServerUnderTest } from '../lib/proc';
import { saySms } from '../lib/client';
import { Conversation, SMS_COST_PERSONAS, randomMobile } from '../lib/driver';
import { isGsm7, segments } from '../../src/channels/gsm7';
import type { TwilioStandin } from '../../test/support/twilio-standin';
import { median } from '../lib/stats';
import { log, type Section } from '../lib/report';

export async function runSmsCost(o: { server: ServerUnderTest; twilio: TwilioStandin }): Promise<Section> {
  const server = o.server;
  {
    const rows: string[][] = [];
    const totals: number[] = [];
    let ucs2 = 0, failures = 0;
    for (const persona of SMS_COST_PERSONAS) {
      const from = randomMobile();
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
      // A coordinator confirms: the confirmation SMS goes to the beneficiary's phone via the REST API.
      let restSegments = 0, restMessages = 0;
      if (ref) {
        const before = o.twilio.messages.length;
        const c = await server.request<{ result?: { ok: boolean }; error?: string }>({ cmd: 'confirm', ref });
        if (!c.result?.ok) { log(`confirm ${ref}: ${JSON.stringify(c)}`); failures += 1; }
        else await o.twilio.waitForMessages(before + 1, 10_000).catch(() => { failures += 1; });
        for (const m of o.twilio.messages.slice(before)) { restMessages += 1; restSegments += segments(m.body); sent.push(m.body); }
      } else failures += 1;
      ucs2 += sent.filter((m) => !isGsm7(m)).length;
      const total = twimlSegments + restSegments;
      totals.push(total);
      rows.push([persona.label, String(inbound), `${twimlMessages} / ${twimlSegments}`, `${restMessages} / ${restSegments}`, String(total), String(sent.filter((m) => !isGsm7(m)).length), ref || 'NOT BOOKED']);
    }
    const med = median(totals);
    const worst = Math.max(...totals);
    log(`sms cost: median ${med}, worst ${worst}, UCS-2 ${ucs2}, failures ${failures}`);
    return {
      title: '5. SMS cost: outbound segments per complete booking by SMS',
      header: ['conversation', 'inbound SMS', 'TwiML replies: messages / segments', 'confirmation (REST): messages / segments', 'outbound segments', 'UCS-2 messages', 'reference'],
      rows,
      bars: [
        { what: 'median outbound segments per booking', value: `${med} (worst ${worst})`, bar: '≤ 8', met: med <= 8 && failures === 0 },
        { what: 'UCS-2 messages', value: String(ucs2), bar: '0', met: ucs2 === 0 },
      ],
      notes: ['Segments counted with src/channels/gsm7.ts `segments` (GSM-7: 160, or 153 per part; UCS-2: 70/67); the confirmation SMS is the one a coordinator\'s confirmation sends, captured by the local Twilio REST stand-in. Reminders (the day before) are not counted.'],
    };
  }
}
