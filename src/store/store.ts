// The store: one port per aggregate, each with a memory and a Redis implementation that pass
// the same contract (test/store/*-contract.ts). A caller takes the port it needs
// (`store.bookings`, `store.documents`…), or the whole Store where it composes them.
// Nothing here imports botbuilder.
import type { BookingsPort } from './bookings';
import type { CataloguePort } from './catalogue';
import type { CountersPort } from './counters';
import type { DocumentsPort } from './documents';
import type { LogsPort } from './logs';
import type { RecordsPort } from './records';
import type { WorkshopsPort } from './workshops';

export interface Store {
  readonly kind: 'memory' | 'redis';
  /** Slots, holds and bookings: status changes, moves, listings, erasure. */
  readonly bookings: BookingsPort;
  /**
   * Collective workshops: seats (bookings with kind "workshop"), waiting lists, offers. A seat
   * booking moved to cancelled/declined by `bookings.transition` frees its seat in the same atomic step.
   */
  readonly workshops: WorkshopsPort;
  /** Documents and the locks of conversations (conversation state, sessions, offers). */
  readonly documents: DocumentsPort;
  /** Seen marks, rate-limit counters, opt-outs. */
  readonly counters: CountersPort;
  /** Append-only logs (Direct Line, audit). */
  readonly logs: LogsPort;
  /** Permanent records (coordinator accounts, earlier-slot watchers). */
  readonly records: RecordsPort;
  /** The catalogue as one versioned document. */
  readonly catalogue: CataloguePort;

  ping(): Promise<boolean>;
  close(): Promise<void>;
}
