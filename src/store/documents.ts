// Documents and their locks: a conversation's state (and the coordinators' sessions, the
// offers sent to a number) as JSON documents with optimistic concurrency, and the locks that
// keep one conversation's turns in order across processes. Both stores implement it
// (memory-documents.ts, redis-documents.ts) and pass one contract (test/store/documents-contract.ts).

export interface LockOptions { ttlMs?: number; waitMs?: number }

/** What withLockedDoc's function holds: the lock, and the document read with it. */
export interface LockedDoc {
  readonly fencingToken: number;
  /**
   * The document when the lock was taken; undefined when there is none. `json` is the text it
   * was stored as (`value` is its parse): a caller can tell "unchanged" without serialising.
   */
  readonly doc: { value: unknown; eTag: string; json: string } | undefined;
  /**
   * Write the document (write's eTag rules) and release the lock, atomically, as the last
   * step of the function. Nothing is written, and it rejects, when the eTag does not match
   * ('eTag conflict') or when the lock is no longer ours (LockLostError: it expired and someone
   * else may hold it — fencing). The lock is released in every case. `json`, when the caller
   * has it, is JSON.stringify(value), written as is (the state is serialised once per turn).
   */
  saveAndRelease(value: unknown, eTag?: string, json?: string): Promise<void>;
}

export interface DocumentsPort {
  /**
   * Run fn while holding an exclusive lock on `key` (one conversation's turns, in order,
   * across processes). The lock carries a fencing token and expires if a process dies.
   */
  withLock<T>(key: string, fn: (fencingToken: number) => Promise<T>, opts?: LockOptions): Promise<T>;
  /**
   * One locked read-modify-write of document `key` in two round trips (a conversation's turn):
   * the lock is taken and the document read in one atomic step; `saveAndRelease` writes it and
   * lets the lock go in another. Locks of documents are their own namespace (not withLock's).
   * The lock carries a fencing token and expires if a process dies, as withLock's.
   */
  withLockedDoc<T>(key: string, fn: (turn: LockedDoc) => Promise<T>, opts?: LockOptions): Promise<T>;
  /** Key-value documents with optimistic concurrency (used for bot conversation state). */
  read(keys: readonly string[]): Promise<Record<string, { value: unknown; eTag: string }>>;
  /**
   * Write documents. A given eTag other than `*` must equal the stored one, else the whole
   * call rejects with an Error whose message contains 'eTag conflict'.
   */
  write(changes: Record<string, { value: unknown; eTag?: string }>): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}
