// Starts a throw-away redis-server for the whole run so that tests never touch the data of
// the machine's Redis. Falls back to 127.0.0.1:6379 (with random key prefixes) when the
// binary is missing.
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => { s.destroy(); resolve(d.toString().startsWith('+PONG')); });
    s.once('error', () => resolve(false));
  });
}

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
    if (await ping(port)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  process.env.TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.TEST_REDIS_PID = String(child.pid);
}
