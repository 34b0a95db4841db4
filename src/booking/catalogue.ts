// The catalogue of territories, sites and volunteers: data/territories.json (the import
// format), validated by the zod schema of model.ts plus the cross-checks a schema cannot say.
// Any error names the path of the bad field, so whoever edits the file can fix it.
import fs from 'node:fs';
import { z } from 'zod';
import { rootPath } from '../paths';
import {
  TerritoriesFileSchema,
  type Absence, type Site, type Slot, type TerritoriesFile, type Territory, type TopicId, type Volunteer,
} from './model';

export const DEFAULT_CATALOGUE_PATH = 'data/territories.json';

export interface CatalogueIssue { path: string; message: string }

export class CatalogueError extends Error {
  constructor(readonly source: string, readonly issues: CatalogueIssue[]) {
    super(`${source} refusé : ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join(' ; ')}`);
    this.name = 'CatalogueError';
  }
}

export interface Catalogue {
  readonly file: TerritoriesFile;
  /** Moves on every change of the stored catalogue (0 for a file read once): caches key on it. */
  readonly version: number;
  /** Volunteers' leave and sites' closures: no slot is proposed inside them. */
  readonly absences: readonly Absence[];
  readonly territories: ReadonlyMap<string, Territory>;
  readonly sites: ReadonlyMap<string, Site>;
  readonly volunteers: ReadonlyMap<string, Volunteer>;
  /** The label of a topic as written in the file (falls back to the id). */
  topicLabel(id: TopicId): string;
  territoryOfSite(siteId: string): Territory | undefined;
  sitesOfTerritory(territoryId: string): Site[];
  /** Volunteers with at least one availability at this site. */
  volunteersAtSite(siteId: string): Volunteer[];
  /** The absence that hides this slot (volunteer's leave, or closure of the site it is at), if any. */
  absenceOver(slot: Pick<Slot, 'volunteerId' | 'siteId' | 'start' | 'end'>): Absence | undefined;
}

/** `volunteers[3].availability[0].from`, the way people read paths. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** What the schema cannot check: references between records and unique ids. */
function crossCheck(file: TerritoriesFile): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const unique = (list: ReadonlyArray<{ id: string }>, name: string): Set<string> => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) issues.push({ path: `${name}[${i}].id`, message: `identifiant en double "${x.id}"` });
      seen.add(x.id);
    });
    return seen;
  };
  const territoryIds = unique(file.territories, 'territories');
  unique(file.topics, 'topics');
  const siteIds = unique(file.sites, 'sites');
  unique(file.volunteers, 'volunteers');
  const slotMinutes = new Map(file.sites.map((s) => [s.id, s.slotMinutes]));

  file.sites.forEach((s, i) => {
    if (!territoryIds.has(s.territory)) issues.push({ path: `sites[${i}].territory`, message: `territoire inconnu "${s.territory}"` });
  });
  file.volunteers.forEach((v, vi) => {
    v.availability.forEach((a, ai) => {
      const at = `volunteers[${vi}].availability[${ai}]`;
      if (!siteIds.has(a.site)) {
        issues.push({ path: `${at}.site`, message: `lieu inconnu "${a.site}"` });
        return;
      }
      const minutes = slotMinutes.get(a.site) ?? 0;
      if (toMinutes(a.to) - toMinutes(a.from) < minutes) {
        issues.push({ path: `${at}.to`, message: `plage plus courte qu'un rendez-vous (${minutes} min)` });
      }
      // A volunteer is in one place at a time; slot ids (volunteer@start) rely on it.
      v.availability.forEach((b, bi) => {
        if (bi < ai && b.weekday === a.weekday && a.from < b.to && b.from < a.to) {
          issues.push({ path: at, message: `chevauche volunteers[${vi}].availability[${bi}] (${b.weekday} ${b.from}-${b.to})` });
        }
      });
    });
  });
  return issues;
}

/** Does [from, to) of an absence meet the slot? Wall-clock strings compare in time order. */
export function absenceMeets(a: Absence, slot: Pick<Slot, 'volunteerId' | 'siteId' | 'start' | 'end'>): boolean {
  // Home visits are drawn from a site's hours too: a closure hides them as well (simple to explain).
  const concerned = a.volunteerId ? a.volunteerId === slot.volunteerId : a.siteId === slot.siteId;
  return concerned && a.from < slot.end && slot.start < a.to;
}

export function buildCatalogue(file: TerritoriesFile, opts: { version?: number; absences?: readonly Absence[] } = {}): Catalogue {
  const absences = opts.absences ?? [];
  const territories = new Map(file.territories.map((t) => [t.id, t]));
  const sites = new Map(file.sites.map((s) => [s.id, s]));
  const volunteers = new Map(file.volunteers.map((v) => [v.id, v]));
  const labels = new Map(file.topics.map((t) => [t.id, t.label]));
  const bySite = new Map<string, Volunteer[]>();
  for (const v of file.volunteers) {
    for (const siteId of new Set(v.availability.map((a) => a.site))) {
      bySite.set(siteId, [...(bySite.get(siteId) ?? []), v]);
    }
  }
  return {
    file, territories, sites, volunteers,
    version: opts.version ?? 0,
    absences,
    absenceOver: (slot) => absences.find((a) => absenceMeets(a, slot)),
    topicLabel: (id) => labels.get(id) ?? id,
    territoryOfSite: (siteId) => {
      const site = sites.get(siteId);
      return site ? territories.get(site.territory) : undefined;
    },
    sitesOfTerritory: (territoryId) => file.sites.filter((s) => s.territory === territoryId),
    volunteersAtSite: (siteId) => bySite.get(siteId) ?? [],
  };
}

/** Validate already-parsed JSON. `source` only names the origin in error messages. */
export function parseCatalogue(json: unknown, source = 'territories.json'): Catalogue {
  const parsed = TerritoriesFileSchema.safeParse(json, { error: z.locales.fr().localeError });
  if (!parsed.success) {
    throw new CatalogueError(source, parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  return checkedCatalogue(parsed.data, source);
}

/** Cross-checks a schema-valid file, then builds it. */
export function checkedCatalogue(file: TerritoriesFile, source = 'territories.json', opts: { version?: number; absences?: readonly Absence[] } = {}): Catalogue {
  const issues = crossCheck(file);
  if (issues.length) throw new CatalogueError(source, issues);
  return buildCatalogue(file, opts);
}

/** Read and validate the catalogue (default: data/territories.json of the project root). */
export function loadCatalogue(path: string = rootPath(DEFAULT_CATALOGUE_PATH)): Catalogue {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new CatalogueError(path, [{ path: '', message: `lecture impossible (${(err as Error).message})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CatalogueError(path, [{ path: '', message: `JSON invalide (${(err as Error).message})` }]);
  }
  return parseCatalogue(json, path);
}
