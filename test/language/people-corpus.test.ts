// The two corpora of test/fixtures/CORPUS.md: the tuned corpus (people-*, extra-*, the public
// files) must be all right; the dev set (dev-*, fresh lines never tuned on one by one) at
// least 97 % per kind — the measure of how the rules generalise.
import { scoreCorpus, summary, type Kind } from './people-score';

const fails = (lines: ReturnType<typeof scoreCorpus>) => lines.filter((l) => !l.ok).map((l) => `${l.file}/${l.cls}: ${l.text} → ${JSON.stringify(l.got)}`);

describe('tuned corpus', () => {
  const lines = scoreCorpus('tuned');
  test('has at least 700 lines', () => expect(lines.length).toBeGreaterThanOrEqual(700));
  test('every line right', () => expect(fails(lines)).toEqual([]));
});

describe('dev set', () => {
  const lines = scoreCorpus('dev');
  test('has at least 300 fresh lines', () => expect(lines.length).toBeGreaterThanOrEqual(300));
  test.each<Kind>(['dates', 'intents', 'places'])('%s at least 97 % right', (kind) => {
    const mine = lines.filter((l) => l.file === kind);
    const s = summary(mine);
    expect({ rate: s.ok / s.n >= 0.97, fails: fails(mine) }).toEqual({ rate: true, fails: expect.any(Array) });
  });
});
