// Helpers for tests that need a real Redis: a connection URL and a prefix of their own.
import crypto from 'node:crypto';

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function testPrefix(label = 't'): string {
  return `cxtest:${label}:${crypto.randomBytes(4).toString('hex')}:`;
}
