// The one contract both stores must pass (memory.test.ts, redis.test.ts).
import type { Booking, Slot } from '../../src/booking/model';
import type { Store } from '../../src/store/store';
import { ERASED_NAME, ERASED_PHONE } from '../../src/store/lifecycle';
import { makeBooking, makeSlot } from './fixtures';
import { workshopContract } from './workshop-contract';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function storeContract(name: string, makeStore: () => Promise<Store>, cleanup?: (store: Store) => Promise<void>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => { store = await makeStore(); });
    afterEach(async () => {
      if (cleanup) await cleanup(store);
      await store.close();
    });

    /** Hold + commit; fails the test if either step fails. */
    async function book(slot: Slot, over: Partial<Booking> = {}): Promise<Booking> {
      const h = await store.hold(slot, 10_000);
      if (!h.ok) throw new Error(`slot ${slot.id} not free`);
      const c = await store.commitBooking(makeBooking(slot, over), h.holdId);
      if (!c.ok) throw new Error('commit failed');
      return c.booking;
    }

    workshopContract(() => store);

    describe('holds', () => {
      it('gives a free slot to one caller only', async () => {
        const s = makeSlot(1);
        const results = await Promise.all(Array.from({ length: 10 }, () => store.hold(s, 10_000)));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(await store.takenAmong([s, makeSlot(2)])).toEqual(new Set([s.id]));
      });

      it('releases only with the right hold id', async () => {
        const s = makeSlot(1);
        const h = await store.hold(s, 10_000);
        if (!h.ok) throw new Error('hold');
        await store.releaseHold(s, 'someone-else');
        expect((await store.hold(s, 10_000)).ok).toBe(false);
        await store.releaseHold(s, h.holdId);
        expect((await store.hold(s, 10_000)).ok).toBe(true);
      });

      it('frees the slot by itself when the hold expires', async () => {
        const s = makeSlot(1);
        expect((await store.hold(s, 60)).ok).toBe(true);
        expect((await store.hold(s, 60)).ok).toBe(false);
        await sleep(120);
        expect(await store.takenAmong([s])).toEqual(new Set());
        expect((await store.hold(s, 60)).ok).toBe(true);
      });

      it('keeps slots of different territories and volunteers apart', async () => {
        const a = makeSlot(1);
        const b = makeSlot(1, { volunteerId: 'vol-b' });
        // Same volunteer id and time in another territory: a different key.
        const c = makeSlot(1, { territory: '49', volunteerId: 'vol-c' });
        const sameIdElsewhere = makeSlot(1, { territory: '49' });
        expect((await store.hold(a, 10_000)).ok).toBe(true);
        expect(await store.takenAmong([sameIdElsewhere])).toEqual(new Set());
        expect((await store.hold(b, 10_000)).ok).toBe(true);
        expect(await store.takenAmong([a, b, c])).toEqual(new Set([a.id, b.id]));
        expect((await store.hold(c, 10_000)).ok).toBe(true);
        expect((await store.takenAmong([a, b, c])).size).toBe(3);
        expect(await store.takenAmong([])).toEqual(new Set());
      });
    });

    describe('commitBooking', () => {
      it('turns a live hold into a pending booking that occupies the slot', async () => {
        const s = makeSlot(1);
        const h = await store.hold(s, 10_000);
        if (!h.ok) throw new Error('hold');
        const input = makeBooking(s);
        const c = await store.commitBooking(input, h.holdId);
        expect(c).toEqual({ ok: true, booking: input });
        expect(await store.getBooking(input.ref)).toEqual(input);
        expect(await store.takenAmong([s])).toEqual(new Set([s.id]));
        // A booked slot does not expire like a hold, and the hold id is spent.
        await sleep(30);
        expect((await store.hold(s, 10_000)).ok).toBe(false);
        expect(await store.commitBooking(makeBooking(s), h.holdId)).toEqual({ ok: false, reason: 'hold-lost' });
      });

      it('refuses a hold that expired and was re-taken by someone else', async () => {
        const s = makeSlot(1);
        const mine = await store.hold(s, 50);
        if (!mine.ok) throw new Error('hold');
        await sleep(100);
        const theirs = await store.hold(s, 10_000);
        expect(theirs.ok).toBe(true);
        const b = makeBooking(s);
        expect(await store.commitBooking(b, mine.holdId)).toEqual({ ok: false, reason: 'hold-lost' });
        expect(await store.getBooking(b.ref)).toBeNull();
        if (!theirs.ok) throw new Error('hold');
        expect((await store.commitBooking(makeBooking(s), theirs.holdId)).ok).toBe(true);
      });

      it('refuses a hold that expired even if nobody took the slot since (an expired hold is lost)', async () => {
        const s = makeSlot(1);
        const mine = await store.hold(s, 50);
        if (!mine.ok) throw new Error('hold');
        await sleep(100);
        const b = makeBooking(s);
        expect(await store.commitBooking(b, mine.holdId)).toEqual({ ok: false, reason: 'hold-lost' });
        expect(await store.getBooking(b.ref)).toBeNull();
        expect(await store.bookingsByPhone(b.beneficiary.phone)).toEqual([]);
        expect(await store.listBookings({ territory: '44' })).toEqual({ total: 0, items: [] });
      });

      it('refuses a hold id that is not the one on the slot', async () => {
        const s = makeSlot(1);
        expect((await store.hold(s, 10_000)).ok).toBe(true);
        expect(await store.commitBooking(makeBooking(s), 'forged')).toEqual({ ok: false, reason: 'hold-lost' });
        expect(await store.commitBooking(makeBooking(makeSlot(2)), 'never-held')).toEqual({ ok: false, reason: 'hold-lost' });
      });

      it('never lets two bookings share a reference', async () => {
        const first = await book(makeSlot(1));
        const s2 = makeSlot(2, { territory: '49' });
        const h = await store.hold(s2, 10_000);
        if (!h.ok) throw new Error('hold');
        await expect(store.commitBooking(makeBooking(s2, { ref: first.ref }), h.holdId)).rejects.toThrow(/duplicate booking ref/);
        expect(await store.getBooking(first.ref)).toEqual(first);
      });

      it('stores the booking as pending whatever status it is given', async () => {
        const b = await book(makeSlot(1), { status: 'confirmed' });
        expect(b.status).toBe('pending');
        expect((await store.getBooking(b.ref))?.status).toBe('pending');
      });
    });

    describe('transition', () => {
      it('confirms once; the same transition again changes nothing', async () => {
        const b = await book(makeSlot(1));
        const r1 = await store.transition(b.ref, ['pending'], 'confirmed');
        expect(r1).toMatchObject({ ok: true, changed: true, booking: { status: 'confirmed' } });
        const r2 = await store.transition(b.ref, ['pending'], 'confirmed');
        expect(r2).toMatchObject({ ok: true, changed: false, booking: { status: 'confirmed' } });
        expect((await store.getBooking(b.ref))?.status).toBe('confirmed');
        expect(await store.listBookings({ territory: '44', status: 'pending' })).toEqual({ total: 0, items: [] });
        expect((await store.listBookings({ territory: '44', status: 'confirmed' })).total).toBe(1);
      });

      it('refuses a status change from an unexpected status', async () => {
        const b = await book(makeSlot(1));
        expect(await store.transition(b.ref, ['confirmed'], 'declined')).toEqual({ ok: false, reason: 'bad-status' });
        expect(await store.transition('ZZZ-ZZZ', ['pending'], 'confirmed')).toEqual({ ok: false, reason: 'not-found' });
      });

      it('declining frees the slot and keeps the reason; a freed booking never comes back', async () => {
        const s = makeSlot(1);
        const b = await book(s);
        const r = await store.transition(b.ref, ['pending'], 'declined', { declineReason: 'bénévole absent' });
        expect(r).toMatchObject({ ok: true, changed: true, booking: { status: 'declined', declineReason: 'bénévole absent' } });
        expect(await store.takenAmong([s])).toEqual(new Set());
        await book(s);
        expect(await store.transition(b.ref, ['declined'], 'confirmed')).toEqual({ ok: false, reason: 'bad-status' });
        expect(await store.takenAmong([s])).toEqual(new Set([s.id]));
      });

      it('cancelling frees the slot, twice is harmless and does not free a slot now booked by another', async () => {
        const s = makeSlot(1);
        const b = await book(s);
        expect(await store.transition(b.ref, ['pending', 'confirmed'], 'cancelled')).toMatchObject({ ok: true, changed: true });
        const other = await book(s);
        expect(await store.transition(b.ref, ['pending', 'confirmed'], 'cancelled')).toMatchObject({ ok: true, changed: false });
        expect(await store.takenAmong([s])).toEqual(new Set([s.id]));
        expect((await store.getBooking(other.ref))?.status).toBe('pending');
      });

      it('ignores patches of identity, slot and status fields', async () => {
        const b = await book(makeSlot(1));
        const r = await store.transition(b.ref, ['pending'], 'confirmed', { ref: 'AAA-AAA', slotId: 'x', startsAt: 1, territory: '75', status: 'cancelled', conversationId: 'web-1' });
        expect(r).toMatchObject({ ok: true, booking: { ref: b.ref, slotId: b.slotId, startsAt: b.startsAt, territory: '44', status: 'confirmed', conversationId: 'web-1' } });
        expect(await store.getBooking(b.ref)).toEqual(r.ok ? r.booking : null);
      });

      it('gives one winner when two transitions race', async () => {
        const b = await book(makeSlot(1));
        const [x, y] = await Promise.all([
          store.transition(b.ref, ['pending'], 'confirmed'),
          store.transition(b.ref, ['pending'], 'cancelled'),
        ]);
        const final = (await store.getBooking(b.ref))!.status;
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
        const r = await store.reschedule(b.ref, s2);
        expect(r).toMatchObject({ ok: true, changed: true, booking: { slotId: s2.id, siteId: 'site-2', volunteerId: 'vol-b', startsAt: s2.startsAt, start: s2.start, status: 'pending' } });
        expect(await store.takenAmong([s1, s2])).toEqual(new Set([s2.id]));
        expect((await store.getBooking(b.ref))?.slotId).toBe(s2.id);
        expect((await store.listBookings({ territory: '44', from: s2.startsAt })).items.map((x) => x.ref)).toEqual([b.ref]);
        // Cancelling afterwards frees the new slot.
        await store.transition(b.ref, ['pending'], 'cancelled');
        expect(await store.takenAmong([s1, s2])).toEqual(new Set());
      });

      it('refuses a target slot that is held or booked, and changes nothing', async () => {
        const s1 = makeSlot(1);
        const s2 = makeSlot(2);
        const s3 = makeSlot(3);
        const b = await book(s1);
        expect((await store.hold(s2, 10_000)).ok).toBe(true);
        await book(s3);
        expect(await store.reschedule(b.ref, s2)).toEqual({ ok: false, reason: 'slot-taken' });
        expect(await store.reschedule(b.ref, s3)).toEqual({ ok: false, reason: 'slot-taken' });
        expect(await store.getBooking(b.ref)).toEqual(b);
        expect(await store.takenAmong([s1])).toEqual(new Set([s1.id]));
      });

      it('moves onto the caller\'s own hold in one step, with the status asked, and frees the old slot', async () => {
        const s1 = makeSlot(1);
        const s2 = makeSlot(2);
        const b = await book(s1);
        await store.transition(b.ref, ['pending'], 'confirmed');
        const h = await store.hold(s2, 10_000);
        if (!h.ok) throw new Error('hold failed');
        // Someone else's hold id never takes it.
        expect(await store.reschedule(b.ref, s2, { holdId: 'not-ours', status: 'pending' })).toEqual({ ok: false, reason: 'slot-taken' });
        expect((await store.getBooking(b.ref))?.status).toBe('confirmed');
        const r = await store.reschedule(b.ref, s2, { holdId: h.holdId, status: 'pending' });
        expect(r).toMatchObject({ ok: true, changed: true, booking: { ref: b.ref, slotId: s2.id, status: 'pending' } });
        expect(await store.takenAmong([s1, s2])).toEqual(new Set([s2.id]));
        expect((await store.listBookings({ territory: '44', status: 'pending' })).items.map((x) => x.ref)).toEqual([b.ref]);
        expect((await store.listBookings({ territory: '44', status: 'confirmed' })).total).toBe(0);
        // The hold became the booking: releasing it does nothing, cancelling frees it.
        await store.releaseHold(s2, h.holdId);
        expect(await store.takenAmong([s2])).toEqual(new Set([s2.id]));
        await store.transition(b.ref, ['pending'], 'cancelled');
        expect(await store.takenAmong([s1, s2])).toEqual(new Set());
      });

      it('a hold that expired is not taken: the booking keeps its slot', async () => {
        const s1 = makeSlot(1);
        const s2 = makeSlot(2);
        const b = await book(s1);
        const h = await store.hold(s2, 30);
        if (!h.ok) throw new Error('hold failed');
        await sleep(80);
        expect(await store.reschedule(b.ref, s2, { holdId: h.holdId })).toEqual({ ok: false, reason: 'slot-taken' });
        expect(await store.getBooking(b.ref)).toEqual(b);
        expect(await store.takenAmong([s1, s2])).toEqual(new Set([s1.id]));
      });

      it('same slot → unchanged; cancelled, other territory or unknown → refused', async () => {
        const s1 = makeSlot(1);
        const b = await book(s1);
        expect(await store.reschedule(b.ref, s1)).toMatchObject({ ok: true, changed: false });
        expect(await store.reschedule(b.ref, makeSlot(2, { territory: '49' }))).toEqual({ ok: false, reason: 'bad-status' });
        await store.transition(b.ref, ['pending'], 'cancelled');
        expect(await store.reschedule(b.ref, makeSlot(2))).toEqual({ ok: false, reason: 'bad-status' });
        expect(await store.takenAmong([makeSlot(2)])).toEqual(new Set());
        expect(await store.reschedule('ZZZ-ZZZ', makeSlot(2))).toEqual({ ok: false, reason: 'not-found' });
      });
    });

    describe('queries', () => {
      it('lists bookings of one territory by start, with filters and paging', async () => {
        const b3 = await book(makeSlot(3));
        const b1 = await book(makeSlot(1, { siteId: 'site-2' }));
        const b2 = await book(makeSlot(2));
        const b4 = await book(makeSlot(4, { siteId: 'site-2' }));
        await book(makeSlot(1, { territory: '49' }));
        await store.transition(b2.ref, ['pending'], 'confirmed');

        const all = await store.listBookings({ territory: '44' });
        expect(all.total).toBe(4);
        expect(all.items.map((b) => b.ref)).toEqual([b1.ref, b2.ref, b3.ref, b4.ref]);
        const pending = await store.listBookings({ territory: '44', status: 'pending' });
        expect(pending.items.map((b) => b.ref)).toEqual([b1.ref, b3.ref, b4.ref]);
        const site2 = await store.listBookings({ territory: '44', siteId: 'site-2' });
        expect(site2).toMatchObject({ total: 2 });
        expect(site2.items.map((b) => b.ref)).toEqual([b1.ref, b4.ref]);
        const site2pending = await store.listBookings({ territory: '44', siteId: 'site-2', status: 'pending', offset: 1, limit: 5 });
        expect(site2pending).toMatchObject({ total: 2 });
        expect(site2pending.items.map((b) => b.ref)).toEqual([b4.ref]);
        // from inclusive, to exclusive
        const window = await store.listBookings({ territory: '44', from: b2.startsAt, to: b4.startsAt });
        expect(window.items.map((b) => b.ref)).toEqual([b2.ref, b3.ref]);
        const page = await store.listBookings({ territory: '44', offset: 1, limit: 2 });
        expect(page.total).toBe(4);
        expect(page.items.map((b) => b.ref)).toEqual([b2.ref, b3.ref]);
        expect(await store.listBookings({ territory: '44', offset: 10 })).toEqual({ total: 4, items: [] });
        expect((await store.listBookings({ territory: '49' })).total).toBe(1);
        expect(await store.listBookings({ territory: '75' })).toEqual({ total: 0, items: [] });
      });

      it("finds a phone's bookings across territories", async () => {
        const phone = '+33698765432';
        const a = await book(makeSlot(4), { beneficiary: { name: 'Paul', phone } });
        const b = await book(makeSlot(2, { territory: '49' }), { beneficiary: { name: 'Paul', phone } });
        await book(makeSlot(3));
        const got = await store.bookingsByPhone(phone);
        expect(got.map((x) => x.ref)).toEqual([b.ref, a.ref]);
        expect(await store.bookingsByPhone('+33600000001')).toEqual([]);
        await store.transition(a.ref, ['pending'], 'cancelled');
        expect((await store.bookingsByPhone(phone)).map((x) => x.status)).toEqual(['pending', 'cancelled']);
      });
    });

    describe('purgeBefore', () => {
      it('erases personal data of past appointments and keeps the anonymous record', async () => {
        const phone = '+33611112222';
        const old1 = await book(makeSlot(1), { beneficiary: { name: 'Anne', phone } });
        const old2 = await book(makeSlot(2, { territory: '49' }), { beneficiary: { name: 'Anne', phone } });
        await store.transition(old2.ref, ['pending'], 'declined', { declineReason: 'Anne est malade' });
        const later = await book(makeSlot(10), { beneficiary: { name: 'Anne', phone } });

        expect(await store.purgeBefore(makeSlot(5).startsAt)).toBe(2);
        const erased = (await store.getBooking(old1.ref))!;
        expect(erased).toMatchObject({ ref: old1.ref, status: 'pending', topic: 'caf', territory: '44', siteId: old1.siteId, startsAt: old1.startsAt });
        expect(erased.beneficiary).toEqual({ name: ERASED_NAME, phone: ERASED_PHONE });
        expect(erased.conversationId).toBeUndefined();
        const erased2 = (await store.getBooking(old2.ref))!;
        expect(erased2.status).toBe('declined');
        expect(erased2.declineReason).toBeUndefined();
        expect(JSON.stringify([erased, erased2])).not.toMatch(/Anne|1111/);

        expect((await store.bookingsByPhone(phone)).map((b) => b.ref)).toEqual([later.ref]);
        expect(await store.bookingsByPhone(ERASED_PHONE)).toEqual([]);
        expect((await store.getBooking(later.ref))!.beneficiary.name).toBe('Anne');
        expect((await store.listBookings({ territory: '44' })).total).toBe(2);
        expect(await store.purgeBefore(makeSlot(5).startsAt)).toBe(0);
        // A booking still occupying its slot keeps it after the purge.
        expect(await store.takenAmong([makeSlot(1)])).toEqual(new Set([makeSlot(1).id]));
      });

      it('erases one booking on request, whatever its date', async () => {
        const phone = '+33611113333';
        const b = await book(makeSlot(20), { beneficiary: { name: 'Bernard', phone } });
        await store.transition(b.ref, ['pending'], 'cancelled');
        expect(await store.eraseBooking(b.ref)).toBe(true);
        expect(await store.eraseBooking(b.ref)).toBe(false);
        expect(await store.eraseBooking('ZZZ-ZZZ')).toBe(false);
        expect((await store.getBooking(b.ref))!.beneficiary).toEqual({ name: ERASED_NAME, phone: ERASED_PHONE });
        expect(await store.bookingsByPhone(phone)).toEqual([]);
      });
    });

    describe('small keys', () => {
      it('opt-out is stored and can be lifted', async () => {
        expect(await store.isOptedOut('+33612345678')).toBe(false);
        await store.setOptOut('+33612345678', true);
        await store.setOptOut('+33612345678', true);
        expect(await store.isOptedOut('+33612345678')).toBe(true);
        expect(await store.isOptedOut('+33612345679')).toBe(false);
        await store.setOptOut('+33612345678', false);
        expect(await store.isOptedOut('+33612345678')).toBe(false);
      });

      it('firstSeen is true once per ttl', async () => {
        const seen = await Promise.all([1, 2, 3].map(() => store.firstSeen('SM123', 60)));
        expect(seen.filter(Boolean)).toHaveLength(1);
        expect(await store.firstSeen('SM124', 60)).toBe(true);
        await sleep(120);
        expect(await store.firstSeen('SM123', 60)).toBe(true);
      });
    });

    describe('withLock', () => {
      it('serialises the runs of one key with increasing fencing tokens', async () => {
        let inside = 0;
        let maxInside = 0;
        const order: number[] = [];
        const run = (i: number) => store.withLock('conv-1', async (token) => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          order.push(token);
          await sleep(i % 3);
          inside--;
          return i;
        });
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => run(i)));
        expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i));
        expect(maxInside).toBe(1);
        expect(order).toHaveLength(12);
        for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]);
      });

      it('keeps a lock past its TTL while the holder runs (renewed), and nobody takes it meanwhile', async () => {
        // Short TTLs only work because the holder renews them (issue 9): a turn longer than
        // the TTL must keep its lock, a dead holder gives it up after one TTL.
        let inside = true;
        const long = store.withLock('conv-renew', async () => { await sleep(700); inside = false; return 'done'; }, { ttlMs: 200 });
        await sleep(50);
        await expect(store.withLock('conv-renew', async () => inside, { waitMs: 400 })).rejects.toThrow(/lock timeout/);
        expect(await long).toBe('done');
        expect(await store.withLock('conv-renew', async () => inside)).toBe(false);
      });

      it('does not block other keys, releases after a throw, times out when busy', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => { release = r; });
        const long = store.withLock('conv-a', () => gate);
        await sleep(20);
        expect(await store.withLock('conv-b', async () => 'b')).toBe('b');
        await expect(store.withLock('conv-a', async () => 'late', { waitMs: 60 })).rejects.toThrow(/lock timeout/);
        release();
        await long;
        await expect(store.withLock('conv-a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
        expect(await store.withLock('conv-a', async () => 'free')).toBe('free');
      });
    });

    describe('withLockedDoc', () => {
      it('reads the document with the lock and writes it on release; runs of one key never overlap', async () => {
        await store.writeDocs({ 'c-1': { value: { n: 0 } } });
        let inside = 0;
        let maxInside = 0;
        const tokens: number[] = [];
        const run = (i: number) => store.withLockedDoc('c-1', async (turn) => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          tokens.push(turn.fencingToken);
          const n = (turn.doc?.value as { n: number }).n;
          await sleep(i % 3);
          inside--;
          await turn.saveAndRelease({ n: n + 1 }, turn.doc?.eTag);
        });
        await Promise.all(Array.from({ length: 10 }, (_, i) => run(i)));
        expect(maxInside).toBe(1);
        expect((await store.readDocs(['c-1']))['c-1'].value).toEqual({ n: 10 }); // no lost update
        for (let i = 1; i < tokens.length; i++) expect(tokens[i]).toBeGreaterThan(tokens[i - 1]);
      });

      it('sees no document when there is none; releases without a write; releases after a throw', async () => {
        const seen = await store.withLockedDoc('c-new', async (turn) => turn.doc);
        expect(seen).toBeUndefined();
        expect(await store.readDocs(['c-new'])).toEqual({});
        await expect(store.withLockedDoc('c-new', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
        expect(await store.withLockedDoc('c-new', async () => 'free', { waitMs: 200 })).toBe('free');
        await store.withLockedDoc('c-new', (turn) => turn.saveAndRelease({ a: 1 }));
        const doc = await store.withLockedDoc('c-new', async (turn) => turn.doc, { waitMs: 200 });
        expect(doc?.value).toEqual({ a: 1 });
        expect(doc?.eTag).toBe((await store.readDocs(['c-new']))['c-new'].eTag);
      });

      it('keeps eTag rules: a stale eTag writes nothing, rejects, and still releases the lock', async () => {
        await store.writeDocs({ 'c-2': { value: 'v1' } });
        await expect(store.withLockedDoc('c-2', async (turn) => {
          await store.writeDocs({ 'c-2': { value: 'meanwhile' } }); // a writer that did not take the lock
          await turn.saveAndRelease('v2', turn.doc?.eTag);
        })).rejects.toThrow(/eTag conflict/);
        expect((await store.readDocs(['c-2']))['c-2'].value).toBe('meanwhile');
        expect(await store.withLockedDoc('c-2', async (turn) => turn.doc?.value, { waitMs: 200 })).toBe('meanwhile');
        await store.withLockedDoc('c-2', (turn) => turn.saveAndRelease('forced', '*'));
        expect((await store.readDocs(['c-2']))['c-2'].value).toBe('forced');
      });

      it('blocks the same key, not others, and times out when busy', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => { release = r; });
        const long = store.withLockedDoc('c-a', () => gate);
        await sleep(20);
        expect(await store.withLockedDoc('c-b', async () => 'b')).toBe('b');
        expect(await store.withLock('c-a', async () => 'named lock')).toBe('named lock'); // its own namespace
        await expect(store.withLockedDoc('c-a', async () => 'late', { waitMs: 60 })).rejects.toThrow(/lock timeout/);
        release();
        await long;
      });
    });

    describe('documents', () => {
      it('round-trips JSON values with an eTag; unknown keys are absent', async () => {
        expect(await store.readDocs(['a', 'b'])).toEqual({});
        await store.writeDocs({ a: { value: { n: 1, s: 'é', list: [1, { x: null }] } }, b: { value: 'text' } });
        const got = await store.readDocs(['a', 'b', 'c']);
        expect(Object.keys(got).sort()).toEqual(['a', 'b']);
        expect(got.a.value).toEqual({ n: 1, s: 'é', list: [1, { x: null }] });
        expect(got.b.value).toBe('text');
        expect(typeof got.a.eTag).toBe('string');
        expect(got.a.eTag).not.toBe(got.b.eTag);
      });

      it('follows botbuilder eTag rules', async () => {
        await store.writeDocs({ k: { value: { v: 1 } } });
        const e1 = (await store.readDocs(['k'])).k.eTag;
        await store.writeDocs({ k: { value: { v: 2 }, eTag: e1 } });
        const e2 = (await store.readDocs(['k'])).k.eTag;
        expect(e2).not.toBe(e1);
        // Stale eTag: rejected, value unchanged.
        await expect(store.writeDocs({ k: { value: { v: 3 }, eTag: e1 } })).rejects.toThrow(/eTag conflict/);
        expect((await store.readDocs(['k'])).k).toEqual({ value: { v: 2 }, eTag: e2 });
        // '*' and no eTag: unconditional.
        await store.writeDocs({ k: { value: { v: 4 }, eTag: '*' } });
        await store.writeDocs({ k: { value: { v: 5 } } });
        expect((await store.readDocs(['k'])).k.value).toEqual({ v: 5 });
        // An eTag for a key that does not exist (any more): written, like MemoryStorage.
        await store.writeDocs({ fresh: { value: 1, eTag: 'whatever' } });
        expect((await store.readDocs(['fresh'])).fresh.value).toBe(1);
      });

      it('two writers with the same eTag: exactly one wins', async () => {
        await store.writeDocs({ k: { value: 0 } });
        const e = (await store.readDocs(['k'])).k.eTag;
        const r = await Promise.allSettled([1, 2].map((v) => store.writeDocs({ k: { value: v, eTag: e } })));
        expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
        const rejected = r.find((x) => x.status === 'rejected') as PromiseRejectedResult;
        expect(String(rejected.reason)).toMatch(/eTag conflict/);
      });

      it('deletes documents', async () => {
        await store.writeDocs({ a: { value: 1 }, b: { value: 2 } });
        await store.deleteDocs(['a', 'missing']);
        await store.deleteDocs([]);
        expect(Object.keys(await store.readDocs(['a', 'b']))).toEqual(['b']);
      });
    });

    describe('counters and logs', () => {
      it('counts hits in a fixed window that expires', async () => {
        expect(await store.countHit('n1', 200)).toBe(1);
        expect(await store.countHit('n1', 200)).toBe(2);
        expect(await store.countHit('n2', 200)).toBe(1);
        await new Promise((r) => setTimeout(r, 260));
        expect(await store.countHit('n1', 200)).toBe(1);
      });

      it('reads a counter without counting, 0 once its window is over', async () => {
        expect(await store.hitCount('p1')).toBe(0);
        await store.countHit('p1', 200);
        await store.countHit('p1', 200);
        expect(await store.hitCount('p1')).toBe(2);
        expect(await store.hitCount('p1')).toBe(2);
        await new Promise((r) => setTimeout(r, 260));
        expect(await store.hitCount('p1')).toBe(0);
      });

      it('appends to a log and reads from a watermark', async () => {
        expect(await store.appendLog('c', ['a', 'b'], 10_000)).toBe(2);
        expect(await store.appendLog('c', ['c'], 10_000)).toBe(3);
        expect(await store.appendLog('c', [], 10_000)).toBe(3);
        expect(await store.readLog('c', 0)).toEqual(['a', 'b', 'c']);
        expect(await store.readLog('c', 2)).toEqual(['c']);
        expect(await store.readLog('c', 1, 1)).toEqual(['b']);
        expect(await store.readLog('c', 5)).toEqual([]);
        expect(await store.readLog('other', 0)).toEqual([]);
      });

      it('forgets a log after its ttl', async () => {
        await store.appendLog('short', ['x'], 100);
        await new Promise((r) => setTimeout(r, 180));
        expect(await store.readLog('short', 0)).toEqual([]);
      });
    });

    describe('records', () => {
      it('keeps permanent records by namespace, lists them by id, deletes them', async () => {
        await store.putRecord('accounts', 'b', { name: 'B', n: 2 });
        await store.putRecord('accounts', 'a', { name: 'A' });
        await store.putRecord('other', 'a', 'x');
        expect(await store.getRecord('accounts', 'a')).toEqual({ name: 'A' });
        expect(await store.getRecord('accounts', 'missing')).toBeNull();
        expect(await store.listRecords('accounts')).toEqual([{ id: 'a', value: { name: 'A' } }, { id: 'b', value: { name: 'B', n: 2 } }]);
        await store.putRecord('accounts', 'a', { name: 'A2' });
        expect(await store.getRecord('accounts', 'a')).toEqual({ name: 'A2' });
        expect(await store.deleteRecord('accounts', 'a')).toBe(true);
        expect(await store.deleteRecord('accounts', 'a')).toBe(false);
        expect(await store.listRecords('accounts')).toEqual([{ id: 'b', value: { name: 'B', n: 2 } }]);
        expect(await store.listRecords('other')).toEqual([{ id: 'a', value: 'x' }]);
        expect(await store.listRecords('empty')).toEqual([]);
      });
    });

    describe('attendance', () => {
      it('records seen / no-show / excused on a live booking, once; never on a cancelled one', async () => {
        const b = await book(makeSlot(1));
        const r1 = await store.setAttendance(b.ref, 'noshow');
        expect(r1).toMatchObject({ ok: true, changed: true, booking: { attendance: 'noshow', status: 'pending' } });
        expect(await store.setAttendance(b.ref, 'noshow')).toMatchObject({ ok: true, changed: false });
        expect((await store.setAttendance(b.ref, 'excused'))).toMatchObject({ ok: true, changed: true });
        expect(await store.getBooking(b.ref)).toMatchObject({ attendance: 'excused' });
        expect((await store.listBookings({ territory: b.territory, status: 'pending' })).items.map((x) => x.ref)).toEqual([b.ref]);
        const c = await book(makeSlot(2));
        await store.transition(c.ref, ['pending'], 'cancelled');
        expect(await store.setAttendance(c.ref, 'seen')).toEqual({ ok: false, reason: 'bad-status' });
        expect(await store.setAttendance('ZZZ-ZZZ', 'seen')).toEqual({ ok: false, reason: 'not-found' });
      });
    });

    describe('catalogue', () => {
      it('starts empty at version 0, then moves one version per write', async () => {
        expect(await store.catalogueVersion()).toBe(0);
        expect(await store.readCatalogue()).toBeNull();
        expect(await store.writeCatalogue({ a: 1 }, 0)).toEqual({ ok: true, version: 1 });
        expect(await store.readCatalogue()).toEqual({ version: 1, doc: { a: 1 } });
        expect(await store.writeCatalogue({ a: 2 }, 1)).toEqual({ ok: true, version: 2 });
        expect(await store.catalogueVersion()).toBe(2);
      });

      it('refuses a write based on an old version and keeps the stored document', async () => {
        await store.writeCatalogue({ a: 1 }, 0);
        expect(await store.writeCatalogue({ a: 'late' }, 0)).toEqual({ ok: false, version: 1 });
        const racers = await Promise.all([store.writeCatalogue({ w: 1 }, 1), store.writeCatalogue({ w: 2 }, 1)]);
        expect(racers.filter((r) => r.ok)).toHaveLength(1);
        const won = racers.findIndex((r) => r.ok) + 1;
        expect(await store.readCatalogue()).toEqual({ version: 2, doc: { w: won } });
      });
    });

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
