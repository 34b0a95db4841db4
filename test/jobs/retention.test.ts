// Retention: RETENTION_DAYS after the appointment, names and phone numbers are erased by the
// repeatable purge job, and not a day before.
import { ERASED_NAME, ERASED_PHONE } from '../../src/booking/erasure';
import { testPrefix } from '../support/redis';
import { book, sleep, startCoordApp, type Coord } from '../coordinator/helpers';

jest.setTimeout(60_000);
const DAY = 24 * 3600_000;

let apps: Coord[] = [];
afterEach(async () => {
  await Promise.all(apps.map((a) => a.close()));
  apps = [];
});

it('erases personal data RETENTION_DAYS after the appointment, by the purge job', async () => {
  const prefix = testPrefix('retention');
  const first = await startCoordApp({ prefix });
  apps.push(first);
  const b = await book(first.app, { name: 'Lucienne Effacée' });
  // A process whose clock is 89 days after the appointment: nothing to erase yet.
  const early = await startCoordApp({ prefix, env: { RETENTION_DAYS: '90' }, overrides: { now: () => new Date(b.startsAt + 89 * DAY) } });
  apps.push(early);
  expect(await early.app.jobs.purge()).toBe(0);
  expect((await early.app.store.bookings.get(b.ref))!.beneficiary.name).toBe('Lucienne Effacée');
  // 91 days after: the purge a process runs at start-up (then every 6 h) erases it.
  const late = await startCoordApp({ prefix, env: { RETENTION_DAYS: '90' }, overrides: { now: () => new Date(b.startsAt + 91 * DAY) } });
  apps.push(late);
  const end = Date.now() + 10_000;
  while ((await late.app.store.bookings.get(b.ref))!.beneficiary.name !== ERASED_NAME && Date.now() < end) await sleep(100);
  const erased = (await late.app.store.bookings.get(b.ref))!;
  expect(erased.beneficiary).toEqual({ name: ERASED_NAME, phone: ERASED_PHONE });
  expect(erased.topic).toBe(b.topic); // statistics stay
  expect(await late.app.store.bookings.byPhone(b.beneficiary.phone)).toEqual([]);
});
