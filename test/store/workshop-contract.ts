// Workshop part of the store contract (both stores): seats never exceed the workshop's,
// a freed seat goes to the waiting list first, offers hold a seat until they expire.
import type { Store } from '../../src/store/store';
import { randomId } from '../../src/booking/workshop';
import { makeEntry, makeSeat, makeWorkshop } from './workshop-fixtures';

export function workshopContract(getStore: () => Store): void {
  describe('workshops', () => {
    const now = () => Date.now();

    it('saves, reads and lists workshops of one territory by start', async () => {
      const s = getStore();
      const late = makeWorkshop({ startsAt: Date.UTC(2031, 3, 1, 8), start: '2031-04-01T10:00' });
      const early = makeWorkshop();
      const elsewhere = makeWorkshop({ territory: '95' });
      for (const w of [late, early, elsewhere]) await s.workshops.saveWorkshop(w);
      expect(await s.workshops.getWorkshop(early.id)).toEqual({ ...early, seatsTaken: 0, seatsOffered: 0, waiting: 0 });
      expect((await s.workshops.listWorkshops('44')).map((w) => w.id)).toEqual([early.id, late.id]);
      expect((await s.workshops.listWorkshops('44', { from: early.startsAt + 1 })).map((w) => w.id)).toEqual([late.id]);
      expect((await s.workshops.listWorkshops('44', { to: late.startsAt })).map((w) => w.id)).toEqual([early.id]);
      expect(await s.workshops.getWorkshop('44-zzzzzzzz')).toBeNull();
      expect(await s.workshops.getWorkshop('not an id')).toBeNull();
    });

    it('gives exactly `seats` seats to concurrent takers, the rest hear "full"', async () => {
      const s = getStore();
      const w = makeWorkshop({ seats: 5 });
      await s.workshops.saveWorkshop(w);
      const results = await Promise.all(Array.from({ length: 20 }, () => s.workshops.takeSeat(makeSeat(w), now())));
      const won = results.filter((r) => r.ok);
      expect(won).toHaveLength(5);
      expect(results.filter((r) => !r.ok && r.reason === 'full')).toHaveLength(15);
      expect((await s.workshops.getWorkshop(w.id))?.seatsTaken).toBe(5);
      const refs = won.map((r) => (r.ok ? r.booking.ref : '')).sort();
      expect(await s.workshops.seatRefs(w.id)).toEqual(refs);
      // A seat is a booking like the others: found by ref, by phone and in listings.
      const first = await s.bookings.get(refs[0]);
      expect(first).toMatchObject({ kind: 'workshop', workshopId: w.id, status: 'confirmed' });
      expect((await s.bookings.byPhone('+33612345678')).length).toBe(5);
      expect((await s.bookings.list({ territory: '44', status: 'confirmed' })).total).toBe(5);
    });

    it('frees the seat when the seat booking is cancelled, and only then', async () => {
      const s = getStore();
      const w = makeWorkshop({ seats: 1 });
      await s.workshops.saveWorkshop(w);
      const a = await s.workshops.takeSeat(makeSeat(w), now());
      if (!a.ok) throw new Error('seat');
      expect(await s.workshops.takeSeat(makeSeat(w), now())).toEqual({ ok: false, reason: 'full' });
      expect(await s.bookings.erase(a.booking.ref)).toBe(true); // erasing is not cancelling
      expect((await s.workshops.getWorkshop(w.id))?.seatsTaken).toBe(1);
      const r = await s.bookings.transition(a.booking.ref, ['confirmed'], 'cancelled');
      expect(r.ok).toBe(true);
      expect((await s.workshops.getWorkshop(w.id))?.seatsTaken).toBe(0);
      expect((await s.workshops.takeSeat(makeSeat(w), now())).ok).toBe(true);
    });

    it('refuses seats of a cancelled, started or unknown workshop, and moving a seat to a slot', async () => {
      const s = getStore();
      const w = makeWorkshop();
      await s.workshops.saveWorkshop(w);
      expect(await s.workshops.takeSeat(makeSeat(w), w.startsAt)).toEqual({ ok: false, reason: 'started' });
      expect(await s.workshops.takeSeat(makeSeat(makeWorkshop()), now())).toEqual({ ok: false, reason: 'not-found' });
      const seat = await s.workshops.takeSeat(makeSeat(w), now());
      if (!seat.ok) throw new Error('seat');
      const { makeSlot } = await import('./fixtures');
      expect(await s.bookings.reschedule(seat.booking.ref, makeSlot(1))).toEqual({ ok: false, reason: 'bad-status' });
      await s.workshops.saveWorkshop({ ...w, status: 'cancelled' });
      expect(await s.workshops.takeSeat(makeSeat(w), now())).toEqual({ ok: false, reason: 'closed' });
      expect((await s.workshops.getWorkshop(w.id))?.seatsTaken).toBe(1);
    });

    it('switches a seat to another session in one step: the new seat taken, the old one freed', async () => {
      const s = getStore();
      const a = makeWorkshop({ seats: 1 });
      const b = makeWorkshop({ seats: 1, start: '2031-03-10T14:00', startsAt: Date.UTC(2031, 2, 10, 13, 0), siteId: 'site-2' });
      await s.workshops.saveWorkshop(a);
      await s.workshops.saveWorkshop(b);
      const seat = await s.workshops.takeSeat(makeSeat(a), now());
      if (!seat.ok) throw new Error('seat');
      const r = await s.workshops.switchSeat(seat.booking.ref, b, now());
      expect(r).toMatchObject({ ok: true, booking: { ref: seat.booking.ref, workshopId: b.id, start: b.start, startsAt: b.startsAt, siteId: 'site-2', status: 'confirmed' } });
      expect((await s.workshops.getWorkshop(a.id))?.seatsTaken).toBe(0);
      expect((await s.workshops.getWorkshop(b.id))?.seatsTaken).toBe(1);
      expect(await s.workshops.seatRefs(b.id)).toEqual([seat.booking.ref]);
      expect((await s.bookings.get(seat.booking.ref))?.workshopId).toBe(b.id);
      expect((await s.bookings.list({ territory: '44', from: b.startsAt })).items.map((x) => x.ref)).toEqual([seat.booking.ref]);
      // Back to the first one: full now? No, its seat was freed; and a full session refuses.
      const other = await s.workshops.takeSeat(makeSeat(a), now());
      expect(other.ok).toBe(true);
      expect(await s.workshops.switchSeat(seat.booking.ref, a, now())).toEqual({ ok: false, reason: 'full' });
      expect((await s.bookings.get(seat.booking.ref))?.workshopId).toBe(b.id);
      // Cancelling afterwards frees the new session's seat.
      await s.bookings.transition(seat.booking.ref, ['confirmed'], 'cancelled');
      expect((await s.workshops.getWorkshop(b.id))?.seatsTaken).toBe(0);
      expect(await s.workshops.switchSeat(seat.booking.ref, a, now())).toEqual({ ok: false, reason: 'not-found' });
    });

    it('keeps a waiting list in arrival order, once per phone', async () => {
      const s = getStore();
      const w = makeWorkshop({ seats: 1 });
      await s.workshops.saveWorkshop(w);
      // Same millisecond: arrival order still decides.
      const a = makeEntry({ since: 1000 });
      const b = makeEntry({ since: 1000 });
      expect(await s.workshops.joinWaitlist(w.id, a)).toEqual({ ok: true, position: 1 });
      expect(await s.workshops.joinWaitlist(w.id, b)).toEqual({ ok: true, position: 2 });
      expect(await s.workshops.joinWaitlist(w.id, { ...makeEntry(), phone: a.phone })).toEqual({ ok: false, reason: 'already' });
      expect((await s.workshops.waitlist(w.id)).map((e) => e.id)).toEqual([a.id, b.id]);
      expect((await s.workshops.getWorkshop(w.id))?.waiting).toBe(2);
      expect(await s.workshops.leaveWaitlist(w.id, a.phone)).toBe(true);
      expect(await s.workshops.leaveWaitlist(w.id, a.phone)).toBe(false);
      expect((await s.workshops.waitlist(w.id)).map((e) => e.id)).toEqual([b.id]);
    });

    it('a freed seat goes to the first waiting person as an offer, held until it expires', async () => {
      const s = getStore();
      const w = makeWorkshop({ seats: 1 });
      await s.workshops.saveWorkshop(w);
      const seat = await s.workshops.takeSeat(makeSeat(w), now());
      if (!seat.ok) throw new Error('seat');
      const first = makeEntry();
      const second = makeEntry();
      await s.workshops.joinWaitlist(w.id, first);
      await s.workshops.joinWaitlist(w.id, second);
      // Still full: nothing to offer.
      expect(await s.workshops.offerNext(w.id, now(), now() + 60_000, randomId(12))).toBeNull();
      await s.bookings.transition(seat.booking.ref, ['confirmed'], 'cancelled');
      // Someone new cannot jump the queue.
      expect(await s.workshops.takeSeat(makeSeat(w), now())).toEqual({ ok: false, reason: 'full' });
      const offerId = randomId(12);
      const t0 = now();
      const offer = await s.workshops.offerNext(w.id, t0, t0 + 60_000, offerId);
      expect(offer).toEqual({ id: offerId, workshopId: w.id, territory: '44', entry: first, expiresAt: t0 + 60_000 });
      // The one seat is held by the offer: no second offer.
      expect(await s.workshops.offerNext(w.id, t0, t0 + 60_000, randomId(12))).toBeNull();
      expect(await s.workshops.getWorkshop(w.id)).toMatchObject({ seatsTaken: 0, seatsOffered: 1, waiting: 1 });
      expect((await s.workshops.offers(w.id)).map((o) => o.id)).toEqual([offerId]);
      // Nothing expired yet.
      expect(await s.workshops.expireOffers(w.id, t0 + 59_999)).toEqual([]);
      // Expired: collected, the seat goes to the next person.
      expect((await s.workshops.expireOffers(w.id, t0 + 60_000)).map((o) => o.id)).toEqual([offerId]);
      expect(await s.workshops.claimOffer(w.id, offerId, makeSeat(w), t0 + 60_000)).toEqual({ ok: false, reason: 'not-found' });
      const next = await s.workshops.offerNext(w.id, t0 + 60_000, t0 + 120_000, randomId(12));
      expect(next?.entry.id).toBe(second.id);
      if (!next) throw new Error('offer');
      const claimed = await s.workshops.claimOffer(w.id, next.id, makeSeat(w, { beneficiary: { name: second.name, phone: second.phone } }), t0 + 60_001);
      expect(claimed.ok).toBe(true);
      expect(await s.workshops.getWorkshop(w.id)).toMatchObject({ seatsTaken: 1, seatsOffered: 0, waiting: 0 });
      expect(await s.workshops.offers(w.id)).toEqual([]);
    });

    it('an expired offer cannot be claimed; a dropped one frees its seat', async () => {
      const s = getStore();
      const w = makeWorkshop({ seats: 1 });
      await s.workshops.saveWorkshop(w);
      await s.workshops.joinWaitlist(w.id, makeEntry());
      await s.workshops.joinWaitlist(w.id, makeEntry());
      const t0 = now();
      const o = await s.workshops.offerNext(w.id, t0, t0 + 1000, randomId(12));
      if (!o) throw new Error('offer');
      expect(await s.workshops.claimOffer(w.id, o.id, makeSeat(w), t0 + 1000)).toEqual({ ok: false, reason: 'expired' });
      expect(await s.workshops.dropOffer(w.id, o.id)).toBe(true);
      expect(await s.workshops.dropOffer(w.id, o.id)).toBe(false);
      expect(await s.workshops.offerNext(w.id, t0, t0 + 1000, randomId(12))).not.toBeNull();
      // No offer once the workshop has started.
      await s.workshops.joinWaitlist(w.id, makeEntry());
      const all = await s.workshops.offers(w.id);
      await s.workshops.dropOffer(w.id, all[0].id);
      expect(await s.workshops.offerNext(w.id, w.startsAt, w.startsAt + 1000, randomId(12))).toBeNull();
    });
    it('changes a workshop in one step against seat-taking: never fewer seats than taken or held', async () => {
      const s = getStore();
      const w = makeWorkshop({ seats: 3 });
      await s.workshops.saveWorkshop(w);
      const a = await s.workshops.takeSeat(makeSeat(w), now());
      const b = await s.workshops.takeSeat(makeSeat(w), now());
      if (!a.ok || !b.ok) throw new Error('seat');
      await s.workshops.joinWaitlist(w.id, makeEntry());
      await s.bookings.transition(b.booking.ref, ['confirmed'], 'cancelled');
      const t0 = now();
      // One seat taken, one held by an offer: 2 is the floor.
      expect(await s.workshops.offerNext(w.id, t0, t0 + 60_000, randomId(12))).not.toBeNull();
      const later = { start: '2031-03-10T10:00', startsAt: Date.UTC(2031, 2, 10, 9), siteId: 'site-2' };
      expect(await s.workshops.changeWorkshop({ ...w, seats: 1, updatedAt: w.updatedAt + 1 }, w.updatedAt, t0)).toEqual({ ok: false, reason: 'below', taken: 2 });
      // Someone else changed it meanwhile: read again.
      expect(await s.workshops.changeWorkshop({ ...w, seats: 2, updatedAt: w.updatedAt + 1 }, w.updatedAt - 1, t0)).toEqual({ ok: false, reason: 'retry' });
      const next = { ...w, ...later, seats: 2, updatedAt: w.updatedAt + 1 };
      expect(await s.workshops.changeWorkshop(next, w.updatedAt, t0)).toEqual({ ok: true });
      expect(await s.workshops.getWorkshop(w.id)).toMatchObject({ seats: 2, start: later.start, siteId: 'site-2', seatsTaken: 1, seatsOffered: 1 });
      expect((await s.workshops.listWorkshops('44', { from: later.startsAt })).map((x) => x.id)).toContain(w.id);
      // The seat limit is the new one, and a seat built from the old start or site is refused.
      expect(await s.workshops.takeSeat(makeSeat(next), t0)).toEqual({ ok: false, reason: 'full' });
      expect(await s.workshops.takeSeat(makeSeat(w), t0)).toEqual({ ok: false, reason: 'changed' });
      // Seats follow the workshop: start, end, site and slot id, found by the new dates.
      const moved = await s.workshops.moveSeat(a.booking.ref, next);
      expect(moved?.changed).toBe(true);
      expect(moved?.booking).toMatchObject({ start: later.start, startsAt: later.startsAt, siteId: 'site-2', end: '2031-03-10T11:30' });
      expect(moved?.booking.slotId).not.toBe(a.booking.slotId);
      expect(await s.bookings.get(a.booking.ref)).toEqual(moved?.booking);
      expect((await s.bookings.list({ territory: '44', status: 'confirmed', from: later.startsAt, to: later.startsAt + 1 })).items.map((x) => x.ref)).toContain(a.booking.ref);
      expect((await s.workshops.moveSeat(a.booking.ref, next))?.changed).toBe(false);
      expect(await s.workshops.moveSeat(b.booking.ref, next)).toBeNull(); // cancelled: not a seat any more
      // Neither once cancelled, nor once started.
      expect(await s.workshops.changeWorkshop({ ...next, updatedAt: next.updatedAt + 1 }, next.updatedAt, later.startsAt)).toEqual({ ok: false, reason: 'started' });
      await s.workshops.saveWorkshop({ ...next, status: 'cancelled' });
      expect(await s.workshops.changeWorkshop({ ...next, updatedAt: next.updatedAt + 1 }, next.updatedAt, t0)).toEqual({ ok: false, reason: 'closed' });
      expect(await s.workshops.changeWorkshop(makeWorkshop(), 0, t0)).toEqual({ ok: false, reason: 'not-found' });
    });
    it('a change of seats racing with seat-takers never leaves more participants than seats', async () => {
      const s = getStore();
      for (let round = 0; round < 5; round++) {
        const w = makeWorkshop({ seats: 10 });
        await s.workshops.saveWorkshop(w);
        for (let i = 0; i < 4; i++) await s.workshops.takeSeat(makeSeat(w), now());
        // 4 taken; 12 people try while the coordinator lowers to 6.
        const next = { ...w, seats: 6, updatedAt: w.updatedAt + 1 };
        const [changed, ...takes] = await Promise.all([
          s.workshops.changeWorkshop(next, w.updatedAt, now()),
          ...Array.from({ length: 12 }, () => s.workshops.takeSeat(makeSeat(w), now())),
        ]);
        const after = await s.workshops.getWorkshop(w.id);
        const won = takes.filter((r) => r.ok).length;
        expect(after!.seatsTaken).toBe(4 + won);
        expect(after!.seatsTaken).toBeLessThanOrEqual(after!.seats);
        // Lowered only if at most 6 were taken at that moment; refused with the count otherwise.
        if (changed.ok) expect(after!.seats).toBe(6);
        else expect(changed).toEqual({ ok: false, reason: 'below', taken: expect.any(Number) });
      }
    });
  });
}
