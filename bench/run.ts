// `npm run bench` (full, writes bench/README.md) and `npm run bench -- --quick` (under a
// minute, writes bench/README.quick.md); `--soak` adds the 10-minute memory soak.
// Every server under test and the load generator run in their own processes; Redis is a
// throw-away redis-server per run. Speed figures are ratios against baselines of this run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startRedis } from './lib/redis';
import { writeBenchCatalogue } from './lib/catalogue';
import { ACCOUNT_SID, AUTH_TOKEN, SMS_ENV } from './lib/client';
import { startServer } from './lib/proc';
import { log, table, yesNo, type Section } from './lib/report';
import { fmt } from './lib/stats';
import { startTwilioStandin } from '../test/support/twilio-standin';
import { runTurns } from './items/turns';
import { runRoundTrips } from './items/roundtrips';
import { runContention } from './items/contention';
import { runSmsCost } from './items/sms-cost';
import { runMemory } from './items/memory';
import { launchBrowser, runWidget } from './items/widget';
import { prepareDurability, runDurability } from './items/durability';
import { runStartup } from './items/startup';
import { runChannelCosts, runVoice } from './items/voice';
import { startSmsFactorStandin } from '../test/support/smsfactor-standin';

const args = new Set(process.argv.slice(2));
// Ctrl-C: exit through 'exit' handlers, so that the throw-away redis-servers die with us.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
const quick = args.has('--quick');
const soak = args.has('--soak');

const P = quick
  ? { conversations: 50, echoConversations: 30, smsConversations: 30, warmup: 10, rtConversations: 2, trials: 1_000, memory: 200, widgetLoads: 1, rounds: 5, everysec: 1, startups: 1, calls: 20 }
  : { conversations: 1_000, echoConversations: 1_000, smsConversations: 1_000, warmup: 20, rtConversations: 10, trials: 10_000, memory: 10_000, widgetLoads: 3, rounds: 100, everysec: 5, startups: 3, calls: 300 };
/** SMSFactor's webhook secret of the bench's SMSFactor server (item 11). */
const SMSFACTOR_SECRET = 'bench-smsfactor-webhook-secret-0000';

function failed(title: string, err: unknown): Section {
  log(`${title}: FAILED ${(err as Error).stack ?? String(err)}`);
  return { title, header: ['result'], rows: [[`failed: ${String((err as Error).message ?? err).replace(/\|/g, '/').slice(0, 300)}`]], bars: [{ what: title, value: 'failed', bar: '—', met: false }], notes: [] };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  const load0 = os.loadavg();
  const redis = await startRedis();
  const twilio = await startTwilioStandin({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const sf = await startSmsFactorStandin();
  const catalogueFile = writeBenchCatalogue(10);
  const sections: Section[] = [];
  let ratio = NaN;
  // Servers start in parallel up front (each is its own process); they idle until measured.
  // Each booking server has its own key prefix on the run's Redis: the web load, the SMS load and
  // the memory item each start with every slot free.
  const env = (prefix: string) => ({ REDIS_URL: redis.url, REDIS_PREFIX: prefix, TERRITORIES_FILE: catalogueFile, ...SMS_ENV, TWILIO_API_URL: twilio.url, WIDGET_TOKEN_SECRET: 'b'.repeat(40) });
  const started = await Promise.allSettled([
    startServer('echo-memory', env('echo:')),
    startServer('echo-redis', env('echo:')),
    startServer('booking', env('cxa:')),
    startServer('booking', env('cxb:')),
    startServer('booking', env('cxc:')),
    startServer('booking', { ...env('cxd:'), SMS_PROVIDER_DEFAULT: 'smsfactor', SMSFACTOR_API_URL: sf.url, SMSFACTOR_TOKEN: sf.token, SMSFACTOR_WEBHOOK_SECRET: SMSFACTOR_SECRET }),
  ]);
  const failedStart = started.find((s) => s.status === 'rejected');
  if (failedStart) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    await twilio.close();
    await sf.close();
    await redis.stop();
    throw (failedStart as PromiseRejectedResult).reason;
  }
  const [echoMemory, echoRedis, booking, smsBooking, memBooking, sfBooking] = started.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof startServer>>>).value);
  let durability: Awaited<ReturnType<typeof prepareDurability>> | undefined;
  try {
    log(`${quick ? 'quick' : 'full'} run; throw-away redis-server on port ${redis.port}`);
    try {
      const t = await runTurns({ servers: { echoMemory, echoRedis, booking, sms: smsBooking }, pacedTurnsPerSec: quick ? undefined : 50, pacedConversations: 100, conversations: P.conversations, echoConversations: P.echoConversations, smsConversations: P.smsConversations, concurrency: 50, warmup: P.warmup });
      sections.push(t.turns, t.sms);
      ratio = t.ratio;
    } catch (err) { sections.push(failed('1–2. Turns and SMS webhook', err)); }
    await Promise.all([echoMemory.stop(), echoRedis.stop()]);
    let slotGone = { ok: false, text: 'not checked' };
    try {
      const r = await runRoundTrips({ server: booking, conversations: P.rtConversations });
      sections.push(r.rt);
      slotGone = r.slotGone;
    } catch (err) { sections.push(failed('3. Redis round trips per turn', err)); }
    // The durability item's Redis and server start while the contention trials run (not timed against anything).
    const preparing = prepareDurability(catalogueFile);
    try { sections.push(await runContention({ redisUrl: redis.url, trials: P.trials, slotsPerTrial: 3, clientsPerProcess: 4, slotGoneOverHttp: slotGone })); } catch (err) { sections.push(failed('4. Contention', err)); }
    try { sections.push(await runSmsCost({ server: smsBooking, twilio })); } catch (err) { sections.push(failed('5. SMS cost', err)); }
    // Chromium starts while the memory item runs (RSS only, not timed).
    const browser = launchBrowser();
    browser.catch(() => undefined);
    try { sections.push(await runMemory({ server: memBooking, conversations: P.memory, soakMinutes: soak ? 10 : 0 })); } catch (err) { sections.push(failed('6. Memory', err)); }
    try { sections.push(await runWidget({ server: booking, loads: P.widgetLoads, browser })); } catch (err) { sections.push(failed('7. Widget', err)); }
    try {
      durability = await preparing;
      sections.push(await runDurability({ ...durability, rounds: P.rounds, everysecSeconds: P.everysec }));
    } catch (err) { sections.push(failed('8. Durability', err)); }
    try { sections.push(await runStartup({ env: env('start:'), runs: P.startups })); } catch (err) { sections.push(failed('9. Start-up', err)); }
    try { sections.push(await runVoice({ server: smsBooking, calls: P.calls, concurrency: 20 })); } catch (err) { sections.push(failed('10. Voice', err)); }
    try { sections.push(await runChannelCosts({ sms: smsBooking, smsFactor: sfBooking, smsFactorSecret: SMSFACTOR_SECRET, twilio, sf })); } catch (err) { sections.push(failed('11. Cost per booking per channel', err)); }
  } finally {
    await Promise.all([echoMemory.stop(), echoRedis.stop(), booking.stop(), smsBooking.stop(), memBooking.stop(), sfBooking.stop(), durability?.server.stop()]);
    await durability?.redis.stop();
    await twilio.close();
    await sf.close();
    await redis.stop();
    fs.rmSync(path.dirname(catalogueFile), { recursive: true, force: true });
  }
  const seconds = (performance.now() - t0) / 1000;
  const out = path.join(__dirname, quick ? 'README.quick.md' : 'README.md');
  fs.writeFileSync(out, render(sections, { started: startedAt, seconds, load0, load1: os.loadavg(), ratio }));
  log(`wrote ${path.relative(process.cwd(), out)} in ${fmt(seconds, 0)} s`);
  const unmet = sections.flatMap((s) => s.bars).filter((b) => b.met === false);
  for (const b of unmet) log(`bar NOT met: ${b.what}: ${b.value} (bar ${b.bar})`);
  process.stdout.write(`ratio booking/echo: ${fmt(ratio, 2)}\n`);
}

function redisVersion(): string {
  try { return execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).match(/v=(\S+)/)?.[1] ?? '?'; } catch { return '?'; }
}

function render(sections: Section[], r: { started: Date; seconds: number; load0: number[]; load1: number[]; ratio: number }): string {
  const cpus = os.cpus();
  const summary = sections.flatMap((s) => s.bars.map((b) => [s.title.split(/[:(]/)[0].trim(), b.what, b.value, b.bar, yesNo(b.met)]));
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${quick ? ' -- --quick' : ''}${soak ? ' -- --soak' : ''}\` (bench/run.ts) — do not edit by hand. ${quick ? 'This is the QUICK run (small samples); the reference results are in bench/README.md (full run).' : 'The quick run (`npm run bench -- --quick`, under a minute) writes bench/README.quick.md instead, so these results stay.'}`,
    '',
    '## Machine and run',
    '',
    table(['', ''], [
      ['date', r.started.toISOString()],
      ['command', `npm run bench${quick ? ' -- --quick' : ''}${soak ? ' -- --soak' : ''}`],
      ['cores', String(cpus.length)],
      ['CPU', cpus[0]?.model ?? '?'],
      ['memory', `${fmt(os.totalmem() / 2 ** 30, 1)} GiB`],
      ['Node', process.version],
      ['Redis', `redis-server ${redisVersion()} (throw-away, loopback, no persistence unless said)`],
      ['load average (1/5/15 min) at start', r.load0.map((x) => fmt(x, 2)).join(' / ')],
      ['load average at end', r.load1.map((x) => fmt(x, 2)).join(' / ')],
      ['duration', `${fmt(r.seconds, 0)} s`],
    ]),
    '',
    'The machine is shared: other people run tests on the same 2 cores while this runs (see the load average). Absolute',
    'figures are for information; the bars on speed compare with baselines measured in the same run, minutes apart.',
    '',
    '## Summary of the bars',
    '',
    table(['item', 'what', 'measured', 'bar', 'met?'], summary),
    '',
    `**ratio booking/echo: ${fmt(r.ratio, 2)}** (booking turns/s ÷ echo-on-Redis turns/s)`,
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', table(s.header, s.rows), '', ...s.bars.map((b) => `- ${b.what}: ${b.value} — bar ${b.bar}: ${yesNo(b.met)}`), ...s.notes.map((n) => `- ${n}`), '']),
    '## How it is measured',
    '',
    '- `bench/server.ts` runs one server under test per child process: the booking app (`createApp`, real restify stack, RedisStore), or the baseline echo bot (`bench/lib/echo-bot.ts`: CloudAdapter + ConversationState on MemoryStorage, or on `bench/lib/redis-storage.ts`, a minimal GET/SET-JSON Storage). It reports `process.cpuUsage()` and `memoryUsage()` over IPC.',
    '- `bench/loadgen.ts` is the load generator, in its own process: keep-alive `node:http`, one connection per conversation in flight, conversations played to the end by `bench/lib/driver.ts` (answers whatever the bot asks, from a persona). The catalogue is data/territories.json with each volunteer cloned 10 times (`bench/lib/catalogue.ts`), so that 1,000 bookings do not exhaust the 4-week horizon.',
    '- Each run starts its own `redis-server --port <free> --save "" --appendonly no` (durability: `--appendonly yes --appendfsync always|everysec` in a temp dir), each booking server under its own key prefix (web load, SMS load, memory) and the contention trials under theirs; never the machine\'s 6379.',
    '- Outbound SMS go to the local Twilio REST stand-in (test/support/twilio-standin.ts) or SMSFactor stand-in (test/support/smsfactor-standin.ts); nothing leaves the machine.',
    `- The 10-minute memory soak at 100 turns/s is opt-in (\`npm run bench -- --soak\`), because with it the full run would last over 12 minutes.`,
    '- Where the CPU goes and how much work a turn does: `npm run bench:profile` (V8 CPU profile of the booking server under this load: self and inclusive time per package, top self-time functions) and `npm run bench:counts` (exact calls per turn of the language layer\'s readers and of JSON.stringify/parse, independent of the machine\'s load); figures and before/after comparisons in bench/PROFILE.md.',
    '',
  ].join('\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
