// Slots and bookings (both stores): one holder per slot, commit of a live hold only, status
// changes and moves that never bring a freed booking back, listings, erasure of personal data.
import type { Booking, Slot } from '../../src/booking/model';
import { ERASED_NAME, ERASED_PHONE } from '../../src/booking/erasure';
import type { BookingsPort } from '../../src/store/bookings';
import { makeBooking, makeSlot } from './fixtures';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function bookingsContract(bookings: () => BookingsPort): void {
  describe('BookingsPort', () => {
    /** Hold + commit; fails the test if either step fails. */
    async function book(slot: Slot, over: Partial<Booking> = {}): Promise<Booking> {
      const h = await bookings().hold(slot, 10_000);
      if (!h.ok) throw new Error(`slot ${slot.id} not free`);
      const c = await bookings().commit(makeBooking(slot, over), h.holdId);
      if (!c.ok) throw new Error('commit failed');
      return c.booking;
    }

    describe('holds', () => {
      it('gives a free slot to one caller only', async () => {
        const s = makeSlot(1);
        const results = await Promise.all(Array.from({ length: 10 }, () => bookings().hold(s, 10_000)));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(await bookings().takenAmong([s, makeSlot(2)])).toEqual(new Set([s.id]));
      });

      it('releases only with the right hold id', async () => {
        const s = makeSlot(1);
        const h = await bookings().hold(s, 10_000);
        if (!h.ok) throw new Error('hold');
        await bookings().releaseHold(s, 'someone-else');
        expect((await bookings().hold(s, 10_000)).ok).toBe(false);
        await bookings().releaseHold(s, h.holdId);
        expect((await bookings().hold(s, 10_000)).ok).toBe(true);
      });

      it('frees the slot by itself when the hold expires', async () => {
        const s = makeSlot(1);
        expect((await bookings().hold(s, 60)).ok).toBe(true);
        expect((await bookings().hold(s, 60)).ok).toBe(false);
        await sleep(120);
        expect(await bookings().takenAmong([s])).toEqual(new Set());
        expect((await bookings().hold(s, 60)).ok).toBe(true);
      });

      it('keeps slots of different territories and volunteers apart', async () => {
        const a = makeSlot(1);
        const b = makeSlot(1, { volunteerId: 'vol-b' });
        // Same volunteer id and time in another territory: a different key.
        const c = makeSlot(1, { territory: '49', volunteerId: 'vol-c' });
        const sameIdElsewhere = makeSlot(1, { territory: '49' });
        expect((await bookings().hold(a, 10_000)).ok).toBe(true);
        expect(await bookings().takenAmong([sameIdElsewhere])).toEqual(new Set());
        expect((await bookings().hold(b, 10_000)).ok).toBe(true);
        expect(await bookings().takenAmong([a, b, c])).toEqual(new Set([a.id, b.id]));
        expect((await bookings().hold(c, 10_000)).ok).toBe(true);
        expect((await bookings().takenAmong([a, b, c])).size).toBe(3);
        expect(await bookings().takenAmong([])).toEqual(new Set());
      });
    });

    describe('commit', () => {
      it('turns a live hold into a pending booking that occupies the slot', async () => {
        const s = makeSlot(1);
        const h = await bookings().hold(s, 10_000);
        if (!h.ok) throw new Error('hold');
        const input = makeBooking(s);
        const c = await bookings().commit(input, h.holdId);
        expect(c).toEqual({ ok: true, booking: input });
        expect(await bookings().get(input.ref)).toEqual(input);
        expect(await bookings().takenAmong([s])).toEqual(new Set([s.id]));
        // A booked slot does not expire like a hold, and the hold id is spent.
        await sleep(30);
        expect((await bookings().hold(s, 10_000)).ok).toBe(false);
        expect(await bookings().commit(makeBooking(s), h.holdId)).toEqual({ ok: false, reason: 'hold-lost' });
      });

      it('refuses a hold that expired and was re-taken by someone else', async () => {
        const s = makeSlot(1);
        const mine = await bookings().hold(s, 50);
        if (!mine.ok) throw new Error('hold');
        await sleep(100);
        const theirs = await bookings().hold(s, 10_000);
        expect(theirs.ok).toBe(true);
        const b = makeBooking(s);
        expect(await bookings().commit(b, mine.holdId)).toEqual({ ok: false, reason: 'hold-lost' });
        expect(await bookings().get(b.ref)).toBeNull();
        if (!theirs.ok) throw new Error('hold');
        expect((await bookings().commit(makeBooking(s), theirs.holdId)).ok).toBe(true);
      });

      it('refuses a hold that expired even if nobody took the slot since (an expired hold is lost)', async () => {
        const s = makeSlot(1);
        const mine = await bookings().hold(s, 50);
        if (!mine.ok) throw new Error('hold');
        await sleep(100);
        const b = makeBooking(s);
        expect(await bookings().commit(b, mine.holdId)).toEqual({ ok: false, reason: 'hold-lost' });
        expect(await bookings().get(b.ref)).toBeNull();
        expect(await bookings().byPhone(b.beneficiary.phone)).toEqual([]);
        expect(await bookings().list({ territory: '44' })).toEqual({ total: 0, items: [] });
      });

      it('refuses a hold id that is not the one on the slot', async () => {
        const s = makeSlot(1);
        expect((await bookings().hold(s, 10_000)).ok).toBe(true);
        expect(await bookings().commit(makeBooking(s), 'forged')).toEqual({ ok: false, reason: 'hold-lost' });
        expect(await bookings().commit(makeBooking(makeSlot(2)), 'never-held')).toEqual({ ok: false, reason: 'hold-lost' });
      });

      it('never lets two bookings share a reference', async () => {
        const first = await book(makeSlot(1));
        const s2 = makeSlot(2, { territory: '49' });
        const h = await bookings().hold(s2, 10_000);
        if (!h.ok) throw new Error('hold');
        await expect(bookings().commit(makeBooking(s2, { ref: first.ref }), h.holdId)).rejects.toThrow(/duplicate booking ref/);
        expect(await bookings().get(first.ref)).toEqual(first);
      });

      it('stores the booking as pending whatever status it is given', async () => {
        const b = await book(makeSlot(1), { status: 'confirmed' });
        expect(b.status).toBe('pending');
        expect((await bookings().get(b.ref))?.status).toBe('pending');
      });
    });

    describe('transition', () => {
      it('confirms once; the same transition again changes nothing', async () => {
        const b = await book(makeSlot(1));
        const r1 = await bookings().transition(b.ref, ['pending'], 'confirmed');
        expect(r1).toMatchObject({ ok: true, changed: true, booking: { status: 'confirmed' } });
        const r2 = await bookings().transition(b.ref, ['pending'], 'confirmed');
        expect(r2).toMatchObject({ ok: true, changed: false, booking: { status: 'confirmed' } });
        expect((await bookings().get(b.ref))?.status).toBe('confirmed');
        expect(await bookings().list({ territory: '44', status: 'pending' })).toEqual({ total: 0, items: [] });
        expect((await bookings().list({ territory: '44', status: 'confirmed' })).total).toBe(1);
      });

      it('refuses a status change from an unexpected status', async () => {
        const b = await book(makeSlot(1));
        expect(await bookings().transition(b.ref, ['confirmed'], 'declined')).toEqual({ ok: false, reason: 'bad-status' });
        expect(await bookings().transition('ZZZ-ZZZ', ['pending'], 'confirmed')).toEqual({ ok: false, reason: 'not-found' });
      });

      it('declining frees the slot and keeps the reason; a freed booking never comes back', async () => {
        const s = makeSlot(1);
        const b = await book(s);
        const r = await bookings().transition(b.ref, ['pending'], 'declined', { declineReason: 'bénévole absent' });
        expect(r).toMatchObject({ ok: true, changed: true, booking: { status: 'declined', declineReason: 'bénévole absent' } });
        expect(await bookings().takenAmong([s])).toEqual(new Set());
        await book(s);
        expect(await bookings().transition(b.ref, ['declined'], 'confirmed')).toEqual({ ok: false, reason: 'bad-status' });
        expect(await bookings().takenAmong([s])).toEqual(new Set([s.id]));
      });

      it('cancelling frees the slot, twice is harmless and does not free a slot now booked by another', async () => {
        const s = makeSlot(1);
        const b = await book(s);
        expect(await bookings().transition(b.ref, ['pending', 'confirmed'], 'cancelled')).toMatchObject({ ok: true, changed: true });
        const other = await book(s);
        expect(await bookings().transition(b.ref, ['pending', 'confirmed'], 'cancelled')).toMatchObject({ ok: true, changed: false });
        expect(await bookings().takenAmong([s])).toEqual(new Set([s.id]));
        expect((await bookings().get(other.ref))?.status).toBe('pending');
      });

      it('ignores patches of identity, slot and status fields', async () => {
        const b = await book(makeSlot(1));
        const r = await bookings().transition(b.ref, ['pending'], 'confirmed', { ref: 'AAA-AAA', slotId: 'x', startsAt: 1, territory: '75', status: 'cancelled', conversationId: 'web-1' });
        expect(r).toMatchObject({ ok: true, booking: { ref: b.ref, slotId: b.slotId, startsAt: b.startsAt, territory: '44', status: 'confirmed', conversationId: 'web-1' } });
        expect(await bookings().get(b.ref)).toEqual(r.ok ? r.booking : null);
      });

      it('gives one winner when two transitions race', async () => {
        const b = await book(makeSlot(1));
        const [x, y] = await Promise.all([
          bookings().transition(b.ref, ['pending'], 'confirmed'),
          bookings().transition(b.ref, ['pending'], 'cancelled'),
        ]);
        const final = (await bookings().get(b.ref))!.status;
        const winners = [x, y].filter((r) => r.ok && r.changed);
        expect(winners).toHaveLength(1);
        expect(winners[0].ok && winners[0].booking.status).toBe(final);
      });
    });

    describe('reschedule', () => {
      it('moves a booking to a free slot and frees the old one', async () => {
        const s1 = makeSlot(1);
        const s2 = makeSlot(5, { siteId: 'site-2', volunteerId: 'vol-b' });
        const b = await book(s1);
        const r = await bookings().reschedule(b.ref, s2);
        expect(r).toMatchObject({ ok: true, changed: true, booking: { slotId: s2.id, siteId: 'site-2', volunteerId: 'vol-b', startsAt: s2.startsAt, start: s2.start, status: 'pending' } });
        expect(await bookings().takenAmong([s1, s2])).toEqual(new Set([s2.id]));
        expect((await bookings().get(b.ref))?.slotId).toBe(s2.id);
        expect((await bookings().list({ territory: '44', from: s2.startsAt })).items.map((x) => x.ref)).toEqual([b.ref]);
        // Cancelling afterwards frees the new slot.
        await bookings().transition(b.ref, ['pending'], 'cancelled');
        expect(await bookings().takenAmong([s1, s2])).toEqual(new Set());
      });

      it('refuses a target slot that is held or booked, and changes nothing', async () => {
        const s1 = makeSlot(1);
        const s2 = makeSlot(2);
        const s3 = makeSlot(3);
        const b = await book(s1);
        expect((await bookings().hold(s2, 10_000)).ok).toBe(true);
        await book(s3);
        expect(await bookings().reschedule(b.ref, s2)).toEqual({ ok: false, reason: 'slot-taken' });
        expect(await bookings().reschedule(b.ref, s3)).toEqual({ ok: false, reason: 'slot-taken' });
        expect(await bookings().get(b.ref)).toEqual(b);
        expect(await bookings().takenAmong([s1])).toEqual(new Set([s1.id]));
      });

      it('moves onto the caller\'s own hold in one step, with the status asked, and frees the old slot', async () => {
        const s1 = makeSlot(1);
        const s2 = makeSlot(2);
        const b = await book(s1);
        await bookings().transition(b.ref, ['pending'], 'confirmed');
        const h = await bookings().hold(s2, 10_000);
        if (!h.ok) throw new Error('hold failed');
        // Someone else's hold id never takes it.
        expect(await bookings().reschedule(b.ref, s2, { holdId: 'not-ours', status: 'pending' })).toEqual({ ok: false, reason: 'slot-taken' });
        expect((await bookings().get(b.ref))?.status).toBe('confirmed');
        const r = await bookings().reschedule(b.ref, s2, { holdId: h.holdId, status: 'pending' });
        expect(r).toMatchObject({ ok: true, changed: true, booking: { ref: b.ref, slotId: s2.id, status: 'pending' } });
        expect(await bookings().takenAmong([s1, s2])).toEqual(new Set([s2.id]));
        expect((await bookings().list({ territory: '44', status: 'pending' })).items.map((x) => x.ref)).toEqual([b.ref]);
        expect((await bookings().list({ territory: '44', status: 'confirmed' })).total).toBe(0);
        // The hold became the booking: releasing it does nothing, cancelling frees it.
        await bookings().releaseHold(s2, h.holdId);
        expect(await bookings().takenAmong([s2])).toEqual(new Set([s2.id]));
        await bookings().transition(b.ref, ['pending'], 'cancelled');
        expect(await bookings().takenAmong([s1, s2])).toEqual(new Set());
      });

      it('a hold that expired is not taken: the booking keeps its slot', async () => {
        const s1 = makeSlot(1);
        const s2 = makeSlot(2);
        const b = await book(s1);
        const h = await bookings().hold(s2, 30);
        if (!h.ok) throw new Error('hold failed');
        await sleep(80);
        expect(await bookings().reschedule(b.ref, s2, { holdId: h.holdId })).toEqual({ ok: false, reason: 'slot-taken' });
        expect(await bookings().get(b.ref)).toEqual(b);
        expect(await bookings().takenAmong([s1, s2])).toEqual(new Set([s1.id]));
      });

      it('same slot → unchanged; cancelled, other territory or unknown → refused', async () => {
        const s1 = makeSlot(1);
        const b = await book(s1);
        expect(await bookings().reschedule(b.ref, s1)).toMatchObject({ ok: true, changed: false });
        expect(await bookings().reschedule(b.ref, makeSlot(2, { territory: '49' }))).toEqual({ ok: false, reason: 'bad-status' });
        await bookings().transition(b.ref, ['pending'], 'cancelled');
        expect(await bookings().reschedule(b.ref, makeSlot(2))).toEqual({ ok: false, reason: 'bad-status' });
        expect(await bookings().takenAmong([makeSlot(2)])).toEqual(new Set());
        expect(await bookings().reschedule('ZZZ-ZZZ', makeSlot(2))).toEqual({ ok: false, reason: 'not-found' });
      });
    });

    describe('queries', () => {
      it('lists bookings of one territory by start, with filters and paging', async () => {
        const b3 = await book(makeSlot(3));
        const b1 = await book(makeSlot(1, { siteId: 'site-2' }));
        const b2 = await book(makeSlot(2));
        const b4 = await book(makeSlot(4, { siteId: 'site-2' }));
        await book(makeSlot(1, { territory: '49' }));
        await bookings().transition(b2.ref, ['pending'], 'confirmed');

        const all = await bookings().list({ territory: '44' });
        expect(all.total).toBe(4);
        expect(all.items.map((b) => b.ref)).toEqual([b1.ref, b2.ref, b3.ref, b4.ref]);
        const pending = await bookings().list({ territory: '44', status: 'pending' });
        expect(pending.items.map((b) => b.ref)).toEqual([b1.ref, b3.ref, b4.ref]);
        const site2 = await bookings().list({ territory: '44', siteId: 'site-2' });
        expect(site2).toMatchObject({ total: 2 });
        expect(site2.items.map((b) => b.ref)).toEqual([b1.ref, b4.ref]);
        const site2pending = await bookings().list({ territory: '44', siteId: 'site-2', status: 'pending', offset: 1, limit: 5 });
        expect(site2pending).toMatchObject({ total: 2 });
        expect(site2pending.items.map((b) => b.ref)).toEqual([b4.ref]);
        // from inclusive, to exclusive
        const window = await bookings().list({ territory: '44', from: b2.startsAt, to: b4.startsAt });
        expect(window.items.map((b) => b.ref)).toEqual([b2.ref, b3.ref]);
        const page = await bookings().list({ territory: '44', offset: 1, limit: 2 });
        expect(page.total).toBe(4);
        expect(page.items.map((b) => b.ref)).toEqual([b2.ref, b3.ref]);
        expect(await bookings().list({ territory: '44', offset: 10 })).toEqual({ total: 4, items: [] });
        expect((await bookings().list({ territory: '49' })).total).toBe(1);
        expect(await bookings().list({ territory: '75' })).toEqual({ total: 0, items: [] });
      });

      it("finds a phone's bookings across territories", async () => {
        const phone = '+33698765432';
        const a = await book(makeSlot(4), { beneficiary: { name: 'Paul', phone } });
        const b = await book(makeSlot(2, { territory: '49' }), { beneficiary: { name: 'Paul', phone } });
        await book(makeSlot(3));
        const got = await bookings().byPhone(phone);
        expect(got.map((x) => x.ref)).toEqual([b.ref, a.ref]);
        expect(await bookings().byPhone('+33600000001')).toEqual([]);
        await bookings().transition(a.ref, ['pending'], 'cancelled');
        expect((await bookings().byPhone(phone)).map((x) => x.status)).toEqual(['pending', 'cancelled']);
      });
    });

    describe('purgeBefore', () => {
      it('erases personal data of past appointments and keeps the anonymous record', async () => {
        const phone = '+33611112222';
        const old1 = await book(makeSlot(1), { beneficiary: { name: 'Anne', phone } });
        const old2 = await book(makeSlot(2, { territory: '49' }), { beneficiary: { name: 'Anne', phone } });
        await bookings().transition(old2.ref, ['pending'], 'declined', { declineReason: 'Anne est malade' });
        const later = await book(makeSlot(10), { beneficiary: { name: 'Anne', phone } });

        expect(await bookings().purgeBefore(makeSlot(5).startsAt)).toBe(2);
        const erased = (await bookings().get(old1.ref))!;
        expect(erased).toMatchObject({ ref: old1.ref, status: 'pending', topic: 'caf', territory: '44', siteId: old1.siteId, startsAt: old1.startsAt });
        expect(erased.beneficiary).toEqual({ name: ERASED_NAME, phone: ERASED_PHONE });
        expect(erased.conversationId).toBeUndefined();
        const erased2 = (await bookings().get(old2.ref))!;
        expect(erased2.status).toBe('declined');
        expect(erased2.declineReason).toBeUndefined();
        expect(JSON.stringify([erased, erased2])).not.toMatch(/Anne|1111/);

        expect((await bookings().byPhone(phone)).map((b) => b.ref)).toEqual([later.ref]);
        expect(await bookings().byPhone(ERASED_PHONE)).toEqual([]);
        expect((await bookings().get(later.ref))!.beneficiary.name).toBe('Anne');
        expect((await bookings().list({ territory: '44' })).total).toBe(2);
        expect(await bookings().purgeBefore(makeSlot(5).startsAt)).toBe(0);
        // A booking still occupying its slot keeps it after the purge.
        expect(await bookings().takenAmong([makeSlot(1)])).toEqual(new Set([makeSlot(1).id]));
      });

      it('erases one booking on request, whatever its date', async () => {
        const phone = '+33611113333';
        const b = await book(makeSlot(20), { beneficiary: { name: 'Bernard', phone } });
        await bookings().transition(b.ref, ['pending'], 'cancelled');
        expect(await bookings().erase(b.ref)).toBe(true);
        expect(await bookings().erase(b.ref)).toBe(false);
        expect(await bookings().erase('ZZZ-ZZZ')).toBe(false);
        expect((await bookings().get(b.ref))!.beneficiary).toEqual({ name: ERASED_NAME, phone: ERASED_PHONE });
        expect(await bookings().byPhone(phone)).toEqual([]);
      });
    });

    describe('attendance', () => {
      it('records seen / no-show / excused on a live booking, once; never on a cancelled one', async () => {
        const b = await book(makeSlot(1));
        const r1 = await bookings().setAttendance(b.ref, 'noshow');
        expect(r1).toMatchObject({ ok: true, changed: true, booking: { attendance: 'noshow', status: 'pending' } });
        expect(await bookings().setAttendance(b.ref, 'noshow')).toMatchObject({ ok: true, changed: false });
        expect((await bookings().setAttendance(b.ref, 'excused'))).toMatchObject({ ok: true, changed: true });
        expect(await bookings().get(b.ref)).toMatchObject({ attendance: 'excused' });
        expect((await bookings().list({ territory: b.territory, status: 'pending' })).items.map((x) => x.ref)).toEqual([b.ref]);
        const c = await book(makeSlot(2));
        await bookings().transition(c.ref, ['pending'], 'cancelled');
        expect(await bookings().setAttendance(c.ref, 'seen')).toEqual({ ok: false, reason: 'bad-status' });
        expect(await bookings().setAttendance('ZZZ-ZZZ', 'seen')).toEqual({ ok: false, reason: 'not-found' });
      });
    });
  });
}
