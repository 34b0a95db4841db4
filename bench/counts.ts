// `npm run bench:counts`: exact work per turn, independent of the machine's load (what a
// callgrind count gives, at the level of our functions): whole booking conversations played
// in-process (test/dialogs/harness.ts, in-memory store), V8's precise coverage counting the
// calls of the language layer's readers, and JSON.stringify / JSON.parse calls counted.
// The counted conversations use texts the warm-up did not see: memo hits across messages
// are not counted as savings.
import { Session } from 'node:inspector/promises';
import { makeChat, testCatalogue } from '../test/dialogs/harness';
import { warmUpPlaces } from '../src/language/place';

const WARM = [['salut', '2', 'retraite', '95000', 'vendredi', '1', 'Luc Bon', 'oui']];
const COUNTED = [
  ['bjr jai besoin daide pour la caf', '44800', 'lundi aprem', '1', 'Jeanne Martin', 'oui'],
  ['rdv impots jeudi matin à Rezé pour ma mère', '1', 'Paulette Durand', '06 98 76 54 32', 'oui', 'oui'],
  ['bonjour', '1', 'ameli', '44600', 'le plus tot possible', '2', 'Marc Petit', 'oui'],
];
/** Functions counted: file (under src/) → function names. */
const COUNT: Record<string, string[]> = {
  'language/normalize': ['normalizeText', 'normalize', 'fold'],
  'language/intent': ['classifyText'],
  'language/when': ['parseWhen'],
  'language/place': ['findPlaceIn'],
  'language/understand': ['understand'],
  'bot/state': ['body'],
};

interface Coverage { result: Array<{ url: string; functions: Array<{ functionName: string; ranges: Array<{ count: number; startOffset: number; endOffset: number }> }> }> }

// tsx's CommonJS output gives each export a getter named like it (`fold: () => fold`): a call
// from another module counts in both. The getters are one short expression; functions are not.
const GETTER_CHARS = 40;

async function play(scripts: string[][], from: number): Promise<number> {
  let turns = 0;
  for (const [i, script] of scripts.entries()) {
    const chat = makeChat({ channel: i % 2 ? 'sms' : 'webchat', from: `+3361234${String(from + i).padStart(4, '0')}` });
    for (const text of script) { await chat.send(text); turns++; }
  }
  return turns;
}

async function main(): Promise<void> {
  warmUpPlaces(testCatalogue());
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  await play(WARM, 0);
  await session.post('Profiler.takePreciseCoverage'); // resets the counters
  const json = { stringify: 0, parse: 0 };
  const { stringify, parse } = JSON;
  JSON.stringify = ((...a: Parameters<typeof stringify>) => { json.stringify++; return stringify(...a); }) as typeof stringify;
  JSON.parse = ((...a: Parameters<typeof parse>) => { json.parse++; return parse(...a); }) as typeof parse;
  let turns: number;
  try {
    turns = await play(COUNTED, 100);
  } finally {
    Object.assign(JSON, { stringify, parse });
  }
  const { result } = await session.post('Profiler.takePreciseCoverage') as Coverage;
  session.disconnect();
  const perTurn = (n: number) => (n / turns).toFixed(2);
  process.stdout.write(`${turns} turns of ${COUNTED.length} booking conversations; calls per turn:\n\n| function | calls per turn |\n| --- | --- |\n`);
  for (const [file, names] of Object.entries(COUNT)) {
    const fns = result.filter((s) => s.url.includes(`/src/${file}.`)).flatMap((s) => s.functions);
    for (const name of names) {
      const n = fns.filter((f) => f.functionName === name && f.ranges[0] && f.ranges[0].endOffset - f.ranges[0].startOffset > GETTER_CHARS)
        .reduce((sum, f) => sum + (f.ranges[0]?.count ?? 0), 0);
      process.stdout.write(`| ${file}.ts \`${name}\` | ${perTurn(n)} |\n`);
    }
  }
  process.stdout.write(`| JSON.stringify (all callers) | ${perTurn(json.stringify)} |\n| JSON.parse (all callers) | ${perTurn(json.parse)} |\n`);
}

main().catch((err) => { process.stderr.write(`${(err as Error).stack ?? String(err)}\n`); process.exit(1); });
