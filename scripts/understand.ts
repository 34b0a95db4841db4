// npm run -s understand -- [--now 2026-11-25T10:00] [--batch] [TEXT...]
// npm run -s understand -- --score [--fails]: per-class scores, tuned corpus vs dev set (test/fixtures/CORPUS.md).
// Prints one JSON line per text (the language layer's view of it). --now is Paris wall-clock
// time (an ISO string with an offset or "Z" is taken as that instant); default: now.
import { createInterface } from 'node:readline';
import { DateTime } from 'luxon';
import { loadCatalogue } from '../src/booking/catalogue';
import { loadConfig } from '../src/config';
import { understand, understandingToJson } from '../src/language/understand';
import { warmUpPlaces } from '../src/language/place';

function parseNow(value: string | undefined): Date {
  if (!value) return new Date();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const dt = hasZone ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone: 'Europe/Paris' });
  if (!dt.isValid) {
    process.stderr.write(`--now: date invalide "${value}" (attendu: 2026-11-25T10:00)\n`);
    process.exit(2);
  }
  return dt.toJSDate();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let nowArg: string | undefined;
  let batch = false;
  const texts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--now') nowArg = args[++i];
    else if (a.startsWith('--now=')) nowArg = a.slice(6);
    else if (a === '--batch') batch = true;
    else if (a === '--score' || a === '--fails') continue;
    else if (a === '--') continue;
    else texts.push(a);
  }
  if (args.includes('--score')) {
    // Loaded only here: the scorer reads the test fixtures.
    const { scoreReport } = await import('../test/language/people-score');
    process.stdout.write(scoreReport(args.includes('--fails')));
    return;
  }
  const now = parseNow(nowArg);
  // The same catalogue as the bot (TERRITORIES_FILE): it decides which places are served.
  const territoriesFile = loadConfig().territoriesFile;
  const catalogue = territoriesFile ? loadCatalogue(territoriesFile) : loadCatalogue();
  const print = (text: string) => process.stdout.write(`${JSON.stringify(understandingToJson(understand(text, now, catalogue)))}\n`);
  if (batch) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    warmUpPlaces(catalogue); // the one-off index build is start-up, not per-message speed
    let count = 0;
    let busyMs = 0;
    for await (const line of rl) {
      // CPU time, not wall time: the machine is shared and wall time swings with others' load.
      const started = process.cpuUsage();
      print(line);
      const used = process.cpuUsage(started);
      busyMs += (used.user + used.system) / 1000;
      count += 1;
    }
    // Closing note on stderr (stdout stays JSON lines): the language layer's own speed.
    process.stderr.write(`${count} messages in ${busyMs.toFixed(0)} ms of CPU: ${count ? Math.round((count * 1000) / Math.max(busyMs, 1)) : 0} messages/s\n`);
  }
  if (texts.length) print(texts.join(' '));
  if (!batch && !texts.length) {
    process.stderr.write('usage: understand [--now 2026-11-25T10:00] [--batch] [TEXTE]\n');
    process.exit(2);
  }
}

void main();
