// What a change does to a booking record is the domain's (pure); the stores only apply it.
import { planAttendance, planReschedule, planTransition } from '../../src/booking/changes';
import { ERASED_NAME, ERASED_PHONE, hasPersonalData, planErasure } from '../../src/booking/erasure';
import { makeBooking, makeSlot } from '../store/fixtures';

const NOW = Date.UTC(2031, 0, 1);

describe('booking changes', () => {
  it('never brings a booking that freed its slot back to life', () => {
    const cancelled = makeBooking(makeSlot(1), { status: 'cancelled' });
    expect(planTransition(cancelled, ['cancelled', 'pending'], 'confirmed', undefined, NOW)).toEqual({ kind: 'bad-status' });
    expect(planReschedule(cancelled, makeSlot(2), NOW)).toEqual({ kind: 'bad-status' });
    expect(planAttendance(cancelled, 'seen', NOW)).toEqual({ kind: 'bad-status' });
  });

  it('a cancellation frees the slot and keeps identity fields out of the patch', () => {
    const b = makeBooking(makeSlot(1), { updatedAt: NOW - 1 });
    const c = planTransition(b, ['pending'], 'cancelled', { ref: 'AAA-AAA', slotId: 'other', declineReason: 'x' }, NOW);
    expect(c).toEqual({ kind: 'apply', freeSlot: true, next: { ...b, status: 'cancelled', declineReason: 'x', updatedAt: NOW } });
  });

  it('erasure keeps the anonymous record, once', () => {
    const b = makeBooking(makeSlot(1), { homeAddress: { line: '1 rue des Lilas', postcode: '44400', commune: 'Rezé' } });
    const c = planErasure(b, NOW);
    if (c.kind !== 'apply') throw new Error('expected an erasure');
    expect(c.next.beneficiary).toEqual({ name: ERASED_NAME, phone: ERASED_PHONE });
    expect(c.next).not.toHaveProperty('homeAddress');
    expect(c.next).not.toHaveProperty('conversationId');
    expect(hasPersonalData(c.next)).toBe(false);
    expect(planErasure(c.next, NOW)).toEqual({ kind: 'noop' });
  });
});
