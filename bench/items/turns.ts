// Items 1 and 2: whole conversations over HTTP, C connections, against the bare echo bot
// (memory, then Redis storage) on the same restify stack, all in the same run.
import Redis from 'ioredis';
import { startChild, type Child, type ServerUnderTest } from '../lib/proc';
import type { LoadJob, LoadResult } from '../loadgen';
import { summarise, fmt, type LatencySummary } from '../lib/stats';
import { log, type Section } from '../lib/report';

export interface Measured {
  label: string;
  conversations: number;
  completed: number;
  turns: number;
  turnsPerSec: number;
  latency: LatencySummary;
  cpuMsPerTurn: number;
  errors: number;
  errorSamples: string[];
  slotGone: number;
}

export async function flush(url: string): Promise<void> {
  const r = new Redis(url);
  await r.flushall();
  await r.quit();
}

/** Warm-up (not counted), then the measured load; CPU time of the server over the load only. */
export async function measure(label: string, server: ServerUnderTest, loadgen: Child, job: Omit<LoadJob, 'base' | 'runId' | 'offset'>, warmup: number, offset: number): Promise<Measured> {
  const runId = `${label.replace(/\W+/g, '-')}-${Date.now()}`;
  if (warmup > 0) await loadgen.request({ cmd: 'run', job: { ...job, base: server.base, runId: `${runId}-warm`, offset: offset + 500_000, conversations: warmup } });
  await server.request({ cmd: 'gc' });
  const before = await server.stats();
  const r = await loadgen.request<LoadResult & { fatal?: string }>({ cmd: 'run', job: { ...job, base: server.base, runId, offset } });
  if (r.fatal) throw new Error(`load generator: ${r.fatal}`);
  const after = await server.stats();
  const cpuUs = (after.cpuUserUs - before.cpuUserUs) + (after.cpuSystemUs - before.cpuSystemUs);
  const m: Measured = {
    label, conversations: job.conversations, completed: r.completed, turns: r.turns,
    turnsPerSec: r.turns / (r.elapsedMs / 1000), latency: summarise(r.latencies),
    cpuMsPerTurn: cpuUs / 1000 / Math.max(1, r.turns), errors: r.errors, errorSamples: r.errorSamples, slotGone: r.slotGone,
  };
  log(`${label}: ${fmt(m.turnsPerSec, 0)} turns/s, p99 ${fmt(m.latency.p99)} ms, ${m.errors} errors, ${m.completed}/${m.conversations} conversations`);
  for (const e of r.errorSamples) log(`  error: ${e}`);
  return m;
}

export interface TurnsOptions {
  /** Also measure latency at a steady rate well below saturation (open loop), for information. */
  pacedTurnsPerSec?: number;
  pacedConversations?: number;
  servers: { echoMemory: ServerUnderTest; echoRedis: ServerUnderTest; booking: ServerUnderTest; sms: ServerUnderTest }; conversations: number; echoConversations: number; smsConversations: number; concurrency: number; warmup: number }

export function row(m: Measured, echoRedis?: number): string[] {
  return [m.label, `${m.completed}/${m.conversations}`, String(m.turns), fmt(m.turnsPerSec, 0), echoRedis ? fmt(m.turnsPerSec / echoRedis, 2) : '—',
    fmt(m.latency.p50), fmt(m.latency.p95), fmt(m.latency.p99), fmt(m.cpuMsPerTurn, 2), String(m.errors)];
}

export const TURNS_HEADER = ['server', 'conversations done', 'turns', 'turns/s', '× echo-on-Redis', 'p50 ms', 'p95 ms', 'p99 ms', 'server CPU ms/turn', 'errors'];

export async function runTurns(o: TurnsOptions): Promise<{ turns: Section; sms: Section; ratio: number }> {
  const loadgen = await startChild('loadgen.ts');
  const run = (label: string, server: ServerUnderTest, mode: LoadJob['mode'], conversations: number, offset = 0, turnsPerSecond?: number) =>
    measure(label, server, loadgen, { mode, conversations, concurrency: o.concurrency, turnsPerSecond }, turnsPerSecond ? 0 : o.warmup, offset);
  const s = o.servers;
  try {
    const echoMem = await run('echo bot, MemoryStorage', s.echoMemory, 'echo', o.echoConversations);
    const echoRedis1 = await run('echo bot, Redis storage (1st)', s.echoRedis, 'echo', o.echoConversations);
    const booking = await run('booking bot, /api/messages', s.booking, 'web', o.conversations);
    const echoRedis2 = await run('echo bot, Redis storage (2nd)', s.echoRedis, 'echo', o.echoConversations, 200_000);
    const sms = await run('booking bot, signed /api/sms', s.sms, 'sms', o.smsConversations, 100_000);
    const paced = o.pacedTurnsPerSec ? await run(`booking bot, /api/messages, paced at ${o.pacedTurnsPerSec} turns/s`, s.booking, 'web', o.pacedConversations ?? 100, 400_000, o.pacedTurnsPerSec) : undefined;
    const smsPaced = o.pacedTurnsPerSec ? await run(`booking bot, signed /api/sms, paced at ${o.pacedTurnsPerSec} turns/s`, s.sms, 'sms', o.pacedConversations ?? 100, 600_000, o.pacedTurnsPerSec) : undefined;
    // The baseline is measured before and after the product: the mean absorbs drift in the machine's load.
    const echoRedis = (echoRedis1.turnsPerSec + echoRedis2.turnsPerSec) / 2;
    const ratio = booking.turnsPerSec / echoRedis;
    const allDone = booking.completed === booking.conversations;
    const turns: Section = {
      title: `1. Turns: whole booking conversations over /api/messages (expectReplies), ${o.concurrency} connections`,
      header: TURNS_HEADER,
      rows: [echoMem, echoRedis1, booking, echoRedis2, ...(paced ? [paced] : [])].map((m) => row(m, m === paced ? undefined : echoRedis)),
      bars: [
        { what: 'booking turns/s ÷ echo-on-Redis turns/s (mean of the two echo runs)', value: fmt(ratio, 2), bar: '≥ 0.6 (goal 0.8)', met: ratio >= 0.6 },
        { what: 'booking p99 latency', value: `${fmt(booking.latency.p99)} ms`, bar: '≤ 150 ms', met: booking.latency.p99 <= 150 },
        { what: 'booking errors', value: `${booking.errors} (${booking.completed}/${booking.conversations} conversations booked)`, bar: '0', met: booking.errors === 0 && allDone },
      ],
      notes: [
        `Each echo conversation is ${8} turns with the texts of a booking; each booking conversation is played to the acknowledgement with its reference (${fmt(booking.turns / Math.max(1, booking.completed), 1)} turns on average), with varied places, days and for-whom, picking a random proposal.`,
        `"Slot just taken" answers met during the booking load (legitimate contention, not errors): ${booking.slotGone}.`,
        `Echo on Redis measured before and after the booking bot: ${fmt(echoRedis1.turnsPerSec, 0)} and ${fmt(echoRedis2.turnsPerSec, 0)} turns/s.`,
        'With 50 connections each sending its next turn as soon as the last is answered (a closed loop), the mean latency is 50 ÷ throughput (Little\'s law): p99 ≤ 150 ms needs well over 333 turns/s. The "paced" row (full run only) sends turns at a steady rate below saturation (open loop, same 50 connections) and shows the latency of a turn when the server is not queueing; item 3 gives each kind of turn\'s latency one at a time.',
        'The bench\'s catalogue has each of the 40 real volunteers cloned 10 times (so that 1,000 bookings find free slots): the proposals turn computes slots for 400 volunteers, which costs the booking bot more CPU than the real catalogue would.',
        'Server CPU ms/turn = the server process\'s process.cpuUsage() (user + system) over the measured load ÷ turns; the load generator runs in another process on the same 2 cores.',
      ],
    };
    const smsSection: Section = {
      title: '2. SMS webhook: the same conversations through signed /api/sms (TwiML replies)',
      header: TURNS_HEADER,
      rows: [sms, ...(smsPaced ? [smsPaced] : [])].map((m) => row(m, m === smsPaced ? undefined : echoRedis)),
      bars: [
        { what: '/api/sms p99 latency', value: `${fmt(sms.latency.p99)} ms`, bar: '≤ 200 ms', met: sms.latency.p99 <= 200 },
        { what: '/api/sms errors', value: `${sms.errors} (${sms.completed}/${sms.conversations} conversations booked)`, bar: '0', met: sms.errors === 0 && sms.completed === sms.conversations },
      ],
      notes: ['Every request carries a valid X-Twilio-Signature (twilio\'s getExpectedTwilioSignature over the public URL) and a fresh MessageSid; each conversation comes from its own random mobile number (the per-number rate limit is not hit).'],
    };
    return { turns, sms: smsSection, ratio };
  } finally {
    await loadgen.stop();
  }
}
