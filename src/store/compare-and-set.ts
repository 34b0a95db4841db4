// The one compare-and-set loop of both stores: read the booking, let the domain decide the
// change (src/booking/changes.ts), write it only if the booking is still as it was read. A
// write that lost a race reads again; a write the store refused says why.
import type { Booking } from '../booking/model';
import type { Change } from '../booking/changes';
import type { TransitionResult } from './bookings';
import type { SeatResult } from './workshops';

/** How many times one change is tried under contention before it gives up. */
export const CAS_ATTEMPTS = 20;

/** What a write answers: 'ok' (written), 'retry' (changed meanwhile: read again), or why it was refused. */
export type CasReply = string;

/** The caller's answer for each outcome. */
export interface CasAnswers<R> {
  missing(): R;
  unchanged(current: Booking): R;
  refused(reason: string): R;
  written(next: Booking): R;
}

/** A change decided: the record to write. */
export type Applied = Extract<Change, { kind: 'apply' }>;

export interface CasStep<C extends { booking: Booking }, R> {
  /** The booking as stored (with what the write compares against), or null. */
  read(): Promise<C | null>;
  decide(current: Booking): Change;
  write(read: C, change: Applied): Promise<CasReply>;
  answers: CasAnswers<R>;
}

export async function compareAndSet<C extends { booking: Booking }, R>(what: string, step: CasStep<C, R>, attempts = CAS_ATTEMPTS): Promise<R> {
  const a = step.answers;
  for (let i = 0; i < attempts; i++) {
    const cur = await step.read();
    if (!cur) return a.missing();
    const change = step.decide(cur.booking);
    if (change.kind === 'noop') return a.unchanged(cur.booking);
    if (change.kind === 'bad-status') return a.refused('bad-status');
    const reply = await step.write(cur, change);
    if (reply === 'ok') return a.written(change.next);
    if (reply !== 'retry') return a.refused(reply);
  }
  throw new Error(`${what}: too much contention`);
}

/** The answers of a booking's status change, attendance or move. */
export const TRANSITION_ANSWERS: CasAnswers<TransitionResult> = {
  missing: () => ({ ok: false, reason: 'not-found' }),
  unchanged: (booking) => ({ ok: true, booking, changed: false }),
  refused: (reason) => ({ ok: false, reason: reason as 'bad-status' | 'slot-taken' }),
  written: (booking) => ({ ok: true, booking, changed: true }),
};

/** The answers of an erasure: true once the personal data are gone, false if there were none. */
export const ERASE_ANSWERS: CasAnswers<boolean> = {
  missing: () => false,
  unchanged: () => false,
  refused: () => false,
  written: () => true,
};

/** The answers of a seat moving to another session. */
export const SEAT_ANSWERS: CasAnswers<SeatResult> = {
  missing: () => ({ ok: false, reason: 'not-found' }),
  unchanged: (booking) => ({ ok: true, booking }),
  // Not an active seat (bad-status) is "not found" to the caller.
  refused: (reason) => ({ ok: false, reason: reason === 'bad-status' ? 'not-found' : reason as 'full' | 'closed' | 'started' | 'not-found' | 'changed' }),
  written: (booking) => ({ ok: true, booking }),
};

/** The answers of a seat following its workshop: null when not such a seat. */
export const MOVE_ANSWERS: CasAnswers<{ booking: Booking; changed: boolean } | null> = {
  missing: () => null,
  unchanged: (booking) => ({ booking, changed: false }),
  refused: () => null,
  written: (booking) => ({ booking, changed: true }),
};
