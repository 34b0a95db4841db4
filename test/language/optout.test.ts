// The opt-out set (test/fixtures/optout-fr.tsv): every line right, at least 60 ways of saying stop.
import { readOptOut } from '../../src/language/optout';
import { classify } from '../../src/language/intent';
import { readTsv } from './tsv';

const rows = readTsv('optout-fr.tsv');

describe('opt-out in any words', () => {
  test('at least 60 phrasings of "stop writing to me"', () => {
    expect(rows.filter((r) => r[1] === 'stop').length).toBeGreaterThanOrEqual(60);
  });
  test.each(rows)('%s → %s', (text, expected) => {
    expect(readOptOut(text!) ?? 'no').toBe(expected);
  });
  test('the classifier\'s stop intent is the same reading', () => {
    for (const [text, expected] of rows) expect([text, classify(text!).intent === 'stop']).toEqual([text, expected === 'stop']);
  });
});
