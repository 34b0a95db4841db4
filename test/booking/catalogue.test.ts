import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CatalogueError, loadCatalogue, parseCatalogue } from '../../src/booking/catalogue';
import { fileJson, site, volunteer } from './fixture';

const good = () => fileJson(
  [site('a', 47.2, -1.55), site('b', 47.3, -1.5, { slotMinutes: 45 })],
  [volunteer('v1', [['a', 'monday', '14:00', '17:00']]), volunteer('v2', [['b', 'tuesday', '09:30', '12:00']])],
);

/** A mutable deep copy (JSON.parse gives an untyped value we can break at will). */
const copy = () => JSON.parse(JSON.stringify(good()));

function errorOf(json: unknown): CatalogueError {
  try {
    parseCatalogue(json);
  } catch (e) {
    if (e instanceof CatalogueError) return e;
    throw e;
  }
  throw new Error('no error');
}

const tmpDirs: string[] = [];
const tmpDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-catalogue-')); tmpDirs.push(d); return d; };
afterAll(() => { for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true }); });

describe('loadCatalogue (data/territories.json)', () => {
  const c = loadCatalogue();
  it('loads the demo file from the project root', () => {
    expect(c.sites.size).toBe(20);
    expect(c.volunteers.size).toBe(40);
    expect([...c.territories.keys()]).toEqual(['44', '95']);
  });
  it('answers the usual questions', () => {
    expect(c.topicLabel('caf')).toMatch(/CAF/);
    expect(c.territoryOfSite('pontoise-ccas')?.id).toBe('95');
    expect(c.territoryOfSite('nowhere')).toBeUndefined();
    expect(c.sitesOfTerritory('44')).toHaveLength(11);
    expect(c.volunteersAtSite('pornic-ccas').map((v) => v.id)).toEqual(['vol-19', 'vol-20']);
  });
  it('names the file when it cannot be read or is not JSON', () => {
    const dir = tmpDir();
    const bad = path.join(dir, 't.json');
    fs.writeFileSync(bad, '{ "timezone": ');
    expect(() => loadCatalogue(bad)).toThrow(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*JSON invalide`));
    expect(() => loadCatalogue(path.join(dir, 'missing.json'))).toThrow(/missing\.json.*lecture impossible/);
  });
  it('names the file and the field of a bad value', () => {
    const dir = tmpDir();
    const bad = path.join(dir, 't.json');
    const json = good() as { volunteers: Array<{ availability: Array<{ from: string }> }> };
    json.volunteers[1].availability[0].from = '9h30';
    fs.writeFileSync(bad, JSON.stringify(json));
    expect(() => loadCatalogue(bad)).toThrow('volunteers[1].availability[0].from: heure attendue au format HH:MM');
  });
});

describe('parseCatalogue validation', () => {
  it('accepts a good file', () => {
    expect(parseCatalogue(good()).sites.get('b')?.slotMinutes).toBe(45);
  });
  it('gives the path of a bad time, a bad enum and a missing field', () => {
    const json = copy();
    json.volunteers[1].availability[0].from = '25:00';
    json.sites[0].kind = 'piscine';
    delete json.sites[1].location;
    json.volunteers[0].topics = ['caf', 'cuisine'];
    const paths = errorOf(json).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([
      'volunteers[1].availability[0].from', 'sites[0].kind', 'sites[1].location', 'volunteers[0].topics[1]',
    ]));
    expect(errorOf(json).message).toContain('volunteers[1].availability[0].from: heure attendue au format HH:MM');
  });
  it('refuses from after to, on the "to" field', () => {
    const json = copy();
    json.volunteers[0].availability[0] = { site: 'a', weekday: 'monday', from: '17:00', to: '14:00' };
    expect(errorOf(json).issues[0].path).toBe('volunteers[0].availability[0].to');
  });
  it('refuses an unknown site, an unknown territory and duplicate ids', () => {
    const json = copy();
    json.volunteers[1].availability[0].site = 'zz';
    json.sites[1].territory = '13';
    json.volunteers.push(volunteer('v1', []));
    const e = errorOf(json);
    expect(e.issues).toEqual(expect.arrayContaining([
      { path: 'volunteers[1].availability[0].site', message: 'lieu inconnu "zz"' },
      { path: 'sites[1].territory', message: 'territoire inconnu "13"' },
      { path: 'volunteers[2].id', message: 'identifiant en double "v1"' },
    ]));
  });
  it('refuses overlapping availability of one volunteer and a window shorter than a slot', () => {
    const json = copy();
    json.volunteers[0].availability.push({ site: 'b', weekday: 'monday', from: '16:00', to: '18:00' });
    json.volunteers[1].availability.push({ site: 'a', weekday: 'friday', from: '09:00', to: '09:30' });
    const paths = errorOf(json).issues.map((i) => i.path);
    expect(paths).toEqual(['volunteers[0].availability[1]', 'volunteers[1].availability[1].to']);
  });
  it('refuses something that is not a territories file at all', () => {
    expect(errorOf([]).issues[0].path).toBe('');
    expect(errorOf({ ...good(), timezone: 'UTC' }).issues.map((i) => i.path)).toEqual(['timezone']);
  });
});
