// Background jobs: reminders the day before (delayed jobs, one id per booking and slot, so
// that however many processes schedule it, it runs once) and the retention purge (one
// repeatable job). BullMQ on Redis when the store is Redis, in-process timers otherwise.
// Whatever runs the job, a first-seen marker per (booking, slot) makes the send happen once.
import { Queue, Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import { connectRedis } from '../store/connection';
import type { Catalogue } from '../booking/catalogue';
import type { Booking } from '../booking/model';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import { pages } from '../store/paging';
import type { AuditTrail } from '../audit';
import { reminderJobId, reminderVerdict, shouldSchedule, shouldScheduleEarly } from './reminders';
import type { NoticeEvent } from '../notices';

export const JOBS_QUEUE = 'jobs';
export const PURGE_EVERY_MS = 6 * 3600_000;
const DAY_MS = 24 * 3600_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface JobsDeps {
  config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'retentionDays' | 'reminderAt'> & Partial<Pick<Config, 'reminderHoursBefore'>>;
  store: Pick<Store, 'bookings' | 'counters' | 'kind'>;
  catalogue: Catalogue;
  logger: Logger;
  now: () => Date;
  notify: (booking: Booking, event: NoticeEvent) => Promise<unknown>;
  audit: Pick<AuditTrail, 'append'>;
  /** false: schedule only, run nothing (default true). */
  work?: boolean;
  purgeEveryMs?: number;
  /** Other periodic jobs (e.g. the workshops' waiting-list tick): one scheduler id each, run by any one process. */
  repeat?: readonly RepeatJob[];
}

export interface RepeatJob { name: string; everyMs: number; run: () => Promise<unknown> }

/** `early`: the second reminder, REMINDER_HOURS_BEFORE hours before (when configured). */
interface ReminderData { ref: string; slotId: string; early?: boolean }

export interface Jobs {
  /** Plans the reminder of a confirmed booking (no-op otherwise, or when already planned). */
  schedule(booking: Booking): Promise<void>;
  /** Plans the reminders of every upcoming confirmed booking (at start-up, on every process). */
  rescan(): Promise<number>;
  /** Runs the reminder of one booking now (what the delayed job does). */
  runReminder(data: ReminderData): Promise<'sent' | string>;
  /** Erases personal data of appointments older than RETENTION_DAYS; returns how many. */
  purge(): Promise<number>;
  close(): Promise<void>;
}

export function createJobs(deps: JobsDeps): Jobs {
  const core = jobCore(deps);
  if (deps.config.redisUrl && deps.store.kind === 'redis') return new BullJobs(core, deps, deps.config.redisUrl);
  return new TimerJobs(core, deps);
}

interface Core {
  runReminder(data: ReminderData): Promise<string>;
  purge(): Promise<number>;
  plans(b: Booking): { id: string; delay: number; data: ReminderData }[];
  rescan(add: (b: Booking) => Promise<void>): Promise<number>;
}

function jobCore(deps: JobsDeps): Core {
  const now = () => deps.now().getTime();
  const audit = deps.audit;
  return {
    async runReminder({ ref, slotId, early }) {
      const b = await deps.store.bookings.get(ref);
      const verdict = reminderVerdict(b, slotId, now());
      if (verdict !== 'send' || !b) { deps.logger.info('reminder skipped', { ref, verdict }); return verdict; }
      if (!(await deps.store.counters.firstSeen(`reminder:sent:${ref}:${slotId}${early ? ':early' : ''}`, 60 * DAY_MS))) return 'already';
      await deps.notify(b, early ? 'reminderEarly' : 'reminder');
      await audit.append(b, b, 'reminder', { kind: 'system' }).catch(() => undefined);
      return 'sent';
    },
    async purge() {
      const n = await deps.store.bookings.purgeBefore(now() - deps.config.retentionDays * DAY_MS);
      if (n) deps.logger.info('retention purge', { erased: n });
      return n;
    },
    plans(b) {
      const out: { id: string; delay: number; data: ReminderData }[] = [];
      const s = shouldSchedule(b, now(), deps.config.reminderAt);
      if (s) out.push({ id: reminderJobId(b.ref, b.slotId), delay: Math.max(0, s.due - now()), data: { ref: b.ref, slotId: b.slotId } });
      const e = shouldScheduleEarly(b, now(), deps.config.reminderHoursBefore);
      if (e) out.push({ id: `${reminderJobId(b.ref, b.slotId)}-early`, delay: Math.max(0, e.due - now()), data: { ref: b.ref, slotId: b.slotId, early: true } });
      return out;
    },
    async rescan(add) {
      let n = 0;
      for (const territory of deps.catalogue.territories.keys()) {
        for await (const items of pages((offset, limit) => deps.store.bookings.list({ territory, status: 'confirmed', from: now(), offset, limit }), 500)) {
          for (const b of items) { await add(b); n++; }
        }
      }
      return n;
    },
  };
}

class TimerJobs implements Jobs {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly purgeTimer?: NodeJS.Timeout;
  private readonly running = new Set<Promise<unknown>>();
  private readonly repeatTimers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(private readonly core: Core, private readonly deps: JobsDeps) {
    if (deps.work !== false) {
      this.purgeTimer = setInterval(() => this.track(this.purge()), deps.purgeEveryMs ?? PURGE_EVERY_MS);
      this.purgeTimer.unref();
      for (const r of deps.repeat ?? []) {
        const timer = setInterval(() => { if (!this.closed) this.track(r.run()); }, r.everyMs);
        timer.unref();
        this.repeatTimers.push(timer);
      }
      setImmediate(() => { if (!this.closed) this.track(this.purge()); });
    }
  }

  private track(p: Promise<unknown>): void {
    const q = p.catch((err) => this.deps.logger.error('job failed', { err })).finally(() => this.running.delete(q));
    this.running.add(q);
  }

  private arm(id: string, at: number, data: ReminderData): void {
    const delay = Math.max(0, at - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(id);
      if (this.closed) return;
      // setTimeout cannot wait more than ~24.8 days: long waits are re-armed.
      if (at > Date.now()) { this.arm(id, at, data); return; }
      this.track(this.core.runReminder(data));
    }, Math.min(delay, MAX_TIMER_MS));
    timer.unref();
    this.timers.set(id, timer);
  }

  async schedule(b: Booking): Promise<void> {
    for (const p of this.core.plans(b)) {
      if (this.closed || this.deps.work === false || this.timers.has(p.id)) continue;
      this.arm(p.id, Date.now() + p.delay, p.data);
    }
  }

  rescan(): Promise<number> { return this.core.rescan((b) => this.schedule(b)); }
  runReminder(data: ReminderData): Promise<string> { return this.core.runReminder(data); }
  purge(): Promise<number> { return this.core.purge(); }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    for (const t of this.repeatTimers) clearInterval(t);
    await Promise.allSettled([...this.running]);
  }
}

class BullJobs implements Jobs {
  private readonly connections: IORedis[] = [];
  private readonly queue: Queue<ReminderData | Record<string, never>>;
  private readonly worker?: Worker<ReminderData | Record<string, never>>;
  private readonly ready: Promise<unknown>;

  constructor(private readonly core: Core, private readonly deps: JobsDeps, redisUrl: string) {
    const prefix = `${deps.config.redisPrefix}{bullmq}`;
    this.queue = new Queue(JOBS_QUEUE, {
      connection: this.connect(redisUrl), prefix,
      defaultJobOptions: {
        attempts: 5, backoff: { type: 'exponential', delay: 5_000 },
        // Kept past the appointment so that a rescan does not plan a sent reminder again.
        removeOnComplete: { age: 8 * 24 * 3600 }, removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
    this.queue.on('error', (err) => deps.logger.error('jobs queue error', { err }));
    if (deps.work !== false) {
      this.worker = new Worker(JOBS_QUEUE, (job) => this.process(job), { connection: this.connect(redisUrl), prefix, concurrency: 4 });
      this.worker.on('error', (err) => deps.logger.error('jobs worker error', { err }));
      this.worker.on('failed', (job, err) => deps.logger.warn('job failed', { name: job?.name, reason: err.message }));
      // One scheduler id: every process upserts the same repeatable job. Each process also
      // purges once at start-up (idempotent), so a restart never waits hours for the next run.
      this.ready = Promise.all([
        this.queue.upsertJobScheduler('retention-purge', { every: deps.purgeEveryMs ?? PURGE_EVERY_MS }, { name: 'purge', data: {} }),
        ...(deps.repeat ?? []).map((r) => this.queue.upsertJobScheduler(r.name, { every: r.everyMs }, { name: r.name, data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } })),
        core.purge(),
      ]).catch((err) => deps.logger.error('purge scheduling failed', { err }));
    } else this.ready = Promise.resolve();
  }

  private connect(url: string): IORedis {
    const c = connectRedis(url, { maxRetriesPerRequest: null });
    c.on('error', () => { /* reported through the queue and worker 'error' events */ });
    this.connections.push(c);
    return c;
  }

  private async process(job: Job<ReminderData | Record<string, never>>): Promise<unknown> {
    if (job.name === 'purge') return this.core.purge();
    if (job.name === 'reminder') return this.core.runReminder(job.data as ReminderData);
    const repeat = this.deps.repeat?.find((r) => r.name === job.name);
    return repeat ? repeat.run() : null;
  }

  async schedule(b: Booking): Promise<void> {
    // Same jobId from any process: BullMQ keeps the first and ignores the others.
    for (const p of this.core.plans(b)) await this.queue.add('reminder', p.data, { jobId: p.id, delay: p.delay });
  }

  rescan(): Promise<number> { return this.core.rescan((b) => this.schedule(b)); }
  runReminder(data: ReminderData): Promise<string> { return this.core.runReminder(data); }
  purge(): Promise<number> { return this.core.purge(); }

  async close(): Promise<void> {
    await this.ready;
    await this.worker?.close();
    await this.queue.close();
    await Promise.allSettled(this.connections.map((c) => c.quit()));
  }
}
