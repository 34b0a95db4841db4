// The outbound queue for the in-memory store: same retries, backoff and idempotency as the
// BullMQ one, in this process only (lost on restart, like everything in that mode).
import { backoffDelay, prepareFor, SendFailure, sendJob, type OutboundMeta, type OutboundSms, type SendDeps, type SmsJob } from './outbound';

interface Entry { job: SmsJob; attempt: number }

export class MemoryOutbound implements OutboundSms {
  private readonly seen = new Map<string, number>(); // idempotency key → expiry (epoch ms)
  private readonly entries = new Set<Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly deps: SendDeps) {}

  async send(to: string, body: string, meta?: OutboundMeta): Promise<void> {
    if (this.closed) throw new Error('outbound SMS queue is closed');
    const prepared = await prepareFor(this.deps, to, body, meta);
    if (!prepared) return;
    const now = Date.now();
    for (const [k, exp] of this.seen) if (exp <= now) this.seen.delete(k);
    if (this.seen.has(prepared.key)) return;
    this.seen.set(prepared.key, now + this.deps.options.dedupMs);
    const entry: Entry = { job: prepared.job, attempt: 0 };
    this.entries.add(entry);
    this.schedule(entry, 0);
  }

  async pending(): Promise<number> {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(entry: Entry, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.attempt(entry).finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(entry: Entry): Promise<void> {
    entry.attempt += 1;
    try {
      await sendJob(entry.job, this.deps, async (patch) => { Object.assign(entry.job, patch); });
      this.entries.delete(entry);
    } catch (err) {
      const final = err instanceof SendFailure ? err.final : false;
      if (final || entry.attempt >= this.deps.options.attempts || this.closed) {
        this.entries.delete(entry);
        this.deps.logger.error('outbound SMS given up', { to: entry.job.to, kind: entry.job.kind, attempts: entry.attempt, err });
        return;
      }
      this.deps.logger.warn('outbound SMS will be retried', { kind: entry.job.kind, attempt: entry.attempt, reason: (err as Error).message });
      this.schedule(entry, backoffDelay(this.deps.options, entry.attempt));
    }
  }
}
