// Starts the real app on a random port for end-to-end tests.
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { testPrefix, testRedisUrl } from '../support/redis';

export interface Running { app: App; base: string; prefix: string }

export async function startApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<Running> {
  const prefix = testPrefix('e2e');
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', ...env });
  const app = await createApp(config, { logger: silentLogger, ...overrides });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}`, prefix };
}
