// Erasing a person's data from a booking (retention period over, or the person asked):
// what is kept for statistics and what marks a record as erased. Pure; the stores apply it.
import type { Change } from './changes';
import type { Booking } from './model';

/** Markers that replace personal data once the retention period is over. */
export const ERASED_NAME = '[erased]';
export const ERASED_PHONE = '+00000000000';

export function hasPersonalData(b: Booking): boolean {
  return b.beneficiary.phone !== ERASED_PHONE || b.beneficiary.name !== ERASED_NAME;
}

/** The anonymous record kept for statistics. Free text and conversation ids may name people. */
export function anonymise(b: Booking, now: number): Booking {
  const { conversationId: _c, declineReason: _d, homeAddress: _h, ...rest } = b;
  return { ...rest, beneficiary: { name: ERASED_NAME, phone: ERASED_PHONE }, updatedAt: Math.max(now, b.updatedAt) };
}

/** Erasure as a change: nothing to do once erased; the slot stays as it is. */
export function planErasure(current: Booking, now: number): Change {
  return hasPersonalData(current) ? { kind: 'apply', next: anonymise(current, now), freeSlot: false } : { kind: 'noop' };
}
