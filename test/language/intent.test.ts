import lexicon from '../../locales/intents.fr.json';
import { classify } from '../../src/language/intent';
import { normalize } from '../../src/language/normalize';
import { readTsv } from './tsv';

const expected = (topic: string, forOther: string) => ({
  topic: topic === '-' ? null : topic,
  forOther: forOther === '-' ? null : forOther === 'yes',
});

describe('extra intent cases (test/fixtures/extra-intents-fr.tsv)', () => {
  const rows = readTsv('extra-intents-fr.tsv');
  const misses: string[] = [];
  for (const [text, intent, topic, forOther] of rows) {
    const r = classify(text!);
    const want = { intent, ...expected(topic!, forOther!) };
    if (JSON.stringify(r) !== JSON.stringify(want)) misses.push(`${text} → ${JSON.stringify(r)} (want ${JSON.stringify(want)})`);
  }
  const accuracy = (rows.length - misses.length) / rows.length;

  test('at least 60 realistic messages', () => expect(rows.length).toBeGreaterThanOrEqual(60));
  test(`accuracy (intent + topic + forOther) ≥ 95 % — measured ${(accuracy * 100).toFixed(1)} %`, () => {
    expect({ accuracy: accuracy >= 0.95, misses }).toEqual({ accuracy: true, misses: expect.any(Array) });
  });
  test('intent and topic alone are all right', () => {
    const wrong = rows.filter(([text, intent, topic]) => {
      const r = classify(text!);
      return r.intent !== intent || (r.topic ?? '-') !== topic;
    }).map((r) => r[0]);
    expect(wrong).toEqual([]);
  });
});

describe('specific rules', () => {
  test.each([
    ['Pôle emploi', 'emploi'], ['france travail', 'emploi'], ['mon RSA', 'caf'], ['les APL', 'caf'],
    ['ma carte grise', 'identite'], ['renouveler mon permis', 'identite'], ['passeport', 'identite'],
    ['carte Vitale', 'sante'], ['ma mutuelle', 'sante'], ['doctolib', 'sante'], ['ma tablette', 'ordinateur'],
    ['whatsapp', 'visio'], ['appel video avec mes petits enfants', 'visio'], ['mon mail', 'email'],
    ['ma declaration de revenus', 'impots'], ['ma pension de reversion', 'retraite'],
  ])('%s → %s', (text, topic) => {
    expect(classify(text)).toMatchObject({ intent: 'book', topic });
  });
  test('asking for help with a password is a booking, not a secret', () => {
    expect(classify('ameli me demande un mot de passe je comprend rien')).toMatchObject({ intent: 'book', topic: 'sante' });
  });
  test.each([
    ['annuler', 'cancel'], ['ANNULER', 'cancel'], ['STOP', 'stop'], ['arret', 'stop'], ['aide', 'help'], ['menu', 'help'],
    ['0', 'help'], ['je comprends pas', 'help'], ["parler a quelqu'un", 'human'], ['un humain', 'human'],
    ['conseiller', 'human'], ["c'est quand mon rdv", 'status'], ['bonjour', 'greeting'], ['merci', 'thanks'],
    ['azertyuiop', 'unknown'], ['le chat est noir', 'unknown'],
  ])('%s → %s', (text, intent) => {
    expect(classify(text).intent).toBe(intent);
  });
  test('a sentence that only mentions stopping is not an opt-out', () => {
    expect(classify("j'ai arrete de travailler et je dois demander ma retraite").intent).toBe('book');
  });
});

// Multinomial naive Bayes trained on the lexicon + acceptance corpus: the "small trained
// classifier" alternative. Kept as a running comparison for the choice of rules.
describe('rules vs a naive-Bayes baseline', () => {
  const toks = (t: string) => normalize(t).split(/[^a-z0-9]+/).filter(Boolean);
  function train(data: [string, string][]): (t: string) => string {
    const counts = new Map<string, Map<string, number>>();
    const prior = new Map<string, number>();
    const vocab = new Set<string>();
    for (const [t, y] of data) {
      prior.set(y, (prior.get(y) ?? 0) + 1);
      const c = counts.get(y) ?? new Map<string, number>();
      counts.set(y, c);
      for (const w of toks(t)) { c.set(w, (c.get(w) ?? 0) + 1); vocab.add(w); }
    }
    const n = data.length;
    return (t) => {
      let best = '';
      let bestScore = -Infinity;
      for (const [y, p] of prior) {
        const c = counts.get(y)!;
        const total = [...c.values()].reduce((a, b) => a + b, 0);
        let s = Math.log(p / n);
        for (const w of toks(t)) s += Math.log(((c.get(w) ?? 0) + 1) / (total + vocab.size));
        if (s > bestScore) { bestScore = s; best = y; }
      }
      return best;
    };
  }
  test('rules are at least as accurate on the extra cases', () => {
    const corpus = readTsv('intents-fr.tsv');
    const intents = lexicon.intents as Record<string, string[]>;
    const intentNames = ['stop', 'cancel', 'human', 'status', 'help', 'greeting', 'thanks', 'book'];
    const nbIntent = train([
      ...intentNames.flatMap((k) => (intents[k] ?? []).map((p) => [p, k] as [string, string])),
      ...Object.values(lexicon.topics).flat().map((p) => [p, 'book'] as [string, string]),
      ...corpus.map((r) => [r[0]!, r[1]!] as [string, string]),
    ]);
    const nbTopic = train([
      ...Object.entries(lexicon.topics).flatMap(([k, v]) => v.map((p) => [p, k] as [string, string])),
      ...corpus.map((r) => [r[0]!, r[2]!] as [string, string]),
      ...intentNames.filter((k) => k !== 'book').flatMap((k) => (intents[k] ?? []).map((p) => [p, '-'] as [string, string])),
    ]);
    const extra = readTsv('extra-intents-fr.tsv');
    let nb = 0;
    let rules = 0;
    for (const [text, intent, topic] of extra) {
      const i = nbIntent(text!);
      if (i === intent && (i === 'book' ? nbTopic(text!) : '-') === topic) nb++;
      const r = classify(text!);
      if (r.intent === intent && (r.topic ?? '-') === topic) rules++;
    }
    expect(rules).toBeGreaterThanOrEqual(nb);
  });
});
