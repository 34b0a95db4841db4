import { parseWhen } from '../../src/language/when';
import { paris, readTsv, whenMatches } from './tsv';

const NOW = paris('2026-11-25T10:00');

describe('extra date cases (test/fixtures/extra-dates-fr.tsv)', () => {
  const rows = readTsv('extra-dates-fr.tsv');
  test.each(rows)('%s', (text, from, to) => {
    const r = parseWhen(text!, NOW);
    expect({ text, r, ok: whenMatches(r, from!, to!) }).toEqual({ text, r, ok: true });
  });
});

describe('no time expression', () => {
  test.each(['bonjour', 'je veux annuler', 'caf', '44800', 'Saint-Herblain', 'oui', '06 12 34 56 78', ''])('%s → null', (t) => {
    expect(parseWhen(t, NOW)).toBeNull();
  });
});

describe('weekday that contradicts the date', () => {
  test('"lundi 1er décembre" (the 1st is a Tuesday) asks with both readings', () => {
    expect(parseWhen('lundi 1er décembre', NOW)).toEqual({
      ask: 'weekday-mismatch',
      options: [
        { from: '2026-12-01T00:00', to: '2026-12-01T23:59' },
        { from: '2026-11-30T00:00', to: '2026-11-30T23:59' },
      ],
    });
  });
  test('keeps the time of day in both readings', () => {
    expect(parseWhen('vendredi 3 decembre a 14h', NOW)).toEqual({
      ask: 'weekday-mismatch',
      options: [
        { from: '2026-12-03T14:00', to: '2026-12-03T14:00' },
        { from: '2026-11-27T14:00', to: '2026-11-27T14:00' },
      ],
    });
  });
  test('a matching weekday is not a question', () => {
    expect(parseWhen('mardi 1er décembre', NOW)).toEqual({ from: '2026-12-01T00:00', to: '2026-12-01T23:59' });
    expect(parseWhen('jeudi 3/12 matin', NOW)).toEqual({ from: '2026-12-03T08:00', to: '2026-12-03T12:00' });
  });
});

describe('nothing before now', () => {
  test('"le 8" on the 25th is next month; "le 25" is today from now on', () => {
    expect(parseWhen('le 8', NOW)).toEqual({ from: '2026-12-08T00:00', to: '2026-12-08T23:59' });
    expect(parseWhen('le 25', NOW)).toEqual({ from: '2026-11-25T10:00', to: '2026-11-25T23:59' });
  });
  test('a date already past this year is next year', () => {
    expect(parseWhen('le 3 novembre', NOW)).toEqual({ from: '2027-11-03T00:00', to: '2027-11-03T23:59' });
  });
  test('a time already past today is tomorrow', () => {
    expect(parseWhen('à 9h', NOW)).toEqual({ from: '2026-11-26T09:00', to: '2026-11-26T09:00' });
    expect(parseWhen('ce matin', paris('2026-11-25T13:00'))).toEqual({ from: '2026-11-26T08:00', to: '2026-11-26T12:00' });
  });
  test('cet après-midi at 15:20 starts now', () => {
    expect(parseWhen('cet après-midi', paris('2026-11-25T15:20'))).toEqual({ from: '2026-11-25T15:20', to: '2026-11-25T18:00' });
  });
});

describe('daylight saving time', () => {
  test('spring forward: Sunday 2027-03-28 (02:00 → 03:00)', () => {
    const sat = paris('2027-03-27T22:30');
    expect(parseWhen('demain 14h', sat)).toEqual({ from: '2027-03-28T14:00', to: '2027-03-28T14:00' });
    expect(parseWhen('lundi matin', sat)).toEqual({ from: '2027-03-29T08:00', to: '2027-03-29T12:00' });
    // 01:30 UTC on the 28th is 03:30 in Paris (summer time already).
    expect(parseWhen("aujourd'hui", new Date('2027-03-28T01:30:00Z'))).toEqual({ from: '2027-03-28T03:30', to: '2027-03-28T23:59' });
    expect(parseWhen('ce matin', new Date('2027-03-28T01:30:00Z'))).toEqual({ from: '2027-03-28T08:00', to: '2027-03-28T12:00' });
    expect(parseWhen('demain', new Date('2027-03-27T23:30:00Z'))).toEqual({ from: '2027-03-29T00:00', to: '2027-03-29T23:59' });
  });
  test('fall back: Sunday 2026-10-25 (03:00 → 02:00)', () => {
    const sat = paris('2026-10-24T18:00');
    expect(parseWhen('demain 10h', sat)).toEqual({ from: '2026-10-25T10:00', to: '2026-10-25T10:00' });
    expect(parseWhen('la semaine prochaine', sat)).toEqual({ from: '2026-10-26T00:00', to: '2026-11-01T23:59' });
    // 23:30 UTC on the 24th is 01:30 on the 25th in Paris (still summer time).
    expect(parseWhen('aujourd\'hui', new Date('2026-10-24T23:30:00Z'))).toEqual({ from: '2026-10-25T01:30', to: '2026-10-25T23:59' });
    expect(parseWhen('mardi 14h', new Date('2026-10-25T12:00:00Z'))).toEqual({ from: '2026-10-27T14:00', to: '2026-10-27T14:00' });
  });
});

describe('independent of the process time zone', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
  test.each(['UTC', 'Pacific/Auckland', 'America/Los_Angeles'])('TZ=%s gives the same corpus answers', (tz) => {
    process.env.TZ = tz;
    for (const [text, from, to] of [...readTsv('dates-fr.tsv'), ...readTsv('extra-dates-fr.tsv')]) {
      const r = parseWhen(text!, NOW);
      expect({ tz, text, ok: whenMatches(r, from!, to!) }).toEqual({ tz, text, ok: true });
    }
  });
});

describe('people’s own words', () => {
  test('a weekday and a day number that never meet nearby ask with both readings', () => {
    expect(parseWhen('mardi 11', NOW)).toEqual({
      ask: 'weekday-mismatch',
      options: [
        { from: '2026-12-11T00:00', to: '2026-12-11T23:59' },
        { from: '2026-12-01T00:00', to: '2026-12-01T23:59' },
      ],
    });
  });
  test.each(['pour mon mari', 'Jeanne Martin', 'je voudrais voir mes petits enfants', 'je veux vendre ma voiture',
    'un telephone neuf', 'mes deux filles', "j'ai 85 ans", 'Mme Marie Dupont', 'je prends la derniere'])('"%s" is no time', (t) => {
    expect(parseWhen(t, NOW)).toBeNull();
  });
  test('"avant le 15" stops on the 14th; "après le 10" starts on the 11th', () => {
    expect(parseWhen('avant le 15', NOW)).toEqual({ from: '2026-11-25T10:00', to: '2026-12-14T23:59' });
    expect(parseWhen('apres le 10', NOW)).toMatchObject({ from: '2026-12-11T00:00' });
  });
  test('the last self-correction stands, only for what it corrects', () => {
    expect(parseWhen('vendredi a 9h euh non 10h', NOW)).toEqual({ from: '2026-11-27T10:00', to: '2026-11-27T10:00' });
    expect(parseWhen('jeudi 15h, non vendredi', NOW)).toEqual({ from: '2026-11-27T15:00', to: '2026-11-27T15:00' });
  });
});

describe('dates as a small grammar over clauses (issue 19)', () => {
  test('a part of the day over several days is daily hours, for the slot search', () => {
    expect(parseWhen('la semaine prochaine mais pas le matin', NOW)).toEqual({
      from: '2026-11-30T12:00', to: '2026-12-06T21:00', hours: { from: '12:00', to: '21:00' },
    });
    expect(parseWhen('la semaine prochaine le matin', NOW)).toMatchObject({ hours: { from: '08:00', to: '12:00' } });
    // One day: the interval says it all.
    expect(parseWhen('demain pas le matin', NOW)).toEqual({ from: '2026-11-26T12:00', to: '2026-11-26T21:00' });
  });
  test('a bound and a part of the day in two clauses both hold', () => {
    expect(parseWhen('jeudi le matin mais pas avant 9h30', NOW)).toEqual({ from: '2026-11-26T09:30', to: '2026-11-26T12:00' });
  });
  test('"pas ce lundi" alone names no day; "le suivant" is the one after it', () => {
    expect(parseWhen('pas ce lundi', NOW)).toBeNull();
    expect(parseWhen('pas ce vendredi, celui d\'après', NOW)).toEqual({ from: '2026-12-04T00:00', to: '2026-12-04T23:59' });
  });
  test('hour ranges without "h" are hours, "du 10 au 12" stays days', () => {
    expect(parseWhen('vendredi de 10 a 12', NOW)).toEqual({ from: '2026-11-27T10:00', to: '2026-11-27T12:00' });
    expect(parseWhen('du 10 au 12 decembre', NOW)).toEqual({ from: '2026-12-10T00:00', to: '2026-12-12T23:59' });
  });
  test.each(['et maintenant il faut tout faire en ligne', 'depuis lundi je n\'ai plus internet', 'il y a deux ans', 'bonne soirée'])('"%s" is a story, no date', (t) => {
    expect(parseWhen(t, NOW)).toBeNull();
  });
  test('"maintenant" as a request is still now', () => {
    expect(parseWhen('je peux venir maintenant', NOW)).toMatchObject({ from: '2026-11-25T10:00' });
  });
});
