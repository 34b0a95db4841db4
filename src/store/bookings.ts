// Slots and bookings: a hold on a free slot, the hold turned into a booking, its status
// changes and moves, the listings, and the erasure of personal data. What each change does
// to the record is the domain's (src/booking/changes.ts, erasure.ts); the store makes it
// atomic. Both stores implement it (memory-bookings.ts, redis-bookings.ts) and pass one
// contract (test/store/bookings-contract.ts).
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';

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

export interface BookingsPort {
  /** Which of these slots are held or booked right now (subset of the ids given). */
  takenAmong(slots: readonly Slot[]): Promise<Set<string>>;
  /** Atomically hold a free slot for ttlMs. Two callers can never both get ok. */
  hold(slot: Slot, ttlMs: number): Promise<HoldResult>;
  /** Release a hold (no-op if the hold is not ours any more). */
  releaseHold(slot: Slot, holdId: string): Promise<void>;
  /**
   * Turn our live hold into a booking (status `pending`) in one atomic step. A hold that has
   * expired — even if re-taken by someone else meanwhile — gives `hold-lost`. A ref already
   * taken throws DuplicateRefError.
   */
  commit(booking: Booking, holdId: string): Promise<CommitResult>;

  get(ref: string): Promise<Booking | null>;
  /** Upcoming and past bookings whose beneficiary phone is this E.164 number. */
  byPhone(phone: string): Promise<Booking[]>;
  list(q: BookingQuery): Promise<{ total: number; items: Booking[] }>;
  /**
   * Status change if the current status is one of `from`. Moving to `cancelled` or
   * `declined` frees the slot (and a workshop seat). Same target status twice → ok with changed=false.
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
  erase(ref: string): Promise<boolean>;
}
