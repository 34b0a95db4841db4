// Scores the language layer per class on two corpora (test/fixtures/CORPUS.md):
// - tuned: the lines the rules were written against (people-*, extra-*, the public files);
// - dev: fresh lines (dev-*), scored but never tuned on line by line: the generalisation check;
// plus the opt-out set (optout-fr.tsv). Shared by the corpus tests (which assert the targets)
// and `npm run understand -- --score` / scripts/corpus-score.ts (which print them).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { classify } from '../../src/language/intent';
import { readOptOut } from '../../src/language/optout';
import { findPlace } from '../../src/language/place';
import { parseWhen } from '../../src/language/when';
import { paris, readTsv, whenMatches } from './tsv';
import { matchProposal, type Shown } from '../../src/conversation/proposal-reply';
import { sideQuestion } from '../../src/language/questions';
import { parseName, parseYesNo } from '../../src/language/answers';
import { loadCatalogue } from '../../src/booking/catalogue';

export interface Line { file: string; cls: string; text: string; ok: boolean; got: unknown }
export type Kind = 'dates' | 'intents' | 'places' | 'replies';
export type CorpusName = 'tuned' | 'dev';

const NOW = paris('2026-11-25T10:00');
const catalogue = loadCatalogue();

/** The files of each corpus, by kind; a file without a class column scores as class `fallback`. */
export const CORPORA: Record<CorpusName, { file: string; kind: Kind; fallback: string }[]> = {
  tuned: [
    { file: 'people-dates-fr.tsv', kind: 'dates', fallback: '-' },
    { file: 'extra-dates-fr.tsv', kind: 'dates', fallback: 'extra' },
    { file: 'dates-fr.tsv', kind: 'dates', fallback: 'public' },
    { file: 'people-intents-fr.tsv', kind: 'intents', fallback: '-' },
    { file: 'extra-intents-fr.tsv', kind: 'intents', fallback: 'extra' },
    { file: 'intents-fr.tsv', kind: 'intents', fallback: 'public' },
    { file: 'people-places-fr.tsv', kind: 'places', fallback: '-' },
    { file: 'extra-places-fr.tsv', kind: 'places', fallback: 'extra' },
    { file: 'places-fr.tsv', kind: 'places', fallback: 'public' },
    { file: 'people-replies-fr.tsv', kind: 'replies', fallback: '-' },
  ],
  dev: [
    { file: 'dev-dates-fr.tsv', kind: 'dates', fallback: '-' },
    { file: 'dev-intents-fr.tsv', kind: 'intents', fallback: '-' },
    { file: 'dev-places-fr.tsv', kind: 'places', fallback: '-' },
  ],
};

/** NULL: the text holds no date at all (narrative time words, greetings). */
function dateOk(text: string, from: string, to: string): { ok: boolean; got: unknown } {
  const r = parseWhen(text, NOW);
  return { ok: from === 'NULL' ? r === null : whenMatches(r, from, to), got: r };
}

function intentOk(text: string, intent: string, topic: string, forOther: string): { ok: boolean; got: unknown } {
  const r = classify(text);
  const ok = r.intent === intent && r.topic === (topic === '-' ? null : topic)
    && r.forOther === (forOther === '-' ? null : forOther === 'yes');
  return { ok, got: r };
}

/** `a|b`: either commune; ASK: the bot asks; OUT: out of area (OUT:<insee>: with that commune named); NULL: no place. */
function placeOk(text: string, insee: string, site: string): { ok: boolean; got: unknown } {
  const r = findPlace(text, catalogue);
  let ok: boolean;
  if (insee === 'ASK') ok = r?.status === 'ask';
  else if (insee === 'NULL') ok = r === null;
  else if (insee === 'OUT') ok = r?.status === 'out';
  else if (insee.startsWith('OUT:')) ok = r?.status === 'out' && r.insee === insee.slice(4) && !!r.departement;
  else {
    ok = r?.status === 'found' && insee.split('|').includes(r.insee)
      && (site === '-' || site === '' || site.split('|').includes(r.nearestSites[0] ?? ''));
  }
  return { ok, got: r && (r.status === 'found' ? { status: r.status, insee: r.insee, commune: r.commune } : r) };
}

// The proposals every reply line answers (people-replies-fr.tsv).
const SHOWN: Shown[] = [
  { start: '2026-11-30T14:00', placeWords: 'CCAS de Saint-Herblain Saint-Herblain' },
  { start: '2026-11-30T09:30', placeWords: 'Maison de quartier Chateau, Rezé Rezé' },
  { start: '2026-12-01T10:00', placeWords: 'Médiathèque centre-ville, Nantes Nantes' },
  { start: '2026-12-01T14:00', placeWords: 'Médiathèque centre-ville, Nantes Nantes' },
];

function replyOk(step: string, text: string, expected: string): { ok: boolean; got: unknown } {
  let got: unknown;
  if (step === 'proposal') {
    const r = matchProposal(text, SHOWN, NOW);
    got = r.kind === 'choose' ? `choose:${r.index + 1}` : r.kind === 'which' ? `which:${r.indexes.map((i) => i + 1).join(',')}` : r.kind;
  } else if (step === 'side') got = sideQuestion(text) ?? 'none';
  else if (step === 'yesno') got = parseYesNo(text) ?? 'none';
  else got = parseName(text) ?? 'none';
  return { ok: got === expected, got };
}

function scoreFile(file: string, kind: Kind, fallback: string): Line[] {
  if (!existsSync(path.join(__dirname, '..', 'fixtures', file))) return [];
  return readTsv(file).map((row) => {
    const c = (i: number) => row[i] ?? '';
    let r: { ok: boolean; got: unknown };
    let text = c(0);
    let cls: string;
    if (kind === 'dates') { r = dateOk(text, c(1), c(2)); cls = c(3) || fallback; }
    else if (kind === 'intents') { r = intentOk(text, c(1), c(2), c(3)); cls = c(4) || fallback; }
    else if (kind === 'places') { r = placeOk(text, c(1), c(2)); cls = c(3) || fallback; }
    else { text = c(1); r = replyOk(c(0), text, c(2)); cls = c(3) || fallback; }
    return { file: kind, cls, text, ...r };
  });
}

export function scoreCorpus(name: CorpusName): Line[] {
  return CORPORA[name].flatMap((f) => scoreFile(f.file, f.kind, f.fallback));
}

/** The opt-out set: `stop` (stopped at once), `ask` (the bot asks OUI/NON), `no` (not an opt-out). */
export function scoreOptOut(): Line[] {
  return readTsv('optout-fr.tsv').map(([text, expected, cls]) => {
    const got = readOptOut(text!) ?? 'no';
    return { file: 'optout', cls: cls!, text: text!, ok: got === expected, got };
  });
}

/** "file/class → right/total" rows, then the total. */
export function summary(lines: Line[]): { rows: { key: string; ok: number; n: number }[]; ok: number; n: number } {
  const by = new Map<string, { ok: number; n: number }>();
  for (const l of lines) {
    const key = `${l.file}/${l.cls}`;
    const s = by.get(key) ?? { ok: 0, n: 0 };
    s.n += 1;
    if (l.ok) s.ok += 1;
    by.set(key, s);
  }
  return {
    rows: [...by].map(([key, s]) => ({ key, ...s })),
    ok: lines.filter((l) => l.ok).length,
    n: lines.length,
  };
}

/** The `--score` report: one row per kind/class, tuned and dev side by side, then the totals and the opt-out set. */
export function scoreReport(withFails = false): string {
  const tuned = scoreCorpus('tuned');
  const dev = scoreCorpus('dev');
  const optout = scoreOptOut();
  const st = summary(tuned);
  const sd = summary(dev);
  const cell = (s?: { ok: number; n: number }) => (s ? `${String(s.ok).padStart(3)}/${String(s.n).padEnd(3)} ${((100 * s.ok) / s.n).toFixed(0).padStart(3)} %` : ' '.repeat(13));
  const keys = [...new Set([...st.rows, ...sd.rows].map((r) => r.key))].sort();
  const out: string[] = [`${'class'.padEnd(22)} ${'tuned'.padEnd(13)}   ${'dev'.padEnd(13)}`];
  for (const k of keys) out.push(`${k.padEnd(22)} ${cell(st.rows.find((r) => r.key === k))}   ${cell(sd.rows.find((r) => r.key === k))}`);
  for (const kind of ['dates', 'intents', 'places', 'replies'] as const) {
    const t = summary(tuned.filter((l) => l.file === kind));
    const d = summary(dev.filter((l) => l.file === kind));
    out.push(`${`${kind} (all)`.padEnd(22)} ${t.n ? cell(t) : ' '.repeat(13)}   ${d.n ? cell(d) : ''}`);
  }
  out.push(`${'total'.padEnd(22)} ${cell(st)}   ${cell(sd)}`);
  const so = summary(optout);
  out.push('', `${'opt-out set'.padEnd(22)} ${cell(so)}`);
  for (const r of so.rows) out.push(`  ${r.key.padEnd(20)} ${cell(r)}`);
  if (withFails) {
    for (const [name, lines] of [['tuned', tuned], ['dev', dev], ['optout', optout]] as const) {
      for (const l of lines.filter((x) => !x.ok)) out.push(`FAIL ${name} ${l.file}/${l.cls}\t${l.text}\t${JSON.stringify(l.got)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
