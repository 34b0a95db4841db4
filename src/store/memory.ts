// In-process store: the embedded default for a first try and for tests. The same ports as
// RedisStore (one contract suite); nothing survives a restart and nothing is shared between
// processes. Expiry is checked lazily against Date.now(), with a periodic sweep so that
// forgotten keys do not pile up.
import { MemoryBookings } from './memory-bookings';
import { MemoryCatalogue } from './memory-catalogue';
import { MemoryCounters } from './memory-counters';
import { MemoryDocuments } from './memory-documents';
import { MemoryLogs } from './memory-logs';
import { MemoryRecords } from './memory-records';
import { MemoryWorkshops } from './memory-workshops';
import type { Store } from './store';
import { DEFAULT_DOC_TTL_MS } from './ttl';

export interface MemoryStoreOptions { docTtlMs?: number; sweepEveryMs?: number }

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  // A seat is a booking: the two ports share the bookings (a freed seat, a seat taken).
  readonly bookings: MemoryBookings = new MemoryBookings((workshopId, ref) => this.workshops.release(workshopId, ref));
  readonly workshops = new MemoryWorkshops(this.bookings.sink);
  readonly documents: MemoryDocuments;
  readonly counters = new MemoryCounters();
  readonly logs = new MemoryLogs();
  readonly records = new MemoryRecords();
  readonly catalogue = new MemoryCatalogue();
  private readonly sweeper: NodeJS.Timeout;

  constructor(opts: MemoryStoreOptions = {}) {
    this.documents = new MemoryDocuments(opts.docTtlMs ?? DEFAULT_DOC_TTL_MS);
    this.sweeper = setInterval(() => { this.bookings.sweep(); this.documents.sweep(); this.counters.sweep(); this.logs.sweep(); }, opts.sweepEveryMs ?? 60_000);
    this.sweeper.unref();
  }

  async ping(): Promise<boolean> { return true; }
  async close(): Promise<void> { clearInterval(this.sweeper); }
}
