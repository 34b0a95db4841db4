// The catalogue document (both stores): one version per write, compare-and-set.
import type { CataloguePort } from '../../src/store/catalogue';

export function catalogueContract(catalogue: () => CataloguePort): void {
  describe('CataloguePort', () => {
    describe('catalogue', () => {
      it('starts empty at version 0, then moves one version per write', async () => {
        expect(await catalogue().version()).toBe(0);
        expect(await catalogue().read()).toBeNull();
        expect(await catalogue().write({ a: 1 }, 0)).toEqual({ ok: true, version: 1 });
        expect(await catalogue().read()).toEqual({ version: 1, doc: { a: 1 } });
        expect(await catalogue().write({ a: 2 }, 1)).toEqual({ ok: true, version: 2 });
        expect(await catalogue().version()).toBe(2);
      });

      it('refuses a write based on an old version and keeps the stored document', async () => {
        await catalogue().write({ a: 1 }, 0);
        expect(await catalogue().write({ a: 'late' }, 0)).toEqual({ ok: false, version: 1 });
        const racers = await Promise.all([catalogue().write({ w: 1 }, 1), catalogue().write({ w: 2 }, 1)]);
        expect(racers.filter((r) => r.ok)).toHaveLength(1);
        const won = racers.findIndex((r) => r.ok) + 1;
        expect(await catalogue().read()).toEqual({ version: 2, doc: { w: won } });
      });
    });
  });
}
