// The one compare-and-set loop of the stores: it reads again after a lost race, gives up after
// its attempts, and answers each outcome as the caller said.
import type { Change } from '../../src/booking/changes';
import type { Booking } from '../../src/booking/model';
import { compareAndSet, TRANSITION_ANSWERS } from '../../src/store/compare-and-set';
import { makeBooking, makeSlot } from '../store/fixtures';

const stored = makeBooking(makeSlot(1));
const confirm = (b: Booking): Change => ({ kind: 'apply', next: { ...b, status: 'confirmed' }, freeSlot: false });

describe('compareAndSet', () => {
  it('reads again after each lost race and answers the record it wrote', async () => {
    const replies = ['retry', 'retry', 'ok'];
    let reads = 0;
    const r = await compareAndSet('confirm', {
      read: async () => { reads++; return { booking: stored }; },
      decide: confirm,
      write: async () => replies.shift()!,
      answers: TRANSITION_ANSWERS,
    });
    expect(reads).toBe(3);
    expect(r).toEqual({ ok: true, booking: { ...stored, status: 'confirmed' }, changed: true });
  });

  it('gives up after its attempts under contention', async () => {
    let writes = 0;
    await expect(compareAndSet('confirm of X', {
      read: async () => ({ booking: stored }),
      decide: confirm,
      write: async () => { writes++; return 'retry'; },
      answers: TRANSITION_ANSWERS,
    }, 4)).rejects.toThrow('confirm of X: too much contention');
    expect(writes).toBe(4);
  });

  it('answers missing, unchanged and refused without writing', async () => {
    const write = jest.fn(async () => 'ok');
    const step = { decide: confirm, write, answers: TRANSITION_ANSWERS };
    expect(await compareAndSet('x', { ...step, read: async () => null })).toEqual({ ok: false, reason: 'not-found' });
    expect(await compareAndSet('x', { ...step, read: async () => ({ booking: stored }), decide: () => ({ kind: 'noop' }) }))
      .toEqual({ ok: true, booking: stored, changed: false });
    expect(await compareAndSet('x', { ...step, read: async () => ({ booking: stored }), decide: () => ({ kind: 'bad-status' }) }))
      .toEqual({ ok: false, reason: 'bad-status' });
    expect(write).not.toHaveBeenCalled();
    // A reason the write gives (the slot was taken meanwhile) is answered as is, not retried.
    const taken = jest.fn(async () => 'slot-taken');
    expect(await compareAndSet('x', { ...step, read: async () => ({ booking: stored }), write: taken })).toEqual({ ok: false, reason: 'slot-taken' });
    expect(taken).toHaveBeenCalledTimes(1);
  });
});
