import { ZodError } from 'zod';
import { ACTIVE_STATUSES, DEFAULT_HOLD_TTL_MS, canTransition, freesSlot, isActive, isUpcoming, newBooking, transitionSources } from '../../src/booking/lifecycle';
import { BOOKING_STATUSES } from '../../src/booking/model';
import type { Slot } from '../../src/booking/model';

const slot: Slot = {
  id: 'vol-01@2026-12-02T14:00', volunteerId: 'vol-01', siteId: 'nantes-mediatheque-centre-ville', territory: '44',
  start: '2026-12-02T14:00', end: '2026-12-02T14:45', startsAt: Date.parse('2026-12-02T13:00:00Z'), mode: 'site',
};
const fields = {
  slot, topic: 'caf' as const, beneficiary: { name: '  Marie   Dupont ', phone: '+33612345678' },
  requestedBy: 'self' as const, channel: 'sms' as const, now: new Date('2026-11-24T09:00:00Z'),
};

describe('booking lifecycle', () => {
  it('held → pending → confirmed | declined | cancelled', () => {
    expect(canTransition('held', 'pending')).toBe(true);
    for (const to of ['confirmed', 'declined', 'cancelled'] as const) expect(canTransition('pending', to)).toBe(true);
    expect(canTransition('confirmed', 'cancelled')).toBe(true);
  });

  it('refuses the rest', () => {
    expect(canTransition('held', 'confirmed')).toBe(false);
    expect(canTransition('pending', 'held')).toBe(false);
    expect(canTransition('confirmed', 'pending')).toBe(false);
    expect(canTransition('confirmed', 'declined')).toBe(false);
    for (const to of ['pending', 'confirmed', 'declined', 'cancelled', 'held'] as const) {
      expect(canTransition('declined', to)).toBe(false);
      expect(canTransition('cancelled', to)).toBe(false);
    }
  });

  it('gives the statuses a transition may start from', () => {
    expect(transitionSources('confirmed')).toEqual(['pending']);
    expect(transitionSources('cancelled')).toEqual(['pending', 'confirmed']);
    expect(transitionSources('declined')).toEqual(['pending']);
    expect(transitionSources('pending')).toEqual([]);
  });

  it('active statuses hold the slot, the others free it, and only active ones can be cancelled', () => {
    expect(ACTIVE_STATUSES).toEqual(['pending', 'confirmed']);
    for (const s of BOOKING_STATUSES) expect(freesSlot(s)).toBe(!isActive(s));
    expect(freesSlot('cancelled') && freesSlot('declined')).toBe(true);
    expect(transitionSources('cancelled')).toEqual([...ACTIVE_STATUSES]);
  });

  it('holds for 10 minutes by default', () => {
    expect(DEFAULT_HOLD_TTL_MS).toBe(600_000);
  });

  it('upcoming = active and not started', () => {
    const b = newBooking(fields);
    expect(isActive('pending') && isActive('confirmed')).toBe(true);
    expect(isUpcoming(b, new Date('2026-12-02T12:59:00Z'))).toBe(true);
    expect(isUpcoming(b, Date.parse('2026-12-02T13:00:00Z'))).toBe(false);
    expect(isUpcoming({ ...b, status: 'confirmed' }, fields.now)).toBe(true);
    expect(isUpcoming({ ...b, status: 'cancelled' }, fields.now)).toBe(false);
    expect(isUpcoming({ ...b, status: 'declined' }, fields.now)).toBe(false);
  });

  it('newBooking builds a valid pending booking from the slot', () => {
    const b = newBooking({ ...fields, conversationId: 'conv-1', commune: { insee: '44109', name: 'Nantes' } });
    expect(b).toMatchObject({
      status: 'pending', territory: '44', topic: 'caf', slotId: slot.id, siteId: slot.siteId, volunteerId: 'vol-01',
      start: slot.start, end: slot.end, startsAt: slot.startsAt, mode: 'site',
      beneficiary: { name: 'Marie Dupont', phone: '+33612345678' }, requestedBy: 'self', channel: 'sms',
      conversationId: 'conv-1', smsConsent: true, createdAt: fields.now.getTime(), updatedAt: fields.now.getTime(),
    });
    expect(b.ref).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    expect(newBooking({ ...fields, ref: 'K7P-42Q' }).ref).toBe('K7P-42Q');
    expect(newBooking({ ...fields, slot: { ...slot, mode: 'home' } }).mode).toBe('home');
  });

  it('newBooking refuses invalid data', () => {
    expect(() => newBooking({ ...fields, beneficiary: { name: 'Marie', phone: '0612345678' } })).toThrow(ZodError);
    expect(() => newBooking({ ...fields, beneficiary: { name: '   ', phone: '+33612345678' } })).toThrow(ZodError);
    expect(() => newBooking({ ...fields, ref: 'K0O-000' })).toThrow(ZodError);
  });
});
