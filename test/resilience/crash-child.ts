// A bot process that dies right after a commit (issue 9 item 3): it serves /api/messages on a
// given Redis and prefix, and once a booking is committed it tells the parent (IPC) and hangs
// — still renewing its conversation lock — until the parent kills it with SIGKILL.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { createRedisStore } from '../../src/store';

async function main() {
  const redisUrl = process.env.CRASH_REDIS_URL!;
  const prefix = process.env.CRASH_PREFIX!;
  const store = await createRedisStore(redisUrl, prefix);
  const commit = store.bookings.commit.bind(store.bookings);
  store.bookings.commit = async (...args: Parameters<typeof commit>) => {
    await commit(...args);
    process.send?.({ committed: args[0].ref });
    return new Promise<never>(() => { /* the answer never comes: the parent kills us here */ });
  };
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' });
  const app = await createApp(config, { logger: silentLogger, store });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  process.send?.({ port: (app.server.address() as AddressInfo).port });
}
main().catch((err) => { console.error(err); process.exit(1); });
