// Composing and sending the notices: texts per event and mode, GSM-7 and length, consent,
// opt-out, the web conversation, and idempotency per (event, booking, slot).
import { loadCatalog } from '../../src/booking/catalog';
import { newBooking } from '../../src/booking/lifecycle';
import type { Booking } from '../../src/booking/model';
import { generateSlots } from '../../src/booking/slots';
import { isGsm7, toGsm7 } from '../../src/channels/gsm7';
import { silentLogger } from '../../src/log';
import { composeNotice, DECLINE_REASONS, NOTICE_EVENTS, sendNotice } from '../../src/notices';
import { MemoryStore } from '../../src/store/memory';

const catalog = loadCatalog();
const slots = generateSlots(catalog, { now: new Date('2026-11-25T09:00:00Z') });

function booking(over: Partial<Booking> = {}, slotIndex = 0): Booking {
  return { ...newBooking({ slot: slots[slotIndex], topic: 'caf', beneficiary: { name: 'Jeanne Martin', phone: '+33612345678' }, requestedBy: 'self', channel: 'sms', now: 0 }), ...over };
}

describe('composeNotice', () => {
  it('says the example sentence for a confirmed site appointment', () => {
    const sh = slots.find((s) => s.siteId === 'saint-herblain-ccas' && s.start === '2026-12-01T10:30');
    if (!sh) throw new Error('fixture: no slot on Tuesday 1 December 10:30 at the CCAS de Saint-Herblain');
    const b = booking({ ...sh, slotId: sh.id } as Partial<Booking>);
    expect(composeNotice(b, 'confirmed', catalog).sms).toBe('RDV confirmé mar. 1er déc. 10 h 30, CCAS de Saint-Herblain. Pour annuler, répondez ANNULER.');
  });

  it('every SMS is GSM-7 once rendered and fits one segment for the fixed reasons', () => {
    for (const [i, s] of slots.slice(0, 60).entries()) {
      for (const mode of ['site', 'home'] as const) {
        for (const event of NOTICE_EVENTS) {
          const reasons = event === 'declined' ? DECLINE_REASONS : [undefined];
          for (const reason of reasons) {
            const b = booking({ ...s, slotId: s.id, mode, commune: { insee: '44162', name: 'Saint-Herblain' }, declineReason: reason } as Partial<Booking>, i);
            const sms = toGsm7(composeNotice(b, event, catalog).sms);
            expect(isGsm7(sms)).toBe(true);
            expect({ event, mode, reason, sms, length: sms.length <= 160 }).toMatchObject({ length: true });
          }
        }
      }
    }
  });

  it('home visits: approximate time and the volunteer\'s first name, no site name', () => {
    const b = booking({ mode: 'home', commune: { insee: '44109', name: 'Nantes' } });
    const first = catalog.volunteers.get(b.volunteerId)!.firstName;
    const { sms, web } = composeNotice(b, 'confirmed', catalog);
    expect(sms).toContain(' vers ');
    expect(sms).toContain(`avec ${first}`);
    expect(sms).not.toContain(catalog.sites.get(b.siteId)!.name);
    expect(web).toContain(first);
  });
});

describe('sendNotice', () => {
  function deps() {
    const store = new MemoryStore();
    const sent: Array<{ to: string; body: string; key?: string }> = [];
    const posted: Array<{ id: string; text?: string }> = [];
    return {
      store, sent, posted,
      d: {
        store, catalog, logger: silentLogger,
        outbound: { send: async (to: string, body: string, meta?: { key?: string }) => { sent.push({ to, body, key: meta?.key }); } },
        postToConversation: async (id: string, a: { text?: string }) => { posted.push({ id, text: a.text }); return 'x'; },
      },
    };
  }

  it('web widget bookings also get a message in their conversation, once', async () => {
    const { d, sent, posted, store } = deps();
    const b = booking({ channel: 'webchat', conversationId: 'conv-1', requestedBy: 'relative' });
    expect(await sendNotice(d, b, 'confirmed')).toEqual({ sms: 'queued', web: 'posted' });
    expect(await sendNotice(d, b, 'confirmed')).toEqual({ sms: 'queued', web: 'already' });
    expect(posted).toEqual([{ id: 'conv-1', text: expect.stringMatching(/^Bonne nouvelle : le rendez-vous du .* est confirmé/) }]);
    // Both SMS carry one idempotency key: the queue keeps one.
    expect(new Set(sent.map((s) => s.key)).size).toBe(1);
    await store.close();
  });

  it('no SMS without consent or after STOP; the web message still goes', async () => {
    const { d, sent, posted, store } = deps();
    expect(await sendNotice(d, booking({ smsConsent: false, channel: 'webchat', conversationId: 'c2' }), 'declined')).toEqual({ sms: 'no-consent', web: 'posted' });
    await store.setOptOut('+33612345678', true);
    expect(await sendNotice(d, booking(), 'reminder')).toEqual({ sms: 'opted-out', web: 'not-web' });
    expect(sent).toEqual([]);
    expect(posted).toHaveLength(1);
    await store.close();
  });

  it('a closed conversation does not stop the SMS', async () => {
    const { d, sent, store } = deps();
    const failing = { ...d, postToConversation: async () => { throw new Error('gone'); } };
    expect(await sendNotice(failing, booking({ channel: 'directline', conversationId: 'c3' }), 'moved')).toEqual({ sms: 'queued', web: 'failed' });
    expect(sent).toHaveLength(1);
    await store.close();
  });
});
