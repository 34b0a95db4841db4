// Item 9: start-up of the production entry point (`node dist/src/index.js`, what `npm start`
// runs after the build) until GET /healthz answers 200, on the run's Redis.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../lib/redis';
import { productionNodeFlags } from '../lib/proc';
import { median, fmt } from '../lib/stats';
import { log, type Section } from '../lib/report';

const ROOT = path.resolve(__dirname, '../..');

/** CPU time (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). */
function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

async function once(env: Record<string, string>): Promise<{ ms: number; cpuMs: number; indexMs: number; source: string; rssMb: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...productionNodeFlags(), path.join(ROOT, 'dist/src/index.js')], {
    cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The log (JSON lines) is on stderr, the addresses to open on stdout.
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`dist/src/index.js exited (${child.exitCode}): ${out.slice(-300)}`);
      if (performance.now() - t0 > 30_000) throw new Error('no /healthz after 30 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = performance.now() - t0;
    const cpuMs = processCpuMs(child.pid!);
    // The commune index builds while the server listens: its line may come just after.
    for (let i = 0; i < 300 && !out.includes('"commune index ready"'); i++) await new Promise((r) => setTimeout(r, 10));
    const ready = out.split('\n').map((l) => { try { return JSON.parse(l) as { msg?: string; ms?: number; source?: string }; } catch { return {}; } }).find((l) => l.msg === 'commune index ready');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN);
    return { ms, cpuMs, indexMs: ready?.ms ?? NaN, source: ready?.source ?? '?', rssMb: rssKb / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((r) => { if (child.exitCode !== null) r(); else child.once('exit', () => r()); });
  }
}

export async function runStartup(o: { env: Record<string, string>; runs: number }): Promise<Section> {
  const runs: Awaited<ReturnType<typeof once>>[] = [];
  for (let i = 0; i < o.runs; i++) runs.push(await once({ ...o.env, REDIS_PREFIX: `start${i}:` }));
  const med = median(runs.map((r) => r.ms));
  log(`start-up: ${runs.map((r) => fmt(r.ms, 0)).join(', ')} ms to /healthz, CPU ${runs.map((r) => fmt(r.cpuMs, 0)).join(', ')} ms (commune index from ${runs[0]?.source})`);
  return {
    title: '9. Start-up: `node --max-old-space-size=384 dist/src/index.js` (npm start) until GET /healthz answers 200',
    header: ['run', 'ms to /healthz', 'CPU ms to /healthz', 'commune index ms', 'commune index from', 'RSS once the index is ready MB'],
    rows: runs.map((r, i) => [String(i + 1), fmt(r.ms, 0), fmt(r.cpuMs, 0), fmt(r.indexMs, 0), r.source === 'build' ? 'dist/communes.json (npm run build)' : r.source, fmt(r.rssMb, 0)]),
    bars: [{ what: 'start-up to /healthz (median)', value: `${fmt(med, 0)} ms`, bar: '≤ 1000 ms', met: med <= 1000 && runs.every((r) => r.source === 'build') }],
    notes: [
      'From spawn to the first 200 of /healthz: Node start, loading the compiled modules (botbuilder\'s and restify\'s unused dependencies deferred: src/deferred-packages.ts), configuration, Redis connection, catalogue read from the store, listen. The commune index builds meanwhile, in steps that yield to the event loop ("commune index ms": from its start to ready); a message that comes before it is ready waits for it (BookingBot.run). Each run on its own key prefix (the first process of a prefix seeds the catalogue).',
      'CPU ms to /healthz: user + system time of the server process (/proc/PID/stat) when /healthz first answers; on this shared machine it moves less with the load than the wall time.',
      'The commune index reads dist/communes.json, the France-wide tables `npm run build` writes from the source packages (src/language/communes-compact.ts; test/language/communes-compact.test.ts checks they match); without it (or with other package versions) the process builds them from the packages.',
    ],
  };
}
