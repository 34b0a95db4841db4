// One server under test, in its own process, compiled: `node dist/bench/server.js booking|echo-memory|echo-redis`.
// Listens on a free loopback port, says so over IPC, and answers the parent's requests for
// its CPU time and memory (process.cpuUsage / memoryUsage) and, with BENCH_COUNT_RT=1, for
// the Redis commands and round trips of the store's client since the last request.
// First, as in src/index.ts: the packages production defers stay deferred here too (so every
// bench conversation runs on exactly what `npm start` loads; the echo bots never use them either).
import '../src/deferred-packages';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import Redis from 'ioredis';
import { MemoryStorage } from 'botbuilder';
import { buildEchoServer } from './lib/echo-bot';
import { MinimalRedisStorage } from './lib/redis-storage';
import { instrumentIoredis } from './lib/rt-counter';

export type ServerKind = 'booking' | 'echo-memory' | 'echo-redis';

export type ParentRequest = { id: number; cmd: 'stats' | 'roundtrips' | 'rt-off' | 'gc' | 'confirm' | 'profile-start' | 'profile-stop' | 'heap-start' | 'heap-stop'; ref?: string; file?: string };

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  // Off until the parent asks for counts (the round-trip item); a wrapper call otherwise.
  const counter = instrumentIoredis((name, args) => name === 'get' && String(args[0]).endsWith('{catalogue}:version'));
  let server: Server;
  let close: () => Promise<void>;
  /** Booking server only: a coordinator confirms a booking (its confirmation SMS goes out). */
  let confirm: (ref: string) => Promise<unknown> = async () => { throw new Error('not a booking server'); };
  if (kind === 'booking') {
    const { loadConfig } = await import('../src/config');
    const { createApp } = await import('../src/app');
    const { createLogger } = await import('../src/log');
    const { warmUpPlaces } = await import('../src/language/place');
    const config = loadConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
    const app = await createApp(config, { logger: createLogger(config.logLevel) });
    warmUpPlaces(app.catalogue);
    await app.warmUp(); // as src/index.ts does once listening: the widget's scripts are in memory
    counter?.track((app.store as unknown as { redis: unknown }).redis);
    server = app.server;
    close = () => app.close();
    confirm = async (ref) => {
      const booking = await app.store.bookings.get(ref);
      if (!booking) return { ok: false, code: 'not-found' };
      const account = { id: 'bench', name: 'Bench', territory: booking.territory, createdAt: Date.now() };
      return app.coordinator.confirm(account as unknown as Parameters<typeof app.coordinator.confirm>[0], ref);
    };
  } else if (kind === 'echo-memory' || kind === 'echo-redis') {
    const redis = kind === 'echo-redis' ? new Redis(process.env.REDIS_URL!) : undefined;
    counter?.track(redis);
    server = buildEchoServer(redis ? new MinimalRedisStorage(redis) : new MemoryStorage());
    close = async () => { await new Promise<void>((r) => server.close(() => r())); await redis?.quit(); };
  } else {
    throw new Error(`unknown server kind ${kind}`);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  let profiler: Session | undefined;
  process.on('message', (m: ParentRequest) => {
    if (m.cmd === 'stats') {
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      process.send!({ id: m.id, cpuUserUs: cpu.user, cpuSystemUs: cpu.system, rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, arrayBuffers: mem.arrayBuffers });
    } else if (m.cmd === 'roundtrips') {
      process.send!({ id: m.id, ...(counter?.take() ?? { commands: [], roundTrips: 0 }) });
    } else if (m.cmd === 'rt-off') {
      counter?.off();
      process.send!({ id: m.id });
    } else if (m.cmd === 'confirm') {
      confirm(m.ref!).then((r) => process.send!({ id: m.id, result: r }), (err) => process.send!({ id: m.id, error: String(err) }));
    } else if (m.cmd === 'heap-start' || m.cmd === 'heap-stop') {
      // Allocation sampling (what the garbage collector then has to collect), by stack.
      profiler ??= new Session();
      const session = profiler;
      const reply = (err: Error | null) => process.send!({ id: m.id, error: err ? String(err) : undefined });
      if (m.cmd === 'heap-start') {
        session.connect();
        session.post('HeapProfiler.enable', () => session.post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, (err) => reply(err)));
      } else {
        session.post('HeapProfiler.stopSampling', (err, r) => {
          if (!err) fs.writeFileSync(m.file!, JSON.stringify(r.profile));
          session.disconnect();
          reply(err);
        });
      }
    } else if (m.cmd === 'profile-start' || m.cmd === 'profile-stop') {
      // CPU profile of the measured load only (start-up and warm-up left out), as --cpu-prof would write it.
      profiler ??= new Session();
      const session = profiler;
      const reply = (err: Error | null) => process.send!({ id: m.id, error: err ? String(err) : undefined });
      if (m.cmd === 'profile-start') {
        session.connect();
        session.post('Profiler.enable', () => session.post('Profiler.start', (err) => reply(err)));
      } else {
        session.post('Profiler.stop', (err, r) => {
          if (!err) fs.writeFileSync(m.file!, JSON.stringify(r.profile));
          session.disconnect();
          reply(err);
        });
      }
    } else if (m.cmd === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ id: m.id });
    }
  });
  // A clean close when the parent lets go; never linger (keep-alive sockets, queue workers).
  const quit = () => {
    setTimeout(() => process.exit(0), 3_000).unref();
    void close().catch(() => undefined).finally(() => process.exit(0));
  };
  process.on('disconnect', quit);
  process.on('SIGTERM', quit);
  if (!process.connected) quit(); // the parent went away while we were starting
  process.send!({ ready: true, port });
}

main().catch((err) => {
  process.stderr.write(`bench server failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
