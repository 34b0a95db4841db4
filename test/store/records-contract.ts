// Permanent records (both stores), by namespace and id.
import type { RecordsPort } from '../../src/store/records';

export function recordsContract(records: () => RecordsPort): void {
  describe('RecordsPort', () => {
    describe('records', () => {
      it('keeps permanent records by namespace, lists them by id, deletes them', async () => {
        await records().put('accounts', 'b', { name: 'B', n: 2 });
        await records().put('accounts', 'a', { name: 'A' });
        await records().put('other', 'a', 'x');
        expect(await records().get('accounts', 'a')).toEqual({ name: 'A' });
        expect(await records().get('accounts', 'missing')).toBeNull();
        expect(await records().list('accounts')).toEqual([{ id: 'a', value: { name: 'A' } }, { id: 'b', value: { name: 'B', n: 2 } }]);
        await records().put('accounts', 'a', { name: 'A2' });
        expect(await records().get('accounts', 'a')).toEqual({ name: 'A2' });
        expect(await records().delete('accounts', 'a')).toBe(true);
        expect(await records().delete('accounts', 'a')).toBe(false);
        expect(await records().list('accounts')).toEqual([{ id: 'b', value: { name: 'B', n: 2 } }]);
        expect(await records().list('other')).toEqual([{ id: 'a', value: 'x' }]);
        expect(await records().list('empty')).toEqual([]);
      });
    });
  });
}
