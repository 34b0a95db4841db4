// The catalogue (territories, sites, volunteers, absences) as one versioned document, written
// by compare-and-set. Both stores implement it (memory-catalogue.ts, redis-catalogue.ts) and
// pass one contract (test/store/catalogue-contract.ts).

export interface CataloguePort {
  /** Version 0 = never written. Every write moves the version by one. */
  version(): Promise<number>;
  read(): Promise<{ version: number; doc: unknown } | null>;
  /** Compare-and-set: writes only if the stored version is still `expectedVersion`. */
  write(doc: unknown, expectedVersion: number): Promise<{ ok: boolean; version: number }>;
}
