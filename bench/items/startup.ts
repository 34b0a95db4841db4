// Item 9: start-up of the production entry point (`node dist/src/index.js`, what `npm start`
// runs after the build) until GET /healthz answers 200, on the run's Redis.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../lib/redis';
import { productionNodeFlags } from '../lib/proc';
import { median, fmt } from '../lib/stats';
import { log, type Section } from '../lib/report';

const ROOT = path.resolve(__dirname, '../..');

async function once(env: Record<string, string>): Promise<{ ms: number; indexMs: number; source: string; rssMb: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...productionNodeFlags(), path.join(ROOT, 'dist/src/index.js')], {
    cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`dist/src/index.js exited (${child.exitCode}): ${out.slice(-300)}`);
      if (performance.now() - t0 > 30_000) throw new Error('no /healthz after 30 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = performance.now() - t0;
    const ready = out.split('\n').map((l) => { try { return JSON.parse(l) as { msg?: string; ms?: number; source?: string }; } catch { return {}; } }).find((l) => l.msg === 'commune index ready');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(await import('node:fs').then((fs) => fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')))?.[1] ?? NaN);
    return { ms, indexMs: ready?.ms ?? NaN, source: ready?.source ?? '?', rssMb: rssKb / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((r) => { if (child.exitCode !== null) r(); else child.once('exit', () => r()); });
  }
}

export async function runStartup(o: { env: Record<string, string>; runs: number }): Promise<Section> {
  const runs: Awaited<ReturnType<typeof once>>[] = [];
  for (let i = 0; i < o.runs; i++) runs.push(await once({ ...o.env, REDIS_PREFIX: `start${i}:` }));
  const med = median(runs.map((r) => r.ms));
  log(`start-up: ${runs.map((r) => fmt(r.ms, 0)).join(', ')} ms to /healthz (commune index from ${runs[0]?.source})`);
  return {
    title: '9. Start-up: `node --max-old-space-size=384 dist/src/index.js` (npm start) until GET /healthz answers 200',
    header: ['run', 'ms to /healthz', 'commune index ms', 'commune index from', 'RSS at /healthz MB'],
    rows: runs.map((r, i) => [String(i + 1), fmt(r.ms, 0), fmt(r.indexMs, 0), r.source === 'build' ? 'dist/communes.json (npm run build)' : r.source, fmt(r.rssMb, 0)]),
    bars: [{ what: 'start-up to /healthz (median)', value: `${fmt(med, 0)} ms`, bar: '≤ 1000 ms', met: med <= 1000 && runs.every((r) => r.source === 'build') }],
    notes: [
      'From spawn to the first 200 of /healthz: Node start, loading the compiled modules, configuration, Redis connection, catalogue read from the store, commune index, listen. Each run on its own key prefix (the first process of a prefix seeds the catalogue).',
      'The commune index reads dist/communes.json, the France-wide tables `npm run build` writes from the source packages (src/language/communes-compact.ts; test/language/communes-compact.test.ts checks they match); without it (or with other package versions) the process builds them from the packages.',
    ],
  };
}
