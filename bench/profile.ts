// `npm run bench:profile [-- N]`: the booking server of the bench under the V8 CPU profiler
// (what `node --cpu-prof` writes, started after the warm-up through node:inspector),
// N whole booking conversations (default 300) at 50 connections over /api/messages, then self
// and inclusive time per package (bench/lib/cpuprofile.ts) and the top self-time functions.
// Relative shares are meaningful on a shared machine where absolute timings are not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRedis } from './lib/redis';
import { writeBenchCatalogue } from './lib/catalogue';
import { ACCOUNT_SID, AUTH_TOKEN, SMS_ENV } from './lib/client';
import { startTwilioStandin } from '../test/support/twilio-standin';
import { startChild, startServer } from './lib/proc';
import { log } from './lib/report';
import { fmt } from './lib/stats';
import { byPackage, topSelf, type CpuProfile } from './lib/cpuprofile';

async function main(): Promise<void> {
  const conversations = Number(process.argv[2] ?? 300);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-prof-'));
  const redis = await startRedis();
  // The booking's SMS notices go to the local Twilio stand-in, as in `npm run bench` (never out).
  const twilio = await startTwilioStandin({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const catalogueFile = writeBenchCatalogue(10);
  const server = await startServer('booking', { REDIS_URL: redis.url, REDIS_PREFIX: 'prof:', TERRITORIES_FILE: catalogueFile, ...SMS_ENV, TWILIO_API_URL: twilio.url, WIDGET_TOKEN_SECRET: 'b'.repeat(40) },
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
    log(`profiled ${r.turns} turns at ${fmt(r.turns / (r.elapsedMs / 1000), 0)} turns/s, server CPU ${fmt(cpuMs / Math.max(1, r.turns), 2)} ms/turn (profiler on), ${r.errors} errors, load average ${os.loadavg().map((x) => fmt(x, 2)).join(' / ')}`);
  } finally {
    await loadgen.stop();
    await server.stop();
    await twilio.close();
    await redis.stop();
    fs.rmSync(path.dirname(catalogueFile), { recursive: true, force: true });
  }
  if (process.env.HEAP === '1') return;
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const keep = path.join(os.tmpdir(), 'cx-booking.cpuprofile');
  fs.copyFileSync(file, keep);
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`\n| package | self ms | self share | inclusive ms | inclusive share |\n| --- | --- | --- | --- | --- |\n`);
  for (const x of byPackage(profile)) {
    if (x.selfShare < 0.002 && x.inclShare < 0.01) continue; // the long tail of small packages
    process.stdout.write(`| ${x.pkg} | ${fmt(x.selfMs, 0)} | ${fmt(x.selfShare * 100, 1)} % | ${fmt(x.inclMs, 0)} | ${fmt(x.inclShare * 100, 1)} % |\n`);
  }
  process.stdout.write(`\n| # | function | package | where | self ms | share |\n| --- | --- | --- | --- | --- | --- |\n`);
  topSelf(profile, Number(process.env.TOP ?? 10)).forEach((x, i) => process.stdout.write(`| ${i + 1} | \`${x.fn}\` | ${x.pkg} | ${x.where} | ${fmt(x.ms, 0)} | ${fmt(x.share * 100, 1)} % |\n`));
  log(`profile kept in ${keep}`);
}

if (require.main === module) {
  main().catch((err) => { process.stderr.write(`${(err as Error).stack ?? String(err)}\n`); process.exit(1); });
}
