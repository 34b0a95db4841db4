// Reading the national "lieux de médiation numérique" schema: rows validated by the ANCT's
// models, horaires (OSM opening_hours) turned into weekly ranges, bad rows named by field.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalogue } from '../../src/booking/catalogue';
import { planLieux, readLieuxFile, siteIdOf, weeklyOpening } from '../../src/catalogue/lieux';

const NOW = new Date('2026-12-01T10:00:00Z');
const catalogue = loadCatalogue();

it('turns OSM opening_hours into weekly ranges, public holidays aside', () => {
  expect(weeklyOpening('Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00; PH off', NOW)).toEqual([
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].flatMap((weekday) => [{ weekday, from: '09:00', to: '12:00' }, { weekday, from: '14:00', to: '17:30' }]),
    { weekday: 'saturday', from: '10:00', to: '12:00' },
  ]);
  expect(weeklyOpening('Tu,Th 14:00-18:00', NOW)).toEqual([{ weekday: 'tuesday', from: '14:00', to: '18:00' }, { weekday: 'thursday', from: '14:00', to: '18:00' }]);
  expect(() => weeklyOpening('tous les jours sauf le lundi', NOW)).toThrow();
});

it('reads the shipped CSV sample: sites of one territory, others skipped', () => {
  const plan = planLieux(readLieuxFile(path.join(__dirname, '..', '..', 'data', 'lieux-mediation-numerique-35.csv')), '35', catalogue, NOW);
  expect(plan.issues).toEqual([]);
  expect(plan.sites.map((s) => s.id)).toEqual(['0001', '0002', '0003', '0004', '0005', '0006'].map((n) => `lieu-mednum-35-${n}`));
  expect(plan.sites[0]).toMatchObject({ name: 'Bibliothèque des Champs Libres', kind: 'mediatheque', location: { lat: 48.1055, lon: -1.6747 }, slotMinutes: 60, source: 'lieux-de-mediation-numerique:mednum-35-0001' });
  expect(plan.skipped).toHaveLength(1);
});

it('reads JSON too, and names the bad field of a bad row', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lieux-'));
  const file = path.join(dir, 'lieux.json');
  const row = { id: 'x-1', pivot: '21350238800019', nom: 'Mairie', adresse: '1 place de la Mairie', code_postal: '35000', commune: 'Rennes', code_insee: '35238', latitude: 48.11, longitude: -1.68, date_maj: '2026-09-01', services: 'Aide aux démarches administratives', horaires: 'Mo 09:00-12:00' };
  fs.writeFileSync(file, JSON.stringify([row, { ...row, id: 'x-2', code_postal: '3500' }, { ...row, id: 'x-3', horaires: 'Mo 09:00-' }]));
  const plan = planLieux(readLieuxFile(file), '35', catalogue, NOW);
  expect(plan.issues.map((i) => i.path)).toEqual(['[1].code_postal', '[2].horaires']);
  expect(siteIdOf('Mednum/35 Élan')).toBe('lieu-mednum-35-elan');
});
