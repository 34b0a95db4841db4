// Sites from the national open data schema of digital-inclusion places ("lieux de médiation
// numérique", ANCT, Etalab 2.0), CSV or JSON. Each row is validated by the ANCT's own models
// (@gouvfr-anct/lieux-de-mediation-numerique); `horaires` (OSM opening_hours) is read by the
// opening_hours library over one ordinary week. All or nothing: one bad row, nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { fromSchemaLieuDeMediationNumerique, type LieuMediationNumerique } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { parse as parseCsv } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import OpeningHours from 'opening_hours';
import { CatalogueError, type Catalogue, type CatalogueIssue } from '../booking/catalogue';
import { isPublicHoliday } from '../booking/holidays';
import { WEEKDAYS, ZONE, type Site, type TerritoriesFile } from '../booking/model';
import type { Store } from '../store/store';
import { importFile, readJsonFile } from './commands';
import { CatalogueSource } from './source';

// codes-postaux (La Poste, Licence Ouverte) has no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const postcodes = require('codes-postaux') as { find(cp: string): Array<{ codeCommune: string; nomCommune: string }> };

type Row = Record<string, unknown>;
type Opening = NonNullable<Site['opening']>;

export const LIEUX_SOURCE = 'lieux-de-mediation-numerique';
const DEFAULT_SLOT_MINUTES = 60;

/** Rows of a CSV (comma or semicolon, header line) or JSON (array, or {data|lieux: [...]}) file. */
export function readLieuxFile(file: string): Row[] {
  if (path.extname(file).toLowerCase() === '.csv') {
    let text: string;
    try { text = fs.readFileSync(file, 'utf8'); } catch (err) {
      throw new CatalogueError(file, [{ path: '', message: `lecture impossible (${(err as Error).message})` }]);
    }
    try {
      return parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, delimiter: [',', ';'], trim: true }) as Row[];
    } catch (err) {
      throw new CatalogueError(file, [{ path: '', message: `CSV invalide (${(err as Error).message})` }]);
    }
  }
  const json = readJsonFile(file);
  const rows = Array.isArray(json) ? json : (json as { data?: unknown; lieux?: unknown })?.data ?? (json as { lieux?: unknown })?.lieux;
  if (!Array.isArray(rows)) throw new CatalogueError(file, [{ path: '', message: 'tableau de lieux attendu' }]);
  return rows as Row[];
}

/** CSV gives strings: empty cells are absent, coordinates are numbers (as the ANCT models expect). */
function normalise(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === '' || v === null || v === undefined) continue;
    out[k] = (k === 'latitude' || k === 'longitude') && typeof v === 'string' ? Number(v.replace(',', '.')) : v;
  }
  return out;
}

const KINDS: Record<string, Site['kind']> = {
  BIB: 'mediatheque', CCAS: 'ccas', CIAS: 'ccas', MUNI: 'mairie', CMS: 'cms', MDS: 'cms', CDAS: 'cms',
  MQ: 'maison_de_quartier', CSC: 'maison_de_quartier', RFS: 'france_services', TIERS_LIEUX: 'tiers_lieu', ASSO: 'association',
};

/** The first ordinary week (Monday, no public holiday) after `now`: "PH off" must not hide a weekday. */
function referenceWeek(now: Date): DateTime {
  let monday = DateTime.fromJSDate(now, { zone: ZONE }).startOf('week').plus({ weeks: 1 });
  for (let i = 0; i < 52; i++, monday = monday.plus({ weeks: 1 })) {
    if (![0, 1, 2, 3, 4, 5, 6].some((d) => isPublicHoliday(monday.plus({ days: d }).toFormat('yyyy-MM-dd')))) break;
  }
  return monday;
}

/**
 * Weekly opening ranges of an OSM opening_hours value. The library works in the process's
 * local time; reading the returned dates' local fields gives the wall-clock hours whatever TZ is.
 */
export function weeklyOpening(horaires: string, now: Date): Opening {
  const oh = new OpeningHours(horaires, { address: { country_code: 'fr', state: '' } } as never, 0);
  const monday = referenceWeek(now);
  const start = new Date(monday.year, monday.month - 1, monday.day);
  const end = new Date(monday.year, monday.month - 1, monday.day + 7);
  const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const out: Opening = [];
  for (const [from, to] of oh.getOpenIntervals(start, end)) {
    // An interval reaching midnight ends the day at 23:59 (our ranges never cross midnight).
    const sameDay = to.getDate() === from.getDate();
    const toText = sameDay ? hhmm(to) : '23:59';
    if (toText > hhmm(from)) out.push({ weekday: WEEKDAYS[(from.getDay() + 6) % 7], from: hhmm(from), to: toText });
  }
  return out;
}

/** A site id of our catalogue from the national id (stable: a re-import updates the same site). */
export function siteIdOf(lieuId: string): string {
  const slug = lieuId.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `lieu-${slug}`.slice(0, 80);
}

function inseeOf(lieu: LieuMediationNumerique): string | undefined {
  if (lieu.adresse.code_insee) return lieu.adresse.code_insee;
  const codes = postcodes.find(lieu.adresse.code_postal);
  const key = (s: string) => s.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
  return (codes.find((c) => key(c.nomCommune) === key(lieu.adresse.commune)) ?? codes[0])?.codeCommune;
}

const departementOf = (insee: string) => (insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2));

export interface LieuxPlan { sites: Site[]; skipped: string[]; issues: CatalogueIssue[] }

/** Pure: rows → sites of one territory (existing sites keep their slot length). */
export function planLieux(rows: readonly Row[], territory: string, catalogue: Catalogue, now: Date): LieuxPlan {
  const sites: Site[] = [];
  const skipped: string[] = [];
  const issues: CatalogueIssue[] = [];
  rows.forEach((raw, i) => {
    const row = normalise(raw);
    let lieu: LieuMediationNumerique;
    try {
      lieu = fromSchemaLieuDeMediationNumerique(row as never);
    } catch (err) {
      const key = (err as { key?: string }).key;
      issues.push({ path: `[${i}]${key ? `.${key}` : ''}`, message: (err as Error).message || 'ligne invalide' });
      return;
    }
    const name = `${lieu.nom} (${lieu.id})`;
    const insee = inseeOf(lieu);
    if (!insee || departementOf(insee) !== territory) { skipped.push(`${name}: hors du territoire ${territory}`); return; }
    if (!lieu.localisation) { skipped.push(`${name}: sans latitude/longitude`); return; }
    let opening: Opening | undefined;
    if (lieu.horaires) {
      try {
        opening = weeklyOpening(lieu.horaires, now);
      } catch (err) {
        issues.push({ path: `[${i}].horaires`, message: `horaires OSM illisibles (${String((err as Error).message ?? err).split('\n')[0]})` });
        return;
      }
    }
    const id = siteIdOf(lieu.id);
    const kind = lieu.typologies?.map((t) => KINDS[t]).find(Boolean) ?? 'autre';
    const accessible = Boolean(lieu.fiche_acces_libre)
      || (lieu.prise_en_charge_specifique ?? []).some((p) => /moteur/i.test(String(p)));
    sites.push({
      id, name: lieu.nom, kind, territory,
      address: { line: [lieu.adresse.voie, lieu.adresse.complement_adresse].filter(Boolean).join(', '), postcode: lieu.adresse.code_postal, commune: lieu.adresse.commune, insee },
      location: { lat: lieu.localisation.latitude, lon: lieu.localisation.longitude },
      accessible,
      slotMinutes: catalogue.sites.get(id)?.slotMinutes ?? DEFAULT_SLOT_MINUTES,
      ...(opening ? { opening } : {}),
      source: `${LIEUX_SOURCE}:${lieu.id}`.slice(0, 200),
    });
  });
  return { sites, skipped, issues };
}

export async function importLieux(store: Store, seed: Catalogue, file: string, territory: string, now = new Date()): Promise<{ version: number; sites: number; skipped: string[] }> {
  const rows = readLieuxFile(file);
  const live = await CatalogueSource.open(store.catalogue, seed);
  const current = live.catalogue;
  if (!current.territories.has(territory)) {
    throw new CatalogueError(file, [{ path: '--territory', message: `territoire inconnu "${territory}" : importez d'abord le territoire (nom, numéro d'aide) avec catalogue import` }]);
  }
  const plan = planLieux(rows, territory, current, now);
  if (plan.issues.length) throw new CatalogueError(file, plan.issues);
  const part: TerritoriesFile = { ...current.file, territories: [], topics: [], sites: plan.sites, volunteers: [] };
  const r = await importFile(store, seed, part, file);
  return { version: r.version, sites: plan.sites.length, skipped: plan.skipped };
}
