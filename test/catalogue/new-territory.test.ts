// A third département without code: `npm run catalogue -- import` brings the territory,
// `import-lieux` its places from the national open data sample, `npm run coordinator` its
// coordinator, who adds a volunteer through the API; a relative then books in Rennes through
// the bot, and the booking reaches the coordinator of 35 (and only them).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { helplineText } from '../../dialogs/say';
import { findPlace, warmUpPlaces } from '../../src/language/place';
import { testRedisUrl } from '../support/redis';
import { api, startCoordApp, type Coord } from '../coordinator/helpers';
import { finishBooking, postMessage, type Persona } from '../resilience/support';

const run = promisify(execFile);
jest.setTimeout(120_000);
const ROOT = path.join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let c: Coord;
beforeAll(async () => { c = await startCoordApp({ env: { CATALOGUE_REFRESH_MS: '200' } }); });
afterAll(async () => { await c.close(); });

const cli = (script: string, args: string[]) => run(process.execPath, [require.resolve('tsx/cli'), path.join('scripts', script), ...args], {
  cwd: ROOT, env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: c.prefix },
});

it('imports Ille-et-Vilaine and its places, serves its coordinator and books in Rennes end to end', async () => {
  // Places of an unknown territory are refused, and nothing changes.
  const early = await cli('catalogue.ts', ['import-lieux', 'data/lieux-mediation-numerique-35.csv', '--territory', '35']).catch((e: { code: number; stderr: string }) => e);
  expect(early).toMatchObject({ code: 1, stderr: expect.stringMatching(/--territory: territoire inconnu "35"/) });

  const t = await cli('catalogue.ts', ['import', 'data/territory-35.json']);
  expect(t.stdout).toMatch(/1 territories, 0 sites, 0 volunteers/);
  const l = await cli('catalogue.ts', ['import-lieux', 'data/lieux-mediation-numerique-35.csv', '--territory', '35']);
  expect(l.stdout).toMatch(/6 sites in territory 35/);
  expect(l.stdout).toMatch(/skipped 1: Médiathèque Jacques Demy \(mednum-44-0101\): hors du territoire 35/);

  // The running server picks it up without restart.
  for (let i = 0; i < 100 && !c.app.catalogue.sites.has('lieu-mednum-35-0002'); i++) await sleep(100);
  const cleunay = c.app.catalogue.sites.get('lieu-mednum-35-0002');
  expect(cleunay).toMatchObject({ territory: '35', kind: 'maison_de_quartier', accessible: true, address: { insee: '35238', commune: 'Rennes' } });
  expect(cleunay!.opening).toContainEqual({ weekday: 'monday', from: '13:30', to: '17:30' });
  // No code_insee in the file: found from the postcode and the commune.
  expect(c.app.catalogue.sites.get('lieu-mednum-35-0006')!.address.insee).toBe('35236');
  expect(helplineText(c.app.catalogue, '35')).toContain('02 99 00 00 35');
  // Rennes is now a served commune (the index follows the catalogue; built here as npm start
  // does at start-up, so that a loaded test machine does not spend the turn's lock on it).
  warmUpPlaces(c.app.catalogue);
  expect(findPlace('35000', c.app.catalogue)).toMatchObject({ status: 'found', territory: '35', nearestSites: expect.arrayContaining(['lieu-mednum-35-0001']) });

  // Its coordinator, from the command line, adds a volunteer at Cleunay.
  const added = await cli('coordinator.ts', ['add', '--name', 'Coordination Ille-et-Vilaine', '--territory', '35']);
  const token = /token: (\S+)/.exec(added.stdout)![1];
  const put = await api(c.base, token).put('/volunteers/vol-35-yann', {
    firstName: 'Yann', topics: ['caf', 'impots'], homeVisits: false, homeVisitRadiusKm: 0,
    availability: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((weekday) => ({ site: 'lieu-mednum-35-0002', weekday, from: '09:00', to: '12:00' })),
  });
  expect(put.status).toBe(201);

  // A relative books for her mother in Rennes through the bot.
  const conv = `rennes-${Date.now()}`;
  const send = async (text: string) => (await postMessage(c.base, conv, text)).texts;
  const first = await send('bonjour, un rendez-vous pour ma mère pour la caf');
  const persona: Persona = { forWhom: '2', place: 'Rennes', when: 'dès que possible', name: 'Annick Le Gall', phone: '06 11 22 33 44' };
  const seen: string[] = [];
  const ref = await finishBooking(async (text) => { const r = await send(text); seen.push(...r); return r; }, first, persona);
  expect(seen.join('\n')).toContain('Espace social commun Cleunay');
  const booking = (await c.app.store.bookings.get(ref))!;
  expect(booking).toMatchObject({ territory: '35', siteId: 'lieu-mednum-35-0002', volunteerId: 'vol-35-yann', status: 'pending', beneficiary: { phone: '+33611223344' } });

  // The coordinator of 35 sees and confirms it; the one of 44 cannot touch it.
  const list = await (await api(c.base, token).get('/bookings?status=pending')).json() as { items: Array<{ ref: string }> };
  expect(list.items.map((i) => i.ref)).toContain(ref);
  const { token: token44 } = await (await import('../coordinator/helpers')).addCoordinator(c.app, '44');
  expect((await api(c.base, token44).post(`/bookings/${ref}/confirm`)).status).toBe(403);
  expect((await api(c.base, token).post(`/bookings/${ref}/confirm`)).status).toBe(200);
  const stats = await (await api(c.base, token).get(`/stats?from=${booking.start.slice(0, 10)}&to=${booking.start.slice(0, 10)}`)).json() as { bookings: { total: number; bySite: Record<string, number> }; people: number };
  expect(stats).toMatchObject({ bookings: { total: 1, bySite: { 'lieu-mednum-35-0002': 1 } }, people: 1 });
});

it('refuses a bad import file with the path of the bad field', async () => {
  const bad = await cli('catalogue.ts', ['import', 'test/fixtures/catalogue-bad.json']).catch((e: { code: number; stderr: string }) => e);
  expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/nothing changed[\s\S]*sites\[0\]\.address\.postcode/) });
  const out = await cli('catalogue.ts', ['export', '--territory', '95']);
  const file = JSON.parse(out.stdout) as { territories: Array<{ id: string }>; sites: Array<{ id: string }> };
  expect(file.territories.map((x) => x.id)).toEqual(['95']);
  expect(file.sites.some((s) => s.id === 'bad-site')).toBe(false);
});
