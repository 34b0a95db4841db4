// Seen marks, counters and opt-outs in one process.
import type { CountersPort } from './counters';
import { TtlMap } from './memory-ttl';

export class MemoryCounters implements CountersPort {
  private readonly seen = new TtlMap<true>();
  private readonly hits = new TtlMap<{ count: number }>();
  private readonly optedOut = new Set<string>();

  sweep(): void { this.seen.sweep(); this.hits.sweep(); }

  async firstSeen(key: string, ttlMs: number): Promise<boolean> {
    if (this.seen.get(key)) return false;
    this.seen.set(key, true, Date.now() + ttlMs);
    return true;
  }

  async countHit(key: string, windowMs: number): Promise<number> {
    const current = this.hits.get(key);
    if (current) { current.count += 1; return current.count; }
    this.hits.set(key, { count: 1 }, Date.now() + windowMs);
    return 1;
  }

  async hitCount(key: string): Promise<number> {
    return this.hits.get(key)?.count ?? 0;
  }

  async setOptOut(phone: string, optedOut: boolean): Promise<void> {
    if (optedOut) this.optedOut.add(phone); else this.optedOut.delete(phone);
  }

  async isOptedOut(phone: string): Promise<boolean> { return this.optedOut.has(phone); }
}
