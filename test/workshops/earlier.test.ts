// "Tell me if something earlier frees up": asked by SMS after booking; a slot freed later is
// held and offered (at most 3 offers, none in the last 2 days); OUI moves the booking.
import { newBooking } from '../../src/booking/lifecycle';
import type { Booking, Slot } from '../../src/booking/model';
import { generateSlots } from '../../src/booking/slots';
import { EarlierService } from '../../src/earlier/service';
import { silentLogger } from '../../src/log';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import { makeChat, NOW, PHONE, testCatalogue } from '../dialogs/harness';
import { WorkshopService } from '../../src/workshop-service';
import type { Account } from '../../src/coordinator/accounts';

const joined = (r: string[]) => r.join('\n');

function world() {
  const store: Store = new MemoryStore();
  const clock = { now: NOW };
  const sent: Array<{ to: string; body: string }> = [];
  const make = (s: Store, now: () => Date) => new EarlierService({
    store: s, catalogue: testCatalogue(), logger: silentLogger, now, offerHours: 12,
    outbound: { send: async (to, body) => { sent.push({ to, body }); } },
  });
  const service = make(store, () => clock.now);
  const chat = makeChat({ channel: 'sms', from: PHONE, store, clock, earlier: make });
  async function book(slot: Slot, phone: string): Promise<Booking> {
    const h = await store.bookings.hold(slot, 60_000);
    if (!h.ok) throw new Error('taken');
    const c = await store.bookings.commit(newBooking({ slot, topic: 'caf', beneficiary: { name: 'Jeanne Martin', phone }, requestedBy: 'self', channel: 'sms', now: clock.now }), h.holdId);
    if (!c.ok) throw new Error('commit');
    const r = await store.bookings.transition(c.booking.ref, ['pending'], 'confirmed');
    if (!r.ok) throw new Error('confirm');
    return r.booking;
  }
  return { store, clock, sent, service, chat, book };
}

/** A slot of the CAF volunteers at Saint-Herblain, `days` days after NOW. */
function slotAt(days: number): Slot {
  const day = new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const s = generateSlots(testCatalogue(), { now: NOW, siteIds: ['saint-herblain-ccas'] })
    .find((x) => x.start.startsWith(day) && testCatalogue().volunteers.get(x.volunteerId)?.topics.includes('caf'));
  if (!s) throw new Error(`no slot on ${day}`);
  return s;
}
const laterSlot = (): Slot => {
  for (let d = 10; d < 25; d++) { try { return slotAt(d); } catch { /* next day */ } }
  throw new Error('no later slot');
};

describe('earlier appointment wanted', () => {
  it('asked by SMS; a slot freed afterwards is held and offered; OUI moves the booking and frees the old slot', async () => {
    const w = world();
    const mine = await w.book(laterSlot(), PHONE);
    // Someone else holds the earliest earlier slot when the person asks.
    const [first] = await w.service.candidates(mine);
    const other = await w.book(first, '+33698000001');
    let r = joined(await w.chat.send('Prévenez-moi si un rendez-vous plus tôt se libère'));
    expect(r).toMatch(/^C'est noté : si un rendez-vous plus tot se libère pour votre RDV du /);
    expect(joined(await w.chat.send('rdv plus tot'))).toMatch(/déjà noté/);
    // Slots free when asking are not "freed": nothing to offer.
    expect(await w.service.tick()).toEqual({ offered: 0, dropped: 0 });
    await w.store.bookings.transition(other.ref, ['confirmed'], 'cancelled');
    expect(await w.service.tick()).toEqual({ offered: 1, dropped: 0 });
    expect(w.sent.map((m) => m.to)).toEqual([PHONE]);
    expect(w.sent[0].body).toMatch(/^Un RDV plus tôt s'est libéré : .* Le voulez-vous à la place du .*\? Répondez OUI ou NON\.$/);
    // Held for this person: nobody else can take it meanwhile.
    expect((await w.store.bookings.hold(first, 1000)).ok).toBe(false);
    r = joined(await w.chat.send('oui'));
    expect(r).toMatch(/votre rendez-vous est avancé au/);
    const moved = await w.store.bookings.get(mine.ref);
    expect(moved).toMatchObject({ slotId: first.id, status: 'confirmed' });
    // The old slot is free again, the new one is the person's.
    expect(await w.store.bookings.takenAmong([laterSlot(), first])).toEqual(new Set([first.id]));
    expect(await w.service.watching(mine.ref)).toBe(false);
  });

  it('OUI to the offer in the middle of a new request moves the booking, then the request goes on', async () => {
    const w = world();
    const mine = await w.book(laterSlot(), PHONE);
    const [first] = await w.service.candidates(mine);
    const other = await w.book(first, '+33698000002');
    await w.chat.send('prévenez-moi si un rdv plus tôt se libère');
    const minutes = (n: number) => { w.clock.now = new Date(w.clock.now.getTime() + n * 60_000); };
    minutes(1);
    expect(joined(await w.chat.send('je voudrais un rendez-vous pour les impôts'))).toMatch(/pour vous ou pour un proche/);
    await w.store.bookings.transition(other.ref, ['confirmed'], 'cancelled');
    minutes(1);
    expect(await w.service.tick()).toEqual({ offered: 1, dropped: 0 });
    minutes(1);
    const r = joined(await w.chat.send('OUI'));
    expect(r).toMatch(/votre rendez-vous est avancé au/);
    expect(r).toMatch(/Reprenons votre demande en cours :\n?Le rendez-vous est pour vous ou pour un proche/);
    expect(await w.store.bookings.get(mine.ref)).toMatchObject({ slotId: first.id, status: 'confirmed' });
    expect(joined(await w.chat.send('1'))).toMatch(/commune/);
  });

  it('a seat offer and an earlier-slot offer both live: a yes/no answers the one sent last, then the other', async () => {
    const w = world();
    const mine = await w.book(laterSlot(), PHONE);
    const [first] = await w.service.candidates(mine);
    const other = await w.book(first, '+33698000003');
    expect(await w.service.watch(mine)).toBe('ok');
    const outbound = { send: async (to: string, body: string) => { w.sent.push({ to, body }); } };
    const workshops = (s: Store, now: () => Date) => new WorkshopService({ store: s, catalogue: testCatalogue(), logger: silentLogger, now, outbound, offerHours: 12 });
    const earlier = (s: Store, now: () => Date) => new EarlierService({ store: s, catalogue: testCatalogue(), logger: silentLogger, now, offerHours: 12, outbound });
    const chat = makeChat({ channel: 'sms', from: PHONE, store: w.store, clock: w.clock, workshops, earlier });
    const admin = workshops(w.store, () => w.clock.now);
    const coordinator = { id: 'c1', name: 'Coordination 44', territory: '44' } as unknown as Account;
    const ws = await admin.create(coordinator, { siteId: 'nantes-mediatheque-centre-ville', topic: 'ordinateur', title: 'Tablette', start: '2026-12-02T14:00', durationMinutes: 90, seats: 1 });
    if (!ws.ok) throw new Error('workshop');
    const filler = await admin.takeSeat(ws.workshop.id, { name: 'Rempli', phone: '+33611000099', requestedBy: 'self', channel: 'sms' });
    if (!filler.ok) throw new Error('seat');
    await admin.joinWaitlist(ws.workshop.id, { name: 'Jeanne Martin', phone: PHONE, requestedBy: 'self', channel: 'sms' });
    await w.store.bookings.transition(filler.booking.ref, ['confirmed'], 'cancelled');
    const minutes = (n: number) => { w.clock.now = new Date(w.clock.now.getTime() + n * 60_000); };
    minutes(1);
    expect(await admin.tick()).toEqual({ offered: 1, expired: 0 });
    minutes(1);
    await w.store.bookings.transition(other.ref, ['confirmed'], 'cancelled');
    expect(await w.service.tick()).toEqual({ offered: 1, dropped: 0 });
    minutes(1);
    // The earlier slot was offered last: "non" answers it; the seat offer is still there.
    expect(joined(await chat.send('non'))).toMatch(/vous gardez votre rendez-vous/);
    expect(await admin.get(ws.workshop.id)).toMatchObject({ seatsOffered: 1, seatsTaken: 0 });
    expect(joined(await chat.send('oui'))).toMatch(/C'est réservé ! Atelier Tablette/);
  });

  it('NON keeps the booking and frees the held slot; at most 3 offers; none in the last 2 days', async () => {
    const w = world();
    const mine = await w.book(laterSlot(), PHONE);
    const cands = (await w.service.candidates(mine)).slice(0, 4);
    const others = [];
    for (const [i, s] of cands.entries()) others.push(await w.book(s, `+3369800001${i}`));
    await w.chat.send('prévenez-moi si un rdv plus tôt se libère');
    for (let i = 0; i < 4; i++) {
      await w.store.bookings.transition(others[i].ref, ['confirmed'], 'cancelled');
      const t = await w.service.tick();
      if (i < 3) {
        expect(t.offered).toBe(1);
        expect(joined(await w.chat.send('non'))).toMatch(/vous gardez votre rendez-vous/);
        expect((await w.store.bookings.hold(cands[i], 1000)).ok).toBe(true); // the refused slot is free
      } else {
        expect(t).toEqual({ offered: 0, dropped: 1 }); // 3 offers made: the watch ends
      }
    }
    expect((await w.store.bookings.get(mine.ref))?.slotId).toBe(mine.slotId);

    // An appointment in less than 2 days: not offered at all.
    const soon = await w.book(slotAt(1), '+33698000099');
    expect(await w.service.watch(soon)).toBe('too-late');
  });
});

describe('earlier appointment wanted, then the data erased', () => {
  it('a watch whose booking was erased is dropped and offers nothing', async () => {
    const w = world();
    const mine = await w.book(laterSlot(), PHONE);
    const [first] = await w.service.candidates(mine);
    const other = await w.book(first, '+33698000009');
    expect(await w.service.watch(mine)).toBe('ok');
    expect(await w.store.bookings.erase(mine.ref)).toBe(true);
    await w.store.bookings.transition(other.ref, ['confirmed'], 'cancelled');
    expect(await w.service.tick()).toEqual({ offered: 0, dropped: 1 });
    expect(w.sent).toEqual([]);
    expect(await w.service.watching(mine.ref)).toBe(false);
  });
});
