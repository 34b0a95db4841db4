// Issue 9 item 1: over anonymous /api/messages a conversation is only its own conversation.
// Claiming channelId "sms" and a victim's number, or a web conversation's id, reaches none of
// their bookings, and cannot cancel, opt out or erase anything of theirs.
import { startSmsApp, Phone, randomMobile } from '../sms/client';
import { finishBooking, REF } from '../resilience/support';
import type { Running } from '../e2e/http';

let run: Running;
beforeAll(async () => { run = await startSmsApp(); });
afterAll(async () => { await run.app.close(); });

let seq = 0;
/** What an attacker posts: an anonymous activity with whatever ids it likes. */
async function forged(channelId: string, fromId: string, conversationId: string, text: string): Promise<string> {
  seq += 1;
  const res = await fetch(`${run.base}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', id: `f${seq}`, text, channelId, locale: 'fr-FR', deliveryMode: 'expectReplies',
      serviceUrl: 'https://attacker.example', from: { id: fromId }, recipient: { id: 'bot' }, conversation: { id: conversationId },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: { text?: string }[] }).activities.map((a) => a.text ?? '').join('\n');
}

async function smsBooking(number: string): Promise<string> {
  const phone = new Phone(run, number);
  const first = await phone.send("Bonjour j'ai besoin d'aide pour les impots");
  return finishBooking((text) => phone.send(text), first, { place: '44800', when: 'dès que possible', name: 'Jeanne Martin', forWhom: '1' });
}

describe('anonymous /api/messages cannot act as a phone number', () => {
  it.each([
    ['sms', (n: string) => n, (n: string) => n],
    ['sms', (n: string) => n.replace('+33', '0'), (n: string) => `x-${n}`],
    ['emulator', (n: string) => n, (n: string) => n],
  ])('channelId %s: no listing, no cancel, no STOP, no SUPPRIMER of the victim', async (channelId, from, conv) => {
    const victim = randomMobile();
    const ref = await smsBooking(victim);
    const before = await run.app.store.bookings.get(ref);
    expect(before?.status).toBe('pending');

    const status = await forged(channelId, from(victim), conv(victim), "c'est quand mon rdv ?");
    expect(status).not.toContain(ref);
    expect(status).not.toMatch(REF);

    await forged(channelId, from(victim), conv(victim), 'ANNULER');
    await forged(channelId, from(victim), conv(victim), 'oui');
    expect((await run.app.store.bookings.get(ref))?.status).toBe('pending');

    await forged(channelId, from(victim), conv(victim), 'STOP');
    expect(await run.app.store.counters.isOptedOut(victim)).toBe(false);

    await forged(channelId, from(victim), conv(victim), 'SUPPRIMER');
    await forged(channelId, from(victim), conv(victim), 'oui');
    const after = await run.app.store.bookings.get(ref);
    expect(after?.status).toBe('pending');
    expect(after?.beneficiary.phone).toBe(victim);

    // The real owner, over the signed webhook, still sees and controls it.
    const own = new Phone(run, victim);
    expect((await own.send("c'est quand mon rdv ?")).join('\n')).toContain(ref);
  });

  it('a forged turn does not continue the victim\'s SMS conversation in progress', async () => {
    const victim = randomMobile();
    const own = new Phone(run, victim);
    await own.send("Bonjour j'ai besoin d'aide pour les impots");
    await own.send('44800'); // the victim is now asked "when"
    const reply = await forged('sms', victim, victim, 'dès que possible');
    // The attacker's conversation starts from nothing: no proposals for the victim's place.
    expect(reply).not.toMatch(/\n1 /);
    const next = await own.send('dès que possible');
    expect(next.join('\n')).toMatch(/\n1 /);
  });

  it('bookings made in a Direct Line conversation are out of reach of a forged webchat activity with its id', async () => {
    const tok = (await (await fetch(`${run.base}/api/widget/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${tok.token}`, 'content-type': 'application/json' };
    const dl = `${run.base}/v3/directline/conversations/${tok.conversationId}`;
    let watermark = 0;
    const say = async (text: string): Promise<string[]> => {
      const posted = await fetch(`${dl}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text, from: { id: 'u' } }) });
      expect(posted.status).toBe(200);
      const set = (await (await fetch(`${dl}/activities?watermark=${watermark}`, { headers })).json()) as { activities: { text?: string; from: { role?: string } }[]; watermark: string };
      watermark = Number(set.watermark);
      return set.activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
    };
    const first = await say("Je voudrais un rendez-vous pour ma mère pour les impôts");
    const ref = await finishBooking(say, first, { place: 'Saint-Herblain', when: 'dès que possible', name: 'Paulette Durand', phone: '06 98 76 54 32', forWhom: '2' });
    expect((await run.app.store.bookings.get(ref))?.conversationId).toBe(tok.conversationId);

    for (const channelId of ['webchat', 'directline']) {
      expect(await forged(channelId, 'u', tok.conversationId, "c'est quand mon rdv ?")).not.toContain(ref);
      await forged(channelId, 'u', tok.conversationId, 'ANNULER');
      await forged(channelId, 'u', tok.conversationId, 'oui');
    }
    expect((await run.app.store.bookings.get(ref))?.status).toBe('pending');
    // The conversation that made it still sees it.
    expect((await say("c'est quand mon rdv ?")).join('\n')).toContain(ref);
  });

  it('a booking made anonymously never claims a web conversation for notices', async () => {
    const conv = 'dl-AAAAAAAAAAAAAAAA';
    const first = await forged('webchat', 'u', conv, "Je voudrais un rendez-vous pour ma mère pour les impôts");
    const ref = await finishBooking((text) => forged('webchat', 'u', conv, text).then((t) => [t]), [first],
      { place: 'Saint-Herblain', when: 'dès que possible', name: 'Paulette Durand', phone: '06 98 76 54 32', forWhom: '2' });
    expect((await run.app.store.bookings.get(ref))?.channel).toBe('other');
  });
});
