// What each change does to a booking record, decided here (pure): a status change, an
// attendance, a move to another slot, a workshop seat following or changing its session. The
// stores only make the decision atomic (src/store/compare-and-set.ts). The rule they all keep:
// a booking that freed its slot is never brought back to life — the slot may be someone else's.
import { freesSlot } from './lifecycle';
import type { Attendance, Booking, BookingStatus, Slot } from './model';
import { endOf, seatSlotId } from './workshop';

/** Nothing to do, refused (the status does not allow it), or the record to write. */
export type Change =
  | { kind: 'noop' }
  | { kind: 'bad-status' }
  /** freeSlot: the slot (or seat) the booking held until now is free once `next` is written. */
  | { kind: 'apply'; next: Booking; freeSlot: boolean };

/** Fields a transition patch may never change (identity, slot, lifecycle bookkeeping). */
const PROTECTED: ReadonlyArray<keyof Booking> = [
  'ref', 'status', 'territory', 'slotId', 'siteId', 'volunteerId', 'start', 'end', 'startsAt', 'mode', 'createdAt', 'updatedAt',
];

const touched = (current: Booking, now: number) => Math.max(now, current.updatedAt);

export function planTransition(
  current: Booking, from: readonly BookingStatus[], to: BookingStatus, patch: Partial<Booking> | undefined, now: number,
): Change {
  if (current.status === to) return { kind: 'noop' };
  if (!from.includes(current.status)) return { kind: 'bad-status' };
  // A freed slot may already belong to someone else: never bring a booking back to life.
  if (freesSlot(current.status)) return { kind: 'bad-status' };
  const clean: Partial<Booking> = { ...patch };
  for (const k of PROTECTED) delete clean[k];
  const next: Booking = { ...current, ...clean, status: to, updatedAt: touched(current, now) };
  return { kind: 'apply', next, freeSlot: freesSlot(to) };
}

/** Attendance is recorded on a booking that kept its slot (pending or confirmed). */
export function planAttendance(current: Booking, attendance: Attendance, now: number): Change {
  if (freesSlot(current.status)) return { kind: 'bad-status' };
  if (current.attendance === attendance) return { kind: 'noop' };
  return { kind: 'apply', next: { ...current, attendance, updatedAt: touched(current, now) }, freeSlot: false };
}

export function planReschedule(current: Booking, to: Slot, now: number, status: BookingStatus = current.status): Change {
  // A workshop seat is not a volunteer's slot: it cannot be moved to one.
  if (freesSlot(current.status) || freesSlot(status) || to.territory !== current.territory || current.kind === 'workshop') return { kind: 'bad-status' };
  if (to.id === current.slotId) return { kind: 'noop' };
  const next: Booking = {
    ...current,
    slotId: to.id, siteId: to.siteId, volunteerId: to.volunteerId,
    start: to.start, end: to.end, startsAt: to.startsAt, mode: to.mode, status,
    updatedAt: touched(current, now),
  };
  return { kind: 'apply', next, freeSlot: true };
}

/** A workshop seat follows its workshop's start and site (the workshop was changed). */
export function planSeatMove(
  current: Booking, w: { id: string; start: string; startsAt: number; siteId: string; durationMinutes: number }, now: number,
): Change {
  if (freesSlot(current.status) || current.kind !== 'workshop' || current.workshopId !== w.id) return { kind: 'bad-status' };
  const end = endOf(w.start, w.durationMinutes);
  if (current.start === w.start && current.siteId === w.siteId && current.end === end) return { kind: 'noop' };
  return {
    kind: 'apply',
    next: { ...current, slotId: seatSlotId(w.id, w.start), siteId: w.siteId, start: w.start, end, startsAt: w.startsAt, updatedAt: touched(current, now) },
    freeSlot: false,
  };
}

/** A seat changes to another session (the person's change): the booking takes that session's place and time. */
export function planSeatSwitch(
  current: Booking, w: { id: string; topic: Booking['topic']; start: string; startsAt: number; siteId: string; durationMinutes: number; volunteerIds: readonly string[] }, now: number,
): Change {
  if (freesSlot(current.status) || current.kind !== 'workshop' || !current.workshopId) return { kind: 'bad-status' };
  if (current.workshopId === w.id) return { kind: 'noop' };
  return {
    kind: 'apply',
    next: {
      ...current, workshopId: w.id, topic: w.topic, slotId: seatSlotId(w.id, w.start), siteId: w.siteId, volunteerId: w.volunteerIds[0] ?? '',
      start: w.start, end: endOf(w.start, w.durationMinutes), startsAt: w.startsAt, updatedAt: touched(current, now),
    },
    freeSlot: true,
  };
}
