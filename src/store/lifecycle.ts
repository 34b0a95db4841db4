// Decisions shared by both stores, as pure functions: the stores only make them atomic.
// Which statuses exist, which transitions are allowed and which statuses hold a slot is the
// booking lifecycle's rule (src/booking/lifecycle.ts); this file only applies it to records.
import { freesSlot } from '../booking/lifecycle';
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import { endOf, seatSlotId } from '../booking/workshop';
import type { BookingQuery } from './store';

/** Markers that replace personal data once the retention period is over. */
export const ERASED_NAME = '[erased]';
export const ERASED_PHONE = '+00000000000';

/** Fields a transition patch may never change (identity, slot, lifecycle bookkeeping). */
const PROTECTED: ReadonlyArray<keyof Booking> = [
  'ref', 'status', 'territory', 'slotId', 'siteId', 'volunteerId', 'start', 'end', 'startsAt', 'mode', 'createdAt', 'updatedAt',
];

export type TransitionPlan =
  | { kind: 'noop' }
  | { kind: 'bad-status' }
  | { kind: 'apply'; next: Booking; freeSlot: boolean };

export function planTransition(
  current: Booking, from: readonly BookingStatus[], to: BookingStatus, patch: Partial<Booking> | undefined, now: number,
): TransitionPlan {
  if (current.status === to) return { kind: 'noop' };
  if (!from.includes(current.status)) return { kind: 'bad-status' };
  // A freed slot may already belong to someone else: never bring a booking back to life.
  if (freesSlot(current.status)) return { kind: 'bad-status' };
  const clean: Partial<Booking> = { ...patch };
  for (const k of PROTECTED) delete clean[k];
  const next: Booking = { ...current, ...clean, status: to, updatedAt: Math.max(now, current.updatedAt) };
  return { kind: 'apply', next, freeSlot: freesSlot(to) };
}

/** Attendance is recorded on a booking that kept its slot (pending or confirmed). */
export function planAttendance(current: Booking, attendance: Attendance, now: number): TransitionPlan {
  if (freesSlot(current.status)) return { kind: 'bad-status' };
  if (current.attendance === attendance) return { kind: 'noop' };
  return { kind: 'apply', next: { ...current, attendance, updatedAt: Math.max(now, current.updatedAt) }, freeSlot: false };
}

export type ReschedulePlan =
  | { kind: 'noop' }
  | { kind: 'bad-status' }
  | { kind: 'apply'; next: Booking };

export function planReschedule(current: Booking, to: Slot, now: number, status: BookingStatus = current.status): ReschedulePlan {
  // A workshop seat is not a volunteer's slot: it cannot be moved to one.
  if (freesSlot(current.status) || freesSlot(status) || to.territory !== current.territory || current.kind === 'workshop') return { kind: 'bad-status' };
  if (to.id === current.slotId) return { kind: 'noop' };
  const next: Booking = {
    ...current,
    slotId: to.id, siteId: to.siteId, volunteerId: to.volunteerId,
    start: to.start, end: to.end, startsAt: to.startsAt, mode: to.mode, status,
    updatedAt: Math.max(now, current.updatedAt),
  };
  return { kind: 'apply', next };
}

/** A workshop seat follows its workshop's start and site (the workshop was changed). */
export function planSeatMove(
  current: Booking, w: { id: string; start: string; startsAt: number; siteId: string; durationMinutes: number }, now: number,
): ReschedulePlan {
  if (freesSlot(current.status) || current.kind !== 'workshop' || current.workshopId !== w.id) return { kind: 'bad-status' };
  const end = endOf(w.start, w.durationMinutes);
  if (current.start === w.start && current.siteId === w.siteId && current.end === end) return { kind: 'noop' };
  return {
    kind: 'apply',
    next: { ...current, slotId: seatSlotId(w.id, w.start), siteId: w.siteId, start: w.start, end, startsAt: w.startsAt, updatedAt: Math.max(now, current.updatedAt) },
  };
}

/** A seat changes to another session (the person's change): the booking takes that session's place and time. */
export function planSeatSwitch(
  current: Booking, w: { id: string; topic: Booking['topic']; start: string; startsAt: number; siteId: string; durationMinutes: number; volunteerIds: readonly string[] }, now: number,
): ReschedulePlan {
  if (freesSlot(current.status) || current.kind !== 'workshop' || !current.workshopId) return { kind: 'bad-status' };
  if (current.workshopId === w.id) return { kind: 'noop' };
  return {
    kind: 'apply',
    next: {
      ...current, workshopId: w.id, topic: w.topic, slotId: seatSlotId(w.id, w.start), siteId: w.siteId, volunteerId: w.volunteerIds[0] ?? '',
      start: w.start, end: endOf(w.start, w.durationMinutes), startsAt: w.startsAt, updatedAt: Math.max(now, current.updatedAt),
    },
  };
}

export function hasPersonalData(b: Booking): boolean {
  return b.beneficiary.phone !== ERASED_PHONE || b.beneficiary.name !== ERASED_NAME;
}

/** The anonymous record kept for statistics. Free text and conversation ids may name people. */
export function anonymise(b: Booking, now: number): Booking {
  const { conversationId: _c, declineReason: _d, homeAddress: _h, ...rest } = b;
  return { ...rest, beneficiary: { name: ERASED_NAME, phone: ERASED_PHONE }, updatedAt: Math.max(now, b.updatedAt) };
}

/** Order of every listing: appointment start, then ref (what a Redis sorted set gives). */
export function byStart(a: Booking, b: Booking): number {
  return a.startsAt - b.startsAt || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
}

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

export function pageOf(q: BookingQuery): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  const limit = Math.min(MAX_LIST_LIMIT, Math.max(0, Math.floor(q.limit ?? DEFAULT_LIST_LIMIT)));
  return { offset, limit };
}

/** `from` inclusive, `to` exclusive. */
export function matchesQuery(b: Booking, q: BookingQuery): boolean {
  return b.territory === q.territory
    && (q.status === undefined || b.status === q.status)
    && (q.siteId === undefined || b.siteId === q.siteId)
    && (q.from === undefined || b.startsAt >= q.from)
    && (q.to === undefined || b.startsAt < q.to);
}

/** Two bookings can never share a ref: the caller must draw a new one. */
export class DuplicateRefError extends Error {
  constructor(ref: string) {
    super(`duplicate booking ref ${ref}`);
    this.name = 'DuplicateRefError';
  }
}
