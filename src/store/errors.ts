// Failures of the storage itself (not of the domain's rules): a stale eTag, a busy or lost lock,
// a write the replicas did not confirm.

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}
export class LockTimeoutError extends Error {
  constructor(key: string, waitMs: number) {
    super(`lock timeout: "${key}" still busy after ${waitMs} ms`);
    this.name = 'LockTimeoutError';
  }
}
/** A locked write refused because the lock expired meanwhile (someone else may hold it now). */
export class LockLostError extends Error {
  constructor(key: string) {
    super(`lock lost: "${key}" expired before the write`);
    this.name = 'LockLostError';
  }
}
/** A booking the master took but too few replicas confirmed in time (REDIS_WAIT_REPLICAS). */
export class ReplicationError extends Error {
  constructor(readonly ref: string, readonly acked: number, readonly wanted: number) {
    super(`booking ${ref} reached ${acked} of ${wanted} replicas`);
    this.name = 'ReplicationError';
  }
}
