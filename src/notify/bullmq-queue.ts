// The outbound queue on Redis (BullMQ): jobs survive a restart and any process can work
// them; the job id comes from the idempotency key, so one message is never queued twice.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import { connectRedis } from '../store/connection';
import { jobIdFor, prepareFor, SendFailure, sendJob, type OutboundMeta, type OutboundSms, type SendDeps, type SmsJob } from './outbound';

export const SMS_QUEUE = 'sms-out';

export interface BullOutboundOptions {
  redisUrl: string;
  /** REDIS_PREFIX: BullMQ keys live under `${prefix}{bullmq}:sms-out:…` (one hash slot on a Cluster). */
  prefix: string;
  /** false: only enqueue (a process that must not send). */
  work?: boolean;
}

export class BullOutbound implements OutboundSms {
  private readonly connections: IORedis[] = [];
  private readonly queue: Queue<SmsJob>;
  private readonly worker?: Worker<SmsJob>;

  constructor(private readonly deps: SendDeps, opts: BullOutboundOptions) {
    const prefix = `${opts.prefix}{bullmq}`;
    const { attempts, backoffMs, dedupMs, concurrency } = deps.options;
    const queueConn = this.connect(opts.redisUrl);
    this.queue = new Queue<SmsJob>(SMS_QUEUE, {
      connection: queueConn,
      prefix,
      defaultJobOptions: {
        attempts,
        backoff: { type: 'exponential', delay: backoffMs },
        // A finished job is kept as long as its key must block a second enqueue.
        removeOnComplete: { age: Math.ceil(dedupMs / 1000) },
        removeOnFail: { age: Math.ceil(Math.max(dedupMs, 30 * 24 * 3600_000) / 1000) },
      },
    });
    this.queue.on('error', (err) => deps.logger.error('outbound queue error', { err }));
    if (opts.work !== false) {
      this.worker = new Worker<SmsJob>(SMS_QUEUE, (job) => this.process(job), {
        connection: this.connect(opts.redisUrl),
        prefix,
        concurrency,
      });
      this.worker.on('error', (err) => deps.logger.error('outbound worker error', { err }));
      this.worker.on('failed', (job, err) => {
        if (!job) return;
        const last = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
        if (last) deps.logger.error('outbound SMS given up', { to: job.data.to, kind: job.data.kind, attempts: job.attemptsMade, reason: err.message });
        else deps.logger.warn('outbound SMS will be retried', { kind: job.data.kind, attempt: job.attemptsMade, reason: err.message });
      });
    }
  }

  async send(to: string, body: string, meta?: OutboundMeta): Promise<void> {
    const prepared = await prepareFor(this.deps, to, body, meta);
    if (!prepared) return;
    // Same jobId twice: BullMQ keeps the first job and ignores the second add.
    await this.queue.add(prepared.job.kind, prepared.job, { jobId: jobIdFor(prepared.key) });
  }

  async pending(): Promise<number> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(c).reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await Promise.allSettled(this.connections.map((c) => c.quit()));
  }

  private connect(url: string): IORedis {
    // BullMQ needs maxRetriesPerRequest null: its blocking calls wait through reconnects.
    const c = connectRedis(url, { maxRetriesPerRequest: null, lazyConnect: false });
    c.on('error', () => { /* reported through the queue and worker 'error' events */ });
    this.connections.push(c);
    return c;
  }

  private async process(job: Job<SmsJob>): Promise<string> {
    try {
      return await sendJob(job.data, this.deps, async (patch) => { Object.assign(job.data, patch); await job.updateData(job.data); });
    } catch (err) {
      // A 4xx other than 429 will not get better by retrying: fail for good.
      if (err instanceof SendFailure && err.final) throw new UnrecoverableError(err.message);
      throw err;
    }
  }
}
