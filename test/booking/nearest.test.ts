import { loadCatalogue } from '../../src/booking/catalogue';
import { distanceKm } from '../../src/booking/geo';
import { homeVisitVolunteers, sitesForTopic } from '../../src/booking/nearest';
import { catalogueOf, site, volunteer } from './fixture';

const c = loadCatalogue();
const NANTES = { lat: 47.2181, lon: -1.5528 };
const CERGY = { lat: 49.0364, lon: 2.0761 };

describe('sitesForTopic', () => {
  it('orders the sites of a territory by distance', () => {
    const list = sitesForTopic(c, NANTES, 'caf', '44');
    expect(list).toHaveLength(11);
    expect(list[0].site.id).toBe('nantes-mediatheque-centre-ville');
    expect(list[0].km).toBeLessThan(1);
    for (let i = 1; i < list.length; i++) expect(list[i].km).toBeGreaterThanOrEqual(list[i - 1].km);
    expect(list.every((x) => x.site.territory === '44')).toBe(true);
    expect(list.at(-1)?.site.id).toBe('chateaubriant-cms');
    for (const x of list) expect(x.km).toBeCloseTo(distanceKm(NANTES, x.site.location), 9);
  });

  it('keeps only sites where a volunteer covers the topic', () => {
    // identite: at Bellevue neither vol-03 nor vol-04 covers it.
    const ids = sitesForTopic(c, NANTES, 'identite', '44').map((x) => x.site.id);
    expect(ids).toContain('nantes-mediatheque-centre-ville');
    expect(ids).not.toContain('nantes-maison-de-quartier-bellevue');
    // visio: nobody at Magny-en-Vexin.
    expect(sitesForTopic(c, CERGY, 'visio', '95').map((x) => x.site.id)).not.toContain('magny-en-vexin-mairie');
    expect(sitesForTopic(c, CERGY, 'caf', '95').map((x) => x.site.id)).toContain('magny-en-vexin-mairie');
  });

  it('any topic (null) and every territory without a filter', () => {
    const all = sitesForTopic(c, CERGY, null);
    expect(all).toHaveLength(20);
    expect(all[0].site.id).toBe('cergy-maison-de-quartier-axe-majeur');
    expect(all.slice(-11).every((x) => x.site.territory === '44')).toBe(true);
  });

  it('leaves out a site whose volunteers have no availability there', () => {
    const cat = catalogueOf([site('a', 47, -1), site('b', 47.01, -1)], [volunteer('v', [['a', 'monday', '14:00', '17:00']])]);
    expect(sitesForTopic(cat, { lat: 47, lon: -1 }, 'caf').map((x) => x.site.id)).toEqual(['a']);
  });
});

describe('homeVisitVolunteers', () => {
  it('finds the volunteers who visit people around Nantes', () => {
    const list = homeVisitVolunteers(c, NANTES, 'caf', '44');
    expect(list.map((x) => `${x.volunteer.id}/${x.site.id}`)).toEqual([
      'vol-01/nantes-mediatheque-centre-ville', 'vol-04/nantes-maison-de-quartier-bellevue',
    ]);
    for (const x of list) {
      expect(x.volunteer.homeVisits).toBe(true);
      expect(x.km).toBeLessThanOrEqual(x.volunteer.homeVisitRadiusKm);
    }
  });

  it('respects the topic', () => {
    expect(homeVisitVolunteers(c, NANTES, 'identite', '44')).toEqual([]);
  });

  it('uses each volunteer radius from their site, and never volunteers who do not travel', () => {
    const p = { lat: 47, lon: -1 };
    // 0.045° of latitude ≈ 5.0 km.
    const cat = catalogueOf(
      [site('near', 47.044, -1), site('far', 47.046, -1)],
      [
        volunteer('in', [['near', 'monday', '14:00', '17:00']], { homeVisits: true, homeVisitRadiusKm: 5 }),
        volunteer('out', [['far', 'monday', '14:00', '17:00']], { homeVisits: true, homeVisitRadiusKm: 5 }),
        volunteer('stay', [['near', 'tuesday', '14:00', '17:00']], { homeVisits: false, homeVisitRadiusKm: 50 }),
      ],
    );
    expect(distanceKm(p, { lat: 47.044, lon: -1 })).toBeLessThan(5);
    expect(distanceKm(p, { lat: 47.046, lon: -1 })).toBeGreaterThan(5);
    expect(homeVisitVolunteers(cat, p, 'caf').map((x) => x.volunteer.id)).toEqual(['in']);
  });
});
