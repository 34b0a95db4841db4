import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { WhenResult } from '../../src/language/when';

/** Rows of a fixture TSV (header dropped), each split in columns. */
export function readTsv(name: string): string[][] {
  return readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8')
    .split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => l.split('\t'));
}

/** A Paris wall-clock time as an instant. */
export function paris(local: string): Date {
  return DateTime.fromISO(local, { zone: 'Europe/Paris' }).toJSDate();
}

/** The corpus rule: the interval lies inside [from, to], is not empty, and an exact time stays exact. */
export function whenMatches(r: WhenResult | null, from: string, to: string): boolean {
  if (from === 'ANY') return r !== null && 'any' in r;
  if (!r || !('from' in r)) return false;
  return r.from >= from && r.to <= to && r.from <= r.to && (from !== to || r.from === r.to);
}
