// Child processes of the bench, talking over IPC with numbered requests. The servers under
// test run the compiled JavaScript (what `npm start` runs: tsc's output under dist/, no
// loader in the process); load generators and contention workers run on tsx's loader.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const BENCH_DIR = path.resolve(__dirname, '..');
const ROOT = path.resolve(BENCH_DIR, '..');

let compiled = false;
/**
 * What `npm run build` does, for the product and bench/server.ts: tsc into dist/ (incremental:
 * seconds when nothing changed), then the compact commune tables (dist/communes.json).
 */
export function compileServers(): void {
  if (compiled) return;
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', path.join(ROOT, 'tsconfig.bench.json')], { stdio: 'inherit', cwd: ROOT });
  execFileSync(process.execPath, [path.join(ROOT, 'dist/scripts/build-communes.js')], { stdio: 'inherit', cwd: ROOT });
  compiled = true;
}

/**
 * The node flags production starts with: those of package.json's `start` script, before
 * dist/src/index.js (the heap limit: docs/decisions/heap-limit.md). Every server of the bench
 * runs with them, the echo baselines too, so the comparison is between bots, not runtimes.
 */
export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const m = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/src\/index\.js/.exec(pkg.scripts.start);
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
}

export interface Child {
  proc: ChildProcess;
  /** First message the child sends once it is up (e.g. its port). */
  hello: Record<string, unknown>;
  request<T = Record<string, unknown>>(msg: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startChild(script: string, args: string[] = [], env: Record<string, string> = {}, execArgv: string[] = [], opts: { compiled?: boolean } = {}): Promise<Child> {
  const file = opts.compiled ? path.join(ROOT, 'dist/bench', script.replace(/\.ts$/, '.js')) : path.join(BENCH_DIR, script);
  const proc = fork(file, args, {
    execArgv: [...(opts.compiled ? [] : ['--import', 'tsx']), '--no-deprecation', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  const hello = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${script} ${args.join(' ')} exited (${code}) before it was ready`));
    proc.once('exit', onExit);
    proc.once('message', (m: Record<string, unknown>) => { proc.off('exit', onExit); resolve(m); });
  });
  proc.on('message', (m: Record<string, unknown>) => {
    const cb = waiting.get(m.id as number);
    if (cb) { waiting.delete(m.id as number); cb(m); }
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc, hello,
    request<T>(msg: Record<string, unknown>, timeoutMs = 600_000): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => { waiting.delete(id); reject(new Error(`${script}: no answer to ${String(msg.cmd)}`)); }, timeoutMs);
        waiting.set(id, (m) => { clearTimeout(timer); resolve(m as T); });
        proc.send({ ...msg, id });
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.disconnect();
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ServerStats { cpuUserUs: number; cpuSystemUs: number; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }

export interface ServerUnderTest extends Child { base: string; stats(): Promise<ServerStats> }

export async function startServer(kind: 'booking' | 'echo-memory' | 'echo-redis', env: Record<string, string>, execArgv: string[] = []): Promise<ServerUnderTest> {
  compileServers();
  const child = await startChild('server.ts', [kind], env, [...productionNodeFlags(), '--expose-gc', ...execArgv], { compiled: true });
  return { ...child, base: `http://127.0.0.1:${child.hello.port as number}`, stats: () => child.request<ServerStats>({ cmd: 'stats' }) };
}
