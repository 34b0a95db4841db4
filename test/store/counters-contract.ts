// Seen marks, fixed-window counters and opt-outs (both stores).
import type { CountersPort } from '../../src/store/counters';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function countersContract(counters: () => CountersPort): void {
  describe('CountersPort', () => {
    describe('seen marks and opt-outs', () => {
      it('opt-out is stored and can be lifted', async () => {
        expect(await counters().isOptedOut('+33612345678')).toBe(false);
        await counters().setOptOut('+33612345678', true);
        await counters().setOptOut('+33612345678', true);
        expect(await counters().isOptedOut('+33612345678')).toBe(true);
        expect(await counters().isOptedOut('+33612345679')).toBe(false);
        await counters().setOptOut('+33612345678', false);
        expect(await counters().isOptedOut('+33612345678')).toBe(false);
      });

      it('firstSeen is true once per ttl', async () => {
        const seen = await Promise.all([1, 2, 3].map(() => counters().firstSeen('SM123', 60)));
        expect(seen.filter(Boolean)).toHaveLength(1);
        expect(await counters().firstSeen('SM124', 60)).toBe(true);
        await sleep(120);
        expect(await counters().firstSeen('SM123', 60)).toBe(true);
      });
    });

    describe('counters', () => {
      it('counts hits in a fixed window that expires', async () => {
        expect(await counters().countHit('n1', 200)).toBe(1);
        expect(await counters().countHit('n1', 200)).toBe(2);
        expect(await counters().countHit('n2', 200)).toBe(1);
        await new Promise((r) => setTimeout(r, 260));
        expect(await counters().countHit('n1', 200)).toBe(1);
      });

      it('reads a counter without counting, 0 once its window is over', async () => {
        expect(await counters().hitCount('p1')).toBe(0);
        await counters().countHit('p1', 200);
        await counters().countHit('p1', 200);
        expect(await counters().hitCount('p1')).toBe(2);
        expect(await counters().hitCount('p1')).toBe(2);
        await new Promise((r) => setTimeout(r, 260));
        expect(await counters().hitCount('p1')).toBe(0);
      });
    });
  });
}
