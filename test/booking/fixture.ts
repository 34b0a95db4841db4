// A small catalogue built in tests, so that each scenario states the data it relies on.
import { parseCatalogue, type Catalogue } from '../../src/booking/catalogue';
import type { Slot } from '../../src/booking/model';
import type { BookingsPort } from '../../src/store/bookings';

type Json = Record<string, unknown>;

export function site(id: string, lat: number, lon: number, extra: Json = {}): Json {
  return {
    id, name: `Lieu ${id}`, kind: 'mediatheque', territory: '44',
    address: { line: '1 rue de la Paix', postcode: '44000', commune: 'Nantes', insee: '44109' },
    location: { lat, lon }, accessible: true, slotMinutes: 60, ...extra,
  };
}

export function volunteer(id: string, availability: Array<[site: string, weekday: string, from: string, to: string]>, extra: Json = {}): Json {
  return {
    id, firstName: 'Camille', topics: ['caf', 'impots'], homeVisits: false, homeVisitRadiusKm: 0,
    availability: availability.map(([s, weekday, from, to]) => ({ site: s, weekday, from, to })), ...extra,
  };
}

export function fileJson(sites: Json[], volunteers: Json[]): Json {
  return {
    timezone: 'Europe/Paris',
    territories: [
      { id: '44', name: 'Loire-Atlantique', helpline: '+33240000044' },
      { id: '95', name: "Val-d'Oise", helpline: '+33134000095' },
    ],
    topics: [{ id: 'caf', label: 'CAF' }, { id: 'impots', label: 'Impôts' }, { id: 'visio', label: 'Visio' }],
    sites, volunteers,
  };
}

export function catalogueOf(sites: Json[], volunteers: Json[]): Catalogue {
  return parseCatalogue(fileJson(sites, volunteers));
}

/** takenAmong over a fixed set of taken ids, recording every call. */
export function fakeStore(taken: Iterable<string> | ((s: Slot) => boolean) = []): Pick<BookingsPort, 'takenAmong'> & { calls: string[][] } {
  const isTaken = typeof taken === 'function' ? taken : ((set) => (s: Slot) => set.has(s.id))(new Set(taken));
  const calls: string[][] = [];
  return {
    calls,
    async takenAmong(slots: readonly Slot[]) {
      calls.push(slots.map((s) => s.id));
      return new Set(slots.filter(isTaken).map((s) => s.id));
    },
  };
}
