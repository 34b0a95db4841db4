// Item 6: RSS of the booking server after many conversations of a few turns each (state is in
// Redis, so memory must stay flat), and, opt-in, a soak at a steady rate.
import { startChild, type ServerUnderTest } from '../lib/proc';
import type { LoadResult } from '../loadgen';
import { fmt } from '../lib/stats';
import { log, type Bar, type Section } from '../lib/report';

const MB = 1024 * 1024;

export async function runMemory(o: { server: ServerUnderTest; conversations: number; soakMinutes: number }): Promise<Section> {
  const server = o.server;
  const loadgen = await startChild('loadgen.ts');
  const TURNS = 2;
  try {
    const job = (conversations: number, runId: string, extra: Record<string, unknown> = {}) => ({ cmd: 'run', job: { mode: 'web', base: server.base, conversations, concurrency: 20, offset: 300_000, turnsPerConversation: TURNS, runId, ...extra } });
    await loadgen.request(job(50, 'mem-warm'));
    await server.request({ cmd: 'gc' });
    const start = await server.stats();
    const samples: Array<[number, number]> = [[0, start.rss]];
    const chunk = Math.max(1, Math.round(o.conversations / 5));
    let errors = 0;
    for (let done = 0; done < o.conversations; done += chunk) {
      const r = await loadgen.request<LoadResult>(job(Math.min(chunk, o.conversations - done), `mem-${done}`));
      errors += r.errors;
      samples.push([done + chunk, (await server.stats()).rss]);
    }
    await server.request({ cmd: 'gc' });
    const end = await server.stats();
    log(`memory: RSS ${fmt(start.rss / MB)} → ${fmt(end.rss / MB)} MB after ${o.conversations} conversations`);
    const rows = [[`${o.conversations.toLocaleString('en')} conversations × ${TURNS} turns`, fmt(start.rss / MB), fmt(Math.max(...samples.map((s) => s[1])) / MB), fmt(end.rss / MB), `${fmt(end.heapUsed / MB)} / ${fmt(end.heapTotal / MB)}`, String(errors)]];
    const bars: Bar[] = [{ what: `RSS after ${o.conversations.toLocaleString('en')} conversations`, value: `${fmt(end.rss / MB)} MB`, bar: '≤ 250 MB', met: end.rss <= 250 * MB && errors === 0 }];
    const notes = [
      `JavaScript heap used: ${fmt(start.heapUsed / MB)} MB at the start, ${fmt(end.heapUsed / MB)} MB at the end (heap reserved by V8: ${fmt(start.heapTotal / MB)} → ${fmt(end.heapTotal / MB)} MB). Flat heap use means no per-conversation state stays in the process; the RSS above it is V8's heap headroom after bursts of allocation plus what the allocator keeps.`,
      `At the start (fresh server, after the warm-up): heap used ${fmt(start.heapUsed / MB)} MB of ${fmt(start.heapTotal / MB)} MB, external ${fmt(start.external / MB)} MB (array buffers ${fmt(start.arrayBuffers / MB)} MB); the rest of the RSS is code (the server runs tsc's compiled JavaScript from dist/, no loader) and memory the allocator keeps.`,`RSS sampled every ${chunk} conversations: ${samples.map(([n, r]) => `${n}: ${fmt(r / MB, 0)}`).join(', ')} MB. "start" is after a 50-conversation warm-up and a GC; "end" after a GC.`];
    if (o.soakMinutes > 0) {
      const RATE = 100;
      const durationMs = o.soakMinutes * 60_000;
      const soakSamples: number[] = [];
      const heapSamples: number[] = [];
      const timer = setInterval(() => { void server.stats().then((s) => { soakSamples.push(s.rss); heapSamples.push(s.heapUsed); }); }, 10_000);
      const r = await loadgen.request<LoadResult>(job(10_000_000, 'soak', { turnsPerSecond: RATE, durationMs, concurrency: 50, turnsPerConversation: 3 }), durationMs + 120_000);
      clearInterval(timer);
      // Growth measured from the first minute on (after warm-up of caches and JIT).
      const base = soakSamples[Math.min(6, soakSamples.length - 1)] ?? end.rss;
      const last = soakSamples[soakSamples.length - 1] ?? end.rss;
      const growth = (last - base) / base;
      for (const e of r.errorSamples) log(`  soak error: ${e}`);
      notes.push(`Soak: RSS every minute ${soakSamples.filter((_, i) => i % 6 === 5).map((x) => fmt(x / MB, 0)).join(', ')} MB; JavaScript heap used every minute ${heapSamples.filter((_, i) => i % 6 === 5).map((x) => fmt(x / MB, 0)).join(', ')} MB.`, ...r.errorSamples.slice(0, 3).map((e) => `soak error sample: ${e}`));
      log(`soak: ${r.turns} turns at ${fmt(r.turns / (r.elapsedMs / 1000), 0)} turns/s, RSS ${fmt(base / MB)} → ${fmt(last / MB)} MB`);
      rows.push([`soak ${o.soakMinutes} min at ${RATE} turns/s, conversations of 3 turns (${r.turns} turns, ${fmt(r.turns / (r.elapsedMs / 1000), 0)}/s achieved)`, fmt(base / MB), fmt(Math.max(...soakSamples) / MB), fmt(last / MB), '—', String(r.errors)]);
      bars.push({ what: `RSS growth over the ${o.soakMinutes}-minute soak (from minute 1)`, value: `${fmt(growth * 100)} %`, bar: '< 10 %', met: growth < 0.1 && r.errors === 0 });
    } else {
      bars.push({ what: 'RSS growth over a 10-minute soak at 100 turns/s', value: 'not run (opt-in: npm run bench -- --soak)', bar: '< 10 %', met: null });
    }
    return {
      title: '6. Memory of the booking server (RSS)',
      header: ['load', 'RSS start MB', 'RSS max MB', 'RSS end MB', 'heap used / total end MB', 'errors'],
      rows, bars, notes,
    };
  } finally {
    await loadgen.stop();
  }
}
