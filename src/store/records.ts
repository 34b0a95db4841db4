// Permanent records (coordinator accounts and their token digests, who waits for an earlier
// slot): never expire, never purged. Both stores implement it (memory-records.ts,
// redis-records.ts) and pass one contract (test/store/records-contract.ts).

export interface RecordsPort {
  /** One namespace is one Redis hash: a namespace should stay small (hundreds of records, not millions). */
  put(ns: string, id: string, value: unknown): Promise<void>;
  get(ns: string, id: string): Promise<unknown | null>;
  /** Every record of a namespace, ordered by id. */
  list(ns: string): Promise<Array<{ id: string; value: unknown }>>;
  /** True when the record existed. */
  delete(ns: string, id: string): Promise<boolean>;
}
