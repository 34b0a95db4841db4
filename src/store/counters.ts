// Small keys of the turn's plumbing: "already seen" marks (webhook de-duplication, a reminder
// sent), fixed-window counters (rate limits) and the opt-outs (STOP). Both stores implement it
// (memory-counters.ts, redis-counters.ts) and pass one contract (test/store/counters-contract.ts).

export interface CountersPort {
  /** True the first time a key is seen within ttlMs (webhook de-duplication). */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
  /** Fixed-window counter: how many hits this key had in its current window (rate limits). */
  countHit(key: string, windowMs: number): Promise<number>;
  /** The same counter read without counting (0 when its window is over): limits checked before acting. */
  hitCount(key: string): Promise<number>;
  /** The person answered STOP (true) or START (false). */
  setOptOut(phone: string, optedOut: boolean): Promise<void>;
  isOptedOut(phone: string): Promise<boolean>;
}
