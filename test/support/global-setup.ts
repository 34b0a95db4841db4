// Starts a throw-away redis-server for the whole run so that tests never touch the data of
// the machine's Redis. Falls back to 127.0.0.1:6379 (with random key prefixes) when the
// binary is missing.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, redisAnswers } from './net';

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_REDIS_URL) return;
  let hasBinary = true;
  try { execFileSync('redis-server', ['--version'], { stdio: 'ignore' }); } catch { hasBinary = false; }
  if (!hasBinary) {
    process.env.TEST_REDIS_URL = 'redis://127.0.0.1:6379';
    return;
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-test-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore', detached: true });
  child.unref();
  for (let i = 0; i < 100; i++) {
    if (await redisAnswers(port)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  process.env.TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.TEST_REDIS_PID = String(child.pid);
}
