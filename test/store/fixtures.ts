// Builders of slots and bookings for the store tests (also used by the child processes).
import crypto from 'node:crypto';
import type { Booking, Slot } from '../../src/booking/model';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function randomRef(): string {
  const pick = () => ALPHABET[crypto.randomInt(ALPHABET.length)];
  return `${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}`;
}

const BASE = Date.UTC(2031, 2, 3, 9, 0); // 2031-03-03 10:00 Paris

/** Slot number `n` of a volunteer: one per hour from BASE. */
export function makeSlot(n: number, over: Partial<Slot> = {}): Slot {
  const territory = over.territory ?? '44';
  const volunteerId = over.volunteerId ?? 'vol-a';
  const startsAt = over.startsAt ?? BASE + n * 3600_000;
  const local = (ms: number) => new Date(ms + 3600_000).toISOString().slice(0, 16);
  const start = over.start ?? local(startsAt);
  return {
    id: over.id ?? `${volunteerId}@${start}`,
    volunteerId,
    siteId: over.siteId ?? 'site-1',
    territory,
    start,
    end: over.end ?? local(startsAt + 3600_000),
    startsAt,
    mode: over.mode ?? 'site',
  };
}

export function makeBooking(slot: Slot, over: Partial<Booking> = {}): Booking {
  const now = Date.now();
  return {
    ref: randomRef(),
    status: 'pending',
    territory: slot.territory,
    topic: 'caf',
    slotId: slot.id,
    siteId: slot.siteId,
    volunteerId: slot.volunteerId,
    start: slot.start,
    end: slot.end,
    startsAt: slot.startsAt,
    mode: slot.mode,
    beneficiary: { name: 'Jeanne Martin', phone: '+33612345678' },
    requestedBy: 'self',
    channel: 'sms',
    conversationId: '+33612345678',
    smsConsent: true,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}
