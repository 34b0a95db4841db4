// Every commune of the served départements is in the place index, checked against the official
// list (@etalab/decoupage-administratif, current communes): by name, and by name and postcode.
import communes from '@etalab/decoupage-administratif/data/communes.json';
import { findPlace } from '../../src/language/place';
import { loadCatalogue } from '../../src/booking/catalogue';

const catalogue = loadCatalogue();
type Row = { code: string; nom: string; type: string; departement?: string; codesPostaux?: string[] };
const served = (communes as Row[]).filter((c) => c.type === 'commune-actuelle' && catalogue.territories.has(c.departement ?? ''));

describe('no commune of the served départements is missing from the place index', () => {
  test('the official list has the served départements', () => {
    expect(new Set(served.map((c) => c.departement))).toEqual(new Set(catalogue.territories.keys()));
    expect(served.length).toBeGreaterThan(300);
  });
  test('each is found by its name alone (or asked about among its homonyms)', () => {
    const missing = served.filter((c) => {
      const r = findPlace(c.nom, catalogue);
      return !(r?.status === 'found' ? r.insee === c.code : r?.status === 'ask' && r.candidates.some((x) => x.insee === c.code));
    }).map((c) => `${c.code} ${c.nom} → ${JSON.stringify(findPlace(c.nom, catalogue))}`);
    expect(missing).toEqual([]);
  });
  test('each is found by its postcode and name', () => {
    const missing = served.filter((c) => {
      const r = findPlace(`${c.codesPostaux?.[0] ?? ''} ${c.nom}`, catalogue);
      return !(r?.status === 'found' && r.insee === c.code);
    }).map((c) => c.code);
    expect(missing).toEqual([]);
  });
});
