// Lifecycle of a booking: the one owner of statuses, transitions and "still active". `held`
// lives only in the store (a slot reservation with a TTL while the person chooses); a Booking
// record starts `pending` when they say "oui".
//   held → pending → confirmed | declined | cancelled ; confirmed → cancelled
// Everything else (stores, dialogs, coordinator, widget, jobs) asks these functions.
import { BookingSchema, type Booking, type BookingStatus, type Channel, type Slot, type TopicId } from './model';
import { newRefCode } from './refcode';

export type LifecycleStatus = 'held' | BookingStatus;

export const DEFAULT_HOLD_TTL_MS = 10 * 60_000;

const NEXT: Record<LifecycleStatus, readonly LifecycleStatus[]> = {
  held: ['pending'],
  pending: ['confirmed', 'declined', 'cancelled'],
  // A confirmed appointment can still be cancelled by the person or the coordinator.
  confirmed: ['cancelled'],
  declined: [],
  cancelled: [],
};

export function canTransition(from: LifecycleStatus, to: LifecycleStatus): boolean {
  return NEXT[from].includes(to);
}

/** The booking statuses from which `to` may be reached (the `from` of Store.transition). */
export function transitionSources(to: BookingStatus): BookingStatus[] {
  return (Object.keys(NEXT) as LifecycleStatus[])
    .filter((s): s is BookingStatus => s !== 'held' && canTransition(s, to));
}

/** Statuses of a booking that still occupies its slot (and may still be cancelled or moved). */
export const ACTIVE_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed'];

/** Still occupies its slot. */
export function isActive(status: BookingStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** No longer occupies its slot (final: a freed slot may belong to someone else now). */
export function freesSlot(status: BookingStatus): boolean {
  return !isActive(status);
}

/** Active and not started yet. */
export function isUpcoming(booking: Pick<Booking, 'status' | 'startsAt'>, now: Date | number): boolean {
  return isActive(booking.status) && booking.startsAt > (typeof now === 'number' ? now : now.getTime());
}

/**
 * The status after a move. A coordinator's move keeps it (they decided); the person's own move
 * of an appointment goes back to pending (a coordinator checks the new time); a workshop seat
 * needs no check (the session has room or not) and keeps it.
 */
export function statusAfterMove(b: Pick<Booking, 'status' | 'kind'>, by: 'person' | 'coordinator'): BookingStatus {
  return by === 'person' && b.kind !== 'workshop' ? 'pending' : b.status;
}

export interface NewBookingFields {
  slot: Slot;
  topic: TopicId;
  beneficiary: { name: string; phone: string };
  requestedBy: 'self' | 'relative';
  channel: Channel;
  now: Date | number;
  ref?: string;
  conversationId?: string;
  commune?: { insee: string; name: string };
  smsConsent?: boolean;
}

/** A pending booking for a slot, validated by BookingSchema (throws a ZodError if invalid). */
export function newBooking(f: NewBookingFields): Booking {
  const now = typeof f.now === 'number' ? f.now : f.now.getTime();
  return BookingSchema.parse({
    ref: f.ref ?? newRefCode(),
    status: 'pending',
    territory: f.slot.territory,
    topic: f.topic,
    slotId: f.slot.id,
    siteId: f.slot.siteId,
    volunteerId: f.slot.volunteerId,
    start: f.slot.start,
    end: f.slot.end,
    startsAt: f.slot.startsAt,
    mode: f.slot.mode,
    commune: f.commune,
    beneficiary: { name: f.beneficiary.name.trim().replace(/\s+/g, ' '), phone: f.beneficiary.phone },
    requestedBy: f.requestedBy,
    channel: f.channel,
    conversationId: f.conversationId,
    smsConsent: f.smsConsent ?? true,
    createdAt: now,
    updatedAt: now,
  });
}
