import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { understand, understandingToJson } from '../../src/language/understand';
import { normalize } from '../../src/language/normalize';
import { paris } from './tsv';
import { loadCatalogue } from '../../src/booking/catalogue';

const catalogue = loadCatalogue();

const NOW = paris('2026-11-25T10:00');

describe('normalize', () => {
  test.each([
    ['Bjr jai besoin d aide pr mon rdv ds 2 jours', "bonjour j'ai besoin d'aide pour mon rendez-vous dans 2 jours"],
    ["C’est quand mon RDV ?", "c'est quand mon rendez-vous"],
    ['chui a st herblain demain aprem stp', "je suis a st herblain demain apres-midi s'il te plait"],
    ['jsp qd', 'je sais pas quand'],
    ['ok dac c bon', "ok d'accord c'est bon"],
    ['Après midi', 'apres-midi'],
    ["l'aprem", "l'apres-midi"],
    ['Pôle-Emploi…', 'pole-emploi'],
  ])('%s', (input, output) => expect(normalize(input)).toBe(output));
});

describe('several facts in one message', () => {
  test('rdv caf mardi aprem à Rezé pour ma mère', () => {
    const u = understand('rdv caf mardi aprem à Rezé pour ma mère', NOW, catalogue);
    expect(u).toMatchObject({
      intent: 'book', topic: 'caf', forOther: true,
      when: { from: '2026-12-01T12:00', to: '2026-12-01T18:00' },
      place: { status: 'found', insee: '44143', commune: 'Rezé' },
    });
  });
  test.each([
    ['bjr jai besoin daide pr les impots le 8 a st herblain', { intent: 'book', topic: 'impots', forOther: false }, { from: '2026-12-08T00:00' }, '44162'],
    ['ma mere habite a coueron elle a besoin d aide pour sa carte vitale demain matin', { intent: 'book', topic: 'sante', forOther: true }, { from: '2026-11-26T08:00', to: '2026-11-26T12:00' }, '44047'],
    ['44260 savenay, pole emploi, jeudi 14h', { intent: 'book', topic: 'emploi' }, { from: '2026-11-26T14:00', to: '2026-11-26T14:00' }, '44195'],
    ['Bonjour, je suis à Cergy, je voudrais apprendre whatsapp la semaine prochaine', { intent: 'book', topic: 'visio', forOther: false }, { from: '2026-11-30T00:00', to: '2026-12-06T23:59' }, '95127'],
    ['rdv pr mon voisin a sarcelles vendredi aprem pour sa retraite', { intent: 'book', topic: 'retraite', forOther: true }, { from: '2026-11-27T12:00', to: '2026-11-27T18:00' }, '95585'],
  ])('%s', (text, what, when, insee) => {
    const u = understand(text, NOW, catalogue);
    expect(u).toMatchObject(what);
    expect(u.when).toMatchObject(when);
    expect(u.place).toMatchObject({ status: 'found', insee });
  });
  test('a phone number is neither a date nor a postcode', () => {
    const u = understand('mon numero 06 12 34 56 78', NOW, catalogue);
    expect(u.when).toBeNull();
    expect(u.place).toBeNull();
  });
});

describe('JSON line shape', () => {
  test('found / ask / out', () => {
    expect(understandingToJson(understand('95000', NOW, catalogue)).place).toEqual({
      status: 'ask',
      candidates: expect.arrayContaining([{ insee: '95127', commune: 'Cergy' }, { insee: '95500', commune: 'Pontoise' }]),
    });
    expect(understandingToJson(understand('Paris', NOW, catalogue)).place).toEqual({ status: 'out', commune: 'Paris', departement: 'Paris' });
    const found = understandingToJson(understand('Carquefou', NOW, catalogue)).place as Record<string, unknown>;
    expect(Object.keys(found).sort()).toEqual(['commune', 'insee', 'nearestSites', 'status']);
  });
});

describe('understand command', () => {
  const run = (args: string[], input?: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/understand.ts', ...args], {
    cwd: path.join(__dirname, '..', '..'), input, encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Auckland' },
  });
  test('one text → one JSON line', () => {
    const r = run(['--now', '2026-11-25T10:00', 'rdv caf mardi aprem à Rezé']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      text: 'rdv caf mardi aprem à Rezé', intent: 'book', topic: 'caf', forOther: null,
      when: { from: '2026-12-01T12:00', to: '2026-12-01T18:00' },
      place: { status: 'found', insee: '44143', commune: 'Rezé', nearestSites: expect.arrayContaining(['reze-maison-de-quartier-chateau']) },
    });
  });
  test('--batch: one JSON line per input line, in order', () => {
    const r = run(['--now', '2026-11-25T10:00', '--batch'], 'demain\n95000\nannuler\n\nle 8\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string });
    expect(out.map((o) => o.text)).toEqual(['demain', '95000', 'annuler', '', 'le 8']);
    expect(out[0]).toMatchObject({ when: { from: '2026-11-26T00:00', to: '2026-11-26T23:59' } });
    expect(out[1]).toMatchObject({ place: { status: 'ask' } });
    expect(out[2]).toMatchObject({ intent: 'cancel' });
    expect(out[4]).toMatchObject({ when: { from: '2026-12-08T00:00' } });
  });
  test('a bad --now is refused', () => {
    const r = run(['--now', 'hier', 'demain']);
    expect(r.status).toBe(2);
  });
});
