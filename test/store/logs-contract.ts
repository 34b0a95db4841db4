// Append-only logs (both stores): watermarks and expiry.
import type { LogsPort } from '../../src/store/logs';

export function logsContract(logs: () => LogsPort): void {
  describe('LogsPort', () => {
    describe('logs', () => {
      it('appends to a log and reads from a watermark', async () => {
        expect(await logs().append('c', ['a', 'b'], 10_000)).toBe(2);
        expect(await logs().append('c', ['c'], 10_000)).toBe(3);
        expect(await logs().append('c', [], 10_000)).toBe(3);
        expect(await logs().read('c', 0)).toEqual(['a', 'b', 'c']);
        expect(await logs().read('c', 2)).toEqual(['c']);
        expect(await logs().read('c', 1, 1)).toEqual(['b']);
        expect(await logs().read('c', 5)).toEqual([]);
        expect(await logs().read('other', 0)).toEqual([]);
      });

      it('forgets a log after its ttl', async () => {
        await logs().append('short', ['x'], 100);
        await new Promise((r) => setTimeout(r, 180));
        expect(await logs().read('short', 0)).toEqual([]);
      });
    });
  });
}
