import { findPlace, placeIndexBuildMs, warmUpPlaces } from '../../src/language/place';
import { readTsv } from './tsv';
import { loadCatalogue } from '../../src/booking/catalogue';

const catalogue = loadCatalogue();

describe('place index', () => {
  // Its build time is measured by the bench (start-up), not asserted here.
  test('builds once, offline, and is cached', () => {
    const ms = warmUpPlaces(catalogue);
    expect(placeIndexBuildMs()).toBe(ms);
    expect(warmUpPlaces(catalogue)).toBe(ms); // cached
  });
});

describe('extra place cases (test/fixtures/extra-places-fr.tsv)', () => {
  test.each(readTsv('extra-places-fr.tsv'))('%s', (text, insee, site) => {
    const r = findPlace(text!, catalogue);
    if (insee === 'NULL') return expect(r).toBeNull();
    if (insee === 'OUT') return expect(r?.status).toBe('out');
    if (insee === 'ASK') return expect(r?.status).toBe('ask');
    expect(r).toMatchObject({ status: 'found', insee });
    if (r?.status === 'found' && site !== '-') expect(r.nearestSites[0]).toBe(site);
  });
});

describe('details', () => {
  test('found gives coordinates, territory, postcode and every site by distance', () => {
    const r = findPlace('44260 Savenay', catalogue);
    expect(r).toMatchObject({ status: 'found', insee: '44195', commune: 'Savenay', postcode: '44260', territory: '44' });
    if (r?.status !== 'found') throw new Error('not found');
    expect(r.lat).toBeCloseTo(47.36, 1);
    expect(r.lon).toBeCloseTo(-1.94, 1);
    expect(r.nearestSites).toHaveLength(20);
    expect(new Set(r.nearestSites).size).toBe(20);
  });
  test('a shared postcode asks, as a list of candidates with postcodes', () => {
    const r = findPlace('95000', catalogue);
    expect(r?.status).toBe('ask');
    if (r?.status !== 'ask') return;
    expect(r.candidates.map((c) => c.commune).sort()).toEqual(['Boisemont', 'Cergy', 'Neuville-sur-Oise', 'Pontoise']);
    expect(r.candidates.every((c) => c.postcode === '95000')).toBe(true);
  });
  test('a postcode and a name pick the commune among those of the postcode', () => {
    expect(findPlace('95000 Pontoise', catalogue)).toMatchObject({ status: 'found', insee: '95500' });
    expect(findPlace('pontoise 95000', catalogue)).toMatchObject({ status: 'found', insee: '95500' });
  });
  test('homonyms prefer the served territories', () => {
    expect(findPlace('Franconville', catalogue)).toMatchObject({ status: 'found', insee: '95252', territory: '95' });
  });
  test('outside the served territories', () => {
    expect(findPlace('Paris', catalogue)).toMatchObject({ status: 'out' });
    expect(findPlace("j'habite a Lyon", catalogue)).toMatchObject({ status: 'out' });
    expect(findPlace('13001', catalogue)).toMatchObject({ status: 'out' });
  });
  test.each(['demain', 'mardi', 'caf', 'oui', 'non', 'pour ma mere', 'ma mere', 'merci', 'bonjour', 'STOP', 'aide',
    'le 8', 'mercredi prochain', 'rendez-vous', 'impots', 'je voudrais un rdv', 'le plus tot possible', '14h30',
    'ma carte vitale', 'whatsapp', "c'est pour mon pere", 'apres-midi', 'la semaine prochaine'])('"%s" is no place', (t) => {
    expect(findPlace(t, catalogue)).toBeNull();
  });
});

describe('served communes in people’s spellings', () => {
  test.each([
    ['tavern', '95607'], ['carquef', '44026'], ['st seb', '44190'], ['stgratien', '95555'],
    ['lachapelle sur erdre', '44035'], ['saintherblain', '44162'], ['rezai', '44143'], ['mery', '95394'],
  ])('"%s" → %s', (text, insee) => {
    expect(findPlace(text, catalogue)).toMatchObject({ status: 'found', insee });
  });
  test('a near-homonym elsewhere stays out of area, with its commune and département', () => {
    expect(findPlace('champagne sur seine', catalogue)).toEqual({ status: 'out', commune: 'Champagne-sur-Seine', insee: '77079', departement: 'Seine-et-Marne' });
    expect(findPlace('villiers sur marne', catalogue)).toMatchObject({ status: 'out', departement: 'Val-de-Marne' });
  });
  test('two served communes sharing the first words: ask', () => {
    expect(findPlace('cormeilles', catalogue)?.status).toBe('ask');
  });
  test('a first name is no truncated commune', () => {
    expect(findPlace('Jean-Pierre Masson', catalogue)).not.toMatchObject({ status: 'found' });
  });
});
