// Start-up: the server listens while the commune index builds in the background
// (src/index.ts). A message that comes before the index is ready waits for it and is read
// right: never misread, never built again inside the turn's conversation lock.
import * as place from '../../src/language/place';
import { makeChat, testCatalogue } from './harness';

// Every lookup notes whether the background build was still running at that moment.
const lookups: Array<Promise<void> | null> = [];
jest.mock('../../src/language/place', () => {
  const actual = jest.requireActual<typeof place>('../../src/language/place');
  return { ...actual, findPlace: (...args: Parameters<typeof actual.findPlace>) => { lookups.push(actual.placesPending()); return actual.findPlace(...args); } };
});

const MESSAGE = 'rdv caf mardi aprem à Rezé pour ma mère';

it('a message that arrives while the commune index builds waits for it, then is understood', async () => {
  const chat = makeChat({ channel: 'webchat' });
  const building = place.warmUpPlacesInBackground(testCatalogue());
  expect(place.placesPending()).not.toBeNull();
  const early = (await chat.send(MESSAGE)).join('\n');
  await expect(building).resolves.toEqual(expect.any(Number));
  expect(place.placesPending()).toBeNull();
  // Every lookup of the turn ran once the index was there.
  expect(lookups.length).toBeGreaterThan(0);
  expect(lookups.every((p) => p === null)).toBe(true);
  expect(early).toMatch(/rendez-vous possibles/);
  expect(early).toMatch(/Rezé/);
  // The same answer as once the index is long ready.
  const later = makeChat({ channel: 'webchat', from: 'web-user-2' });
  expect((await later.send(MESSAGE)).join('\n')).toBe(early);
});
