// The stored catalogue document: the import file (data/territories.json format) plus the
// absences coordinators record. Pure functions: merge an import by id, export a territory.
import { z } from 'zod';
import { CatalogueError, checkedCatalogue, formatPath, type Catalogue } from '../booking/catalogue';
import { AbsenceSchema, SiteSchema, TerritoriesFileSchema, TerritorySchema, type Absence, type TerritoriesFile } from '../booking/model';

/** An import may bring only a territory, or only volunteers: the merged whole is checked after. */
const ImportFileSchema = TerritoriesFileSchema.extend({ territories: z.array(TerritorySchema), sites: z.array(SiteSchema) });

export const CatalogueDocSchema = z.object({
  file: TerritoriesFileSchema,
  absences: z.array(AbsenceSchema).default([]),
});
export type CatalogueDoc = z.infer<typeof CatalogueDocSchema>;

export function docOf(catalogue: Catalogue): CatalogueDoc {
  return { file: catalogue.file, absences: [...catalogue.absences] };
}

/** Validates a document (stored or about to be) and builds its catalogue. Throws CatalogueError. */
export function catalogueOfDoc(json: unknown, version: number, source = 'catalogue'): Catalogue {
  const parsed = CatalogueDocSchema.safeParse(json, { error: z.locales.fr().localeError });
  if (!parsed.success) {
    throw new CatalogueError(source, parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  return checkedCatalogue(parsed.data.file, source, { version, absences: parsed.data.absences });
}

/** Schema check of an import file alone (paths are the file's own). */
export function parseImportFile(json: unknown, source: string): TerritoriesFile {
  const parsed = ImportFileSchema.safeParse(json, { error: z.locales.fr().localeError });
  if (!parsed.success) {
    throw new CatalogueError(source, parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  return parsed.data;
}

type Lists = 'territories' | 'topics' | 'sites' | 'volunteers';
const LISTS: Lists[] = ['territories', 'topics', 'sites', 'volunteers'];

function upsert<T extends { id: string }>(current: readonly T[], incoming: readonly T[]): T[] {
  const byId = new Map(current.map((x) => [x.id, x]));
  for (const x of incoming) byId.set(x.id, x);
  return [...byId.values()];
}

/** Records of `incoming` replace those with the same id; nothing else is deleted. */
export function mergeFile(current: TerritoriesFile, incoming: TerritoriesFile): TerritoriesFile {
  return {
    ...current,
    territories: upsert(current.territories, incoming.territories),
    topics: upsert(current.topics, incoming.topics),
    sites: upsert(current.sites, incoming.sites),
    volunteers: upsert(current.volunteers, incoming.volunteers),
  };
}

/**
 * Cross-checks of the merged catalogue name positions in the merged lists: say them in the
 * imported file's terms (`volunteers[3]` of the file), or by id for records already stored.
 */
export function mergedIssuesInFileTerms(err: CatalogueError, merged: TerritoriesFile, file: TerritoriesFile, source: string): CatalogueError {
  const issues = err.issues.map((i) => {
    const m = /^(territories|topics|sites|volunteers)\[(\d+)\](.*)$/.exec(i.path);
    if (!m) return i;
    const list = m[1] as Lists;
    const id = (merged[list][Number(m[2])] as { id: string } | undefined)?.id;
    const at = (file[list] as Array<{ id: string }>).findIndex((x) => x.id === id);
    return at >= 0 ? { ...i, path: `${list}[${at}]${m[3]}` } : { ...i, path: `${list}(id "${id}", déjà enregistré)${m[3]}` };
  });
  return new CatalogueError(source, issues);
}

/** The import format of one territory (or all): a file `catalogue import` takes back. */
export function exportFile(catalogue: Catalogue, territory?: string): TerritoriesFile {
  const f = catalogue.file;
  if (!territory) return f;
  const sites = f.sites.filter((s) => s.territory === territory);
  const siteIds = new Set(sites.map((s) => s.id));
  const volunteers = f.volunteers
    .filter((v) => v.availability.some((a) => siteIds.has(a.site)))
    .map((v) => ({ ...v, availability: v.availability.filter((a) => siteIds.has(a.site)) }));
  return { ...f, territories: f.territories.filter((t) => t.id === territory), sites, volunteers };
}

/** Absences of one territory, by start. */
export function absencesOf(catalogue: Catalogue, territory: string): Absence[] {
  return catalogue.absences.filter((a) => a.territory === territory).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export { LISTS };
