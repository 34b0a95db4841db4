// What `npm run catalogue` does, on a given store (the script only reads arguments and prints).
import fs from 'node:fs';
import { CatalogueError, checkedCatalogue, type Catalogue } from '../booking/catalogue';
import type { TerritoriesFile } from '../booking/model';
import type { Store } from '../store/store';
import { exportFile, mergeFile, mergedIssuesInFileTerms, parseImportFile } from './doc';
import { CatalogueSource } from './source';

/** JSON of a file, or a CatalogueError naming the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new CatalogueError(path, [{ path: '', message: `lecture impossible (${(err as Error).message})` }]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CatalogueError(path, [{ path: '', message: `JSON invalide (${(err as Error).message})` }]);
  }
}

export interface ImportSummary { version: number; territories: number; sites: number; volunteers: number }

/** Upserts a file's records by id, all or nothing (a CatalogueError writes nothing). */
export async function importCatalogue(store: Store, seed: Catalogue, json: unknown, source: string): Promise<ImportSummary> {
  const file = parseImportFile(json, source);
  return importFile(store, seed, file, source);
}

export async function importFile(store: Store, seed: Catalogue, file: TerritoriesFile, source: string): Promise<ImportSummary> {
  const live = await CatalogueSource.open(store.catalogue, seed);
  const after = await live.update((doc) => {
    const merged = mergeFile(doc.file, file);
    try {
      // Checked here too so that errors speak of the imported file's records.
      return { ...doc, file: checkedCatalogue(merged, source).file };
    } catch (err) {
      if (err instanceof CatalogueError) throw mergedIssuesInFileTerms(err, merged, file, source);
      throw err;
    }
  }, source);
  return { version: after.version, territories: file.territories.length, sites: file.sites.length, volunteers: file.volunteers.length };
}

export async function exportCatalogue(store: Pick<Store, 'catalogue'>, seed: Catalogue, territory?: string): Promise<TerritoriesFile> {
  const live = await CatalogueSource.open(store.catalogue, seed);
  if (territory && !live.catalogue.territories.has(territory)) {
    throw new CatalogueError('export', [{ path: 'territory', message: `territoire inconnu "${territory}"` }]);
  }
  return exportFile(live.catalogue, territory);
}
