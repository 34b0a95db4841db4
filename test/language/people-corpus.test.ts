// The own corpus (test/fixtures/people-*-fr.tsv, written the way people in their seventies and
// eighties text or dictate): the language layer must get at least 97 % of it right.
import { scoreAll, summary } from './people-score';

describe('own corpus (people-*-fr.tsv)', () => {
  const lines = scoreAll();
  const s = summary(lines);

  test('has at least 300 lines', () => {
    expect(s.n).toBeGreaterThanOrEqual(300);
  });

  test('at least 97 % right overall', () => {
    const fails = lines.filter((l) => !l.ok).map((l) => `${l.file}/${l.cls}: ${l.text} → ${JSON.stringify(l.got)}`);
    expect({ rate: s.ok / s.n >= 0.97, fails }).toEqual({ rate: true, fails: expect.any(Array) });
  });

  test.each(['dates', 'intents', 'places', 'replies'])('%s at least 95 % right', (file) => {
    const mine = lines.filter((l) => l.file === file);
    const ok = mine.filter((l) => l.ok).length;
    expect(ok / mine.length).toBeGreaterThanOrEqual(0.95);
  });
});
