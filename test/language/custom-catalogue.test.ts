// The place index and the helplines come from the catalogue the app loaded (TERRITORIES_FILE),
// never from data/territories.json behind its back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCatalogue, loadCatalogue, type Catalogue } from '../../src/booking/catalogue';
import { LiveCatalogue } from '../../src/catalogue/source';
import type { TerritoriesFile } from '../../src/booking/model';
import { loadConfig } from '../../src/config';
import { findPlace } from '../../src/language/place';
import { helplineText } from '../../dialogs/say';
import { makeChat } from '../dialogs/harness';

const RENNES_SITE = 'rennes-bibliotheque-champs-libres';

/** data/territories.json plus Ille-et-Vilaine (35): one site in Rennes, one volunteer there. */
function customFile(): string {
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, '../../data/territories.json'), 'utf8')) as TerritoriesFile;
  file.territories.push({ id: '35', name: 'Ille-et-Vilaine', helpline: '+33299000035' });
  file.sites.push({
    id: RENNES_SITE, name: 'Bibliothèque des Champs Libres, Rennes', kind: 'mediatheque', territory: '35',
    address: { line: '10 cours des Alliés', postcode: '35000', commune: 'Rennes', insee: '35238' },
    location: { lat: 48.1055, lon: -1.6744 }, accessible: true, slotMinutes: 45,
  });
  file.volunteers.push({
    id: 'vol-ille-et-vilaine', firstName: 'Yann', topics: ['caf', 'impots'], homeVisits: false, homeVisitRadiusKm: 0,
    availability: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((weekday) => ({ site: RENNES_SITE, weekday: weekday as 'monday', from: '09:00', to: '17:00' })),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'territories-'));
  const p = path.join(dir, 'territories.json');
  fs.writeFileSync(p, JSON.stringify(file));
  return p;
}

describe('a territory added to a custom TERRITORIES_FILE', () => {
  let custom: Catalogue;
  const standard = loadCatalogue();

  beforeAll(() => {
    const config = loadConfig({ NODE_ENV: 'test', TERRITORIES_FILE: customFile() });
    custom = loadCatalogue(config.territoriesFile);
  });

  it('is served by the place index built from that catalogue', () => {
    expect(findPlace('Rennes', standard)).toMatchObject({ status: 'out' });
    expect(findPlace('35000 Rennes', custom)).toMatchObject({ status: 'found', insee: '35238', territory: '35' });
    const r = findPlace('j habite a Rennes', custom);
    expect(r).toMatchObject({ status: 'found', territory: '35' });
    if (r?.status === 'found') expect(r.nearestSites[0]).toBe(RENNES_SITE);
    // The first catalogue's index is still its own.
    expect(findPlace('Rennes', standard)).toMatchObject({ status: 'out' });
    expect(findPlace('Savenay', custom)).toMatchObject({ status: 'found', territory: '44' });
  });

  it('is served as soon as the live catalogue changes to it', () => {
    const live = new LiveCatalogue(standard);
    expect(findPlace('Rennes', live)).toMatchObject({ status: 'out' });
    live.replace(buildCatalogue(custom.file, { version: standard.version + 1 }));
    expect(findPlace('Rennes', live)).toMatchObject({ status: 'found', territory: '35' });
  });

  it('has its helpline listed', () => {
    expect(helplineText(custom)).toContain('Ille-et-Vilaine 02 99 00 00 35');
    expect(helplineText(standard)).not.toContain('Ille-et-Vilaine');
    expect(helplineText(custom, '35')).toContain('02 99 00 00 35');
  });

  it('is bookable in a conversation with that catalogue', async () => {
    const chat = makeChat({ channel: 'webchat', catalogue: custom });
    await chat.send('rdv caf pour moi à Rennes');
    const replies = (await chat.send('mardi matin')).join('\n');
    expect(replies).toContain('Champs Libres');
  });
});
