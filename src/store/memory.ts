// In-process store: the embedded default for a first try and for tests. Same semantics as
// RedisStore (one contract suite); nothing survives a restart and nothing is shared between
// processes. Expiry is checked lazily against Date.now(), with a periodic sweep so that
// forgotten keys do not pile up.
import crypto from 'node:crypto';
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import type { BookingQuery, CommitResult, HoldResult, MoveOptions, Store, TransitionResult } from './store';
import {
  DuplicateRefError, anonymise, byStart, hasPersonalData, matchesQuery, pageOf, planAttendance, planReschedule, planTransition,
} from './lifecycle';
import { MemoryCatalogue } from './memory-catalogue';
import { MemoryCounters } from './memory-counters';
import { MemoryDocuments } from './memory-documents';
import { MemoryLogs } from './memory-logs';
import { MemoryRecords } from './memory-records';
import { clone, TtlMap } from './memory-ttl';
import { MemoryWorkshops } from './memory-workshops';
import { bookedSlotExpiry, DEFAULT_DOC_TTL_MS } from './ttl';

export interface MemoryStoreOptions { docTtlMs?: number; sweepEveryMs?: number }

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly slots = new TtlMap<string>();
  private readonly bookings = new Map<string, Booking>();
  private readonly phones = new Map<string, Set<string>>();
  private readonly sweeper: NodeJS.Timeout;
  readonly documents: MemoryDocuments;
  readonly counters = new MemoryCounters();
  readonly logs = new MemoryLogs();
  readonly records = new MemoryRecords();
  readonly catalogue = new MemoryCatalogue();
  readonly workshops = new MemoryWorkshops({
    has: (ref) => this.bookings.has(ref),
    get: (ref) => this.bookings.get(ref),
    replace: (b) => { if (this.bookings.has(b.ref)) this.bookings.set(b.ref, clone(b)); },
    insert: (b) => {
      if (this.bookings.has(b.ref)) throw new DuplicateRefError(b.ref);
      this.bookings.set(b.ref, clone(b));
      const refs = this.phones.get(b.beneficiary.phone) ?? new Set<string>();
      refs.add(b.ref);
      this.phones.set(b.beneficiary.phone, refs);
    },
  });

  constructor(opts: MemoryStoreOptions = {}) {
    this.documents = new MemoryDocuments(opts.docTtlMs ?? DEFAULT_DOC_TTL_MS);
    this.sweeper = setInterval(() => { this.slots.sweep(); this.documents.sweep(); this.counters.sweep(); this.logs.sweep(); }, opts.sweepEveryMs ?? 60_000);
    this.sweeper.unref();
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

  async commitBooking(booking: Booking, holdId: string): Promise<CommitResult> {
    const k = this.slotKey(booking.territory, booking.slotId);
    if (this.slots.get(k) !== holdId) return { ok: false, reason: 'hold-lost' };
    if (this.bookings.has(booking.ref)) throw new DuplicateRefError(booking.ref);
    const stored: Booking = { ...clone(booking), status: 'pending' };
    this.slots.set(k, stored.ref, bookedSlotExpiry(stored.startsAt, Date.now()));
    this.bookings.set(stored.ref, stored);
    const refs = this.phones.get(stored.beneficiary.phone) ?? new Set<string>();
    refs.add(stored.ref);
    this.phones.set(stored.beneficiary.phone, refs);
    return { ok: true, booking: clone(stored) };
  }

  async getBooking(ref: string): Promise<Booking | null> {
    const b = this.bookings.get(ref);
    return b ? clone(b) : null;
  }

  async bookingsByPhone(phone: string): Promise<Booking[]> {
    const out: Booking[] = [];
    for (const ref of this.phones.get(phone) ?? []) {
      const b = this.bookings.get(ref);
      if (b && b.beneficiary.phone === phone) out.push(clone(b));
    }
    return out.sort(byStart);
  }

  async listBookings(q: BookingQuery): Promise<{ total: number; items: Booking[] }> {
    const all = [...this.bookings.values()].filter((b) => matchesQuery(b, q)).sort(byStart);
    const { offset, limit } = pageOf(q);
    return { total: all.length, items: all.slice(offset, offset + limit).map(clone) };
  }

  async transition(ref: string, from: readonly BookingStatus[], to: BookingStatus, patch?: Partial<Booking>): Promise<TransitionResult> {
    const cur = this.bookings.get(ref);
    if (!cur) return { ok: false, reason: 'not-found' };
    const plan = planTransition(cur, from, to, patch, Date.now());
    if (plan.kind === 'noop') return { ok: true, booking: clone(cur), changed: false };
    if (plan.kind === 'bad-status') return { ok: false, reason: 'bad-status' };
    const next = clone(plan.next);
    if (plan.freeSlot) this.freeSlot(cur);
    this.bookings.set(ref, next);
    return { ok: true, booking: clone(next), changed: true };
  }

  async setAttendance(ref: string, attendance: Attendance): Promise<TransitionResult> {
    const cur = this.bookings.get(ref);
    if (!cur) return { ok: false, reason: 'not-found' };
    const plan = planAttendance(cur, attendance, Date.now());
    if (plan.kind === 'noop') return { ok: true, booking: clone(cur), changed: false };
    if (plan.kind === 'bad-status') return { ok: false, reason: 'bad-status' };
    this.bookings.set(ref, clone(plan.next));
    return { ok: true, booking: clone(plan.next), changed: true };
  }

  async reschedule(ref: string, to: Slot, opts: MoveOptions = {}): Promise<TransitionResult> {
    const cur = this.bookings.get(ref);
    if (!cur) return { ok: false, reason: 'not-found' };
    const plan = planReschedule(cur, to, Date.now(), opts.status);
    if (plan.kind === 'noop') return { ok: true, booking: clone(cur), changed: false };
    if (plan.kind === 'bad-status') return { ok: false, reason: 'bad-status' };
    const k = this.slotKey(to.territory, to.id);
    if (this.slots.get(k) !== opts.holdId) return { ok: false, reason: 'slot-taken' };
    this.slots.set(k, ref, bookedSlotExpiry(to.startsAt, Date.now()));
    this.freeSlot(cur);
    this.bookings.set(ref, clone(plan.next));
    return { ok: true, booking: clone(plan.next), changed: true };
  }

  private freeSlot(b: Booking): void {
    if (b.kind === 'workshop' && b.workshopId) this.workshops.release(b.workshopId, b.ref);
    const k = this.slotKey(b.territory, b.slotId);
    if (this.slots.get(k) === b.ref) this.slots.delete(k);
  }

  async purgeBefore(before: number): Promise<number> {
    let n = 0;
    const now = Date.now();
    for (const [ref, b] of this.bookings) {
      if (b.startsAt >= before || !hasPersonalData(b)) continue;
      const refs = this.phones.get(b.beneficiary.phone);
      refs?.delete(ref);
      if (refs && refs.size === 0) this.phones.delete(b.beneficiary.phone);
      this.bookings.set(ref, anonymise(b, now));
      n++;
    }
    return n;
  }

  async eraseBooking(ref: string): Promise<boolean> {
    const b = this.bookings.get(ref);
    if (!b || !hasPersonalData(b)) return false;
    const refs = this.phones.get(b.beneficiary.phone);
    refs?.delete(ref);
    if (refs && refs.size === 0) this.phones.delete(b.beneficiary.phone);
    this.bookings.set(ref, anonymise(b, Date.now()));
    return true;
  }

  async ping(): Promise<boolean> { return true; }
  async close(): Promise<void> { clearInterval(this.sweeper); }
}
