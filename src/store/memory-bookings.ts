// Slots and bookings in one process: the same rules as the Redis scripts. A hold or a commit
// checks and writes with no await in between (the single thread makes it atomic); a change of
// a booking goes through the shared compare-and-set, which compares the object stored.
import crypto from 'node:crypto';
import { planAttendance, planReschedule, planTransition, type Change } from '../booking/changes';
import { hasPersonalData, planErasure } from '../booking/erasure';
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import { DuplicateRefError } from '../booking/refcode';
import { byStart, matchesQuery, pageOf } from './booking-query';
import type { BookingQuery, BookingsPort, CommitResult, HoldResult, MoveOptions, TransitionResult } from './bookings';
import { compareAndSet, ERASE_ANSWERS, TRANSITION_ANSWERS, type Applied, type CasAnswers, type CasReply } from './compare-and-set';
import { clone, TtlMap } from './memory-ttl';
import { bookedSlotExpiry } from './ttl';

/** What the in-memory workshops need of the bookings: seats are bookings too. */
export interface BookingSink {
  /** Inserts a new booking with its indexes; throws DuplicateRefError if the ref exists. */
  insert(b: Booking): void;
  get(ref: string): Booking | undefined;
  /** Replaces an existing booking (same ref, same phone). */
  replace(b: Booking): void;
}

export class MemoryBookings implements BookingsPort {
  private readonly slots = new TtlMap<string>();
  private readonly bookings = new Map<string, Booking>();
  private readonly phones = new Map<string, Set<string>>();

  /** seatFreed: a workshop seat booking was cancelled or declined (the workshops free the seat). */
  constructor(private readonly seatFreed: (workshopId: string, ref: string) => void) {}

  sweep(): void { this.slots.sweep(); }

  readonly sink: BookingSink = {
    get: (ref) => this.bookings.get(ref),
    replace: (b) => { if (this.bookings.has(b.ref)) this.bookings.set(b.ref, clone(b)); },
    insert: (b) => {
      if (this.bookings.has(b.ref)) throw new DuplicateRefError(b.ref);
      this.insert(clone(b));
    },
  };

  private insert(b: Booking): void {
    this.bookings.set(b.ref, b);
    const refs = this.phones.get(b.beneficiary.phone) ?? new Set<string>();
    refs.add(b.ref);
    this.phones.set(b.beneficiary.phone, refs);
  }

  private slotKey(territory: string, slotId: string): string { return `${territory}\u0000${slotId}`; }

  async takenAmong(slots: readonly Slot[]): Promise<Set<string>> {
    return new Set(slots.filter((s) => this.slots.get(this.slotKey(s.territory, s.id)) !== undefined).map((s) => s.id));
  }

  async hold(slot: Slot, ttlMs: number): Promise<HoldResult> {
    const k = this.slotKey(slot.territory, slot.id);
    if (this.slots.get(k) !== undefined) return { ok: false };
    const holdId = crypto.randomBytes(12).toString('hex');
    this.slots.set(k, holdId, Date.now() + ttlMs);
    return { ok: true, holdId };
  }

  async releaseHold(slot: Slot, holdId: string): Promise<void> {
    const k = this.slotKey(slot.territory, slot.id);
    if (this.slots.get(k) === holdId) this.slots.delete(k);
  }

  async commit(booking: Booking, holdId: string): Promise<CommitResult> {
    const k = this.slotKey(booking.territory, booking.slotId);
    if (this.slots.get(k) !== holdId) return { ok: false, reason: 'hold-lost' };
    if (this.bookings.has(booking.ref)) throw new DuplicateRefError(booking.ref);
    const stored: Booking = { ...clone(booking), status: 'pending' };
    this.slots.set(k, stored.ref, bookedSlotExpiry(stored.startsAt, Date.now()));
    this.insert(stored);
    return { ok: true, booking: clone(stored) };
  }

  async get(ref: string): Promise<Booking | null> {
    const b = this.bookings.get(ref);
    return b ? clone(b) : null;
  }

  async byPhone(phone: string): Promise<Booking[]> {
    const out: Booking[] = [];
    for (const ref of this.phones.get(phone) ?? []) {
      const b = this.bookings.get(ref);
      if (b && b.beneficiary.phone === phone) out.push(clone(b));
    }
    return out.sort(byStart);
  }

  async list(q: BookingQuery): Promise<{ total: number; items: Booking[] }> {
    const all = [...this.bookings.values()].filter((b) => matchesQuery(b, q)).sort(byStart);
    const { offset, limit } = pageOf(q);
    return { total: all.length, items: all.slice(offset, offset + limit).map(clone) };
  }

  /**
   * One change of one booking through the shared compare-and-set. Every write stores a new
   * object: the one read still stored means nobody wrote in between (an await lies between).
   */
  private change<R>(ref: string, decide: (b: Booking) => Change, write: (read: Booking, change: Applied) => CasReply, answers: CasAnswers<R>): Promise<R> {
    return compareAndSet(`change of ${ref}`, {
      read: async () => { const stored = this.bookings.get(ref); return stored ? { booking: clone(stored), stored } : null; },
      decide,
      write: async (read, change) => (this.bookings.get(ref) === read.stored ? write(read.booking, change) : 'retry'),
      answers,
    });
  }

  async transition(ref: string, from: readonly BookingStatus[], to: BookingStatus, patch?: Partial<Booking>): Promise<TransitionResult> {
    return this.change(ref, (cur) => planTransition(cur, from, to, patch, Date.now()), (read, change) => {
      if (change.freeSlot) this.freeSlot(read);
      this.bookings.set(ref, clone(change.next));
      return 'ok';
    }, TRANSITION_ANSWERS);
  }

  async setAttendance(ref: string, attendance: Attendance): Promise<TransitionResult> {
    return this.change(ref, (cur) => planAttendance(cur, attendance, Date.now()), (_read, change) => {
      this.bookings.set(ref, clone(change.next));
      return 'ok';
    }, TRANSITION_ANSWERS);
  }

  async reschedule(ref: string, to: Slot, opts: MoveOptions = {}): Promise<TransitionResult> {
    return this.change(ref, (cur) => planReschedule(cur, to, Date.now(), opts.status), (read, change) => {
      const k = this.slotKey(to.territory, to.id);
      // No hold id: the slot must be free (undefined); with one: it must be that hold.
      if (this.slots.get(k) !== opts.holdId) return 'slot-taken';
      this.slots.set(k, ref, bookedSlotExpiry(to.startsAt, Date.now()));
      this.freeSlot(read);
      this.bookings.set(ref, clone(change.next));
      return 'ok';
    }, TRANSITION_ANSWERS);
  }

  private freeSlot(b: Booking): void {
    if (b.kind === 'workshop' && b.workshopId) this.seatFreed(b.workshopId, b.ref);
    const k = this.slotKey(b.territory, b.slotId);
    if (this.slots.get(k) === b.ref) this.slots.delete(k);
  }

  /** The booking no longer names the phone: its index entry goes with the data. */
  private forgetPhone(b: Booking): void {
    const refs = this.phones.get(b.beneficiary.phone);
    refs?.delete(b.ref);
    if (refs && refs.size === 0) this.phones.delete(b.beneficiary.phone);
  }

  async purgeBefore(before: number): Promise<number> {
    let n = 0;
    for (const b of [...this.bookings.values()]) {
      if (b.startsAt >= before || !hasPersonalData(b)) continue;
      if (await this.erase(b.ref)) n++;
    }
    return n;
  }

  async erase(ref: string): Promise<boolean> {
    return this.change(ref, (cur) => planErasure(cur, Date.now()), (read, change) => {
      this.forgetPhone(read);
      this.bookings.set(ref, clone(change.next));
      return 'ok';
    }, ERASE_ANSWERS);
  }
}
