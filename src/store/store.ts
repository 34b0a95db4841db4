// The one storage interface of the domain. Two implementations (memory.ts, redis.ts) pass
// the same contract suite (test/store/contract.ts). Nothing here imports botbuilder.
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import type { WorkshopStore } from './workshops';

export type HoldResult = { ok: true; holdId: string } | { ok: false };

export type CommitResult =
  | { ok: true; booking: Booking }
  /** The hold expired and/or the slot now belongs to someone else. */
  | { ok: false; reason: 'hold-lost' };

export type TransitionResult =
  | { ok: true; booking: Booking; changed: boolean }
  | { ok: false; reason: 'not-found' | 'bad-status' | 'slot-taken' };

export interface MoveOptions { holdId?: string; status?: BookingStatus }

export interface BookingQuery {
  territory: string;
  status?: BookingStatus;
  siteId?: string;
  /** epoch ms bounds on the appointment start */
  from?: number;
  to?: number;
  offset?: number;
  limit?: number;
}

/** What withLockedDoc's function holds: the lock, and the document read with it. */
export interface LockedDoc {
  readonly fencingToken: number;
  /**
   * The document when the lock was taken; undefined when there is none. `json` is the text it
   * was stored as (`value` is its parse): a caller can tell "unchanged" without serialising.
   */
  readonly doc: { value: unknown; eTag: string; json: string } | undefined;
  /**
   * Write the document (writeDocs' eTag rules) and release the lock, atomically, as the last
   * step of the function. Nothing is written, and it rejects, when the eTag does not match
   * ('eTag conflict') or when the lock is no longer ours (LockLostError: it expired and someone
   * else may hold it — fencing). The lock is released in every case. `json`, when the caller
   * has it, is JSON.stringify(value), written as is (the state is serialised once per turn).
   */
  saveAndRelease(value: unknown, eTag?: string, json?: string): Promise<void>;
}

export interface Store {
  readonly kind: 'memory' | 'redis';
  /**
   * Collective workshops: seats (bookings with kind "workshop"), waiting lists, offers. A seat
   * booking moved to cancelled/declined by `transition` frees its seat in the same atomic step.
   */
  readonly workshops: WorkshopStore;

  /** Which of these slots are held or booked right now (subset of the ids given). */
  takenAmong(slots: readonly Slot[]): Promise<Set<string>>;
  /** Atomically hold a free slot for ttlMs. Two callers can never both get ok. */
  hold(slot: Slot, ttlMs: number): Promise<HoldResult>;
  /** Release a hold (no-op if the hold is not ours any more). */
  releaseHold(slot: Slot, holdId: string): Promise<void>;
  /**
   * Turn our live hold into a booking (status `pending`) in one atomic step. A hold that has
   * expired — even if re-taken by someone else meanwhile — gives `hold-lost`.
   */
  commitBooking(booking: Booking, holdId: string): Promise<CommitResult>;

  getBooking(ref: string): Promise<Booking | null>;
  /** Upcoming and past bookings whose beneficiary phone is this E.164 number. */
  bookingsByPhone(phone: string): Promise<Booking[]>;
  listBookings(q: BookingQuery): Promise<{ total: number; items: Booking[] }>;
  /**
   * Status change if the current status is one of `from`. Moving to `cancelled` or
   * `declined` frees the slot. Same target status twice → ok with changed=false.
   */
  transition(ref: string, from: readonly BookingStatus[], to: BookingStatus, patch?: Partial<Booking>): Promise<TransitionResult>;
  /** Record attendance (seen / no-show / excused) on a pending or confirmed booking; cancelled/declined → bad-status. */
  setAttendance(ref: string, attendance: Attendance): Promise<TransitionResult>;
  /**
   * Atomically move a booking to a free slot; the old slot is freed by the same step. With
   * `holdId`, the target is the caller's own live hold (the person chose it and confirmed):
   * the hold becomes the booking's slot, or `slot-taken` when it expired. `status`: the status
   * after the move (the lifecycle's statusAfterMove), else unchanged.
   */
  reschedule(ref: string, to: Slot, opts?: MoveOptions): Promise<TransitionResult>;
  /** Erase personal data of bookings whose appointment started before `before` (epoch ms). */
  purgeBefore(before: number): Promise<number>;
  /** Erase the personal data of one booking now (the person asked: SUPPRIMER). False if unknown or already erased. */
  eraseBooking(ref: string): Promise<boolean>;

  setOptOut(phone: string, optedOut: boolean): Promise<void>;
  isOptedOut(phone: string): Promise<boolean>;

  /** True the first time a key is seen within ttlMs (webhook de-duplication). */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
  /** Fixed-window counter: how many hits this key had in its current window (rate limits). */
  countHit(key: string, windowMs: number): Promise<number>;
  /** The same counter read without counting (0 when its window is over): limits checked before acting. */
  hitCount(key: string): Promise<number>;

  /**
   * Append-only log (Direct Line activities, audit trail). Returns the log length after
   * the append; an entry's index is its watermark. The log expires ttlMs after the last append.
   */
  appendLog(key: string, entries: readonly string[], ttlMs: number): Promise<number>;
  /** Entries from index `from` (0-based), at most `max`. */
  readLog(key: string, from: number, max?: number): Promise<string[]>;

  /**
   * Run fn while holding an exclusive lock on `key` (one conversation's turns, in order,
   * across processes). The lock carries a fencing token and expires if a process dies.
   */
  withLock<T>(key: string, fn: (fencingToken: number) => Promise<T>, opts?: { ttlMs?: number; waitMs?: number }): Promise<T>;

  /**
   * One locked read-modify-write of document `key` in two round trips (a conversation's turn):
   * the lock is taken and the document read in one atomic step; `saveAndRelease` writes it and
   * lets the lock go in another. Locks of documents are their own namespace (not withLock's).
   * The lock carries a fencing token and expires if a process dies, as withLock's.
   */
  withLockedDoc<T>(key: string, fn: (turn: LockedDoc) => Promise<T>, opts?: { ttlMs?: number; waitMs?: number }): Promise<T>;

  /** Key-value documents with optimistic concurrency (used for bot conversation state). */
  readDocs(keys: readonly string[]): Promise<Record<string, { value: unknown; eTag: string }>>;
  /**
   * Write documents. A given eTag other than `*` must equal the stored one, else the whole
   * call rejects with an Error whose message contains 'eTag conflict'.
   */
  writeDocs(changes: Record<string, { value: unknown; eTag?: string }>): Promise<void>;
  deleteDocs(keys: readonly string[]): Promise<void>;

  /**
   * Permanent records (e.g. coordinator accounts): never expire, never purged. One namespace
   * is one Redis hash, so a namespace should stay small (hundreds of records, not millions).
   */
  putRecord(ns: string, id: string, value: unknown): Promise<void>;
  getRecord(ns: string, id: string): Promise<unknown | null>;
  /** Every record of a namespace, ordered by id. */
  listRecords(ns: string): Promise<Array<{ id: string; value: unknown }>>;
  /** True when the record existed. */
  deleteRecord(ns: string, id: string): Promise<boolean>;

  /**
   * The catalogue (territories, sites, volunteers, absences) as one versioned document.
   * Version 0 = never written. Every write moves the version by one.
   */
  catalogueVersion(): Promise<number>;
  readCatalogue(): Promise<{ version: number; doc: unknown } | null>;
  /** Compare-and-set: writes only if the stored version is still `expectedVersion`. */
  writeCatalogue(doc: unknown, expectedVersion: number): Promise<{ ok: boolean; version: number }>;

  ping(): Promise<boolean>;
  close(): Promise<void>;
}
