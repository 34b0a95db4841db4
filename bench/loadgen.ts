// The load generator, in its own process: N conversations over HTTP, C at a time (one
// keep-alive connection each), every turn timed. Told what to play over IPC.
import { Conversation, ECHO_TEXTS, loadPersona, randomMobile } from './lib/driver';
import { sayWeb, saySms, setMaxSockets, type TurnResult } from './lib/client';

export interface LoadJob {
  mode: 'echo' | 'web' | 'sms';
  base: string;
  conversations: number;
  concurrency: number;
  /** Conversation ids and personas start here (distinct conversations across jobs). */
  offset: number;
  /** Stop each conversation after this many turns (memory item); default: play it to the end. */
  turnsPerConversation?: number;
  /** Pace the whole load at this many turns per second (soak); default: as fast as possible. */
  turnsPerSecond?: number;
  /** Stop starting new conversations after this long (soak). */
  durationMs?: number;
  runId: string;
}

export interface LoadResult {
  turns: number;
  latencies: number[];
  errors: number;
  errorSamples: string[];
  completed: number;
  slotGone: number;
  elapsedMs: number;
}

const MAX_TURNS = 25;

async function runJob(job: LoadJob): Promise<LoadResult> {
  setMaxSockets(job.concurrency);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0, completed = 0, slotGone = 0, nextConv = 0;
  const t0 = performance.now();
  const paceMs = job.turnsPerSecond ? 1000 / job.turnsPerSecond : 0;
  let nextSlot = t0;
  const pace = async () => {
    if (!paceMs) return;
    const at = nextSlot;
    nextSlot += paceMs;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };
  const fail = (msg: string) => { errors += 1; if (errorSamples.length < 8) errorSamples.push(msg); };

  const one = async (n: number) => {
    const id = `${job.runId}-${job.offset + n}`;
    const from = randomMobile();
    const say = async (text: string): Promise<TurnResult | null> => {
      await pace();
      try {
        const r = job.mode === 'sms' ? await saySms(job.base, from, text) : await sayWeb(job.base, id, text);
        latencies.push(r.ms);
        if (r.status !== 200) { fail(`HTTP ${r.status}: ${r.raw.slice(0, 160)}`); return null; }
        if (r.texts.length === 0) { fail(`empty reply to "${text}"`); return null; }
        return r;
      } catch (err) { fail(`request failed: ${(err as Error).message}`); return null; }
    };
    const limit = job.turnsPerConversation ?? MAX_TURNS;
    if (job.mode === 'echo') {
      for (const text of ECHO_TEXTS.slice(0, limit)) if (!(await say(text))) return;
      completed += 1;
      return;
    }
    const conv = new Conversation(loadPersona(job.offset + n));
    let replies: string[] | null = null;
    const said: string[] = [];
    for (let turn = 0; turn < limit; turn++) {
      const step = conv.next(replies);
      if ('error' in step) { fail(`${step.error} [persona ${conv.persona.label} ${conv.persona.place[0]} / ${conv.persona.when[0]}; turn ${conv.turns}; sent: ${said.join(' / ')}]`); return; }
      if ('done' in step) { completed += 1; slotGone += conv.slotGone; return; }
      said.push(step.say);
      const r = await say(step.say);
      if (!r) return;
      replies = r.texts;
    }
    if (job.turnsPerConversation) { completed += 1; return; }
    const last = conv.next(replies);
    if ('done' in last) { completed += 1; slotGone += conv.slotGone; } else fail(`no booking after ${MAX_TURNS} turns`);
  };

  const deadline = job.durationMs ? t0 + job.durationMs : Infinity;
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.conversations) }, async () => {
    while (nextConv < job.conversations && performance.now() < deadline) await one(nextConv++);
  }));
  return { turns: latencies.length, latencies, errors, errorSamples, completed, slotGone, elapsedMs: performance.now() - t0 };
}

process.on('message', (m: { id: number; cmd: 'run'; job: LoadJob }) => {
  if (m.cmd === 'run') {
    runJob(m.job).then((r) => process.send!({ id: m.id, ...r }), (err) => process.send!({ id: m.id, fatal: String(err) }));
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
