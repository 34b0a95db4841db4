// Throw-away redis-server processes for the bench: a free port, a temp dir, never the
// machine's 6379 data. Durability runs restart one on the same dir and port after kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, redisAnswers } from '../../test/support/net';
export { freePort };

export interface RedisOptions {
  /** 'no' (default): no persistence at all. 'always' / 'everysec': AOF with that fsync policy. */
  aof?: 'no' | 'always' | 'everysec';
  dir?: string;
  port?: number;
}

export interface ThrowAwayRedis {
  port: number;
  url: string;
  dir: string;
  pid(): number;
  /** SIGKILL: no shutdown, no final fsync — what a power cut or OOM kill does. */
  kill9(): Promise<void>;
  /** Start again on the same port and dir (loads the AOF). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Every redis-server this process started: killed when it exits, however it exits. */
const running = new Set<ChildProcess>();
process.on('exit', () => { for (const c of running) c.kill('SIGKILL'); });

export async function startRedis(opts: RedisOptions = {}): Promise<ThrowAwayRedis> {
  const port = opts.port ?? await freePort();
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bench-redis-'));
  const aof = opts.aof ?? 'no';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--protected-mode', 'yes',
    ...(aof === 'no' ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', aof])];
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    running.add(child);
    child.once('exit', () => running.delete(child));
    for (let i = 0; i < 200; i++) {
      if (await redisAnswers(port)) return;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const exited = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(); else child.once('exit', () => resolve());
  });
  await launch();
  return {
    port, dir, url: `redis://127.0.0.1:${port}`,
    pid: () => child.pid ?? -1,
    async kill9() { child.kill('SIGKILL'); await exited(); },
    restart: launch,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited(); }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
