// The one storage interface of the domain. Two implementations (memory.ts, redis.ts) pass
// the same contract suite (test/store/contract.ts). Nothing here imports botbuilder.
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import type { CataloguePort } from './catalogue';
import type { CountersPort } from './counters';
import type { DocumentsPort } from './documents';
import type { LogsPort } from './logs';
import type { RecordsPort } from './records';
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

export interface Store {
  readonly kind: 'memory' | 'redis';
  /**
   * Collective workshops: seats (bookings with kind "workshop"), waiting lists, offers. A seat
   * booking moved to cancelled/declined by `transition` frees its seat in the same atomic step.
   */
  readonly workshops: WorkshopStore;
  /** Documents and the locks of conversations (conversation state, sessions, offers). */
  readonly documents: DocumentsPort;
  /** Seen marks, rate-limit counters, opt-outs. */
  readonly counters: CountersPort;
  /** Append-only logs (Direct Line, audit). */
  readonly logs: LogsPort;
  /** Permanent records (coordinator accounts, earlier-slot watchers). */
  readonly records: RecordsPort;
  /** The catalogue as one versioned document. */
  readonly catalogue: CataloguePort;

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

  ping(): Promise<boolean>;
  close(): Promise<void>;
}
