// When a reminder goes out, and whether it still should when its time comes. Pure.
import { DateTime } from 'luxon';
import type { Booking } from '../booking/model';
import { ZONE } from '../booking/slots';
import { hasPersonalData } from '../booking/erasure';

export interface ReminderAt { hour: number; minute: number }

/** The day before the appointment (Paris calendar) at the configured Paris time. */
export function reminderTime(start: string, at: ReminderAt): number {
  return DateTime.fromISO(start.slice(0, 10), { zone: ZONE }).minus({ days: 1 }).set({ hour: at.hour, minute: at.minute }).toMillis();
}

/**
 * Schedule a reminder for this booking now? Only confirmed and upcoming; a reminder whose
 * time has passed is still sent late (e.g. after an outage) if the booking was confirmed
 * before that time — not when the confirmation itself has just told the person.
 */
export function shouldSchedule(b: Booking, now: number, at: ReminderAt): { due: number } | null {
  if (b.status !== 'confirmed' || b.startsAt <= now) return null;
  const due = reminderTime(b.start, at);
  if (due <= now && b.updatedAt >= due) return null;
  return { due };
}

/**
 * The second reminder, `hours` before the appointment (REMINDER_HOURS_BEFORE; off when
 * unset). Not sent late: once its time has passed, the day-before one has said it all.
 */
export function shouldScheduleEarly(b: Booking, now: number, hours: number | undefined): { due: number } | null {
  if (!hours || b.status !== 'confirmed' || b.startsAt <= now) return null;
  const due = b.startsAt - hours * 3600_000;
  return due > now ? { due } : null;
}

export type ReminderVerdict = 'send' | 'gone' | 'not-confirmed' | 'moved' | 'past' | 'erased' | 'no-consent';

/** At the reminder's time: still the same confirmed appointment, still ahead? */
export function reminderVerdict(b: Booking | null, slotId: string, now: number): ReminderVerdict {
  if (!b) return 'gone';
  if (b.status !== 'confirmed') return 'not-confirmed';
  if (b.slotId !== slotId) return 'moved';
  if (b.startsAt <= now) return 'past';
  if (!hasPersonalData(b)) return 'erased';
  if (!b.smsConsent && !b.conversationId) return 'no-consent';
  return 'send';
}

export function reminderJobId(ref: string, slotId: string): string {
  // BullMQ job ids may not contain ':'; slot ids do (HH:MM).
  return `reminder-${ref}-${slotId.replace(/[^A-Za-z0-9-]/g, '_')}`;
}
