// Append-only logs in one process.
import type { LogsPort } from './logs';
import { TtlMap } from './memory-ttl';

export class MemoryLogs implements LogsPort {
  private readonly logs = new TtlMap<string[]>();

  sweep(): void { this.logs.sweep(); }

  async append(key: string, entries: readonly string[], ttlMs: number): Promise<number> {
    const log = this.logs.get(key) ?? [];
    log.push(...entries);
    this.logs.set(key, log, Date.now() + ttlMs);
    return log.length;
  }

  async read(key: string, from: number, max = 1000): Promise<string[]> {
    const start = Math.max(0, Math.floor(from));
    return (this.logs.get(key) ?? []).slice(start, start + Math.max(1, max));
  }
}
