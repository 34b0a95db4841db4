// `npm run bench:profile [-- N]`: the booking server of the bench under the V8 CPU profiler
// (what `node --cpu-prof` writes, started after the warm-up through node:inspector),
// N whole booking conversations (default 300) at 50 connections over /api/messages, then the
// top self-time functions of the profile. Relative self-time is meaningful on a shared
// machine where absolute timings are not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRedis } from './lib/redis';
import { writeBenchCatalog } from './lib/catalog';
import { SMS_ENV } from './lib/client';
import { startChild, startServer } from './lib/proc';
import { log } from './lib/report';
import { fmt } from './lib/stats';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Self-time per function (summed over its nodes), most first. */
export function topSelf(profile: CpuProfile, n = 10): Array<{ fn: string; where: string; ms: number; share: number }> {
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  // The profiler's own stop (serialising the profile through node:inspector) is not the server's work.
  const ours = (id: number): boolean => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byNode.get(cur)?.callFrame.url === 'node:inspector') return false;
    return true;
  };
  const self = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byNode.get(id);
    if (!node || !ours(id)) return;
    total += dt;
    const f = node.callFrame;
    const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName}|${where}`;
    const cur = self.get(key) ?? { fn: f.functionName || '(anonymous)', where, us: 0 };
    cur.us += dt;
    self.set(key, cur);
  });
  return [...self.values()].sort((a, b) => b.us - a.us).slice(0, n).map((x) => ({ fn: x.fn, where: x.where, ms: x.us / 1000, share: x.us / total }));
}

async function main(): Promise<void> {
  const conversations = Number(process.argv[2] ?? 300);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-prof-'));
  const redis = await startRedis();
  const catalogFile = writeBenchCatalog(10);
  const server = await startServer('booking', { REDIS_URL: redis.url, REDIS_PREFIX: 'prof:', TERRITORIES_FILE: catalogFile, ...SMS_ENV, WIDGET_TOKEN_SECRET: 'b'.repeat(40) },
    (process.env.SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean));
  const file = path.join(dir, 'booking.cpuprofile');
  const loadgen = await startChild('loadgen.ts');
  try {
    await loadgen.request({ cmd: 'run', job: { mode: 'web', base: server.base, conversations: 20, concurrency: 20, offset: 900_000, runId: 'prof-warm' } });
    const heap = process.env.HEAP === '1';
    await server.request({ cmd: heap ? 'heap-start' : 'profile-start' });
    const before = await server.stats();
    const r = await loadgen.request<{ turns: number; elapsedMs: number; errors: number }>({ cmd: 'run', job: { mode: 'web', base: server.base, conversations, concurrency: 50, offset: 0, runId: 'prof' } });
    const after = await server.stats();
    await server.request({ cmd: heap ? 'heap-stop' : 'profile-stop', file });
    if (heap) {
      fs.copyFileSync(file, path.join(os.tmpdir(), 'cx-booking.heapprofile'));
      log(`allocation profile kept in ${path.join(os.tmpdir(), 'cx-booking.heapprofile')}`);
    }
    const cpuMs = (after.cpuUserUs - before.cpuUserUs + after.cpuSystemUs - before.cpuSystemUs) / 1000;
    log(`profiled ${r.turns} turns at ${fmt(r.turns / (r.elapsedMs / 1000), 0)} turns/s, server CPU ${fmt(cpuMs / Math.max(1, r.turns), 2)} ms/turn (profiler on), ${r.errors} errors`);
  } finally {
    await loadgen.stop();
    await server.stop();
    await redis.stop();
    fs.rmSync(path.dirname(catalogFile), { recursive: true, force: true });
  }
  if (process.env.HEAP === '1') return;
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const keep = path.join(os.tmpdir(), 'cx-booking.cpuprofile');
  fs.copyFileSync(file, keep);
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`| # | function | where | self ms | share |\n| --- | --- | --- | --- | --- |\n`);
  topSelf(profile, Number(process.env.TOP ?? 10)).forEach((x, i) => process.stdout.write(`| ${i + 1} | \`${x.fn}\` | ${x.where} | ${fmt(x.ms, 0)} | ${fmt(x.share * 100, 1)} % |\n`));
  log(`profile kept in ${keep}`);
}

if (require.main === module) {
  main().catch((err) => { process.stderr.write(`${(err as Error).stack ?? String(err)}\n`); process.exit(1); });
}
