// The catalogue every part of a process reads, kept up to date from the store: a version key
// is read every few seconds (one GET); only when it moved is the document read, validated and
// swapped in. Consumers hold one LiveCatalogue object for the life of the process; caches key
// on its `version` (slots, place index), so they are rebuilt only after a change.
import type { Catalogue } from '../booking/catalogue';
import { CatalogueError, buildCatalogue } from '../booking/catalogue';
import type { Absence, Site, Slot, TerritoriesFile, Territory, TopicId, Volunteer } from '../booking/model';
import type { CataloguePort } from '../store/catalogue';
import { catalogueOfDoc, docOf, type CatalogueDoc } from './doc';

export const DEFAULT_REFRESH_MS = 2_000;
const CAS_ATTEMPTS = 20;

/** A Catalogue whose every read goes to the latest snapshot. */
export class LiveCatalogue implements Catalogue {
  constructor(private snap: Catalogue) {}
  /** The snapshot itself: one consistent view for a long computation. */
  snapshot(): Catalogue { return this.snap; }
  replace(next: Catalogue): void { this.snap = next; }
  get file(): TerritoriesFile { return this.snap.file; }
  get version(): number { return this.snap.version; }
  get absences(): readonly Absence[] { return this.snap.absences; }
  get territories(): ReadonlyMap<string, Territory> { return this.snap.territories; }
  get sites(): ReadonlyMap<string, Site> { return this.snap.sites; }
  get volunteers(): ReadonlyMap<string, Volunteer> { return this.snap.volunteers; }
  topicLabel(id: TopicId): string { return this.snap.topicLabel(id); }
  territoryOfSite(siteId: string): Territory | undefined { return this.snap.territoryOfSite(siteId); }
  sitesOfTerritory(territoryId: string): Site[] { return this.snap.sitesOfTerritory(territoryId); }
  volunteersAtSite(siteId: string): Volunteer[] { return this.snap.volunteersAtSite(siteId); }
  absenceOver(slot: Pick<Slot, 'volunteerId' | 'siteId' | 'start' | 'end'>): Absence | undefined { return this.snap.absenceOver(slot); }
}

export interface CatalogueSourceOptions {
  refreshMs?: number;
  logger?: { info(msg: string, meta?: object): void; error(msg: string, meta?: object): void };
}

export class ConcurrentUpdateError extends Error {}

export class CatalogueSource {
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: Array<(c: Catalogue) => void> = [];
  private refreshing: Promise<boolean> | undefined;

  private constructor(private readonly store: CataloguePort, readonly catalogue: LiveCatalogue, private readonly opts: CatalogueSourceOptions) {}

  /**
   * Reads the stored catalogue; an empty store is seeded with `seed` (once, whichever process
   * comes first: the write is a compare-and-set on version 0).
   */
  static async open(store: CataloguePort, seed: Catalogue, opts: CatalogueSourceOptions = {}): Promise<CatalogueSource> {
    let stored = await store.read();
    if (!stored) {
      const w = await store.write(docOf(seed), 0);
      if (w.ok) opts.logger?.info('catalogue seeded in the store', { sites: seed.sites.size, volunteers: seed.volunteers.size });
      stored = await store.read();
      if (!stored) throw new Error('catalogue: the store lost the seed just written');
    }
    return new CatalogueSource(store, new LiveCatalogue(catalogueOfDoc(stored.doc, stored.version, 'catalogue (store)')), opts);
  }

  /** Called after each new version is live here (e.g. to rebuild an index outside any turn). */
  onChange(listener: (c: Catalogue) => void): this {
    this.listeners.push(listener);
    return this;
  }

  private changed(): void {
    for (const l of this.listeners) {
      try { l(this.catalogue); } catch (err) { this.opts.logger?.error('catalogue listener failed', { err }); }
    }
  }

  /** Polls the version every refreshMs (the timer does not keep the process alive). */
  start(): this {
    if (this.timer) return this;
    this.timer = setInterval(() => { void this.refresh(); }, this.opts.refreshMs ?? DEFAULT_REFRESH_MS);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** True when a newer version was loaded. Never throws (a bad read keeps the current one). */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.load().finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  private async load(): Promise<boolean> {
    try {
      const version = await this.store.version();
      if (version === this.catalogue.version) return false;
      const stored = await this.store.read();
      if (!stored || stored.version <= this.catalogue.version) return false;
      this.catalogue.replace(catalogueOfDoc(stored.doc, stored.version, 'catalogue (store)'));
      this.opts.logger?.info('catalogue updated', { version: stored.version });
      this.changed();
      return true;
    } catch (err) {
      this.opts.logger?.error('catalogue refresh failed', { err });
      return false;
    }
  }

  /**
   * Applies a change to the latest stored document, validates the whole result (a CatalogueError
   * changes nothing) and writes it with compare-and-set, retrying when another process wrote
   * in between. The new catalogue is live in this process at once.
   */
  async update(change: (doc: CatalogueDoc, current: Catalogue) => CatalogueDoc, source = 'catalogue'): Promise<Catalogue> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const stored = await this.store.read();
      const current = stored ? catalogueOfDoc(stored.doc, stored.version) : this.catalogue.snapshot();
      const checked = catalogueOfDoc(change(docOf(current), current), 0, source);
      const w = await this.store.write(docOf(checked), stored?.version ?? 0);
      if (w.ok) {
        const live = buildCatalogue(checked.file, { version: w.version, absences: checked.absences });
        if (live.version > this.catalogue.version) { this.catalogue.replace(live); this.changed(); }
        return live;
      }
    }
    throw new ConcurrentUpdateError('catalogue: too many concurrent updates, try again');
  }
}

export { CatalogueError };
