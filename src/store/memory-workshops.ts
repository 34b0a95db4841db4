// In-process workshops: same rules as the Redis scripts (a seat's move or switch through the
// shared compare-and-set, like the bookings), made atomic by the
// single thread (no await between a check and its write).
import type { Booking } from '../booking/model';
import { territoryOfWorkshop, type Offer, type WaitEntry, type Workshop, type WorkshopView } from '../booking/workshop';
import { planSeatMove, planSeatSwitch } from '../booking/changes';
import { compareAndSet, MOVE_ANSWERS, SEAT_ANSWERS } from './compare-and-set';
import type { BookingSink } from './memory-bookings';
import { clone } from './memory-ttl';
import type { ChangeResult, ClaimResult, JoinResult, SeatResult, WorkshopsPort } from './workshops';

interface State {
  w: Workshop;
  seats: Set<string>;
  offers: Map<string, Offer>;
  /** In arrival order. */
  waiting: WaitEntry[];
}

export class MemoryWorkshops implements WorkshopsPort {
  private readonly all = new Map<string, State>();

  constructor(private readonly sink: BookingSink) {}

  /** A seat booking was cancelled or declined: its seat is free. */
  release(workshopId: string, ref: string): void {
    this.all.get(workshopId)?.seats.delete(ref);
  }

  private view(s: State): WorkshopView {
    return { ...clone(s.w), seatsTaken: s.seats.size, seatsOffered: s.offers.size, waiting: s.waiting.length };
  }

  private live(s: State, now: number): number {
    let n = 0;
    for (const o of s.offers.values()) if (o.expiresAt > now) n++;
    return n;
  }

  async saveWorkshop(w: Workshop): Promise<void> {
    if (!territoryOfWorkshop(w.id)) throw new Error(`bad workshop id ${w.id}`);
    const s = this.all.get(w.id);
    if (s) s.w = clone(w);
    else this.all.set(w.id, { w: clone(w), seats: new Set(), offers: new Map(), waiting: [] });
  }

  async changeWorkshop(next: Workshop, expectedUpdatedAt: number, now: number): Promise<ChangeResult> {
    const s = this.all.get(next.id);
    const closed = this.closedReason(s, now);
    if (closed || !s) return { ok: false, reason: closed ?? 'not-found' };
    if (s.w.updatedAt !== expectedUpdatedAt) return { ok: false, reason: 'retry' };
    const taken = s.seats.size + this.live(s, now);
    if (taken > next.seats) return { ok: false, reason: 'below', taken };
    s.w = clone(next);
    return { ok: true };
  }

  /** The seat booking (a copy) and the object stored: still stored at the write = nobody wrote in between. */
  private async readSeat(ref: string): Promise<{ booking: Booking; stored: Booking } | null> {
    const stored = this.sink.get(ref);
    return stored ? { booking: clone(stored), stored } : null;
  }

  async moveSeat(ref: string, w: Workshop): Promise<{ booking: Booking; changed: boolean } | null> {
    return compareAndSet(`moving seat ${ref}`, {
      read: () => this.readSeat(ref),
      decide: (cur) => planSeatMove(cur, w, Date.now()),
      write: async ({ stored }, { next }) => {
        if (this.sink.get(ref) !== stored) return 'retry';
        this.sink.replace(next);
        return 'ok';
      },
      answers: MOVE_ANSWERS,
    });
  }

  async switchSeat(ref: string, to: Workshop, now: number): Promise<SeatResult> {
    return compareAndSet(`switching seat ${ref}`, {
      read: () => this.readSeat(ref),
      decide: (cur) => planSeatSwitch(cur, to, now),
      write: async ({ booking, stored }, { next }) => {
        if (this.sink.get(ref) !== stored) return 'retry';
        const s = this.all.get(to.id);
        const closed = this.closedReason(s, now);
        if (closed || !s) return closed ?? 'not-found';
        if (this.stale(s, next)) return 'changed';
        if (s.waiting.length > 0 || s.seats.size + this.live(s, now) >= s.w.seats) return 'full';
        this.release(booking.workshopId!, ref);
        s.seats.add(ref);
        this.sink.replace(next);
        return 'ok';
      },
      answers: SEAT_ANSWERS,
    });
  }

  /** The booking was built from the workshop as it is now (not before a change). */
  private stale(s: State, b: Booking): boolean {
    return b.startsAt !== s.w.startsAt || b.siteId !== s.w.siteId;
  }

  async getWorkshop(id: string): Promise<WorkshopView | null> {
    const s = this.all.get(id);
    return s ? this.view(s) : null;
  }

  async listWorkshops(territory: string, q: { from?: number; to?: number } = {}): Promise<WorkshopView[]> {
    return [...this.all.values()]
      .filter((s) => s.w.territory === territory && (q.from === undefined || s.w.startsAt >= q.from) && (q.to === undefined || s.w.startsAt < q.to))
      .sort((a, b) => a.w.startsAt - b.w.startsAt || (a.w.id < b.w.id ? -1 : 1))
      .map((s) => this.view(s));
  }

  private closedReason(s: State | undefined, now: number): 'not-found' | 'closed' | 'started' | null {
    if (!s) return 'not-found';
    if (s.w.status !== 'scheduled') return 'closed';
    if (s.w.startsAt <= now) return 'started';
    return null;
  }

  async takeSeat(booking: Booking, now: number): Promise<SeatResult> {
    const s = this.all.get(booking.workshopId ?? '');
    const closed = this.closedReason(s, now);
    if (closed || !s) return { ok: false, reason: closed ?? 'not-found' };
    if (this.stale(s, booking)) return { ok: false, reason: 'changed' };
    if (s.waiting.length > 0 || s.seats.size + this.live(s, now) >= s.w.seats) return { ok: false, reason: 'full' };
    const b = clone(booking);
    this.sink.insert(b);
    s.seats.add(b.ref);
    return { ok: true, booking: clone(b) };
  }

  async seatRefs(workshopId: string): Promise<string[]> {
    return [...(this.all.get(workshopId)?.seats ?? [])].sort();
  }

  async joinWaitlist(workshopId: string, entry: WaitEntry): Promise<JoinResult> {
    const s = this.all.get(workshopId);
    if (!s) return { ok: false, reason: 'not-found' };
    if (s.w.status !== 'scheduled') return { ok: false, reason: 'closed' };
    if (s.waiting.some((e) => e.phone === entry.phone)) return { ok: false, reason: 'already' };
    // Arrival order, even within one millisecond.
    s.waiting.push(clone(entry));
    return { ok: true, position: s.waiting.length };
  }

  async waitlist(workshopId: string): Promise<WaitEntry[]> {
    return clone(this.all.get(workshopId)?.waiting ?? []);
  }

  async leaveWaitlist(workshopId: string, phone: string): Promise<boolean> {
    const s = this.all.get(workshopId);
    const i = s ? s.waiting.findIndex((e) => e.phone === phone) : -1;
    if (!s || i < 0) return false;
    s.waiting.splice(i, 1);
    return true;
  }

  async offerNext(workshopId: string, now: number, expiresAt: number, offerId: string): Promise<Offer | null> {
    const s = this.all.get(workshopId);
    if (!s || this.closedReason(s, now)) return null;
    if (s.seats.size + this.live(s, now) >= s.w.seats) return null;
    const entry = s.waiting.shift();
    if (!entry) return null;
    const offer: Offer = { id: offerId, workshopId, territory: s.w.territory, entry, expiresAt };
    s.offers.set(offerId, offer);
    return clone(offer);
  }

  async offers(workshopId: string): Promise<Offer[]> {
    return clone([...(this.all.get(workshopId)?.offers.values() ?? [])].sort((a, b) => a.expiresAt - b.expiresAt));
  }

  async expireOffers(workshopId: string, now: number): Promise<Offer[]> {
    const s = this.all.get(workshopId);
    if (!s) return [];
    const gone = [...s.offers.values()].filter((o) => o.expiresAt <= now).sort((a, b) => a.expiresAt - b.expiresAt);
    for (const o of gone) s.offers.delete(o.id);
    return clone(gone);
  }

  async claimOffer(workshopId: string, offerId: string, booking: Booking, now: number): Promise<ClaimResult> {
    const s = this.all.get(workshopId);
    const o = s?.offers.get(offerId);
    if (!s || !o) return { ok: false, reason: 'not-found' };
    if (o.expiresAt <= now) return { ok: false, reason: 'expired' };
    const closed = this.closedReason(s, now);
    if (closed) return { ok: false, reason: closed === 'not-found' ? 'not-found' : closed };
    if (this.stale(s, booking)) return { ok: false, reason: 'changed' };
    const b = clone({ ...booking, workshopId });
    this.sink.insert(b);
    s.offers.delete(offerId);
    s.seats.add(b.ref);
    return { ok: true, booking: clone(b) };
  }

  async dropOffer(workshopId: string, offerId: string): Promise<boolean> {
    return this.all.get(workshopId)?.offers.delete(offerId) ?? false;
  }
}
