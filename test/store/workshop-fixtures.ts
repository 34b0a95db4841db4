// Builders of workshops, seats and waiting entries for the store tests (and child processes).
import type { Booking } from '../../src/booking/model';
import { randomId, seatSlotId, type WaitEntry, type Workshop } from '../../src/booking/workshop';
import { randomRef } from './fixtures';

const BASE = Date.UTC(2031, 2, 3, 13, 0); // 2031-03-03 14:00 Paris

export function makeWorkshop(over: Partial<Workshop> = {}): Workshop {
  const territory = over.territory ?? '44';
  const now = Date.now();
  return {
    id: over.id ?? `${territory}-${randomId(8)}`,
    territory,
    siteId: 'site-1',
    topic: 'smartphone',
    title: 'Bien utiliser son smartphone',
    start: '2031-03-03T14:00',
    startsAt: BASE,
    durationMinutes: 90,
    seats: 12,
    volunteerIds: [],
    status: 'scheduled',
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

export function makeSeat(w: Workshop, over: Partial<Booking> = {}): Booking {
  const now = Date.now();
  return {
    ref: randomRef(),
    status: 'confirmed',
    kind: 'workshop',
    workshopId: w.id,
    territory: w.territory,
    topic: w.topic,
    slotId: seatSlotId(w.id, w.start),
    siteId: w.siteId,
    volunteerId: w.volunteerIds[0] ?? '',
    start: w.start,
    end: w.start,
    startsAt: w.startsAt,
    mode: 'site',
    beneficiary: { name: 'Jeanne Martin', phone: '+33612345678' },
    requestedBy: 'self',
    channel: 'sms',
    smsConsent: true,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

let n = 0;
export function makeEntry(over: Partial<WaitEntry> = {}): WaitEntry {
  n += 1;
  return {
    id: randomId(12),
    name: `Personne ${n}`,
    phone: `+336${String(10_000_000 + n).slice(-8)}`,
    requestedBy: 'self',
    channel: 'sms',
    smsConsent: true,
    since: Date.now() + n,
    ...over,
  };
}
