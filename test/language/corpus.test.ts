// The acceptance corpus (test/fixtures/*-fr.tsv): every line must pass.
import { classify } from '../../src/language/intent';
import { findPlace } from '../../src/language/place';
import { parseWhen } from '../../src/language/when';
import { paris, readTsv, whenMatches } from './tsv';
import { loadCatalogue } from '../../src/booking/catalogue';

const catalogue = loadCatalogue();

const NOW = paris('2026-11-25T10:00');

describe('dates-fr.tsv (now = Wed 2026-11-25 10:00 Paris)', () => {
  test.each(readTsv('dates-fr.tsv'))('%s', (text, from, to) => {
    const r = parseWhen(text!, NOW);
    expect({ text, r, ok: whenMatches(r, from!, to!) }).toEqual({ text, r, ok: true });
  });
});

describe('intents-fr.tsv', () => {
  test.each(readTsv('intents-fr.tsv'))('%s', (text, intent, topic, forOther) => {
    expect(classify(text!)).toEqual({
      intent,
      topic: topic === '-' ? null : topic,
      forOther: forOther === '-' ? null : forOther === 'yes',
    });
  });
});

describe('places-fr.tsv', () => {
  test.each(readTsv('places-fr.tsv'))('%s', (text, insee, sites) => {
    const r = findPlace(text!, catalogue);
    if (insee === 'ASK') {
      expect(r?.status).toBe('ask');
      if (r?.status === 'ask') {
        // The sites near the candidates are the corpus' ones.
        expect(r.candidates.map((c) => c.insee)).toEqual(expect.arrayContaining(['95127', '95500']));
      }
      return;
    }
    expect(r?.status).toBe('found');
    if (r?.status !== 'found') return;
    expect(insee!.split('|')).toContain(r.insee);
    expect(sites!.split('|')).toContain(r.nearestSites[0]);
  });
});
