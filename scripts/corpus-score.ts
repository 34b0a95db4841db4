// npx tsx scripts/corpus-score.ts [--fails]: the own corpus' score per class (test/fixtures/people-*-fr.tsv).
import { scoreAll, summary } from '../test/language/people-score';

const lines = scoreAll();
const s = summary(lines);
for (const r of s.rows) process.stdout.write(`${r.key.padEnd(22)} ${String(r.ok).padStart(3)}/${String(r.n).padEnd(3)} ${((100 * r.ok) / r.n).toFixed(0)} %\n`);
process.stdout.write(`${'total'.padEnd(22)} ${String(s.ok).padStart(3)}/${String(s.n).padEnd(3)} ${((100 * s.ok) / s.n).toFixed(1)} %\n`);
if (process.argv.includes('--fails')) {
  for (const l of lines.filter((x) => !x.ok)) process.stdout.write(`FAIL ${l.file}/${l.cls}\t${l.text}\t${JSON.stringify(l.got)}\n`);
}
