// Issue 21 item 2: one notifier decides, for every notice, erased data, consent, STOP, the
// conversation that already said it, the web conversation (once) and the calendar offer.
import { newBooking } from '../../src/booking/lifecycle';
import type { Booking } from '../../src/booking/model';
import { generateSlots } from '../../src/booking/slots';
import { silentLogger } from '../../src/log';
import { EarlierSlotOffer } from '../../src/notices/earlier-notice';
import { Confirmed, Declined } from '../../src/notices/booking-notices';
import { Notifier } from '../../src/notices/notifier';
import { SeatBooked, WaitlistNotice } from '../../src/notices/workshop-notices';
import { anonymise } from '../../src/booking/erasure';
import { MemoryStore } from '../../src/store/memory';
import { testCatalogue, NOW } from '../dialogs/harness';
import type { WaitEntry, Workshop } from '../../src/booking/workshop';

const catalogue = testCatalogue();
const slot = generateSlots(catalogue, { now: NOW })[0];
const booking = (over: Partial<Booking> = {}): Booking => ({
  ...newBooking({ slot, topic: 'caf', beneficiary: { name: 'Jeanne Martin', phone: '+33612345678' }, requestedBy: 'self', channel: 'sms', now: NOW }),
  ref: 'ABC-123', status: 'confirmed', smsConsent: true, ...over,
});
const workshop: Workshop = {
  id: '44-abcdefgh', territory: '44', siteId: slot.siteId, topic: 'ordinateur', title: 'Tablette', start: slot.start, startsAt: slot.startsAt,
  durationMinutes: 90, seats: 8, volunteerIds: [], status: 'scheduled', createdAt: 0, updatedAt: 0,
};

function world() {
  const store = new MemoryStore();
  const sent: Array<{ to: string; body: string; key?: string }> = [];
  const said: Array<{ id: string; text: string }> = [];
  const calendars: string[] = [];
  const notifier = new Notifier({
    counters: store.counters, logger: silentLogger,
    outbound: { send: async (to, body, meta) => { sent.push({ to, body, key: meta?.key }); } },
    web: { say: async (id, text) => { said.push({ id, text }); }, offerCalendar: async (b) => { calendars.push(b.ref); } },
  });
  return { store, sent, said, calendars, notifier };
}

describe('Notifier', () => {
  it('an earlier-slot offer is not sent for a booking whose data was erased (it used to be)', async () => {
    const w = world();
    const erased = anonymise(booking(), NOW.getTime());
    expect(await w.notifier.send(new EarlierSlotOffer(erased, '+33612345678', 'Un RDV plus tôt...', slot.id))).toEqual({ sms: 'erased', web: 'not-web' });
    expect(await w.notifier.send(new EarlierSlotOffer(booking(), '+33612345678', 'Un RDV plus tôt...', slot.id))).toEqual({ sms: 'queued', web: 'not-web' });
    expect(w.sent).toEqual([{ to: '+33612345678', body: 'Un RDV plus tôt...', key: `earlier:ABC-123:${slot.id}` }]);
    await w.store.close();
  });

  it('the same rules for a seat and a waiting-list entry as for an appointment: erased, consent, STOP', async () => {
    const w = world();
    const seat = booking({ kind: 'workshop', workshopId: workshop.id, requestedBy: 'relative', channel: 'webchat', conversationId: 'conv-1' });
    expect(await w.notifier.send(new SeatBooked(anonymise(seat, NOW.getTime()), workshop, catalogue))).toMatchObject({ sms: 'erased' });
    expect(await w.notifier.send(new SeatBooked(booking({ kind: 'workshop', workshopId: workshop.id }), workshop, catalogue))).toEqual({ sms: 'not-needed', web: 'not-web' });
    const entry: WaitEntry = { id: 'e1', name: 'Paul Roy', phone: '+33698765432', requestedBy: 'self', channel: 'sms', smsConsent: true, since: 0 };
    await w.store.counters.setOptOut(entry.phone, true);
    expect(await w.notifier.send(new WaitlistNotice(entry, workshop, 'offer', catalogue, { hours: '12' }))).toEqual({ sms: 'opted-out', web: 'not-web' });
    expect(await w.notifier.send(new WaitlistNotice({ ...entry, smsConsent: false }, workshop, 'offer', catalogue, { hours: '12' }))).toMatchObject({ sms: 'no-consent' });
    expect(w.sent).toEqual([]);
    await w.store.close();
  });

  it('the web conversation once per notice, and the calendar offer only after a confirmation', async () => {
    const w = world();
    const web = booking({ channel: 'webchat', conversationId: 'conv-2', requestedBy: 'relative' });
    expect(await w.notifier.send(new Confirmed(web, catalogue))).toEqual({ sms: 'queued', web: 'posted' });
    expect(await w.notifier.send(new Confirmed(web, catalogue))).toEqual({ sms: 'queued', web: 'already' });
    expect(await w.notifier.send(new Declined({ ...web, status: 'declined' }, catalogue))).toEqual({ sms: 'queued', web: 'posted' });
    expect(w.said.map((m) => m.id)).toEqual(['conv-2', 'conv-2']);
    expect(w.calendars).toEqual(['ABC-123']);
    await w.store.close();
  });
});
