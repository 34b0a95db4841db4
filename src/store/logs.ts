// Append-only logs: a Direct Line conversation's activities, a booking's audit trail. Both
// stores implement it (memory-logs.ts, redis-logs.ts) and pass one contract (test/store/logs-contract.ts).

export interface LogsPort {
  /**
   * Appends entries; returns the log length after the append: an entry's index is its
   * watermark. The log expires ttlMs after the last append.
   */
  append(key: string, entries: readonly string[], ttlMs: number): Promise<number>;
  /** Entries from index `from` (0-based), at most `max`. */
  read(key: string, from: number, max?: number): Promise<string[]>;
}
