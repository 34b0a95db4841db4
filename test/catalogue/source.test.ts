// The catalogue lives in the store: seeded once, imported all or nothing, followed by every
// CatalogueSource on the same store, slots recomputed only when the version moves.
import { CatalogueError, loadCatalogue } from '../../src/booking/catalogue';
import { generateSlots } from '../../src/booking/slots';
import { exportCatalogue, importCatalogue } from '../../src/catalogue/commands';
import { CatalogueSource } from '../../src/catalogue/source';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import { catalogueOf, fileJson, site, volunteer } from '../booking/fixture';
import { cleanRedisStore, makeRedisStore } from '../store/redis-helpers';

const seed = catalogueOf([site('s1', 47.2, -1.55)], [volunteer('v1', [['s1', 'monday', '09:00', '12:00']])]);
const NOW = new Date('2026-12-01T08:00:00Z');

describe.each([
  ['memory', async () => new MemoryStore() as Store, async () => undefined],
  ['redis', async () => makeRedisStore('catalogue') as Promise<Store>, cleanRedisStore],
])('catalogue on the %s store', (_name, make, clean) => {
  let store: Store;
  beforeEach(async () => { store = await make(); });
  afterEach(async () => { await clean(store); await store.close(); });

  it('seeds an empty store once; a later seed does not replace what is stored', async () => {
    const a = await CatalogueSource.open(store.catalogue, seed);
    expect(a.catalogue.version).toBe(1);
    const other = catalogueOf([site('other', 47, -1)], []);
    const b = await CatalogueSource.open(store.catalogue, other);
    expect([...b.catalogue.sites.keys()]).toEqual(['s1']);
  });

  it('imports by id (nothing else deleted) and another source sees it after refresh', async () => {
    const a = await CatalogueSource.open(store.catalogue, seed);
    const b = await CatalogueSource.open(store.catalogue, seed);
    const before = generateSlots(b.catalogue, { now: NOW }).length;
    const r = await importCatalogue(store, seed, fileJson([site('s2', 47.3, -1.5)], [volunteer('v2', [['s2', 'tuesday', '14:00', '16:00']])]), 'new.json');
    expect(r.version).toBe(2);
    expect(b.catalogue.sites.has('s2')).toBe(false);
    expect(await b.refresh()).toBe(true);
    expect([...b.catalogue.sites.keys()].sort()).toEqual(['s1', 's2']);
    expect([...b.catalogue.volunteers.keys()].sort()).toEqual(['v1', 'v2']);
    expect(generateSlots(b.catalogue, { now: NOW }).length).toBeGreaterThan(before);
    expect(await b.refresh()).toBe(false);
    await a.refresh();
    expect(a.catalogue.version).toBe(2);
  });

  it('refuses a bad file with the path of the bad field and changes nothing', async () => {
    await CatalogueSource.open(store.catalogue, seed);
    const bad = fileJson([site('s2', 47.3, -1.5, { slotMinutes: 5 })], []);
    await expect(importCatalogue(store, seed, bad, 'bad.json')).rejects.toThrow(/sites\[0\]\.slotMinutes/);
    // Valid alone, wrong against the store: a volunteer at an unknown site.
    const dangling = fileJson([site('s3', 47.3, -1.5)], [volunteer('v3', [['nowhere', 'monday', '09:00', '12:00']])]);
    const err = await importCatalogue(store, seed, dangling, 'dangling.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogueError);
    expect((err as CatalogueError).issues).toEqual([{ path: 'volunteers[0].availability[0].site', message: 'lieu inconnu "nowhere"' }]);
    expect(await store.catalogue.version()).toBe(1);
    expect((await exportCatalogue(store, seed)).sites.map((s) => s.id)).toEqual(['s1']);
  });

  it('exports one territory in the import format, which imports back unchanged', async () => {
    await CatalogueSource.open(store.catalogue, catalogueOf(
      [site('s1', 47.2, -1.55), site('x95', 49, 2.1, { territory: '95' })],
      [volunteer('v1', [['s1', 'monday', '09:00', '12:00'], ['x95', 'tuesday', '09:00', '12:00']])],
    ));
    const out = await exportCatalogue(store, seed, '95');
    expect(out.territories.map((t) => t.id)).toEqual(['95']);
    expect(out.sites.map((s) => s.id)).toEqual(['x95']);
    expect(out.volunteers[0].availability).toEqual([{ site: 'x95', weekday: 'tuesday', from: '09:00', to: '12:00' }]);
    await importCatalogue(store, seed, out, 'roundtrip.json');
    expect(await exportCatalogue(store, seed, '95')).toEqual(out);
    await expect(exportCatalogue(store, seed, '13')).rejects.toThrow(/territoire inconnu/);
  });
});

it('a process on the default file has the shipped catalogue', async () => {
  const store = new MemoryStore();
  const s = await CatalogueSource.open(store.catalogue, loadCatalogue());
  expect(s.catalogue.territories.size).toBeGreaterThanOrEqual(2);
});
