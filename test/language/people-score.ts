// Scores the language layer on the own corpus (test/fixtures/people-*-fr.tsv), per class.
// Shared by the corpus test (which asserts the target) and scripts/corpus-score.ts (which prints it).
import { classify } from '../../src/language/intent';
import { findPlace } from '../../src/language/place';
import { parseWhen } from '../../src/language/when';
import { paris, readTsv, whenMatches } from './tsv';
import { matchProposal, type Shown } from '../../src/conversation/proposal-reply';
import { sideQuestion } from '../../src/language/questions';
import { parseName, parseYesNo } from '../../src/language/answers';
import { loadCatalog } from '../../src/booking/catalog';

export interface Line { file: string; cls: string; text: string; ok: boolean; got: unknown }

const NOW = paris('2026-11-25T10:00');
const catalog = loadCatalog();

export function scoreDates(): Line[] {
  return readTsv('people-dates-fr.tsv').map(([text, from, to, cls]) => {
    const r = parseWhen(text!, NOW);
    return { file: 'dates', cls: cls!, text: text!, ok: whenMatches(r, from!, to!), got: r };
  });
}

export function scoreIntents(): Line[] {
  return readTsv('people-intents-fr.tsv').map(([text, intent, topic, forOther, cls]) => {
    const r = classify(text!);
    const ok = r.intent === intent && r.topic === (topic === '-' ? null : topic)
      && r.forOther === (forOther === '-' ? null : forOther === 'yes');
    return { file: 'intents', cls: cls!, text: text!, ok, got: r };
  });
}

export function scorePlaces(): Line[] {
  return readTsv('people-places-fr.tsv').map(([text, insee, , cls]) => {
    const r = findPlace(text!, catalog);
    let ok: boolean;
    if (insee === 'ASK') ok = r?.status === 'ask';
    else if (insee === 'NULL') ok = r === null;
    else if (insee!.startsWith('OUT:')) ok = r?.status === 'out' && r.insee === insee!.slice(4) && !!r.departement;
    else ok = r?.status === 'found' && r.insee === insee;
    return { file: 'places', cls: cls!, text: text!, ok, got: r && (r.status === 'found' ? { status: r.status, insee: r.insee, commune: r.commune } : r) };
  });
}

// The proposals every reply line answers (people-replies-fr.tsv).
const SHOWN: Shown[] = [
  { start: '2026-11-30T14:00', placeWords: 'CCAS de Saint-Herblain Saint-Herblain' },
  { start: '2026-11-30T09:30', placeWords: 'Maison de quartier Chateau, Rezé Rezé' },
  { start: '2026-12-01T10:00', placeWords: 'Médiathèque centre-ville, Nantes Nantes' },
  { start: '2026-12-01T14:00', placeWords: 'Médiathèque centre-ville, Nantes Nantes' },
];

export function scoreReplies(): Line[] {
  return readTsv('people-replies-fr.tsv').map(([step, text, expected, cls]) => {
    let got: unknown;
    if (step === 'proposal') {
      const r = matchProposal(text!, SHOWN, NOW);
      got = r.kind === 'choose' ? `choose:${r.index + 1}` : r.kind === 'which' ? `which:${r.indexes.map((i) => i + 1).join(',')}` : r.kind;
    } else if (step === 'side') got = sideQuestion(text!) ?? 'none';
    else if (step === 'yesno') got = parseYesNo(text!) ?? 'none';
    else got = parseName(text!) ?? 'none';
    return { file: 'replies', cls: cls!, text: text!, ok: got === expected, got };
  });
}

export function scoreAll(): Line[] {
  return [...scoreDates(), ...scoreIntents(), ...scorePlaces(), ...scoreReplies()];
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
