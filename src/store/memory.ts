// In-process store: the embedded default for a first try and for tests. Same semantics as
// RedisStore (one contract suite); nothing survives a restart and nothing is shared between
// processes. Expiry is checked lazily against Date.now(), with a periodic sweep so that
// forgotten keys do not pile up.
import crypto from 'node:crypto';
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import type { BookingQuery, CommitResult, HoldResult, LockedDoc, MoveOptions, Store, TransitionResult } from './store';
import {
  DEFAULT_DOC_TTL_MS, DEFAULT_LOCK_WAIT_MS, docTtlFor, DuplicateRefError, ETagConflictError, LockLostError, LockTimeoutError,
  anonymise, bookedSlotExpiry, byStart, hasPersonalData, matchesQuery, pageOf, planAttendance, planReschedule, planTransition,
} from './lifecycle';
import { MemoryWorkshops } from './memory-workshops';

class TtlMap<V> {
  private readonly m = new Map<string, { v: V; exp: number }>();
  get(k: string): V | undefined {
    const e = this.m.get(k);
    if (!e) return undefined;
    if (e.exp <= Date.now()) { this.m.delete(k); return undefined; }
    return e.v;
  }
  set(k: string, v: V, exp = Infinity): void { this.m.set(k, { v, exp }); }
  delete(k: string): void { this.m.delete(k); }
  sweep(): void {
    const now = Date.now();
    for (const [k, e] of this.m) if (e.exp <= now) this.m.delete(k);
  }
}

interface LockState { fence: number; busy: boolean; waiters: Array<() => void> }

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export interface MemoryStoreOptions { docTtlMs?: number; sweepEveryMs?: number }

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly slots = new TtlMap<string>();
  private readonly bookings = new Map<string, Booking>();
  private readonly phones = new Map<string, Set<string>>();
  private readonly optedOut = new Set<string>();
  private readonly hits = new TtlMap<{ count: number }>();
  private readonly logs = new TtlMap<string[]>();
  private readonly seen = new TtlMap<true>();
  private readonly docs = new TtlMap<{ json: string; eTag: string }>();
  private readonly locks = new Map<string, LockState>();
  private readonly records = new Map<string, Map<string, string>>();
  private readonly docTtlMs: number;
  private readonly sweeper: NodeJS.Timeout;
  private eTagCounter = 0;
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
  private catalogue: { version: number; json: string } = { version: 0, json: 'null' };

  constructor(opts: MemoryStoreOptions = {}) {
    this.docTtlMs = opts.docTtlMs ?? DEFAULT_DOC_TTL_MS;
    this.sweeper = setInterval(() => { this.slots.sweep(); this.seen.sweep(); this.docs.sweep(); this.hits.sweep(); this.logs.sweep(); }, opts.sweepEveryMs ?? 60_000);
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

  async setOptOut(phone: string, optedOut: boolean): Promise<void> {
    if (optedOut) this.optedOut.add(phone); else this.optedOut.delete(phone);
  }
  async isOptedOut(phone: string): Promise<boolean> { return this.optedOut.has(phone); }

  async firstSeen(key: string, ttlMs: number): Promise<boolean> {
    if (this.seen.get(key)) return false;
    this.seen.set(key, true, Date.now() + ttlMs);
    return true;
  }

  async countHit(key: string, windowMs: number): Promise<number> {
    const current = this.hits.get(key);
    if (current) { current.count += 1; return current.count; }
    this.hits.set(key, { count: 1 }, Date.now() + windowMs);
    return 1;
  }

  async hitCount(key: string): Promise<number> {
    return this.hits.get(key)?.count ?? 0;
  }

  async appendLog(key: string, entries: readonly string[], ttlMs: number): Promise<number> {
    const log = this.logs.get(key) ?? [];
    log.push(...entries);
    this.logs.set(key, log, Date.now() + ttlMs);
    return log.length;
  }

  async readLog(key: string, from: number, max = 1000): Promise<string[]> {
    const start = Math.max(0, Math.floor(from));
    return (this.logs.get(key) ?? []).slice(start, start + Math.max(1, max));
  }

  async withLock<T>(key: string, fn: (fencingToken: number) => Promise<T>, opts: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
    // One process: a FIFO queue per key. A lock dies with its process, so no TTL is needed.
    const waitMs = opts.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    let st = this.locks.get(key);
    if (!st) { st = { fence: 0, busy: false, waiters: [] }; this.locks.set(key, st); }
    const s = st;
    if (s.busy) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => { clearTimeout(timer); resolve(); };
        const timer = setTimeout(() => {
          const i = s.waiters.indexOf(wake);
          if (i >= 0) s.waiters.splice(i, 1);
          reject(new LockTimeoutError(key, waitMs));
        }, waitMs);
        s.waiters.push(wake);
      });
    }
    // Ownership is handed over directly by the releaser: `busy` stays true in between.
    s.busy = true;
    const token = ++s.fence;
    try {
      return await fn(token);
    } finally {
      const next = s.waiters.shift();
      if (next) next();
      else s.busy = false;
    }
  }

  async withLockedDoc<T>(key: string, fn: (turn: LockedDoc) => Promise<T>, opts: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
    // Its own namespace of locks, as in RedisStore. A lock dies with its process: never lost here.
    return this.withLock(`\u0000doc:${key}`, async (fencingToken) => {
      const d = this.docs.get(key);
      let saved = false;
      return fn({
        fencingToken,
        doc: d ? { value: JSON.parse(d.json), eTag: d.eTag, json: d.json } : undefined,
        saveAndRelease: async (value, eTag, json) => {
          if (saved) throw new LockLostError(key); // released already
          saved = true;
          this.writeDocsJson({ [key]: { json: json ?? JSON.stringify(value ?? null), eTag } });
        },
      });
    }, opts);
  }

  async readDocs(keys: readonly string[]): Promise<Record<string, { value: unknown; eTag: string }>> {
    const out: Record<string, { value: unknown; eTag: string }> = {};
    for (const k of keys) {
      const d = this.docs.get(k);
      if (d) out[k] = { value: JSON.parse(d.json), eTag: d.eTag };
    }
    return out;
  }

  async writeDocs(changes: Record<string, { value: unknown; eTag?: string }>): Promise<void> {
    this.writeDocsJson(Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, { json: JSON.stringify(c.value ?? null), eTag: c.eTag }])));
  }

  private writeDocsJson(changes: Record<string, { json: string; eTag?: string }>): void {
    // botbuilder MemoryStorage rules: a missing key, `*` or no eTag → unconditional write.
    // Every key is checked before any is written, so a conflicting call changes nothing.
    for (const [k, c] of Object.entries(changes)) {
      const cur = this.docs.get(k);
      if (cur && c.eTag && c.eTag !== '*' && c.eTag !== cur.eTag) throw new ETagConflictError(k);
    }
    for (const [k, c] of Object.entries(changes)) {
      this.docs.set(k, { json: c.json, eTag: String(++this.eTagCounter) }, Date.now() + docTtlFor(k, this.docTtlMs));
    }
  }

  async deleteDocs(keys: readonly string[]): Promise<void> {
    for (const k of keys) this.docs.delete(k);
  }

  async putRecord(ns: string, id: string, value: unknown): Promise<void> {
    const m = this.records.get(ns) ?? new Map<string, string>();
    m.set(id, JSON.stringify(value ?? null));
    this.records.set(ns, m);
  }
  async getRecord(ns: string, id: string): Promise<unknown | null> {
    const json = this.records.get(ns)?.get(id);
    return json === undefined ? null : JSON.parse(json);
  }
  async listRecords(ns: string): Promise<Array<{ id: string; value: unknown }>> {
    return [...(this.records.get(ns) ?? new Map<string, string>())]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, json]) => ({ id, value: JSON.parse(json) }));
  }
  async catalogueVersion(): Promise<number> { return this.catalogue.version; }
  async readCatalogue(): Promise<{ version: number; doc: unknown } | null> {
    return this.catalogue.version === 0 ? null : { version: this.catalogue.version, doc: JSON.parse(this.catalogue.json) };
  }
  async writeCatalogue(doc: unknown, expectedVersion: number): Promise<{ ok: boolean; version: number }> {
    if (this.catalogue.version !== expectedVersion) return { ok: false, version: this.catalogue.version };
    this.catalogue = { version: expectedVersion + 1, json: JSON.stringify(doc) };
    return { ok: true, version: this.catalogue.version };
  }

  async deleteRecord(ns: string, id: string): Promise<boolean> {
    return this.records.get(ns)?.delete(id) ?? false;
  }

  async ping(): Promise<boolean> { return true; }
  async close(): Promise<void> { clearInterval(this.sweeper); }
}
